import type { Column, S3Target } from '@aws-sdk/client-glue';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAwsError } from '../../protocols/aws-error.js';
import type { LocalS3, ObjectFile } from '../../s3/index.js';
import { decodeObjectBody, scanJsonRecords, type Compression } from './json-records.js';
import { exclusionMatcher, parseS3Path, partitionKeysFor, partitionValuesFor, s3Url, tableNameFor, type S3Location } from './naming.js';
import { mergeTypes, type GlueType } from './schema.js';

/**
 * The reading half of a crawl: lists each S3 target through the local S3, samples files per leaf
 * folder, infers schemas and groups folders into one table per target with its partitions. It
 * changes nothing; `applyCrawl` writes the result to the catalog. Runs cooperatively: `checkpoint`
 * is awaited between files (it yields to the event loop and throws when the crawl is stopped).
 */

export interface DataStatistics {
  sizeKey: number;
  objectCount: number;
  recordCount: number;
  averageRecordSize: number;
  compression: Compression;
}

export interface CrawledPartition {
  values: string[];
  location: string;
  /** Inferred from this partition's own sampled files; undefined when none held a valid record. */
  schema: GlueType | undefined;
  statistics: DataStatistics;
}

export interface CrawledTable {
  name: string;
  location: string;
  schema: GlueType | undefined;
  partitionKeys: Column[];
  partitions: CrawledPartition[];
  statistics: DataStatistics;
  /** Whether this crawl saw every folder of the target (false: new folders only). */
  complete: boolean;
}

export interface UnparseableObject {
  key: string;
  records: number;
  line: number;
  message: string;
}

export interface CrawlResult {
  tables: CrawledTable[];
  /** Targets that held no data file: their tables are candidates for DeleteBehavior. */
  emptyTargets: { name: string; location: string }[];
  /** Leaf folders read (`s3://bucket/…/`), remembered for CRAWL_NEW_FOLDERS_ONLY. */
  foldersRead: string[];
  filesRead: number;
  unparseableRecords: number;
  unparseableObjects: UnparseableObject[];
}

export class CrawlFailure extends Error {}

export interface CrawlRequest {
  targets: readonly S3Target[];
  tablePrefix?: string;
  s3: Pick<LocalS3, 'ListObjectsV2' | 'objectFiles'>;
  /** Leaf folders already crawled (CRAWL_NEW_FOLDERS_ONLY); undefined to crawl everything. */
  seenFolders?: ReadonlySet<string>;
  checkpoint(): Promise<void>;
  readFile?: (path: string) => Buffer;
}

interface PartitionGroup {
  folders: string[];
  leaves: Map<string, ObjectFile[]>;
}

const REPORTED_OBJECTS = 20;

export async function crawlTargets(request: CrawlRequest): Promise<CrawlResult> {
  const readFile = request.readFile ?? ((path: string) => readFileSync(path));
  const result: CrawlResult = { tables: [], emptyTargets: [], foldersRead: [], filesRead: 0, unparseableRecords: 0, unparseableObjects: [] };
  for (const target of request.targets) {
    const location = parseS3Path(target.Path ?? '');
    if (!location) throw new CrawlFailure(`The S3 target ${target.Path ?? ''} is not an S3 path (s3://bucket/prefix/).`);
    let name = tableNameFor(location, request.tablePrefix);
    // AWS: "If duplicate table names are encountered, the crawler adds a hash string suffix to the name."
    if (result.tables.some((table) => table.name === name)) name = `${name.slice(0, 119)}_${createHash('md5').update(s3Url(location)).digest('hex').slice(0, 8)}`;
    const files = await listDataFiles(request, location, target.Exclusions ?? []);
    if (files.length === 0) {
      result.emptyTargets.push({ name, location: s3Url(location) });
      continue;
    }
    const table = await crawlTable(request, result, location, name, files, target.SampleSize, readFile);
    if (table) result.tables.push(table);
  }
  return result;
}

/** Files taken with one `objectFiles` call at most: a few milliseconds of the event loop. */
const FILES_PER_LISTING = 5000;

