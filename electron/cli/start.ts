import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runWebMode } from './web.js';

/**
 * `npm start`: the desktop app. Electron's package fetches its binary on first launch; where that
 * cannot happen (no internet), the same app opens in web mode instead.
 */
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `require('electron')` from Node returns the binary's path, downloading it first when missing.
 * It runs in a child process so the download's progress and failure traces stay out of the way.
 */
function findElectronBinary(): string | undefined {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write('\\n' + require('electron'))"], {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60_000,
  });
  const binary = result.stdout?.trim().split('\n').at(-1);
  return result.status === 0 && binary && existsSync(binary) ? binary : undefined;
}

function launchElectron(binary: string): void {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [projectRoot], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const binary = findElectronBinary();
if (binary) {
  launchElectron(binary);
} else {
  console.log(
    "Electron's binary is not installed here (it downloads on first launch with internet); starting web mode instead.",
  );
  await runWebMode(process.argv.slice(2));
}
