/**
 * The crawler settings the lab's lesson 06 sets, as CreateCrawler/UpdateCrawler take them; pure, so
 * the form and the detail agree with what Glue stores.
 */

/** The lab's fix for HIVE_PARTITION_SCHEMA_MISMATCH (AWS: "Update all new and existing partitions with metadata from the table"). */
export const INHERIT_FROM_TABLE = { AddOrUpdateBehavior: 'InheritFromTable' } as const;

type Json = { [key: string]: unknown };
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseConfiguration(configuration: string | undefined): Json | undefined {
  if (!configuration?.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(configuration);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the crawler gives every partition the table's schema. */
export function inheritsFromTable(configuration: string | undefined): boolean {
  const output = parseConfiguration(configuration)?.CrawlerOutput;
  const partitions = isObject(output) ? output.Partitions : undefined;
  return isObject(partitions) && partitions.AddOrUpdateBehavior === INHERIT_FROM_TABLE.AddOrUpdateBehavior;
}

/**
 * The Configuration with the partitions option set or cleared, the rest kept (Tables options,
 * Grouping…); undefined when nothing is left. Unreadable JSON is replaced.
 */
export function withInheritFromTable(
  configuration: string | undefined,
  inherit: boolean,
): string | undefined {
  const parsed = parseConfiguration(configuration) ?? {};
  const output = isObject(parsed.CrawlerOutput) ? { ...parsed.CrawlerOutput } : {};
  if (inherit) output.Partitions = { ...INHERIT_FROM_TABLE };
  else delete output.Partitions;
  const next: Json = { ...parsed, Version: 1.0 };
  if (Object.keys(output).length > 0) next.CrawlerOutput = output;
  else delete next.CrawlerOutput;
  if (Object.keys(next).length === 1) return undefined;
  // Glue's own spelling: `{"Version":1.0,…}` (JSON.stringify would write 1).
  return JSON.stringify(next).replace(/"Version":1(?=[,}])/, '"Version":1.0');
}

export type RecrawlBehavior = 'CRAWL_EVERYTHING' | 'CRAWL_NEW_FOLDERS_ONLY';
export interface SchemaChangePolicy {
  UpdateBehavior?: 'LOG' | 'UPDATE_IN_DATABASE';
  DeleteBehavior?: 'LOG' | 'DELETE_FROM_DATABASE' | 'DEPRECATE_IN_DATABASE';
}

/** Crawling new folders only needs the LOG/LOG schema change policy (Glue refuses any other). */
export function schemaChangePolicyFor(
  recrawl: RecrawlBehavior,
  current?: SchemaChangePolicy,
): SchemaChangePolicy {
  if (recrawl === 'CRAWL_NEW_FOLDERS_ONLY') return { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' };
  const forcedLog = current?.UpdateBehavior === 'LOG' && current.DeleteBehavior === 'LOG';
  // Leaving "new folders only": back to Glue's defaults rather than the LOG it forced.
  return forcedLog || !current
    ? { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DEPRECATE_IN_DATABASE' }
    : current;
}

/** Exclusion globs typed one per line or comma-separated. */
export function parseExclusions(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}
