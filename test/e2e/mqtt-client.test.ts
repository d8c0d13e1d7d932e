import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  GetPolicyCommand,
  IoTClient,
  ListAttachedPoliciesCommand,
} from '@aws-sdk/client-iot';
import { X509Certificate, createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDevice, type DeviceConnection } from '../../electron/stations/replay/index.js';
import { outsideTool } from '../helpers/tools.js';
import { ensureRendererBuilt, launchChromium, startWebMode, type WebMode } from '../helpers/web-app.js';
import { ConsoleScreen } from './console-screen.js';

/**
 * The MQTT test client in web mode: it issues its own certificate through the SDK at first use,
 * subscribes without reconnecting, shows what the page publishes and what a device (the device SDK,
 * mTLS) publishes, pauses, exports and clears.
 */
const chromiumTool = outsideTool('chromium');
const DEVICE = 'weather-station_0';
const READING = {
  weather_station: '030910',
  time: '2022-01-01T00:00:00+00:00',
  air_temperature: { value: 6.3, quality: '1' },
};

describe.skipIf(!chromiumTool.available)('MQTT test client (web mode, Chromium)', () => {
  let web: WebMode;
  let browser: Browser;
  let screen: ConsoleScreen;
  let iot: IoTClient;
  let device: DeviceConnection;

  const list = (): Locator => screen.page.getByRole('listbox', { name: 'Messages received' });
  const rows = (topic: string): Locator => list().getByRole('option').filter({ hasText: topic });
  const received = async (): Promise<number> =>
    Number(
      ((await screen.card('Messages').getByRole('definition').first().textContent()) ?? '').replace(
        /\D/g,
        '',
      ),
    );

  beforeAll(async () => {
    ensureRendererBuilt();
    web = await startWebMode();
    const { endpoint, region, credentials, accountId } = web.endpoints;
    iot = new IoTClient({ endpoint, region, credentials });

    // A station's device, provisioned through the SDK as the fleet's "Do it for me" would.
    await iot.send(new CreateThingCommand({ thingName: DEVICE }));
    const certificate = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(
      new AttachThingPrincipalCommand({ thingName: DEVICE, principal: certificate.certificateArn }),
    );
    await iot.send(
      new CreatePolicyCommand({
        policyName: 'station_policy',
        policyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iot:Connect',
              Resource: `arn:aws:iot:${region}:${accountId}:client/${DEVICE}`,
            },
            {
              Effect: 'Allow',
              Action: 'iot:Publish',
              Resource: `arn:aws:iot:${region}:${accountId}:topic/*`,
            },
          ],
        }),
      }),
    );
    await iot.send(
      new AttachPolicyCommand({ policyName: 'station_policy', target: certificate.certificateArn }),
    );
    device = await connectDevice(
      {
        host: web.endpoints.mqtt!.host,
        port: web.endpoints.mqtt!.port,
        caPem: readFileSync(web.endpoints.mqtt!.caFile, 'utf8'),
      },
      {
        clientId: DEVICE,
        certificatePem: certificate.certificatePem!,
        privateKeyPem: certificate.keyPair!.PrivateKey!,
      },
      { cleanSession: true },
    );

    browser = await launchChromium(chromiumTool.command);
    const context = await browser.newContext({
      locale: 'en-US',
      colorScheme: 'light',
      viewport: { width: 1360, height: 900 },
      acceptDownloads: true,
    });
    screen = new ConsoleScreen(await context.newPage());
    await screen.openPage(web.url, 'MQTT test client', 'MQTT test client');
  });

  afterAll(async () => {
    await device?.disconnect().catch(() => undefined);
    await browser?.close();
    iot?.destroy();
    if (web) expect(await web.stop(), `web mode did not stop cleanly:\n${web.output()}`).toBe(0);
  });

  it('subscribes to sensor/#, issuing its own certificate and policy through the SDK', async () => {
    expect(await screen.page.getByRole('status', { name: 'Connection state' }).textContent()).toBe(
      'Disconnected',
    );
    await screen.screenshot('mqtt-client-disconnected');
    const subscribe = screen.page.getByRole('form', { name: 'Subscribe' });
    expect(await subscribe.getByRole('textbox', { name: 'Topic filter' }).inputValue()).toBe('sensor/#');
    await subscribe.getByRole('button', { name: 'Subscribe' }).click();
    await screen.page
      .getByRole('status', { name: 'Connection state' })
      .filter({ hasText: 'Connected' })
      .waitFor();
    await screen.page.getByRole('list', { name: 'Subscriptions' }).getByText('sensor/#').waitFor();

    // The identity is in the lab folder and "the cloud" knows it: ACTIVE, with the test client's policy.
    const folder = path.join(web.labDir, 'mqtt-test-client');
    const pem = readFileSync(path.join(folder, 'certificate.pem.crt'), 'utf8');
    expect(statSync(path.join(folder, 'private.pem.key')).mode & 0o777).toBe(0o600);
    const certificateId = createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
    const described = await iot.send(new DescribeCertificateCommand({ certificateId }));
    expect(described.certificateDescription?.status).toBe('ACTIVE');
    const { policies = [] } = await iot.send(
      new ListAttachedPoliciesCommand({ target: described.certificateDescription!.certificateArn }),
    );
    expect(policies.map((policy) => policy.policyName)).toEqual(['iot-lab-test-client']);
    const policy = await iot.send(new GetPolicyCommand({ policyName: 'iot-lab-test-client' }));
    expect(policy.policyDocument).toContain('client/iot-lab-test-client-*');
    const connection = screen.card('Connection');
    expect(await screen.valueIn(connection, 'Policy')).toBe('iot-lab-test-client');
    expect(await screen.valueIn(connection, 'Client ID')).toMatch(/^iot-lab-test-client-[0-9a-f]{8}$/);
  });

  it('shows what the page publishes', async () => {
    const publish = screen.page.getByRole('form', { name: 'Publish' });
    await publish.getByRole('textbox', { name: 'Topic' }).fill('sensor/test');
    await publish.getByText('Valid JSON.').waitFor();
    await publish.getByRole('button', { name: 'Publish' }).click();
    await publish.getByRole('status').filter({ hasText: 'Published to sensor/test' }).waitFor();
    await rows('sensor/test').first().waitFor();
    expect(await rows('sensor/test').first().textContent()).toContain('Hello from the IoT Lab test client');
  });

  it('shows what a device publishes over mutual TLS, pretty-printed', async () => {
    await device.publish('sensor/weather', JSON.stringify(READING), 1);
    const row = rows('sensor/weather').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('QoS 1');
    await row.click();
    const detail = screen.page.getByRole('region', { name: 'Selected message' });
    await detail.waitFor();
    expect(await detail.getByLabel('Payload').textContent()).toBe(JSON.stringify(READING, null, 2));
    await detail.getByText('JSON', { exact: true }).waitFor();
    // ↑/↓ move through the list from the keyboard.
    await screen.page.keyboard.press('ArrowDown');
    await detail.getByText('sensor/test', { exact: true }).waitFor();
    await screen.screenshot('mqtt-client-en');
  });

  it('changes subscriptions without reconnecting', async () => {
    const before = await received();
    await screen.page.getByRole('button', { name: 'Unsubscribe from sensor/#' }).click();
    await screen.page.getByText('No subscriptions.').waitFor();
    const subscribe = screen.page.getByRole('form', { name: 'Subscribe' });
    await subscribe.getByRole('textbox', { name: 'Topic filter' }).fill('other/+');
    await subscribe.getByRole('button', { name: 'Subscribe' }).click();
    await screen.page.getByRole('list', { name: 'Subscriptions' }).getByText('other/+').waitFor();
    // Messages after one another on the device's connection: once other/x is shown, sensor/weather was not.
    await device.publish('sensor/weather', JSON.stringify(READING), 1);
    await device.publish('other/x', '{"n": 1}', 1);
    await rows('other/x').first().waitFor();
    expect(await received()).toBe(before + 1);
    expect(await rows('sensor/weather').count()).toBe(1);
    expect(await screen.page.getByRole('status', { name: 'Connection state' }).textContent()).toBe(
      'Connected',
    );
  });

  it('pauses, then shows what came meanwhile; exports JSON lines; clears', async () => {
    await screen.button('Pause').click();
    await device.publish('other/y', 'not json', 1);
    await screen.page.getByText('Paused: 1 message arrived since. Resume to see the newest.').waitFor();
    expect(await rows('other/y').count()).toBe(0);
    await screen.screenshot('mqtt-client-paused');
    await screen.button('Resume').click();
    await rows('other/y').first().waitFor();

    const exported = await screen.download(screen.button('Export (JSON lines)'));
    expect(exported.name).toMatch(/^mqtt-messages-.*\.jsonl$/);
    const lines = exported.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.topic)).toEqual(['sensor/test', 'sensor/weather', 'other/x', 'other/y']);
    expect(lines[1]?.payload).toEqual(READING);
    expect(lines[3]?.payload).toBe('not json');

    await screen.button('Clear').click();
    await list().getByText('No messages yet').waitFor();
  });

  it('speaks French and has a dark theme', async () => {
    await device.publish('other/z', JSON.stringify(READING), 1);
    await rows('other/z').first().waitFor();
    await rows('other/z').first().click();
    await screen.chooseLanguage('Language', 'fr');
    await screen.heading('Client de test MQTT').waitFor();
    await screen.screenshot('mqtt-client-fr');
    await screen.themeToggle('Thème sombre').click();
    await screen.screenshot('mqtt-client-dark-fr');
    await screen.themeToggle('Thème sombre').click();
    await screen.chooseLanguage('Langue', 'en');
  });

  it('keeps its identity in the lab folder and never broke the CSP', () => {
    expect(existsSync(path.join(web.labDir, 'mqtt-test-client', 'public.pem.key'))).toBe(true);
    expect(screen.problems, screen.problems.join('\n')).toEqual([]);
  });
});
