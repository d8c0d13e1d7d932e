import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** The Settings page (AWS account, API calls, cost meter) and the expired-credentials prompt, by roles and labels. */
export class SettingsScreen {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, tab: 'account' | 'calls' | 'cost' = 'account'): Promise<void> {
    await this.page.goto(`${baseUrl}#/settings/${tab}`);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('navigation', { name: /Settings sections|Sections des paramètres/ }).getByRole('link', { name }).click();
  }

  credentialsBlock(): Locator {
    return this.page.getByRole('form', { name: 'AWS credentials' }).getByLabel('Credentials block');
  }

  async pasteBlock(text: string, endpoint?: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'AWS credentials' });
    await form.getByRole('radio', { name: 'Paste a block' }).click();
    await this.credentialsBlock().fill(text);
    if (endpoint !== undefined) {
      const advanced = form.locator('details.advanced');
      if (!(await advanced.getAttribute('open'))) await advanced.locator('summary').click();
      await form.getByLabel('Endpoint URL (optional)').fill(endpoint);
    }
    await form.getByRole('button', { name: 'Verify and use' }).click();
  }

  /** The error the form shows (role alert). */
  formError(): Locator {
    return this.page.getByRole('form', { name: 'AWS credentials' }).getByRole('alert');
  }

  /** A value of the verified session ("Account", "Identity", …). */
  sessionValue(label: string): Locator {
    return this.page.locator(`dl.kv dt:text-is("${label}") + dd`);
  }

  /** The top bar's mode badge, once it shows `mode`. */
  modeBadge(mode: 'offline' | 'aws'): Locator {
    return this.page.locator(`.topbar .mode-badge.mode-${mode}`);
  }

  expiredDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Your AWS session has expired' });
  }

  callRows(): Locator {
    return this.page.locator('.api-calls-table tbody tr');
  }

  async screenshot(dir: string, name: string): Promise<string> {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await this.page.mouse.move(0, 0);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
