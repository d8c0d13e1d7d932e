import {
  CreateThingTypeCommand,
  DescribeThingCommand,
  DescribeThingRegistrationTaskCommand,
  ListAttachedPoliciesCommand,
  ListThingPrincipalsCommand,
  ListThingRegistrationTaskReportsCommand,
  ListThingRegistrationTasksCommand,
  StartThingRegistrationTaskCommand,
  StopThingRegistrationTaskCommand,
  type DescribeThingRegistrationTaskCommandOutput,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import {
  iotClient,
  LAB_TEMPLATE,
  labCaPem,
  labInputLines,
  labRoleArn,
  s3Client,
  waitFor,
} from './iot-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let iot: IoTClient;
let s3: S3Client;

beforeAll(async () => {
  cloud = await startTestCloud();
  iot = iotClient(cloud);
  s3 = s3Client(cloud);
  await iot.send(new CreateThingTypeCommand({ thingTypeName: 'sensor' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'lab-templates' }));
});
afterAll(async () => {
  await cloud.dispose();
});

async function upload(key: string, lines: string[]): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: 'lab-templates', Key: key, Body: `${lines.join('\n')}\n` }));
}

async function finished(taskId: string): Promise<DescribeThingRegistrationTaskCommandOutput> {
  return waitFor(async () => {
    const task = await iot.send(new DescribeThingRegistrationTaskCommand({ taskId }));
    return task.status === 'InProgress' || task.status === 'Cancelling' ? undefined : task;
  }, `registration task ${taskId}`);
}

