import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateCertificateFromCsrCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  DescribeEndpointCommand,
  DetachThingPrincipalCommand,
  ListCertificatesCommand,
  ListTargetsForPolicyCommand,
  RegisterCertificateWithoutCACommand,
  UpdateCertificateCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, createPrivateKey, createPublicKey, webcrypto, X509Certificate } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalCloud } from '../../electron/cloud/index.js';
import { startTestCloud } from '../helpers/local-cloud.js';
import { iotClient, labCaPem } from './iot-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let iot: IoTClient;
let arnPrefix: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  iot = iotClient(cloud);
  arnPrefix = `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}`;
});
afterAll(async () => {
  await cloud.dispose();
});

x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);
type KeyPair = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'];

const ALLOW_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
});

/** A key pair and a self-signed certificate, made the way a student would with openssl. */
async function selfSignedCertificate(commonName: string): Promise<string> {
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    keys: keys as unknown as KeyPair,
    notAfter: new Date('2030-01-01T00:00:00Z'),
  });
  return certificate.toString('pem');
}

describe('CreateKeysAndCertificate', () => {
  it('issues an RSA-2048 key pair and a certificate signed by the lab CA, as AWS does', async () => {
    const created = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    const certificate = new X509Certificate(created.certificatePem ?? '');
    const ca = new X509Certificate(labCaPem(cloud));
    expect(certificate.verify(ca.publicKey)).toBe(true);
    expect(certificate.checkIssued(ca)).toBe(true);
    expect(created.certificateId).toBe(createHash('sha256').update(certificate.raw).digest('hex'));
    expect(created.certificateArn).toBe(`${arnPrefix}:cert/${created.certificateId}`);
    expect(certificate.subject).toBe('CN=AWS IoT Certificate');
    expect(new Date(certificate.validTo).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(Math.abs(new Date(certificate.validFrom).getTime() - Date.now())).toBeLessThan(120_000);
    expect(certificate.ca).toBe(false);
    expect(created.keyPair?.PrivateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(created.keyPair?.PublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const publicKey = createPublicKey(created.keyPair?.PublicKey ?? '');
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(certificate.publicKey.export({ type: 'spki', format: 'pem' })).toBe(
      publicKey.export({ type: 'spki', format: 'pem' }),
    );
    expect(certificate.checkPrivateKey(createPrivateKey(created.keyPair?.PrivateKey ?? ''))).toBe(true);
  });

  it('is INACTIVE unless setAsActive, and DescribeCertificate shows what AWS shows', async () => {
    const created = await iot.send(new CreateKeysAndCertificateCommand({}));
    const { certificateDescription: description } = await iot.send(
      new DescribeCertificateCommand({ certificateId: created.certificateId }),
    );
    expect(description).toMatchObject({
      certificateArn: created.certificateArn,
      certificateId: created.certificateId,
      status: 'INACTIVE',
      certificatePem: created.certificatePem,
      ownedBy: cloud.endpoints.accountId,
      customerVersion: 1,
      certificateMode: 'DEFAULT',
      validity: { notAfter: new Date('2049-12-31T23:59:59Z') },
    });
    expect(description?.creationDate).toBeInstanceOf(Date);
    expect(description?.generationId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the CA private key readable by the user only', () => {
    expect(statSync(path.join(cloud.storage.layout.pki, 'lab-ca.key')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(cloud.storage.layout.pki, 'broker.key')).mode & 0o777).toBe(0o600);
  });
});

describe('certificate status and deletion', () => {
  it('UpdateCertificate moves between ACTIVE and INACTIVE; REVOKED is final', async () => {
    const { certificateId } = await iot.send(new CreateKeysAndCertificateCommand({}));
    const status = async () =>
      (await iot.send(new DescribeCertificateCommand({ certificateId }))).certificateDescription?.status;
    await iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'ACTIVE' }));
    expect(await status()).toBe('ACTIVE');
    await iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' }));
    expect(await status()).toBe('INACTIVE');
    await iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'REVOKED' }));
    await iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'REVOKED' }));
    await expect(
      iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'ACTIVE' })),
    ).rejects.toMatchObject({
      name: 'CertificateStateException',
      $metadata: { httpStatusCode: 406 },
    });
    await expect(
      iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'PENDING_TRANSFER' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
  });

  it('answers ResourceNotFoundException for an unknown id and InvalidRequestException for a malformed one', async () => {
    await expect(
      iot.send(new DescribeCertificateCommand({ certificateId: 'a'.repeat(64) })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iot.send(new DescribeCertificateCommand({ certificateId: 'abc' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('DeleteCertificate refuses an ACTIVE certificate, one attached to a thing, and one with policies unless forced', async () => {
    const { certificateId, certificateArn } = await iot.send(
      new CreateKeysAndCertificateCommand({ setAsActive: true }),
    );
    await iot.send(new CreateThingCommand({ thingName: 'holder' }));
    await iot.send(new CreatePolicyCommand({ policyName: 'delete-me-policy', policyDocument: ALLOW_ALL }));
    await iot.send(new AttachThingPrincipalCommand({ thingName: 'holder', principal: certificateArn }));
    await iot.send(new AttachPolicyCommand({ policyName: 'delete-me-policy', target: certificateArn }));

    await expect(iot.send(new DeleteCertificateCommand({ certificateId }))).rejects.toMatchObject({
      name: 'CertificateStateException',
      message: 'Certificate must be deactivated (not ACTIVE) before deletion.',
      $metadata: { httpStatusCode: 406 },
    });
    await iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' }));
    await expect(
      iot.send(new DeleteCertificateCommand({ certificateId, forceDelete: true })),
    ).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: `Things must be detached before deletion (arn: ${arnPrefix}:thing/holder)`,
      $metadata: { httpStatusCode: 409 },
    });
    await iot.send(new DetachThingPrincipalCommand({ thingName: 'holder', principal: certificateArn }));
    await expect(iot.send(new DeleteCertificateCommand({ certificateId }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: `Certificate policies must be detached before deletion (arn: ${certificateArn})`,
    });
    await iot.send(new DeleteCertificateCommand({ certificateId, forceDelete: true }));
    await expect(iot.send(new DescribeCertificateCommand({ certificateId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(
      (await iot.send(new ListTargetsForPolicyCommand({ policyName: 'delete-me-policy' }))).targets,
    ).toEqual([]);
  });
});

describe('ListCertificates', () => {
  it('pages with pageSize/marker, newest first unless ascendingOrder', async () => {
    const isolated = await startTestCloud();
    try {
      const client = iotClient(isolated);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await client.send(new CreateKeysAndCertificateCommand({}))).certificateId ?? '');
      const seen: string[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(new ListCertificatesCommand({ pageSize: 2, marker }));
        expect(page.certificates?.length).toBeLessThanOrEqual(2);
        seen.push(...(page.certificates ?? []).map((c) => c.certificateId ?? ''));
        marker = page.nextMarker;
      } while (marker);
      expect(seen).toEqual([...ids].reverse());
      const ascending = await client.send(new ListCertificatesCommand({ ascendingOrder: true }));
      expect(ascending.certificates?.map((c) => c.certificateId)).toEqual(ids);
      expect(ascending.certificates?.[0]).toMatchObject({
        status: 'INACTIVE',
        certificateMode: 'DEFAULT',
        creationDate: expect.any(Date),
      });
    } finally {
      await isolated.dispose();
    }
  });
});

describe('certificates a student brings', () => {
  it('RegisterCertificateWithoutCA records a student PEM with its own id and status', async () => {
    const pem = await selfSignedCertificate('my-own-device');
    const registered = await iot.send(
      new RegisterCertificateWithoutCACommand({ certificatePem: pem, status: 'ACTIVE' }),
    );
    expect(registered.certificateId).toBe(
      createHash('sha256').update(new X509Certificate(pem).raw).digest('hex'),
    );
    const { certificateDescription } = await iot.send(
      new DescribeCertificateCommand({ certificateId: registered.certificateId }),
    );
    expect(certificateDescription).toMatchObject({
      status: 'ACTIVE',
      validity: { notAfter: new Date('2030-01-01T00:00:00Z') },
    });
    await expect(
      iot.send(new RegisterCertificateWithoutCACommand({ certificatePem: pem })),
    ).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'The certificate is already provisioned or registered',
      resourceId: registered.certificateId,
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      iot.send(new RegisterCertificateWithoutCACommand({ certificatePem: 'not a certificate' })),
    ).rejects.toMatchObject({
      name: 'CertificateValidationException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('CreateCertificateFromCsr signs a CSR with the lab CA, keeping its subject', async () => {
    const algorithm = {
      name: 'RSASSA-PKCS1-v1_5',
      hash: 'SHA-256',
      publicExponent: new Uint8Array([1, 0, 1]),
      modulusLength: 2048,
    };
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=Big Orchestra, O=AWS',
      keys: keys as unknown as KeyPair,
      signingAlgorithm: algorithm,
    });
    const created = await iot.send(
      new CreateCertificateFromCsrCommand({
        certificateSigningRequest: csr.toString('pem'),
        setAsActive: true,
      }),
    );
    const certificate = new X509Certificate(created.certificatePem ?? '');
    expect(certificate.subject).toBe('CN=Big Orchestra\nO=AWS');
    expect(certificate.verify(new X509Certificate(labCaPem(cloud)).publicKey)).toBe(true);
    const { certificateDescription } = await iot.send(
      new DescribeCertificateCommand({ certificateId: created.certificateId }),
    );
    expect(certificateDescription?.status).toBe('ACTIVE');
  });
});

describe('DescribeEndpoint', () => {
  it('answers a host that resolves to this computer and that the broker certificate covers', async () => {
    const { endpointAddress } = await iot.send(new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }));
    expect(endpointAddress).toBe('localhost');
    const address = await lookup(endpointAddress ?? '');
    expect(['127.0.0.1', '::1']).toContain(address.address);
    const broker = new X509Certificate(readFileSync(path.join(cloud.storage.layout.pki, 'broker.pem')));
    expect(broker.checkHost(endpointAddress ?? '')).toBe(endpointAddress);
    expect(broker.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(broker.verify(new X509Certificate(labCaPem(cloud)).publicKey)).toBe(true);
    await expect(iot.send(new DescribeEndpointCommand({ endpointType: 'iot:Nope' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
  });

  it('is the same, with the same CA, after a restart of the same lab folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-restart-'));
    try {
      const first = await createLocalCloud({ dir });
      const before = await iotClient(first).send(
        new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }),
      );
      const { certificatePem } = await iotClient(first).send(new CreateKeysAndCertificateCommand({}));
      const caBefore = labCaPem(first);
      await first.stop();
      const second = await createLocalCloud({ dir });
      try {
        const after = await iotClient(second).send(
          new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }),
        );
        expect(after.endpointAddress).toBe(before.endpointAddress);
        expect(labCaPem(second)).toBe(caBefore);
        expect(
          new X509Certificate(certificatePem ?? '').verify(new X509Certificate(labCaPem(second)).publicKey),
        ).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
