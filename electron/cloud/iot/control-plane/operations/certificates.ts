import type {
  Certificate,
  CertificateDescription,
  CertificateStatus,
  CreateCertificateFromCsrRequest,
  CreateCertificateFromCsrResponse,
  CreateKeysAndCertificateRequest,
  CreateKeysAndCertificateResponse,
  DeleteCertificateRequest,
  DescribeCertificateRequest,
  DescribeCertificateResponse,
  ListCertificatesRequest,
  ListCertificatesResponse,
  RegisterCertificateWithoutCARequest,
  RegisterCertificateWithoutCAResponse,
  UpdateCertificateRequest,
} from '@aws-sdk/client-iot';
import { AwsError } from '../../../protocols/aws-error.js';
import {
  issueCertificateFromCsr,
  issueKeysAndCertificate,
  readStudentCertificate,
} from '../../pki/device-certificates.js';
import type { ParsedCertificate } from '../../pki/x509.js';
import {
  announceAuthorizationChange,
  certificateArn,
  newGenerationId,
  thingArn,
  type IotContext,
} from '../context.js';
import {
  alreadyExists,
  deleteConflict,
  invalidRequest,
  missingMember,
  notFound,
  requireCertificateId,
  validationError,
} from '../errors.js';
import { paginate, sortableTime } from '../pagination.js';
import type { CertificateRecord } from '../store/index.js';

export function requireCertificate(context: IotContext, id: string): CertificateRecord {
  const certificate = context.store.getCertificate(id);
  if (!certificate) throw notFound(`The certificate ${id} does not exist.`);
  return certificate;
}

/** Records a certificate; ResourceAlreadyExistsException when that very certificate is known already. */
export function recordCertificate(
  context: IotContext,
  certificate: ParsedCertificate,
  status: CertificateStatus,
  caCertificateId?: string,
): { certificateId: string; certificateArn: string } {
  const id = certificate.certificateId;
  const arn = certificateArn(context, id);
  if (context.store.getCertificate(id))
    throw alreadyExists('The certificate is already provisioned or registered', id, arn);
  context.store.insertCertificate({
    id,
    pem: certificate.pem,
    status,
    caCertificateId,
    mode: 'DEFAULT',
    subject: certificate.subject,
    issuer: certificate.issuer,
    notBefore: certificate.notBefore.getTime(),
    notAfter: certificate.notAfter.getTime(),
    generationId: newGenerationId(),
    creationDate: context.now().getTime(),
  });
  return { certificateId: id, certificateArn: arn };
}

export async function CreateKeysAndCertificate(
  context: IotContext,
  input: CreateKeysAndCertificateRequest,
): Promise<CreateKeysAndCertificateResponse> {
  const issued = await issueKeysAndCertificate(await context.ca(), context.now());
  const ids = recordCertificate(context, issued.certificate, input.setAsActive ? 'ACTIVE' : 'INACTIVE');
  return { ...ids, certificatePem: issued.certificate.pem, keyPair: issued.keyPair };
}

export async function CreateCertificateFromCsr(
  context: IotContext,
  input: CreateCertificateFromCsrRequest,
): Promise<CreateCertificateFromCsrResponse> {
  if (!input.certificateSigningRequest) throw missingMember('certificateSigningRequest');
  const certificate = await issueCertificateFromCsr(
    await context.ca(),
    input.certificateSigningRequest,
    context.now(),
  );
  const ids = recordCertificate(context, certificate, input.setAsActive ? 'ACTIVE' : 'INACTIVE');
  return { ...ids, certificatePem: certificate.pem };
}

export function RegisterCertificateWithoutCA(
  context: IotContext,
  input: RegisterCertificateWithoutCARequest,
): RegisterCertificateWithoutCAResponse {
  if (!input.certificatePem) throw missingMember('certificatePem');
  const status = input.status ?? 'INACTIVE';
  if (status !== 'ACTIVE' && status !== 'INACTIVE') {
    throw validationError('status', status, 'Member must satisfy enum value set: [ACTIVE, INACTIVE]');
  }
  return recordCertificate(context, readStudentCertificate(input.certificatePem), status);
}

