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
  /** The Athena work group queries run in: `iot-lab` in AWS mode (with a bytes-scanned cutoff), `primary` offline. */
  athenaWorkGroup: string;
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
  /** MQTT over WebSocket (`wss://<host>:<port><path>`, SigV4-presigned upgrade), AWS IoT's 443. */
  mqttWebSocket?: { host: string; port: number; path: string; caFile: string };
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
  /** `air_temperature.value` of the last reading sent (°C; NOAA's 999.9 when missing), for live charts. */
  lastAirTemperature?: number;
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
// Domain `cloud` (continued): any AWS SDK command the console uses, through main's client factory

/** The SDK clients `cloud.send` reaches: the same names in both modes. */
export type CloudService = 'iot' | 's3' | 'dynamodb' | 'firehose' | 'glue' | 'athena' | 'sts' | 'iam';

/**
 * The allow-list: per service, the operations (AWS names, `<Operation>Command` in the SDK) the
 * renderer may send. Main maps each to its SDK command; the renderer types each from the SDK's own
 * `<Operation>CommandInput/Output` (renderer/src/api/cloud-sdk.ts), so a name missing on either side
 * does not compile. Byte payloads (GetObject, PutObject) go through `s3.*` instead.
 */
export interface CloudOperationNames {
  iot:
    | 'ListThings'
    | 'DescribeThing'
    | 'CreateThing'
    | 'UpdateThing'
    | 'DeleteThing'
    | 'ListThingPrincipals'
    | 'AttachThingPrincipal'
    | 'DetachThingPrincipal'
    | 'ListThingTypes'
    | 'DescribeThingType'
    | 'CreateThingType'
    | 'DeprecateThingType'
    | 'DeleteThingType'
    | 'ListCertificates'
    | 'DescribeCertificate'
    | 'UpdateCertificate'
    | 'CreateKeysAndCertificate'
    | 'DeleteCertificate'
    | 'ListPrincipalThings'
    | 'ListAttachedPolicies'
    | 'AttachPolicy'
    | 'DetachPolicy'
    | 'ListTargetsForPolicy'
    | 'ListPolicies'
    | 'GetPolicy'
    | 'CreatePolicy'
    | 'DeletePolicy'
    | 'ListPolicyVersions'
    | 'GetPolicyVersion'
    | 'CreatePolicyVersion'
    | 'SetDefaultPolicyVersion'
    | 'DeletePolicyVersion'
    | 'ListTopicRules'
    | 'GetTopicRule'
    | 'CreateTopicRule'
    | 'ReplaceTopicRule'
    | 'EnableTopicRule'
    | 'DisableTopicRule'
    | 'DeleteTopicRule'
    | 'DescribeEndpoint'
    | 'ListThingRegistrationTasks'
    | 'DescribeThingRegistrationTask'
    | 'ListThingRegistrationTaskReports'
    | 'StopThingRegistrationTask';
  s3:
    | 'ListBuckets'
    | 'CreateBucket'
    | 'DeleteBucket'
    | 'HeadBucket'
    | 'GetBucketLocation'
    | 'ListObjectsV2'
    | 'HeadObject'
    | 'DeleteObject'
    | 'DeleteObjects';
  dynamodb:
    | 'ListTables'
    | 'DescribeTable'
    | 'CreateTable'
    | 'DeleteTable'
    | 'Scan'
    | 'Query'
    | 'GetItem'
    | 'DeleteItem'
    | 'ExecuteStatement';
  firehose:
    'ListDeliveryStreams' | 'DescribeDeliveryStream' | 'CreateDeliveryStream' | 'DeleteDeliveryStream';
  glue:
    | 'GetDatabases'
    | 'GetDatabase'
    | 'GetTables'
    | 'GetTable'
    | 'GetPartitions'
    | 'GetCrawlers'
    | 'GetCrawler'
    | 'GetCrawlerMetrics'
    | 'StartCrawler'
    | 'StopCrawler'
    | 'CreateDatabase'
    | 'DeleteDatabase'
    | 'DeleteTable'
    | 'CreateCrawler'
    | 'UpdateCrawler'
    | 'DeleteCrawler';
  athena:
    | 'ListWorkGroups'
    | 'GetWorkGroup'
    | 'UpdateWorkGroup'
    | 'ListDataCatalogs'
    | 'ListDatabases'
    | 'ListTableMetadata'
    | 'GetTableMetadata'
    | 'StartQueryExecution'
    | 'GetQueryExecution'
    | 'BatchGetQueryExecution'
    | 'ListQueryExecutions'
    | 'GetQueryResults'
    | 'StopQueryExecution';
  sts: 'GetCallerIdentity';
  iam: 'GetRole' | 'ListRoles';
}

