import { describe, expect, it } from 'vitest';
import { ancestorFolders, foldPath, naturalRelativePath } from './paths.js';

describe('object keys as file paths', () => {
  it('keeps clean keys as their own relative path', () => {
    for (const key of [
      'a',
      'sensor/weather/1700000000000',
      'year=2022/month=01/part-0.json',
      'é/😀.txt',
      'with space/a+b.json',
    ]) {
      expect(naturalRelativePath(key, 'linux')).toBe(key);
    }
  });

  it('refuses keys that are not clean relative paths', () => {
    for (const key of [
      '',
      '/abs',
      'trailing/',
      'a//b',
      '.',
      '..',
      '../x',
      'a/../b',
      'a/./b',
      'nul\u0000',
      'back\\slash',
      'tab\tname',
      'x'.repeat(256),
    ]) {
      expect(naturalRelativePath(key, 'linux'), JSON.stringify(key)).toBeUndefined();
    }
  });

  it('applies Windows naming rules on Windows only', () => {
    const windowsOnly = [
      '2022-01-01T00:00:00.json',
      'a<b',
      'what?',
      'star*',
      'CON',
      'con.txt',
      'dir/LPT1.log',
      'ends.',
      'ends ',
    ];
    for (const key of windowsOnly) {
      expect(naturalRelativePath(key, 'win32'), key).toBeUndefined();
      expect(naturalRelativePath(key, 'linux'), key).toBe(key);
    }
    expect(naturalRelativePath('console.log', 'win32')).toBe('console.log');
  });

  it('folds names a case-insensitive or normalizing file system would confuse', () => {
    expect(foldPath('Data/Station.JSON')).toBe(foldPath('data/station.json'));
    expect(foldPath('cafe\u0301')).toBe(foldPath('caf\u00e9'));
    expect(ancestorFolders('a/b/c')).toEqual(['a', 'a/b']);
    expect(ancestorFolders('top')).toEqual([]);
  });
});
