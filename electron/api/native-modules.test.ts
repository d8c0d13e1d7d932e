import { describe, expect, it } from 'vitest';
import {
  checkNativeModules,
  describeNativeFailures,
  NATIVE_MODULES,
  type NativeModule,
} from './native-modules.js';

const missing: NativeModule = {
  name: 'iotlab-no-such-native-module',
  purpose: 'nothing: a test',
  async probe(load) {
    await load('iotlab-no-such-native-module');
  },
};

describe('native modules at start', () => {
  it('the modules of this install all load and work', async () => {
    const report = await checkNativeModules();
    expect(report, describeNativeFailures(report, 'node')).toEqual({ ok: true, failures: [] });
    expect(NATIVE_MODULES.map((module) => module.name)).toEqual([
      'better-sqlite3',
      '@duckdb/node-api',
      'aws-crt',
    ]);
  });

  it('names a module that does not load, what it is for, and how to rebuild it', async () => {
    const report = await checkNativeModules([NATIVE_MODULES[0]!, missing]);
    expect(report.ok).toBe(false);
    expect(report.failures.map((failure) => failure.name)).toEqual(['iotlab-no-such-native-module']);
    expect(report.failures[0]!.error).toMatch(/Cannot find (package|module) 'iotlab-no-such-native-module'/);

    const electron = describeNativeFailures(report, 'electron');
    expect(electron).toContain(
      'The native module iotlab-no-such-native-module did not load (nothing: a test)',
    );
    expect(electron).toContain('npx electron-builder install-app-deps');
    expect(describeNativeFailures(report, 'node')).toContain('npm rebuild iotlab-no-such-native-module');
  });

  it('a module that loads but fails when used is reported too', async () => {
    const broken: NativeModule = {
      name: 'better-sqlite3',
      purpose: 'the lab’s database',
      async probe() {
        throw new Error(
          'The module was compiled against a different Node.js version (NODE_MODULE_VERSION 115)\nmore',
        );
      },
    };
    const report = await checkNativeModules([broken]);
    expect(report.failures).toEqual([
      {
        name: 'better-sqlite3',
        purpose: 'the lab’s database',
        error: 'The module was compiled against a different Node.js version (NODE_MODULE_VERSION 115)',
      },
    ]);
  });
});
