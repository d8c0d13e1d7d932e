import { X509Certificate, createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliEnv, startTestCloud } from '../helpers/local-cloud.js';
import { outsideTool } from '../helpers/tools.js';
import { LAB_TEMPLATE, labCaPem, labInputLines, labRoleArn, run, runBoto3 } from './iot-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

const boto3 = outsideTool('boto3');
describe.skipIf(!boto3.available)('IoT through boto3 (the lab’s Python scripts)', () => {
  it('registers a device the way the lab script does: type, thing, keys and certificate, policy, attachments', async () => {
    const result = await runBoto3(
      boto3.command,
      cloud,
      `
out = {}
iot.create_thing_type(thingTypeName='sensor', thingTypeProperties={'thingTypeDescription': 'weather station'})
out['thing'] = iot.create_thing(thingName='weather-station_1', thingTypeName='sensor', attributePayload={'attributes': {'thingId': '1'}})
cert = iot.create_keys_and_certificate(setAsActive=True)
out['cert'] = {k: cert[k] for k in ('certificateArn', 'certificateId', 'certificatePem')}
out['privateKeyStart'] = cert['keyPair']['PrivateKey'][:31]
policy = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'iot:*', 'Resource': '*'}]})
out['policy'] = iot.create_policy(policyName='WeatherPolicy', policyDocument=policy)['policyArn']
iot.attach_principal_policy(policyName='WeatherPolicy', principal=cert['certificateArn'])
iot.attach_thing_principal(thingName='weather-station_1', principal=cert['certificateArn'])
out['principals'] = iot.list_thing_principals(thingName='weather-station_1')['principals']
out['principalPolicies'] = [p['policyName'] for p in iot.list_principal_policies(principal=cert['certificateArn'])['policies']]
out['attached'] = [p['policyName'] for p in iot.list_attached_policies(target=cert['certificateArn'])['policies']]
out['endpoint'] = iot.describe_endpoint(endpointType='iot:Data-ATS')['endpointAddress']
described = iot.describe_certificate(certificateId=cert['certificateId'])['certificateDescription']
out['status'] = described['status']
out['notAfter'] = described['validity']['notAfter'].isoformat()
iot.update_certificate(certificateId=cert['certificateId'], newStatus='INACTIVE')
out['statusAfter'] = iot.describe_certificate(certificateId=cert['certificateId'])['certificateDescription']['status']
out['describeThing'] = iot.describe_thing(thingName='weather-station_1')
del out['describeThing']['ResponseMetadata']
out['missingThing'] = error_of(lambda: iot.describe_thing(thingName='nope'))
out['malformed'] = error_of(lambda: iot.create_policy(policyName='Bad', policyDocument='{"Statement":'))
out['deleteActive'] = error_of(lambda: iot.delete_certificate(certificateId=cert['certificateId']))
pages, token = [], None
for i in range(3):
    iot.create_thing(thingName='paged-%d' % i)
while True:
    kwargs = {'maxResults': 2}
    if token: kwargs['nextToken'] = token
    page = iot.list_things(**kwargs)
    pages.append([t['thingName'] for t in page['things']])
    token = page.get('nextToken')
    if not token: break
out['pages'] = pages
print(json.dumps(out, default=str))
`,
    );
    const prefix = `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}`;
    const cert = result.cert as { certificateArn: string; certificateId: string; certificatePem: string };
    const x509 = new X509Certificate(cert.certificatePem);
    expect(cert.certificateId).toBe(createHash('sha256').update(x509.raw).digest('hex'));
    expect(x509.verify(new X509Certificate(labCaPem(cloud)).publicKey)).toBe(true);
    expect(result).toMatchObject({
      thing: { thingName: 'weather-station_1', thingArn: `${prefix}:thing/weather-station_1` },
      privateKeyStart: '-----BEGIN RSA PRIVATE KEY-----',
      policy: `${prefix}:policy/WeatherPolicy`,
      principals: [cert.certificateArn],
      principalPolicies: ['WeatherPolicy'],
      attached: ['WeatherPolicy'],
      endpoint: 'localhost',
      status: 'ACTIVE',
      notAfter: '2049-12-31T23:59:59+00:00',
      statusAfter: 'INACTIVE',
      describeThing: {
        thingName: 'weather-station_1',
        thingTypeName: 'sensor',
        attributes: { thingId: '1' },
        version: 1,
      },
      missingThing: {
        code: 'ResourceNotFoundException',
        message: 'Thing nope cannot be found.',
        status: 404,
      },
      malformed: { code: 'MalformedPolicyException', status: 400 },
      pages: [
        ['paged-0', 'paged-1'],
        ['paged-2', 'weather-station_1'],
      ],
    });
    expect(result.deleteActive).toMatchObject({ code: 'DeleteConflictException', status: 409 });
  });

  it('runs the lab’s bulk registration: input file to S3, task, reports downloaded from their links', async () => {
    const result = await runBoto3(
      boto3.command,
      cloud,
      `
iot.create_thing_type(thingTypeName='sensor', thingTypeProperties={'thingTypeDescription': 'weather station'})
s3.create_bucket(Bucket='bulk-bucket')
s3.put_object(Bucket='bulk-bucket', Key='input.json', Body=${JSON.stringify(`${labInputLines(5).join('\n')}\n`)})
task = iot.start_thing_registration_task(templateBody=${JSON.stringify(LAB_TEMPLATE)}, inputFileBucket='bulk-bucket',
    inputFileKey='input.json', roleArn=${JSON.stringify(labRoleArn(cloud))})
for _ in range(200):
    described = iot.describe_thing_registration_task(taskId=task['taskId'])
    if described['status'] not in ('InProgress', 'Cancelling'): break
    time.sleep(0.05)
links = iot.list_thing_registration_task_reports(taskId=task['taskId'], reportType='RESULTS')['resourceLinks']
lines = urllib.request.urlopen(links[0]).read().decode().splitlines()
things = [json.loads(l)['response']['ResourceArns']['thing'].split('/')[1] for l in lines]
print(json.dumps({'status': described['status'], 'successCount': described['successCount'], 'things': things,
                  'listed': sorted(t['thingName'] for t in iot.list_things(thingTypeName='sensor')['things'])}))
`,
    );
    const stations = labInputLines(5).map((line) => (JSON.parse(line) as { ThingName: string }).ThingName);
    expect(result).toEqual({ status: 'Completed', successCount: 5, things: stations, listed: stations });
  });
});

