import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createApiCore } from '../api/core.js';
import { startWebServer } from '../api/web-server.js';
import { checkNativeModules, describeNativeFailures } from '../api/native-modules.js';

/**
 * `npm run web -- [--port N] [--dir <labdir>] [--open]`: the app in a browser, without Electron.
 * Serves dist/renderer and the API on 127.0.0.1; the end-to-end tests drive the UI this way.
 * Prints `IoT Lab web mode: <url>` on one line: tests and scripts read it.
 */
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

function usageError(message: string): never {
  console.error(message);
  console.error('Usage: npm run web -- [--port N] [--dir <labdir>] [--open]');
  process.exit(2);
}

function parseWebArgs(argv: string[]): { port: number; dir: string; open: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        dir: { type: 'string' },
        open: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    usageError(`--port must be a port number, not '${values.port}'.`);
  // The default lab folder is the project's own `.lab` (gitignored), unless IOTLAB_DIR names another.
  const dir = path.resolve(values.dir ?? process.env.IOTLAB_DIR ?? '.lab');
  return { port, dir, open: values.open };
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`Could not open a browser: open ${url} yourself.`));
  child.unref();
}

export async function runWebMode(argv: string[]): Promise<void> {
  const options = parseWebArgs(argv);
  const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  // Said first, in one place: a module built for another Node would otherwise fail deep in a request.
  const natives = await checkNativeModules();
  if (!natives.ok) console.error(describeNativeFailures(natives, 'node'));
  const core = createApiCore({
    labDir: options.dir,
    app: { name: 'IoT Lab', version },
    log: (line) => console.error(line),
  });
  const status = await core.ready;
  if (status.state === 'error')
    console.error(`The local cloud is not running: ${status.error ?? 'unknown error'}`);

  let server;
  try {
    server = await startWebServer({
      core,
      rendererDir: path.join(projectRoot, 'dist', 'renderer'),
      port: options.port,
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    await core.stop();
    process.exit(1);
  }
  console.log(`IoT Lab web mode: ${server.url}`);
  console.log(`Lab folder: ${core.labDir} (Ctrl+C to stop)`);
  if (options.open) openInBrowser(server.url);

  let stopping = false;
  const shutDown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping IoT Lab…`);
    Promise.all([server.close(), core.stop()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('IoT Lab did not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutDown('SIGINT'));
  process.on('SIGTERM', () => shutDown('SIGTERM'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runWebMode(process.argv.slice(2));
