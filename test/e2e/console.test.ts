import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  PutRecordBatchCommand,
} from '@aws-sdk/client-firehose';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  CreateThingTypeCommand,
  CreateTopicRuleCommand,
  DescribeCertificateCommand,
  DescribeEndpointCommand,
  DescribeThingCommand,
  DescribeThingRegistrationTaskCommand,
  GetPolicyCommand,
  IoTClient,
  ListCertificatesCommand,
  ListThingsCommand,
  StartThingRegistrationTaskCommand,
} from '@aws-sdk/client-iot';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideTool } from '../helpers/tools.js';
import { ensureRendererBuilt, launchChromium, startWebMode, type WebMode } from '../helpers/web-app.js';
import { ConsoleScreen } from './console-screen.js';

/**
 * The console pages in web mode on a fresh lab, populated through the SDK: what each page shows is
 * compared with what the SDK says, and what the UI creates or deletes is checked through the SDK.
 */
const chromiumTool = outsideTool('chromium');

const THINGS = ['weather-station_0', 'weather-station_1', 'weather-station_2'];
const POLICY = 'lab_station_policy';
const RULE = 'weather_sensor_to_S3';
const TABLE = 'weather';
const STREAM = 'IoT_warehouse_delivery_stream';
const BUFFERED = 12;

