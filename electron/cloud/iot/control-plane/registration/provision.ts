import type { CertificateStatus } from '@aws-sdk/client-iot';
import { createHash } from 'node:crypto';
import { AwsError } from '../../../protocols/aws-error.js';
import { issueCertificateFromCsr, readStudentCertificate } from '../../pki/device-certificates.js';
import type { ParsedCertificate } from '../../pki/x509.js';
import {
  announceAuthorizationChange,
  certificateArn,
  newGenerationId,
  policyArn,
  thingArn,
  type IotContext,
} from '../context.js';
import { notFound, POLICY_NAME, requireName, THING_NAME } from '../errors.js';
import { recordCertificate } from '../operations/certificates.js';
import { checkPolicyDocument } from '../operations/policies.js';
import { CreateThing, UpdateThing } from '../operations/things.js';
import { asString, lineError, resolveValue, type ProvisioningTemplate } from './template.js';

/** One line of the RESULTS report (`response`), as AWS writes it. */
export interface ProvisionedResources {
  CertificatePem?: string;
  ResourceArns: { thing?: string; certificate?: string; policy?: string };
}

type Properties = Record<string, unknown>;

interface ResolvedResource {
  type: string;
  properties: Properties;
  overrides: Properties;
}

function single(resources: ResolvedResource[], type: string): ResolvedResource | undefined {
  const matching = resources.filter((resource) => resource.type === type);
  if (matching.length > 1) throw lineError(`A template may declare only one ${type}.`);
  return matching[0];
}

function optionalString(properties: Properties, name: string): string | undefined {
  const value = properties[name];
  return value === undefined || value === null ? undefined : asString(value, name);
}

/** AWS: `ResourceConflictsException` when an override setting says FAIL and the resource exists. */
function conflict(message: string): AwsError {
  return new AwsError('ResourceConflictsException', message, 409);
}

/** Creates the thing, or applies the template's OverrideSettings to the existing one (DO_NOTHING by default). */
function provisionThing(context: IotContext, resource: ResolvedResource): string {
  const name = requireName(optionalString(resource.properties, 'ThingName'), 'ThingName', THING_NAME);
  const typeName = optionalString(resource.properties, 'ThingTypeName');
  const payload = resource.properties.AttributePayload;
  const attributes =
    typeof payload === 'object' && payload !== null ? (payload as Record<string, string>) : {};
  const existing = context.store.getThing(name);
  if (!existing) {
    CreateThing(context, { thingName: name, thingTypeName: typeName, attributePayload: { attributes } });
    return name;
  }
  const attributeSetting = String(resource.overrides.AttributePayload ?? 'DO_NOTHING');
  const typeSetting = String(resource.overrides.ThingTypeName ?? 'DO_NOTHING');
  if (attributeSetting === 'FAIL' || typeSetting === 'FAIL') throw conflict(`Thing ${name} already exists.`);
  const replaceType = typeSetting === 'REPLACE' && typeName !== undefined && typeName !== existing.typeName;
  const changeAttributes = attributeSetting === 'REPLACE' || attributeSetting === 'MERGE';
  if (replaceType || changeAttributes) {
    UpdateThing(context, {
      thingName: name,
      ...(replaceType && { thingTypeName: typeName }),
      ...(changeAttributes && { attributePayload: { attributes, merge: attributeSetting === 'MERGE' } }),
    });
  }
  return name;
}

interface CertificatePlan {
  issued?: ParsedCertificate;
  existingId?: string;
  status: CertificateStatus;
}

