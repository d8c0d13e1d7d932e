import type { XmlObject } from '../protocols/xml.js';
import { createAwsQueryService } from '../protocols/aws-query.js';
import type { ServiceEndpoint } from '../gateway/types.js';
import type { LabIdentity } from '../storage/index.js';
import { GetRole, ListRoles } from './operations.js';

export { LAB_ROLE_NAME } from './operations.js';

export function createIamService(identity: LabIdentity): ServiceEndpoint {
  return createAwsQueryService({
    signingNames: ['iam'],
    xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/',
    operations: {
      GetRole: (params) => GetRole(identity, params.get('RoleName')) as XmlObject,
      ListRoles: (params) => ListRoles(identity, params.get('PathPrefix')) as XmlObject,
    },
  });
}
