import { z } from 'zod';
import type { LabStorage } from '../../cloud/storage/index.js';
import { ApiError, type HandlerContext } from './types.js';

/**
 * The app's own state kept in the lab's SQLite file (query history, the dashboard): one store per
 * database, opened at first use. `what` says in the error what cannot be read while the cloud is down.
 */
export function appStore<Store>(
  open: (storage: LabStorage) => Store,
  what: string,
): (context: HandlerContext) => Store {
  const stores = new WeakMap<LabStorage, Store>();
  return ({ cloud }) => {
    const storage = cloud.local()?.storage;
    if (!storage)
      throw new ApiError('CloudNotRunning', `The local cloud is not running: ${what} cannot be read.`);
    let store = stores.get(storage);
    if (store === undefined) {
      store = open(storage);
      stores.set(storage, store);
    }
    return store;
  };
}

/** A query's text, as Athena bounds it. */
export const queryText = z.string().min(1, { error: 'The query is empty.' }).max(262_144, {
  error: 'A query is at most 262,144 characters (Athena’s limit).',
});
