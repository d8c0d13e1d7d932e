import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import {
  createRsaKeyPair,
  importSigningKey,
  parseCertificatePem,
  randomSerialNumber,
  SIGNING_ALGORITHM,
  toPem,
  x509,
} from './x509.js';

/**
 * The lab's own certificate authority: created in `<lab>/pki` on the first start of a lab folder,
 * kept for its life. It signs the device certificates (CreateKeysAndCertificate, CSRs) and the MQTT
 * broker's server certificate, so devices verify the broker and the broker verifies devices.
 */

export interface LabPkiFiles {
  /** The CA certificate: what devices trust (`endpoints.json` → `mqtt.caFile`). */
  caCertFile: string;
  /** The CA private key, PKCS#8 PEM, mode 0600. */
  caKeyFile: string;
  /** The broker's TLS certificate and key (mode 0600). */
  serverCertFile: string;
  serverKeyFile: string;
}

export function labPkiFiles(pkiDir: string): LabPkiFiles {
  return {
    caCertFile: path.join(pkiDir, 'lab-ca.pem'),
    caKeyFile: path.join(pkiDir, 'lab-ca.key'),
    serverCertFile: path.join(pkiDir, 'broker.pem'),
    serverKeyFile: path.join(pkiDir, 'broker.key'),
  };
}

export interface IssueCertificateParams {
  /** SubjectPublicKeyInfo, DER. */
  publicKey: Uint8Array;
  /** RFC 4514-style text, e.g. `CN=AWS IoT Certificate`, or a parsed name. */
  subject: string | x509.Name;
  notBefore: Date;
  notAfter: Date;
}

export interface LabCa {
  files: LabPkiFiles;
  caCertificatePem: string;
  /** A device (TLS client) certificate signed by the lab CA, PEM. */
  issueDeviceCertificate(params: IssueCertificateParams): Promise<string>;
}

export interface OpenLabCaOptions {
  /** Distinguishes labs in certificate viewers: e.g. the lab account id. */
  labName: string;
  /** Names the broker's certificate must cover (DNS names or IP addresses). */
  serverHosts: readonly string[];
  now?: () => Date;
}

const CA_NOT_AFTER = new Date('2050-12-31T23:59:59Z');
// Apple platforms refuse TLS server certificates valid for more than 825 days, whatever their CA.
const SERVER_VALIDITY_DAYS = 800;
const SERVER_RENEW_BEFORE_DAYS = 30;
const DAY_MS = 86_400_000;

/** Writes through a temporary file so a crash never leaves half a key behind. */
function writeAtomically(file: string, content: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, file);
  if (process.platform !== 'win32') chmodSync(file, mode);
}

function privateKeyPem(pkcs8: Uint8Array): string {
  return toPem(pkcs8, 'PRIVATE KEY');
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

async function createCa(files: LabPkiFiles, labName: string, now: Date): Promise<void> {
  const keys = await createRsaKeyPair();
  const name = `CN=IoT Lab CA ${labName}, OU=Local cloud, O=IoT Lab`;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: name,
    issuer: name,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: CA_NOT_AFTER,
    publicKey: keys.publicKeyDer,
    signingKey: await importSigningKey(keys.privateKeyPkcs8),
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKeyDer),
    ],
  });
  writeAtomically(files.caKeyFile, privateKeyPem(keys.privateKeyPkcs8), 0o600);
  writeAtomically(files.caCertFile, toPem(certificate.rawData), 0o644);
}

function serverCertificateIsCurrent(
  files: LabPkiFiles,
  caPem: string,
  hosts: readonly string[],
  now: Date,
): boolean {
  if (!existsSync(files.serverCertFile) || !existsSync(files.serverKeyFile)) return false;
  try {
    const server = parseCertificatePem(readFileSync(files.serverCertFile, 'utf8'));
    const ca = parseCertificatePem(caPem);
    const names = server.x509.subjectAltName ?? '';
    const covered = hosts.every((host) => names.includes(isIP(host) ? `IP Address:${host}` : `DNS:${host}`));
    const renewAt = server.notAfter.getTime() - SERVER_RENEW_BEFORE_DAYS * DAY_MS;
    return server.x509.verify(ca.x509.publicKey) && covered && now.getTime() < renewAt;
  } catch {
    return false;
  }
}

export async function openLabCa(pkiDir: string, options: OpenLabCaOptions): Promise<LabCa> {
  const files = labPkiFiles(pkiDir);
  const now = options.now ?? (() => new Date());
  if (!existsSync(files.caCertFile) || !existsSync(files.caKeyFile))
    await createCa(files, options.labName, now());
  if (process.platform !== 'win32') chmodSync(files.caKeyFile, 0o600);
  const caCertificatePem = readFileSync(files.caCertFile, 'utf8');
  const caCertificate = new x509.X509Certificate(caCertificatePem);
  const signingKey = await importSigningKey(pemBody(readFileSync(files.caKeyFile, 'utf8')));

  const issue = async (params: IssueCertificateParams, extensions: x509.Extension[]): Promise<string> => {
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerialNumber(),
      subject: params.subject,
      issuer: caCertificate.subjectName,
      notBefore: params.notBefore,
      notAfter: params.notAfter,
      publicKey: params.publicKey,
      signingKey,
      signingAlgorithm: SIGNING_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        ...extensions,
        await x509.SubjectKeyIdentifierExtension.create(params.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(caCertificate),
      ],
    });
    return toPem(certificate.rawData);
  };

  if (!serverCertificateIsCurrent(files, caCertificatePem, options.serverHosts, now())) {
    const keys = await createRsaKeyPair();
    const start = now();
    const pem = await issue(
      {
        publicKey: keys.publicKeyDer,
        subject: `CN=${options.serverHosts[0] ?? 'localhost'}, O=IoT Lab`,
        notBefore: new Date(start.getTime() - DAY_MS),
        notAfter: new Date(start.getTime() + SERVER_VALIDITY_DAYS * DAY_MS),
      },
      [
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(
          options.serverHosts.map((host) => ({ type: isIP(host) ? 'ip' : 'dns', value: host })),
        ),
      ],
    );
    writeAtomically(files.serverKeyFile, privateKeyPem(keys.privateKeyPkcs8), 0o600);
    writeAtomically(files.serverCertFile, pem, 0o644);
  }

  return {
    files,
    caCertificatePem,
    // AWS-issued device certificates carry exactly these: CA:FALSE and digitalSignature, both critical.
    issueDeviceCertificate: (params) =>
      issue(params, [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)]),
  };
}
