/**
 * The native modules the app cannot work without, loaded and exercised once at start, so a module
 * built for another Node ABI (an installer whose modules were not rebuilt for Electron, a `node_modules`
 * copied between machines) is named with its fix instead of failing later, deep in a request.
 * The Electron shell shows the result in a dialog; web mode and the CLIs print it.
 */

export type NativeRuntime = 'electron' | 'node';

export interface NativeModule {
  /** The package name, as `import()` takes it. */
  name: string;
  /** What stops working without it. */
  purpose: string;
  /** Loads the module and makes it do one small thing with its native code. */
  probe(load: (name: string) => Promise<unknown>): Promise<void>;
}

interface BetterSqlite3Module {
  default: new (file: string) => { prepare(sql: string): { get(): unknown }; close(): void };
}

interface DuckDbModule {
  DuckDBInstance: {
    create(path: string): Promise<{
      connect(): Promise<{ run(sql: string): Promise<unknown>; closeSync(): void }>;
      closeSync(): void;
    }>;
  };
}

interface AwsCrtModule {
  crypto: { hash_sha256(data: string): unknown };
}

export const NATIVE_MODULES: readonly NativeModule[] = [
  {
    name: 'better-sqlite3',
    purpose: 'the lab’s database (every service of the local cloud)',
    async probe(load) {
      const { default: Database } = (await load('better-sqlite3')) as BetterSqlite3Module;
      const db = new Database(':memory:');
      db.prepare('SELECT 1').get();
      db.close();
    },
  },
  {
    name: '@duckdb/node-api',
    purpose: 'Athena queries offline',
    async probe(load) {
      const { DuckDBInstance } = (await load('@duckdb/node-api')) as DuckDbModule;
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      await connection.run('SELECT 1');
      connection.closeSync();
      instance.closeSync();
    },
  },
  {
    name: 'aws-crt',
    purpose: 'devices: the stations’ replay and the MQTT test client (AWS IoT Device SDK)',
    async probe(load) {
      const crt = (await load('aws-crt')) as AwsCrtModule;
      crt.crypto.hash_sha256('iot-lab');
    },
  },
];

export interface NativeModuleFailure {
  name: string;
  purpose: string;
  error: string;
}

export interface NativeModuleReport {
  ok: boolean;
  failures: NativeModuleFailure[];
}

const importModule = (name: string): Promise<unknown> => import(name);

/** Tries every module; never throws. */
export async function checkNativeModules(
  modules: readonly NativeModule[] = NATIVE_MODULES,
  load: (name: string) => Promise<unknown> = importModule,
): Promise<NativeModuleReport> {
  const failures: NativeModuleFailure[] = [];
  for (const module of modules) {
    try {
      await module.probe(load);
    } catch (error) {
      failures.push({
        name: module.name,
        purpose: module.purpose,
        error: error instanceof Error ? error.message.split('\n')[0]! : String(error),
      });
    }
  }
  return { ok: failures.length === 0, failures };
}

/** How to rebuild a module for the runtime that failed to load it. */
export function nativeModuleFix(name: string, runtime: NativeRuntime): string {
  return runtime === 'electron'
    ? `rebuild the native modules for Electron: npx electron-builder install-app-deps (or reinstall IoT Lab from an installer built with them)`
    : `rebuild it for this Node.js: npm rebuild ${name} (it compiles from source with python3, make and g++ when no prebuilt binary fits)`;
}

/** One paragraph per module that failed: its name, what it is for, the error, the fix. */
export function describeNativeFailures(report: NativeModuleReport, runtime: NativeRuntime): string {
  return report.failures
    .map(
      (failure) =>
        `The native module ${failure.name} did not load (${failure.purpose}): ${failure.error}\n` +
        `Fix: ${nativeModuleFix(failure.name, runtime)}.`,
    )
    .join('\n\n');
}
