import type { Locator } from 'playwright-core';
import { ConsoleScreen } from './console-screen.js';

export type Cell = string | null;

/** The SQL editor page (`#/sql`) through its roles and labels. */
export class SqlScreen extends ConsoleScreen {
  editor(): Locator {
    return this.page.getByRole('textbox', { name: 'SQL query', exact: true });
  }

  status(): Locator {
    return this.value('Status');
  }

  /** A value of the status line: "Status", "Run time", "Data scanned", "Rows", "Query ID". */
  value(label: string): Locator {
    return this.page.locator('dl.query-status').getByLabel(label, { exact: true });
  }

  grid(): Locator {
    return this.page.getByRole('table', { name: 'Query results', exact: true });
  }

  sideTab(name: 'Tables' | 'History' | 'Saved'): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  /** Runs finished since the page opened (the status line's counter). */
  async runs(): Promise<number> {
    const status = this.page.locator('dl.query-status');
    if ((await status.count()) === 0) return 0;
    return Number(await status.getAttribute('data-runs'));
  }

  /** Replaces the editor's text (as a paste would: no auto-closed brackets). */
  async write(sql: string): Promise<void> {
    await this.editor().click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(sql);
  }

  /** Ctrl/Cmd+Enter in the editor, then waits for the run to end; returns its state's label. */
  async runWithKeyboard(): Promise<string> {
    const before = await this.runs();
    await this.editor().focus();
    await this.page.keyboard.press('ControlOrMeta+Enter');
    return this.waitForRun(before);
  }

  async waitForRun(before: number, timeout = 30_000): Promise<string> {
    // Each run adds one; a string predicate (waitForFunction) is refused by the page's CSP.
    await this.page.locator(`dl.query-status[data-runs="${before + 1}"]`).waitFor({ timeout });
    return ((await this.status().textContent()) ?? '').trim();
  }

  async columnNames(): Promise<string[]> {
    return (await this.grid().locator('.grid-column-name').allTextContents()).map((name) => name.trim());
  }

  /** Every row of the grid: it is windowed, so this scrolls it from top to bottom. */
  async gridRows(): Promise<Cell[][]> {
    const script = `(async () => {
      const grid = document.querySelector('[role="table"][aria-label="Query results"]');
      const rows = new Map();
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      grid.scrollTop = 0;
      for (;;) {
        await frame();
        for (const row of grid.querySelectorAll('.grid-body [role="row"]'))
          rows.set(Number(row.getAttribute('aria-rowindex')),
            [...row.querySelectorAll('[role="cell"]')].map((cell) => cell.dataset.null === 'true' ? null : cell.textContent));
        if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) break;
        grid.scrollTop += Math.max(30, grid.clientHeight - 60);
      }
      grid.scrollTop = 0;
      return [...rows.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
    })()`;
    return (await this.page.evaluate(script)) as Cell[][];
  }

  async setResultLocation(location: string): Promise<void> {
    await this.button('Manage').click();
    const dialog = this.dialog('Query result location');
    await dialog.getByLabel('Location of query result').fill(location);
    await this.button('Save', dialog).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async chooseEngine(engine: 'Amazon Athena' | 'DynamoDB (PartiQL)'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Engine', exact: true }).selectOption({ label: engine });
  }
}
