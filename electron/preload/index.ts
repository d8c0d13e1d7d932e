import { contextBridge, ipcRenderer } from 'electron';
import {
  ipcChannels,
  isEventName,
  isRequestName,
  type EventName,
  type LabBridge,
  type RequestName,
} from '../api/contract.js';

/**
 * Builds `window.lab` from the contract's lists; nothing else. Sandboxed and context-isolated:
 * the page gets these two functions, never `ipcRenderer` itself, and only the contract's channels.
 */
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(ipcChannels.event, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const invoke = (name: RequestName, input?: unknown): Promise<unknown> =>
  isRequestName(name)
    ? ipcRenderer.invoke(ipcChannels.request(name), input)
    : Promise.resolve({
        ok: false,
        error: { code: 'UnknownRequest', message: `No request is named ${String(name)}.` },
      });

const subscribe = (name: EventName, listener: (payload: unknown) => void): (() => void) => {
  if (!isEventName(name)) throw new Error(`No event is named ${String(name)}.`);
  let set = listeners.get(name);
  if (!set) {
    set = new Set();
    listeners.set(name, set);
    ipcRenderer.send(ipcChannels.subscribe, name);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size > 0 || listeners.get(name) !== set) return;
    listeners.delete(name);
    ipcRenderer.send(ipcChannels.unsubscribe, name);
  };
};

// The casts only restore the generic signatures: each request's types hold on both ends of the channel.
const bridge: LabBridge = {
  transport: 'ipc',
  invoke: invoke as LabBridge['invoke'],
  subscribe: subscribe as LabBridge['subscribe'],
};

contextBridge.exposeInMainWorld('lab', bridge);
