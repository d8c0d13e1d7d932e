import type {
  DeleteBehavior,
  RecrawlBehavior,
  RecrawlPolicy,
  S3Target,
  SchemaChangePolicy,
  UpdateBehavior,
} from '@aws-sdk/client-glue';
import { invalidInput, validationError } from '../errors.js';
import { isRecord, optionalInteger, optionalString, requireName } from '../operations/common.js';

/** A crawler as stored: its definition with AWS's defaults filled in. */
export interface CrawlerDefinition {
  Name: string;
  /** As GetCrawler shows it: the part after `:role/` of an ARN, or the name as given. */
  Role: string;
  DatabaseName?: string;
  Description?: string;
  S3Targets: S3Target[];
  TablePrefix?: string;
  SchemaChangePolicy: Required<Pick<SchemaChangePolicy, 'UpdateBehavior' | 'DeleteBehavior'>>;
  RecrawlPolicy: Required<Pick<RecrawlPolicy, 'RecrawlBehavior'>>;
  Configuration?: string;
  Schedule?: string;
  Classifiers: string[];
}

/** What the crawler does with the Configuration JSON (AWS docs, crawler-configuration). */
export interface CrawlerOutputOptions {
  /** `CrawlerOutput.Partitions.AddOrUpdateBehavior = InheritFromTable`. */
  partitionsInheritFromTable: boolean;
  /** `CrawlerOutput.Tables.AddOrUpdateBehavior = MergeNewColumns`. */
  tablesMergeNewColumns: boolean;
}

const UPDATE_BEHAVIORS: readonly UpdateBehavior[] = ['LOG', 'UPDATE_IN_DATABASE'];
const DELETE_BEHAVIORS: readonly DeleteBehavior[] = ['LOG', 'DELETE_FROM_DATABASE', 'DEPRECATE_IN_DATABASE'];
const RECRAWL_BEHAVIORS: readonly RecrawlBehavior[] = ['CRAWL_EVERYTHING', 'CRAWL_NEW_FOLDERS_ONLY', 'CRAWL_EVENT_MODE'];

function member<T extends string>(value: unknown, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw validationError(field, `Member must satisfy enum value set: [${allowed.join(', ')}]`, value);
  }
  return value as T;
}

/** GetCrawler shows `arn:aws:iam::123:role/service-role/X` as `service-role/X`. */
export function displayedRole(role: string): string {
  const match = /^arn:aws[a-z-]*:iam::\d{12}:role\/(.+)$/.exec(role);
  return match?.[1] ?? role;
}

function s3Targets(value: unknown): S3Target[] {
  if (!isRecord(value)) throw validationError('targets', 'Member must not be null');
  const targets = value.S3Targets ?? [];
  if (!Array.isArray(targets)) throw validationError('targets.s3Targets', 'Member must be a list');
  const others = ['JdbcTargets', 'MongoDBTargets', 'DynamoDBTargets', 'CatalogTargets', 'DeltaTargets', 'IcebergTargets', 'HudiTargets'];
  if (others.some((key) => Array.isArray(value[key]) && (value[key] as unknown[]).length > 0)) {
    throw invalidInput('The local cloud crawls Amazon S3 targets only (Targets.S3Targets).');
  }
  if (targets.length === 0) throw invalidInput('Crawler must have at least one target.');
  return targets.map((target: unknown, i) => {
    if (!isRecord(target)) throw validationError(`targets.s3Targets.${i + 1}.member`, 'Member must be a structure');
    const path = optionalString(target.Path, `targets.s3Targets.${i + 1}.member.path`);
    if (path === undefined || !/^s3:\/\/[^/]+/.test(path)) {
      throw invalidInput(`The S3 target path ${path ?? '(missing)'} is not valid: it must be s3://bucket/prefix.`);
    }
    const exclusions = target.Exclusions ?? [];
    if (!Array.isArray(exclusions) || !exclusions.every((item) => typeof item === 'string')) {
      throw validationError(`targets.s3Targets.${i + 1}.member.exclusions`, 'Member must be a list of strings');
    }
    // AWS: "sample size" is 1–249 files per leaf folder.
    const sampleSize = optionalInteger(target.SampleSize, `targets.s3Targets.${i + 1}.member.sampleSize`, 1, 249);
    return { Path: path, Exclusions: exclusions, ...(sampleSize === undefined ? {} : { SampleSize: sampleSize }) };
  });
}

