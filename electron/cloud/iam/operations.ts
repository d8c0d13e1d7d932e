import type { GetRoleResponse, ListRolesResponse, Role } from '@aws-sdk/client-iam';
import { AwsError } from '../protocols/aws-error.js';
import type { LabIdentity } from '../storage/index.js';

/**
 * AWS Academy learner labs come with one pre-made role, `LabRole`, that every lab service uses
 * (IoT rules, bulk registration, Firehose, Glue). Students cannot create roles there, so neither can they here.
 */
export const LAB_ROLE_NAME = 'LabRole';

const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: ['iot', 'firehose', 'glue', 'athena', 's3', 'dynamodb', 'ec2', 'lambda'].map((service) => ({
    Effect: 'Allow',
    Principal: { Service: `${service}.amazonaws.com` },
    Action: 'sts:AssumeRole',
  })),
};

// A fixed date: the role exists since the lab account was "provisioned".
const LAB_ROLE_CREATED = new Date('2024-01-01T00:00:00Z');

export function labRole(identity: LabIdentity): Role {
  return {
    Path: '/',
    RoleName: LAB_ROLE_NAME,
    RoleId: `AROA${identity.accessKeyId.slice(4)}`,
    Arn: `arn:aws:iam::${identity.accountId}:role/${LAB_ROLE_NAME}`,
    CreateDate: LAB_ROLE_CREATED,
    // AWS: GetRole returns the trust policy URL-encoded.
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(TRUST_POLICY)),
    Description: 'The lab role of AWS Academy learner labs, trusted by the services the lab uses.',
    MaxSessionDuration: 3600,
  };
}

export function GetRole(identity: LabIdentity, roleName: string | null): Pick<GetRoleResponse, 'Role'> {
  if (!roleName) throw new AwsError('ValidationError', "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null", 400);
  if (roleName !== LAB_ROLE_NAME) {
    throw new AwsError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
  }
  return { Role: labRole(identity) };
}

export function ListRoles(identity: LabIdentity, pathPrefix: string | null): Omit<ListRolesResponse, '$metadata'> {
  const role = labRole(identity);
  const roles = !pathPrefix || (role.Path ?? '/').startsWith(pathPrefix) ? [role] : [];
  return { Roles: roles, IsTruncated: false };
}
