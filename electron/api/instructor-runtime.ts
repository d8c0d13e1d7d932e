import type { CloudClients } from '../aws/client-factory.js';
import type { LessonsRuntime } from '../lessons/runtime.js';
import {
  clearLabFolder,
  clearLessonProgress,
  deleteInventory,
  LabFolderError,
  takeInventory,
  type ClearedLabFolder,
} from '../reset/index.js';
import type { CloudRuntime } from './cloud-runtime.js';
import type {
  AccountResetReport,
  InstructorResetInput,
  LabFolderResetReport,
  LessonProgressResetReport,
  ResetInventory,
  ResetScopeId,
} from './contract.js';
import { ApiError, type LabEvent } from './handlers/types.js';
import type { MqttTestClient } from './mqtt-client.js';
import type { ReplayRuntime } from './replay-runtime.js';

/**
 * The Instructor page's work (domain `instructor`): the account reset of the cloud the app is using
 * (electron/reset), the offline lab folder reset (the local cloud restarted on an empty folder), and
 * the lesson progress reset. One reset at a time.
 */
export interface InstructorRuntime {
  inventory(scope: ResetScopeId): Promise<ResetInventory>;
  resetAccount(input: InstructorResetInput): Promise<AccountResetReport>;
  resetLabFolder(): Promise<LabFolderResetReport>;
  resetLessonProgress(): LessonProgressResetReport;
}

export interface InstructorRuntimeOptions {
  labDir: string;
  cloud: CloudRuntime;
  clients(): CloudClients;
  lessons: LessonsRuntime;
  replay: ReplayRuntime;
  mqtt: MqttTestClient;
  emit(event: LabEvent): void;
  log(line: string): void;
}

export function createInstructorRuntime(options: InstructorRuntimeOptions): InstructorRuntime {
  let busy = false;
  const once = async <T>(work: () => Promise<T>): Promise<T> => {
    if (busy) throw new ApiError('Busy', 'A reset is already running: wait for it to finish.');
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };

  const inventory = (scope: ResetScopeId): Promise<ResetInventory> => {
    const clients = options.clients();
    return takeInventory(clients, {
      scope,
      label: clients.target.kind === 'offline' ? 'local cloud' : 'AWS account',
    });
  };

  return {
    inventory,

    resetAccount: (input) =>
      once(async () => {
        // The inventory is taken again: the account may have changed since the page showed it.
        const current = await inventory(input.scope);
        if (current.accountId !== input.accountId) {
          throw new ApiError(
            'AccountMismatch',
            `The cloud is now account ${current.accountId}, not ${input.accountId}: review its inventory before resetting it.`,
          );
        }
        options.log(
          `instructor: ${input.dryRun ? 'dry run of the' : ''} reset of account ${current.accountId} (${input.scope})`,
        );
        return deleteInventory(options.clients(), current, {
          dryRun: input.dryRun,
          onProgress: (outcome, done, total) =>
            options.emit({ name: 'instructor.resetProgress', payload: { outcome, done, total } }),
        });
      }),

    resetLabFolder: () =>
      once(async () => {
        // Nothing may hold the lab's files or connect to the cloud while it is replaced.
        await options.replay.stop().catch(() => undefined);
        await options.mqtt.disconnect().catch(() => undefined);
        await options.lessons.stop();
        const identity = options.cloud.local()?.storage.identity;
        let cleared: ClearedLabFolder | undefined;
        let failure: unknown;
        await options.cloud.restart(async () => {
          try {
            cleared = await clearLabFolder(options.labDir, { identity });
          } catch (error) {
            failure = error;
          }
        });
        if (failure instanceof LabFolderError) throw new ApiError('NotALabFolder', failure.message);
        if (failure) throw failure;
        options.log(`instructor: lab folder ${options.labDir} reset (${cleared?.removed.join(', ')})`);
        return {
          labDir: options.labDir,
          removed: cleared?.removed ?? [],
          kept: cleared?.kept ?? [],
          accountId: options.cloud.status().endpoints?.accountId ?? identity?.accountId ?? '',
        };
      }),

    resetLessonProgress() {
      const storage = options.cloud.local()?.storage;
      if (!storage)
        throw new ApiError(
          'CloudNotRunning',
          'The local cloud is not running: lesson progress cannot be reset.',
        );
      const overview = options.lessons.list('en');
      const lessons = overview.lessons.map((lesson) => ({
        id: lesson.id,
        steps: options.lessons.get(lesson.id, 'en').steps.map((step) => step.id),
      }));
      return clearLessonProgress(storage, overview.mode, lessons);
    },
  };
}