/** Validates the Configuration JSON as CreateCrawler does and reads the options we honour. */
export function crawlerOutputOptions(configuration: string | undefined): CrawlerOutputOptions {
  const options: CrawlerOutputOptions = { partitionsInheritFromTable: false, tablesMergeNewColumns: false };
  if (configuration === undefined || configuration.trim() === '') return options;
  let parsed: unknown;
  try {
    parsed = JSON.parse(configuration);
  } catch {
    throw invalidInput('Crawler configuration not valid: the configuration must be a JSON object.');
  }
  if (!isRecord(parsed)) throw invalidInput('Crawler configuration not valid: the configuration must be a JSON object.');
  if (parsed.Version !== 1 && parsed.Version !== 1.0) throw invalidInput('Crawler configuration not valid: Version must be 1.0.');
  const output = parsed.CrawlerOutput;
  if (output === undefined) return options;
  if (!isRecord(output)) throw invalidInput('Crawler configuration not valid: CrawlerOutput must be an object.');
  for (const [section, allowed] of [['Partitions', 'InheritFromTable'], ['Tables', 'MergeNewColumns']] as const) {
    const value = output[section];
    if (value === undefined) continue;
    if (!isRecord(value)) throw invalidInput(`Crawler configuration not valid: CrawlerOutput.${section} must be an object.`);
    const unsupported = Object.keys(value).filter((key) => key !== 'AddOrUpdateBehavior');
    if (unsupported.length > 0) throw invalidInput(`CrawlerOutput.${section} contains unsupported keys: ${unsupported.join(', ')}.`);
    if (value.AddOrUpdateBehavior !== allowed) {
      throw invalidInput(`CrawlerOutput.${section}.AddOrUpdateBehavior must be ${allowed}.`);
    }
    if (section === 'Partitions') options.partitionsInheritFromTable = true;
    else options.tablesMergeNewColumns = true;
  }
  return options;
}

/**
 * A CreateCrawler (or UpdateCrawler, over `existing`) input checked and completed with AWS's
 * defaults: UPDATE_IN_DATABASE / DEPRECATE_IN_DATABASE, CRAWL_EVERYTHING (AWS-FIDELITY §9.2).
 */
export function crawlerDefinition(input: Record<string, unknown>, existing?: CrawlerDefinition): CrawlerDefinition {
  const name = requireName(input.Name, 'name');
  const role = existing && input.Role === undefined ? existing.Role : requireName(input.Role, 'role');
  const targets = existing && input.Targets === undefined ? existing.S3Targets : s3Targets(input.Targets);
  const policy = isRecord(input.SchemaChangePolicy) ? input.SchemaChangePolicy : {};
  const recrawl = isRecord(input.RecrawlPolicy) ? input.RecrawlPolicy : {};
  const schemaChangePolicy = {
    UpdateBehavior: member(policy.UpdateBehavior, UPDATE_BEHAVIORS, 'schemaChangePolicy.updateBehavior') ?? existing?.SchemaChangePolicy.UpdateBehavior ?? 'UPDATE_IN_DATABASE',
    DeleteBehavior: member(policy.DeleteBehavior, DELETE_BEHAVIORS, 'schemaChangePolicy.deleteBehavior') ?? existing?.SchemaChangePolicy.DeleteBehavior ?? 'DEPRECATE_IN_DATABASE',
  };
  const recrawlPolicy = {
    RecrawlBehavior: member(recrawl.RecrawlBehavior, RECRAWL_BEHAVIORS, 'recrawlPolicy.recrawlBehavior') ?? existing?.RecrawlPolicy.RecrawlBehavior ?? 'CRAWL_EVERYTHING',
  };
  if (recrawlPolicy.RecrawlBehavior === 'CRAWL_EVENT_MODE') throw invalidInput('CRAWL_EVENT_MODE needs an SQS event queue, which the local cloud does not have.');
  if (recrawlPolicy.RecrawlBehavior === 'CRAWL_NEW_FOLDERS_ONLY' && (schemaChangePolicy.UpdateBehavior !== 'LOG' || schemaChangePolicy.DeleteBehavior !== 'LOG')) {
    // Measured: terraform-provider-aws users, LBHackney-IT/Data-Platform#2418.
    throw invalidInput('The SchemaChangePolicy for "Crawl new folders only" Amazon S3 target can have only LOG DeleteBehavior value and LOG UpdateBehavior value.');
  }
  const pick = (key: 'DatabaseName' | 'Description' | 'TablePrefix' | 'Configuration' | 'Schedule'): string | undefined => {
    const value = optionalString(input[key], key.charAt(0).toLowerCase() + key.slice(1));
    return value ?? (existing ? existing[key] : undefined);
  };
  const configuration = pick('Configuration');
  crawlerOutputOptions(configuration);
  const classifiers = input.Classifiers === undefined ? (existing?.Classifiers ?? []) : input.Classifiers;
  if (!Array.isArray(classifiers) || !classifiers.every((item) => typeof item === 'string')) {
    throw validationError('classifiers', 'Member must be a list of strings');
  }
  if (classifiers.length > 0) throw invalidInput(`Classifier ${String(classifiers[0])} not found: the local cloud has only the built-in classifiers.`);
  const optional = { DatabaseName: pick('DatabaseName'), Description: pick('Description'), TablePrefix: pick('TablePrefix'), Configuration: configuration, Schedule: pick('Schedule') };
  return {
    Name: name,
    Role: displayedRole(role),
    S3Targets: targets,
    SchemaChangePolicy: schemaChangePolicy,
    RecrawlPolicy: recrawlPolicy,
    Classifiers: [],
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}