/** Exactly one way to name the certificate: a CSR (signed by the lab CA), an existing id, or a PEM to register. */
async function planCertificate(context: IotContext, resource: ResolvedResource): Promise<CertificatePlan> {
  const csr = optionalString(resource.properties, 'CertificateSigningRequest');
  const id = optionalString(resource.properties, 'CertificateId');
  const pem = optionalString(resource.properties, 'CertificatePem');
  if ([csr, id, pem].filter((given) => given !== undefined).length !== 1) {
    throw lineError(
      'A certificate resource needs exactly one of CertificateSigningRequest, CertificateId or CertificatePem.',
    );
  }
  const status = (optionalString(resource.properties, 'Status') ?? 'ACTIVE').toUpperCase();
  if (status !== 'ACTIVE' && status !== 'INACTIVE')
    throw lineError(`Certificate Status ${status} is not ACTIVE or INACTIVE.`);
  if (csr !== undefined)
    return { issued: await issueCertificateFromCsr(await context.ca(), csr, context.now()), status };
  if (id !== undefined) {
    if (!context.store.getCertificate(id.toLowerCase()))
      throw notFound(`The certificate ${id} does not exist.`);
    return { existingId: id.toLowerCase(), status };
  }
  const parsed = readStudentCertificate(pem ?? '');
  return context.store.getCertificate(parsed.certificateId)
    ? { existingId: parsed.certificateId, status }
    : { issued: parsed, status };
}

interface PolicyPlan {
  name: string;
  document?: string;
}

/** AWS: PolicyName (an existing policy) or PolicyDocument (named after its hash unless named), not both. */
function planPolicy(context: IotContext, resource: ResolvedResource): PolicyPlan {
  const name = optionalString(resource.properties, 'PolicyName');
  const rawDocument = resource.properties.PolicyDocument;
  if (rawDocument === undefined) {
    if (name === undefined) throw lineError('A policy resource needs PolicyName or PolicyDocument.');
    if (!context.store.getPolicy(requireName(name, 'PolicyName', POLICY_NAME)))
      throw notFound('Policy not found');
    return { name };
  }
  if (name !== undefined) throw lineError('A policy resource takes PolicyName or PolicyDocument, not both.');
  const document = checkPolicyDocument(
    typeof rawDocument === 'string' ? rawDocument : JSON.stringify(rawDocument),
  );
  return { name: createHash('sha256').update(document).digest('hex'), document };
}

/** Provisions one input line: everything it declares, wired together, or nothing. */
export async function provisionLine(
  context: IotContext,
  template: ProvisioningTemplate,
  line: Record<string, unknown>,
): Promise<ProvisionedResources> {
  const resources = Object.values(template.resources).map((resource): ResolvedResource => ({
    type: resource.Type,
    properties: resolveValue(resource.Properties, template, line) as Properties,
    overrides: resource.OverrideSettings ?? {},
  }));
  const thing = single(resources, 'AWS::IoT::Thing');
  const certificate = single(resources, 'AWS::IoT::Certificate');
  const policy = single(resources, 'AWS::IoT::Policy');
  const policyPlan = policy && planPolicy(context, policy);
  const certificatePlan = certificate && (await planCertificate(context, certificate));

  const result: ProvisionedResources = { ResourceArns: {} };
  const principals: string[] = [];
  context.store.transaction(() => {
    const now = context.now().getTime();
    if (policyPlan?.document !== undefined && !context.store.getPolicy(policyPlan.name)) {
      context.store.insertPolicy(policyPlan.name, policyPlan.document, newGenerationId(), now);
    }
    let certificateId = certificatePlan?.existingId;
    if (certificatePlan?.issued) {
      certificateId = recordCertificate(
        context,
        certificatePlan.issued,
        certificatePlan.status,
      ).certificateId;
      result.CertificatePem = certificatePlan.issued.pem;
    }
    const thingName = thing && provisionThing(context, thing);
    if (thingName) result.ResourceArns.thing = thingArn(context, thingName);
    if (certificateId) {
      const principal = certificateArn(context, certificateId);
      result.ResourceArns.certificate = principal;
      principals.push(principal);
      if (thingName) context.store.attachThingPrincipal(thingName, principal, 'NON_EXCLUSIVE_THING', now);
      if (policyPlan) context.store.attachPolicy(policyPlan.name, principal, now);
    }
    if (policyPlan) result.ResourceArns.policy = policyArn(context, policyPlan.name);
  });
  announceAuthorizationChange(context, principals);
  return result;
}
