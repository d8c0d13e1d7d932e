/**
 * What each action sends, built from a rule's SELECT result: pure functions, no I/O. A problem with
 * the message (a result DynamoDB cannot store, a batch that is not an array) throws
 * {@link ActionInputError}; the engine turns it into the action's failure.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toAttributeValue } from '../../../dynamodb/index.js';

export class ActionInputError extends Error {}

/** A failed action as the error action's message lists it (AWS: rule-error-handling). */
export interface ActionFailure {
  failedAction: string;
  failedResource: string;
  errorMessage: string;
}

// AWS (kinesis-firehose-rule-action): valid separators are `,`, `\t`, `\n` and `\r\n`.
export const FIREHOSE_SEPARATORS: readonly string[] = [',', '\t', '\n', '\r\n'];
// AWS: "The resulting array can't have more than 500 records" (PutRecordBatch's limit).
export const MAX_FIREHOSE_BATCH = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** A JSON value as a DynamoDB attribute value: N, S, BOOL, NULL, M, L. */
function attributeValue(value: unknown): AttributeValue {
  try {
    return toAttributeValue(value);
  } catch (error) {
    throw new ActionInputError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * dynamoDBv2 (AWS: dynamodb-v2-rule-action): "Each attribute in the payload is written to a separate
 * column", so the SELECT result must be a JSON object; each top-level field becomes one attribute.
 */
export function dynamoDbV2Item(result: unknown): Record<string, AttributeValue> {
  if (!isRecord(result)) {
    throw new ActionInputError(
      Buffer.isBuffer(result)
        ? 'The message payload is not JSON: DynamoDBv2 writes the fields of a JSON object.'
        : 'The SELECT result is not a JSON object: DynamoDBv2 writes the fields of a JSON object.',
    );
  }
  const item: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(result)) {
    if (value !== undefined) item[name] = attributeValue(value);
  }
  return item;
}

export type DynamoKeyType = 'STRING' | 'NUMBER';

/** The dynamoDB (v1) action with its templates rendered for one message. */
export interface DynamoDbV1Target {
  hashKeyField: string;
  hashKeyValue: string;
  hashKeyType?: string;
  rangeKeyField?: string;
  rangeKeyValue?: string;
  rangeKeyType?: string;
  payloadField: string;
}

function keyValue(field: string, value: string, type: string | undefined): AttributeValue {
  switch (type ?? 'STRING') {
    case 'STRING':
      return { S: value };
    case 'NUMBER':
      return { N: value };
    default:
      throw new ActionInputError(`The key type of ${field} must be STRING or NUMBER, not '${type}'.`);
  }
}

/** The item's key alone (for UPDATE and DELETE). */
export function dynamoDbV1Key(target: DynamoDbV1Target): Record<string, AttributeValue> {
  const key: Record<string, AttributeValue> = {
    [target.hashKeyField]: keyValue(target.hashKeyField, target.hashKeyValue, target.hashKeyType),
  };
  if (target.rangeKeyField !== undefined && target.rangeKeyField !== '') {
    key[target.rangeKeyField] = keyValue(target.rangeKeyField, target.rangeKeyValue ?? '', target.rangeKeyType);
  }
  return key;
}

/**
 * dynamoDB (v1, AWS: dynamodb-rule-action): the key from the hash/range templates, and the whole SELECT
 * result in one attribute, `payloadField` (default `payload`): a JSON result with its own types (an
 * object becomes an M), a non-JSON payload as binary ("writes non-JSON data to DynamoDB as binary data").
 */
export function dynamoDbV1Item(target: DynamoDbV1Target, result: unknown): Record<string, AttributeValue> {
  const item = dynamoDbV1Key(target);
  if (Buffer.isBuffer(result)) item[target.payloadField] = { B: new Uint8Array(result) };
  else if (result !== undefined) item[target.payloadField] = attributeValue(result);
  return item;
}

/**
 * The top-level elements of a JSON array text, each as its exact text: batchMode sends each element
 * as one record, byte for byte as the SELECT wrote it. Undefined when the text is not an array.
 */
export function splitJsonArray(text: string): string[] | undefined {
  if (text[0] !== '[' || text[text.length - 1] !== ']') return undefined;
  const elements: string[] = [];
  let depth = 0;
  let start = 1;
  for (let i = 1; i < text.length - 1; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) depth++;
    else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) depth--;
    else if (ch === 0x2c /* , */ && depth === 0) {
      elements.push(text.slice(start, i));
      start = i + 1;
    }
  }
  const last = text.slice(start, text.length - 1);
  if (last !== '' || elements.length > 0) elements.push(last);
  return elements;
}

/**
 * The Firehose records of one message (AWS: kinesis-firehose-rule-action): the payload, or with
 * `batchMode` each element of the array the SELECT produced; the separator, when set, ends each record.
 */
export function firehoseRecords(payload: Buffer, separator: string | undefined, batchMode: boolean): Buffer[] {
  let records: Buffer[];
  if (!batchMode) records = [payload];
  else {
    const elements = splitJsonArray(payload.toString('utf8'));
    if (elements === undefined) {
      throw new ActionInputError('batchMode is true but the SELECT result is not a JSON array.');
    }
    if (elements.length > MAX_FIREHOSE_BATCH) {
      throw new ActionInputError(
        `batchMode: the SELECT result has ${elements.length} elements; the limit is ${MAX_FIREHOSE_BATCH} records.`,
      );
    }
    records = elements.map((element) => Buffer.from(element, 'utf8'));
  }
  if (!separator) return records;
  const tail = Buffer.from(separator, 'utf8');
  return records.map((record) => Buffer.concat([record, tail], record.length + tail.length));
}

/** AWS (republish-rule-action): "To republish to a reserved topic, which begins with `$`, use `$$` instead." */
export function republishTopic(rendered: string): string {
  if (rendered === '') throw new ActionInputError('The republish topic is empty.');
  if (rendered.includes('+') || rendered.includes('#')) {
    throw new ActionInputError(`Cannot republish to '${rendered}': a topic name cannot contain + or #.`);
  }
  if (rendered.startsWith('$$')) return rendered.slice(1);
  if (rendered.startsWith('$')) {
    throw new ActionInputError(`Cannot republish to '${rendered}': write a reserved topic with $$ (e.g. $${rendered}).`);
  }
  return rendered;
}

export interface ErrorActionMessage {
  ruleName: string;
  topic: string;
  cloudwatchTraceId: string;
  clientId: string;
  base64OriginalPayload: string;
  failures: ActionFailure[];
}

/** The error action's payload (AWS: rule-error-handling): one message per rule and message, all failures in it. */
export function errorActionMessage(input: {
  ruleName: string;
  topic: string;
  traceId: string;
  clientId: string;
  payload: Uint8Array;
  failures: readonly ActionFailure[];
}): ErrorActionMessage {
  return {
    ruleName: input.ruleName,
    topic: input.topic,
    cloudwatchTraceId: input.traceId,
    clientId: input.clientId,
    base64OriginalPayload: Buffer.from(input.payload.buffer, input.payload.byteOffset, input.payload.byteLength).toString('base64'),
    failures: input.failures.map((failure) => ({ ...failure })),
  };
}
