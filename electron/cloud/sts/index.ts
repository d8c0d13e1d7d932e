import { createAwsQueryService } from '../protocols/aws-query.js';
import type { ServiceEndpoint } from '../gateway/types.js';
import type { LabIdentity } from '../storage/index.js';
import { GetCallerIdentity } from './operations.js';

export function createStsService(identity: LabIdentity): ServiceEndpoint {
  return createAwsQueryService({
    signingNames: ['sts'],
    xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
    operations: {
      GetCallerIdentity: () => GetCallerIdentity(identity),
    },
  });
}
