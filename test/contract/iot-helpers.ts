import { IoTClient } from '@aws-sdk/client-iot';
import { S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LocalCloud } from '../../electron/cloud/index.js';
import { awsCliEnv, sdkConfig } from '../helpers/local-cloud.js';

// The cloud runs in this process: child processes must be awaited, never run synchronously.
export const run = promisify(execFile);

export function iotClient(cloud: LocalCloud): IoTClient {
  return new IoTClient(sdkConfig(cloud));
}

export function s3Client(cloud: LocalCloud): S3Client {
  return new S3Client({ ...sdkConfig(cloud), forcePathStyle: true });
}

/** The lab CA's certificate, as devices get it (`endpoints.json` → `mqtt.caFile`). */
export function labCaPem(cloud: LocalCloud): string {
  return readFileSync(path.join(cloud.storage.layout.pki, 'lab-ca.pem'), 'utf8');
}

/** Waits for a condition the local cloud reaches asynchronously (a registration task ending). */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a Python script with boto3 against the local cloud; the script prints one JSON document. */
export async function runBoto3(
  python: string,
  cloud: LocalCloud,
  script: string,
): Promise<Record<string, unknown>> {
  const prelude = `
import json, sys, time, urllib.request
import boto3
from botocore.config import Config
ENDPOINT = ${JSON.stringify(cloud.endpoints.endpoint)}
iot = boto3.client('iot', endpoint_url=ENDPOINT)
s3 = boto3.client('s3', endpoint_url=ENDPOINT, config=Config(s3={'addressing_style': 'path'}))
def error_of(call):
    try:
        call()
    except Exception as e:
        return {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message'],
                'status': e.response['ResponseMetadata']['HTTPStatusCode']}
    return None
`;
  const { stdout } = await run(python, ['-c', `${prelude}\n${script}`], {
    env: awsCliEnv(cloud),
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** The lab's own bulk-registration template (lesson 2). */
export const LAB_TEMPLATE = JSON.stringify({
  Parameters: {
    ThingName: { Type: 'String' },
    ThingTypeName: { Type: 'String' },
    ThingId: { Type: 'String' },
  },
  Resources: {
    thing: {
      Type: 'AWS::IoT::Thing',
      Properties: {
        ThingName: { Ref: 'ThingName' },
        ThingTypeName: { Ref: 'ThingTypeName' },
        AttributePayload: { version: 'v1', thingId: { Ref: 'ThingId' } },
      },
    },
  },
});

/** The lab's input file: five weather stations, one JSON object per line. */
export function labInputLines(count = 5): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ ThingName: `weather-station_${i + 1}`, ThingTypeName: 'sensor', ThingId: i + 1 }),
  );
}

export function labRoleArn(cloud: LocalCloud): string {
  return `arn:aws:iam::${cloud.endpoints.accountId}:role/LabRole`;
}