/**
 * Commands and answers travel as JSON: dates as ISO-8601 strings, bytes as `{ $base64 }` (both ways),
 * and the SDK's `$metadata` is left out.
 */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };

export type CloudSendInput = {
  [S in CloudService]: {
    service: S;
    operation: CloudOperationNames[S];
    input?: { [key: string]: WireValue };
  };
}[CloudService];

// ---------------------------------------------------------------------------------------------
// Domain `s3`: object bodies, which `cloud.send` does not carry

export interface S3ObjectRef {
  bucket: string;
  key: string;
}

export interface S3PreviewInput extends S3ObjectRef {
  /** Bytes of the object to read (after decompression for gzip); 256 KiB when omitted, at most 4 MiB. */
  maxBytes?: number;
}

export interface S3ObjectPreview {
  /** The object's size as stored. */
  size: number;
  contentType?: string;
  /** ISO time. */
  lastModified?: string;
  etag?: string;
  /** The object is gzip (Firehose GZIP, `.gz`): `text` is what it decompresses to. */
  gzip: boolean;
  /** `utf8`: `text` is the object's text; `binary`: it is not UTF-8 text, `text` is its start in base64. */
  encoding: 'utf8' | 'binary';
  text: string;
  /** Only the first `maxBytes` are in `text`. */
  truncated: boolean;
}

export interface S3Download {
  size: number;
  contentType?: string;
  /** The whole object. */
  base64: string;
}

/**
 * One chunk of an upload (the WebSocket takes frames up to 1 MiB): the first has no `uploadId`, the
 * last has `final`; main puts the object once it has every chunk (at most 64 MiB, 10 minutes).
 */
export interface S3UploadChunkInput extends S3ObjectRef {
  uploadId?: string;
  contentType?: string;
  /** Base64 of at most 512 KiB. */
  chunk: string;
  final: boolean;
}

export interface S3UploadProgress {
  uploadId: string;
  receivedBytes: number;
  /** Set once `final` was sent and the object is in the bucket. */
  etag?: string;
}

// ---------------------------------------------------------------------------------------------
// Domain `iot`: what the IoT console needs beyond the SDK's operations

/** The CA devices must trust: the lab's own offline; Amazon Root CA 1 on AWS (a public download). */
export type IotCaCertificate =
  { kind: 'lab'; fileName: string; pem: string } | { kind: 'amazon'; name: 'Amazon Root CA 1'; url: string };

export interface IotRegistrationReportInput {
  taskId: string;
  reportType: 'RESULTS' | 'ERRORS';
}

export interface IotRegistrationReport {
  /** The report files' lines (JSON, one per input line), in order; at most 1 MiB read. */
  lines: string[];
  truncated: boolean;
}

// ---------------------------------------------------------------------------------------------
// Domain `rules`: the IoT rules engine, seen from the console

export type RuleSqlVersion = '2015-10-08' | '2016-03-23' | 'beta';

export interface RuleSqlValidateInput {
  sql: string;
  /** `2016-03-23` when omitted (what the console proposes). */
  sqlVersion?: RuleSqlVersion;
}

/** What CreateTopicRule would say about the SQL: parsed, or a SqlParseException with its position. */
export type RuleSqlValidation =
  | { valid: true; topicFilter?: string }
  | { valid: false; code: 'SqlParseException'; message: string; line: number; column: number };

export interface RuleActionCounters {
  action: string;
  resource: string;
  succeeded: number;
  failed: number;
}

/** A rule's counters since the local cloud started (AWS keeps them in CloudWatch). */
export interface RuleMetricsInfo {
  ruleName: string;
  matched: number;
  succeeded: number;
  failed: number;
  actions: RuleActionCounters[];
  errorAction?: RuleActionCounters;
  /** ISO time. */
  lastMatchedAt?: string;
  lastError?: { at: string; action: string; resource: string; message: string };
}

export interface RulesMetrics {
  /** False in AWS mode (the counters are CloudWatch metrics there) or while the cloud is not running. */
  available: boolean;
  rules: RuleMetricsInfo[];
}

// ---------------------------------------------------------------------------------------------
// Domain `firehose`: the delivery streams' buffers

export interface FirehoseBufferInfo {
  streamName: string;
  bytes: number;
  records: number;
  /** Seconds until the next delivery attempt (0: due now); absent when the buffer is empty. */
  secondsUntilFlush?: number;
  sizeLimitBytes: number;
  intervalSeconds: number;
  deliveredObjects: number;
  deliveredRecords: number;
  /** ISO time of the last object written. */
  lastDeliveryAt?: string;
  /** While deliveries fail (the records stay buffered and are retried). */
  lastDeliveryError?: { code: string; message: string; at: string; attempts: number };
}

