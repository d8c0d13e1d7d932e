import type { ApiCall, ApiCallsInput, LabMode } from '../api/contract.js';
import type { SdkCallRecord } from './client-factory.js';

/**
 * The app's own SDK calls, "like CloudTrail": what "Do it for me", the console, the SQL panel and the
 * checks sent, to which service, how long it took and how it ended. The newest `capacity` calls are
 * kept in memory (a ring), in both modes.
 */
export interface ApiCallLog {
  record(call: SdkCallRecord, mode: LabMode): ApiCall;
  /** Most recent first. */
  recent(input?: ApiCallsInput): ApiCall[];
  clear(): void;
}

export const API_CALL_LOG_CAPACITY = 1000;
const DEFAULT_LIMIT = 200;

export function createApiCallLog(capacity = API_CALL_LOG_CAPACITY): ApiCallLog {
  const ring: Array<ApiCall | undefined> = new Array<ApiCall | undefined>(capacity);
  let next = 0;
  let count = 0;
  let lastId = 0;
  return {
    record(call, mode) {
      const entry: ApiCall = {
        id: ++lastId,
        at: new Date(call.startedAt).toISOString(),
        service: call.service,
        operation: call.operation,
        durationMs: Math.round(call.durationMs * 10) / 10,
        mode,
        ...(call.error ? { error: call.error } : {}),
        ...(call.origin ? { origin: call.origin } : {}),
      };
      ring[next] = entry;
      next = (next + 1) % capacity;
      count = Math.min(count + 1, capacity);
      return entry;
    },
    recent({ limit = DEFAULT_LIMIT, service, result } = {}) {
      const calls: ApiCall[] = [];
      for (let i = 1; i <= count && calls.length < limit; i++) {
        const entry = ring[(next - i + capacity) % capacity]!;
        if (service && entry.service !== service) continue;
        if (result === 'ok' && entry.error) continue;
        if (result === 'error' && !entry.error) continue;
        calls.push(entry);
      }
      return calls;
    },
    clear() {
      ring.fill(undefined);
      next = count = 0;
    },
  };
}
