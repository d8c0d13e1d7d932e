import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type {
  AutomateResponse,
  AutomationProgress,
  AutomationResult,
  CheckOutcome,
  CheckResponse,
  CloudEndpoints,
  LabMode,
  LessonLanguage,
  LessonResource,
  LessonsOverview,
  LessonStepView,
  LessonView,
  ProgressExport,
  ResetReport,
  StepProgress,
} from '../api/contract.js';
import type { CloudClients } from '../aws/client-factory.js';
import type { LabStorage } from '../cloud/storage/index.js';
import {
  createBackgroundTasks,
  createLessonClients,
  errorMessage,
  errorName,
  type AutomationContext,
  type CheckResult,
  type LessonClients,
  type ReplayControl,
  type StepContext,
  type TrackedResource,
} from './context.js';
import { loadLessons, type LoadedLessons } from './loader.js';
import { substitute, substituteDeep, type LiveValues } from './placeholders.js';
import { EMPTY_PROGRESS, openProgressStore, type ProgressStore } from './progress.js';
import { AUTOMATIONS, CHECKS } from './registry/index.js';
import { buildReportHtml, buildReportJson, buildReportMarkdown } from './report.js';
import { undoTracked } from './reset.js';
import type { Lesson, LessonStep } from './schema.js';

/**
 * The lessons as the API serves them: loaded from `lessons/` (again when a file changes), shown
 * with the lab's live values, their checks and automations run against "the cloud", and the
 * progress kept in the lab's database.
 */
export interface LessonsRuntime {
  list(language: LessonLanguage): LessonsOverview;
  get(id: string, language: LessonLanguage): LessonView;
  check(lessonId: string, stepId: string): Promise<CheckResponse>;
  automate(lessonId: string, stepId: string): Promise<AutomateResponse>;
  markDone(lessonId: string, stepId: string, done: boolean): StepProgress;
  reveal(lessonId: string, stepId: string, what: 'hint' | 'solution', tier: number): StepProgress;
  resetStep(lessonId: string, stepId: string): Promise<ResetReport>;
  resetLesson(lessonId: string): Promise<ResetReport>;
  exportProgress(language: LessonLanguage): ProgressExport;
  /** Stops background work (publish loops) and closes the extra SDK clients. */
  stop(): Promise<void>;
}

/** A request the runtime refuses, with a code the API turns into an `ApiError`. */
export class LessonsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LessonsError';
  }
}

