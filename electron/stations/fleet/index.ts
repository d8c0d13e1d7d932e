import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingTypeCommand,
  DescribeCertificateCommand,
  DescribeThingRegistrationTaskCommand,
  DescribeThingTypeCommand,
  GetPolicyCommand,
  ListThingPrincipalsCommand,
  ListThingRegistrationTaskReportsCommand,
  StartThingRegistrationTaskCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { CreateBucketCommand, HeadBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * "Do it for me" for the fleet (lesson: the fleet of weather stations), written once against the SDK so
 * it runs the same offline and on AWS: a thing type, a policy, five things by bulk registration (a
 * template and an input file in the templates bucket, role LabRole), one certificate per thing, attached,
 * and each device's certificate and key saved in the lab folder. It creates what is missing and never
 * deletes anything (the original lab's script wiped every thing, certificate and policy of the region).
 */

export interface FleetStation {
  /** NOAA id, e.g. `030910-99999`. */
  stationId: string;
}

export interface FleetOptions {
  iot: IoTClient;
  s3: S3Client;
  accountId: string;
  stations: readonly FleetStation[];
  /** Where each device's files go: `<devicesDir>/<thingName>/{certificate.pem.crt,private.pem.key,public.pem.key}`. */
  devicesDir: string;
  templatesBucket: string;
  thingTypeName?: string;
  thingNamePrefix?: string;
  policyName?: string;
  policyDocument?: string;
  onProgress?: (step: string) => void;
  /** How long to wait for the registration task. */
  registrationTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface FleetDevice {
  stationId: string;
  thingName: string;
  certificateId: string;
  certificateArn: string;
  certificateFile: string;
  privateKeyFile: string;
}

export interface FleetReport {
  devices: FleetDevice[];
  created: string[];
  reused: string[];
}

/** The lab's template: a thing per input line, typed, with its id as an attribute. */
export const LAB_PROVISIONING_TEMPLATE = {
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
};

/** The lab's allow-all policy: fine for a lab, never for production (the lesson says why). */
export const LAB_ALLOW_ALL_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
});

export const PROVISIONING_DATA_KEY = 'provisioning-data.json';

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'ResourceNotFoundException' || name === 'NotFound' || name === 'NoSuchBucket';
}

/** Station ↔ thing pairing is by sorted station id, so it is the same on every run (the lab's was not). */
export function fleetThingNames(
  stations: readonly FleetStation[],
  prefix = 'weather-station',
): Map<string, string> {
  const sorted = [...stations].map((s) => s.stationId).sort();
  return new Map(sorted.map((stationId, index) => [stationId, `${prefix}_${index}`]));
}

export function provisioningData(thingNames: Iterable<string>, thingTypeName: string): string {
  return [...thingNames]
    .map((thingName) =>
      JSON.stringify({
        ThingName: thingName,
        ThingTypeName: thingTypeName,
        ThingId: thingName.split('_').pop(),
      }),
    )
    .join('\n');
}

async function ensureThingType(options: FleetOptions, name: string, report: FleetReport): Promise<void> {
  try {
    await options.iot.send(new DescribeThingTypeCommand({ thingTypeName: name }));
    report.reused.push(`thing type ${name}`);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await options.iot.send(
      new CreateThingTypeCommand({
        thingTypeName: name,
        thingTypeProperties: { thingTypeDescription: 'A basic sensor' },
      }),
    );
    report.created.push(`thing type ${name}`);
  }
}

async function ensurePolicy(options: FleetOptions, name: string, report: FleetReport): Promise<void> {
  try {
    await options.iot.send(new GetPolicyCommand({ policyName: name }));
    report.reused.push(`policy ${name}`);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await options.iot.send(
      new CreatePolicyCommand({
        policyName: name,
        policyDocument: options.policyDocument ?? LAB_ALLOW_ALL_POLICY,
      }),
    );
    report.created.push(`policy ${name}`);
  }
}

async function ensureBucket(options: FleetOptions, report: FleetReport): Promise<void> {
  try {
    await options.s3.send(new HeadBucketCommand({ Bucket: options.templatesBucket }));
    report.reused.push(`bucket ${options.templatesBucket}`);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await options.s3.send(new CreateBucketCommand({ Bucket: options.templatesBucket }));
    report.created.push(`bucket ${options.templatesBucket}`);
  }
}