export interface FirehoseBuffers {
  /** False in AWS mode (Firehose does not expose its buffer) or while the cloud is not running. */
  available: boolean;
  streams: FirehoseBufferInfo[];
}

// ---------------------------------------------------------------------------------------------
// Domain `mqtt`: the MQTT test client (the console's "MQTT test client")

export type MqttQos = 0 | 1;
export type MqttClientState = 'disconnected' | 'connecting' | 'connected' | 'failed';

export interface MqttSubscription {
  filter: string;
  qos: MqttQos;
}

export interface MqttClientStatus {
  state: MqttClientState;
  /** Offline: MQTT over mutual TLS with the lab's test-client certificate; AWS: MQTT over WebSocket, SigV4. */
  transport: 'mtls' | 'websocket';
  clientId?: string;
  endpoint?: { host: string; port: number };
  /** The certificate and policy the client connects with (offline), issued at first use. */
  identity?: { certificateId: string; policyName: string; folder: string };
  subscriptions: MqttSubscription[];
  /** Since the app started. */
  received: number;
  published: number;
  /** Messages received but not sent to the page (more than a batch holds). */
  dropped: number;
  /** Why the state is `failed`, or why the last connection dropped. */
  error?: string;
}

export interface MqttSubscribeInput {
  filter: string;
  qos: MqttQos;
}

export interface MqttUnsubscribeInput {
  filter: string;
}

export interface MqttPublishInput {
  topic: string;
  qos: MqttQos;
  /** UTF-8 text (JSON or not), at most 128 KiB (AWS IoT's message size). */
  payload: string;
}

export interface MqttReceivedMessage {
  /** Increases by one per message received since the app started (gaps: dropped messages). */
  seq: number;
  topic: string;
  qos: MqttQos;
  retain: boolean;
  /** Epoch ms. */
  receivedAt: number;
  /** Payload size in bytes. */
  size: number;
  /** `utf8`: the payload as text; `base64`: it is not UTF-8. At most 16 KiB of it. */
  encoding: 'utf8' | 'base64';
  payload: string;
  truncated: boolean;
}

/** Messages received in the last ~100 ms: the newest ones, at most a few hundred. */
export interface MqttMessageBatch {
  messages: MqttReceivedMessage[];
  /** Messages of this interval left out (the batch keeps the newest). */
  dropped: number;
  /** Received since the app started, dropped ones included. */
  received: number;
}

// ---------------------------------------------------------------------------------------------
// Domain `lessons`: the lab's lessons, their "Check my work" and "Do it for me", and the progress

export type LessonLanguage = 'en' | 'fr';
export type LessonService = 'iot' | 's3' | 'firehose' | 'dynamodb' | 'glue' | 'athena' | 'sts';

export interface LessonsInput {
  language: LessonLanguage;
}

export interface LessonSummary {
  id: string;
  /** The folder's numeric prefix: 0 for setup. */
  number: number;
  title: string;
  objectives: string[];
  /** Minutes. */
  duration: number;
  services: LessonService[];
  steps: number;
  /** Steps done, in the current mode. */
  done: number;
}

export interface LessonsOverview {
  lessons: LessonSummary[];
  /** Lesson files that could not be loaded (file:line: what is wrong); their lessons are left out. */
  problems: string[];
  mode: LabMode;
}

/** Why a check failed: a key of the renderer's `lessons` messages (`hint.<key>`) and its values. */
export type CheckHintKey =
  | 'cloud-unreachable'
  | 'bucket-missing'
  | 'thing-missing'
  | 'thing-no-certificate'
  | 'certificate-inactive'
  | 'policy-missing'
  | 'policy-does-not-allow'
  | 'policy-not-attached'
  | 'device-files-missing'
  | 'mqtt-connect-failed'
  | 'no-messages'
  | 'fleet-things-missing'
  | 'fleet-thing-type'
  | 'fleet-files-missing'
  | 'readings-missing'
  | 'rule-missing'
  | 'rule-disabled'
  | 'rule-sql-unreadable'
  | 'rule-wrong-topic'
  | 'rule-where-compares-object'
  | 'rule-drops-message'
  | 'rule-keeps-message'
  | 'rule-missing-field'
  | 'rule-extra-field'
  | 'rule-field-value'
  | 'rule-sql-version'
  | 'rule-action-missing'
  | 'rule-action-left'
  | 'rule-s3-bucket'
  | 'rule-s3-key'
  | 'rule-firehose-stream'
  | 'rule-firehose-separator'
  | 'rule-dynamodb-table'
  | 'no-objects'
  | 'stream-missing'
  | 'stream-not-active'
  | 'stream-wrong-bucket'
  | 'stream-buffer-interval'
  | 'no-delivered-objects'
  | 'records-glued'
  | 'records-blank-lines'
  | 'table-missing'
  | 'table-not-active'
  | 'table-partition-key'
  | 'table-sort-key'
  | 'no-items'
  | 'item-missing-field'
  | 'item-too-warm'
  | 'database-missing'
  | 'crawler-missing'
  | 'crawler-path'
  | 'crawler-exclusion'
  | 'crawler-database'
  | 'crawler-sample-size'
  | 'crawler-recrawl'
  | 'crawler-partitions'
  | 'crawler-never-ran'
  | 'crawler-running'
  | 'crawler-failed'
  | 'crawler-rerun'
  | 'database-empty'
  | 'catalog-table-missing'
  | 'catalog-column-missing'
  | 'catalog-column-nested'
  | 'service-unavailable'
  | 'athena-no-output'
  | 'athena-output-bucket'
  | 'athena-no-query'
  | 'athena-query-lacks'
  | 'athena-query-failed'
  | 'athena-partition-mismatch'
  | 'athena-missing-unnest'
  | 'athena-sentinel'
  | 'athena-rows';

