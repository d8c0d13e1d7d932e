import { CreateTableCommand, DynamoDBClient, ScanCommand, waitUntilTableExists, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { CreateTopicRuleCommand, IoTClient } from '@aws-sdk/client-iot';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabEndpoints } from '../../electron/cloud/index.js';
import { connectDevice, type DeviceConnection } from '../../electron/stations/replay/index.js';
import { createActiveStream, createBucket, firehoseClient, listKeys, objectBody, s3Client, waitFor } from './firehose-helpers.js';
import { allowAll, provisionDevice } from './mqtt-devices.js';

/**
 * "An acknowledged message is never lost", through the rules: a device publishes QoS 1 to the local
 * cloud running as a child process (the headless CLI); rules send every message to Firehose and to
 * DynamoDB; the process is killed with SIGKILL mid-stream. After a restart on the same lab folder,
 * every message the device saw a PUBACK for is in DynamoDB and reaches S3 through Firehose. (The kill
 * comes from another process, so it cannot land in the one event-loop turn between a commit and its
 * PUBACK: that ordering is asserted by the engine's unit test and the broker awaiting the commit.)
 */

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-rules-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface RunningCloud {
  child: ChildProcess;
  endpoints: LabEndpoints & { mqtt: NonNullable<LabEndpoints['mqtt']> };
  exited: Promise<number | null>;
}

async function startCloud(): Promise<RunningCloud> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/cloud.ts', '--dir', dir, '--mqtt-port', '0'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor(async () => (output.includes('Local cloud ready') ? true : undefined), `the local cloud to start:\n${output}`);
  const endpoints = JSON.parse(readFileSync(path.join(dir, 'endpoints.json'), 'utf8')) as RunningCloud['endpoints'];
  return { child, endpoints, exited };
}

const config = (endpoints: LabEndpoints) => ({ endpoint: endpoints.endpoint, region: endpoints.region, credentials: endpoints.credentials });
const payload = (seq: number) =>
  JSON.stringify({ weather_station: 'crash', time: String(seq).padStart(8, '0'), seq, air_temperature: { value: -10, quality: '1' } });

describe('the rules across a crash (kill -9)', () => {
  it('keeps every acknowledged message in DynamoDB and delivers it through Firehose after a restart', async () => {
    const first = await startCloud();
    const acknowledged = new Set<number>();
    let connection: DeviceConnection | undefined;
    try {
      const role = `arn:aws:iam::${first.endpoints.accountId}:role/LabRole`;
      const iot = new IoTClient(config(first.endpoints));
      await createBucket(s3Client(first.endpoints), 'crash-lake');
      await createActiveStream(firehoseClient(first.endpoints), 'crash-stream', 'crash-lake', {
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 3 },
      });
      const dynamodb = new DynamoDBClient(config(first.endpoints));
      await dynamodb.send(
        new CreateTableCommand({
          TableName: 'crash',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'weather_station', AttributeType: 'S' },
            { AttributeName: 'time', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'weather_station', KeyType: 'HASH' },
            { AttributeName: 'time', KeyType: 'RANGE' },
          ],
        }),
      );
      await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: 'crash' });
      await iot.send(
        new CreateTopicRuleCommand({
          ruleName: 'crash_firehose',
          topicRulePayload: { sql: "SELECT * FROM 'sensor/weather'", actions: [{ firehose: { roleArn: role, deliveryStreamName: 'crash-stream', separator: '\n' } }] },
        }),
      );
      await iot.send(
        new CreateTopicRuleCommand({
          ruleName: 'crash_dynamodb',
          topicRulePayload: {
            sql: "SELECT weather_station, time, seq FROM 'sensor/weather' WHERE air_temperature.value < -5",
            awsIotSqlVersion: '2016-03-23',
            actions: [{ dynamoDBv2: { roleArn: role, putItem: { tableName: 'crash' } } }],
          },
        }),
      );
      const device = await provisionDevice(iot, { thingName: 'crash-station', policy: allowAll() });
      connection = await connectDevice(
        { host: first.endpoints.mqtt.host, port: first.endpoints.mqtt.port, caPem: readFileSync(first.endpoints.mqtt.caFile, 'utf8') },
        device,
        { cleanSession: true },
      );
      iot.destroy();
      dynamodb.destroy();

      // 100 publishes in flight at a time; the process dies while some of them await their PUBACK.
      let killed = false;
      let onKilled: () => void = () => undefined;
      const whenKilled = new Promise<void>((resolve) => (onKilled = resolve));
      const publisher = connection;
      for (let next = 0; !killed; next += 100) {
        const window = Array.from({ length: 100 }, (_, i) => next + i).map((seq) =>
          publisher.publish('sensor/weather', payload(seq), 1).then(
            () => {
              acknowledged.add(seq);
              if (acknowledged.size === 3000 && !killed) {
                killed = true;
                first.child.kill('SIGKILL');
                onKilled();
              }
            },
            () => undefined,
          ),
        );
        await Promise.race([Promise.all(window), whenKilled]);
      }
      expect(await first.exited).toBe(null);
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
      // The SDK would keep retrying the dead endpoint; a disconnect that never answers is not waited for.
      await Promise.race([connection?.disconnect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000))]);
    }

    const second = await startCloud();
    try {
      // DynamoDB: committed before each PUBACK, so there at once.
      const dynamodb = new DynamoDBClient(config(second.endpoints));
      const stored = new Set<number>();
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await dynamodb.send(new ScanCommand({ TableName: 'crash', ExclusiveStartKey: start }));
        for (const item of page.Items ?? []) stored.add(Number(item.seq?.N));
        start = page.LastEvaluatedKey;
      } while (start);
      expect([...acknowledged].filter((seq) => !stored.has(seq))).toEqual([]);
      dynamodb.destroy();

      // Firehose: the records buffered at the crash go out on their schedule after the restart.
      const s3 = s3Client(second.endpoints);
      const delivered = await waitFor(async () => {
        const seen = new Set<number>();
        for (const key of await listKeys(s3, 'crash-lake')) {
          for (const line of (await objectBody(s3, 'crash-lake', key)).toString().split('\n')) {
            if (line) seen.add((JSON.parse(line) as { seq: number }).seq);
          }
        }
        return [...acknowledged].every((seq) => seen.has(seq)) ? seen : undefined;
      }, 'every acknowledged message in S3');
      console.log(
        `rules crash test: ${acknowledged.size} acknowledged; after the restart ${stored.size} in DynamoDB, ${delivered.size} delivered by Firehose`,
      );
      s3.destroy();
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  });
});
