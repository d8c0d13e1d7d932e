import { CreateThingCommand, IoTClient } from '@aws-sdk/client-iot';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDevice, type DeviceConnection } from '../stations/replay/index.js';
import type {
  CloudStatus,
  FirehoseBuffers,
  MqttClientStatus,
  MqttMessageBatch,
  RuleSqlValidation,
  S3ObjectPreview,
  S3UploadProgress,
} from './contract.js';
import { createApiCore, type ApiCore, type ApiSession, type LabEvent } from './core.js';

/** The console's requests through the API core, against a real local cloud. */
describe('console requests', () => {
  let dir: string;
  let core: ApiCore;
  let session: ApiSession;
  let status: CloudStatus;
  const events: LabEvent[] = [];

  const ok = async <T>(name: string, input?: unknown): Promise<T> => {
    const result = await session.request(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'iotlab-console-'));
    core = createApiCore({ labDir: dir, app: { name: 'IoT Lab', version: '0' }, log: () => undefined });
    session = core.openSession('websocket', (event) => events.push(event));
    status = await core.ready;
  });

  afterAll(async () => {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends SDK commands and answers with JSON, dates as text', async () => {
    await ok('cloud.send', {
      service: 'iot',
      operation: 'CreateThingType',
      input: { thingTypeName: 'sensor' },
    });
    const described = await ok<{ thingTypeName: string; thingTypeMetadata: { creationDate: string } }>(
      'cloud.send',
      {
        service: 'iot',
        operation: 'DescribeThingType',
        input: { thingTypeName: 'sensor' },
      },
    );
    expect(described.thingTypeName).toBe('sensor');
    expect(described.thingTypeMetadata.creationDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(described).not.toHaveProperty('$metadata');
  });

  it('answers with the AWS error code and message', async () => {
    expect(
      await session.request('cloud.send', {
        service: 'iot',
        operation: 'DescribeThing',
        input: { thingName: 'nope' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ResourceNotFoundException', message: expect.stringContaining('nope') },
    });
    expect(
      await session.request('cloud.send', {
        service: 's3',
        operation: 'DeleteBucket',
        input: { Bucket: 'missing-bucket' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'NoSuchBucket' } });
    expect(
      await session.request('cloud.send', {
        service: 's3',
        operation: 'GetObject',
        input: { Bucket: 'b', Key: 'k' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
  });

  it('uploads in chunks, previews (gzip too) and downloads objects', async () => {
    await ok('cloud.send', { service: 's3', operation: 'CreateBucket', input: { Bucket: 'lake' } });
    const text = `${'{"n":1}\n'.repeat(100_000)}`;
    const bytes = Buffer.from(text);
    let progress: S3UploadProgress | undefined;
    for (let offset = 0; offset < bytes.length; offset += 512 * 1024) {
      progress = await ok<S3UploadProgress>('s3.uploadChunk', {
        bucket: 'lake',
        key: 'lines.json',
        uploadId: progress?.uploadId,
        contentType: 'application/json',
        chunk: bytes.subarray(offset, offset + 512 * 1024).toString('base64'),
        final: offset + 512 * 1024 >= bytes.length,
      });
    }
    expect(progress).toMatchObject({ receivedBytes: bytes.length, etag: expect.stringMatching(/^"/) });

    const preview = await ok<S3ObjectPreview>('s3.previewObject', {
      bucket: 'lake',
      key: 'lines.json',
      maxBytes: 1000,
    });
    expect(preview).toMatchObject({ size: bytes.length, gzip: false, encoding: 'utf8', truncated: true });
    expect(preview.text).toBe(text.slice(0, 1000));

    await ok('s3.uploadChunk', {
      bucket: 'lake',
      key: 'part.gz',
      chunk: gzipSync(bytes).toString('base64'),
      final: true,
    });
    const gz = await ok<S3ObjectPreview>('s3.previewObject', {
      bucket: 'lake',
      key: 'part.gz',
      maxBytes: 64,
    });
    expect(gz).toMatchObject({ gzip: true, encoding: 'utf8', truncated: true, text: text.slice(0, 64) });

    const download = await ok<{ base64: string; size: number }>('s3.downloadObject', {
      bucket: 'lake',
      key: 'lines.json',
    });
    expect(Buffer.from(download.base64, 'base64').equals(bytes)).toBe(true);
  });

  it('validates rule SQL with the engine’s parser', async () => {
    expect(
      await ok<RuleSqlValidation>('rules.validateSql', { sql: "SELECT * FROM 'sensor/#' WHERE temp > 3" }),
    ).toEqual({
      valid: true,
      topicFilter: 'sensor/#',
    });
    const refused = await ok<RuleSqlValidation>('rules.validateSql', { sql: 'SELECT * FROM FROM x' });
    expect(refused).toMatchObject({ valid: false, code: 'SqlParseException', line: 1, column: 15 });
  });

  it('shows the Firehose buffers of the local cloud', async () => {
    const buffers = await ok<FirehoseBuffers>('firehose.buffers');
    expect(buffers).toEqual({ available: true, streams: [] });
    expect(await ok<{ available: boolean }>('rules.metrics')).toEqual({ available: true, rules: [] });
  });

  it('gives the lab CA', async () => {
    expect(await ok('iot.caCertificate')).toMatchObject({
      kind: 'lab',
      fileName: 'lab-ca.pem',
      pem: expect.stringContaining('BEGIN CERTIFICATE'),
    });
  });

  describe('MQTT test client', () => {
    let device: DeviceConnection;

    beforeAll(async () => {
      const { endpoint, region, credentials, mqtt } = status.endpoints!;
      const iot = new IoTClient({ endpoint, region, credentials });
      await iot.send(new CreateThingCommand({ thingName: 'device' }));
      iot.destroy();
      // The test client's own identity can publish: a second connection of it is the "device".
      const connected = await ok<MqttClientStatus>('mqtt.connect');
      expect(connected).toMatchObject({
        state: 'connected',
        transport: 'mtls',
        identity: { policyName: 'iot-lab-test-client' },
      });
      const { readFileSync } = await import('node:fs');
      device = await connectDevice(
        { host: mqtt!.host, port: mqtt!.port, caPem: readFileSync(mqtt!.caFile, 'utf8') },
        {
          clientId: 'iot-lab-test-client-device',
          certificatePem: readFileSync(path.join(dir, 'mqtt-test-client', 'certificate.pem.crt'), 'utf8'),
          privateKeyPem: readFileSync(path.join(dir, 'mqtt-test-client', 'private.pem.key'), 'utf8'),
        },
        { cleanSession: true },
      );
    });

    afterAll(async () => {
      await device?.disconnect();
    });

    const batches = () =>
      events
        .filter((event) => event.name === 'mqtt.messages')
        .map((event) => event.payload as MqttMessageBatch);

    it('refuses filters AWS IoT would refuse', async () => {
      expect(await session.request('mqtt.subscribe', { filter: 'sensor/#/x', qos: 1 })).toMatchObject({
        ok: false,
        error: { code: 'InvalidInput' },
      });
      expect(await session.request('mqtt.publish', { topic: 'sensor/+', qos: 0, payload: '' })).toMatchObject(
        {
          ok: false,
          error: { code: 'InvalidInput' },
        },
      );
    });

    it('batches what it receives, the newest first kept, the rest counted as dropped', async () => {
      session.subscribe('mqtt.messages');
      await ok('mqtt.subscribe', { filter: 'burst/#', qos: 0 });
      await Promise.all(Array.from({ length: 600 }, (_, i) => device.publish(`burst/${i}`, `{"i":${i}}`, 1)));
      const deadline = Date.now() + 10_000;
      const total = () => batches().reduce((sum, batch) => sum + batch.messages.length + batch.dropped, 0);
      while (total() < 600 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(total()).toBe(600);
      for (const batch of batches()) expect(batch.messages.length).toBeLessThanOrEqual(250);
      const last = batches().at(-1)!;
      expect(last.messages.at(-1)).toMatchObject({
        topic: 'burst/599',
        payload: '{"i":599}',
        encoding: 'utf8',
        size: 9,
      });
      const sequence = batches().flatMap((batch) => batch.messages.map((message) => message.seq));
      expect([...sequence].sort((a, b) => a - b)).toEqual(sequence);
    });

    it('unsubscribes without reconnecting, and publishes', async () => {
      await ok('mqtt.unsubscribe', { filter: 'burst/#' });
      await ok('mqtt.subscribe', { filter: 'other/#', qos: 1 });
      const before = batches().length;
      await device.publish('burst/late', '{}', 1);
      const published = await ok<MqttClientStatus>('mqtt.publish', {
        topic: 'other/x',
        qos: 1,
        payload: 'plain text',
      });
      expect(published).toMatchObject({
        state: 'connected',
        published: 1,
        subscriptions: [{ filter: 'other/#', qos: 1 }],
      });
      const deadline = Date.now() + 5000;
      while (
        !batches()
          .slice(before)
          .some((b) => b.messages.some((m) => m.topic === 'other/x')) &&
        Date.now() < deadline
      )
        await new Promise((resolve) => setTimeout(resolve, 50));
      const topics = batches()
        .slice(before)
        .flatMap((batch) => batch.messages.map((message) => message.topic));
      expect(topics).toEqual(['other/x']);
    });
  });
});
