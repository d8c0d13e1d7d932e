import { parseArgs } from 'node:util';
import { checkNativeModules, describeNativeFailures, NATIVE_MODULES } from '../api/native-modules.js';
import { createLocalCloud } from '../cloud/index.js';

/**
 * `npm run cloud -- --dir <labdir> [--port N] [--mqtt-port N]`: the local cloud without Electron.
 * Other tools rely on this interface and on `<labdir>/endpoints.json`: keep both stable.
 */
const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    port: { type: 'string' },
    'mqtt-port': { type: 'string' },
  },
});

function portOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--${name} must be a port number (0–65535), not '${value}'.`);
    process.exit(2);
  }
  return port;
}

if (!values.dir) {
  console.error('Usage: npm run cloud -- --dir <labdir> [--port N] [--mqtt-port N]');
  process.exit(2);
}

// The local cloud needs SQLite and DuckDB (not the device SDK): say which one does not load, and stop.
const natives = await checkNativeModules(NATIVE_MODULES.filter((module) => module.name !== 'aws-crt'));
if (!natives.ok) {
  console.error(describeNativeFailures(natives, 'node'));
  process.exit(1);
}

const cloud = await createLocalCloud({
  dir: values.dir,
  port: portOption('port', values.port),
  mqttPort: portOption('mqtt-port', values['mqtt-port']),
  log: (line) => console.error(line),
});
console.log(`Local cloud ready at ${cloud.endpoints.endpoint} (account ${cloud.endpoints.accountId}, ${cloud.endpoints.region})`);
console.log(`Endpoints written to ${cloud.storage.layout.endpointsFile}`);

let stopping = false;
const shutDown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the local cloud…`);
  cloud.stop().then(
    () => {
      console.log('Local cloud stopped.');
      process.exit(0);
    },
    (error: unknown) => {
      console.error('The local cloud did not stop cleanly:', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutDown('SIGINT'));
process.on('SIGTERM', () => shutDown('SIGTERM'));