export interface CheckHint {
  key: CheckHintKey;
  values: Record<string, string | number>;
}

export type CheckOutcome = { ok: true; at: string } | { ok: false; at: string; hint: CheckHint };

export type StepStatus = 'todo' | 'done';

/** A step's progress in the current mode, kept in the lab's database. */
export interface StepProgress {
  status: StepStatus;
  /** `check`: "Check my work" turned green; `manual`: marked done (steps without a check). */
  completedBy?: 'check' | 'manual';
  /** ISO time. */
  completedAt?: string;
  lastCheck?: CheckOutcome;
  checks: number;
  /** How many times "Do it for me" ran to the end. */
  automations: number;
  hintsRevealed: number;
  solutionRevealed: boolean;
}

export interface LessonStepView {
  id: string;
  title: string;
  /** Markdown, live values filled in. */
  instructions: string;
  /** Tiered hints (markdown), revealed one at a time. */
  hints: string[];
  solution?: string;
  /** The step has a "Do it for me". */
  automation: boolean;
  /** The step has a "Check my work"; without one, the student marks it done. */
  check: boolean;
  /** The check watches the cloud for up to this long (messages, deliveries, crawls). */
  waitSeconds?: number;
  progress: StepProgress;
}

export interface LessonLink {
  id: string;
  title: string;
}

export interface LessonView {
  id: string;
  number: number;
  title: string;
  objectives: string[];
  duration: number;
  services: LessonService[];
  /** Markdown, live values filled in. */
  intro: string;
  steps: LessonStepView[];
  previous?: LessonLink;
  next?: LessonLink;
  mode: LabMode;
}

export interface LessonInput {
  id: string;
  language: LessonLanguage;
}

export interface LessonStepInput {
  lessonId: string;
  stepId: string;
}

/** What lesson automations create, change or start; the renderer names each kind in its language. */
export type LessonResourceKind =
  | 'bucket'
  | 'thing'
  | 'thing-type'
  | 'certificate'
  | 'thing-principal'
  | 'policy'
  | 'policy-attachment'
  | 'device-files'
  | 'fleet'
  | 'publish-loop'
  | 'replay'
  | 'topic-rule'
  | 'delivery-stream'
  | 'dynamodb-table'
  | 'glue-database'
  | 'glue-crawler'
  | 'crawler-run'
  | 'catalog-table'
  | 'athena-workgroup'
  | 'athena-query';

export interface LessonResource {
  kind: LessonResourceKind;
  name: string;
}

export interface AutomationResult {
  created: LessonResource[];
  updated: LessonResource[];
  /** Already there and as the step wants it: left alone. */
  reused: LessonResource[];
  /** Running on after "Do it for me" returned (a publish loop, a replay). */
  started: LessonResource[];
  /** A query's first rows. */
  table?: { columns: string[]; rows: string[][] };
}

export interface AutomateResponse {
  result: AutomationResult;
  progress: StepProgress;
  /** "Check my work", run right after: green when the automation did its job. */
  outcome?: CheckOutcome;
}

export interface CheckResponse {
  outcome: CheckOutcome;
  progress: StepProgress;
}

export type AutomationVerb = 'create' | 'reuse' | 'update' | 'start' | 'wait' | 'run';

export interface AutomationProgress {
  lessonId: string;
  stepId: string;
  /** ISO time. */
  at: string;
  verb: AutomationVerb;
  resource: LessonResource;
}

export interface MarkDoneInput extends LessonStepInput {
  done: boolean;
}

export interface RevealInput extends LessonStepInput {
  what: 'hint' | 'solution';
  /** The hint tier revealed (1-based). */
  tier?: number;
}

/** Why a reset left something in place. */
export type KeptReason = 'not-empty' | 'in-use' | 'error';