const reading = (station: string, minute: number, temperature: number) => ({
  weather_station: station,
  time: `2022-01-01T00:${String(minute).padStart(2, '0')}:00+00:00`,
  air_temperature: { value: temperature, quality: '1' },
});

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!chromiumTool.available)('console pages (web mode, Chromium)', () => {
  let web: WebMode;
  let browser: Browser;
  let screen: ConsoleScreen;
  let iot: IoTClient;
  let s3: S3Client;
  let dynamodb: DynamoDBClient;
  let firehose: FirehoseClient;
  let bucket: string;
  let certificateId: string;
  const bufferedBytes = { total: 0 };

  beforeAll(async () => {
    ensureRendererBuilt();
    web = await startWebMode();
    const { endpoint, region, credentials, accountId } = web.endpoints;
    const config = { endpoint, region, credentials };
    iot = new IoTClient(config);
    s3 = new S3Client({ ...config, forcePathStyle: true });
    dynamodb = new DynamoDBClient(config);
    firehose = new FirehoseClient(config);
    bucket = `iot-tutorial-datalake-${accountId}`;

    // IoT: a type, three things, a certificate attached to the first and to a policy, a rule.
    await iot.send(new CreateThingTypeCommand({ thingTypeName: 'sensor' }));
    for (const [index, thingName] of THINGS.entries()) {
      await iot.send(
        new CreateThingCommand({
          thingName,
          thingTypeName: 'sensor',
          attributePayload: { attributes: { thingId: String(index), version: 'v1' } },
        }),
      );
    }
    const certificate = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    certificateId = certificate.certificateId!;
    await iot.send(
      new AttachThingPrincipalCommand({ thingName: THINGS[0], principal: certificate.certificateArn }),
    );
    await iot.send(
      new CreatePolicyCommand({
        policyName: POLICY,
        policyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
        }),
      }),
    );
    await iot.send(new AttachPolicyCommand({ policyName: POLICY, target: certificate.certificateArn }));
    await iot.send(
      new CreateTopicRuleCommand({
        ruleName: RULE,
        topicRulePayload: {
          sql: "SELECT * FROM 'sensor/weather'",
          awsIotSqlVersion: '2016-03-23',
          actions: [
            {
              s3: {
                roleArn: `arn:aws:iam::${accountId}:role/LabRole`,
                bucketName: bucket,
                key: '${topic()}/${timestamp()}',
              },
            },
          ],
        },
      }),
    );

    // S3: the lake, with JSON lines (one of them the lab's invalid NaN), records back to back, and text.
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const lines = [
      JSON.stringify(reading('030910', 0, 6.3)),
      '{"weather_station": "713060", "sky_cover_condition": [{"coverage": NaN}]}',
      JSON.stringify(reading('062800', 20, 11)),
    ].join('\n');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'raw/2022/01/01/00/lines.json', Body: lines }));
    const backToBack = [0, 1, 2, 3].map((i) => JSON.stringify(reading('061100', i * 10, i))).join('');
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'raw/2022/01/01/01/firehose-1', Body: backToBack }),
    );
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'notes.txt', Body: 'Lab notes' }));

    // DynamoDB: the lab's table, more items than one page.
    await dynamodb.send(
      new CreateTableCommand({
        TableName: TABLE,
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
    await until(async () => {
      const answer = await dynamodb.send(new DescribeTableCommand({ TableName: TABLE }));
      return answer.Table?.TableStatus === 'ACTIVE' ? true : undefined;
    }, 'the table to be ACTIVE');
    for (let minute = 0; minute < 30; minute++) {
      const station = minute % 3 === 0 ? '713060' : '030910';
      await dynamodb.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: {
            weather_station: { S: station },
            time: { S: reading(station, minute, 0).time },
            temperature: { N: String(minute / 2) },
            quality: { S: '1' },
          },
        }),
      );
    }

    // Firehose: a stream to the lake, with records waiting in its buffer (5 MiB / 300 s).
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: STREAM,
        DeliveryStreamType: 'DirectPut',
        ExtendedS3DestinationConfiguration: {
          RoleARN: `arn:aws:iam::${accountId}:role/LabRole`,
          BucketARN: `arn:aws:s3:::${bucket}`,
          BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
        },
      }),
    );
    await until(async () => {
      const answer = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: STREAM }));
      return answer.DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE' ? true : undefined;
    }, 'the stream to be ACTIVE');
    const records = Array.from({ length: BUFFERED }, (_, i) =>
      Buffer.from(JSON.stringify(reading('030910', i, i))),
    );
    bufferedBytes.total = records.reduce((sum, record) => sum + record.length, 0);
    await firehose.send(
      new PutRecordBatchCommand({ DeliveryStreamName: STREAM, Records: records.map((Data) => ({ Data })) }),
    );

    // A bulk registration, as the fleet's provisioning does it.
    const templates = `iot-tutorial-things-template-${accountId}`;
    await s3.send(new CreateBucketCommand({ Bucket: templates }));
    await s3.send(
      new PutObjectCommand({
        Bucket: templates,
        Key: 'things.json',
        Body: '{"ThingName": "bulk-thing-1"}\n',
      }),
    );
    const { taskId } = await iot.send(
      new StartThingRegistrationTaskCommand({
        templateBody: JSON.stringify({
          Parameters: { ThingName: { Type: 'String' } },
          Resources: { thing: { Type: 'AWS::IoT::Thing', Properties: { ThingName: { Ref: 'ThingName' } } } },
        }),
        inputFileBucket: templates,
        inputFileKey: 'things.json',
        roleArn: `arn:aws:iam::${accountId}:role/LabRole`,
      }),
    );
    await until(async () => {
      const task = await iot.send(new DescribeThingRegistrationTaskCommand({ taskId }));
      return task.status === 'Completed' ? true : undefined;
    }, 'the registration task');

    browser = await launchChromium(chromiumTool.command);
    const context = await browser.newContext({
      locale: 'en-US',
      colorScheme: 'light',
      viewport: { width: 1360, height: 900 },
      acceptDownloads: true,
    });
    screen = new ConsoleScreen(await context.newPage());
    await screen.openPage(web.url, 'AWS IoT', 'AWS IoT');
  });

  afterAll(async () => {
    await browser?.close();
    for (const client of [iot, s3, dynamodb, firehose]) client?.destroy();
    if (web) expect(await web.stop(), `web mode did not stop cleanly:\n${web.output()}`).toBe(0);
  });

  it('lists the things ListThings gives, and describes one with its attributes and certificate', async () => {
    const { things = [] } = await iot.send(new ListThingsCommand({}));
    await screen.rowLink('Things', THINGS[0]!).waitFor();
    expect(await screen.rowNames('Things')).toEqual(things.map((thing) => thing.thingName));
    expect(await screen.rowNames('Things')).toEqual(expect.arrayContaining([...THINGS, 'bulk-thing-1']));

    await screen.rowLink('Things', THINGS[0]!).click();
    const detail = screen.card(THINGS[0]!);
    await detail.getByText('thingId').waitFor();
    const described = await iot.send(new DescribeThingCommand({ thingName: THINGS[0] }));
    expect(await screen.valueIn(detail, 'ARN')).toBe(described.thingArn);
    expect(await screen.valueIn(detail, 'thingId')).toBe('0');
    expect(await screen.valueIn(detail, 'version')).toBe('v1');
    await detail
      .getByRole('list', { name: 'Certificates (principals)' })
      .getByText(certificateId.slice(0, 16))
      .waitFor();

    // The table is keyboard navigable: ↓ moves between the rows' links.
    await screen.rowLink('Things', THINGS[0]!).focus();
    await screen.page.keyboard.press('ArrowDown');
    expect(await screen.page.evaluate('document.activeElement.textContent')).toBe(THINGS[1]);
    await screen.screenshot('console-iot-things');
  });

  it('creates a thing from its dialog and deletes it, as the SDK then sees', async () => {
    await screen.button('Create thing').click();
    const dialog = screen.dialog('Create a thing');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('console-made-thing');
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption('sensor');
    await dialog.getByRole('button', { name: 'Add an attribute' }).click();
    await dialog.getByRole('textbox', { name: 'Name of attribute 1' }).fill('room');
    await dialog.getByRole('textbox', { name: 'Value of attribute 1' }).fill('B204');
    await screen.screenshot('console-iot-create-thing');
    await dialog.getByRole('button', { name: 'Create thing' }).click();
    const detail = screen.card('console-made-thing');
    await detail.waitFor();
    const made = await iot.send(new DescribeThingCommand({ thingName: 'console-made-thing' }));
    expect(made.thingTypeName).toBe('sensor');
    expect(made.attributes).toEqual({ room: 'B204' });

    await screen.button('Delete', detail).click();
    const confirm = screen.dialog('Delete the thing console-made-thing?');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect(
      iot.send(new DescribeThingCommand({ thingName: 'console-made-thing' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('shows certificates, creates one with its files, and deletes it after deactivating it', async () => {
    await screen.tab('Certificates').click();
    const { certificates = [] } = await iot.send(new ListCertificatesCommand({}));
    await screen.rowLink('Certificates', `${certificateId.slice(0, 10)}…`).waitFor();
    expect((await screen.rowNames('Certificates')).length).toBe(certificates.length);

    await screen.rowLink('Certificates', `${certificateId.slice(0, 10)}…`).click();
    const detail = screen.card(`Certificate ${certificateId.slice(0, 10)}…`);
    await detail.getByRole('list', { name: 'Policies' }).getByText(POLICY).waitFor();
    await detail.getByRole('list', { name: 'Things' }).getByText(THINGS[0]!).waitFor();
    expect(await screen.valueIn(detail, 'Certificate ID')).toBe(certificateId);
    await screen.screenshot('console-iot-certificates');

    await screen.button('Create certificate').click();
    await screen.dialog('Create a certificate').getByRole('button', { name: 'Create certificate' }).click();
    const created = screen.page.getByRole('dialog', { name: /^Certificate .* created$/ });
    await created.waitFor();
    const key = await screen.download(created.getByRole('button', { name: /-private\.pem\.key$/ }));
    expect(key.name).toMatch(/^[0-9a-f]{10}-private\.pem\.key$/);
    expect(key.text).toMatch(/^-----BEGIN (RSA )?PRIVATE KEY-----/);
    const ca = await screen.download(created.getByRole('button', { name: 'Download the lab CA' }));
    expect(ca.text).toContain('-----BEGIN CERTIFICATE-----');
    await screen.screenshot('console-iot-certificate-created');
    const newId = key.name.slice(0, 10);
    await created.getByRole('button', { name: 'Done' }).click();

    const newDetail = screen.card(`Certificate ${newId}…`);
    await newDetail.waitFor();
    const fullId = await screen.valueIn(newDetail, 'Certificate ID');
    expect(
      (await iot.send(new DescribeCertificateCommand({ certificateId: fullId }))).certificateDescription
        ?.status,
    ).toBe('ACTIVE');
    // AWS refuses to delete an ACTIVE certificate: the dialog says so and deactivates it first.
    await screen.button('Delete', newDetail).click();
    const confirm = screen.dialog(`Delete certificate ${newId}…?`);
    await confirm.getByText('it is ACTIVE: deactivate it first').waitFor();
    await confirm.getByRole('button', { name: 'Detach, deactivate and delete' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect(iot.send(new DescribeCertificateCommand({ certificateId: fullId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('shows a policy document and creates a policy from the validating editor', async () => {
    await screen.tab('Policies').click();
    await screen.rowLink('Policies', POLICY).click();
    const detail = screen.card(POLICY);
    await detail
      .getByRole('region', { name: 'Policy document' })
      .or(detail.getByLabel('Policy document'))
      .first()
      .waitFor();
    expect(await detail.getByLabel('Policy document').first().textContent()).toContain('"iot:*"');

    await screen.button('Create policy').click();
    const dialog = screen.dialog('Create a policy');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('console_policy');
    await dialog.getByText('Valid JSON with statements AWS IoT understands.').waitFor();
    // Breaking the JSON is seen at once.
    const editor = dialog.getByRole('textbox', { name: 'Policy document' });
    await editor.click();
    await screen.page.keyboard.press('Control+End');
    await screen.page.keyboard.type(',');
    await dialog.getByText(/^Not valid JSON/).waitFor();
    await screen.screenshot('console-iot-policy-editor');
    await screen.page.keyboard.press('Backspace');
    await dialog.getByText('Valid JSON with statements AWS IoT understands.').waitFor();
    await dialog.getByRole('button', { name: 'Create policy' }).click();
    await screen.card('console_policy').waitFor();
    const policy = await iot.send(new GetPolicyCommand({ policyName: 'console_policy' }));
    expect(JSON.parse(policy.policyDocument!).Statement).toHaveLength(3);
  });

  it('shows the rules with their counters, and checks rule SQL as it is typed', async () => {
    await screen.tab('Rules').click();
    await screen.rowLink('Rules', RULE).click();
    const detail = screen.card(RULE);
    await detail.getByLabel('Rule SQL').waitFor();
    expect(await detail.getByLabel('Rule SQL').textContent()).toBe("SELECT * FROM 'sensor/weather'");
    expect(
      await screen
        .table('Rules')
        .getByRole('row', { name: new RegExp(RULE) })
        .textContent(),
    ).toContain('sensor/weather');
    await screen.screenshot('console-iot-rules');

    await screen.button('Edit', detail).click();
    const dialog = screen.dialog(`Edit ${RULE}`);
    await dialog.getByText('Valid SQL: messages on sensor/weather.').waitFor();
    const editor = dialog.getByRole('textbox', { name: 'Rule SQL' });
    await editor.click();
    await screen.page.keyboard.press('Control+A');
    await screen.page.keyboard.type('SELECT * FROM FROM sensor/weather');
    await dialog.getByText('SqlParseException').waitFor();
    await screen.screenshot('console-iot-rule-editor');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('gives the endpoint, its port and the CA', async () => {
    await screen.tab('Endpoint').click();
    const card = screen.card('Device data endpoint');
    const { endpointAddress } = await iot.send(new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }));
    await card.getByText(endpointAddress!).first().waitFor();
    expect(await screen.valueIn(card, 'Port')).toBe(String(web.endpoints.mqtt!.port));
    await screen.screenshot('console-iot-endpoint');
  });

  it('shows the registration task and its results', async () => {
    await screen.tab('Registration tasks').click();
    await screen.table('Registration tasks').getByRole('link').first().click();
    const detail = screen.card('Registration task');
    await detail.getByText('Completed').first().waitFor();
    await detail.getByRole('button', { name: 'Results' }).click();
    await detail.getByText('bulk-thing-1').first().waitFor();
    await screen.screenshot('console-iot-tasks');
  });

  it('browses buckets and prefixes, reads objects as JSON records, uploads and deletes', async () => {
    await screen.navigate('S3', 'Amazon S3');
    await screen.rowLink('Buckets', bucket).click();
    await screen.rowLink('Objects', 'raw/').click();
    await screen.rowLink('Objects', '2022/').click();
    await screen.rowLink('Objects', '01/').click();
    await screen.rowLink('Objects', '01/').click();
    await screen.rowLink('Objects', '00/').click();
    await screen.rowLink('Objects', 'lines.json').click();
    const viewer = screen.card('lines.json');
    await viewer.getByText('3 records. One is not valid JSON.').waitFor();
    await viewer.getByLabel('Record 1').waitFor();
    expect(await viewer.getByLabel('Record 1').textContent()).toContain('"weather_station": "030910"');
    expect(await viewer.getByLabel('Record 2').textContent()).toContain('NaN');
    await screen.screenshot('console-s3-object');

    // Firehose's records back to back, no separator.
    await screen.go(
      `#/s3/${bucket}/${encodeURIComponent('raw/2022/01/01/01/')}/${encodeURIComponent('raw/2022/01/01/01/firehose-1')}`,
    );
    const records = screen.card('firehose-1');
    await records.getByText('4 records.', { exact: true }).waitFor();
    const download = await screen.download(records.getByRole('button', { name: 'Download' }));
    expect(download.text.split('}{')).toHaveLength(4);

    // Upload a file from the bucket's root, then delete it.
    await screen.go(`#/s3/${bucket}`);
    const browser = screen.card(bucket);
    await screen.button('Upload', browser).click();
    const upload = screen.dialog(`Upload to ${bucket}`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'iotlab-upload-')), 'template.json');
    writeFileSync(file, JSON.stringify({ hello: 'S3' }));
    await upload.getByLabel('File').setInputFiles(file);
    expect(await upload.getByRole('textbox', { name: 'Object key' }).inputValue()).toBe('template.json');
    await upload.getByRole('button', { name: 'Upload' }).click();
    await screen.card('template.json').waitFor();
    expect(
      (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'template.json' }))).ContentLength,
    ).toBe(14);
    await screen.screenshot('console-s3');
    await screen.button('Delete', screen.card('template.json')).click();
    await screen.dialog('Delete template.json?').getByRole('button', { name: 'Delete' }).click();
    await screen.card('template.json').waitFor({ state: 'detached' });
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'template.json' })),
    ).rejects.toMatchObject({
      name: 'NotFound',
    });

    // A bucket created and deleted from the console.
    await screen.button('Create bucket').click();
    const create = screen.dialog('Create bucket');
    await create.getByRole('textbox', { name: 'Bucket name' }).fill('console-made-bucket');
    await create.getByRole('button', { name: 'Create bucket' }).click();
    await screen.card('console-made-bucket').waitFor();
    await s3.send(new HeadBucketCommand({ Bucket: 'console-made-bucket' }));
    await screen.button('Delete bucket', screen.card('console-made-bucket')).click();
    await screen
      .dialog('Delete the bucket console-made-bucket?')
      .getByRole('button', { name: 'Delete bucket' })
      .click();
    await screen.card('console-made-bucket').waitFor({ state: 'detached' });
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'console-made-bucket' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
  });

  it('explores the table with Scan pages and queries it by key', async () => {
    await screen.navigate('DynamoDB', 'Amazon DynamoDB');
    await screen.rowLink('Tables', TABLE).click();
    const items = screen.card('Items');
    await items.getByRole('button', { name: 'Scan', exact: true }).last().click();
    await items.getByText('25 items returned, 25 read.').waitFor();
    const { Count } = await dynamodb.send(new ScanCommand({ TableName: TABLE, Limit: 25 }));
    expect(await items.getByRole('table', { name: 'Items' }).getByRole('rowheader').count()).toBe(Count);
    await items.getByRole('button', { name: 'Next' }).click();
    await items.getByText('5 items returned, 5 read.').waitFor();
    await screen.screenshot('console-dynamodb');

    await items.getByRole('radio', { name: 'Query' }).click();
    await items.getByRole('textbox', { name: /^weather_station/ }).fill('713060');
    await items.getByRole('combobox', { name: /^time/ }).selectOption('begins_with');
    await items.getByRole('textbox', { name: 'Value' }).fill('2022-01-01T00:1');
    await items.getByRole('button', { name: 'Run query' }).click();
    // 713060 has minutes 0, 3, 6 … 27: those from 10 to 19 are 12, 15 and 18.
    await items.getByText('3 items returned, 3 read.').waitFor();
    const times = await items.getByRole('table', { name: 'Items' }).locator('tbody tr').allTextContents();
    expect(times.every((row) => row.includes('713060'))).toBe(true);
    await items.getByRole('button', { name: 'Open item 713060' }).first().click();
    const item = screen.dialog('Item');
    expect(await item.getByLabel('Item').textContent()).toContain('"temperature": 6');
    await screen.page.keyboard.press('Escape');
    await item.waitFor({ state: 'detached' });
  });

  it('shows the stream and its buffer filling, live', async () => {
    await screen.navigate('Firehose', 'Amazon Data Firehose');
    await screen.rowLink('Delivery streams', STREAM).click();
    const buffer = screen.card('Buffer');
    await buffer.getByText(String(BUFFERED), { exact: true }).waitFor();
    const size = buffer.getByRole('progressbar', { name: 'Size' });
    expect(Number(await size.getAttribute('value'))).toBe(bufferedBytes.total);
    // The countdown runs: the interval gauge moves.
    const age = buffer.getByRole('progressbar', { name: 'Oldest record' });
    const before = Number(await age.getAttribute('value'));
    await expect
      .poll(async () => Number(await age.getAttribute('value')), { timeout: 5000 })
      .toBeGreaterThan(before);
    expect(await screen.valueIn(screen.card(STREAM), 'Buffering')).toBe('5 MiB or 300 s, whichever first');
    await screen.screenshot('console-firehose');
  });

  it('speaks French and has a dark theme', async () => {
    await screen.chooseLanguage('Language', 'fr');
    await screen.navigate('AWS IoT', 'AWS IoT', 'Principal');
    await screen.page
      .getByRole('navigation', { name: 'Rubriques d’AWS IoT' })
      .getByRole('link', { name: 'Objets', exact: true })
      .waitFor();
    await screen.screenshot('console-iot-things-fr');
    await screen.themeToggle('Thème sombre').click();
    await screen.go('#/iot/certificates');
    await screen.table('Certificats').waitFor();
    await screen.screenshot('console-iot-certificates-dark-fr');
    await screen.go(
      `#/s3/${bucket}/${encodeURIComponent('raw/2022/01/01/00/')}/${encodeURIComponent('raw/2022/01/01/00/lines.json')}`,
    );
    await screen.card('lines.json').getByLabel('Enregistrement 1').waitFor();
    await screen.screenshot('console-s3-object-dark-fr');
    await screen.themeToggle('Thème sombre').click();
    await screen.chooseLanguage('Langue', 'en');
  });

  it('never broke the CSP nor threw', () => {
    // The one expected console error: the failed rule the page showed was the API's answer, not a fault.
    expect(screen.problems, screen.problems.join('\n')).toEqual([]);
  });
});
