import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlHistoryEntry, SqlSavedQuery } from './contract.js';
import { createApiCore, type ApiCore, type ApiSession } from './core.js';

/** The SQL panel's history and saved queries through the API core, kept in the lab's SQLite file. */
describe('sql history and saved queries', () => {
  let dir: string;
  let core: ApiCore;
  let session: ApiSession;

  async function ask<T>(name: string, input?: unknown): Promise<T> {
    const result = await session.request(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'iotlab-sql-'));
    core = createApiCore({ labDir: dir, app: { name: 'IoT Lab', version: '0' }, log: () => undefined });
    session = core.openSession('websocket', () => undefined);
    await core.ready;
    const runs = [
      {
        sql: 'SELECT * FROM "weather_station_db"."lake" LIMIT 10',
        state: 'SUCCEEDED',
        rows: 10,
        bytesScanned: 2048,
      },
      {
        sql: 'SELECT weather_station, avg(x) FROM lake GROUP BY 1',
        state: 'FAILED',
        error: "COLUMN_NOT_FOUND: line 1:28: Column 'x' cannot be resolved",
      },
      { sql: 'SELECT 100% FROM t', state: 'CANCELLED', error: 'Query cancelled by user' },
    ];
    for (const run of runs)
      await ask('sql.record', {
        engine: 'athena',
        database: 'weather_station_db',
        workGroup: 'primary',
        elapsedMs: 12.6,
        ...run,
      });
  });

  afterAll(async () => {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [
      'nothing: every run, newest first',
      '',
      [
        'SELECT 100% FROM t',
        'SELECT weather_station, avg(x) FROM lake GROUP BY 1',
        'SELECT * FROM "weather_station_db"."lake" LIMIT 10',
      ],
    ],
    ['a word of the SQL, any case', 'limit', ['SELECT * FROM "weather_station_db"."lake" LIMIT 10']],
    ['every word must match', 'lake group', ['SELECT weather_station, avg(x) FROM lake GROUP BY 1']],
    ['the error text', 'column_not_found', ['SELECT weather_station, avg(x) FROM lake GROUP BY 1']],
    ['% is a character, not a wildcard', '100%', ['SELECT 100% FROM t']],
    ['no match', 'zzz', []],
  ])('searches the history: %s', async (_name, search, expected) => {
    const entries = await ask<SqlHistoryEntry[]>('sql.history', { search });
    expect(entries.map((entry) => entry.sql)).toEqual(expected);
  });

  it('keeps what the run reported, absent members absent', async () => {
    const [entry] = await ask<SqlHistoryEntry[]>('sql.history', { search: 'LIMIT 10' });
    expect(entry).toMatchObject({
      engine: 'athena',
      state: 'SUCCEEDED',
      rows: 10,
      bytesScanned: 2048,
      elapsedMs: 13,
      database: 'weather_station_db',
    });
    expect(entry).not.toHaveProperty('error');
    expect(Date.parse(entry?.at ?? '')).not.toBeNaN();
  });

  it('creates, lists by name, updates, renames and deletes saved queries', async () => {
    const b = await ask<SqlSavedQuery>('sql.save', {
      name: 'b per station',
      sql: 'SELECT 1',
      engine: 'athena',
      database: 'weather_station_db',
    });
    const a = await ask<SqlSavedQuery>('sql.save', {
      name: 'A cold',
      sql: 'SELECT * FROM "t" WHERE weather_station = \'1\'',
      engine: 'dynamodb',
    });
    expect((await ask<SqlSavedQuery[]>('sql.saved')).map((saved) => saved.name)).toEqual([
      'A cold',
      'b per station',
    ]);
    const updated = await ask<SqlSavedQuery>('sql.save', {
      id: b.id,
      name: 'b per station',
      sql: 'SELECT 2',
      engine: 'athena',
    });
    expect(updated).toMatchObject({ id: b.id, sql: 'SELECT 2' });
    expect(updated).not.toHaveProperty('database');
    expect(await ask<SqlSavedQuery>('sql.rename', { id: a.id, name: '  z cold  ' })).toMatchObject({
      name: 'z cold',
    });
    expect(await ask('sql.deleteSaved', { id: b.id })).toEqual({ deleted: true });
    expect((await ask<SqlSavedQuery[]>('sql.saved')).map((saved) => saved.name)).toEqual(['z cold']);
  });

  it.each([
    ['sql.save', { name: ' ', sql: 'SELECT 1', engine: 'athena' }, 'InvalidInput', 'needs a name'],
    ['sql.save', { name: 'x', sql: '', engine: 'athena' }, 'InvalidInput', 'empty'],
    ['sql.save', { name: 'x', sql: 'SELECT 1', engine: 'mysql' }, 'InvalidInput', 'engine'],
    ['sql.rename', { id: 9999, name: 'x' }, 'ResourceNotFoundException', 'Saved query 9999 does not exist.'],
    [
      'sql.save',
      { id: 9999, name: 'x', sql: 'SELECT 1', engine: 'athena' },
      'ResourceNotFoundException',
      'does not exist',
    ],
  ])('refuses %s %j', async (name, input, code, message) => {
    const result = await session.request(name, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toContain(message);
    }
  });

  it('clears the history', async () => {
    expect(await ask('sql.clearHistory')).toEqual({ deleted: 3 });
    expect(await ask<SqlHistoryEntry[]>('sql.history', {})).toEqual([]);
  });
});
