import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { NATIVE_MODULES } from '../../electron/api/native-modules.js';
import { bundledMirrorFolders } from '../../electron/stations/fetch/bundled.js';

/**
 * electron-builder is not a dependency (it downloads Electron and its tools: a machine with internet
 * runs `npx electron-builder`), so its configuration is checked here: the targets, the native
 * modules kept out of the asar archive, the files the app reads at run time, the bundled readings.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files: string[];
  extraResources: Array<{ from: string; to: string; filter?: string[] }>;
  asar?: boolean;
  asarUnpack: string[];
  npmRebuild?: boolean;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
}

const config = parse(readFileSync(path.join(projectRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** path.matchesGlob is still experimental in Node 20: quiet its one-time warning. */
function matches(file: string, pattern: string): boolean {
  const emit = process.emitWarning;
  process.emitWarning = () => undefined;
  try {
    return path.matchesGlob(file, pattern);
  } finally {
    process.emitWarning = emit;
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('electron-builder.yml', () => {
  it('names the app and builds AppImage and deb, nsis, dmg', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('IoT Lab');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('is run with npx, not installed: no electron-builder in package.json', () => {
    expect(packageJson.dependencies['electron-builder']).toBeUndefined();
    expect(packageJson.devDependencies['electron-builder']).toBeUndefined();
  });

  it('packs what the app reads at run time: the main entry, the renderer, the lessons', () => {
    const included = (file: string) =>
      config.files.some((pattern) => !pattern.startsWith('!') && matches(file, pattern));
    expect(included(packageJson.main)).toBe(true);
    expect(included('dist-electron/preload/index.cjs')).toBe(true);
    expect(included('dist/renderer/index.html')).toBe(true);
    expect(included('package.json')).toBe(true);
    // The lessons the app loads (electron/lessons/loader.ts defaultLessonsDir: ../../lessons from dist-electron/main).
    const lessons = filesUnder(path.join(projectRoot, 'lessons')).map((file) =>
      path.relative(projectRoot, file),
    );
    expect(lessons.length).toBeGreaterThan(10);
    for (const file of lessons) expect(included(file), file).toBe(true);
    // Each source folder exists, or is what the build makes (vite's outDir, scripts/build-electron.mjs).
    const built = ['dist/renderer', 'dist-electron'];
    expect(readFileSync(path.join(projectRoot, 'vite.config.ts'), 'utf8')).toContain(
      "outDir: '../dist/renderer'",
    );
    expect(readFileSync(path.join(projectRoot, 'scripts/build-electron.mjs'), 'utf8')).toContain(
      "outdir = 'dist-electron'",
    );
    for (const pattern of config.files.filter((entry) => !entry.startsWith('!'))) {
      const base = pattern.replace(/\/\*\*.*$/, '');
      expect(existsSync(path.join(projectRoot, base)) || built.includes(base), pattern).toBe(true);
    }
  });

  it('keeps every native module out of the asar archive, rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    for (const module of NATIVE_MODULES) {
      const folder = path.join(projectRoot, 'node_modules', module.name);
      expect(existsSync(folder), module.name).toBe(true);
      expect(
        config.asarUnpack.some((pattern) => matches(`node_modules/${module.name}/package.json`, pattern)),
        module.name,
      ).toBe(true);
    }
    // Every compiled binary of the install, wherever its package puts it (DuckDB's per-platform package).
    const binaries = filesUnder(path.join(projectRoot, 'node_modules', '@duckdb'))
      .concat(filesUnder(path.join(projectRoot, 'node_modules', 'better-sqlite3', 'build')))
      .filter((file) => file.endsWith('.node') || file.endsWith('.so'))
      .map((file) => path.relative(projectRoot, file));
    expect(binaries.length).toBeGreaterThan(1);
    for (const file of binaries) {
      expect(
        config.asarUnpack.some((pattern) => matches(file, pattern)),
        file,
      ).toBe(true);
    }
  });

  it('bundles the readings fetched into stations-data/bundle where the app looks for them', () => {
    const [resources] = config.extraResources;
    expect(resources).toMatchObject({ from: 'stations-data/bundle/stations', to: 'stations-data' });
    const [installed, checkout] = bundledMirrorFolders('/resources');
    expect(installed).toBe(path.join('/resources', resources!.to));
    expect(path.resolve(checkout!)).toBe(path.join(projectRoot, resources!.from));
    // Readings are never committed: the bundle folder is ignored by git.
    expect(readFileSync(path.join(projectRoot, '.gitignore'), 'utf8')).toMatch(/^stations-data\/bundle\/$/m);
  });
});
