import type { ServiceEndpoint } from '../gateway/types.js';
import { createAwsJsonService, type JsonOperation } from '../protocols/aws-json.js';
import type { LocalS3 } from '../s3/index.js';
import type { LabStorage } from '../storage/index.js';
import { createGlueCatalog, type GlueCatalog } from './catalog.js';
import { createCrawlerEngine } from './crawler/engine.js';
import type { GlueContext } from './operations/common.js';
import * as crawlers from './operations/crawlers.js';
import * as databases from './operations/databases.js';
import * as partitions from './operations/partitions.js';
import * as tables from './operations/tables.js';
import { openGlueStore } from './store.js';

export type { GlueCatalog } from './catalog.js';
export { HIVE_TEXT_OUTPUT_FORMAT, JSON_SERDE, TEXT_INPUT_FORMAT } from './crawler/apply.js';

/** Lab setting: the shortest RUNNING phase of a crawl in ms (lessons that want crawls to be seen; tests of StopCrawler). */
export const CRAWLER_MINIMUM_RUN_SETTING = 'glue.crawlerMinimumRunMs';

export interface GlueServiceOptions {
  /** Epoch ms (default Date.now). */
  now?: () => number;
  /** How long a crawler stays STOPPING after a crawl (default 200 ms). */
  stoppingMs?: number;
  log?: (line: string) => void;
}

/** AWS Glue for the local cloud: the Data Catalog and crawlers. */
export interface LocalGlue {
  /** awsJson1_1, `X-Amz-Target: AWSGlue.<Operation>`, signing name `glue`. */
  endpoint: ServiceEndpoint;
  /** The Data Catalog in process (Athena reads and writes it; same state as the endpoint). */
  catalog: GlueCatalog;
  /** Cancels running crawls and waits for them; call before the storage closes. */
  stop(): Promise<void>;
}

export function createGlueService(storage: LabStorage, s3: Pick<LocalS3, 'ListObjectsV2' | 'objectFiles'>, options: GlueServiceOptions = {}): LocalGlue {
  const now = options.now ?? Date.now;
  const store = openGlueStore(storage);
  const catalog = createGlueCatalog(store, { catalogId: storage.identity.accountId, now });
  const engine = createCrawlerEngine({
    store,
    catalog,
    s3,
    accountId: storage.identity.accountId,
    now,
    minimumRunMs: () => Number(storage.getSetting(CRAWLER_MINIMUM_RUN_SETTING) ?? 0) || 0,
    stoppingMs: options.stoppingMs ?? 200,
    ...(options.log ? { log: options.log } : {}),
  });
  const context: GlueContext = { catalog, store, crawlers: engine, identity: storage.identity, now };
  const bind =
    <O>(operation: (context: GlueContext, input: Record<string, unknown>) => O): JsonOperation =>
    (input) =>
      operation(context, input);
  const operations: Record<string, JsonOperation> = {};
  for (const group of [databases, tables, partitions, crawlers]) {
    for (const [name, operation] of Object.entries(group)) operations[name] = bind(operation);
  }
  const endpoint = createAwsJsonService({ signingNames: ['glue'], targetPrefix: 'AWSGlue', version: '1.1', operations });
  return { endpoint, catalog, stop: () => engine.stopAll() };
}
