import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledMirrorFolders, findBundledMirror } from './bundled.js';

describe('readings bundled into a classroom build', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'iotlab-bundled-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const partial = path.join(root, 'partial');
  const complete = path.join(root, 'complete');
  mkdirSync(path.join(partial, '2022'), { recursive: true });
  mkdirSync(path.join(complete, '2022'), { recursive: true });
  writeFileSync(path.join(partial, '2022', '030910-99999-2022.gz'), '');
  for (const id of ['030910-99999', '061100-99999'])
    writeFileSync(path.join(complete, '2022', `${id}-2022.gz`), '');

  it('is the first folder that holds every station-year asked for', () => {
    const ids = ['030910-99999', '061100-99999'];
    expect(findBundledMirror(ids, 2022, [partial, complete])).toBe(complete);
    expect(findBundledMirror(['030910-99999'], 2022, [partial, complete])).toBe(partial);
    expect(findBundledMirror(ids, 2023, [partial, complete])).toBeUndefined();
  });

  it('looks in the installed app’s resources first, then the checkout’s stations-data/bundle', () => {
    const folders = bundledMirrorFolders('/opt/IoT Lab/resources');
    expect(folders[0]).toBe(path.join('/opt/IoT Lab/resources', 'stations-data'));
    expect(folders[1]).toMatch(/stations-data[/\\]bundle[/\\]stations[/\\]?$/);
  });
});
