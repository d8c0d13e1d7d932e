import type { CrawlerMetrics, CrawlerState, LastCrawlInfo } from '@aws-sdk/client-glue';
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../protocols/aws-error.js';
import type { LocalS3 } from '../../s3/index.js';
import type { GlueCatalog } from '../catalog.js';
import { crawlerNotFound, databaseNotFound } from '../errors.js';
import type { GlueStore } from '../store.js';
import { applyCrawl, type CrawlMetrics } from './apply.js';
import { CrawlFailure, crawlTargets, type CrawlResult } from './crawl.js';
import { crawlerOutputOptions, type CrawlerDefinition } from './definition.js';

/**
 * Runs crawls off the request: StartCrawler returns at once with the crawler RUNNING; the crawl
 * reads the lake in slices of a few milliseconds, yielding to the event loop in between so MQTT
 * ingestion and other requests are never held up; when done the crawler passes through STOPPING
 * to READY with its LastCrawl (AWS: READY → RUNNING → STOPPING → READY). Catalog changes are
 * written in one transaction at the end, so a stopped or failed crawl changes nothing.
 */

/** What LastCrawl and GetCrawlerMetrics show, kept in the store. */
export interface StoredLastCrawl {
  Status: 'SUCCEEDED' | 'CANCELLED' | 'FAILED';
  ErrorMessage?: string;
  StartTime: number;
  MessagePrefix: string;
}

export interface StoredMetrics {
  runtimesSeconds: number[];
  last?: CrawlMetrics;
}

interface CrawlOutcome {
  status: StoredLastCrawl['Status'];
  errorMessage?: string;
  metrics?: CrawlMetrics;
}

export interface CrawlerEngine {
  /** Throws EntityNotFoundException, CrawlerRunningException. */
  start(name: string): void;
  /** Throws EntityNotFoundException, CrawlerNotRunningException, CrawlerStoppingException. */
  stop(name: string): void;
  /** READY, RUNNING or STOPPING, and for how long it has been running (ms). */
  state(name: string): { state: CrawlerState; elapsedMs: number };
  lastCrawl(row: { name: string; lastCrawl?: StoredLastCrawl }): LastCrawlInfo | undefined;
  metrics(row: { name: string; metrics?: StoredMetrics }): CrawlerMetrics;
  /** Cancels every run and waits for them to end; call before the store closes. */
  stopAll(): Promise<void>;
}

interface Run {
  state: 'RUNNING' | 'STOPPING';
  startedAt: number;
  cancelled: boolean;
  wake?: () => void;
  done: Promise<void>;
}

export interface EngineOptions {
  store: GlueStore;
  catalog: GlueCatalog;
  s3: Pick<LocalS3, 'ListObjectsV2' | 'objectFiles'>;
  accountId: string;
  now(): number;
  /** The shortest RUNNING phase (ms), so students see the crawler run; read at each start. */
  minimumRunMs(): number;
  /** How long the STOPPING phase lasts after a crawl (ms). */
  stoppingMs: number;
  log?: (line: string) => void;
}