export interface ResetReport {
  removed: LessonResource[];
  /** Put back as it was before "Do it for me" changed it. */
  restored: LessonResource[];
  kept: Array<{ resource: LessonResource; reason: KeptReason; message?: string }>;
}

export interface ProgressExport {
  /** Where the report was written: `<labDir>/reports/`. */
  folder: string;
  files: { json: string; markdown: string; html: string };
  json: string;
  markdown: string;
  html: string;
}

// ---------------------------------------------------------------------------------------------
// Domain `instructor`: the account reset (electron/reset), the lab folder and lesson progress

/** `lab`: the names the lessons create; `all-tp`: every name the TP's versions use (electron/reset/scope.ts). */
export type ResetScopeId = 'lab' | 'all-tp';
export type ResetService = 'glue' | 'iot' | 'firehose' | 'dynamodb' | 'athena' | 's3';
export type ResetResourceKind =
  | 'glue-crawler'
  | 'glue-table'
  | 'glue-database'
  | 'topic-rule'
  | 'certificate'
  | 'thing'
  | 'thing-type'
  | 'iot-policy'
  | 'delivery-stream'
  | 'dynamodb-table'
  | 'athena-named-query'
  | 'athena-work-group'
  | 'athena-result-location'
  | 's3-bucket';

/** One resource the reset found, in the order it deletes them. */
export interface ResetResource {
  kind: ResetResourceKind;
  service: ResetService;
  /** As a person reads it: the name, `db.table`, a certificate's id. */
  name: string;
  /** The API's identifier when it is not the name (a named query's id, a certificate's ARN). */
  id?: string;
  /** The Glue database of a table; the work group of a named query or a result location. */
  parent?: string;
  /** What was seen: `ACTIVE`, `DELETING`, `RUNNING`, an output location… */
  state?: string;
  /** A bucket's objects (every version) and their bytes. */
  objects?: number;
  bytes?: number;
  /** Resources (`kind:id-or-name`) that go before this one. */
  after?: string[];
}

/** In the scope's names, but left alone: deleting it would touch something outside the scope. */
export interface ResetKept {
  resource: ResetResource;
  reason: string;
}

export interface ResetInventory {
  accountId: string;
  region: string;
  scope: ResetScopeId;
  /** Where: `local cloud`, `profile class-a`, `credentials block 2`… */
  label: string;
  takenAt: string;
  resources: ResetResource[];
  kept: ResetKept[];
}

export type ResetOutcomeStatus =
  | 'deleted'
  | 'updated'
  | 'already-gone'
  /** Asked for, AWS finishes later (a thing type deletes 5 minutes after its deprecation). */
  | 'pending'
  | 'failed'
  | 'would-delete'
  | 'would-update';

export interface ResetOutcome {
  resource: ResetResource;
  status: ResetOutcomeStatus;
  /** What was done or why it failed, in English (the AWS error's message on failure). */
  message?: string;
  /** The AWS error's code on failure. */
  errorCode?: string;
  /** A pending thing type: when a new run can delete it (ISO). */
  retryAfter?: string;
}

export interface AccountResetReport {
  accountId: string;
  region: string;
  scope: ResetScopeId;
  label: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  outcomes: ResetOutcome[];
  kept: ResetKept[];
}

export interface InstructorInventoryInput {
  scope: ResetScopeId;
}

export interface InstructorResetInput {
  scope: ResetScopeId;
  /** The account the instructor confirmed: the reset refuses to run on another one. */
  accountId: string;
  dryRun?: boolean;
}

/** One resource done, while `instructor.resetAccount` runs. */
export interface InstructorResetProgress {
  done: number;
  total: number;
  outcome: ResetOutcome;
}

export interface LabFolderResetReport {
  labDir: string;
  /** Entries of the lab folder removed (relative names). */
  removed: string[];
  /** Entries kept: the stations' readings and anything the app did not make. */
  kept: string[];
  /** The lab's account id and credentials are kept, so scripts and endpoints.json stay valid. */
  accountId: string;
}

export interface LessonProgressResetReport {
  /** Steps whose progress was cleared. */
  steps: number;
  /** What "Do it for me" had recorded as created, forgotten (not deleted: the account reset does that). */
  tracked: number;
}

// ---------------------------------------------------------------------------------------------
// Domain `sql`: the SQL panel's history and saved queries (the queries themselves go through `cloud.send`)

export type SqlEngine = 'athena' | 'dynamodb';
export type SqlRunState = 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** One run of the SQL panel, as it records it once the run is over. */
export interface SqlRunRecord {
  engine: SqlEngine;
  sql: string;
  database?: string;
  workGroup?: string;
  state: SqlRunState;
  queryExecutionId?: string;
  /** Athena's EngineExecutionTimeInMillis. */
  engineMs?: number;
  /** What the user waited (ms). */
  elapsedMs: number;
  bytesScanned?: number;
  rows?: number;
  /** Why it failed or was cancelled (AWS's message). */
  error?: string;
}