export interface LessonsRuntimeOptions {
  lessonsDir: string;
  labDir: string;
  mode(): LabMode;
  /** The app's Athena work group (AWS mode: `iot-lab`); `primary` when omitted. */
  athenaWorkGroup?(): string;
  /** The running cloud's endpoints; undefined while it is not running. */
  endpoints(): CloudEndpoints | undefined;
  /** The SDK clients of "the cloud" (electron/aws/client-factory.ts). */
  clients(): CloudClients;
  /** The lab's database, where progress is kept. */
  storage(): LabStorage | undefined;
  replay: ReplayControl;
  emit(progress: AutomationProgress): void;
  log(line: string): void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Files are re-read when one changes: authors see their edits on reload. */
function createLessonCache(dir: string): () => LoadedLessons {
  let signature = '';
  let cached: LoadedLessons | undefined;
  const signatureOf = (): string => {
    try {
      const loaded = cached?.lessons ?? [];
      const files = loaded.flatMap((lesson) =>
        Object.keys(lesson.documents).map((language) => path.join(lesson.folder, `${language}.md`)),
      );
      return [statSync(dir).mtimeMs, ...files.map((file) => statSync(file).mtimeMs)].join(':');
    } catch {
      return String(Math.random());
    }
  };
  return () => {
    const next = signatureOf();
    if (!cached || next !== signature) {
      cached = loadLessons(dir);
      signature = signatureOf();
    }
    return cached;
  };
}

export function createLessonsRuntime(options: LessonsRuntimeOptions): LessonsRuntime {
  const lessons = createLessonCache(options.lessonsDir);
  const background = createBackgroundTasks(options.log);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const devicesDir = path.join(options.labDir, 'devices');
  let automating = false;
  let store: { storage: LabStorage; progress: ProgressStore } | undefined;
  let clients: { cloud: CloudClients; lessons: LessonClients } | undefined;

  const progressStore = (): ProgressStore => {
    const storage = options.storage();
    if (!storage)
      throw new LessonsError(
        'CloudNotRunning',
        'The local cloud is not running: lesson progress cannot be read.',
      );
    if (store?.storage !== storage) store = { storage, progress: openProgressStore(storage) };
    return store.progress;
  };

  /** Lessons can be read before the cloud runs: without its database, they show no progress yet. */
  const progressIfReady = (): ProgressStore | undefined => (options.storage() ? progressStore() : undefined);

  const lessonClients = (): LessonClients => {
    const cloud = options.clients();
    if (clients?.cloud !== cloud) {
      clients?.lessons.destroy();
      clients = { cloud, lessons: createLessonClients(cloud) };
    }
    return clients.lessons;
  };

  const liveValues = (): LiveValues => {
    const endpoints = options.endpoints();
    const mode = options.mode();
    return {
      accountId: endpoints?.accountId ?? '',
      region: endpoints?.region ?? '',
      endpoint: mode === 'offline' ? (endpoints?.endpoint ?? '') : '',
      mqttHost: endpoints?.mqtt?.host ?? '',
      mqttPort: String(endpoints?.mqtt?.port ?? 8883),
      caFile: endpoints?.mqtt?.caFile ?? '',
      bucketSuffix: endpoints?.accountId ?? '',
      mode,
      devicesDir,
    };
  };

  const findLesson = (id: string): Lesson => {
    const lesson = lessons().lessons.find((candidate) => candidate.id === id);
    if (!lesson) throw new LessonsError('UnknownLesson', `There is no lesson ${id}.`);
    return lesson;
  };

  const findStep = (lessonId: string, stepId: string): { lesson: Lesson; step: LessonStep } => {
    const lesson = findLesson(lessonId);
    const step = lesson.documents.en.meta.steps.find((candidate) => candidate.id === stepId);
    if (!step) throw new LessonsError('UnknownStep', `Lesson ${lessonId} has no step ${stepId}.`);
    return { lesson, step };
  };

  const stepContext = (): StepContext => {
    const endpoints = options.endpoints();
    if (!endpoints) throw new LessonsError('CloudNotRunning', 'The local cloud is not running.');
    return {
      mode: options.mode(),
      accountId: endpoints.accountId,
      region: endpoints.region,
      athenaWorkGroup: options.athenaWorkGroup?.() ?? 'primary',
      values: liveValues(),
      clients: lessonClients(),
      labDir: options.labDir,
      devicesDir,
      async deviceEndpoint() {
        const mqtt = options.endpoints()?.mqtt;
        if (!mqtt) throw new Error('The MQTT endpoint is not known: is the local cloud running?');
        return { host: mqtt.host, port: mqtt.port, caPem: readFileSync(mqtt.caFile, 'utf8') };
      },
      replay: options.replay,
      background,
      progress: () => undefined,
      now,
      sleep,
    };
  };

  const paramsOf = (step: LessonStep): unknown => substituteDeep(step.params ?? {}, liveValues());

  const runCheck = async (lessonId: string, stepId: string): Promise<CheckOutcome> => {
    const { step } = findStep(lessonId, stepId);
    const check = step.check ? CHECKS.get(step.check) : undefined;
    if (!check)
      throw new LessonsError('NoCheck', `Step ${stepId} has no "Check my work": mark it done instead.`);
    let result: CheckResult;
    try {
      result = await check.run(stepContext(), paramsOf(step));
    } catch (error) {
      // A service the local cloud does not offer yet answers NotImplemented: said as a hint.
      if (errorName(error) !== 'NotImplemented') throw error;
      result = { ok: false, hint: { key: 'service-unavailable', values: { message: errorMessage(error) } } };
    }
    const at = new Date(now()).toISOString();
    return result.ok ? { ok: true, at } : { ok: false, at, hint: result.hint };
  };

  const view = (lesson: Lesson, language: LessonLanguage): LessonView => {
    const mode = options.mode();
    const values = liveValues();
    const document = lesson.documents[language];
    const progress = progressIfReady()?.lesson(mode, lesson.id) ?? new Map<string, StepProgress>();
    const all = lessons().lessons;
    const index = all.indexOf(lesson);
    const link = (other: Lesson | undefined) =>
      other ? { id: other.id, title: substitute(other.documents[language].meta.title, values) } : undefined;
    const steps = document.meta.steps.map((step): LessonStepView => {
      // Only a check that watches the cloud (its params take `waitSeconds`) makes the student wait.
      const watches =
        step.check !== undefined && 'waitSeconds' in (CHECKS.get(step.check)?.params.shape ?? {});
      const params = (watches ? paramsOf(step) : {}) as { waitSeconds?: unknown };
      return {
        id: step.id,
        title: substitute(step.title, values),
        instructions: substitute(document.sections.get(step.id) ?? '', values),
        hints: (step.hints ?? []).map((hint) => substitute(hint, values)),
        ...(step.solution ? { solution: substitute(step.solution, values) } : {}),
        automation: step.automation !== undefined,
        check: step.check !== undefined,
        ...(typeof params.waitSeconds === 'number' && params.waitSeconds > 0
          ? { waitSeconds: params.waitSeconds }
          : {}),
        progress: progress.get(step.id) ?? { ...EMPTY_PROGRESS },
      };
    });
    return {
      id: lesson.id,
      number: lesson.number,
      title: substitute(document.meta.title, values),
      objectives: document.meta.objectives.map((objective) => substitute(objective, values)),
      duration: document.meta.duration,
      services: document.meta.services,
      intro: substitute(document.intro, values),
      steps,
      ...(index > 0 ? { previous: link(all[index - 1]) } : {}),
      ...(index < all.length - 1 ? { next: link(all[index + 1]) } : {}),
      mode,
    };
  };

  const reset = async (lessonId: string, stepIds: readonly string[]): Promise<ResetReport> => {
    const mode = options.mode();
    const progress = progressStore();
    const context = stepContext();
    const report: ResetReport = { removed: [], restored: [], kept: [] };
    for (const stepId of stepIds) {
      const rows = progress.tracked(mode, lessonId, stepId);
      const part = await undoTracked(context, rows, (row) => progress.untrack(row.id));
      report.removed.push(...part.removed);
      report.restored.push(...part.restored);
      report.kept.push(...part.kept);
      progress.clearStep(mode, lessonId, stepId);
    }
    return report;
  };

  return {
    list(language) {
      const loaded = lessons();
      const mode = options.mode();
      const all = progressIfReady()?.all(mode) ?? new Map<string, Map<string, StepProgress>>();
      const values = liveValues();
      return {
        lessons: loaded.lessons.map((lesson) => {
          const { meta } = lesson.documents[language];
          const progress = all.get(lesson.id);
          return {
            id: lesson.id,
            number: lesson.number,
            title: substitute(meta.title, values),
            objectives: meta.objectives.map((objective) => substitute(objective, values)),
            duration: meta.duration,
            services: meta.services,
            steps: meta.steps.length,
            done: meta.steps.filter((step) => progress?.get(step.id)?.status === 'done').length,
          };
        }),
        problems: loaded.problems.map((problem) => problem.message),
        mode,
      };
    },

    get: (id, language) => view(findLesson(id), language),

    async check(lessonId, stepId) {
      const outcome = await runCheck(lessonId, stepId);
      return { outcome, progress: progressStore().recordCheck(options.mode(), lessonId, stepId, outcome) };
    },

    async automate(lessonId, stepId) {
      const { step } = findStep(lessonId, stepId);
      const automation = step.automation ? AUTOMATIONS.get(step.automation) : undefined;
      if (!automation) throw new LessonsError('NoAutomation', `Step ${stepId} has no "Do it for me".`);
      if (automating)
        throw new LessonsError('Busy', '"Do it for me" is already running: wait for it to finish.');
      const mode = options.mode();
      const progress = progressStore();
      const base = stepContext();
      const result: AutomationResult = { created: [], updated: [], reused: [], started: [] };
      const say = (verb: AutomationProgress['verb'], resource: LessonResource) =>
        options.emit({ lessonId, stepId, at: new Date(now()).toISOString(), verb, resource });
      const plain = ({ kind, name }: TrackedResource): LessonResource => ({ kind, name });
      const context: AutomationContext = {
        ...base,
        progress: say,
        // The log shows what is being done (`progress`) and what was found already there; the
        // result lists what was created, changed and started.
        created(resource) {
          progress.track(mode, lessonId, stepId, 'created', resource);
          result.created.push(plain(resource));
        },
        updated(resource) {
          progress.track(mode, lessonId, stepId, 'updated', resource);
          result.updated.push(plain(resource));
        },
        reused(resource) {
          result.reused.push(plain(resource));
          say('reuse', plain(resource));
        },
        started(resource) {
          progress.track(mode, lessonId, stepId, 'started', resource);
          result.started.push(plain(resource));
        },
        table(columns, rows) {
          result.table = { columns, rows };
        },
      };
      automating = true;
      try {
        await automation.run(context, paramsOf(step));
      } catch (error) {
        const made = result.created.length + result.updated.length;
        const kept = made > 0 ? ' What it did before stopping is kept: "Reset this step" removes it.' : '';
        throw new LessonsError('AutomationFailed', `${errorMessage(error)}${kept}`);
      } finally {
        automating = false;
      }
      let stepProgress = progress.recordAutomation(mode, lessonId, stepId);
      let outcome: CheckOutcome | undefined;
      if (step.check) {
        outcome = await runCheck(lessonId, stepId);
        stepProgress = progress.recordCheck(mode, lessonId, stepId, outcome);
      }
      return { result, progress: stepProgress, ...(outcome ? { outcome } : {}) };
    },

    markDone(lessonId, stepId, done) {
      findStep(lessonId, stepId);
      return progressStore().markDone(options.mode(), lessonId, stepId, done, new Date(now()).toISOString());
    },

    reveal(lessonId, stepId, what, tier) {
      findStep(lessonId, stepId);
      return progressStore().recordReveal(options.mode(), lessonId, stepId, what, tier);
    },

    resetStep: (lessonId, stepId) => reset(lessonId, [findStep(lessonId, stepId).step.id]),

    resetLesson(lessonId) {
      const steps = findLesson(lessonId).documents.en.meta.steps.map((step) => step.id);
      return reset(lessonId, [...steps].reverse());
    },

    exportProgress(language) {
      const mode = options.mode();
      const generatedAt = new Date(now()).toISOString();
      const report = buildReportJson({
        language,
        mode,
        accountId: options.endpoints()?.accountId,
        labDir: options.labDir,
        generatedAt,
        lessons: lessons().lessons,
        progress: progressStore().all(mode),
      });
      const markdown = buildReportMarkdown(report);
      const html = buildReportHtml(report, markdown);
      const json = `${JSON.stringify(report, null, 2)}\n`;
      const folder = path.join(options.labDir, 'reports');
      mkdirSync(folder, { recursive: true });
      const stamp = generatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      const files = {
        json: path.join(folder, `progress-${mode}-${stamp}.json`),
        markdown: path.join(folder, `progress-${mode}-${stamp}.md`),
        html: path.join(folder, `progress-${mode}-${stamp}.html`),
      };
      writeFileSync(files.json, json);
      writeFileSync(files.markdown, markdown);
      writeFileSync(files.html, html);
      return { folder, files, json, markdown, html };
    },

    async stop() {
      await background.stopAll();
      clients?.lessons.destroy();
      clients = undefined;
    },
  };
}