async function registerThings(
  options: FleetOptions,
  thingNames: string[],
  thingTypeName: string,
  report: FleetReport,
): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  await options.s3.send(
    new PutObjectCommand({
      Bucket: options.templatesBucket,
      Key: PROVISIONING_DATA_KEY,
      Body: provisioningData(thingNames, thingTypeName),
      ContentType: 'application/json',
    }),
  );
  const { taskId } = await options.iot.send(
    new StartThingRegistrationTaskCommand({
      templateBody: JSON.stringify(LAB_PROVISIONING_TEMPLATE),
      inputFileBucket: options.templatesBucket,
      inputFileKey: PROVISIONING_DATA_KEY,
      roleArn: `arn:aws:iam::${options.accountId}:role/LabRole`,
    }),
  );
  options.onProgress?.(`Bulk registration task ${taskId} started`);
  const deadline = Date.now() + (options.registrationTimeoutMs ?? 120_000);
  for (;;) {
    const task = await options.iot.send(new DescribeThingRegistrationTaskCommand({ taskId }));
    if (task.status === 'Completed') {
      if ((task.failureCount ?? 0) > 0) {
        const errors = await options.iot.send(
          new ListThingRegistrationTaskReportsCommand({ taskId, reportType: 'ERRORS' }),
        );
        throw new Error(
          `Bulk registration ${taskId} failed for ${task.failureCount} thing(s); see the ERRORS report: ${(errors.resourceLinks ?? []).join(', ')}`,
        );
      }
      report.created.push(`bulk registration ${taskId} (${task.successCount} things)`);
      return;
    }
    if (task.status === 'Failed' || task.status === 'Cancelled') {
      throw new Error(`Bulk registration ${taskId} ended ${task.status}: ${task.message ?? 'no message'}`);
    }
    if (Date.now() > deadline)
      throw new Error(`Bulk registration ${taskId} did not finish in time (status ${task.status}).`);
    options.onProgress?.(`Bulk registration: ${task.percentageProgress ?? 0}%`);
    await sleep(500);
  }
}

/** Reuses the thing's certificate when its files are in the lab folder and it is ACTIVE; else makes one. */
async function ensureDeviceCertificate(
  options: FleetOptions,
  stationId: string,
  thingName: string,
  policyName: string,
  report: FleetReport,
): Promise<FleetDevice> {
  const folder = path.join(options.devicesDir, thingName);
  const certificateFile = path.join(folder, 'certificate.pem.crt');
  const privateKeyFile = path.join(folder, 'private.pem.key');
  const principals = (await options.iot.send(new ListThingPrincipalsCommand({ thingName }))).principals ?? [];
  if (existsSync(certificateFile) && existsSync(privateKeyFile)) {
    const savedPem = readFileSync(certificateFile, 'utf8');
    for (const principal of principals) {
      const certificateId = principal.split('/').pop() ?? '';
      const { certificateDescription } = await options.iot.send(
        new DescribeCertificateCommand({ certificateId }),
      );
      if (
        certificateDescription?.certificatePem?.trim() === savedPem.trim() &&
        certificateDescription.status === 'ACTIVE'
      ) {
        await options.iot.send(new AttachPolicyCommand({ policyName, target: principal }));
        report.reused.push(`certificate of ${thingName}`);
        return {
          stationId,
          thingName,
          certificateId,
          certificateArn: principal,
          certificateFile,
          privateKeyFile,
        };
      }
    }
  }
  const created = await options.iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeFileSync(certificateFile, created.certificatePem ?? '');
  writeFileSync(privateKeyFile, created.keyPair?.PrivateKey ?? '', { mode: 0o600 });
  writeFileSync(path.join(folder, 'public.pem.key'), created.keyPair?.PublicKey ?? '');
  await options.iot.send(new AttachThingPrincipalCommand({ thingName, principal: created.certificateArn }));
  await options.iot.send(new AttachPolicyCommand({ policyName, target: created.certificateArn }));
  report.created.push(`certificate of ${thingName}`);
  return {
    stationId,
    thingName,
    certificateId: created.certificateId ?? '',
    certificateArn: created.certificateArn ?? '',
    certificateFile,
    privateKeyFile,
  };
}

export async function provisionFleet(options: FleetOptions): Promise<FleetReport> {
  const thingTypeName = options.thingTypeName ?? 'sensor';
  const policyName = options.policyName ?? 'free_policy';
  const report: FleetReport = { devices: [], created: [], reused: [] };
  const things = fleetThingNames(options.stations, options.thingNamePrefix);
  options.onProgress?.(`Thing type ${thingTypeName}`);
  await ensureThingType(options, thingTypeName, report);
  options.onProgress?.(`Policy ${policyName}`);
  await ensurePolicy(options, policyName, report);
  options.onProgress?.(`Templates bucket ${options.templatesBucket}`);
  await ensureBucket(options, report);
  await registerThings(options, [...things.values()], thingTypeName, report);
  for (const [stationId, thingName] of things) {
    options.onProgress?.(`Certificate for ${thingName}`);
    report.devices.push(await ensureDeviceCertificate(options, stationId, thingName, policyName, report));
  }
  return report;
}
