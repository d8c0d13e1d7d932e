import type { Download, Locator, Page } from 'playwright-core';
import { FirstScreen } from '../helpers/web-app.js';

/**
 * The console pages and the MQTT test client, through roles and labels. Also records what the page
 * must never do: a CSP violation or an uncaught error.
 */
export class ConsoleScreen extends FirstScreen {
  readonly problems: string[] = [];

  constructor(page: Page) {
    super(page);
    page.on('pageerror', (error) => this.problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console: ${message.text()}`);
      if (message.text().startsWith('CSP violation')) this.problems.push(message.text());
    });
    // What the CSP refused, and on which element: Chromium's own console line does not say.
    void page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
      const target = event.target instanceof Element ? event.target.outerHTML.slice(0, 160) : String(event.target);
      console.log('CSP violation: ' + event.violatedDirective + ' on ' + target + ' at ' + location.hash);
    }, true)`);
  }

  /** Opens the app (its ready signal), then a page of the sidebar. */
  async openPage(url: string, link: string, heading: string): Promise<void> {
    await this.open(url);
    await this.navigate(link, heading);
  }

  async navigate(link: string, heading: string, navigation = 'Main'): Promise<void> {
    await this.page
      .getByRole('navigation', { name: navigation })
      .getByRole('link', { name: link, exact: true })
      .click();
    await this.heading(heading).waitFor();
  }

  /** Goes to a place of the current page by its address (`#/iot/certificates`). */
  async go(hash: string): Promise<void> {
    await this.page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  }

  /** A section of a tabbed console page (AWS IoT's, AWS Glue's). */
  tab(name: string, sections = 'AWS IoT sections'): Locator {
    return this.page.getByRole('navigation', { name: sections }).getByRole('link', { name, exact: true });
  }

  card(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  table(name: string): Locator {
    return this.page.getByRole('table', { name, exact: true });
  }

  /** The names in a resource table's first column (its row headers). */
  async rowNames(table: string): Promise<string[]> {
    const names = await this.table(table).getByRole('rowheader').allTextContents();
    return names.map((name) => name.trim());
  }

  rowLink(table: string, name: string): Locator {
    return this.table(table).getByRole('link', { name, exact: true });
  }

  button(name: string, scope: Page | Locator = this.page): Locator {
    return scope.getByRole('button', { name, exact: true });
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name, exact: true });
  }

  /** A labelled value of a details list in `scope`, as text. */
  async valueIn(scope: Locator, label: string): Promise<string> {
    return ((await scope.getByLabel(label, { exact: true }).first().textContent()) ?? '').trim();
  }

  /** Clicks something that downloads a file; returns its name and text. */
  async download(trigger: Locator): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), trigger.click()]);
    return { name: download.suggestedFilename(), text: await readDownload(download) };
  }

  /** A picture of the page from the top, without a hover effect. */
  override async screenshot(name: string): Promise<string> {
    await this.page.evaluate('window.scrollTo(0, 0)');
    return super.screenshot(name);
  }
}

async function readDownload(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}
