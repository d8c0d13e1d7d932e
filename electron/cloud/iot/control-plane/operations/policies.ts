import type {
  CreatePolicyRequest,
  CreatePolicyResponse,
  CreatePolicyVersionRequest,
  CreatePolicyVersionResponse,
  DeletePolicyRequest,
  DeletePolicyVersionRequest,
  GetPolicyRequest,
  GetPolicyResponse,
  GetPolicyVersionRequest,
  GetPolicyVersionResponse,
  ListPoliciesRequest,
  ListPoliciesResponse,
  ListPolicyVersionsRequest,
  ListPolicyVersionsResponse,
  SetDefaultPolicyVersionRequest,
} from '@aws-sdk/client-iot';
import { AwsError } from '../../../protocols/aws-error.js';
import { parsePolicyDocument } from '../../policy/document.js';
import { announceAuthorizationChange, newGenerationId, policyArn, type IotContext } from '../context.js';
import {
  alreadyExists,
  deleteConflict,
  invalidRequest,
  missingMember,
  notFound,
  POLICY_NAME,
  requireName,
  validationError,
} from '../errors.js';
import { paginate } from '../pagination.js';
import type { PolicyRecord, PolicyVersionRecord } from '../store/index.js';

/** AWS: a policy keeps at most five versions. */
export const MAX_POLICY_VERSIONS = 5;

export function requirePolicy(context: IotContext, name: unknown): PolicyRecord {
  const policyName = requireName(name, 'policyName', POLICY_NAME);
  const policy = context.store.getPolicy(policyName);
  if (!policy) throw notFound('Policy not found');
  return policy;
}

function requireVersion(context: IotContext, policy: PolicyRecord, versionId: unknown): PolicyVersionRecord {
  if (typeof versionId !== 'string' || !/^[0-9]+$/.test(versionId)) {
    throw validationError(
      'policyVersionId',
      versionId,
      'Member must satisfy regular expression pattern: [0-9]+',
    );
  }
  const version = context.store.getPolicyVersion(policy.name, Number(versionId));
  if (!version) throw notFound(`The policy version ${versionId} of policy ${policy.name} does not exist.`);
  return version;
}

/** The document as stored: validated, and exactly the text the caller sent (AWS answers it back unchanged). */
export function checkPolicyDocument(document: unknown): string {
  if (typeof document !== 'string' || document === '') throw missingMember('policyDocument');
  parsePolicyDocument(document);
  return document;
}

/** The certificates a policy applies to should re-read it. */
function announcePolicyChange(context: IotContext, policyName: string): void {
  announceAuthorizationChange(context, context.store.listPolicyTargets(policyName));
}

export function CreatePolicy(context: IotContext, input: CreatePolicyRequest): CreatePolicyResponse {
  const name = requireName(input.policyName, 'policyName', POLICY_NAME);
  const document = checkPolicyDocument(input.policyDocument);
  if (context.store.getPolicy(name)) {
    throw alreadyExists(
      `Policy cannot be created - name already exists (name=${name})`,
      name,
      policyArn(context, name),
    );
  }
  context.store.insertPolicy(name, document, newGenerationId(), context.now().getTime());
  return {
    policyName: name,
    policyArn: policyArn(context, name),
    policyDocument: document,
    policyVersionId: '1',
  };
}

export function GetPolicy(context: IotContext, input: GetPolicyRequest): GetPolicyResponse {
  const policy = requirePolicy(context, input.policyName);
  const version = context.store.getPolicyVersion(policy.name, policy.defaultVersion);
  return {
    policyName: policy.name,
    policyArn: policyArn(context, policy.name),
    policyDocument: version?.document,
    defaultVersionId: String(policy.defaultVersion),
    creationDate: new Date(policy.creationDate),
    lastModifiedDate: new Date(policy.lastModifiedDate),
    generationId: policy.generationId,
  };
}

