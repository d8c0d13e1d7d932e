import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideTool } from '../helpers/tools.js';
import {
  ensureRendererBuilt,
  launchChromium,
  noaaMirrorFor,
  startWebMode,
  type WebMode,
} from '../helpers/web-app.js';
import { StationsScreen } from './stations-screen.js';

const chromiumTool = outsideTool('chromium');
const mirror = noaaMirrorFor('the stations end-to-end test');

const STATIONS = ['Aberdeen/Dyce', 'Skrydstrup', 'Groningen/Eelde', 'Inukjuak', "Land O' Lakes"];
const STATION_FILES = [
  '030910-99999-2022.gz',
  '061100-99999-2022.gz',
  '062800-99999-2022.gz',
  '713060-99999-2022.gz',
  '723123-14886-2022.gz',
];
const BOUNDED_RUN = 200;

describe.skipIf(!chromiumTool.available || !mirror.available)('stations (web mode, Chromium)', () => {
  let web: WebMode;
  let browser: Browser;
  let screen: StationsScreen;

  beforeAll(async () => {
    ensureRendererBuilt();
    web = await startWebMode();
    browser = await launchChromium(chromiumTool.command);
    const context = await browser.newContext({
      locale: 'en-US',
      colorScheme: 'light',
      viewport: { width: 1360, height: 900 },
    });
    screen = new StationsScreen(await context.newPage());
    await screen.openStations(web.url);
  });

  afterAll(async () => {
    await browser?.close();
    if (web) expect(await web.stop(), `web mode did not stop cleanly:\n${web.output()}`).toBe(0);
  });

  it('shows the five stations of a fresh lab: nothing fetched, nothing provisioned', async () => {
    expect(await screen.stationRows().count()).toBe(5);
    for (const name of STATIONS) {
      const row = screen.row(name);
      expect(await row.textContent()).toContain('Missing');
      expect(await row.textContent()).toContain('Not provisioned');
    }
    expect(await screen.row('Aberdeen/Dyce').textContent()).toContain('weather-station_0');
    expect(await screen.row('Aberdeen/Dyce').textContent()).toContain('United Kingdom');
    expect(await screen.card('Stations and their readings').textContent()).toContain(
      '0 of 5 station-years of 2022 in the lab folder',
    );
    expect(await screen.button('Start').isDisabled()).toBe(true);
    expect(await screen.card('Replay').textContent()).toContain('Fetch the readings of every station first');
    expect(await screen.replayState().textContent()).toBe('Idle');
    await screen.screenshot('stations-empty-en');
  });

  it('fetches the five station-years from a mirror folder', async () => {
    const toggle = screen.button('Fetch readings');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await screen.radio('Mirror folder').check();
    await screen.page.getByRole('textbox', { name: 'Mirror folder path' }).fill(mirror.dir);
    await screen.button('Fetch 5 stations').click();

    await screen.page.getByRole('status').filter({ hasText: 'Fetched 5 station-years.' }).waitFor();
    await screen
      .card('Stations and their readings')
      .getByText('5 of 5 station-years of 2022 in the lab folder')
      .waitFor();
    for (const name of STATIONS) {
      const text = await screen.row(name).textContent();
      expect(text).toMatch(/In the lab folder1(\.\d)? MB\d{2},\d{3} readings/);
    }
    for (const file of STATION_FILES)
      expect(existsSync(path.join(web.labDir, 'stations', '2022', file))).toBe(true);
    // The form closes once everything came in.
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('provisions the fleet with “Do it for me”, and shows its log and report', async () => {
    await screen.button('Do it for me: provision the fleet').click();
    const report = screen.card('Provisioning report');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.textContent()).toMatch(/The fleet is provisioned: \d+ created, 0 reused\./);
    expect(await report.textContent()).toContain('certificate of weather-station_4');
    const log = screen.page.getByRole('list', { name: 'Provisioning log' }).getByRole('listitem');
    expect(await log.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Certificate for weather-station_2')]),
    );
    expect(await log.last().textContent()).toMatch(/Done: \d+ created, 0 reused/);

    await screen.card('Fleet of devices').getByText('5 / 5 ready').waitFor();
    for (const name of STATIONS) expect(await screen.row(name).textContent()).toContain('Ready');
    expect(await screen.button('Start').isEnabled()).toBe(true);
    await screen.screenshot('stations-provisioned-en');
  });

  it('replays a bounded run as fast as possible: every message acknowledged', async () => {
    await screen.radio('As fast as possible').check();
    await screen.page.getByRole('spinbutton', { name: 'Readings per station' }).fill(String(BOUNDED_RUN));
    await screen.button('Start').click();
    await screen.waitForReplayState('Finished');

    expect(await screen.card('Live replay').textContent()).toContain(
      `as fast as possible · timestamps as recorded · topic sensor/weather · first ${BOUNDED_RUN} readings`,
    );
    for (const name of STATIONS) {
      expect(await screen.count(name, 'Sent')).toBe(BOUNDED_RUN);
      expect(await screen.count(name, 'Acknowledged')).toBe(BOUNDED_RUN);
      expect(await screen.count(name, 'Failed')).toBe(0);
      expect(await screen.counter(name, 'Last reading').textContent()).toMatch(/2022.* UTC$/);
      const bar = screen.page.getByRole('progressbar', { name: `Readings of ${name} sent` });
      expect(await bar.getAttribute('aria-valuetext')).toBe(`${BOUNDED_RUN} of ${BOUNDED_RUN}`);
    }
    expect(await screen.button('Pause').isDisabled()).toBe(true);
    expect(await screen.button('Stop').isDisabled()).toBe(true);
  });

  it('replays ×100,000 with counters rising; pauses, resumes and stops from the keyboard', async () => {
    await screen.page.getByRole('spinbutton', { name: 'Readings per station' }).fill('');
    await screen.radio('Speed-up').check();
    const slider = screen.page.getByRole('slider', { name: 'Speed-up factor' });
    await slider.focus();
    await screen.page.keyboard.press('End');
    expect(await slider.getAttribute('aria-valuetext')).toBe('×100,000');
    await screen.radio('Shifted to now').check();

    await screen.button('Start').click();
    await screen.waitForReplayState('Running');
    const first = await screen.waitForCounterChange('Inukjuak', 'Sent', 0);
    const rising = await screen.waitForCounterChange('Inukjuak', 'Sent', first);
    expect(rising).toBeGreaterThan(first);
    expect(await screen.button('Start').isDisabled()).toBe(true);
    await screen.screenshot('stations-replaying-en');

    // Start moved the focus to Pause, which becomes Resume: Enter, Enter, then Tab to Stop.
    await screen.button('Pause').waitFor();
    expect(await screen.focusedText()).toBe('Pause');
    await screen.page.keyboard.press('Enter');
    await screen.waitForReplayState('Paused');
    expect(await screen.focusedText()).toBe('Resume');
    await screen.page.keyboard.press('Enter');
    await screen.waitForReplayState('Running');
    const resumedFrom = await screen.count('Skrydstrup', 'Sent');
    await screen.waitForCounterChange('Skrydstrup', 'Sent', resumedFrom);

    await screen.chooseLanguage('Language', 'fr');
    await screen.heading('Stations météo').waitFor();
    await screen.waitForReplayState('En cours', 'État du rejeu');
    await screen.screenshot('stations-replaying-fr');
    await screen.chooseLanguage('Langue', 'en');

    await screen.button('Pause').focus();
    await screen.page.keyboard.press('Tab');
    expect(await screen.focusedText()).toBe('Stop');
    await screen.page.keyboard.press('Enter');
    await screen.waitForReplayState('Stopped');
    for (const name of STATIONS) {
      const sent = await screen.count(name, 'Sent');
      expect(sent).toBeGreaterThan(0);
      expect(await screen.count(name, 'Acknowledged')).toBe(sent);
      expect(await screen.count(name, 'Failed')).toBe(0);
      expect(await screen.liveStation(name).textContent()).toContain('Stopped');
    }
    expect(await screen.button('Start').isEnabled()).toBe(true);
  });

  it('has a dark theme', async () => {
    const toggle = screen.themeToggle('Dark theme');
    await toggle.click();
    expect(await screen.theme()).toBe('dark');
    await toggle.blur();
    await screen.screenshot('stations-dark-en');
  });
});
