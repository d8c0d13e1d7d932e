import type { Locator } from 'playwright-core';
import { FirstScreen } from '../helpers/web-app.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A count as the page shows it ("1,234" in English, "1 234" in French). */
export const parseCount = (text: string | null): number => Number((text ?? '').replace(/\D/g, ''));

/** The Stations page, through roles and labels (English names unless given). */
export class StationsScreen extends FirstScreen {
  /** Opens the app, waits for its ready signal, then goes to Stations through the sidebar. */
  async openStations(url: string): Promise<void> {
    await this.open(url);
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stations' }).click();
    await this.heading('Weather stations').waitFor();
    await this.stationRows().nth(4).waitFor();
  }

  card(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Stations and their readings' });
  }

  stationRows(): Locator {
    return this.table().getByRole('rowgroup').nth(1).getByRole('row');
  }

  /** The row whose header starts with the station's name. */
  row(name: string): Locator {
    return this.table()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${escapeRegExp(name)}`) }) });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  radio(name: string): Locator {
    return this.page.getByRole('radio', { name, exact: true });
  }

  /** The replay's state, announced as a status ("Running", "Paused", ...). */
  replayState(name = 'Replay state'): Locator {
    return this.page.getByRole('status', { name, exact: true });
  }

  async waitForReplayState(text: string, name?: string): Promise<void> {
    await this.replayState(name).filter({ hasText: text }).waitFor({ timeout: 30_000 });
  }

  /** A station's card in the live replay. */
  liveStation(name: string): Locator {
    return this.page.getByRole('article', { name, exact: true });
  }

  counter(station: string, label: string): Locator {
    return this.liveStation(station).getByLabel(label, { exact: true });
  }

  async count(station: string, label: string): Promise<number> {
    return parseCount(await this.counter(station, label).textContent());
  }

  /** Waits until a station's counter shows something other than `than` (it rose, for a running replay). */
  async waitForCounterChange(station: string, label: string, than: number): Promise<number> {
    const shown = new RegExp(`^${than.toLocaleString('en')}$`);
    await this.counter(station, label).filter({ hasNotText: shown }).waitFor({ timeout: 30_000 });
    return this.count(station, label);
  }

  /** A full-page picture from the top: scrolled, the sticky bars would show mid-page. */
  override async screenshot(name: string): Promise<string> {
    await this.page.evaluate('window.scrollTo(0, 0)');
    return super.screenshot(name);
  }

  /** The element that has the keyboard focus, by its text. */
  async focusedText(): Promise<string> {
    // A string, not a function: this file is typechecked without the DOM's types.
    return String(await this.page.evaluate('document.activeElement?.textContent ?? ""')).trim();
  }
}
