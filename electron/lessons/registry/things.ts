import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  GetPolicyCommand,
  ListAttachedPoliciesCommand,
  ListThingPrincipalsCommand,
} from '@aws-sdk/client-iot';
import { X509Certificate, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LAB_ALLOW_ALL_POLICY } from '../../stations/fleet/index.js';
import { errorName, fail, pass, type CheckResult, type StepContext } from '../context.js';
import { defineAutomation, defineCheck } from '../registry-types.js';

/** Lesson 01: a thing, its certificate, the allow-all policy, and what attaches them. */

const thingName = z.string().regex(/^[a-zA-Z0-9:_-]{1,128}$/);
const policyName = z.string().regex(/^[\w+=,.@-]{1,128}$/);

const isNotFound = (error: unknown): boolean => errorName(error) === 'ResourceNotFoundException';

export async function thingExists(
  context: StepContext,
  name: string,
): Promise<{ thingTypeName?: string } | undefined> {
  try {
    const thing = await context.clients.iot().send(new DescribeThingCommand({ thingName: name }));
    return { thingTypeName: thing.thingTypeName };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export interface ThingCertificate {
  arn: string;
  id: string;
  status: string;
  pem: string;
}

/** The certificates attached to a thing, described (principals that are not certificates are skipped). */
export async function thingCertificates(context: StepContext, name: string): Promise<ThingCertificate[]> {
  const { principals = [] } = await context.clients
    .iot()
    .send(new ListThingPrincipalsCommand({ thingName: name }));
  const certificates: ThingCertificate[] = [];
  for (const arn of principals) {
    const match = /:cert\/([0-9a-f]{64})$/.exec(arn);
    if (!match?.[1]) continue;
    const { certificateDescription } = await context.clients
      .iot()
      .send(new DescribeCertificateCommand({ certificateId: match[1] }));
    certificates.push({
      arn,
      id: match[1],
      status: certificateDescription?.status ?? 'UNKNOWN',
      pem: certificateDescription?.certificatePem ?? '',
    });
  }
  return certificates;
}

export async function attachedPolicies(context: StepContext, target: string): Promise<string[]> {
  const { policies = [] } = await context.clients.iot().send(new ListAttachedPoliciesCommand({ target }));
  return policies.flatMap((policy) => (policy.policyName ? [policy.policyName] : []));
}

/** A device's files in the lab folder: `<devicesDir>/<thing>/{certificate.pem.crt,private.pem.key}`. */
export function deviceFolder(context: StepContext, thing: string) {
  const folder = path.join(context.devicesDir, thing);
  return {
    folder,
    certificateFile: path.join(folder, 'certificate.pem.crt'),
    privateKeyFile: path.join(folder, 'private.pem.key'),
    publicKeyFile: path.join(folder, 'public.pem.key'),
  };
}

function certificateIdOf(pem: string): string | undefined {
  try {
    return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
  } catch {
    return undefined;
  }
}

/** The thing's ACTIVE certificate whose files are in the lab folder, if any. */
export async function deviceIdentity(
  context: StepContext,
  thing: string,
): Promise<{ certificatePem: string; privateKeyPem: string } | undefined> {
  const files = deviceFolder(context, thing);
  if (!existsSync(files.certificateFile) || !existsSync(files.privateKeyFile)) return undefined;
  const certificatePem = readFileSync(files.certificateFile, 'utf8');
  return { certificatePem, privateKeyPem: readFileSync(files.privateKeyFile, 'utf8') };
}

export async function savedCertificateId(context: StepContext, thing: string): Promise<string | undefined> {
  const identity = await deviceIdentity(context, thing);
  return identity ? certificateIdOf(identity.certificatePem) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Checks

export const thingExistsCheck = defineCheck({
  name: 'thing-exists',
  summary: 'The thing `thingName` is in the registry.',
  params: z.object({ thingName }),
  async run(context, params) {
    return (await thingExists(context, params.thingName))
      ? pass()
      : fail('thing-missing', { thing: params.thingName });
  },
});

async function checkThingCertificate(
  context: StepContext,
  thing: string,
): Promise<CheckResult | ThingCertificate> {
  if (!(await thingExists(context, thing))) return fail('thing-missing', { thing });
  const certificates = await thingCertificates(context, thing);
  const active = certificates.find((certificate) => certificate.status === 'ACTIVE');
  if (active) return active;
  const [first] = certificates;
  if (first)
    return fail('certificate-inactive', { thing, certificate: first.id.slice(0, 10), status: first.status });
  return fail('thing-no-certificate', { thing });
}

export const thingCertificateCheck = defineCheck({
  name: 'thing-certificate',
  summary: 'The thing has an ACTIVE certificate attached.',
  params: z.object({ thingName }),
  async run(context, params) {
    const result = await checkThingCertificate(context, params.thingName);
    return 'ok' in result ? result : pass();
  },
});

/** `iot:*`, `iot:Pub*`, `*` match `iot:Publish`, as IAM-style wildcards do (case-insensitive). */
function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return regex.test(action);
}

interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

/** The first of `actions` the document does not allow, or undefined when it allows them all. */
export function firstDeniedAction(document: string, actions: readonly string[]): string | undefined {
  let statements: PolicyStatement[] = [];
  try {
    const parsed = JSON.parse(document) as { Statement?: PolicyStatement | PolicyStatement[] };
    statements = Array.isArray(parsed.Statement)
      ? parsed.Statement
      : parsed.Statement
        ? [parsed.Statement]
        : [];
  } catch {
    return actions[0];
  }
  const list = (value: string | string[] | undefined) =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];
  return actions.find((action) => {
    const matching = statements.filter((statement) =>
      list(statement.Action).some((pattern) => actionMatches(pattern, action)),
    );
    const allowed = matching.some(
      (statement) => statement.Effect === 'Allow' && list(statement.Resource).length > 0,
    );
    const denied = matching.some((statement) => statement.Effect === 'Deny');
    return !allowed || denied;
  });
}

const policyParams = z.object({
  policyName,
  /** The actions the device needs. */
  actions: z.array(z.string().regex(/^iot:[A-Za-z*]+$/)).min(1),
});

export const policyAllowsCheck = defineCheck({
  name: 'policy-allows',
  summary: 'The policy `policyName` exists and allows each of `actions`.',
  params: policyParams,
  async run(context, params) {
    let document: string;
    try {
      const policy = await context.clients
        .iot()
        .send(new GetPolicyCommand({ policyName: params.policyName }));
      document = policy.policyDocument ?? '';
    } catch (error) {
      if (isNotFound(error)) return fail('policy-missing', { policy: params.policyName });
      throw error;
    }
    const denied = firstDeniedAction(document, params.actions);
    return denied ? fail('policy-does-not-allow', { policy: params.policyName, action: denied }) : pass();
  },
});

const attachmentParams = z.object({ thingName, policyName });

export const policyAttachedCheck = defineCheck({
  name: 'policy-attached',
  summary: "The thing's ACTIVE certificate has the policy `policyName` attached.",
  params: attachmentParams,
  async run(context, params) {
    const certificate = await checkThingCertificate(context, params.thingName);
    if ('ok' in certificate) return certificate;
    const policies = await attachedPolicies(context, certificate.arn);
    return policies.includes(params.policyName)
      ? pass()
      : fail('policy-not-attached', { thing: params.thingName, policy: params.policyName });
  },
});

// ---------------------------------------------------------------------------------------------
// Automations

export const createThing = defineAutomation({
  name: 'create-thing',
  summary: 'Creates the thing `thingName` (no type, no attributes) unless it exists.',
  params: z.object({ thingName }),
  async run(context, params) {
    const resource = { kind: 'thing' as const, name: params.thingName };
    if (await thingExists(context, params.thingName)) return context.reused(resource);
    context.progress('create', resource);
    await context.clients.iot().send(new CreateThingCommand({ thingName: params.thingName }));
    context.created(resource);
  },
});

export const createThingCertificate = defineAutomation({
  name: 'create-thing-certificate',
  summary:
    "Creates an ACTIVE certificate and key pair, saves them in the lab's devices folder and attaches the certificate to the thing; reuses one whose files are already there.",
  params: z.object({ thingName }),
  async run(context, params) {
    const thing = params.thingName;
    if (!(await thingExists(context, thing)))
      throw new Error(`The thing ${thing} does not exist yet: create it first (previous step).`);
    const savedId = await savedCertificateId(context, thing);
    const attached = await thingCertificates(context, thing);
    const reusable = attached.find(
      (certificate) => certificate.id === savedId && certificate.status === 'ACTIVE',
    );
    if (reusable) return context.reused({ kind: 'certificate', name: reusable.id.slice(0, 10) });

    context.progress('create', { kind: 'certificate', name: thing });
    const created = await context.clients
      .iot()
      .send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    const certificateId = created.certificateId ?? '';
    const certificateArn = created.certificateArn ?? '';
    context.created({
      kind: 'certificate',
      name: certificateId.slice(0, 10),
      data: { certificateId, certificateArn },
    });

    const files = deviceFolder(context, thing);
    const folderExisted = existsSync(files.folder);
    mkdirSync(files.folder, { recursive: true, mode: 0o700 });
    writeFileSync(files.certificateFile, created.certificatePem ?? '');
    writeFileSync(files.privateKeyFile, created.keyPair?.PrivateKey ?? '', { mode: 0o600 });
    writeFileSync(files.publicKeyFile, created.keyPair?.PublicKey ?? '');
    context.created({
      kind: 'device-files',
      name: files.folder,
      data: {
        folder: files.folder,
        removeFolder: !folderExisted,
        files: [files.certificateFile, files.privateKeyFile, files.publicKeyFile],
      },
    });

    await context.clients
      .iot()
      .send(new AttachThingPrincipalCommand({ thingName: thing, principal: certificateArn }));
    context.created({
      kind: 'thing-principal',
      name: `${thing} ↔ ${certificateId.slice(0, 10)}`,
      data: { thingName: thing, principal: certificateArn },
    });
  },
});

export const createPolicy = defineAutomation({
  name: 'create-policy',
  summary: "Creates the policy `policyName` with the lab's allow-all document (iot:* on *) unless it exists.",
  params: z.object({ policyName }),
  async run(context, params) {
    const resource = { kind: 'policy' as const, name: params.policyName };
    try {
      const existing = await context.clients
        .iot()
        .send(new GetPolicyCommand({ policyName: params.policyName }));
      // Someone else's policy is not rewritten: say what it lacks instead.
      const denied = firstDeniedAction(existing.policyDocument ?? '', ['iot:*']);
      if (denied)
        throw new Error(
          `The policy ${params.policyName} exists but does not allow every IoT action: edit it, or delete it and press "Do it for me" again.`,
        );
      return context.reused(resource);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    context.progress('create', resource);
    await context.clients
      .iot()
      .send(new CreatePolicyCommand({ policyName: params.policyName, policyDocument: LAB_ALLOW_ALL_POLICY }));
    context.created(resource);
  },
});

export const attachPolicy = defineAutomation({
  name: 'attach-policy',
  summary: "Attaches the policy to the thing's ACTIVE certificate.",
  params: attachmentParams,
  async run(context, params) {
    const certificate = await checkThingCertificate(context, params.thingName);
    if ('ok' in certificate)
      throw new Error(`${params.thingName} has no ACTIVE certificate yet: do the certificate step first.`);
    const resource = {
      kind: 'policy-attachment' as const,
      name: `${params.policyName} → ${certificate.id.slice(0, 10)}`,
    };
    if ((await attachedPolicies(context, certificate.arn)).includes(params.policyName))
      return context.reused(resource);
    context.progress('create', resource);
    await context.clients
      .iot()
      .send(new AttachPolicyCommand({ policyName: params.policyName, target: certificate.arn }));
    context.created({ ...resource, data: { policyName: params.policyName, target: certificate.arn } });
  },
});
