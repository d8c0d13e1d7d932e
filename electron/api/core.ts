import path from 'node:path';
import { z } from 'zod';
import { withCallOrigin } from '../aws/call-origin.js';
import type { CloudClients } from '../aws/client-factory.js';
import type { SharedFilesOptions } from '../aws/credentials.js';
import { createAwsRuntime } from '../aws/runtime.js';
import type { SecretStore } from '../aws/secret-store.js';
import { createConsoleRuntime } from './cloud-console.js';
import { startCloudRuntime } from './cloud-runtime.js';
import {
  isEventName,
  isRequestName,
  type ApiResult,
  type CloudStatus,
  type EventName,
  type Transport,
} from './contract.js';
import { handlers } from './handlers/index.js';
import { createInstructorRuntime } from './instructor-runtime.js';
import { ApiError, type AppRuntime, type HandlerContext, type LabEvent } from './handlers/types.js';
import { createMqttTestClient } from './mqtt-client.js';
import { DEFAULT_REPLAY_TOPIC, createReplayRuntime } from './replay-runtime.js';
import { defaultLessonsDir } from '../lessons/loader.js';
import { createLessonsRuntime } from '../lessons/runtime.js';
import { createStationsRuntime } from './stations-runtime.js';

export type { LabEvent } from './handlers/types.js';

/**
 * The API behind both transports, in plain Node: it starts the local cloud and answers the
 * contract's requests. The Electron shell and web mode each open one session per renderer.
 */
export interface ApiCoreOptions {
  /** The lab folder; created if missing. */
  labDir: string;
  app: AppRuntime;
  cloudPort?: number;
  mqttPort?: number;
  /** The lessons folder; the project's `lessons/` when omitted. */
  lessonsDir?: string;
  log?: (line: string) => void;
  /** Where AWS mode keeps credentials: safeStorage in the desktop app; memory only when omitted (web mode). */
  secrets?: SecretStore;
  /** The AWS shared files and environment profiles are read from; the process's when omitted. */
  awsShared?: SharedFilesOptions;
}

/** One connected renderer: what it asks, and the events it subscribed to. */
export interface ApiSession {
  /** Name and input come from the renderer: both are checked before a handler runs. */
  request(name: unknown, input: unknown): Promise<ApiResult<unknown>>;
  /** False when the name is not one of the contract's events. */
  subscribe(name: unknown): boolean;
  unsubscribe(name: unknown): void;
  close(): void;
}

export interface ApiCore {
  labDir: string;
  /** Settles once the local cloud runs or has failed to start. */
  ready: Promise<CloudStatus>;
  openSession(transport: Transport, deliver: (event: LabEvent) => void): ApiSession;
  /** Stops a replay and a fetch, closes the sessions and stops the local cloud. Safe to call twice. */
  stop(): Promise<void>;
}

/** The handler's schema, seen from the dispatcher, which does not know which request it runs. */
interface UntypedHandler {
  input?: z.ZodType;
  handle(input: unknown, context: HandlerContext): unknown;
}

const fail = (code: string, message: string): ApiResult<never> => ({ ok: false, error: { code, message } });

/** What the API-call log says made a request's SDK calls (electron/aws/call-origin.ts). */
function callOrigin(name: string, input: unknown): string {
  const step = input as { lessonId?: string; stepId?: string; service?: string } | undefined;
  switch (name) {
    case 'lessons.automate':
      return `Lesson ${step?.lessonId} · ${step?.stepId} · Do it for me`;
    case 'lessons.check':
      return `Lesson ${step?.lessonId} · ${step?.stepId} · Check my work`;
    case 'lessons.resetStep':
    case 'lessons.resetLesson':
      return `Lesson ${step?.lessonId} · reset`;
    case 'cloud.send':
      return step?.service === 'athena' ? 'SQL panel' : 'Console';
    case 'fleet.provision':
      return 'Stations · provision the fleet';
    case 'aws.connect':
    case 'aws.setMode':
      return 'Settings · verify credentials';
    case 'aws.cost':
      return 'Cost meter';
  }
  const domain = name.split('.')[0];
  const origins: Record<string, string> = {
    s3: 'Console · S3',
    iot: 'Console · IoT',
    mqtt: 'MQTT test client',
    stations: 'Stations',
    replay: 'Stations · replay',
    lessons: 'Lessons',
  };
  return origins[domain ?? ''] ?? name;
}