export interface SqlHistoryEntry extends SqlRunRecord {
  id: number;
  /** ISO time the run was recorded. */
  at: string;
}

export interface SqlHistoryInput {
  /** Words the SQL (or database, or error) must contain, case-insensitive. */
  search?: string;
  /** Newest first; 1–500, 100 when omitted. */
  limit?: number;
}

export interface SqlSavedQuery {
  id: number;
  name: string;
  sql: string;
  engine: SqlEngine;
  database?: string;
  workGroup?: string;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
}

export interface SqlSaveInput {
  /** Replaces that saved query's SQL, name and target; a new one when omitted. */
  id?: number;
  name: string;
  sql: string;
  engine: SqlEngine;
  database?: string;
  workGroup?: string;
}

// ---------------------------------------------------------------------------------------------
// Domain `charts`: the Charts page's dashboard, charts saved with the query that feeds them

export type ChartKind = 'line' | 'bar' | 'scatter';

/** Which columns of a query's result a chart draws. */
export interface ChartSpec {
  kind: ChartKind;
  x: string;
  /** One dataset per y column… */
  y: string[];
  /** …or, with a series column, one per distinct value of it (one line per station). */
  series?: string;
}

/** The query a chart runs again each time the dashboard shows it (the SQL panel's `ResultSource`). */
export interface ChartQuery {
  engine: 'athena' | 'dynamodb';
  sql: string;
  database?: string;
  workGroup?: string;
}

export interface SavedChart {
  id: string;
  title: string;
  spec: ChartSpec;
  source: ChartQuery;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
}

export interface ChartSaveInput {
  /** Replaces that chart; a new one, last on the dashboard, when omitted. */
  id?: string;
  title: string;
  spec: ChartSpec;
  source: ChartQuery;
}

export interface ChartMoveInput {
  id: string;
  /** The chart's new place on the dashboard, 0 first (clamped to the list). */
  position: number;
}

// ---------------------------------------------------------------------------------------------
// Domain `aws`: AWS mode (the student's own account), the API-call log and the cost meter

/** Where the credentials of AWS mode come from. */
export type AwsCredentialSource =
  /** The "AWS Details" block of an AWS Academy lab (`[default]` + three keys), pasted. */
  | { kind: 'block'; text: string }
  /** A profile of `~/.aws/credentials` / `~/.aws/config`. */
  | { kind: 'profile'; name: string }
  /** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN of the app's environment. */
  | { kind: 'environment' };

export interface AwsConnectInput {
  source: AwsCredentialSource;
  /** The profile's or the environment's region when omitted, else the current one, else `us-east-1`. */
  region?: string;
  /**
   * Every service at this URL instead of AWS's (tests, LocalStack): advanced users only. Omitted: the
   * current one is kept (renewing expired credentials); empty: none.
   */
  endpointOverride?: string;
}

export interface AwsIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** Credentials STS has accepted (GetCallerIdentity), without their secrets. */
export interface AwsSessionInfo {
  /** `pasted block [default]`, `profile teacher`, `environment`. */
  source: string;
  region: string;
  /** `ASIA…WXYZ`: first and last four characters only. */
  accessKeyId: string;
  /** The credentials carry a session token (AWS Academy's do). */
  temporary: boolean;
  identity: AwsIdentity;
  /** ISO time of the last verification. */
  verifiedAt: string;
  endpointOverride?: string;
  /** AWS answered ExpiredToken since: new credentials are needed. */
  expired: boolean;
}

export interface AwsStatus {
  mode: LabMode;
  /** The verified credentials, kept while offline too (switching back needs no paste). */
  session?: AwsSessionInfo;
  /**
   * Where the credentials are kept: `encrypted` (Electron's safeStorage, in the user-data folder),
   * `memory` (web mode, or encryption unavailable: they are never written and are gone at exit).
   */
  storage: 'encrypted' | 'memory';
  /** Why credentials are not written to disk, when `storage` is `memory`. */
  storageNote?: string;
  /** The Athena work group the app queries in: `iot-lab` on AWS (bytes-scanned cutoff), `primary` offline. */
  athenaWorkGroup: string;
  /** The per-query cutoff of that work group on AWS, in bytes. */
  bytesScannedCutoff?: number;
  /** Where devices connect in AWS mode: DescribeEndpoint (iot:Data-ATS), port 8883, Amazon Root CA 1. */
  deviceEndpoint?: { host: string; port: number };
  /** What could not be prepared on AWS (the work group, the device endpoint) and why. */
  warnings: string[];
}

