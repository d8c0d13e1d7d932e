import type { AthenaClient } from '@aws-sdk/client-athena';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { IoTClient } from '@aws-sdk/client-iot';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type {
  AutomationVerb,
  CheckHintKey,
  LabMode,
  LessonResource,
  LessonResourceKind,
  ReplayStartInput,
  ReplayStatus,
} from '../api/contract.js';
import type { CloudClients } from '../aws/client-factory.js';
import type { DeviceEndpoint } from '../stations/replay/device-connection.js';
import type { LiveValues } from './placeholders.js';

/**
 * What a check or an automation may use. "The cloud" is reached only through the SDK clients made
 * by electron/aws/client-factory.ts (the same code path offline and on AWS); devices connect with
 * the device SDK.
 */

/** The SDK clients of "the cloud": the factory's own, plus the ones lessons need, made from its config. */
export interface LessonClients {
  iot(): IoTClient;
  s3(): S3Client;
  firehose(): FirehoseClient;
  dynamodb(): DynamoDBClient;
  glue(): GlueClient;
  athena(): AthenaClient;
  sts(): STSClient;
  destroy(): void;
}

/** Every client comes from the factory, so the API-call log sees what lessons do. */
export function createLessonClients(cloud: CloudClients): LessonClients {
  return {
    iot: () => cloud.iot(),
    s3: () => cloud.s3(),
    firehose: () => cloud.firehose(),
    dynamodb: () => cloud.dynamodb(),
    glue: () => cloud.glue(),
    athena: () => cloud.athena(),
    sts: () => cloud.sts(),
    // The factory owns the clients and destroys them with itself.
    destroy: () => undefined,
  };
}

/** The replay of the stations, as lessons may drive it (the Stations page's own runtime). */
export interface ReplayControl {
  status(): ReplayStatus;
  start(input: ReplayStartInput): Promise<ReplayStatus>;
  stop(): Promise<ReplayStatus>;
}

/** Work that goes on after "Do it for me" has answered (a device's publish loop), one per key. */
export interface BackgroundTasks {
  start(key: string, task: (signal: AbortSignal) => Promise<void>): void;
  running(key: string): boolean;
  /** Aborts the task and waits for it to end; false when none ran under that key. */
  stop(key: string): Promise<boolean>;
  stopAll(): Promise<void>;
}

export function createBackgroundTasks(log: (line: string) => void): BackgroundTasks {
  const tasks = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const stop = async (key: string): Promise<boolean> => {
    const task = tasks.get(key);
    if (!task) return false;
    task.controller.abort();
    await task.done;
    return true;
  };
  return {
    start(key, run) {
      const controller = new AbortController();
      const done = run(controller.signal)
        .catch((error: unknown) => log(`${key}: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (tasks.get(key)?.controller === controller) tasks.delete(key);
        });
      tasks.set(key, { controller, done });
    },
    running: (key) => tasks.has(key),
    stop,
    async stopAll() {
      await Promise.all([...tasks.keys()].map(stop));
    },
  };
}

/** What a step's automation created or changed, kept so that a reset can undo exactly that. */
export interface TrackedResource {
  kind: LessonResourceKind;
  name: string;
  /** What the reset needs: the previous configuration of something changed, a certificate's ARN… */
  data?: Record<string, unknown>;
}

export interface StepContext {
  mode: LabMode;
  accountId: string;
  region: string;
  /** The app's own Athena work group (AWS mode: `iot-lab`), where the SQL editor runs queries. */
  athenaWorkGroup: string;
  /** The live values of `{{…}}` placeholders. */
  values: LiveValues;
  clients: LessonClients;
  labDir: string;
  devicesDir: string;
  /** Where devices connect: the local broker offline, the account's ATS endpoint on AWS. */
  deviceEndpoint(): Promise<DeviceEndpoint>;
  replay: ReplayControl;
  background: BackgroundTasks;
  /** Says what the automation is doing now ("Waiting for the crawler…"). */
  progress(verb: AutomationVerb, resource: LessonResource): void;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** An automation's own view: it reports what it made, changed, found or started. */
export interface AutomationContext extends StepContext {
  /** Made by this automation: a reset of the step removes it. */
  created(resource: TrackedResource): void;
  /** Changed by this automation: a reset puts `data.previous` back. */
  updated(resource: TrackedResource): void;
  /** Already there as the step wants it: left alone, and never removed by a reset. */
  reused(resource: LessonResource): void;
  /** Keeps running after the automation returns: a reset stops it. */
  started(resource: TrackedResource): void;
  /** A table of rows to show with the result (a query's first rows). */
  table(columns: string[], rows: string[][]): void;
}

export type CheckResult =
  { ok: true } | { ok: false; hint: { key: CheckHintKey; values: Record<string, string | number> } };

export const pass = (): CheckResult => ({ ok: true });

export function fail(key: CheckHintKey, values: Record<string, string | number> = {}): CheckResult {
  return { ok: false, hint: { key, values } };
}

export { errorMessage, errorName } from '../aws/sdk-errors.js';

/** Polls `probe` until it passes or `waitSeconds` have gone by; returns the last result. */
export async function waitForCheck(
  context: StepContext,
  waitSeconds: number,
  probe: () => Promise<CheckResult & { retry?: boolean }>,
  intervalMs = 1000,
): Promise<CheckResult> {
  const deadline = context.now() + waitSeconds * 1000;
  for (;;) {
    const result = await probe();
    if (result.ok || result.retry === false || context.now() >= deadline) {
      return result.ok ? pass() : { ok: false, hint: result.hint };
    }
    await context.sleep(Math.min(intervalMs, Math.max(0, deadline - context.now())));
  }
}
