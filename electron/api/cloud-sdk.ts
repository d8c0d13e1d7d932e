import {
  BatchGetQueryExecutionCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetTableMetadataCommand,
  GetWorkGroupCommand,
  ListDataCatalogsCommand,
  ListDatabasesCommand,
  ListQueryExecutionsCommand,
  ListTableMetadataCommand,
  ListWorkGroupsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  UpdateWorkGroupCommand,
} from '@aws-sdk/client-athena';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ExecuteStatementCommand,
  GetItemCommand,
  ListTablesCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListDeliveryStreamsCommand,
} from '@aws-sdk/client-firehose';
import {
  CreateCrawlerCommand,
  CreateDatabaseCommand,
  DeleteCrawlerCommand,
  DeleteDatabaseCommand,
  DeleteTableCommand as DeleteGlueTableCommand,
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GetCrawlersCommand,
  GetDatabaseCommand,
  GetDatabasesCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  StartCrawlerCommand,
  StopCrawlerCommand,
  UpdateCrawlerCommand,
} from '@aws-sdk/client-glue';
import { GetRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateThingCommand,
  CreateThingTypeCommand,
  CreateTopicRuleCommand,
  DeleteCertificateCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteThingCommand,
  DeleteThingTypeCommand,
  DeleteTopicRuleCommand,
  DeprecateThingTypeCommand,
  DescribeCertificateCommand,
  DescribeEndpointCommand,
  DescribeThingCommand,
  DescribeThingRegistrationTaskCommand,
  DescribeThingTypeCommand,
  DetachPolicyCommand,
  DetachThingPrincipalCommand,
  DisableTopicRuleCommand,
  EnableTopicRuleCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetTopicRuleCommand,
  ListAttachedPoliciesCommand,
  ListCertificatesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListPrincipalThingsCommand,
  ListTargetsForPolicyCommand,
  ListThingPrincipalsCommand,
  ListThingRegistrationTaskReportsCommand,
  ListThingRegistrationTasksCommand,
  ListThingTypesCommand,
  ListThingsCommand,
  ListTopicRulesCommand,
  ReplaceTopicRuleCommand,
  SetDefaultPolicyVersionCommand,
  StopThingRegistrationTaskCommand,
  UpdateCertificateCommand,
  UpdateThingCommand,
} from '@aws-sdk/client-iot';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { CloudClients } from '../aws/client-factory.js';
import type { CloudOperationNames, CloudSendInput, CloudService, WireValue } from './contract.js';
import { ApiError } from './handlers/types.js';

/**
 * `cloud.send`: the console's AWS SDK commands, sent by main through the client factory's clients
 * (offline: the local cloud; AWS mode: the student's account, same code). Only the operations of
 * the contract's allow-list exist here; their answers and errors travel as JSON (see `toWire`).
 */

/** Any SDK command class: built from its input, sent by its service's client. */
type CommandClass = new (input: never) => object;

