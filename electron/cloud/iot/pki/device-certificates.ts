import { AwsError } from '../../protocols/aws-error.js';
import type { LabCa } from './lab-ca.js';
import { createRsaKeyPair, parseCertificatePem, x509, type ParsedCertificate } from './x509.js';

/**
 * Device certificates as AWS IoT issues them: subject `CN=AWS IoT Certificate` for
 * CreateKeysAndCertificate (the CSR's own subject for CreateCertificateFromCsr and bulk registration),
 * valid from issuance to 2049-12-31T23:59:59Z.
 */
export const DEVICE_CERTIFICATE_SUBJECT = 'CN=AWS IoT Certificate';
export const DEVICE_CERTIFICATE_NOT_AFTER = new Date('2049-12-31T23:59:59Z');

export interface IssuedKeysAndCertificate {
  certificate: ParsedCertificate;
  keyPair: { PublicKey: string; PrivateKey: string };
}

function notBefore(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}

export async function issueKeysAndCertificate(ca: LabCa, now: Date): Promise<IssuedKeysAndCertificate> {
  const keys = await createRsaKeyPair();
  const pem = await ca.issueDeviceCertificate({
    publicKey: keys.publicKeyDer,
    subject: DEVICE_CERTIFICATE_SUBJECT,
    notBefore: notBefore(now),
    notAfter: DEVICE_CERTIFICATE_NOT_AFTER,
  });
  return {
    certificate: parseCertificatePem(pem),
    keyPair: { PublicKey: keys.publicKeyPem, PrivateKey: keys.privateKeyPem },
  };
}

/** Signs a PKCS#10 request with the lab CA; InvalidRequestException when it does not parse or its signature is wrong. */
export async function issueCertificateFromCsr(
  ca: LabCa,
  csrPem: string,
  now: Date,
): Promise<ParsedCertificate> {
  let request: x509.Pkcs10CertificateRequest;
  try {
    request = new x509.Pkcs10CertificateRequest(csrPem.trim());
  } catch {
    throw new AwsError('InvalidRequestException', 'The certificate signing request is not valid.', 400);
  }
  if (!(await request.verify())) {
    throw new AwsError(
      'InvalidRequestException',
      'The signature of the certificate signing request is not valid.',
      400,
    );
  }
  const pem = await ca.issueDeviceCertificate({
    publicKey: new Uint8Array(request.publicKey.rawData),
    subject: request.subjectName,
    notBefore: notBefore(now),
    notAfter: DEVICE_CERTIFICATE_NOT_AFTER,
  });
  return parseCertificatePem(pem);
}

/** A student's own certificate (RegisterCertificateWithoutCA); CertificateValidationException when it is not one. */
export function readStudentCertificate(pem: string): ParsedCertificate {
  try {
    return parseCertificatePem(pem);
  } catch {
    throw new AwsError('CertificateValidationException', 'The certificate is invalid.', 400);
  }
}
