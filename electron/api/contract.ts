/**
 * The one door between the renderer and main (STYLE.md #1): every request the renderer may make and
 * every event it may hear, declared once. The runtime lists (`requests`, `events`) carry the types
 * as phantom markers, so main's handler table, the Electron preload and the WebSocket server all
 * come from the same declaration.
 *
 * This file is compiled for the renderer too (tsconfig.renderer.json): no imports, no Node types.
 * The renderer imports it with `import type` only.
 *
 * Adding a domain: declare its types and its `domain.verb` entries below, then add
 * `electron/api/handlers/<domain>.ts` and spread it into `electron/api/handlers/index.ts` (the
 * compiler lists what is missing).
 */

// ---------------------------------------------------------------------------------------------
// Shared shapes

export type LabMode = 'offline' | 'aws';
/** How the renderer reaches main: Electron IPC (desktop) or a WebSocket (web mode, e2e tests). */
export type Transport = 'ipc' | 'websocket';

/** What went wrong in a request, as both transports deliver it. */
export interface ApiErrorInfo {
  /** `UnknownRequest`, `InvalidInput`, `CloudNotRunning`, `Internal`, `Disconnected`, ... */
  code: string;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorInfo };

// ---------------------------------------------------------------------------------------------
// Domain `app`

export interface AppInfo {
  name: string;
  version: string;
  mode: LabMode;
  /** `process.platform` of the machine running main: `linux`, `darwin`, `win32`, ... */
  platform: string;
  transport: Transport;
  /** Electron's version in the desktop app; absent in web mode. */
  electronVersion?: string;
  nodeVersion: string;
}

// ---------------------------------------------------------------------------------------------
// Domain `cloud`: the local cloud embedded in the app

export type CloudState = 'starting' | 'running' | 'stopped' | 'error';

/** How a client (SDK, AWS CLI, boto3) reaches the local cloud. */
export interface CloudEndpoints {
  /** `http://127.0.0.1:<port>`: the `--endpoint-url` of every service. */
  endpoint: string;
  region: string;
  accountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  mqtt?: { host: string; port: number; caFile: string };
}

export interface CloudCallCounters {
  total: number;
  /** Calls answered with a 4xx or 5xx status. */
  errors: number;
  /** Calls per service signing name (`s3`, `sts`, `iot`, ...). */
  byService: Record<string, number>;
}

export interface CloudStatus {
  state: CloudState;
  /** Why the cloud is in state `error`. */
  error?: string;
  /** Present once the cloud runs. */
  endpoints?: CloudEndpoints;
  /** Absolute path of the lab folder (state, S3 objects, PKI). */
  labDir: string;
  /** ISO time the cloud started running. */
  startedAt?: string;
  /** Calls since the app started. */
  calls: CloudCallCounters;
}

/** One request the local cloud's gateway answered. */
export interface CloudCall {
  /** The request id the cloud returned to the client (`x-amz-request-id`). */
  requestId: string;
  /** ISO time the answer was sent. */
  at: string;
  service: string;
  operation: string;
  status: number;
  errorCode?: string;
  durationMs: number;
}

export interface CloudCallsInput {
  /** Most recent first; 1–200, 50 when omitted. */
  limit?: number;
}

// ---------------------------------------------------------------------------------------------
// The lists

/** Phantom markers: the runtime value is only a tag, the types ride along for the compiler. */
export interface RequestSpec<Input, Output> {
  readonly kind: 'request';
  readonly types?: { input: Input; output: Output };
}
export interface EventSpec<Payload> {
  readonly kind: 'event';
  readonly types?: { payload: Payload };
}

const request = <Input, Output>(): RequestSpec<Input, Output> => ({ kind: 'request' });
const event = <Payload>(): EventSpec<Payload> => ({ kind: 'event' });

/** Requests, named `domain.verb`. `void` input: the request takes no argument. */
export const requests = {
  'app.info': request<void, AppInfo>(),
  'cloud.status': request<void, CloudStatus>(),
  'cloud.calls': request<CloudCallsInput, CloudCall[]>(),
} as const;

/** Events main pushes to subscribed renderers. */
export const events = {
  /** One per call the local cloud's gateway answered. */
  'cloud.call': event<CloudCall>(),
  /** The cloud's state changed, or its counters did (at most a few times per second). */
  'cloud.status': event<CloudStatus>(),
} as const;

// ---------------------------------------------------------------------------------------------
// Types derived from the lists

type Requests = typeof requests;
type Events = typeof events;

export type RequestName = keyof Requests;
export type EventName = keyof Events;
export type RequestInput<N extends RequestName> = NonNullable<Requests[N]['types']>['input'];
export type RequestOutput<N extends RequestName> = NonNullable<Requests[N]['types']>['output'];
export type EventPayload<E extends EventName> = NonNullable<Events[E]['types']>['payload'];

/** The argument list of a request: none when its input is `void`. */
export type RequestArgs<N extends RequestName> = [RequestInput<N>] extends [void]
  ? []
  : [input: RequestInput<N>];

/** The requests of one domain, e.g. `RequestsOf<'cloud'>` = `'cloud.status' | 'cloud.calls'`. */
export type RequestsOf<Domain extends string> = Extract<RequestName, `${Domain}.${string}`>;

export type Unsubscribe = () => void;

/**
 * What a transport gives the renderer: `window.lab` in Electron (built by the preload), a WebSocket
 * client in web mode. Failures come back as values, not exceptions: Electron's IPC would otherwise
 * flatten them into a message string.
 */
export interface LabBridge {
  readonly transport: Transport;
  invoke<N extends RequestName>(name: N, ...args: RequestArgs<N>): Promise<ApiResult<RequestOutput<N>>>;
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
}

/**
 * Web mode's wire format: JSON text frames on a WebSocket at `WebSocketPath`, opened with the
 * per-run token the server wrote into the page it served (meta `TokenMetaName`) as `?token=`.
 * Both are literal types so the server and the renderer, which imports this file for types only,
 * cannot disagree.
 */
export type WebSocketPath = '/api';
export type TokenMetaName = 'iotlab-api-token';

export type WsClientMessage =
  | { type: 'request'; id: number; name: RequestName; input?: unknown }
  | { type: 'subscribe' | 'unsubscribe'; name: EventName };

export type WsServerMessage =
  | { type: 'response'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; name: EventName; payload: unknown };

/** IPC channel names, shared by main and the preload. */
export const ipcChannels = {
  request: (name: RequestName) => `lab:request:${name}`,
  subscribe: 'lab:subscribe',
  unsubscribe: 'lab:unsubscribe',
  event: 'lab:event',
} as const;

export const requestNames = Object.keys(requests) as RequestName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
