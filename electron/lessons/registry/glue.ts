import {
  CreateCrawlerCommand,
  CreateDatabaseCommand,
  GetCrawlerCommand,
  GetDatabaseCommand,
  GetTableCommand,
  GetTablesCommand,
  StartCrawlerCommand,
  UpdateCrawlerCommand,
  type Crawler,
  type Table,
} from '@aws-sdk/client-glue';
import { z } from 'zod';
import { errorName, fail, pass, waitForCheck, type AutomationContext, type StepContext } from '../context.js';
import { defineAutomation, defineCheck } from '../registry-types.js';

/** Lessons 06 and 08: the Glue Data Catalog, the crawler that fills it, and the tables in it. */

const glueName = z
  .string()
  .regex(/^[a-z0-9_]{1,255}$/, { error: 'Glue names are lowercase letters, digits and underscores' });
const crawlerName = z.string().regex(/^[\w .-]{1,255}$/);
const waitSeconds = z.number().int().min(0).max(600);

/** The Configuration behind "Update all new and existing partitions with metadata from the table". */
export const INHERIT_FROM_TABLE = {
  Version: 1.0,
  CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
};

const isNotFound = (error: unknown): boolean => errorName(error) === 'EntityNotFoundException';

async function databaseExists(context: StepContext, name: string): Promise<boolean> {
  try {
    await context.clients.glue().send(new GetDatabaseCommand({ Name: name }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

async function getCrawler(context: StepContext, name: string): Promise<Crawler | undefined> {
  try {
    return (await context.clients.glue().send(new GetCrawlerCommand({ Name: name }))).Crawler;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function getTable(context: StepContext, database: string, name: string): Promise<Table | undefined> {
  try {
    return (await context.clients.glue().send(new GetTableCommand({ DatabaseName: database, Name: name })))
      .Table;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function tableNames(context: StepContext, database: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await context.clients
      .glue()
      .send(new GetTablesCommand({ DatabaseName: database, NextToken: token }));
    names.push(...(page.TableList ?? []).flatMap((table) => (table.Name ? [table.Name] : [])));
    token = page.NextToken;
  } while (token);
  return names;
}

function inheritsFromTable(crawler: Crawler): boolean {
  try {
    const configuration = JSON.parse(crawler.Configuration ?? '{}') as typeof INHERIT_FROM_TABLE;
    return configuration.CrawlerOutput?.Partitions?.AddOrUpdateBehavior === 'InheritFromTable';
  } catch {
    return false;
  }
}

const normalizePath = (path: string): string => (path.endsWith('/') ? path : `${path}/`);

// ---------------------------------------------------------------------------------------------

const databaseParams = z.object({ database: glueName });

export const glueDatabase = defineCheck({
  name: 'glue-database',
  summary: 'The Glue database `database` exists.',
  params: databaseParams,
  async run(context, params) {
    return (await databaseExists(context, params.database))
      ? pass()
      : fail('database-missing', { database: params.database });
  },
});

export const createGlueDatabase = defineAutomation({
  name: 'create-glue-database',
  summary: 'Creates the Glue database `database` unless it exists.',
  params: databaseParams,
  async run(context, params) {
    const resource = { kind: 'glue-database' as const, name: params.database };
    if (await databaseExists(context, params.database)) return context.reused(resource);
    context.progress('create', resource);
    await context.clients
      .glue()
      .send(new CreateDatabaseCommand({ DatabaseInput: { Name: params.database } }));
    context.created(resource);
  },
});

const crawlerParams = z.object({
  crawlerName,
  /** `s3://bucket/` */
  path: z.string().regex(/^s3:\/\/[a-z0-9.-]+\/.*$/),
  exclusions: z.array(z.string().min(1)),
  database: glueName,
  sampleSize: z.number().int().min(1).max(249),
  newFoldersOnly: z.boolean(),
  /** "Update all new and existing partitions with metadata from the table". */
  inheritPartitions: z.boolean().optional(),
  /** The crawler has run successfully since its last change. */
  ranAfterUpdate: z.boolean().optional(),
});

export const glueCrawler = defineCheck({
  name: 'glue-crawler',
  summary:
    "The crawler reads `path` (with `exclusions`), samples `sampleSize` files per folder, crawls new folders only when asked, writes to `database`; when asked, gives partitions the table's schema and has run since its last change.",
  params: crawlerParams,
  async run(context, params) {
    const crawler = await getCrawler(context, params.crawlerName);
    if (!crawler) return fail('crawler-missing', { crawler: params.crawlerName });
    const targets = crawler.Targets?.S3Targets ?? [];
    const target = targets.find(
      (candidate) => normalizePath(candidate.Path ?? '') === normalizePath(params.path),
    );
    if (!target)
      return fail('crawler-path', {
        crawler: params.crawlerName,
        path: targets.map((candidate) => candidate.Path).join(', ') || '—',
        expected: params.path,
      });
    for (const pattern of params.exclusions)
      if (!(target.Exclusions ?? []).includes(pattern))
        return fail('crawler-exclusion', { crawler: params.crawlerName, pattern });
    if (crawler.DatabaseName !== params.database)
      return fail('crawler-database', {
        crawler: params.crawlerName,
        database: crawler.DatabaseName ?? '—',
        expected: params.database,
      });
    if (target.SampleSize !== params.sampleSize)
      return fail('crawler-sample-size', {
        crawler: params.crawlerName,
        size: target.SampleSize ?? '—',
        expected: params.sampleSize,
      });
    const newOnly = crawler.RecrawlPolicy?.RecrawlBehavior === 'CRAWL_NEW_FOLDERS_ONLY';
    if (newOnly !== params.newFoldersOnly) return fail('crawler-recrawl', { crawler: params.crawlerName });
    if (params.inheritPartitions && !inheritsFromTable(crawler))
      return fail('crawler-partitions', { crawler: params.crawlerName });
    if (params.ranAfterUpdate) {
      const last = crawler.LastCrawl;
      if (crawler.State !== 'READY')
        return fail('crawler-running', { crawler: params.crawlerName, state: crawler.State ?? '—' });
      if (!last?.StartTime || (crawler.LastUpdated && last.StartTime < crawler.LastUpdated))
        return fail('crawler-rerun', { crawler: params.crawlerName });
      if (last.Status !== 'SUCCEEDED')
        return fail('crawler-failed', {
          crawler: params.crawlerName,
          message: last.ErrorMessage ?? last.Status ?? '—',
        });
    }
    return pass();
  },
});

/** The crawler settings a step asks for, as CreateCrawler and UpdateCrawler take them. */
function crawlerSettings(context: StepContext, params: z.output<typeof crawlerParams>) {
  return {
    Role: `arn:aws:iam::${context.accountId}:role/LabRole`,
    DatabaseName: params.database,
    Targets: {
      S3Targets: [{ Path: params.path, Exclusions: params.exclusions, SampleSize: params.sampleSize }],
    },
    // AWS: crawling new folders only requires logging schema changes instead of applying them.
    ...(params.newFoldersOnly
      ? {
          RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' as const },
          SchemaChangePolicy: { UpdateBehavior: 'LOG' as const, DeleteBehavior: 'LOG' as const },
        }
      : {}),
    ...(params.inheritPartitions ? { Configuration: JSON.stringify(INHERIT_FROM_TABLE) } : {}),
  };
}

export const createGlueCrawler = defineAutomation({
  name: 'create-glue-crawler',
  summary:
    'Creates the crawler (S3 target `path` with `exclusions` and `sampleSize`, role LabRole, database `database`, on demand, new folders only when asked); an existing one set differently is updated, and a reset puts it back.',
  params: crawlerParams,
  async run(context, params) {
    const resource = { kind: 'glue-crawler' as const, name: params.crawlerName };
    if (!(await databaseExists(context, params.database)))
      throw new Error(`The database ${params.database} does not exist: create it first (previous step).`);
    const existing = await getCrawler(context, params.crawlerName);
    if (existing) {
      if ((await glueCrawler.run(context, { ...params, ranAfterUpdate: false })).ok)
        return context.reused(resource);
      context.progress('update', resource);
      await context.clients
        .glue()
        .send(new UpdateCrawlerCommand({ Name: params.crawlerName, ...crawlerSettings(context, params) }));
      const previous = {
        Role: existing.Role,
        DatabaseName: existing.DatabaseName,
        Targets: existing.Targets,
        RecrawlPolicy: existing.RecrawlPolicy,
        SchemaChangePolicy: existing.SchemaChangePolicy,
        Configuration: existing.Configuration ?? '',
      };
      return context.updated({ ...resource, data: { previous } });
    }
    context.progress('create', resource);
    await context.clients
      .glue()
      .send(new CreateCrawlerCommand({ Name: params.crawlerName, ...crawlerSettings(context, params) }));
    context.created(resource);
  },
});

/** Starts the crawler (unless it runs) and waits for it to be READY; the tables it added are "created". */
async function runCrawler(
  context: AutomationContext,
  name: string,
  database: string,
  seconds: number,
): Promise<void> {
  const before = new Set(await tableNames(context, database).catch(() => []));
  const resource = { kind: 'crawler-run' as const, name };
  const crawler = await getCrawler(context, name);
  if (!crawler) throw new Error(`The crawler ${name} does not exist: create it first.`);
  if (crawler.State === 'READY') {
    context.progress('run', resource);
    await context.clients.glue().send(new StartCrawlerCommand({ Name: name }));
  }
  context.progress('wait', resource);
  const deadline = context.now() + seconds * 1000;
  for (;;) {
    await context.sleep(500);
    const current = await getCrawler(context, name);
    if (current?.State === 'READY') {
      if (current.LastCrawl?.Status !== 'SUCCEEDED')
        throw new Error(
          `The crawler ${name} ended ${current.LastCrawl?.Status ?? 'without a run'}: ${current.LastCrawl?.ErrorMessage ?? ''}`,
        );
      break;
    }
    if (context.now() > deadline)
      throw new Error(`The crawler ${name} is still ${current?.State ?? 'gone'}.`);
  }
  for (const table of await tableNames(context, database)) {
    if (!before.has(table))
      context.created({ kind: 'catalog-table', name: `${database}.${table}`, data: { database, table } });
    else context.reused({ kind: 'catalog-table', name: `${database}.${table}` });
  }
}

const runParams = z.object({ crawlerName, database: glueName, waitSeconds });

export const runCrawlerAutomation = defineAutomation({
  name: 'run-crawler',
  summary:
    'Runs the crawler on demand and waits until it is READY again; the tables it adds are what it created.',
  params: runParams,
  async run(context, params) {
    await runCrawler(context, params.crawlerName, params.database, params.waitSeconds || 120);
  },
});

export const crawlerRan = defineCheck({
  name: 'crawler-ran',
  summary:
    'The crawler has run successfully, waiting up to `waitSeconds` for a run in progress, and `database` has a table.',
  params: runParams,
  async run(context, params) {
    const name = params.crawlerName;
    const finished = await waitForCheck(context, params.waitSeconds, async () => {
      const crawler = await getCrawler(context, name);
      if (!crawler) return { ...fail('crawler-missing', { crawler: name }), retry: false };
      if (crawler.State !== 'READY')
        return fail('crawler-running', { crawler: name, state: crawler.State ?? '—' });
      const last = crawler.LastCrawl;
      if (!last) return { ...fail('crawler-never-ran', { crawler: name }), retry: false };
      if (last.Status !== 'SUCCEEDED')
        return {
          ...fail('crawler-failed', { crawler: name, message: last.ErrorMessage ?? last.Status ?? '—' }),
          retry: false,
        };
      return pass();
    });
    if (!finished.ok) return finished;
    if ((await tableNames(context, params.database)).length === 0)
      return fail('database-empty', { database: params.database });
    return pass();
  },
});

export const updateCrawlerPartitions = defineAutomation({
  name: 'update-crawler-partitions',
  summary:
    'Turns on "Update all new and existing partitions with metadata from the table" (Configuration InheritFromTable), then runs the crawler again.',
  params: z.object({ crawlerName, database: glueName, waitSeconds }),
  async run(context, params) {
    const crawler = await getCrawler(context, params.crawlerName);
    if (!crawler) throw new Error(`The crawler ${params.crawlerName} does not exist: create it first.`);
    const resource = { kind: 'glue-crawler' as const, name: params.crawlerName };
    if (inheritsFromTable(crawler)) {
      context.reused(resource);
    } else {
      let configuration: Record<string, unknown> = {};
      try {
        configuration = JSON.parse(crawler.Configuration ?? '{}') as Record<string, unknown>;
      } catch {
        // A configuration that does not parse is replaced.
      }
      const output = (configuration.CrawlerOutput ?? {}) as Record<string, unknown>;
      const next = {
        ...configuration,
        Version: 1.0,
        CrawlerOutput: { ...output, ...INHERIT_FROM_TABLE.CrawlerOutput },
      };
      context.progress('update', resource);
      await context.clients
        .glue()
        .send(new UpdateCrawlerCommand({ Name: params.crawlerName, Configuration: JSON.stringify(next) }));
      context.updated({ ...resource, data: { previous: { Configuration: crawler.Configuration ?? '' } } });
    }
    await runCrawler(context, params.crawlerName, params.database, params.waitSeconds || 120);
  },
});

export const catalogTable = defineCheck({
  name: 'catalog-table',
  summary:
    'The table `database`.`table` is in the Data Catalog with each of `columns`; when `flat`, none of them is a struct or an array.',
  params: z.object({
    database: glueName,
    table: glueName,
    columns: z.array(z.string().min(1)).min(1),
    flat: z.boolean().optional(),
  }),
  async run(context, params) {
    const table = await getTable(context, params.database, params.table);
    if (!table) return fail('catalog-table-missing', { database: params.database, table: params.table });
    const columns = [...(table.StorageDescriptor?.Columns ?? []), ...(table.PartitionKeys ?? [])];
    for (const name of params.columns) {
      const column = columns.find((candidate) => candidate.Name === name);
      if (!column) return fail('catalog-column-missing', { table: params.table, column: name });
    }
    if (params.flat) {
      const nested = columns.find((column) => /^(struct|array|map)</i.test(column.Type ?? ''));
      if (nested)
        return fail('catalog-column-nested', {
          table: params.table,
          column: nested.Name ?? '—',
          type: nested.Type ?? '',
        });
    }
    return pass();
  },
});