/** Work slice between two yields to the event loop. */
const SLICE_MS = 8;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export function createCrawlerEngine(options: EngineOptions): CrawlerEngine {
  const { store, catalog, now } = options;
  const runs = new Map<string, Run>();

  let shuttingDown = false;
  /** Waits `ms`, or less when the run is woken: by StopCrawler (while RUNNING) or by the cloud stopping. */
  const sleep = (run: Run, ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (ms <= 0 || shuttingDown) return resolve();
      const timer = setTimeout(resolve, ms);
      run.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const crawl = async (definition: CrawlerDefinition, run: Run): Promise<CrawlOutcome> => {
    const configuration = crawlerOutputOptions(definition.Configuration);
    const database = definition.DatabaseName;
    if (database === undefined) throw new CrawlFailure('The crawler has no DatabaseName: set one with UpdateCrawler.');
    if (!catalog.getDatabase(database)) throw new CrawlFailure(databaseNotFound(database).message);
    const newFoldersOnly = definition.RecrawlPolicy.RecrawlBehavior === 'CRAWL_NEW_FOLDERS_ONLY';
    let sliceStart = performance.now();
    const checkpoint = async (): Promise<void> => {
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      if (run.cancelled) throw new CrawlCancelled();
    };
    const result = await crawlTargets({
      targets: definition.S3Targets,
      ...(definition.TablePrefix ? { tablePrefix: definition.TablePrefix } : {}),
      s3: options.s3,
      ...(newFoldersOnly ? { seenFolders: store.crawledFolders(definition.Name) } : {}),
      checkpoint,
    });
    if (!run.cancelled) await sleep(run, run.startedAt + options.minimumRunMs() - now());
    if (run.cancelled) throw new CrawlCancelled();
    const role = definition.Role.split('/').at(-1) ?? definition.Role;
    const metrics = store.transaction(() => {
      const applied = applyCrawl({ catalog, crawler: definition, options: configuration, result, createdBy: `arn:aws:sts::${options.accountId}:assumed-role/${role}/AWS-Crawler` });
      if (newFoldersOnly) store.addCrawledFolders(definition.Name, result.foldersRead);
      return applied;
    });
    return { status: 'SUCCEEDED', ...warningOf(result), metrics };
  };

  const finish = async (name: string, run: Run, report: CrawlOutcome): Promise<void> => {
    run.state = 'STOPPING';
    // LastRuntimeSeconds: the RUNNING phase, as AWS counts it.
    const runtimeSeconds = (now() - run.startedAt) / 1000;
    await sleep(run, options.stoppingMs);
    const row = store.getCrawler<CrawlerDefinition, StoredLastCrawl, StoredMetrics>(name);
    if (row) {
      const lastCrawl: StoredLastCrawl = { Status: report.status, StartTime: run.startedAt, MessagePrefix: randomUUID(), ...(report.errorMessage ? { ErrorMessage: report.errorMessage } : {}) };
      const previous = row.metrics ?? { runtimesSeconds: [] };
      const metrics: StoredMetrics = {
        runtimesSeconds: [...previous.runtimesSeconds, runtimeSeconds].slice(-20),
        ...(report.metrics ? { last: report.metrics } : previous.last ? { last: previous.last } : {}),
      };
      store.recordCrawl(name, lastCrawl, metrics);
    }
    runs.delete(name);
  };

  const engine: CrawlerEngine = {
    start(name) {
      const row = store.getCrawler<CrawlerDefinition, StoredLastCrawl, StoredMetrics>(name);
      if (!row) throw crawlerNotFound(name);
      if (runs.has(name)) throw new AwsError('CrawlerRunningException', `Crawler with name ${name} has already started`);
      const run: Run = { state: 'RUNNING', startedAt: now(), cancelled: false, done: Promise.resolve() };
      runs.set(name, run);
      run.done = (async () => {
        await new Promise((resolve) => setImmediate(resolve));
        let report: CrawlOutcome;
        try {
          report = await crawl(row.definition, run);
        } catch (error) {
          if (error instanceof CrawlCancelled) report = { status: 'CANCELLED' };
          else {
            const message = error instanceof CrawlFailure || error instanceof AwsError ? error.message : `Internal Service Exception: ${String(error)}`;
            if (!(error instanceof CrawlFailure)) options.log?.(`glue crawler ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
            report = { status: 'FAILED', errorMessage: message };
          }
        }
        await finish(name, run, report);
      })();
    },
    stop(name) {
      if (!store.getCrawler(name)) throw crawlerNotFound(name);
      const run = runs.get(name);
      if (!run) throw new AwsError('CrawlerNotRunningException', `Crawler with name ${name} isn't running.`);
      if (run.state === 'STOPPING') throw new AwsError('CrawlerStoppingException', `Crawler with name ${name} is stopping.`);
      run.cancelled = true;
      run.wake?.();
      run.state = 'STOPPING';
    },
    state(name) {
      const run = runs.get(name);
      return run ? { state: run.state, elapsedMs: now() - run.startedAt } : { state: 'READY', elapsedMs: 0 };
    },
    lastCrawl(row) {
      if (!row.lastCrawl) return undefined;
      const { Status, ErrorMessage, StartTime, MessagePrefix } = row.lastCrawl;
      return { Status, ...(ErrorMessage ? { ErrorMessage } : {}), LogGroup: '/aws-glue/crawlers', LogStream: row.name, MessagePrefix, StartTime: new Date(StartTime) };
    },
    metrics(row) {
      const run = runs.get(row.name);
      const stored = row.metrics ?? { runtimesSeconds: [] };
      return {
        CrawlerName: row.name,
        TimeLeftSeconds: 0,
        StillEstimating: run !== undefined,
        LastRuntimeSeconds: stored.runtimesSeconds.at(-1) ?? 0,
        MedianRuntimeSeconds: median(stored.runtimesSeconds),
        TablesCreated: stored.last?.tablesCreated ?? 0,
        TablesUpdated: stored.last?.tablesUpdated ?? 0,
        TablesDeleted: stored.last?.tablesDeleted ?? 0,
      };
    },
    async stopAll() {
      shuttingDown = true;
      for (const run of runs.values()) {
        run.cancelled = true;
        run.wake?.();
      }
      await Promise.all([...runs.values()].map((run) => run.done));
    },
  };
  return engine;
}

class CrawlCancelled extends Error {}

/**
 * AWS writes skipped records only to the crawler's CloudWatch log, which the local cloud does not
 * have; a student must still see them, so a successful crawl that skipped records says so in
 * LastCrawl.ErrorMessage (a documented difference).
 */
function warningOf(result: CrawlResult): { errorMessage?: string } {
  if (result.unparseableRecords === 0) return {};
  const [first] = result.unparseableObjects;
  const objects = result.unparseableObjects.length;
  const where = first ? ` First: ${first.key}, line ${first.line}: ${first.message}.` : '';
  return {
    errorMessage: `Crawl succeeded, but ${result.unparseableRecords} record${result.unparseableRecords === 1 ? '' : 's'} in ${objects}${objects >= 20 ? '+' : ''} object${objects === 1 ? '' : 's'} could not be parsed as JSON and ${result.unparseableRecords === 1 ? 'was' : 'were'} left out of the schema.${where}`,
  };
}