export interface AwsProfileInfo {
  name: string;
  hasKeys: boolean;
  temporary: boolean;
  region?: string;
  files: Array<'credentials' | 'config'>;
}

export interface AwsProfiles {
  profiles: AwsProfileInfo[];
  /** AWS_ACCESS_KEY_ID is set in the app's environment. */
  environment: boolean;
  /** Where the profiles were read from. */
  files: { credentials: string; config: string };
}

/** One SDK call the app made ("like CloudTrail"), in either mode. */
export interface ApiCall {
  /** Increases by one per call since the app started. */
  id: number;
  /** ISO time the call was sent. */
  at: string;
  /** The SDK client's service: `iot`, `s3`, `dynamodb`, `firehose`, `glue`, `athena`, `sts`, `iam`. */
  service: string;
  /** AWS's operation name, e.g. `CreateTopicRule`. */
  operation: string;
  durationMs: number;
  mode: LabMode;
  /** AWS's error code and message when the call failed. */
  error?: { code: string; message: string };
  /** What made it: `Lesson 03 · create-rule · Do it for me`, `Console`, `SQL panel`, … */
  origin?: string;
}

export interface ApiCallsInput {
  /** Most recent first; 1–1000, 200 when omitted. */
  limit?: number;
  service?: string;
  result?: 'ok' | 'error';
}

/** Sent once when AWS says the session token expired, until new credentials are accepted. */
export interface AwsCredentialsExpired {
  service: string;
  operation: string;
  /** `ExpiredToken` or `ExpiredTokenException`. */
  code: string;
  message: string;
  at: string;
}

export type CostLineId =
  | 'iot-messages'
  | 'iot-connectivity'
  | 'iot-rules'
  | 'iot-actions'
  | 'firehose-ingestion'
  | 's3-put'
  | 's3-get'
  | 's3-storage'
  | 'athena-scanned'
  | 'dynamodb-writes'
  | 'dynamodb-reads'
  | 'glue-crawler';

export interface CostLineInfo {
  id: CostLineId;
  service: 'iot' | 'firehose' | 's3' | 'athena' | 'dynamodb' | 'glue';
  quantity: number;
  /** The unit the price is for, in English (`million messages`, `GB ingested`, …). */
  unit: string;
  unitPrice: number;
  cost: number;
  source: string;
  /** False when the price could not be checked against its page. */
  verified: boolean;
}