export function ListPolicies(
  context: IotContext,
  input: ListPoliciesRequest & { pageSize: number },
): ListPoliciesResponse {
  const page = paginate(context.store.listPolicies(), (policy) => policy.name, {
    token: input.marker,
    limit: input.pageSize,
    descending: input.ascendingOrder === false,
    tokenName: 'marker',
  });
  const output: ListPoliciesResponse = {
    policies: page.items.map((policy) => ({
      policyName: policy.name,
      policyArn: policyArn(context, policy.name),
    })),
  };
  if (page.next) output.nextMarker = page.next;
  return output;
}

export function CreatePolicyVersion(
  context: IotContext,
  input: CreatePolicyVersionRequest,
): CreatePolicyVersionResponse {
  const policy = requirePolicy(context, input.policyName);
  const document = checkPolicyDocument(input.policyDocument);
  if (context.store.listPolicyVersions(policy.name).length >= MAX_POLICY_VERSIONS) {
    throw new AwsError(
      'VersionsLimitExceededException',
      `The policy ${policy.name} already has the maximum number of versions (${MAX_POLICY_VERSIONS})`,
      409,
    );
  }
  const now = context.now().getTime();
  const version = context.store.transaction(() => {
    const id = context.store.insertPolicyVersion(policy.name, document, now);
    if (input.setAsDefault) context.store.setDefaultPolicyVersion(policy.name, id, newGenerationId(), now);
    return id;
  });
  if (input.setAsDefault) announcePolicyChange(context, policy.name);
  return {
    policyArn: policyArn(context, policy.name),
    policyDocument: document,
    policyVersionId: String(version),
    isDefaultVersion: input.setAsDefault === true,
  };
}

export function GetPolicyVersion(
  context: IotContext,
  input: GetPolicyVersionRequest,
): GetPolicyVersionResponse {
  const policy = requirePolicy(context, input.policyName);
  const version = requireVersion(context, policy, input.policyVersionId);
  return {
    policyArn: policyArn(context, policy.name),
    policyName: policy.name,
    policyDocument: version.document,
    policyVersionId: String(version.version),
    isDefaultVersion: version.version === policy.defaultVersion,
    creationDate: new Date(version.creationDate),
    lastModifiedDate: new Date(version.creationDate),
    generationId: policy.generationId,
  };
}

export function ListPolicyVersions(
  context: IotContext,
  input: ListPolicyVersionsRequest,
): ListPolicyVersionsResponse {
  const policy = requirePolicy(context, input.policyName);
  return {
    policyVersions: context.store
      .listPolicyVersions(policy.name)
      .reverse()
      .map((version) => ({
        versionId: String(version.version),
        isDefaultVersion: version.version === policy.defaultVersion,
        createDate: new Date(version.creationDate),
      })),
  };
}

export function SetDefaultPolicyVersion(
  context: IotContext,
  input: SetDefaultPolicyVersionRequest,
): Record<string, never> {
  const policy = requirePolicy(context, input.policyName);
  const version = requireVersion(context, policy, input.policyVersionId);
  if (version.version === policy.defaultVersion) return {};
  context.store.setDefaultPolicyVersion(
    policy.name,
    version.version,
    newGenerationId(),
    context.now().getTime(),
  );
  announcePolicyChange(context, policy.name);
  return {};
}

export function DeletePolicyVersion(
  context: IotContext,
  input: DeletePolicyVersionRequest,
): Record<string, never> {
  const policy = requirePolicy(context, input.policyName);
  const version = requireVersion(context, policy, input.policyVersionId);
  if (version.version === policy.defaultVersion)
    throw invalidRequest('Cannot delete the default version of a policy');
  context.store.deletePolicyVersion(policy.name, version.version);
  return {};
}

/** AWS: only a policy attached to nothing and left with its default version alone. */
export function DeletePolicy(context: IotContext, input: DeletePolicyRequest): Record<string, never> {
  const policy = requirePolicy(context, input.policyName);
  if (context.store.listPolicyTargets(policy.name).length > 0) {
    throw deleteConflict(
      `The policy cannot be deleted as the policy is attached to one or more principals (name=${policy.name})`,
    );
  }
  if (context.store.listPolicyVersions(policy.name).length > 1) {
    throw deleteConflict(
      `Cannot delete the policy because it has one or more policy versions attached to it (name=${policy.name})`,
    );
  }
  context.store.deletePolicy(policy.name);
  return {};
}
