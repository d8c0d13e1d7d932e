import type { LabBridge } from './contract';
import { connectWebSocket } from './websocket-bridge';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** Whether main can still be reached: shaped for `useSyncExternalStore`. */
export interface Connection {
  get(): ConnectionState;
  subscribe(listener: () => void): () => void;
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser (web mode). */
    readonly lab?: LabBridge;
  }
}

/**
 * The only place that chooses a transport: Electron's `window.lab` when the preload put it there,
 * else a WebSocket to the server that served this page. Nothing else in the renderer can tell.
 */
export function connectToMain(): { bridge: LabBridge; connection: Connection } {
  if (window.lab) {
    return { bridge: window.lab, connection: { get: () => 'open', subscribe: () => () => undefined } };
  }
  return connectWebSocket();
}
