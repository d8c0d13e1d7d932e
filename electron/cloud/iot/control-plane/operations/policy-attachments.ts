import type {
  AttachPolicyRequest,
  AttachPrincipalPolicyRequest,
  DetachPolicyRequest,
  DetachPrincipalPolicyRequest,
  ListAttachedPoliciesRequest,
  ListAttachedPoliciesResponse,
  ListPolicyPrincipalsRequest,
  ListPolicyPrincipalsResponse,
  ListPrincipalPoliciesRequest,
  ListPrincipalPoliciesResponse,
  ListTargetsForPolicyRequest,
  ListTargetsForPolicyResponse,
} from '@aws-sdk/client-iot';
import { AwsError } from '../../../protocols/aws-error.js';
import { announceAuthorizationChange, certificateIdFromArn, policyArn, type IotContext } from '../context.js';
import { invalidRequest, missingMember, notFound } from '../errors.js';
import { paginate } from '../pagination.js';
import { requirePolicy } from './policies.js';

/** AWS quota: at most 10 policies attached to one certificate. */
export const MAX_POLICIES_PER_PRINCIPAL = 10;

/**
 * A principal or policy target this lab knows: the ARN of one of its certificates. Offline there
 * are no Cognito identities or thing groups to attach policies to.
 */
export function requireCertificatePrincipal(context: IotContext, principal: unknown, member: string): string {
  if (typeof principal !== 'string' || principal === '') throw missingMember(member);
  const id = certificateIdFromArn(context, principal);
  if (id === undefined) {
    if (/^arn:aws:iot:[^:]*:[^:]*:cert\//.test(principal))
      throw notFound(`The certificate ${principal} does not exist.`);
    throw invalidRequest(
      `The principal ${principal} is not a certificate ARN of this account (the local cloud supports certificate principals only).`,
    );
  }
  if (!context.store.getCertificate(id)) throw notFound(`The certificate ${id} does not exist.`);
  return principal;
}

function attach(context: IotContext, policyName: unknown, target: string): Record<string, never> {
  const policy = requirePolicy(context, policyName);
  const attached = context.store.listAttachedPolicyNames(target);
  if (attached.includes(policy.name)) return {};
  if (attached.length >= MAX_POLICIES_PER_PRINCIPAL) {
    throw new AwsError(
      'LimitExceededException',
      `A principal can have at most ${MAX_POLICIES_PER_PRINCIPAL} policies attached.`,
      410,
    );
  }
  context.store.attachPolicy(policy.name, target, context.now().getTime());
  announceAuthorizationChange(context, [target]);
  return {};
}

function detach(context: IotContext, policyName: unknown, target: string): Record<string, never> {
  const policy = requirePolicy(context, policyName);
  if (!context.store.detachPolicy(policy.name, target)) {
    throw notFound(`The policy ${policy.name} is not attached to ${target}.`);
  }
  announceAuthorizationChange(context, [target]);
  return {};
}

export function AttachPolicy(context: IotContext, input: AttachPolicyRequest): Record<string, never> {
  return attach(context, input.policyName, requireCertificatePrincipal(context, input.target, 'target'));
}

export function DetachPolicy(context: IotContext, input: DetachPolicyRequest): Record<string, never> {
  return detach(context, input.policyName, requireCertificatePrincipal(context, input.target, 'target'));
}

/** Deprecated by AWS in favour of AttachPolicy, but the lab's own script uses it. */
export function AttachPrincipalPolicy(
  context: IotContext,
  input: AttachPrincipalPolicyRequest,
): Record<string, never> {
  return attach(
    context,
    input.policyName,
    requireCertificatePrincipal(context, input.principal, 'principal'),
  );
}

export function DetachPrincipalPolicy(
  context: IotContext,
  input: DetachPrincipalPolicyRequest,
): Record<string, never> {
  return detach(
    context,
    input.policyName,
    requireCertificatePrincipal(context, input.principal, 'principal'),
  );
}

function policyPage(
  context: IotContext,
  target: string,
  page: { marker?: string; pageSize: number; ascendingOrder?: boolean },
): { policies: { policyName: string; policyArn: string }[]; nextMarker?: string } {
  const result = paginate(context.store.listAttachedPolicyNames(target), (name) => name, {
    token: page.marker,
    limit: page.pageSize,
    descending: page.ascendingOrder === false,
    tokenName: 'marker',
  });
  const output: { policies: { policyName: string; policyArn: string }[]; nextMarker?: string } = {
    policies: result.items.map((name) => ({ policyName: name, policyArn: policyArn(context, name) })),
  };
  if (result.next) output.nextMarker = result.next;
  return output;
}

export function ListAttachedPolicies(
  context: IotContext,
  input: ListAttachedPoliciesRequest & { pageSize: number },
): ListAttachedPoliciesResponse {
  return policyPage(context, requireCertificatePrincipal(context, input.target, 'target'), input);
}

export function ListPrincipalPolicies(
  context: IotContext,
  input: ListPrincipalPoliciesRequest & { pageSize: number },
): ListPrincipalPoliciesResponse {
  return policyPage(context, requireCertificatePrincipal(context, input.principal, 'principal'), input);
}

function targetPage(
  context: IotContext,
  policyName: unknown,
  page: { marker?: string; pageSize: number; ascendingOrder?: boolean },
): { targets: string[]; nextMarker?: string } {
  const policy = requirePolicy(context, policyName);
  const result = paginate(context.store.listPolicyTargets(policy.name), (target) => target, {
    token: page.marker,
    limit: page.pageSize,
    descending: page.ascendingOrder === false,
    tokenName: 'marker',
  });
  return result.next ? { targets: result.items, nextMarker: result.next } : { targets: result.items };
}

export function ListTargetsForPolicy(
  context: IotContext,
  input: ListTargetsForPolicyRequest & { pageSize: number },
): ListTargetsForPolicyResponse {
  return targetPage(context, input.policyName, input);
}

/** Deprecated by AWS in favour of ListTargetsForPolicy. */
export function ListPolicyPrincipals(
  context: IotContext,
  input: ListPolicyPrincipalsRequest & { pageSize: number },
): ListPolicyPrincipalsResponse {
  const { targets, nextMarker } = targetPage(context, input.policyName, input);
  return nextMarker ? { principals: targets, nextMarker } : { principals: targets };
}
