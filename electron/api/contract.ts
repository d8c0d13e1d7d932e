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
// Domain `stations`: the lab's five NOAA weather stations and their station-year files

/** Where a device's files are, and whether "the cloud" knows it. */
export type DeviceStatus =
  /** Registered, with its certificate and key in the lab folder, attached to the thing. */
  | 'ready'
  /** The thing exists, but the lab folder has no certificate attached to it. */
  | 'no-certificate'
  /** No such thing in the registry. */
  | 'not-provisioned'
  /** The cloud could not be asked (not running). */
  | 'unknown';

export interface StationDevice {
  /** The thing paired with the station (by sorted station id): `weather-station_<n>`, the MQTT client id. */
  thingName: string;
  status: DeviceStatus;
  /** `certificate.pem.crt` and `private.pem.key` are in `<labDir>/devices/<thingName>/`. */
  certificateOnDisk: boolean;
}

export interface StationData {
  /** The station-year file is in the lab folder (`<labDir>/stations/<year>/<id>-<year>.gz`). */
  present: boolean;
  file: string;
  /** Size of the file, when present. */
  bytes?: number;
  /** Readings (ISD reports) in the file, when present. */
  readings?: number;
}

export interface StationInfo {
  /** NOAA's `USAF-WBAN`, e.g. `030910-99999`. */
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  icao: string;
  latitude: number;
  longitude: number;
  /** Metres. */
  elevation: number;
  data: StationData;
  device: StationDevice;
}

export interface StationsOverview {
  year: number;
  stations: StationInfo[];
  /** Every station has its device ready. */
  fleetReady: boolean;
  /** Where device certificates are kept: `<labDir>/devices`. */
  devicesDir: string;
}

export interface StationsListInput {
  /** The catalog's year (2022) when omitted. */
  year?: number;
}

/** Where station-year files come from: NOAA's archive, or a mirror (folder, or base URL). */
export type StationSource = { kind: 'noaa' } | { kind: 'mirror'; location: string };

export interface StationsFetchInput {
  year: number;
  source: StationSource;
  /** Station ids; every station of the catalog when omitted. */
  stations?: string[];
}

export type StationFetchPhase = 'start' | 'source' | 'transfer' | 'verify' | 'done' | 'failed';

/** One step of a fetch (`transfer` at most every 100 ms per station). */
export interface StationFetchProgress {
  stationId: string;
  year: number;
  phase: StationFetchPhase;
  /** The URL or file it is read from (`source` onwards). */
  source?: string;
  bytes?: number;
  totalBytes?: number;
  /** `done`: readings in the file. */
  readings?: number;
  /** `failed`: what went wrong and what to do. */
  error?: string;
}

export type StationFetchOutcome =
  | { stationId: string; ok: true; source: string; bytes: number; readings: number }
  | { stationId: string; ok: false; error: string };

export interface StationsFetchResult {
  year: number;
  outcomes: StationFetchOutcome[];
}

// ---------------------------------------------------------------------------------------------
// Domain `fleet`: "Do it for me" for the devices of the stations

export interface FleetProvisionInput {
  /** The S3 bucket of the bulk-registration input; `iot-tutorial-things-template-<accountId>` when omitted. */
  templatesBucket?: string;
}

/** A step of the provisioning, structured so the UI can say it in the user's language. */
export type FleetStep =
  | { kind: 'thing-type'; name: string }
  | { kind: 'policy'; name: string }
  | { kind: 'bucket'; name: string }
  | { kind: 'registration-started'; taskId: string }
  | { kind: 'registration-progress'; percent: number }
  | { kind: 'certificate'; thingName: string }
  | { kind: 'done'; created: number; reused: number }
  | { kind: 'failed'; message: string }
  /** A step this version does not know: `text` as the library wrote it. */
  | { kind: 'other'; text: string };

export interface FleetProgress {
  /** ISO time. */
  at: string;
  step: FleetStep;
}

/** Something the provisioning created or found already there. */
export type FleetResource =
  | { kind: 'thing-type' | 'policy' | 'bucket' | 'certificate'; name: string }
  | { kind: 'registration'; taskId: string; things: number }
  | { kind: 'other'; text: string };

