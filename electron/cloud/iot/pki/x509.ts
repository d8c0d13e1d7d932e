import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, generateKeyPair, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * X.509 plumbing shared by the lab CA and the device certificates: key pairs, signing, PEM, ids.
 * `@peculiar/x509` needs `reflect-metadata` loaded first and a WebCrypto provider.
 */
x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);

export { x509 };

export const SIGNING_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

const generateRsaKeyPair = promisify(generateKeyPair);

export interface RsaKeyPair {
  /** SubjectPublicKeyInfo, DER. */
  publicKeyDer: Buffer;
  /** `-----BEGIN PUBLIC KEY-----`, as AWS returns `keyPair.PublicKey`. */
  publicKeyPem: string;
  /** `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1), as AWS returns `keyPair.PrivateKey`. */
  privateKeyPem: string;
  /** PKCS#8 DER, to import as a signing key. */
  privateKeyPkcs8: Buffer;
}

/** A fresh RSA-2048 key pair. Generated on libuv's thread pool: the event loop keeps serving meanwhile. */
export async function createRsaKeyPair(): Promise<RsaKeyPair> {
  const { publicKey, privateKey } = await generateRsaKeyPair('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
  });
  return {
    publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    privateKeyPkcs8: privateKey.export({ type: 'pkcs8', format: 'der' }),
  };
}

export function importSigningKey(pkcs8: Uint8Array): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', pkcs8, SIGNING_ALGORITHM, false, ['sign']);
}

/** A positive 159-bit serial number, hex (RFC 5280 §4.1.2.2: at most 20 octets, positive). */
export function randomSerialNumber(): string {
  const bytes = randomBytes(20);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

/** PEM with `\n` line ends and a final newline, as AWS returns certificates. */
export function toPem(der: ArrayBuffer | Uint8Array, label = 'CERTIFICATE'): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** AWS: a certificate's id is the SHA-256 of its DER encoding, in lowercase hex. */
export function certificateIdOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

export interface ParsedCertificate {
  certificateId: string;
  der: Buffer;
  pem: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  x509: X509Certificate;
}

/** Parses one PEM certificate with Node's own X.509 reader; throws on anything else. */
export function parseCertificatePem(pem: string): ParsedCertificate {
  const certificate = new X509Certificate(pem);
  return {
    certificateId: certificateIdOf(certificate.raw),
    der: certificate.raw,
    pem: toPem(certificate.raw),
    subject: certificate.subject,
    issuer: certificate.issuer,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    x509: certificate,
  };
}