export function createApiCore(options: ApiCoreOptions): ApiCore {
  const labDir = path.resolve(options.labDir);
  const log = options.log ?? ((line: string) => console.error(line));
  const sessions = new Set<{ subscriptions: Set<EventName>; deliver: (event: LabEvent) => void }>();

  const broadcast = (event: LabEvent): void => {
    aws.observe(event);
    for (const session of sessions) {
      if (!session.subscriptions.has(event.name)) continue;
      try {
        session.deliver(event);
      } catch (error) {
        log(`Could not deliver ${event.name}: ${String(error)}`);
      }
    }
  };

  const cloud = startCloudRuntime({
    labDir,
    port: options.cloudPort,
    mqttPort: options.mqttPort,
    log,
    emit: broadcast,
  });

  // AWS mode: the session, the instrumented client factory, the API-call log, the cost meter.
  const aws = createAwsRuntime({
    labDir,
    secrets: options.secrets,
    shared: options.awsShared,
    localEndpoints: () => cloud.status().endpoints,
    mqttCounts: () => {
      const { published, received } = mqtt.status();
      return { published, received };
    },
    emit: broadcast,
    log,
  });
  void cloud.ready.then(() => aws.session.restore());

  // The SDK clients of "the cloud": the account's in AWS mode, else the local cloud's, made once.
  let clients: CloudClients | undefined;
  const cloudClients = (): CloudClients => {
    const account = aws.awsClients();
    if (account) return account;
    const endpoints = cloud.status().endpoints;
    if (!endpoints) throw new ApiError('CloudNotRunning', 'The local cloud is not running.');
    const { endpoint, region, credentials } = endpoints;
    return (clients ??= aws.makeClients({ kind: 'offline', endpoint, region, credentials }));
  };
  const endpoints = () => aws.awsEndpoints() ?? cloud.status().endpoints;
  const stations = createStationsRuntime({ labDir, endpoints, clients: cloudClients, emit: broadcast, log });
  const replay = createReplayRuntime({ labDir, endpoints, emit: broadcast, log });
  const lessons = createLessonsRuntime({
    lessonsDir: options.lessonsDir ?? defaultLessonsDir(),
    labDir,
    mode: () => aws.mode(),
    athenaWorkGroup: () => aws.session.status().athenaWorkGroup,
    endpoints,
    clients: cloudClients,
    storage: () => cloud.local()?.storage,
    replay,
    emit: (payload) => broadcast({ name: 'lessons.automationProgress', payload }),
    log,
  });
  const cloudConsole = createConsoleRuntime({ cloud, clients: cloudClients, emit: broadcast, log });
  const mqtt = createMqttTestClient({ labDir, endpoints, clients: cloudClients, emit: broadcast, log });
  const instructor = createInstructorRuntime({
    labDir,
    cloud,
    clients: cloudClients,
    lessons,
    replay,
    mqtt,
    emit: broadcast,
    log,
  });

  const dispatch = async (
    name: unknown,
    input: unknown,
    context: HandlerContext,
  ): Promise<ApiResult<unknown>> => {
    if (!isRequestName(name)) return fail('UnknownRequest', `No request is named ${JSON.stringify(name)}.`);
    const handler = handlers[name] as UntypedHandler;
    let value: unknown;
    if (handler.input) {
      const parsed = handler.input.safeParse(input);
      if (!parsed.success) return fail('InvalidInput', `${name}: ${z.prettifyError(parsed.error)}`);
      value = parsed.data;
    }
    try {
      return { ok: true, value: await withCallOrigin(callOrigin(name, value), () => handler.handle(value, context)) };
    } catch (error) {
      if (error instanceof ApiError) return fail(error.code, error.message);
      log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fail('Internal', error instanceof Error ? error.message : String(error));
    }
  };

  const openSession = (transport: Transport, deliver: (event: LabEvent) => void): ApiSession => {
    const session = { subscriptions: new Set<EventName>(), deliver };
    sessions.add(session);
    const context: HandlerContext = {
      transport,
      app: options.app,
      cloud,
      stations,
      replay,
      lessons,
      cloudConsole,
      mqtt,
      aws,
      cost: () =>
        aws.cost({
          iot: () => cloudClients().iot(),
          topic: replay.status().settings?.topic ?? DEFAULT_REPLAY_TOPIC,
        }),
      instructor,
    };
    return {
      request: (name, input) => dispatch(name, input, context),
      subscribe: (name) => {
        if (!isEventName(name)) return false;
        session.subscriptions.add(name);
        return true;
      },
      unsubscribe: (name) => {
        if (isEventName(name)) session.subscriptions.delete(name);
      },
      close: () => {
        sessions.delete(session);
      },
    };
  };

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // The devices disconnect before the broker closes, so their last messages are acknowledged.
      await Promise.all([replay.close(), stations.stop(), mqtt.close(), lessons.stop()]);
      cloudConsole.close();
      aws.close();
      clients?.destroy();
      await cloud.stop();
    })().finally(() => sessions.clear());
    return stopping;
  };

  return { labDir, ready: cloud.ready, openSession, stop };
}
