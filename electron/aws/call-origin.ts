import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who made an SDK call, for the API-call log: "lesson 03-rules / create-rule: Do it for me", "console",
 * "SQL panel"… Set around a piece of work with `withCallOrigin`; every SDK call made inside it, even
 * in callbacks and background tasks it starts, is logged with that origin (AsyncLocalStorage follows
 * the async context, so no function has to pass it along).
 */
const origins = new AsyncLocalStorage<string>();

export function withCallOrigin<T>(origin: string, work: () => T): T {
  return origins.run(origin, work);
}

export function currentCallOrigin(): string | undefined {
  return origins.getStore();
}
