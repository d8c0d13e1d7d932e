import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, ChartSaveInput, SavedChart } from './contract.js';
import { createApiCore, type ApiCore, type ApiSession } from './core.js';

/** The Charts page's dashboard through the API core, kept in the lab's SQLite file across restarts. */
describe('charts dashboard', () => {
  let dir: string;
  let core: ApiCore;
  let session: ApiSession;

  const open = async () => {
    core = createApiCore({ labDir: dir, app: { name: 'IoT Lab', version: '0' }, log: () => undefined });
    session = core.openSession('websocket', () => undefined);
    await core.ready;
  };
  async function ask<T>(name: string, input?: unknown): Promise<T> {
    const result = await session.request(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }
  const titles = (charts: SavedChart[]) => charts.map((chart) => chart.title);

  const conditions: ChartSaveInput = {
    title: 'Weather conditions',
    spec: { kind: 'bar', x: 'present_weather_condition', y: ['readings'] },
    source: { engine: 'athena', sql: 'SELECT 1', database: 'weather_station_db', workGroup: 'primary' },
  };
  const temperatures: ChartSaveInput = {
    title: 'Temperatures through the year',
    spec: { kind: 'line', x: 'month', y: ['avg_temperature'], series: 'weather_station' },
    source: { engine: 'athena', sql: 'SELECT 2', database: 'weather_station_db' },
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'iotlab-charts-'));
    await open();
  });
  afterAll(async () => {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves charts in order, with their spec and query, and keeps them across a restart', async () => {
    expect(await ask('charts.list')).toEqual([]);
    const first = await ask<SavedChart>('charts.save', conditions);
    expect(first).toMatchObject({ ...conditions, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await ask('charts.save', temperatures);
    await core.stop();
    await open();
    const charts = await ask<SavedChart[]>('charts.list');
    expect(titles(charts)).toEqual(['Weather conditions', 'Temperatures through the year']);
    expect(charts[1]).toMatchObject(temperatures);
  });

  it('edits a chart in place', async () => {
    const [first] = await ask<SavedChart[]>('charts.list');
    const edited = await ask<SavedChart>('charts.save', {
      ...conditions,
      id: first?.id,
      title: 'Conditions',
      spec: { kind: 'line', x: 'present_weather_condition', y: ['readings'] },
    });
    expect(edited).toMatchObject({ id: first?.id, title: 'Conditions', createdAt: first?.createdAt });
    expect(titles(await ask('charts.list'))).toEqual(['Conditions', 'Temperatures through the year']);
  });

  it.each([
    [0, 1, ['Temperatures through the year', 'Conditions', 'Third']],
    [2, 0, ['Third', 'Temperatures through the year', 'Conditions']],
    [0, 99, ['Temperatures through the year', 'Conditions', 'Third']],
  ])('moves the chart at %i to %i', async (from, to, expected) => {
    let charts = await ask<SavedChart[]>('charts.list');
    if (charts.length < 3) {
      await ask('charts.save', { ...conditions, title: 'Third' });
      charts = await ask<SavedChart[]>('charts.list');
    }
    expect(titles(await ask('charts.move', { id: charts[from]?.id, position: to }))).toEqual(expected);
  });

  it('deletes a chart and answers the dashboard left', async () => {
    const charts = await ask<SavedChart[]>('charts.list');
    const third = charts.find((chart) => chart.title === 'Third');
    expect(titles(await ask('charts.delete', { id: third?.id }))).toEqual([
      'Temperatures through the year',
      'Conditions',
    ]);
  });

  it.each<[string, string, unknown, string]>([
    [
      'an unknown chart',
      'charts.delete',
      { id: '00000000-0000-4000-8000-000000000000' },
      'ResourceNotFoundException',
    ],
    ['a chart without a title', 'charts.save', { ...conditions, title: '  ' }, 'InvalidInput'],
    [
      'a chart without y',
      'charts.save',
      { ...conditions, spec: { kind: 'bar', x: 'a', y: [] } },
      'InvalidInput',
    ],
    [
      'an unknown kind',
      'charts.save',
      { ...conditions, spec: { kind: 'pie', x: 'a', y: ['b'] } },
      'InvalidInput',
    ],
    [
      'an empty query',
      'charts.save',
      { ...conditions, source: { engine: 'athena', sql: '' } },
      'InvalidInput',
    ],
  ])('refuses %s', async (_name, request, input, code) => {
    const result: ApiResult<unknown> = await session.request(request, input);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });
});