async function report(
  taskId: string,
  reportType: 'RESULTS' | 'ERRORS',
): Promise<Array<Record<string, unknown>>> {
  const { resourceLinks, reportType: answered } = await iot.send(
    new ListThingRegistrationTaskReportsCommand({ taskId, reportType }),
  );
  expect(answered).toBe(reportType);
  if (!resourceLinks?.length) return [];
  expect(resourceLinks).toHaveLength(1);
  // The link is a presigned GET of the local S3: no credentials needed, as on AWS.
  const response = await fetch(resourceLinks[0] ?? '');
  expect(response.status).toBe(200);
  return (await response.text())
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('bulk registration with the lab template', () => {
  it('registers the five weather stations from the input file and reports the bad line in ERRORS', async () => {
    const badLine = JSON.stringify({ ThingName: 'weather station 6', ThingTypeName: 'sensor', ThingId: 6 });
    await upload('bulk/stations.json', [...labInputLines(5), badLine]);
    const { taskId } = await iot.send(
      new StartThingRegistrationTaskCommand({
        templateBody: LAB_TEMPLATE,
        inputFileBucket: 'lab-templates',
        inputFileKey: 'bulk/stations.json',
        roleArn: labRoleArn(cloud),
      }),
    );
    expect(taskId).toMatch(/^[0-9a-f-]{36}$/);
    const task = await finished(taskId ?? '');
    expect(task).toMatchObject({
      taskId,
      status: 'Completed',
      successCount: 5,
      failureCount: 1,
      percentageProgress: 100,
      templateBody: LAB_TEMPLATE,
      inputFileBucket: 'lab-templates',
      inputFileKey: 'bulk/stations.json',
      roleArn: labRoleArn(cloud),
    });
    expect(task.creationDate).toBeInstanceOf(Date);

    for (let n = 1; n <= 5; n++) {
      const thing = await iot.send(new DescribeThingCommand({ thingName: `weather-station_${n}` }));
      expect(thing).toMatchObject({
        thingTypeName: 'sensor',
        attributes: { version: 'v1', thingId: String(n) },
      });
    }
    const results = await report(taskId ?? '', 'RESULTS');
    expect(results.map((line) => line.referenceId)).toEqual(['0', '1', '2', '3', '4']);
    expect(results[2]).toEqual({
      referenceId: '2',
      response: {
        ResourceArns: {
          thing: `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}:thing/weather-station_3`,
        },
      },
    });
    const errors = await report(taskId ?? '', 'ERRORS');
    expect(errors).toEqual([
      {
        referenceId: '5',
        errorCode: 'InvalidRequestException',
        errorMessage: expect.stringContaining('weather station 6'),
      },
    ]);

    const { taskIds } = await iot.send(new ListThingRegistrationTasksCommand({ status: 'Completed' }));
    expect(taskIds).toContain(taskId);
    // Stopping a finished task changes nothing.
    await iot.send(new StopThingRegistrationTaskCommand({ taskId }));
    expect((await iot.send(new DescribeThingRegistrationTaskCommand({ taskId }))).status).toBe('Completed');
  });

  it('signs each line’s CSR with the lab CA and wires certificate, thing and policy together', async () => {
    x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);
    const algorithm = {
      name: 'RSASSA-PKCS1-v1_5',
      hash: 'SHA-256',
      publicExponent: new Uint8Array([1, 0, 1]),
      modulusLength: 2048,
    };
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=Big Orchestra',
      keys: keys as unknown as Parameters<typeof x509.Pkcs10CertificateRequestGenerator.create>[0]['keys'],
      signingAlgorithm: algorithm,
    });
    const template = JSON.stringify({
      Parameters: {
        ThingName: { Type: 'String' },
        CSR: { Type: 'String' },
        Site: { Type: 'String', Default: 'lab' },
      },
      Resources: {
        thing: {
          Type: 'AWS::IoT::Thing',
          Properties: {
            ThingName: { Ref: 'ThingName' },
            AttributePayload: { site: { 'Fn::Join': ['-', [{ Ref: 'Site' }, 'room1']] } },
          },
        },
        certificate: {
          Type: 'AWS::IoT::Certificate',
          Properties: { CertificateSigningRequest: { Ref: 'CSR' }, Status: 'ACTIVE' },
        },
        policy: {
          Type: 'AWS::IoT::Policy',
          Properties: {
            PolicyDocument:
              '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}',
          },
        },
      },
    });
    await upload('bulk/csr.json', [JSON.stringify({ ThingName: 'orchestra-1', CSR: csr.toString('pem') })]);
    const { taskId } = await iot.send(
      new StartThingRegistrationTaskCommand({
        templateBody: template,
        inputFileBucket: 'lab-templates',
        inputFileKey: 'bulk/csr.json',
        roleArn: labRoleArn(cloud),
      }),
    );
    expect(await finished(taskId ?? '')).toMatchObject({
      status: 'Completed',
      successCount: 1,
      failureCount: 0,
    });
    const [result] = await report(taskId ?? '', 'RESULTS');
    const response = result?.response as {
      CertificatePem: string;
      ResourceArns: { thing: string; certificate: string; policy: string };
    };
    const certificate = new X509Certificate(response.CertificatePem);
    expect(certificate.subject).toBe('CN=Big Orchestra');
    expect(certificate.verify(new X509Certificate(labCaPem(cloud)).publicKey)).toBe(true);
    expect(response.ResourceArns.policy).toMatch(/:policy\/[0-9a-f]{64}$/);
    expect((await iot.send(new ListThingPrincipalsCommand({ thingName: 'orchestra-1' }))).principals).toEqual(
      [response.ResourceArns.certificate],
    );
    const attached = await iot.send(
      new ListAttachedPoliciesCommand({ target: response.ResourceArns.certificate }),
    );
    expect(attached.policies?.map((p) => p.policyArn)).toEqual([response.ResourceArns.policy]);
    expect((await iot.send(new DescribeThingCommand({ thingName: 'orchestra-1' }))).attributes).toEqual({
      site: 'lab-room1',
    });
  });

  it('refuses a role other than LabRole and a template that is not JSON', async () => {
    const base = {
      templateBody: LAB_TEMPLATE,
      inputFileBucket: 'lab-templates',
      inputFileKey: 'bulk/stations.json',
    };
    await expect(
      iot.send(
        new StartThingRegistrationTaskCommand({
          ...base,
          roleArn: `arn:aws:iam::${cloud.endpoints.accountId}:role/AdminRole`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidRequestException', $metadata: { httpStatusCode: 400 } });
    await expect(
      iot.send(
        new StartThingRegistrationTaskCommand({
          ...base,
          templateBody: '{not json',
          roleArn: labRoleArn(cloud),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidRequestException' });
  });

  it('fails the task when the input file does not exist, and has no reports then', async () => {
    const { taskId } = await iot.send(
      new StartThingRegistrationTaskCommand({
        templateBody: LAB_TEMPLATE,
        inputFileBucket: 'lab-templates',
        inputFileKey: 'missing.json',
        roleArn: labRoleArn(cloud),
      }),
    );
    const task = await finished(taskId ?? '');
    expect(task.status).toBe('Failed');
    expect(task.message).toContain('NoSuchKey');
    expect(await report(taskId ?? '', 'RESULTS')).toEqual([]);
  });

  it('answers ResourceNotFoundException for an unknown task', async () => {
    await expect(
      iot.send(new DescribeThingRegistrationTaskCommand({ taskId: 'no-such-task' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