/** What the lab's usage since the app started costs (or would cost) on AWS, us-east-1 list prices. */
export interface CostEstimateInfo {
  mode: LabMode;
  currency: 'USD';
  region: string;
  pricesRetrieved: string;
  total: number;
  lines: CostLineInfo[];
  /** The counts the estimate is made from. */
  usage: {
    messagesPublished: number;
    messagesDelivered: number;
    messageBytes: number;
    connectionMinutes: number;
    rulesTriggered: number;
    ruleActions: number;
    firehoseRecords: number;
    s3PutRequests: number;
    s3GetRequests: number;
    s3StoredBytes: number;
    athenaQueries: number;
    athenaBytesScanned: number;
    dynamodbWriteUnits: number;
    dynamodbReadUnits: number;
    crawlerRuns: number;
  };
  /** ISO time counting started (the app's start). */
  since: string;
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
  /** Any allowed AWS SDK command, through main's client factory; errors keep AWS's code and message. */
  'cloud.send': request<CloudSendInput, unknown>(),
  /** The start of an object as text (gzip decompressed), for the console's viewer. */
  's3.previewObject': request<S3PreviewInput, S3ObjectPreview>(),
  /** A whole object (at most 64 MiB), to save as a file. */
  's3.downloadObject': request<S3ObjectRef, S3Download>(),
  /** Uploads a file in chunks; the object is put with the last one. */
  's3.uploadChunk': request<S3UploadChunkInput, S3UploadProgress>(),
  'iot.caCertificate': request<void, IotCaCertificate>(),
  /** Reads a bulk-registration task's report files. */
  'iot.registrationReport': request<IotRegistrationReportInput, IotRegistrationReport>(),
  /** Parses rule SQL as CreateTopicRule would, without creating anything. */
  'rules.validateSql': request<RuleSqlValidateInput, RuleSqlValidation>(),
  'rules.metrics': request<void, RulesMetrics>(),
  'firehose.buffers': request<void, FirehoseBuffers>(),
  'mqtt.status': request<void, MqttClientStatus>(),
  /** Connects (issuing the test client's certificate at first use offline) and subscribes again. */
  'mqtt.connect': request<void, MqttClientStatus>(),
  'mqtt.disconnect': request<void, MqttClientStatus>(),
  /** Connects first if needed; no reconnection to change subscriptions. */
  'mqtt.subscribe': request<MqttSubscribeInput, MqttClientStatus>(),
  'mqtt.unsubscribe': request<MqttUnsubscribeInput, MqttClientStatus>(),
  /** Resolves on PUBACK (QoS 1) or once written (QoS 0). */
  'mqtt.publish': request<MqttPublishInput, MqttClientStatus>(),
  'lessons.list': request<LessonsInput, LessonsOverview>(),
  'lessons.get': request<LessonInput, LessonView>(),
  'lessons.check': request<LessonStepInput, CheckResponse>(),
  /** One automation at a time; progress in `lessons.automationProgress`. */
  'lessons.automate': request<LessonStepInput, AutomateResponse>(),
  'lessons.markDone': request<MarkDoneInput, StepProgress>(),
  'lessons.reveal': request<RevealInput, StepProgress>(),
  /** Removes what the step's "Do it for me" created (never anything else) and clears its progress. */
  'lessons.resetStep': request<LessonStepInput, ResetReport>(),
  'lessons.resetLesson': request<{ lessonId: string }, ResetReport>(),
  /** Writes the progress report (JSON, Markdown, HTML) into the lab folder and returns it. */
  'lessons.export': request<LessonsInput, ProgressExport>(),
  /** The scope's resources in the account the app is using (read-only). */
  'instructor.inventory': request<InstructorInventoryInput, ResetInventory>(),
  /** Deletes them in dependency order; refuses another account than the one confirmed. Progress in `instructor.resetProgress`. */
  'instructor.resetAccount': request<InstructorResetInput, AccountResetReport>(),
  /** Stops the local cloud, empties the lab folder of what the app made (readings kept), starts it again. */
  'instructor.resetLabFolder': request<{ confirm: 'reset' }, LabFolderResetReport>(),
  'instructor.resetLessonProgress': request<void, LessonProgressResetReport>(),
  /** The SQL panel's runs, newest first, filtered by `search`. */
  'sql.history': request<SqlHistoryInput, SqlHistoryEntry[]>(),
  'sql.record': request<SqlRunRecord, SqlHistoryEntry>(),
  'sql.clearHistory': request<void, { deleted: number }>(),
  /** Saved queries, by name. */
  'sql.saved': request<void, SqlSavedQuery[]>(),
  'sql.save': request<SqlSaveInput, SqlSavedQuery>(),
  'sql.rename': request<{ id: number; name: string }, SqlSavedQuery>(),
  'sql.deleteSaved': request<{ id: number }, { deleted: boolean }>(),
  /** The dashboard's charts, in their order. */
  'charts.list': request<void, SavedChart[]>(),
  'charts.save': request<ChartSaveInput, SavedChart>(),
  /** Answers with the dashboard as it is after the change. */
  'charts.delete': request<{ id: string }, SavedChart[]>(),
  'charts.move': request<ChartMoveInput, SavedChart[]>(),
  /** AWS mode: the session, the storage of credentials, the work group. */
  'aws.status': request<void, AwsStatus>(),
  /** The profiles of `~/.aws/credentials` and `~/.aws/config` (no secrets). */
  'aws.profiles': request<void, AwsProfiles>(),
  /** Reads the credentials, verifies them with STS GetCallerIdentity, keeps them and switches to AWS mode. */
  'aws.connect': request<AwsConnectInput, AwsStatus>(),
  /** Switches between offline and AWS mode (AWS: with the kept credentials, verified again). */
  'aws.setMode': request<{ mode: LabMode }, AwsStatus>(),
  /** Forgets the credentials (memory and disk) and goes back offline. */
  'aws.forget': request<void, AwsStatus>(),
  /** The SDK calls the app made, most recent first. */
  'aws.calls': request<ApiCallsInput, ApiCall[]>(),
  'aws.cost': request<void, CostEstimateInfo>(),
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
  /** The rules' counters, at most every 250 ms while messages flow (offline). */
  'rules.metrics': event<RulesMetrics>(),
  /** Every second while a buffer holds records or changed (offline). */
  'firehose.status': event<FirehoseBuffers>(),
  'mqtt.status': event<MqttClientStatus>(),
  /** Every 100 ms while messages arrive. */
  'mqtt.messages': event<MqttMessageBatch>(),
  'lessons.automationProgress': event<AutomationProgress>(),
  /** One per resource while `instructor.resetAccount` runs. */
  'instructor.resetProgress': event<InstructorResetProgress>(),
  /** The mode or the session changed (top bar badge, Settings). */
  'aws.status': event<AwsStatus>(),
  /** One per SDK call the app made, in both modes. */
  'aws.call': event<ApiCall>(),
  /** Once per expiry: the renderer asks for new credentials. */
  'aws.credentialsExpired': event<AwsCredentialsExpired>(),
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