const aws = outsideTool('aws');
describe.skipIf(!aws.available)('IoT through the AWS CLI', () => {
  const cli = async (...args: string[]) =>
    JSON.parse(
      (
        await run(
          aws.command,
          ['--endpoint-url', cloud.endpoints.endpoint, '--output', 'json', 'iot', ...args],
          { env: awsCliEnv(cloud) },
        )
      ).stdout || '{}',
    ) as Record<string, unknown>;

  it('describe-endpoint, create-keys-and-certificate, attach-principal-policy (header-bound) and list-principal-things', async () => {
    expect(await cli('describe-endpoint', '--endpoint-type', 'iot:Data-ATS')).toEqual({
      endpointAddress: 'localhost',
    });
    const cert = (await cli('create-keys-and-certificate', '--set-as-active')) as { certificateArn: string };
    await cli(
      'create-policy',
      '--policy-name',
      'CliPolicy',
      '--policy-document',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:*","Resource":"*"}]}',
    );
    await cli('attach-principal-policy', '--policy-name', 'CliPolicy', '--principal', cert.certificateArn);
    await cli('create-thing', '--thing-name', 'cli-thing');
    await cli('attach-thing-principal', '--thing-name', 'cli-thing', '--principal', cert.certificateArn);
    expect(await cli('list-principal-things', '--principal', cert.certificateArn)).toEqual({
      things: ['cli-thing'],
    });
    expect(await cli('list-targets-for-policy', '--policy-name', 'CliPolicy')).toEqual({
      targets: [cert.certificateArn],
    });
    await expect(cli('describe-thing', '--thing-name', 'nope')).rejects.toMatchObject({
      stderr: expect.stringContaining(
        '(ResourceNotFoundException) when calling the DescribeThing operation: Thing nope cannot be found.',
      ),
    });
  });
});
