import type {
  BatchGetCrawlersResponse,
  CreateCrawlerResponse,
  Crawler,
  DeleteCrawlerResponse,
  GetCrawlerMetricsResponse,
  GetCrawlerResponse,
  GetCrawlersResponse,
  ListCrawlersResponse,
  StartCrawlerResponse,
  StopCrawlerResponse,
  UpdateCrawlerResponse,
} from '@aws-sdk/client-glue';
import { AwsError } from '../../protocols/aws-error.js';
import { crawlerDefinition, type CrawlerDefinition } from '../crawler/definition.js';
import type { StoredLastCrawl, StoredMetrics } from '../crawler/engine.js';
import { alreadyExists, crawlerNotFound, invalidInput } from '../errors.js';
import type { CrawlerRow } from '../store.js';
import { optionalInteger, paginate, requireName, requireStringList, type GlueContext } from './common.js';

type Row = CrawlerRow<CrawlerDefinition, StoredLastCrawl, StoredMetrics>;

function requireCrawler(context: GlueContext, name: string): Row {
  const row = context.store.getCrawler<CrawlerDefinition, StoredLastCrawl, StoredMetrics>(name);
  if (!row) throw crawlerNotFound(name);
  return row;
}

function crawlerRunning(name: string): AwsError {
  return new AwsError('CrawlerRunningException', `Crawler with name ${name} is running. Stop the crawl or wait until it completes.`);
}

/** The local cloud never fires schedules: say so rather than accept one silently. */
function refuseSchedule(input: Record<string, unknown>): void {
  if (typeof input.Schedule === 'string' && input.Schedule.trim() !== '') {
    throw invalidInput('The local cloud does not run crawler schedules: leave Schedule empty and start the crawler with StartCrawler (the console\'s "On demand").');
  }
}

/** GetCrawler's shape (botocore Crawler; empty lists and LakeFormation defaults as AWS shows them). */
function crawlerOf(context: GlueContext, row: Row): Crawler {
  const { definition } = row;
  const { state, elapsedMs } = context.crawlers.state(row.name);
  const lastCrawl = context.crawlers.lastCrawl(row);
  return {
    Name: definition.Name,
    Role: definition.Role,
    Targets: {
      S3Targets: definition.S3Targets,
      JdbcTargets: [],
      MongoDBTargets: [],
      DynamoDBTargets: [],
      CatalogTargets: [],
      DeltaTargets: [],
      IcebergTargets: [],
      HudiTargets: [],
    },
    ...(definition.DatabaseName === undefined ? {} : { DatabaseName: definition.DatabaseName }),
    ...(definition.Description === undefined ? {} : { Description: definition.Description }),
    Classifiers: definition.Classifiers,
    RecrawlPolicy: definition.RecrawlPolicy,
    SchemaChangePolicy: definition.SchemaChangePolicy,
    LineageConfiguration: { CrawlerLineageSettings: 'DISABLE' },
    State: state,
    ...(definition.TablePrefix === undefined ? {} : { TablePrefix: definition.TablePrefix }),
    CrawlElapsedTime: elapsedMs,
    CreationTime: new Date(row.createdAt),
    LastUpdated: new Date(row.updatedAt),
    ...(lastCrawl ? { LastCrawl: lastCrawl } : {}),
    Version: row.version,
    ...(definition.Configuration === undefined ? {} : { Configuration: definition.Configuration }),
    LakeFormationConfiguration: { UseLakeFormationCredentials: false, AccountId: '' },
  };
}

export function CreateCrawler(context: GlueContext, input: Record<string, unknown>): CreateCrawlerResponse {
  refuseSchedule(input);
  const definition = crawlerDefinition(input);
  if (context.store.getCrawler(definition.Name)) throw alreadyExists('Crawler');
  context.store.insertCrawler(definition.Name, definition, context.now());
  return {};
}

export function GetCrawler(context: GlueContext, input: Record<string, unknown>): GetCrawlerResponse {
  return { Crawler: crawlerOf(context, requireCrawler(context, requireName(input.Name, 'name'))) };
}

export function GetCrawlers(context: GlueContext, input: Record<string, unknown>): GetCrawlersResponse {
  const maxResults = optionalInteger(input.MaxResults, 'maxResults', 1, 1000);
  const rows = context.store.listCrawlers<CrawlerDefinition, StoredLastCrawl, StoredMetrics>();
  const { page, nextToken } = paginate(rows, input.NextToken, maxResults, 1000);
  return { Crawlers: page.map((row) => crawlerOf(context, row)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function BatchGetCrawlers(context: GlueContext, input: Record<string, unknown>): BatchGetCrawlersResponse {
  const names = requireStringList(input.CrawlerNames, 'crawlerNames');
  const crawlers: Crawler[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const row = context.store.getCrawler<CrawlerDefinition, StoredLastCrawl, StoredMetrics>(name);
    if (row) crawlers.push(crawlerOf(context, row));
    else missing.push(name);
  }
  return { Crawlers: crawlers, CrawlersNotFound: missing };
}

export function ListCrawlers(context: GlueContext, input: Record<string, unknown>): ListCrawlersResponse {
  const maxResults = optionalInteger(input.MaxResults, 'maxResults', 1, 1000);
  const names = context.store.listCrawlers().map((row) => row.name);
  const { page, nextToken } = paginate(names, input.NextToken, maxResults, 1000);
  return { CrawlerNames: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function UpdateCrawler(context: GlueContext, input: Record<string, unknown>): UpdateCrawlerResponse {
  refuseSchedule(input);
  const name = requireName(input.Name, 'name');
  const row = requireCrawler(context, name);
  if (context.crawlers.state(name).state !== 'READY') throw crawlerRunning(name);
  context.store.updateCrawler(name, crawlerDefinition(input, row.definition), context.now());
  return {};
}

export function DeleteCrawler(context: GlueContext, input: Record<string, unknown>): DeleteCrawlerResponse {
  const name = requireName(input.Name, 'name');
  requireCrawler(context, name);
  if (context.crawlers.state(name).state !== 'READY') throw crawlerRunning(name);
  context.store.deleteCrawler(name);
  return {};
}

export function StartCrawler(context: GlueContext, input: Record<string, unknown>): StartCrawlerResponse {
  context.crawlers.start(requireName(input.Name, 'name'));
  return {};
}

export function StopCrawler(context: GlueContext, input: Record<string, unknown>): StopCrawlerResponse {
  context.crawlers.stop(requireName(input.Name, 'name'));
  return {};
}

export function GetCrawlerMetrics(context: GlueContext, input: Record<string, unknown>): GetCrawlerMetricsResponse {
  const maxResults = optionalInteger(input.MaxResults, 'maxResults', 1, 1000);
  const wanted = input.CrawlerNameList === undefined ? undefined : new Set(requireStringList(input.CrawlerNameList, 'crawlerNameList'));
  const rows = context.store.listCrawlers<CrawlerDefinition, StoredLastCrawl, StoredMetrics>().filter((row) => !wanted || wanted.has(row.name));
  const { page, nextToken } = paginate(rows, input.NextToken, maxResults, 1000);
  return { CrawlerMetricsList: page.map((row) => context.crawlers.metrics(row)), ...(nextToken ? { NextToken: nextToken } : {}) };
}
