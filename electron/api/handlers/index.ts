import { appHandlers } from './app.js';
import { cloudHandlers } from './cloud.js';
import { fleetHandlers } from './fleet.js';
import { replayHandlers } from './replay.js';
import { stationsHandlers } from './stations.js';
import type { Handlers } from './types.js';

/** One entry per domain of the contract; a request without a handler does not compile. */
export const handlers: Handlers = {
  ...appHandlers,
  ...cloudHandlers,
  ...stationsHandlers,
  ...fleetHandlers,
  ...replayHandlers,
};
