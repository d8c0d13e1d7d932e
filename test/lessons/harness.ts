import { expect } from 'vitest';
import type {
  AutomateResponse,
  CheckHintKey,
  CheckOutcome,
  ReplayStartInput,
} from '../../electron/api/contract.js';
import { createReplayRuntime, type ReplayRuntime } from '../../electron/api/replay-runtime.js';
import { createCloudClients, type CloudClients } from '../../electron/aws/client-factory.js';
import { defaultLessonsDir } from '../../electron/lessons/loader.js';
import { createLessonsRuntime, type LessonsRuntime } from '../../electron/lessons/runtime.js';
import { fetchStationYears, STATION_CATALOG } from '../../electron/stations/fetch/index.js';
import { startTestCloud } from '../helpers/local-cloud.js';

/**
 * The lessons against a real local cloud, as the app runs them: the real lesson files, the lessons
 * runtime, the SDK clients of the client factory and the stations' replay. Tests drive steps the
 * way a student does: "Check my work", "Do it for me", "Check my work" again.
 */
export interface LessonLab {
  cloud: Awaited<ReturnType<typeof startTestCloud>>;
  clients: CloudClients;
  lessons: LessonsRuntime;
  replay: ReplayRuntime;
  /** The app's own Athena work group the checks also read (AWS mode's `iot-lab`); `primary` at first. */
  setAthenaWorkGroup(name: string): void;
  check(lessonId: string, stepId: string): Promise<CheckOutcome>;
  automate(lessonId: string, stepId: string): Promise<AutomateResponse>;
  /** Red with this hint, then "Do it for me", then green. */
  redThenGreen(
    lessonId: string,
    stepId: string,
    hint: CheckHintKey,
    values?: Record<string, unknown>,
  ): Promise<AutomateResponse>;
  /** The stations' readings copied into the lab folder from the NOAA mirror. */
  fetchReadings(mirror: string): Promise<void>;
  /** A short replay as fast as the broker acknowledges; resolves when it is over. */
  replayBurst(limit: number, input?: Partial<ReplayStartInput>): Promise<void>;
  dispose(): Promise<void>;
}

export async function startLessonLab(): Promise<LessonLab> {
  const cloud = await startTestCloud();
  const { endpoint, region, credentials } = cloud.endpoints;
  const clients = createCloudClients({ kind: 'offline', endpoint, region, credentials });
  const log = () => undefined;
  const replay = createReplayRuntime({
    labDir: cloud.dir,
    endpoints: () => cloud.endpoints,
    emit: () => undefined,
    log,
  });
  let athenaWorkGroup = 'primary';
  const lessons = createLessonsRuntime({
    lessonsDir: defaultLessonsDir(),
    labDir: cloud.dir,
    mode: () => 'offline',
    athenaWorkGroup: () => athenaWorkGroup,
    endpoints: () => cloud.endpoints,
    clients: () => clients,
    storage: () => cloud.storage,
    replay,
    emit: () => undefined,
    log,
  });

  const check = async (lessonId: string, stepId: string) => (await lessons.check(lessonId, stepId)).outcome;
  const waitForReplay = async () => {
    for (;;) {
      const { state } = replay.status();
      if (state !== 'running' && state !== 'paused' && state !== 'stopping') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  return {
    cloud,
    clients,
    setAthenaWorkGroup: (name) => {
      athenaWorkGroup = name;
    },
    lessons,
    replay,
    check,
    automate: (lessonId, stepId) => lessons.automate(lessonId, stepId),
    async redThenGreen(lessonId, stepId, hint, values) {
      const before = await check(lessonId, stepId);
      expect(before.ok, `${lessonId}/${stepId} should be red before the work`).toBe(false);
      if (!before.ok) {
        expect(before.hint.key).toBe(hint);
        if (values) expect(before.hint.values).toMatchObject(values);
      }
      const done = await lessons.automate(lessonId, stepId);
      expect(done.outcome, `${lessonId}/${stepId}: ${JSON.stringify(done.outcome)}`).toMatchObject({
        ok: true,
      });
      expect(done.progress.status).toBe('done');
      return done;
    },
    async fetchReadings(mirror) {
      const outcomes = await fetchStationYears({
        stationIds: STATION_CATALOG.stations.map((station) => station.id),
        year: STATION_CATALOG.defaultYear,
        labDir: cloud.dir,
        mirror,
      });
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    },
    async replayBurst(limit, input = {}) {
      await waitForReplay();
      await replay.start({ pace: { kind: 'max' }, timestamps: 'recorded', loop: false, limit, ...input });
      await waitForReplay();
    },
    async dispose() {
      await replay.close();
      await lessons.stop();
      clients.destroy();
      await cloud.dispose();
    },
  };
}
