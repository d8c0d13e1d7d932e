import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLabStorage } from '../../electron/cloud/storage/index.js';
import { openLabSessions } from '../../electron/cloud/sts/sessions.js';
import { academyBlock } from '../aws/academy.js';
import { outsideTool } from '../helpers/tools.js';
import { ensureRendererBuilt, launchChromium, startWebMode, type WebMode } from '../helpers/web-app.js';
import { SettingsScreen } from './settings-screen.js';

const chromiumTool = outsideTool('chromium');
const SHOTS = '/tmp/shots/settings';

/**
 * AWS mode through the UI: the web app's own local cloud plays the student's AWS account (its STS
 * issues an Academy-style block; the block's endpoint is set under "Advanced"), so the whole AWS
 * code path runs: verification with STS, the account's clients, the expired-token prompt.
 */
describe.skipIf(!chromiumTool.available)('Settings: AWS mode (web mode, Chromium)', () => {
  let web: WebMode;
  let browser: Browser;
  let context: BrowserContext;
  let screen: SettingsScreen;

  /** Ends every session the lab's STS issued, as an AWS Academy lab does when its time is up. */
  const expireSessions = (): number => {
    const storage = openLabStorage(web.labDir);
    try {
      return openLabSessions(storage).expireAll();
    } finally {
      storage.close();
    }
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    web = await startWebMode();
    browser = await launchChromium(chromiumTool.command);
    context = await browser.newContext({ locale: 'en-US', colorScheme: 'light', viewport: { width: 1360, height: 900 } });
    screen = new SettingsScreen(await context.newPage());
    await screen.open(web.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (web) expect(await web.stop(), `web mode did not stop cleanly:\n${web.output()}`).toBe(0);
  });

  it('starts offline and says credentials stay in memory in web mode', async () => {
    await screen.modeBadge('offline').waitFor();
    await screen.page.getByText('Kept in memory only: never written to disk').waitFor();
    expect(await screen.page.getByRole('radio', { name: 'My AWS account' }).isDisabled()).toBe(true);
    await screen.screenshot(SHOTS, 'account-offline-light-en');
  });

  it('says what is wrong with a bad block', async () => {
    await screen.pasteBlock('hello, these are not credentials');
    await screen.formError().getByText(/No credentials found/).waitFor();
    await screen.pasteBlock('[default]\naws_access_key_id=ASIAQWERTYUIOPASDFGH\naws_secret_access_key=abc\n');
    await screen.formError().getByText(/\[default\] has no aws_session_token/).waitFor();
    expect(await screen.credentialsBlock().getAttribute('aria-invalid')).toBe('true');
    await screen.screenshot(SHOTS, 'account-bad-block-light-en');
  });

  it('verifies a pasted Academy block with STS and shows the account', async () => {
    const block = await academyBlock(web.endpoints);
    await screen.pasteBlock(block.text, web.endpoints.endpoint);
    await screen.page.getByText(`The lab runs against account ${web.endpoints.accountId} in us-east-1.`).waitFor();
    expect(await screen.sessionValue('Account').textContent()).toContain(web.endpoints.accountId);
    expect(await screen.sessionValue('Identity').textContent()).toBe(
      `arn:aws:iam::${web.endpoints.accountId}:user/student`,
    );
    expect(await screen.sessionValue('Access key').textContent()).toContain('temporary (session token)');
    expect(await screen.sessionValue('Athena work group').textContent()).toContain('iot-lab');
    await screen.modeBadge('aws').waitFor();
    // The pasted block is not kept in the form.
    expect(await screen.credentialsBlock().inputValue()).toBe('');
    await screen.screenshot(SHOTS, 'account-aws-light-en');
  });

  it('lists the SDK calls the app made, with their origin', async () => {
    await screen.tab('API calls');
    const verify = screen.callRows().filter({ hasText: 'GetCallerIdentity' }).first();
    await verify.waitFor();
    expect(await verify.textContent()).toContain('Settings · verify credentials');
    await screen.screenshot(SHOTS, 'calls-light-en');
    // The work group did not exist yet: GetWorkGroup failed, then CreateWorkGroup made it.
    await screen.page.getByRole('radio', { name: 'Failed' }).click();
    await screen.callRows().filter({ hasText: 'GetWorkGroup' }).filter({ hasText: 'InvalidRequestException' }).waitFor();
    // The failed row was listed before the filter applied: wait for the list to be the filtered one.
    await screen.callRows().filter({ hasText: 'OK' }).first().waitFor({ state: 'detached' });
    expect(await screen.callRows().filter({ hasText: 'OK' }).count()).toBe(0);
    await screen.page.getByLabel('Service').selectOption('iot');
    await screen.page.getByText('No call yet.').waitFor();
    await screen.page.getByLabel('Service').selectOption('');
    await screen.page.getByRole('radio', { name: 'All' }).click();
    await screen.callRows().filter({ hasText: 'CreateWorkGroup' }).waitFor();
  });

  it('shows the cost meter', async () => {
    await screen.tab('Cost meter');
    await screen.page.getByText('Estimated total').waitFor();
    await screen.page.getByRole('link', { name: 'Athena data scanned' }).waitFor();
    await screen.screenshot(SHOTS, 'cost-light-en');
  });

  it('asks once for new credentials when the session expires, and takes new ones', async () => {
    expect(expireSessions()).toBe(1);
    // Two pages, each calling the account: one prompt.
    await screen.page.goto(`${web.url}#/s3`);
    await screen.expiredDialog().waitFor();
    await screen.page.goto(`${web.url}#/iot`);
    await screen.page.getByRole('heading', { level: 1, name: 'AWS IoT' }).waitFor();
    await screen.expiredDialog().waitFor();
    expect(await screen.page.getByRole('dialog').count()).toBe(1);
    expect(await screen.expiredDialog().textContent()).toContain('ExpiredToken');
    await screen.screenshot(SHOTS, 'expired-light-en');

    const renewed = await academyBlock(web.endpoints);
    await screen.expiredDialog().getByLabel('Credentials block').fill(renewed.text);
    await screen.expiredDialog().getByRole('button', { name: 'Use these credentials' }).click();
    await screen.page.getByText('New credentials accepted: try what failed again.').waitFor();
    expect(await screen.page.getByRole('dialog').count()).toBe(0);

    // The new session works: the calls log shows a successful call made with it.
    const sts = new STSClient({ endpoint: web.endpoints.endpoint, region: web.endpoints.region, credentials: renewed });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(web.endpoints.accountId);
    sts.destroy();
  });

  it('looks right in dark and in French', async () => {
    await screen.open(web.url, 'account');
    await screen.page.emulateMedia({ colorScheme: 'dark' });
    await screen.page.evaluate("document.documentElement.dataset.theme = 'dark'");
    await screen.screenshot(SHOTS, 'account-aws-dark-en');
    await screen.page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await screen.page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
    await screen.screenshot(SHOTS, 'account-aws-dark-fr');
    await screen.tab('Appels d’API');
    await screen.callRows().first().waitFor();
    await screen.screenshot(SHOTS, 'calls-dark-fr');
    await screen.tab('Compteur de coûts');
    await screen.page.getByText('Total estimé').waitFor();
    await screen.screenshot(SHOTS, 'cost-dark-fr');
    await screen.page.evaluate("document.documentElement.dataset.theme = 'light'");
    await screen.screenshot(SHOTS, 'cost-light-fr');
  });

  it('goes back offline from the mode switch', async () => {
    await screen.page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await screen.tab('AWS account');
    await screen.page.getByRole('radio', { name: 'Offline (local cloud)' }).click();
    await screen.modeBadge('offline').waitFor();
    await screen.page.getByText('The lab runs against the local cloud on this computer').waitFor();
  });
});
