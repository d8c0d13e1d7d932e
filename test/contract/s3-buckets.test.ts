import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import { s3Client, s3Error, signedRequest } from './s3-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let s3: S3Client;
beforeAll(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud);
});
afterAll(async () => {
  s3.destroy();
  await cloud.dispose();
});

describe('S3 buckets through the SDK', () => {
  it('goes through a bucket lifecycle: create, head, list, locate, refuse to delete while not empty, delete', async () => {
    const created = await s3.send(new CreateBucketCommand({ Bucket: 'weather-lake' }));
    expect(created.Location).toBe('/weather-lake');
    expect(existsSync(path.join(cloud.storage.layout.s3Root, 'weather-lake'))).toBe(true);

    const head = await s3.send(new HeadBucketCommand({ Bucket: 'weather-lake' }));
    expect(head.BucketRegion).toBe('us-east-1');
    expect(head.$metadata.httpStatusCode).toBe(200);

    const { Buckets, Owner } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toContain('weather-lake');
    expect(Buckets?.find((b) => b.Name === 'weather-lake')?.CreationDate).toBeInstanceOf(Date);
    expect(Owner?.ID).toMatch(/^[0-9a-f]{64}$/);

    // AWS: buckets in us-east-1 have an empty LocationConstraint.
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: 'weather-lake' }));
    expect(location.LocationConstraint).toBeUndefined();

    await s3.send(new PutObjectCommand({ Bucket: 'weather-lake', Key: 'one.json', Body: '{}' }));
    const notEmpty = await s3Error(s3.send(new DeleteBucketCommand({ Bucket: 'weather-lake' })));
    expect(notEmpty.name).toBe('BucketNotEmpty');
    expect(notEmpty.$metadata.httpStatusCode).toBe(409);
    expect(notEmpty.message).toBe('The bucket you tried to delete is not empty');
    expect(notEmpty.BucketName).toBe('weather-lake');

    await s3.send(new DeleteObjectCommand({ Bucket: 'weather-lake', Key: 'one.json' }));
    const deleted = await s3.send(new DeleteBucketCommand({ Bucket: 'weather-lake' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(existsSync(path.join(cloud.storage.layout.s3Root, 'weather-lake'))).toBe(false);

    const gone = await s3Error(s3.send(new HeadBucketCommand({ Bucket: 'weather-lake' })));
    expect(gone.name).toBe('NotFound'); // a HEAD answer has no body to name the code
    expect(gone.$metadata.httpStatusCode).toBe(404);
    const noSuchBucket = await s3Error(s3.send(new DeleteBucketCommand({ Bucket: 'weather-lake' })));
    expect(noSuchBucket).toMatchObject({
      name: 'NoSuchBucket',
      message: 'The specified bucket does not exist',
      BucketName: 'weather-lake',
      $metadata: { httpStatusCode: 404 },
    });
    expect(noSuchBucket.$metadata.requestId).toBeTruthy();
  });

  it('re-creating a bucket answers 200 in us-east-1 and BucketAlreadyOwnedByYou elsewhere, as AWS does', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'twice-created' }));
    // AWS: "For legacy compatibility, if you re-create an existing bucket that you already own in
    // the North Virginia Region, Amazon S3 returns 200 OK".
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'twice-created' }))).resolves.toBeDefined();

    const ireland = s3Client(cloud, { region: 'eu-west-1' });
    const configuration = { LocationConstraint: 'eu-west-1' } as const;
    await ireland.send(
      new CreateBucketCommand({ Bucket: 'irish-bucket', CreateBucketConfiguration: configuration }),
    );
    expect(
      (await ireland.send(new GetBucketLocationCommand({ Bucket: 'irish-bucket' }))).LocationConstraint,
    ).toBe('eu-west-1');
    const again = await s3Error(
      ireland.send(
        new CreateBucketCommand({ Bucket: 'irish-bucket', CreateBucketConfiguration: configuration }),
      ),
    );
    expect(again).toMatchObject({
      name: 'BucketAlreadyOwnedByYou',
      $metadata: { httpStatusCode: 409 },
      BucketName: 'irish-bucket',
    });

    const elsewhere = await s3Error(
      ireland.send(
        new CreateBucketCommand({
          Bucket: 'elsewhere',
          CreateBucketConfiguration: { LocationConstraint: 'eu-central-1' },
        }),
      ),
    );
    expect(elsewhere.name).toBe('IllegalLocationConstraintException');
    const usEast = await s3Error(
      s3.send(
        new CreateBucketCommand({
          Bucket: 'explicit-use1',
          CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never },
        }),
      ),
    );
    expect(usEast.name).toBe('InvalidLocationConstraint');
    ireland.destroy();
  });

  it.each([
    'ab',
    'a'.repeat(64),
    'Uppercase',
    'under_score',
    '-starts-with-hyphen',
    'ends-with-hyphen-',
    'double..dot',
    '192.168.5.4',
    'xn--punycode',
    'sthree-reserved',
    'access-point-s3alias',
    'object-lambda--ol-s3',
  ])('refuses the invalid bucket name %j with InvalidBucketName', async (name) => {
    const error = await s3Error(s3.send(new CreateBucketCommand({ Bucket: name })));
    expect(error.name).toBe('InvalidBucketName');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('accepts names at the edges of the rules', async () => {
    for (const name of ['abc', 'a'.repeat(63), 'my.dotted-bucket.2024', '1numbers-first']) {
      await expect(s3.send(new CreateBucketCommand({ Bucket: name }))).resolves.toBeDefined();
    }
  });

  it('answers the read-only configuration calls clients make, and names the ones it does not implement', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'config-calls' }));
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: 'config-calls' }));
    expect(acl.Grants).toEqual([
      {
        Grantee: { Type: 'CanonicalUser', ID: acl.Owner?.ID, DisplayName: 'student' },
        Permission: 'FULL_CONTROL',
      },
    ]);
    const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: 'config-calls' }));
    expect(versioning.Status).toBeUndefined();

    const policy = await s3Error(s3.send(new GetBucketPolicyCommand({ Bucket: 'config-calls' })));
    expect(policy.name).toBe('NotImplemented');
    expect(policy.$metadata.httpStatusCode).toBe(501);
    expect(policy.message).toContain('GetBucketPolicy');
  });

  it('answers errors as S3 XML with a request id, and MethodNotAllowed for a method a resource does not have', async () => {
    const { response } = await signedRequest(cloud, { method: 'GET', path: '/no-such-bucket?list-type=2' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/xml');
    const xml = response.body.toString();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchBucket<\/Code>/);
    expect(xml).toContain(
      '<Message>The specified bucket does not exist</Message><BucketName>no-such-bucket</BucketName>',
    );
    expect(xml).toContain(`<RequestId>${String(response.headers['x-amz-request-id'])}</RequestId>`);
    expect(xml).toContain(`<HostId>${String(response.headers['x-amz-id-2'])}</HostId>`);

    const { response: notAllowed } = await signedRequest(cloud, { method: 'DELETE', path: '/' });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.body.toString()).toContain('<Code>MethodNotAllowed</Code>');
    expect(notAllowed.body.toString()).toContain(
      '<Method>DELETE</Method><ResourceType>SERVICE</ResourceType>',
    );
  });
});
