import { createAwsQueryService } from '../protocols/aws-query.js';
import { AwsError } from '../protocols/aws-error.js';
import type { ServiceEndpoint } from '../gateway/types.js';
import type { LabIdentity } from '../storage/index.js';
import { GetCallerIdentity } from './operations.js';
import { sessionDuration, type LabSessions } from './sessions.js';

export { openLabSessions, type LabSessions, type TemporaryCredentials } from './sessions.js';

export function createStsService(identity: LabIdentity, sessions: LabSessions): ServiceEndpoint {
  return createAwsQueryService({
    signingNames: ['sts'],
    xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
    operations: {
      GetCallerIdentity: () => GetCallerIdentity(identity),
      GetSessionToken: (params, request) => {
        // AWS: temporary credentials cannot ask for more temporary credentials.
        if (request.accessKeyId !== identity.accessKeyId) {
          throw new AwsError('AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
        }
        const issued = sessions.issue(sessionDuration(params.get('DurationSeconds')));
        return {
          Credentials: {
            AccessKeyId: issued.accessKeyId,
            SecretAccessKey: issued.secretAccessKey,
            SessionToken: issued.sessionToken,
            Expiration: issued.expiration,
          },
        };
      },
    },
  });
}
