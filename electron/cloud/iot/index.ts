import { EventEmitter } from 'node:events';
import type { ServiceEndpoint } from '../gateway/types.js';
import { openLocalS3 } from '../s3/index.js';
import type { LabStorage } from '../storage/index.js';
import type { IotContext, IotRegistryEvents } from './control-plane/context.js';
import { createIotEndpoint } from './control-plane/protocol.js';
import { failInterruptedTasks } from './control-plane/registration/run-task.js';
import { openIotStore } from './control-plane/store/index.js';
import { labPkiFiles, openLabCa, type LabCa } from './pki/lab-ca.js';
import { createDeviceRegistry, type IotDeviceRegistry } from './registry.js';
import type { TopicRuleSource } from './rules/engine/index.js';

export type { CertificateStatusChange, IotRegistryEvents } from './control-plane/context.js';
export type { LabPkiFiles } from './pki/lab-ca.js';
export { connectionVariables, createDeviceAuthorizer, iotResourceArn } from './policy/authorizer.js';
export type { ConnectionThing, DeviceAuthorizer, IotResourceScope } from './policy/authorizer.js';
export { parsePolicyDocument } from './policy/document.js';
export type { PolicyDocument } from './policy/document.js';
export { evaluatePolicies } from './policy/evaluate.js';
export type { IotAction, NamedPolicyDocument, PolicyDecision, PolicyVariables } from './policy/evaluate.js';
export type {
  AttachedPolicy,
  DeviceCertificate,
  DevicePrincipal,
  DeviceThing,
  IotDeviceRegistry,
  IotPkiInfo,
} from './registry.js';

/**
 * The hostname DescribeEndpoint answers offline. `localhost` is the one name every OS resolves to
 * this computer without DNS or hosts-file changes (glibc, macOS and Windows do not resolve
 * `*.localhost` subdomains for native clients such as aws-crt), so devices can keep hostname
 * verification on. It never changes, so it is stable for every lab folder across restarts.
 */
export const IOT_ENDPOINT_HOST = 'localhost';

/** What the broker's certificate covers: the endpoint name and the loopback addresses it may be reached at. */
export const BROKER_SERVER_HOSTS: readonly string[] = [IOT_ENDPOINT_HOST, '127.0.0.1', '::1'];

export interface IotServiceOptions {
  storage: LabStorage;
  /** The clock of the registry (creation dates, certificate validity, the thing-type deletion delay). */
  now?: () => Date;
}

export interface IotService {
  /** The restJson1 control plane for the gateway (signing name `iot`). */
  endpoint: ServiceEndpoint;
  /** The in-process registry for the MQTT broker. */
  registry: IotDeviceRegistry;
  /** The topic rules, for the rules engine (which reloads when they change). */
  topicRules: TopicRuleSource;
  /** The lab CA's certificate, for `endpoints.json` → `mqtt.caFile` (it exists once `registry.pki()` resolved). */
  caFile: string;
  /** Waits for the work still running (registration tasks, the first start's CA). Call before closing the storage. */
  close(): Promise<void>;
}

export function createIotService(options: IotServiceOptions): IotService {
  const { storage } = options;
  const now = options.now ?? (() => new Date());
  const background = new Set<Promise<void>>();
  const track = (work: Promise<void>): void => {
    const settled = work.catch(() => undefined).finally(() => background.delete(settled));
    background.add(settled);
  };

  let ca: Promise<LabCa> | undefined;
  const context: IotContext = {
    store: openIotStore(storage),
    identity: storage.identity,
    now,
    ca: () =>
      (ca ??= openLabCa(storage.layout.pki, {
        labName: storage.identity.accountId,
        serverHosts: BROKER_SERVER_HOSTS,
        now,
      }).catch((error: unknown) => {
        ca = undefined;
        throw error;
      })),
    events: new EventEmitter<IotRegistryEvents>(),
    endpointHost: IOT_ENDPOINT_HOST,
    s3: openLocalS3(storage),
    runInBackground: (work) => track(work()),
  };
  failInterruptedTasks(context);
  // A lab folder gets its CA on its first start, not on its first certificate.
  track(context.ca().then(() => undefined));

  return {
    endpoint: createIotEndpoint(context),
    registry: createDeviceRegistry(context, BROKER_SERVER_HOSTS),
    topicRules: {
      list: () => context.store.listTopicRules(),
      onChange(listener) {
        context.events.on('topicRulesChanged', listener);
        return () => context.events.off('topicRulesChanged', listener);
      },
    },
    caFile: labPkiFiles(storage.layout.pki).caCertFile,
    async close() {
      while (background.size > 0) await Promise.all(background);
    },
  };
}
