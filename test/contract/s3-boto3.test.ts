import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalS3 } from '../../electron/cloud/s3/index.js';
import { awsCliEnv, startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';

// The cloud runs in this process: child processes must be awaited, never run synchronously.
const run = promisify(execFile);
const boto3 = outsideTool('boto3');

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.dispose();
});

/** Runs a boto3 script with `s3` (path-style client), `endpoint`, `ClientError` in scope; it prints one JSON document. */
async function python<T>(script: string): Promise<T> {
  const prelude = `
import hashlib, io, json, socket, sys, urllib.request
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
endpoint = sys.argv[1]
s3 = boto3.client('s3', endpoint_url=endpoint, config=Config(s3={'addressing_style': 'path'}))
def code(call):
    try:
        call()
    except ClientError as error:
        return [error.response['Error']['Code'], error.response['ResponseMetadata']['HTTPStatusCode']]
    return None
`;
  const { stdout } = await run(boto3.command, ['-c', `${prelude}\n${script}`, cloud.endpoints.endpoint], {
    env: awsCliEnv(cloud),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as T;
}

describe.skipIf(!boto3.available)('S3 through boto3', () => {
  it('runs buckets and objects: create, put, get, range, head, copy, delete, errors', async () => {
    const result = await python<Record<string, unknown>>(`
s3.create_bucket(Bucket='boto-bucket')
s3.put_object(Bucket='boto-bucket', Key='a/1.json', Body=b'{"n":1}', ContentType='application/json', Metadata={'station': '062800'})
got = s3.get_object(Bucket='boto-bucket', Key='a/1.json')
ranged = s3.get_object(Bucket='boto-bucket', Key='a/1.json', Range='bytes=1-3')
s3.copy_object(Bucket='boto-bucket', Key='b/copy.json', CopySource={'Bucket': 'boto-bucket', 'Key': 'a/1.json'})
head = s3.head_object(Bucket='boto-bucket', Key='b/copy.json')
print(json.dumps({
  'body': got['Body'].read().decode(),
  'etag': got['ETag'],
  'metadata': got['Metadata'],
  'contentType': got['ContentType'],
  'range': [ranged['Body'].read().decode(), ranged['ContentRange'], ranged['ResponseMetadata']['HTTPStatusCode']],
  'copyLength': head['ContentLength'],
  'requestId': got['ResponseMetadata']['RequestId'],
  'missingKey': code(lambda: s3.get_object(Bucket='boto-bucket', Key='nope')),
  'missingHead': code(lambda: s3.head_object(Bucket='boto-bucket', Key='nope')),
  'missingBucket': code(lambda: s3.list_objects_v2(Bucket='no-such-bucket')),
  'notEmpty': code(lambda: s3.delete_bucket(Bucket='boto-bucket')),
  'badRange': code(lambda: s3.get_object(Bucket='boto-bucket', Key='a/1.json', Range='bytes=100-')),
  'deleted': sorted(d['Key'] for d in s3.delete_objects(Bucket='boto-bucket', Delete={'Objects': [{'Key': 'a/1.json'}, {'Key': 'b/copy.json'}]})['Deleted']),
  'deleteBucket': s3.delete_bucket(Bucket='boto-bucket')['ResponseMetadata']['HTTPStatusCode'],
}))
`);
    expect(result).toMatchObject({
      body: '{"n":1}',
      etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
      metadata: { station: '062800' },
      contentType: 'application/json',
      range: ['"n"', 'bytes 1-3/7', 206],
      copyLength: 7,
      missingKey: ['NoSuchKey', 404],
      missingHead: ['404', 404],
      missingBucket: ['NoSuchBucket', 404],
      notEmpty: ['BucketNotEmpty', 409],
      badRange: ['InvalidRange', 416],
      deleted: ['a/1.json', 'b/copy.json'],
      deleteBucket: 204,
    });
    expect(result.requestId).toBeTruthy();
  });

  it('pages through 2,500 keys with the list_objects_v2 paginator, and delimits', async () => {
    const local = openLocalS3(cloud.storage);
    local.CreateBucket({ Bucket: 'boto-lake' });
    const keys = Array.from(
      { length: 2500 },
      (_, i) => `year=2022/station=${i % 5}/reading-${String(i).padStart(5, '0')}.json`,
    );
    for (const Key of keys) local.PutObject({ Bucket: 'boto-lake', Key, Body: '{}' });
    const result = await python<{ keys: string[]; pages: number; prefixes: string[] }>(`
pages = 0
keys = []
for page in s3.get_paginator('list_objects_v2').paginate(Bucket='boto-lake', PaginationConfig={'PageSize': 400}):
    pages += 1
    keys += [o['Key'] for o in page.get('Contents', [])]
top = s3.list_objects_v2(Bucket='boto-lake', Prefix='year=2022/', Delimiter='/')
print(json.dumps({'keys': keys, 'pages': pages, 'prefixes': [p['Prefix'] for p in top['CommonPrefixes']]}))
`);
    expect(result.pages).toBe(7);
    expect(result.keys).toEqual([...keys].sort());
    expect(result.prefixes).toEqual([0, 1, 2, 3, 4].map((n) => `year=2022/station=${n}/`));
  });

  it('uploads and downloads 20 MB with the transfer manager (multipart), and fetches a presigned URL', async () => {
    const result = await python<Record<string, unknown>>(`
s3.create_bucket(Bucket='boto-transfer')
data = bytes((i * 31 + (i >> 12)) % 256 for i in range(20 * 1024 * 1024))
s3.upload_fileobj(io.BytesIO(data), 'boto-transfer', 'big/data.bin')
out = io.BytesIO()
s3.download_fileobj('boto-transfer', 'big/data.bin', out)
head = s3.head_object(Bucket='boto-transfer', Key='big/data.bin')
s3.put_object(Bucket='boto-transfer', Key='reports/result file.json', Body=b'{"status":"ok"}')
# SigV4 presigning, as the AWS docs recommend (boto3's default for us-east-1 is still SigV2, which the lab does not take).
signer = boto3.client('s3', endpoint_url=endpoint, config=Config(signature_version='s3v4', s3={'addressing_style': 'path'}))
url = signer.generate_presigned_url('get_object', Params={'Bucket': 'boto-transfer', 'Key': 'reports/result file.json'}, ExpiresIn=300)
print(json.dumps({
  'same': hashlib.sha256(out.getvalue()).hexdigest() == hashlib.sha256(data).hexdigest(),
  'length': head['ContentLength'],
  'etag': head['ETag'],
  'presigned': urllib.request.urlopen(url).read().decode(),
}))
`);
    expect(result).toMatchObject({
      same: true,
      length: 20 * 1024 * 1024,
      etag: expect.stringMatching(/^"[0-9a-f]{32}-\d+"$/),
    });
    expect(result.presigned).toBe('{"status":"ok"}');
  });

  it('answers virtual-hosted-style requests (<bucket>.localhost)', async () => {
    const result = await python<Record<string, unknown>>(`
# No DNS for *.localhost here: resolve every such name to the loopback address.
resolve = socket.getaddrinfo
socket.getaddrinfo = lambda host, *rest: resolve('127.0.0.1' if host.endswith('.localhost') else host, *rest)
port = endpoint.rsplit(':', 1)[1]
virtual = boto3.client('s3', endpoint_url='http://localhost:' + port, config=Config(s3={'addressing_style': 'virtual'}))
urls = []
virtual.meta.events.register('before-send', lambda request, **kwargs: urls.append(request.url))
s3.create_bucket(Bucket='boto-virtual')
sent = virtual.put_object(Bucket='boto-virtual', Key='hosted/by-name.txt', Body=b'virtual host')
print(json.dumps({
  'body': s3.get_object(Bucket='boto-virtual', Key='hosted/by-name.txt')['Body'].read().decode(),
  'keys': [o['Key'] for o in virtual.list_objects_v2(Bucket='boto-virtual')['Contents']],
  'url': urls[0],
}))
`);
    expect(result).toMatchObject({ body: 'virtual host', keys: ['hosted/by-name.txt'] });
    expect(result.url).toMatch(/^http:\/\/boto-virtual\.localhost:\d+\/hosted\/by-name\.txt$/);
  });
});
