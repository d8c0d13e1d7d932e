import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
} from '@aws-sdk/client-iot';
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudClients, type CloudClients } from '../../electron/aws/client-factory.js';
import { outsideTool } from '../helpers/tools.js';
import { ensureRendererBuilt, launchChromium, startWebMode, type WebMode } from '../helpers/web-app.js';
import { InstructorScreen } from './instructor-screen.js';

/**
 * The Instructor page in web mode: the account's inventory, a dry run, the reset behind its typed
 * confirmation and its report; then the lab folder reset and the progress reset.
 */

const chromiumTool = outsideTool('chromium');
const ALLOW_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }],
});

async function bucketNames(clients: CloudClients): Promise<string[]> {
  const { Buckets } = await clients.s3().send(new ListBucketsCommand({}));
  return (Buckets ?? []).map((bucket) => bucket.Name ?? '').sort();
}

describe.skipIf(!chromiumTool.available)('instructor page (web mode, Chromium)', () => {
  let web: WebMode;
  let browser: Browser;
  let screen: InstructorScreen;
  let clients: CloudClients;
  let account: string;

  beforeAll(async () => {
    ensureRendererBuilt();
    web = await startWebMode();
    account = web.endpoints.accountId;
    const { endpoint, region, credentials } = web.endpoints;
    clients = createCloudClients({ kind: 'offline', endpoint, region, credentials });
    // A lab as lesson 00 and the fleet leave it, and another class's bucket.
    for (const role of ['things-template', 'datalake', 'athena-query']) {
      await clients.s3().send(new CreateBucketCommand({ Bucket: `iot-tutorial-${role}-${account}` }));
    }
    for (let index = 0; index < 3; index++) {
      await clients
        .s3()
        .send(
          new PutObjectCommand({
            Bucket: `iot-tutorial-datalake-${account}`,
            Key: `2024/01/01/00/r${index}.json`,
            Body: '{}',
          }),
        );
    }
    const iot = clients.iot();
    await iot.send(new CreateThingCommand({ thingName: 'weather-station_0' }));
    await iot.send(new CreatePolicyCommand({ policyName: 'free_policy', policyDocument: ALLOW_ALL }));
    const certificate = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(
      new AttachThingPrincipalCommand({
        thingName: 'weather-station_0',
        principal: certificate.certificateArn,
      }),
    );
    await iot.send(
      new AttachPolicyCommand({ policyName: 'free_policy', target: certificate.certificateArn }),
    );
    await clients.s3().send(new CreateBucketCommand({ Bucket: 'greenhouse-data' }));

    browser = await launchChromium(chromiumTool.command);
    const context = await browser.newContext({
      locale: 'en-US',
      colorScheme: 'light',
      viewport: { width: 1360, height: 900 },
    });
    screen = new InstructorScreen(await context.newPage());
    await screen.openInstructor(web.url);
  });

  afterAll(async () => {
    clients?.destroy();
    await browser?.close();
    if (web) expect(await web.stop(), `web mode did not stop cleanly:\n${web.output()}`).toBe(0);
  });

  it('lists the lab’s resources with counts by service, and not another class’s', async () => {
    await screen.inventoryRows().nth(5).waitFor();
    expect(await screen.inventoryRows().count()).toBe(6);
    const names = await screen.inventoryRows().getByRole('rowheader').allTextContents();
    expect(names).toContain(`iot-tutorial-datalake-${account}`);
    expect(names).not.toContain('greenhouse-data');
    expect(await screen.serviceCount('S3')).toBe('3');
    expect(await screen.serviceCount('IoT Core')).toBe('3');
    expect(await screen.card('Reset the account').textContent()).toContain(`account ${account}`);
    await screen.shoot('inventory-light-en');
  });

  it('a dry run reports what it would delete and changes nothing', async () => {
    await screen.button('Dry run').click();
    await screen.page.getByRole('heading', { name: 'Dry run: nothing was changed' }).waitFor();
    expect(await screen.reportRows().count()).toBe(6);
    expect(await screen.reportRows().first().textContent()).toContain('Would delete');
    expect(await bucketNames(clients)).toContain(`iot-tutorial-datalake-${account}`);
    await screen.button('List again').click();
    await screen.inventoryRows().nth(5).waitFor();
  });

  it('the reset asks for the account id, then deletes and reports', async () => {
    await screen.button('Reset the account…').click();
    const confirm = screen.dialog().getByRole('button', { name: 'Delete 6 resources' });
    expect(await confirm.isDisabled()).toBe(true);
    await screen.dialog().getByRole('textbox').fill('123');
    expect(await confirm.isDisabled()).toBe(true);
    await screen.dialog().getByRole('textbox').fill(account);
    await screen.shoot('confirm-light-en');
    await confirm.click();
    await screen.page.getByRole('heading', { name: 'Report', exact: true }).waitFor();
    const statuses = await screen.reportRows().locator('td .pill').allTextContents();
    expect(statuses.filter((status) => status === 'Deleted')).toHaveLength(6);
    expect(statuses.filter((status) => status === 'Pending')).toHaveLength(0);
    expect(await bucketNames(clients)).toEqual(['greenhouse-data']);
    await screen.shoot('report-light-en');
  });

  it('dark theme and French', async () => {
    await screen.themeToggle('Dark theme').click();
    await screen.shoot('report-dark-en');
    await screen.chooseLanguage('Language', 'fr');
    await screen.heading('Outils de l’enseignant').waitFor();
    await screen.button('Relister').click();
    await screen.page.getByText('Rien du périmètre dans ce compte.').waitFor();
    await screen.shoot('empty-dark-fr');
    await screen.chooseLanguage('Langue', 'en');
    await screen.themeToggle('Dark theme').click();
  });

  it('the lab folder reset restarts the local cloud on an empty lab with the same account', async () => {
    await screen.button('Reset the lab folder…').click();
    const confirm = screen.dialog().getByRole('button', { name: 'Reset the lab folder' });
    expect(await confirm.isDisabled()).toBe(true);
    await screen.dialog().getByRole('textbox').fill('reset');
    await confirm.click();
    await screen.page
      .getByText(`The local cloud runs again on an empty lab, account ${account}.`)
      .waitFor({ timeout: 30_000 });
    expect(await screen.card('Start the offline lab afresh').textContent()).toContain('lab.sqlite');
    // Same endpoint, same keys: the clients made before the reset still work, on an empty lab.
    expect(await bucketNames(clients)).toEqual([]);
    await screen.shoot('lab-folder-light-en');
  });

  it('the progress reset says how many steps it cleared', async () => {
    await screen.button('Clear the progress…').click();
    await screen.dialog().getByRole('button', { name: 'Clear the progress' }).click();
    await screen.page.getByText(/^\d+ steps cleared\.$/).waitFor();
  });
});
