import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { LabEndpoints } from '../../electron/cloud/index.js';

/**
 * Web mode as a user starts it (`electron/cli/web.ts` in a child process, on a fresh lab folder),
 * Debian's Chromium driving the real UI, and a small page module for the first screen.
 */
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const screenshotDir = path.join(projectRoot, 'test-results', 'screenshots');

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** Builds dist/renderer with Vite unless it is newer than every source it is made from. */
export function ensureRendererBuilt(): void {
  const sources = ['renderer', 'electron/api/contract.ts', 'vite.config.ts'].map((p) =>
    path.join(projectRoot, p),
  );
  let builtAt = 0;
  try {
    builtAt = statSync(path.join(projectRoot, 'dist', 'renderer', 'index.html')).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (builtAt > Math.max(...sources.map(newestChange))) return;
  // Not vitest's NODE_ENV=test: that would bundle React's development build.
  const env = { ...process.env };
  delete env.NODE_ENV;
  execFileSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: projectRoot,
      env,
      stdio: 'inherit',
    },
  );
}

/**
 * The NOAA mirror folder a test types into the UI: `$IOTLAB_NOAA_DIR/isd`, else `../shared/noaa/isd`
 * next to the repository (see test/stations/noaa-fixtures.ts). A missing folder skips the test, except
 * in CI (`CI=true`), where it fails.
 */
export interface NoaaMirror {
  dir: string;
  available: boolean;
  /** In CI a missing mirror fails the test instead of skipping it. */
  required: boolean;
  missingMessage: string;
}

export function locateNoaaMirror(): NoaaMirror {
  const root = path.resolve(process.env.IOTLAB_NOAA_DIR ?? path.join(projectRoot, '..', 'shared', 'noaa'));
  const dir = path.join(root, 'isd');
  return {
    dir,
    available: existsSync(dir),
    required: process.env.CI === 'true',
    missingMessage: `NOAA mirror not found: ${dir} must exist (set IOTLAB_NOAA_DIR to the folder holding isd/)`,
  };
}

/**
 * The mirror for a test file, at its top level: missing, it throws in CI and warns (the caller skips)
 * elsewhere. `what` names the test in the warning.
 */
export function noaaMirrorFor(what: string): NoaaMirror {
  const mirror = locateNoaaMirror();
  if (!mirror.available) {
    if (mirror.required) throw new Error(mirror.missingMessage);
    console.warn(`${mirror.missingMessage}: ${what} is skipped.`);
  }
  return mirror;
}

export interface WebMode {
  url: string;
  labDir: string;
  /** What the running local cloud wrote to `<labdir>/endpoints.json`. */
  endpoints: LabEndpoints;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** SIGTERM, then the exit code once it has stopped. */
  stop(): Promise<number | null>;
}

/** `npm run web -- --dir <fresh temp folder>`, waiting for its `IoT Lab web mode: <url>` line. */
export async function startWebMode(): Promise<WebMode> {
  const labDir = mkdtempSync(path.join(tmpdir(), 'iotlab-e2e-'));
  const env = { ...process.env };
  delete env.IOTLAB_DIR;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'electron', 'cli', 'web.ts'), '--dir', labDir],
    { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output += `${line}\n`;
      const match = /^IoT Lab web mode: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) =>
      reject(new Error(`web mode exited (${code}) before printing its URL:\n${output}`)),
    );
  });
  const endpoints = JSON.parse(readFileSync(path.join(labDir, 'endpoints.json'), 'utf8')) as LabEndpoints;

  return {
    url,
    labDir,
    endpoints,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      rmSync(labDir, { recursive: true, force: true });
      return code;
    },
  };
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The first screen (Home), seen through roles and labels as a user or a screen reader would. */
export class FirstScreen {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilReady();
  }

  /** The app's ready signal: the status of the local cloud has loaded. */
  async waitUntilReady(): Promise<void> {
    await this.page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  /** A labelled value: "Endpoint", "Account ID", ... on the cloud card, "Calls", "Errors" in the activity. */
  detail(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async detailText(label: string): Promise<string> {
    return ((await this.detail(label).textContent()) ?? '').trim();
  }

  copyButton(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** A code snippet by its title ("AWS CLI", "Python (boto3)"). */
  async snippetText(title: string): Promise<string> {
    return (
      (await this.page.getByRole('figure', { name: title, exact: true }).locator('code').textContent()) ?? ''
    );
  }

  /** The live list of the latest calls the local cloud answered. */
  calls(listName = 'Latest API calls'): Locator {
    return this.page.getByRole('list', { name: listName, exact: true }).getByRole('listitem');
  }

  async chooseLanguage(pickerName: string, language: 'en' | 'fr'): Promise<void> {
    await this.page.getByRole('combobox', { name: pickerName, exact: true }).selectOption(language);
    await this.page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  }

  themeToggle(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }

  /** What the copy buttons put on the clipboard. */
  async clipboardText(): Promise<string> {
    // A string, not a function: this file is typechecked without the DOM's types.
    return String(await this.page.evaluate('navigator.clipboard.readText()'));
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.mouse.move(0, 0); // no hover effect in the picture
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
