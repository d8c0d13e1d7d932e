import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiResult, EventName, EventPayload, RequestName, RequestOutput } from '../../electron/api/contract.js';
import { createApiCore, type ApiCore, type ApiSession, type LabEvent } from '../../electron/api/core.js';
import type { LabEndpoints } from '../../electron/cloud/index.js';

/**
 * The local cloud treated as an AWS Academy account: temporary credentials from its STS
 * (GetSessionToken with the lab's own keys), written as the "AWS Details" block students paste.
 */
export async function academyBlock(endpoints: Pick<LabEndpoints, 'endpoint' | 'region' | 'credentials'>): Promise<{
  text: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}> {
  const sts = new STSClient({ endpoint: endpoints.endpoint, region: endpoints.region, credentials: endpoints.credentials });
  try {
    const { Credentials } = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 3600 }));
    const accessKeyId = Credentials!.AccessKeyId!;
    const secretAccessKey = Credentials!.SecretAccessKey!;
    const sessionToken = Credentials!.SessionToken!;
    const text = `[default]\naws_access_key_id=${accessKeyId}\naws_secret_access_key=${secretAccessKey}\naws_session_token=${sessionToken}\n`;
    return { text, accessKeyId, secretAccessKey, sessionToken };
  } finally {
    sts.destroy();
  }
}

/** The API core on a fresh lab folder, one session subscribed to `events`, and what it heard. */
export interface AppUnderTest {
  core: ApiCore;
  labDir: string;
  session: ApiSession;
  heard: LabEvent[];
  /** The events of one name heard so far. */
  eventsOf<E extends EventName>(name: E): Array<EventPayload<E>>;
  /** Sends a request and returns its value; throws with the error's code and message otherwise. */
  ask<N extends RequestName>(name: N, input?: unknown): Promise<RequestOutput<N>>;
  /** Sends a request and returns its raw result. */
  request<N extends RequestName>(name: N, input?: unknown): Promise<ApiResult<RequestOutput<N>>>;
  dispose(): Promise<void>;
}

export async function startAppCore(events: EventName[]): Promise<AppUnderTest> {
  const labDir = mkdtempSync(path.join(tmpdir(), 'iotlab-aws-app-'));
  const core = createApiCore({
    labDir,
    app: { name: 'IoT Lab', version: '0.0.0-test' },
    mqttPort: 0,
    log: () => undefined,
    // No shared AWS files: profiles come from nowhere but the test.
    awsShared: { env: {}, home: path.join(labDir, 'no-home') },
  });
  const heard: LabEvent[] = [];
  const session = core.openSession('websocket', (event) => heard.push(event));
  for (const name of events) session.subscribe(name);
  await core.ready;
  const request = <N extends RequestName>(name: N, input?: unknown) =>
    session.request(name, input) as Promise<ApiResult<RequestOutput<N>>>;
  return {
    core,
    labDir,
    session,
    heard,
    eventsOf: <E extends EventName>(name: E) =>
      heard.filter((event) => event.name === name).map((event) => event.payload as EventPayload<E>),
    request,
    async ask(name, input) {
      const result = await request(name, input);
      if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), result.error);
      return result.value;
    },
    async dispose() {
      await core.stop();
      rmSync(labDir, { recursive: true, force: true });
    },
  };
}