export interface FleetDeviceInfo {
  stationId: string;
  thingName: string;
  certificateId: string;
}

export interface FleetReport {
  templatesBucket: string;
  devices: FleetDeviceInfo[];
  created: FleetResource[];
  reused: FleetResource[];
}

// ---------------------------------------------------------------------------------------------
// Domain `replay`: the stations' devices publish their readings over MQTT

/**
 * `lab`: one message per second per station (the original lab's pace). `speedup`: the recorded gaps
 * divided by `factor`. `max`: as fast as the broker acknowledges.
 */
export type ReplayPace = { kind: 'lab' } | { kind: 'speedup'; factor: number } | { kind: 'max' };

/** The allowed speed-up factors; literal types so main and the renderer cannot disagree. */
export interface SpeedupRange {
  min: 60;
  max: 100000;
}
export type DefaultReplayTopic = 'sensor/weather';

/** `recorded`: the times NOAA recorded; `now`: shifted so the first reading is the replay's start. */
export type ReplayTimestamps = 'recorded' | 'now';

export interface ReplayStartInput {
  /** `sensor/weather` when omitted. */
  topic?: string;
  pace: ReplayPace;
  timestamps: ReplayTimestamps;
  loop: boolean;
  /** Station ids; all five when omitted. */
  stations?: string[];
  /** Publish at most this many readings per station and pass: a short run. The whole year when omitted. */
  limit?: number;
  /** The catalog's year when omitted. */
  year?: number;
}

export interface ReplaySettings {
  topic: string;
  pace: ReplayPace;
  timestamps: ReplayTimestamps;
  loop: boolean;
  limit?: number;
  year: number;
}

export type ReplayStationState = 'connecting' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed';

export interface ReplayStationProgress {
  stationId: string;
  /** The device's thing name, also its MQTT client id. */
  thingName: string;
  state: ReplayStationState;
  sent: number;
  acknowledged: number;
  failed: number;
  /** Acknowledged messages per second over the last few seconds. */
  rate: number;
  /** The `time` of the last reading sent. */
  lastTime?: string;
  /** Completed passes over the readings (more than one when looping). */
  passes: number;
  /** Readings per pass. */
  total: number;
  /** Why the station failed, or why its last publish did. */
  error?: string;
}

/** `idle`: no replay since the app started. `finished`: every station got to its end; `stopped`: by request. */
export type ReplayState = 'idle' | 'running' | 'paused' | 'stopping' | 'finished' | 'stopped';

export interface ReplayStatus {
  state: ReplayState;
  settings?: ReplaySettings;
  /** ISO times. */
  startedAt?: string;
  endedAt?: string;
  stations: ReplayStationProgress[];
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
  'stations.list': request<StationsListInput, StationsOverview>(),
  /** Puts station-year files into the lab folder; progress in `stations.fetchProgress`. One fetch at a time. */
  'stations.fetch': request<StationsFetchInput, StationsFetchResult>(),
  /** Creates what the fleet is missing, never deletes; progress in `fleet.progress`. */
  'fleet.provision': request<FleetProvisionInput, FleetReport>(),
  /** One replay at a time; progress in `replay.progress`. */
  'replay.start': request<ReplayStartInput, ReplayStatus>(),
  'replay.pause': request<void, ReplayStatus>(),
  'replay.resume': request<void, ReplayStatus>(),
  /** Resolves once every device's in-flight messages are acknowledged and it has disconnected. */
  'replay.stop': request<void, ReplayStatus>(),
  'replay.status': request<void, ReplayStatus>(),
} as const;

/** Events main pushes to subscribed renderers. */
export const events = {
  /** One per call the local cloud's gateway answered. */
  'cloud.call': event<CloudCall>(),
  /** The cloud's state changed, or its counters did (at most a few times per second). */
  'cloud.status': event<CloudStatus>(),
  'stations.fetchProgress': event<StationFetchProgress>(),
  'fleet.progress': event<FleetProgress>(),
  /** Every 250 ms while a replay runs, and on each change of its state. */
  'replay.progress': event<ReplayStatus>(),
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
