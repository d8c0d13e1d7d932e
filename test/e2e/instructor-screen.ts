import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { FirstScreen, screenshotDir } from '../helpers/web-app.js';

/** The Instructor page, through roles and labels (English names unless given). */
export class InstructorScreen extends FirstScreen {
  /** Opens the app, waits for its ready signal, then goes to the Instructor page through the sidebar. */
  async openInstructor(url: string): Promise<void> {
    await this.open(url);
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Instructor' })
      .click();
    await this.heading('Instructor tools').waitFor();
  }

  card(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** The resources the reset would delete, one row each. */
  inventoryRows(): Locator {
    return this.page
      .getByRole('table', { name: 'Resources the reset deletes, in order' })
      .getByRole('rowgroup')
      .nth(1)
      .getByRole('row');
  }

  reportRows(): Locator {
    return this.page
      .getByRole('table', { name: 'What the reset did to each resource' })
      .getByRole('rowgroup')
      .nth(1)
      .getByRole('row');
  }

  /** A service's count in the inventory's summary tiles. */
  async serviceCount(service: string): Promise<string> {
    const tile = this.page
      .locator('.stat-tile')
      .filter({ has: this.page.getByRole('term').getByText(service, { exact: true }) });
    return ((await tile.getByRole('definition').textContent()) ?? '').trim();
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async shoot(name: string): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `instructor-${name}.png`);
    await this.page.mouse.move(0, 0);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