interface Folder {
  directFiles: number;
  subfolders: string[];
}

/**
 * The target's data files. The folder tree is walked with delimiter listings (a page at a time,
 * with a checkpoint in between); then the files are taken with `objectFiles` (the only way to their
 * bodies) over the largest subtrees that hold at most FILES_PER_LISTING files, so listing a large
 * lake never holds the event loop for long.
 */
async function listDataFiles(request: CrawlRequest, location: S3Location, exclusions: readonly string[]): Promise<ObjectFile[]> {
  const excluded = exclusionMatcher(exclusions, location);
  const tree = new Map<string, Folder>();
  const files: ObjectFile[] = [];
  const take = async (prefix: string, directOnly: boolean): Promise<void> => {
    await request.checkpoint();
    for (const file of request.s3.objectFiles(location.bucket, prefix)) {
      const relative = file.key.slice(location.prefix.length);
      // Folder markers and empty objects hold no data: Glue skips them.
      if (file.size === 0 || relative.endsWith('/') || (directOnly && file.key.slice(prefix.length).includes('/'))) continue;
      if (!excluded(relative)) files.push(file);
    }
  };
  const subtreeFiles = (prefix: string): number => {
    const folder = tree.get(prefix);
    return folder ? folder.directFiles + folder.subfolders.reduce((sum, child) => sum + subtreeFiles(child), 0) : 0;
  };
  const collect = async (prefix: string): Promise<void> => {
    const folder = tree.get(prefix);
    if (!folder) return;
    if (subtreeFiles(prefix) <= FILES_PER_LISTING) return take(prefix, false);
    if (folder.directFiles > 0) await take(prefix, true);
    for (const child of folder.subfolders) await collect(child);
  };
  try {
    const pending = [location.prefix];
    for (let prefix = pending.pop(); prefix !== undefined; prefix = pending.pop()) {
      const folder: Folder = { directFiles: 0, subfolders: [] };
      let token: string | undefined;
      do {
        await request.checkpoint();
        const page = request.s3.ListObjectsV2({ Bucket: location.bucket, Prefix: prefix, Delimiter: '/', ...(token ? { ContinuationToken: token } : {}) });
        folder.directFiles += page.Contents?.length ?? 0;
        for (const common of page.CommonPrefixes ?? []) if (common.Prefix) folder.subfolders.push(common.Prefix);
        token = page.NextContinuationToken;
      } while (token);
      tree.set(prefix, folder);
      pending.push(...folder.subfolders);
    }
    await collect(location.prefix);
  } catch (error) {
    if (isAwsError(error) && error.code === 'NoSuchBucket') {
      throw new CrawlFailure(`The S3 target ${s3Url(location)} cannot be crawled: bucket ${location.bucket} does not exist (NoSuchBucket).`);
    }
    throw error;
  }
  return files;
}

const folderOf = (relativeKey: string): string[] => relativeKey.split('/').slice(0, -1);

