import type { GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import type { LabIdentity } from '../storage/index.js';

/** The lab's caller is a user named `student`, in the lab's fixed account. */
export const LAB_USER_NAME = 'student';

export function GetCallerIdentity(identity: LabIdentity): Required<Omit<GetCallerIdentityResponse, '$metadata'>> {
  return {
    // AWS: UserId of an IAM user is its unique id (AIDA…); the lab derives one from the access key.
    UserId: `AIDA${identity.accessKeyId.slice(4)}`,
    Account: identity.accountId,
    Arn: `arn:aws:iam::${identity.accountId}:user/${LAB_USER_NAME}`,
  };
}