export function DescribeCertificate(
  context: IotContext,
  input: DescribeCertificateRequest,
): DescribeCertificateResponse {
  const certificate = requireCertificate(context, requireCertificateId(input.certificateId));
  const description: CertificateDescription = {
    certificateArn: certificateArn(context, certificate.id),
    certificateId: certificate.id,
    status: certificate.status,
    certificatePem: certificate.pem,
    ownedBy: context.identity.accountId,
    creationDate: new Date(certificate.creationDate),
    lastModifiedDate: new Date(certificate.lastModifiedDate),
    customerVersion: certificate.customerVersion,
    transferData: {},
    generationId: certificate.generationId,
    validity: { notBefore: new Date(certificate.notBefore), notAfter: new Date(certificate.notAfter) },
    certificateMode: certificate.mode,
  };
  if (certificate.caCertificateId) description.caCertificateId = certificate.caCertificateId;
  return { certificateDescription: description };
}

/** AWS: newest first unless `ascendingOrder`; 25 per page by default. */
export function ListCertificates(
  context: IotContext,
  input: ListCertificatesRequest & { pageSize: number },
): ListCertificatesResponse {
  const page = paginate(
    context.store.listCertificates(),
    (c) => `${sortableTime(c.creationDate)}:${sortableTime(c.sequence)}`,
    {
      token: input.marker,
      limit: input.pageSize,
      descending: !input.ascendingOrder,
      tokenName: 'marker',
    },
  );
  const output: ListCertificatesResponse = {
    certificates: page.items.map((certificate): Certificate => ({
      certificateArn: certificateArn(context, certificate.id),
      certificateId: certificate.id,
      status: certificate.status,
      certificateMode: certificate.mode,
      creationDate: new Date(certificate.creationDate),
    })),
  };
  if (page.next) output.nextMarker = page.next;
  return output;
}

const STATUSES = [
  'ACTIVE',
  'INACTIVE',
  'REVOKED',
  'PENDING_TRANSFER',
  'REGISTER_INACTIVE',
  'PENDING_ACTIVATION',
];

export function UpdateCertificate(
  context: IotContext,
  input: UpdateCertificateRequest,
): Record<string, never> {
  const id = requireCertificateId(input.certificateId);
  const status = input.newStatus;
  if (!status) throw missingMember('newStatus');
  if (!STATUSES.includes(status)) {
    throw validationError(
      'newStatus',
      status,
      `Member must satisfy enum value set: [${STATUSES.join(', ')}]`,
    );
  }
  // AWS: PENDING_TRANSFER and PENDING_ACTIVATION are internal statuses; setting them throws.
  if (status === 'PENDING_TRANSFER' || status === 'PENDING_ACTIVATION') {
    throw invalidRequest(`The certificate status ${status} cannot be set with UpdateCertificate.`);
  }
  const certificate = requireCertificate(context, id);
  if (certificate.status === status) return {};
  // AWS: "Once a certificate is revoked, its status can't be changed."
  if (certificate.status === 'REVOKED') {
    throw new AwsError(
      'CertificateStateException',
      'The certificate is revoked: its status cannot be changed.',
      406,
    );
  }
  context.store.setCertificateStatus(id, status, newGenerationId(), context.now().getTime());
  context.events.emit('certificateStatusChanged', {
    certificateId: id,
    certificateArn: certificateArn(context, id),
    previousStatus: certificate.status,
    status,
  });
  return {};
}

/**
 * AWS: a certificate cannot be deleted while ACTIVE or attached to a thing; attached policies block
 * the deletion unless `forceDelete`, which detaches them.
 */
export function DeleteCertificate(
  context: IotContext,
  input: DeleteCertificateRequest,
): Record<string, never> {
  const id = requireCertificateId(input.certificateId);
  const certificate = requireCertificate(context, id);
  const arn = certificateArn(context, id);
  if (certificate.status === 'ACTIVE') {
    throw new AwsError(
      'CertificateStateException',
      'Certificate must be deactivated (not ACTIVE) before deletion.',
      406,
    );
  }
  const things = context.store.listPrincipalThings(arn);
  if (things.length > 0) {
    throw deleteConflict(
      `Things must be detached before deletion (arn: ${thingArn(context, things[0]!.thingName)})`,
    );
  }
  const policies = context.store.listAttachedPolicyNames(arn);
  if (policies.length > 0 && !input.forceDelete) {
    throw deleteConflict(`Certificate policies must be detached before deletion (arn: ${arn})`);
  }
  context.store.transaction(() => {
    context.store.detachAllPolicies(arn);
    context.store.deleteCertificate(id);
  });
  context.events.emit('certificateStatusChanged', {
    certificateId: id,
    certificateArn: arn,
    previousStatus: certificate.status,
    status: 'DELETED',
  });
  if (policies.length > 0) announceAuthorizationChange(context, [arn]);
  return {};
}