/** The allow-list, one SDK command per name of the contract's `CloudOperationNames`. */
export const cloudCommands: { [S in CloudService]: { [O in CloudOperationNames[S]]: CommandClass } } = {
  iot: {
    ListThings: ListThingsCommand,
    DescribeThing: DescribeThingCommand,
    CreateThing: CreateThingCommand,
    UpdateThing: UpdateThingCommand,
    DeleteThing: DeleteThingCommand,
    ListThingPrincipals: ListThingPrincipalsCommand,
    AttachThingPrincipal: AttachThingPrincipalCommand,
    DetachThingPrincipal: DetachThingPrincipalCommand,
    ListThingTypes: ListThingTypesCommand,
    DescribeThingType: DescribeThingTypeCommand,
    CreateThingType: CreateThingTypeCommand,
    DeprecateThingType: DeprecateThingTypeCommand,
    DeleteThingType: DeleteThingTypeCommand,
    ListCertificates: ListCertificatesCommand,
    DescribeCertificate: DescribeCertificateCommand,
    UpdateCertificate: UpdateCertificateCommand,
    CreateKeysAndCertificate: CreateKeysAndCertificateCommand,
    DeleteCertificate: DeleteCertificateCommand,
    ListPrincipalThings: ListPrincipalThingsCommand,
    ListAttachedPolicies: ListAttachedPoliciesCommand,
    AttachPolicy: AttachPolicyCommand,
    DetachPolicy: DetachPolicyCommand,
    ListTargetsForPolicy: ListTargetsForPolicyCommand,
    ListPolicies: ListPoliciesCommand,
    GetPolicy: GetPolicyCommand,
    CreatePolicy: CreatePolicyCommand,
    DeletePolicy: DeletePolicyCommand,
    ListPolicyVersions: ListPolicyVersionsCommand,
    GetPolicyVersion: GetPolicyVersionCommand,
    CreatePolicyVersion: CreatePolicyVersionCommand,
    SetDefaultPolicyVersion: SetDefaultPolicyVersionCommand,
    DeletePolicyVersion: DeletePolicyVersionCommand,
    ListTopicRules: ListTopicRulesCommand,
    GetTopicRule: GetTopicRuleCommand,
    CreateTopicRule: CreateTopicRuleCommand,
    ReplaceTopicRule: ReplaceTopicRuleCommand,
    EnableTopicRule: EnableTopicRuleCommand,
    DisableTopicRule: DisableTopicRuleCommand,
    DeleteTopicRule: DeleteTopicRuleCommand,
    DescribeEndpoint: DescribeEndpointCommand,
    ListThingRegistrationTasks: ListThingRegistrationTasksCommand,
    DescribeThingRegistrationTask: DescribeThingRegistrationTaskCommand,
    ListThingRegistrationTaskReports: ListThingRegistrationTaskReportsCommand,
    StopThingRegistrationTask: StopThingRegistrationTaskCommand,
  },
  s3: {
    ListBuckets: ListBucketsCommand,
    CreateBucket: CreateBucketCommand,
    DeleteBucket: DeleteBucketCommand,
    HeadBucket: HeadBucketCommand,
    GetBucketLocation: GetBucketLocationCommand,
    ListObjectsV2: ListObjectsV2Command,
    HeadObject: HeadObjectCommand,
    DeleteObject: DeleteObjectCommand,
    DeleteObjects: DeleteObjectsCommand,
  },
  dynamodb: {
    ListTables: ListTablesCommand,
    DescribeTable: DescribeTableCommand,
    CreateTable: CreateTableCommand,
    DeleteTable: DeleteTableCommand,
    Scan: ScanCommand,
    Query: QueryCommand,
    GetItem: GetItemCommand,
    DeleteItem: DeleteItemCommand,
    ExecuteStatement: ExecuteStatementCommand,
  },
  firehose: {
    ListDeliveryStreams: ListDeliveryStreamsCommand,
    DescribeDeliveryStream: DescribeDeliveryStreamCommand,
    CreateDeliveryStream: CreateDeliveryStreamCommand,
    DeleteDeliveryStream: DeleteDeliveryStreamCommand,
  },
  glue: {
    GetDatabases: GetDatabasesCommand,
    GetDatabase: GetDatabaseCommand,
    GetTables: GetTablesCommand,
    GetTable: GetTableCommand,
    GetPartitions: GetPartitionsCommand,
    GetCrawlers: GetCrawlersCommand,
    GetCrawler: GetCrawlerCommand,
    GetCrawlerMetrics: GetCrawlerMetricsCommand,
    StartCrawler: StartCrawlerCommand,
    StopCrawler: StopCrawlerCommand,
    CreateDatabase: CreateDatabaseCommand,
    DeleteDatabase: DeleteDatabaseCommand,
    DeleteTable: DeleteGlueTableCommand,
    CreateCrawler: CreateCrawlerCommand,
    UpdateCrawler: UpdateCrawlerCommand,
    DeleteCrawler: DeleteCrawlerCommand,
  },
  athena: {
    ListWorkGroups: ListWorkGroupsCommand,
    GetWorkGroup: GetWorkGroupCommand,
    UpdateWorkGroup: UpdateWorkGroupCommand,
    ListDataCatalogs: ListDataCatalogsCommand,
    ListDatabases: ListDatabasesCommand,
    ListTableMetadata: ListTableMetadataCommand,
    GetTableMetadata: GetTableMetadataCommand,
    StartQueryExecution: StartQueryExecutionCommand,
    GetQueryExecution: GetQueryExecutionCommand,
    BatchGetQueryExecution: BatchGetQueryExecutionCommand,
    ListQueryExecutions: ListQueryExecutionsCommand,
    GetQueryResults: GetQueryResultsCommand,
    StopQueryExecution: StopQueryExecutionCommand,
  },
  sts: { GetCallerIdentity: GetCallerIdentityCommand },
  iam: { GetRole: GetRoleCommand, ListRoles: ListRolesCommand },
};

