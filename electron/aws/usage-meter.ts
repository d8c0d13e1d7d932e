import { GetTopicRuleCommand, ListTopicRulesCommand, type IoTClient } from '@aws-sdk/client-iot';
import { topicMatchesFilter } from '../cloud/iot/rules/sql/index.js';
import type { SdkCallRecord } from './client-factory.js';
import { emptyUsage, type LabUsage } from './cost.js';

/**
 * Counts what the cost meter needs from the SDK calls the app makes (S3 requests, DynamoDB request
 * units, Athena's bytes scanned, crawler runs). Messages come from the replay and the MQTT test client;
 * what the rules do with each message comes from the rules themselves (`ruleFanOut`).
 */
export interface UsageMeter {
  observe(call: SdkCallRecord): void;
  /** The counts from SDK calls since the last reset. */
  snapshot(): LabUsage;
  reset(): void;
}

// AWS S3 pricing: PUT, COPY, POST and LIST requests are one class; GET, SELECT "and all other
// requests" the other; DELETE and CANCEL are free.
const S3_PUT_CLASS = new Set([
  'PutObject',
  'CopyObject',
  'CreateBucket',
  'ListBuckets',
  'ListObjects',
  'ListObjectsV2',
  'ListObjectVersions',
  'CreateMultipartUpload',
  'UploadPart',
  'CompleteMultipartUpload',
  'DeleteObjects',
  'PutBucketPolicy',
  'PutBucketTagging',
]);
const S3_FREE = new Set(['DeleteObject', 'DeleteBucket', 'AbortMultipartUpload']);
const DYNAMODB_SINGLE_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
// An eventually consistent read of up to 4 KB is half a read request unit; the lab's items are ~1 KB.
const ITEMS_PER_READ_UNIT = 8;
const TERMINAL_QUERY_STATES = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

interface QueryExecutionLike {
  QueryExecutionId?: string;
  Status?: { State?: string };
  Statistics?: { DataScannedInBytes?: number };
}

function bodyBytes(body: unknown): number {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return 0;
}

export function createUsageMeter(): UsageMeter {
  let usage = emptyUsage();
  const scannedByQuery = new Map<string, number>();

  const recordQuery = (execution: QueryExecutionLike | undefined): void => {
    const id = execution?.QueryExecutionId;
    const bytes = execution?.Statistics?.DataScannedInBytes;
    if (!id || bytes === undefined || !TERMINAL_QUERY_STATES.has(execution?.Status?.State ?? '')) return;
    scannedByQuery.set(id, bytes);
  };

  const observeOk = (call: SdkCallRecord): void => {
    const input = (call.input ?? {}) as Record<string, unknown>;
    const output = (call.output ?? {}) as Record<string, unknown>;
    switch (call.service) {
      case 's3':
        if (S3_FREE.has(call.operation)) return;
        if (S3_PUT_CLASS.has(call.operation)) usage.s3PutRequests += 1;
        else usage.s3GetRequests += 1;
        if (call.operation === 'PutObject') usage.s3StoredBytes += bodyBytes(input.Body);
        return;
      case 'dynamodb':
        if (DYNAMODB_SINGLE_WRITES.has(call.operation)) usage.dynamodbWriteUnits += 1;
        else if (call.operation === 'BatchWriteItem') {
          const requests = Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>);
          usage.dynamodbWriteUnits += requests.reduce((sum, list) => sum + list.length, 0);
        } else if (call.operation === 'GetItem') usage.dynamodbReadUnits += 0.5;
        else if (['Scan', 'Query', 'ExecuteStatement'].includes(call.operation)) {
          const scanned = Number(output.ScannedCount ?? (output.Items as unknown[] | undefined)?.length ?? 0);
          usage.dynamodbReadUnits += Math.max(0.5, Math.ceil(scanned / ITEMS_PER_READ_UNIT) * 0.5);
        }
        return;
      case 'athena':
        if (call.operation === 'GetQueryExecution') recordQuery(output.QueryExecution as QueryExecutionLike);
        if (call.operation === 'BatchGetQueryExecution') {
          for (const execution of (output.QueryExecutions ?? []) as QueryExecutionLike[]) recordQuery(execution);
        }
        return;
      case 'glue':
        // The run's duration is not known here; the estimate bills the 10-minute minimum.
        if (call.operation === 'StartCrawler') usage.crawlerRunSeconds.push(0);
        return;
      default:
        return;
    }
  };

  return {
    observe(call) {
      if (!call.error) observeOk(call);
    },
    snapshot: () => ({
      ...usage,
      athenaBytesScanned: [...scannedByQuery.values()],
      crawlerRunSeconds: [...usage.crawlerRunSeconds],
    }),
    reset() {
      usage = emptyUsage();
      scannedByQuery.clear();
    },
  };
}

/** What the enabled topic rules do with one message published on `topic`. */
export interface RuleFanOut {
  rules: number;
  actions: number;
  s3: number;
  firehose: number;
  dynamodb: number;
}

/** Reads the account's topic rules (ListTopicRules, then GetTopicRule for those matching `topic`). */
export async function ruleFanOut(iot: IoTClient, topic: string): Promise<RuleFanOut> {
  const fanOut: RuleFanOut = { rules: 0, actions: 0, s3: 0, firehose: 0, dynamodb: 0 };
  let nextToken: string | undefined;
  do {
    const page = await iot.send(new ListTopicRulesCommand({ nextToken }));
    for (const rule of page.rules ?? []) {
      if (rule.ruleDisabled || !rule.ruleName || !topicMatchesFilter(topic, rule.topicPattern ?? '')) continue;
      const { rule: detail } = await iot.send(new GetTopicRuleCommand({ ruleName: rule.ruleName }));
      const actions = detail?.actions ?? [];
      fanOut.rules += 1;
      fanOut.actions += actions.length;
      for (const action of actions) {
        if (action.s3) fanOut.s3 += 1;
        if (action.firehose) fanOut.firehose += 1;
        if (action.dynamoDB || action.dynamoDBv2) fanOut.dynamodb += 1;
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return fanOut;
}
