import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createGateway, type GatewayCall } from './gateway/index.js';
import { createIamService } from './iam/index.js';
import { createS3Service } from './s3/index.js';
import { openLabStorage, type LabStorage } from './storage/index.js';
import { createStsService } from './sts/index.js';

export type { GatewayCall } from './gateway/index.js';

/** What a client needs to reach the local cloud; written to `<labdir>/endpoints.json`. */
export interface LabEndpoints {
  endpoint: string;
  region: string;
  accountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Filled once the MQTT broker runs (devices). */
  mqtt?: { host: string; port: number; caFile: string };
}

export interface LocalCloudOptions {
  /** The lab folder: created if missing, reused with all its state if present. */
  dir: string;
  /** HTTP port of the gateway; a free one when omitted or 0. */
  port?: number;
  mqttPort?: number;
  log?: (line: string) => void;
}

export interface LocalCloudEvents {
  call: [GatewayCall];
}

export interface LocalCloud {
  endpoints: LabEndpoints;
  storage: LabStorage;
  events: EventEmitter<LocalCloudEvents>;
  /** Stops listening, flushes what must be flushed, closes the store. Safe to call twice. */
  stop(): Promise<void>;
}

export async function createLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const storage = openLabStorage(options.dir);
  const { identity } = storage;
  const events = new EventEmitter<LocalCloudEvents>();
  const services = [createS3Service(storage), createStsService(identity), createIamService(identity)];
  const gateway = await createGateway({
    identity,
    services,
    port: options.port,
    onCall: (call) => {
      events.emit('call', call);
      if (call.status >= 500) options.log?.(`${call.service} ${call.operation} → ${call.status} ${call.errorCode ?? ''}`);
    },
  });
  const endpoints: LabEndpoints = {
    endpoint: gateway.url,
    region: identity.region,
    accountId: identity.accountId,
    credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
  };
  writeFileSync(storage.layout.endpointsFile, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await gateway.close();
      storage.close();
    })();
    return stopping;
  };
  return { endpoints, storage, events, stop };
}