function isService(value: unknown): value is CloudService {
  return typeof value === 'string' && Object.hasOwn(cloudCommands, value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The shape check of `cloud.send`'s input: a service and operation of the allow-list, an object input. */
export function isCloudSendInput(value: unknown): value is CloudSendInput {
  if (!isPlainObject(value)) return false;
  const { service, operation, input } = value;
  if (!isService(service) || typeof operation !== 'string') return false;
  if (!Object.hasOwn(cloudCommands[service], operation)) return false;
  return input === undefined || isPlainObject(input);
}

/**
 * SDK answer → JSON: dates as ISO strings, bytes as `{ $base64 }`, `$metadata` and undefined members
 * left out (Electron's IPC would keep a Date and the WebSocket would not: both get the same text).
 */
export function toWire(value: unknown): WireValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return { $base64: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toWire);
  if (value instanceof Set) return [...value].map(toWire);
  if (typeof value === 'object') {
    const out: { [key: string]: WireValue } = {};
    for (const [key, member] of Object.entries(value)) {
      if (key === '$metadata' || member === undefined) continue;
      out[key] = toWire(member);
    }
    return out;
  }
  return String(value);
}

/** JSON → SDK input: `{ $base64 }` back to bytes (DynamoDB B keys of a page to continue from). */
export function fromWire(value: WireValue): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const encoded = value.$base64;
    if (keys.length === 1 && typeof encoded === 'string') return Buffer.from(encoded, 'base64');
    return Object.fromEntries(keys.map((key) => [key, fromWire(value[key] ?? null)]));
  }
  return value;
}

/** An SDK client as `cloud.send` uses it: whatever the service, it sends a command. */
interface SdkClient {
  send(command: object): Promise<unknown>;
  destroy(): void;
}

/** The SDK error as the renderer receives it: AWS's code (the exception's name) and message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error && '$metadata' in error) {
    // S3's bodiless 404s (HeadObject, HeadBucket) come back as `NotFound` / `UnknownError`.
    const message = error.message && error.message !== 'UnknownError' ? error.message : error.name;
    return new ApiError(error.name, message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('CloudUnreachable', `The cloud could not be reached: ${message}`);
}

export interface CloudSdk {
  /** Sends an allowed command; throws ApiError with AWS's code and message. */
  send(input: CloudSendInput): Promise<WireValue>;
  /** The SDK client of a service (made once per set of clients). */
  client(service: CloudService): SdkClient;
  destroy(): void;
}

/**
 * The clients of every service, the client factory's own (path-style S3 offline).
 */
export function createCloudSdk(clients: () => CloudClients): CloudSdk {
  let made: { factory: CloudClients; clients: Map<CloudService, SdkClient> } | undefined;

  // Every client is the factory's own, so the API-call log sees the console's calls too.
  const build = (factory: CloudClients, service: CloudService): SdkClient => factory[service]();

  const client = (service: CloudService): SdkClient => {
    const factory = clients();
    if (made?.factory !== factory) {
      destroy();
      made = { factory, clients: new Map() };
    }
    let existing = made.clients.get(service);
    if (!existing) {
      existing = build(factory, service);
      made.clients.set(service, existing);
    }
    return existing;
  };

  function destroy(): void {
    // The clients belong to the factory, which destroys them itself.
    made = undefined;
  }

  return {
    async send({ service, operation, input }) {
      const Command = (cloudCommands[service] as Record<string, CommandClass>)[operation];
      if (!Command) throw new ApiError('InvalidInput', `${service}.${operation} is not allowed.`);
      try {
        const output = await client(service).send(new Command(fromWire(input ?? {}) as never));
        return toWire(output);
      } catch (error) {
        throw toApiError(error);
      }
    },
    client,
    destroy,
  };
}
