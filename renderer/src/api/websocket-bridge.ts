import type {
  ApiResult,
  EventName,
  LabBridge,
  RequestName,
  TokenMetaName,
  WebSocketPath,
  WsClientMessage,
  WsServerMessage,
} from './contract';
import type { Connection, ConnectionState } from './connection';

const PATH: WebSocketPath = '/api';
const TOKEN_META: TokenMetaName = 'iotlab-api-token';

const disconnected: ApiResult<never> = {
  ok: false,
  error: { code: 'Disconnected', message: 'The connection to IoT Lab is closed.' },
};

/**
 * Web mode's transport: the contract over a WebSocket to the server that served this page, with the
 * per-run token it wrote into the page. No reconnection: a restarted server has a new token, so the
 * page must be reloaded (the app shell says so).
 */
export function connectWebSocket(): { bridge: LabBridge; connection: Connection } {
  const token = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${location.host}${PATH}?token=${encodeURIComponent(token)}`);

  let state: ConnectionState = 'connecting';
  const stateListeners = new Set<() => void>();
  const setState = (next: ConnectionState): void => {
    state = next;
    for (const listener of stateListeners) listener();
  };

  let nextId = 1;
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  const outbox: string[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const send = (message: WsClientMessage): void => {
    const frame = JSON.stringify(message);
    if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    else if (socket.readyState === WebSocket.CONNECTING) outbox.push(frame);
  };

  socket.addEventListener('open', () => {
    for (const frame of outbox.splice(0)) socket.send(frame);
    setState('open');
  });
  socket.addEventListener('close', () => {
    setState('closed');
    for (const resolve of pending.values()) resolve(disconnected);
    pending.clear();
  });
  socket.addEventListener('message', (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as WsServerMessage;
    if (message.type === 'response') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
    }
  });

  const invoke = (name: RequestName, input?: unknown): Promise<ApiResult<unknown>> => {
    if (state === 'closed') return Promise.resolve(disconnected);
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      send({ type: 'request', id, name, input });
    });
  };

  const subscribe = (name: EventName, listener: (payload: unknown) => void): (() => void) => {
    let set = listeners.get(name);
    if (!set) {
      set = new Set();
      listeners.set(name, set);
      send({ type: 'subscribe', name });
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size > 0 || listeners.get(name) !== set) return;
      listeners.delete(name);
      send({ type: 'unsubscribe', name });
    };
  };

  return {
    // The casts only restore the generic signatures; the server checks names and inputs.
    bridge: {
      transport: 'websocket',
      invoke: invoke as LabBridge['invoke'],
      subscribe: subscribe as LabBridge['subscribe'],
    },
    connection: {
      get: () => state,
      subscribe: (listener) => {
        stateListeners.add(listener);
        return () => stateListeners.delete(listener);
      },
    },
  };
}
