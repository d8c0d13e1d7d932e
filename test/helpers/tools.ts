import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Outside tools some tests need (Chromium, the AWS CLI, boto3, paho, mosquitto). Missing ones make a
 * test skip with a message naming the tool, except in CI (`CI=true`), where a skip would hide a gap: there
 * a missing tool fails the test.
 */
export interface OutsideTool {
  name: string;
  /** How to run it, when it is there. */
  command: string;
  available: boolean;
  /** What to install to get it. */
  install: string;
}

function runs(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

function firstPython(module: string): string | undefined {
  return ['python3', '/usr/bin/python3'].find((python) => runs(python, ['-c', `import ${module}`]));
}

const cache = new Map<string, OutsideTool>();

function probe(name: string): OutsideTool {
  switch (name) {
    case 'chromium': {
      const command = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';
      return { name, command, available: existsSync(command), install: 'apt-get install chromium' };
    }
    case 'aws': {
      const command = ['/usr/bin/aws', 'aws'].find((c) => runs(c, ['--version'])) ?? 'aws';
      return { name: 'AWS CLI', command, available: runs(command, ['--version']), install: 'apt-get install awscli' };
    }
    case 'boto3': {
      const python = firstPython('boto3');
      return { name, command: python ?? 'python3', available: !!python, install: 'apt-get install python3-boto3' };
    }
    case 'paho': {
      const python = firstPython('paho.mqtt.client');
      return { name: 'paho-mqtt', command: python ?? 'python3', available: !!python, install: 'apt-get install python3-paho-mqtt' };
    }
    case 'mosquitto': {
      const command = ['/usr/sbin/mosquitto', 'mosquitto'].find((c) => existsSync(c) || runs('which', [c])) ?? 'mosquitto';
      return { name, command, available: existsSync(command) || runs('which', [command]), install: 'apt-get install mosquitto' };
    }
    default:
      throw new Error(`Unknown outside tool ${name}`);
  }
}

export function outsideTool(name: 'chromium' | 'aws' | 'boto3' | 'paho' | 'mosquitto'): OutsideTool {
  let tool = cache.get(name);
  if (!tool) {
    tool = probe(name);
    cache.set(name, tool);
  }
  if (!tool.available) {
    const message = `${tool.name} is not installed (${tool.install}): the tests that need it are skipped.`;
    if (process.env.CI === 'true') throw new Error(`${message} In CI every test must run.`);
    console.warn(message);
  }
  return tool;
}
