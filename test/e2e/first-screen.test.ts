import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideTool } from '../helpers/tools.js';
import {
  ensureRendererBuilt,
  FirstScreen,
  launchChromium,
  startWebMode,
  type WebMode,
} from '../helpers/web-app.js';

const chromiumTool = outsideTool('chromium');

describe.skipIf(!chromiumTool.available)('first screen (web mode, Chromium)', () => {
  let web: WebMode;
  let browser: Browser;
  let context: BrowserContext;
  let screen: FirstScreen;

  beforeAll(async () => {
    ensureRendererBuilt();
    web = await startWebMode();
    browser = await launchChromium(chromiumTool.command);
    context = await browser.newContext({
      locale: 'en-US',
      colorScheme: 'light',
      viewport: { width: 1360, height: 900 },
    });
    // The copy buttons write to the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(web.url).origin,
    });
    screen = new FirstScreen(await context.newPage());
    await screen.open(web.url);
  });

  afterAll(async () => {
    await browser?.close();
    if (web) expect(await web.stop(), `web mode did not stop cleanly:\n${web.output()}`).toBe(0);
  });

  it('shows the offline mode and the running local cloud', async () => {
    const { endpoints } = web;
    expect(await screen.heading('Home').isVisible()).toBe(true);
    expect(await screen.detailText('Mode')).toContain('Offline');
    expect(await screen.detailText('Endpoint')).toBe(endpoints.endpoint);
    expect(await screen.detailText('Account ID')).toBe(endpoints.accountId);
    expect(await screen.detailText('Region')).toBe(endpoints.region);
    expect(await screen.detailText('Access key ID')).toBe(endpoints.credentials.accessKeyId);
    expect(await screen.detailText('Lab folder')).toBe(web.labDir);
    expect(
      await screen.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents(),
    ).toEqual([
      'Home',
      'Lessons',
      'Stations',
      'AWS IoT',
      'S3',
      'Firehose',
      'DynamoDB',
      'Glue',
      'MQTT test client',
      'SQL editor',
      'Charts',
      'Settings',
      'Instructor',
    ]);
  });

  it('gives AWS CLI and boto3 snippets for the local cloud', async () => {
    const { endpoint, credentials, region } = web.endpoints;
    const cli = await screen.snippetText('AWS CLI');
    expect(cli).toContain(`aws --endpoint-url ${endpoint} s3 ls`);
    expect(cli).toContain(`AWS_ACCESS_KEY_ID=${credentials.accessKeyId}`);
    expect(cli).toContain(`AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`);
    const boto3 = await screen.snippetText('Python (boto3)');
    expect(boto3).toContain(`endpoint_url='${endpoint}'`);
    expect(boto3).toContain(`aws_access_key_id='${credentials.accessKeyId}'`);
    expect(boto3).toContain(`region_name='${region}'`);
    expect(boto3).toContain("config=Config(s3={'addressing_style': 'path'})");

    await screen.copyButton('Copy Endpoint').click();
    const copied = screen.page.getByRole('status').filter({ hasText: 'Copied' });
    await copied.waitFor();
    expect(await screen.clipboardText()).toBe(endpoint);
    await copied.waitFor({ state: 'detached' });
  });

  it('lists the calls the local cloud answers, live', async () => {
    const { endpoint, region, credentials } = web.endpoints;
    const sts = new STSClient({ endpoint, region, credentials });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(identity.Account).toBe(web.endpoints.accountId);

    const call = screen.calls().filter({ hasText: 'GetCallerIdentity' });
    await call.first().waitFor();
    expect(await call.first().textContent()).toContain('200');
    await screen.detail('Calls').filter({ hasNotText: /^0$/ }).waitFor();
    expect(await screen.detailText('Services')).toContain('sts');
    await screen.screenshot('first-screen-en');
  });

  it('switches to French, and remembers it', async () => {
    await screen.chooseLanguage('Language', 'fr');
    expect(await screen.heading('Accueil').isVisible()).toBe(true);
    expect(await screen.detailText('Point de terminaison')).toBe(web.endpoints.endpoint);
    expect(await screen.detailText('Mode')).toContain('Hors ligne');
    await screen.screenshot('first-screen-fr');

    await screen.page.reload();
    await screen.waitUntilReady();
    expect(await screen.heading('Accueil').isVisible()).toBe(true);
    await screen.chooseLanguage('Langue', 'en');
  });

  it('toggles the dark theme', async () => {
    const toggle = screen.themeToggle('Dark theme');
    expect(await screen.theme()).toBe('light');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.focus();
    await screen.page.keyboard.press('Enter');
    expect(await screen.theme()).toBe('dark');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.blur();
    await screen.screenshot('first-screen-dark');
  });
});
