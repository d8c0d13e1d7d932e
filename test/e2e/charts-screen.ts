import type { Locator } from 'playwright-core';
import { FirstScreen } from '../helpers/web-app.js';

/** A number as a data table writes it in English ("1,234.5", "-3.1"); `—` (no value) is NaN. */
export const parseCell = (text: string): number =>
  text.trim() === '—' ? Number.NaN : Number(text.replace(/,/g, ''));

/** The Charts page (builder and dashboard) and the Stations page's live chart, through roles and labels. */
export class ChartsScreen extends FirstScreen {
  async openCharts(url: string): Promise<void> {
    await this.open(url);
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Charts' }).click();
    await this.heading('Charts').waitFor();
  }

  button(name: string, within: Locator | undefined = undefined): Locator {
    return (within ?? this.page).getByRole('button', { name, exact: true });
  }

  card(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  async newChart(): Promise<void> {
    await this.button('New chart').click();
    await this.heading('New chart').waitFor();
  }

  /** Replaces the query in the builder's SQL editor. */
  async typeQuery(sql: string): Promise<void> {
    const editor = this.page.getByRole('textbox', { name: 'SQL query' });
    await editor.click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.insertText(sql);
  }

  /** Runs the query and waits for its result line ("15 rows · 0.4 s"). */
  async runQuery(): Promise<string> {
    await this.button('Run query').click();
    return this.waitForResult();
  }

  async waitForResult(): Promise<string> {
    const status = this.card('Query')
      .getByRole('status')
      .filter({ hasText: /rows ·/ });
    await status.waitFor({ timeout: 30_000 });
    return (await status.textContent()) ?? '';
  }

  select(name: string): Locator {
    return this.page.getByRole('combobox', { name, exact: true });
  }

  /** The selected option's text of a select. */
  async selected(name: string): Promise<string> {
    return (await this.select(name).locator('option:checked').textContent()) ?? '';
  }

  chartCanvas(within: Locator): Locator {
    return within.getByRole('img');
  }

  /** Opens a chart's data table (the toggle button in `within`) and reads it: headers, then rows. */
  async readDataTable(within: Locator, caption: string, toggle = 'Show data table'): Promise<string[][]> {
    const table = within.getByRole('table', { name: caption, exact: true });
    if (!(await table.isVisible())) await this.button(toggle, within).click();
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    const rows: string[][] = [];
    for (const row of await table.locator('tbody tr').all())
      rows.push(await row.locator('th, td').allTextContents());
    return [headers, ...rows];
  }

  /** Waits until a station's points on the live chart are other than `than`; answers the new count. */
  async waitForPointsChange(live: Locator, station: string, than: number): Promise<number> {
    const row = live
      .getByRole('table', { name: 'Latest air temperature per station' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: station, exact: true }) });
    const points = row.getByRole('cell').nth(2);
    await points
      .filter({ hasNotText: new RegExp(`^${than.toLocaleString('en')}$`) })
      .waitFor({ timeout: 30_000 });
    return parseCell((await points.textContent()) ?? '');
  }

  async save(): Promise<void> {
    await this.button('Save to dashboard').click();
    await this.heading('Charts').waitFor();
  }

  /** A full-page picture from the top. */
  override async screenshot(name: string): Promise<string> {
    await this.page.evaluate('window.scrollTo(0, 0)');
    return super.screenshot(name);
  }
}
