import type {
  ApiCall,
  ApiCallsInput,
  AwsProfiles,
  CloudEndpoints,
  CostEstimateInfo,
  LabMode,
} from '../api/contract.js';
import type { LabEvent } from '../api/handlers/types.js';
import { createApiCallLog } from './api-call-log.js';
import { createCloudClients, type CloudClients, type CloudTarget } from './client-factory.js';
import { createCostMeter, type MqttCounts } from './cost-meter.js';
import { listProfiles, sharedFilePaths, type SharedFilesOptions } from './credentials.js';
import { memorySecretStore, type SecretStore } from './secret-store.js';
import { createAwsSession, type AwsSession } from './session.js';

/**
 * Everything AWS mode adds to the API core: the session (which cloud the app talks to), the factory
 * every SDK client comes from (with the API-call log and the expired-token middleware), and the cost
 * meter. The core asks it for "the cloud's" clients and endpoints; offline they are the local cloud's.
 */
export interface AwsRuntime {
  session: AwsSession;
  mode(): LabMode;
  /** Makes the clients of a target, instrumented (API-call log, expired tokens). */
  makeClients(target: CloudTarget): CloudClients;
  /** The account's clients in AWS mode; undefined offline. */
  awsClients(): CloudClients | undefined;
  /** The account's endpoints in AWS mode; undefined offline. */
  awsEndpoints(): CloudEndpoints | undefined;
  calls(input?: ApiCallsInput): ApiCall[];
  cost(input: { iot?: CloudClients['iot']; topic: string }): Promise<CostEstimateInfo>;
  profiles(): Promise<AwsProfiles>;
  /** Sees every event main sends (the replay's counters feed the cost meter). */
  observe(event: LabEvent): void;
  close(): void;
}

export interface AwsRuntimeOptions {
  labDir: string;
  /** Memory only when omitted (web mode). */
  secrets?: SecretStore;
  shared?: SharedFilesOptions;
  /** The local cloud's endpoints, when it runs. */
  localEndpoints(): CloudEndpoints | undefined;
  mqttCounts(): MqttCounts;
  emit(event: LabEvent): void;
  log(line: string): void;
}

export function createAwsRuntime(options: AwsRuntimeOptions): AwsRuntime {
  const log = createApiCallLog();
  const meter = createCostMeter();
  const modeOf = (target: CloudTarget): LabMode => (target.kind === 'aws' ? 'aws' : 'offline');
  // The factory's middleware and the session refer to each other: the session is made just below.
  const current: { session?: AwsSession } = {};

  const makeClients = (target: CloudTarget): CloudClients =>
    createCloudClients(target, {
      onCall(record) {
        const call = log.record(record, modeOf(target));
        // Only the current target's calls cost the current mode anything.
        if (modeOf(target) === current.session?.mode()) meter.observeCall(record);
        options.emit({ name: 'aws.call', payload: call });
      },
      onExpiredToken: (error) => current.session?.tokenExpired(target, error),
    });

  let lastMode: LabMode = 'offline';
  const session = createAwsSession({
    labDir: options.labDir,
    secrets: options.secrets ?? memorySecretStore(),
    makeClients,
    shared: options.shared,
    // The local cloud treated as AWS (tests): its devices connect to its own broker, with its CA.
    deviceEndpointFor(endpointOverride) {
      const local = options.localEndpoints();
      if (!local?.mqtt || local.endpoint !== endpointOverride.replace(/\/$/, '')) return undefined;
      return { port: local.mqtt.port, caFile: local.mqtt.caFile };
    },
    onStatus(status) {
      if (status.mode !== lastMode) {
        lastMode = status.mode;
        meter.reset(options.mqttCounts());
      }
      options.emit({ name: 'aws.status', payload: status });
    },
    onExpired: (expired) => options.emit({ name: 'aws.credentialsExpired', payload: expired }),
    log: options.log,
  });
  current.session = session;

  return {
    session,
    mode: () => session.mode(),
    makeClients,
    awsClients: () => session.clients(),
    awsEndpoints: () => session.endpoints(),
    calls: (input) => log.recent(input),
    cost: ({ iot, topic }) =>
      meter.estimate({ mode: session.mode(), mqtt: options.mqttCounts(), iot: iot?.(), topic }),
    async profiles() {
      const env = options.shared?.env ?? process.env;
      return {
        profiles: await listProfiles(options.shared),
        environment: Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY),
        files: sharedFilePaths(options.shared ?? {}),
      };
    },
    observe(event) {
      if (event.name === 'replay.progress') meter.observeReplay(event.payload);
    },
    close: () => session.close(),
  };
}
