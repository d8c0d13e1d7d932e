import { describe, expect, it } from 'vitest';
import { createApiCallLog } from './api-call-log.js';
import type { SdkCallRecord } from './client-factory.js';

const call = (operation: string, error?: string): SdkCallRecord => ({
  service: operation.startsWith('List') ? 'iot' : 's3',
  operation,
  startedAt: Date.UTC(2026, 0, 1),
  durationMs: 12.345,
  input: {},
  ...(error ? { error: { code: error, message: `${error}!` } } : {}),
});

describe('API-call log', () => {
  it('keeps the newest calls first, up to its capacity', () => {
    const log = createApiCallLog(3);
    for (const name of ['ListThings', 'PutObject', 'ListPolicies', 'GetObject']) log.record(call(name), 'aws');
    expect(log.recent().map((entry) => entry.operation)).toEqual(['GetObject', 'ListPolicies', 'PutObject']);
    expect(log.recent()[0]).toMatchObject({ id: 4, at: '2026-01-01T00:00:00.000Z', durationMs: 12.3, mode: 'aws' });
  });

  it('filters by service, result and limit', () => {
    const log = createApiCallLog();
    log.record(call('ListThings'), 'offline');
    log.record(call('HeadBucket', 'NotFound'), 'offline');
    log.record(call('PutObject'), 'offline');
    expect(log.recent({ service: 'iot' }).map((entry) => entry.operation)).toEqual(['ListThings']);
    expect(log.recent({ result: 'error' })).toMatchObject([{ operation: 'HeadBucket', error: { code: 'NotFound' } }]);
    expect(log.recent({ result: 'ok', limit: 1 }).map((entry) => entry.operation)).toEqual(['PutObject']);
    log.clear();
    expect(log.recent()).toEqual([]);
  });
});