async function crawlTable(
  request: CrawlRequest,
  result: CrawlResult,
  location: S3Location,
  name: string,
  files: ObjectFile[],
  sampleSize: number | undefined,
  readFile: (path: string) => Buffer,
): Promise<CrawledTable | undefined> {
  // Files sit in folders of varying depth: the shallowest level is the table's partition depth.
  const depth = files.reduce((shallowest, file) => Math.min(shallowest, folderOf(file.key.slice(location.prefix.length)).length), Infinity);
  const groups = new Map<string, PartitionGroup>();
  for (const file of files) {
    const folders = folderOf(file.key.slice(location.prefix.length));
    const partitionFolders = folders.slice(0, depth);
    const partitionKey = partitionFolders.join('/');
    let group = groups.get(partitionKey);
    if (!group) groups.set(partitionKey, (group = { folders: partitionFolders, leaves: new Map() }));
    const leaf = `${s3Url(location)}${folders.map((folder) => `${folder}/`).join('')}`;
    const leafFiles = group.leaves.get(leaf);
    if (leafFiles) leafFiles.push(file);
    else group.leaves.set(leaf, [file]);
  }
  const partitionKeys = partitionKeysFor([...groups.values()].map((group) => group.folders));
  const seen = request.seenFolders;
  const partitions: CrawledPartition[] = [];
  let tableSchema: GlueType | undefined;
  for (const group of groups.values()) {
    const leaves = [...group.leaves].filter(([leaf]) => !seen?.has(leaf));
    if (leaves.length === 0) continue;
    const partition = await crawlPartition(request, result, location.bucket, leaves, sampleSize, readFile);
    partitions.push({
      ...partition,
      values: partitionValuesFor(group.folders, partitionKeys),
      location: `${s3Url(location)}${group.folders.map((folder) => `${folder}/`).join('')}`,
    });
    if (partition.schema) tableSchema = tableSchema === undefined ? partition.schema : mergeTypes(tableSchema, partition.schema);
    for (const [leaf] of leaves) result.foldersRead.push(leaf);
  }
  if (partitions.length === 0) return undefined;
  return {
    name,
    location: s3Url(location),
    schema: tableSchema,
    partitionKeys,
    partitions,
    statistics: combine(partitions.map((partition) => partition.statistics)),
    complete: seen === undefined,
  };
}

async function crawlPartition(
  request: CrawlRequest,
  result: CrawlResult,
  bucket: string,
  leaves: [string, ObjectFile[]][],
  sampleSize: number | undefined,
  readFile: (path: string) => Buffer,
): Promise<Pick<CrawledPartition, 'schema' | 'statistics'>> {
  let schema: GlueType | undefined;
  let sizeKey = 0;
  let objectCount = 0;
  let sampledBytes = 0;
  let sampledRecords = 0;
  let recordChars = 0;
  let compression: Compression = 'none';
  for (const [, leafFiles] of leaves) {
    // AWS: SampleSize is the number of files read per leaf folder; we take the first ones in key order.
    const sampled = sampleSize === undefined ? leafFiles : leafFiles.slice(0, sampleSize);
    for (const file of leafFiles) sizeKey += file.size;
    objectCount += leafFiles.length;
    for (const file of sampled) {
      await request.checkpoint();
      const body = decodeObjectBody(readFile(file.path));
      if (body.compression === 'gzip') compression = 'gzip';
      const scan = scanJsonRecords(body.text);
      result.filesRead++;
      sampledBytes += file.size;
      sampledRecords += scan.records;
      recordChars += scan.recordChars;
      if (scan.schema) schema = schema === undefined ? scan.schema : mergeTypes(schema, scan.schema);
      if (scan.failedRecords > 0) {
        result.unparseableRecords += scan.failedRecords;
        const [first] = scan.failures;
        if (first && result.unparseableObjects.length < REPORTED_OBJECTS) {
          result.unparseableObjects.push({ key: `s3://${bucket}/${file.key}`, records: scan.failedRecords, line: first.line, message: first.message });
        }
      }
    }
  }
  // Records in files not sampled are estimated from the sampled files' bytes per record.
  const recordCount = sampledBytes === 0 || sampledRecords === 0 ? 0 : Math.round((sampledRecords * sizeKey) / sampledBytes);
  return {
    schema,
    statistics: { sizeKey, objectCount, recordCount, averageRecordSize: sampledRecords === 0 ? 0 : Math.round(recordChars / sampledRecords), compression },
  };
}

function combine(statistics: readonly DataStatistics[]): DataStatistics {
  const sizeKey = statistics.reduce((sum, item) => sum + item.sizeKey, 0);
  const recordCount = statistics.reduce((sum, item) => sum + item.recordCount, 0);
  const weighted = statistics.reduce((sum, item) => sum + item.averageRecordSize * item.recordCount, 0);
  return {
    sizeKey,
    objectCount: statistics.reduce((sum, item) => sum + item.objectCount, 0),
    recordCount,
    averageRecordSize: recordCount === 0 ? 0 : Math.round(weighted / recordCount),
    compression: statistics.some((item) => item.compression === 'gzip') ? 'gzip' : 'none',
  };
}
