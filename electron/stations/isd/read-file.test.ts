import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IsdFormatError, readIsdFile, readIsdLines, type StationReading } from './index.js';
import { SAMPLE_RECORDS } from './sample-records.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'isd-read-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function writeGzip(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, gzipSync(Buffer.from(text, 'latin1')));
  return path;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

describe('readIsdFile', () => {
  it('streams the readings of a gzip file in order, with or without a final newline', async () => {
    const records = [
      SAMPLE_RECORDS.aberdeenSynop,
      SAMPLE_RECORDS.groningenSynop,
      SAMPLE_RECORDS.inukjuakSynop,
    ];
    const withNewline = await writeGzip('a.gz', `${records.join('\n')}\n`);
    const withoutNewline = await writeGzip('b.gz', records.join('\r\n'));
    for (const path of [withNewline, withoutNewline]) {
      const readings = await collect(readIsdFile(path));
      expect(readings.map((reading: StationReading) => reading.weather_station)).toEqual([
        '030910',
        '062800',
        '713060',
      ]);
    }
  });

  it('keeps one byte per character, so a stray non-ASCII byte in the remarks does not shift columns', async () => {
    const record = SAMPLE_RECORDS.aberdeenSynop.replace('88/58=', '88/58\u00e9');
    const path = await writeGzip('latin1.gz', record);
    const [reading] = await collect(readIsdFile(path));
    expect(reading?.sky_cover_condition).toHaveLength(1);
  });

  it('names the file and line of a broken record', async () => {
    const path = await writeGzip(
      'broken.gz',
      `${SAMPLE_RECORDS.aberdeenSynop}\n${SAMPLE_RECORDS.groningenSynop}X\n`,
    );
    await expect(collect(readIsdFile(path))).rejects.toThrow(
      `${path}, line 2: record is 313 characters long`,
    );
  });

  it('says when the file is not gzip', async () => {
    const path = join(folder, 'plain.gz');
    await writeFile(path, SAMPLE_RECORDS.aberdeenSynop);
    const reading = collect(readIsdFile(path));
    await expect(reading).rejects.toThrow(IsdFormatError);
    await expect(collect(readIsdFile(path))).rejects.toThrow(`${path} is not a valid gzip file`);
  });

  it('passes on a missing file error', async () => {
    await expect(collect(readIsdFile(join(folder, 'absent.gz')))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('can stop after the first record', async () => {
    const path = await writeGzip('many.gz', Array(1000).fill(SAMPLE_RECORDS.aberdeenSynop).join('\n'));
    for await (const { line, lineNumber } of readIsdLines(path)) {
      expect(lineNumber).toBe(1);
      expect(line).toBe(SAMPLE_RECORDS.aberdeenSynop);
      break;
    }
  });
});
