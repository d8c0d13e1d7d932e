/**
 * A rule's actions, compiled once (templates parsed, constants resolved) when the rule is created or
 * replaced, then run for each message. Which fields take `${…}` templates follows each action's page
 * of the AWS IoT Developer Guide ("Supports substitution templates").
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ObjectCannedACL } from '@aws-sdk/client-s3';
import type {
  Action,
  DynamoDBAction,
  DynamoDBv2Action,
  FirehoseAction,
  RepublishAction,
  S3Action,
} from '@aws-sdk/client-iot';
import { isAwsError } from '../../../protocols/aws-error.js';
import type { LocalS3 } from '../../../s3/index.js';
import {
  compileSubstitutionTemplate,
  isSqlParseError,
  type PreparedMessage,
  type SqlVersion,
} from '../sql/index.js';
import {
  ActionInputError,
  FIREHOSE_SEPARATORS,
  dynamoDbV1Item,
  dynamoDbV1Key,
  dynamoDbV2Item,
  firehoseRecords,
  republishTopic,
  type ActionFailure,
  type DynamoDbV1Target,
} from './payloads.js';
import type { WriteBatch } from './write-batch.js';

export type ActionKind = 's3' | 'firehose' | 'dynamoDBv2' | 'dynamoDB' | 'republish';
export const SUPPORTED_ACTIONS: readonly ActionKind[] = ['s3', 'firehose', 'dynamoDBv2', 'dynamoDB', 'republish'];

/** An action AWS would refuse (or that cannot run offline); `message` is the whole validation message. */
export class RuleDefinitionError extends Error {}

/** The DynamoDB the actions write to (the local DynamoDB's in-process API). */
export interface RulesDynamoDb {
  putItem(tableName: string, item: Record<string, AttributeValue>): void;
  getItem(tableName: string, key: Record<string, AttributeValue>): Record<string, AttributeValue> | undefined;
  deleteItem?(tableName: string, key: Record<string, AttributeValue>): void;
}

/** What running an action may use. */
export interface ActionServices {
  s3: Pick<LocalS3, 'PutObject'>;
  dynamodb: RulesDynamoDb;
  /** Whether Firehose is there at all (records go through the batch). */
  firehose: boolean;
  /** The current tick's batch, created on first use. */
  batch(): WriteBatch;
  /** Publishes as the service (the broker's `publish`). */
  republish(message: { topic: string; payload: Buffer; qos: 0 | 1 }): void;
}

/** One message as an action sees it. */
export interface ActionInput {
  readonly topic: string;
  readonly prepared: PreparedMessage;
  /** The bytes to send: the SELECT result (or, for an error action, the error message). */
  readonly payload: Buffer;
  /** The same as a JS value. */
  result(): unknown;
}

export type ActionDone = (failure?: ActionFailure) => void;

export interface CompiledAction {
  readonly kind: ActionKind;
  /** The error message's `failedAction` (AWS writes `S3Action` for s3). */
  readonly failedAction: string;
  /** The resource as configured, templates unrendered (for metrics). */
  readonly resource: string;
  run(input: ActionInput, services: ActionServices, done: ActionDone): void;
}

type Render = (message: PreparedMessage) => string;

interface Fields {
  member: string;
  version: SqlVersion;
  values: Record<string, unknown>;
}

function invalid(member: string, value: unknown, constraint: string): RuleDefinitionError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new RuleDefinitionError(
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

function text(fields: Fields, name: string, required: boolean): string | undefined {
  const value = fields.values[name];
  const member = `${fields.member}.${name}`;
  if (value === undefined || value === null || value === '') {
    if (required) throw invalid(member, value, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string') throw invalid(member, value, 'Member must be a string');
  return value;
}

/** A field that takes `${…}`: compiled once; a constant when it has none. */
function template(fields: Fields, name: string, required: true): Render;
function template(fields: Fields, name: string, required: false): Render | undefined;
function template(fields: Fields, name: string, required: boolean): Render | undefined {
  const value = text(fields, name, required);
  if (value === undefined) return undefined;
  if (!value.includes('${')) return () => value;
  try {
    return compileSubstitutionTemplate(value, fields.version);
  } catch (error) {
    if (!isSqlParseError(error)) throw error;
    throw new RuleDefinitionError(
      `Invalid substitution template in ${fields.member}.${name} ('${value}'): ${error.message}`,
    );
  }
}

function describe(error: unknown): { code: string; status: number; message: string } {
  if (isAwsError(error)) return { code: error.code, status: error.status, message: error.message };
  if (error instanceof ActionInputError) return { code: 'InvalidInput', status: 400, message: error.message };
  return { code: 'InternalFailure', status: 500, message: error instanceof Error ? error.message : String(error) };
}

// AWS (rule-error-handling) shows the S3 wording; the others follow it [V].
function serviceFailure(service: string, error: unknown): string {
  const { code, status, message } = describe(error);
  return `The error received was ${message} (Service: ${service}; Status Code: ${status}; Error Code: ${code}).`;
}

function s3Action(action: S3Action, fields: Fields): CompiledAction {
  const bucket = template(fields, 'bucketName', true);
  const key = template(fields, 'key', true);
  // The IoT model's CannedAccessControlList; S3 itself refuses the ones an object cannot take.
  const acl = text(fields, 'cannedAcl', false) as ObjectCannedACL | undefined;
  return {
    kind: 's3',
    failedAction: 'S3Action',
    resource: String(action.bucketName),
    run(input, services, done) {
      const Bucket = bucket(input.prepared);
      const Key = key(input.prepared);
      try {
        services.s3.PutObject({ Bucket, Key, Body: input.payload, ...(acl ? { ACL: acl } : {}) });
        done();
      } catch (error) {
        done({
          failedAction: 'S3Action',
          failedResource: Bucket,
          errorMessage: `Failed to put S3 object. ${serviceFailure('Amazon S3', error)} Message arrived on: ${input.topic}, Action: s3, Bucket: ${Bucket}, Key: "${Key}".`,
        });
      }
    },
  };
}

// Failures are built by functions of their own, not closures made for every message.
function firehoseFailure(topic: string, streamName: string, error: unknown): ActionFailure {
  return {
    failedAction: 'FirehoseAction',
    failedResource: streamName,
    errorMessage: `Failed to send message to Firehose. ${serviceFailure('Firehose', error)} Message arrived on: ${topic}, Action: firehose, Stream: ${streamName}.`,
  };
}

function dynamoDbV2Failure(topic: string, tableName: string, error: unknown): ActionFailure {
  return {
    failedAction: 'DynamoDBv2Action',
    failedResource: tableName,
    errorMessage: `Failed to put item in DynamoDB table. ${serviceFailure('AmazonDynamoDBv2', error)} Message arrived on: ${topic}, Action: dynamoDBv2, Table: ${tableName}.`,
  };
}

function firehoseAction(action: FirehoseAction, fields: Fields): CompiledAction {
  const stream = template(fields, 'deliveryStreamName', true);
  const separator = text(fields, 'separator', false);
  if (separator !== undefined && !FIREHOSE_SEPARATORS.includes(separator)) {
    throw invalid(`${fields.member}.separator`, JSON.stringify(separator), 'Member must satisfy regular expression pattern: ([\\n\\t])|(\\r\\n)|(,)');
  }
  const batchMode = fields.values.batchMode ?? false;
  if (typeof batchMode !== 'boolean') throw invalid(`${fields.member}.batchMode`, batchMode, 'Member must be a boolean');
  return {
    kind: 'firehose',
    failedAction: 'FirehoseAction',
    resource: String(action.deliveryStreamName),
    run(input, services, done) {
      const streamName = stream(input.prepared);
      // The callback below waits for the batch's commit: it keeps the topic, not the parsed message.
      const topic = input.topic;
      if (!services.firehose) {
        return done(firehoseFailure(topic, streamName, new Error('Kinesis Data Firehose is not available in this local cloud.')));
      }
      let records: Buffer[];
      try {
        if (batchMode && Buffer.isBuffer(input.result())) throw new ActionInputError('batchMode is true but the payload is not JSON.');
        records = firehoseRecords(input.payload, separator, batchMode);
      } catch (error) {
        return done(firehoseFailure(topic, streamName, error));
      }
      if (records.length === 0) return done();
      services.batch().addRecords(streamName, records, (error) =>
        done(error === undefined ? undefined : firehoseFailure(topic, streamName, error)),
      );
    },
  };
}

function dynamoDbV2Action(action: DynamoDBv2Action, fields: Fields): CompiledAction {
  const putItem = fields.values.putItem;
  if (typeof putItem !== 'object' || putItem === null) throw invalid(`${fields.member}.putItem`, putItem, 'Member must not be null');
  const table = template(
    { ...fields, member: `${fields.member}.putItem`, values: putItem as Record<string, unknown> },
    'tableName',
    true,
  );
  return {
    kind: 'dynamoDBv2',
    failedAction: 'DynamoDBv2Action',
    resource: String(action.putItem?.tableName),
    run(input, services, done) {
      const tableName = table(input.prepared);
      const topic = input.topic;
      let item: Record<string, AttributeValue>;
      try {
        item = dynamoDbV2Item(input.result());
      } catch (error) {
        return done(dynamoDbV2Failure(topic, tableName, error));
      }
      services.batch().addWrite(
        () => services.dynamodb.putItem(tableName, item),
        (error) => done(error === undefined ? undefined : dynamoDbV2Failure(topic, tableName, error)),
      );
    },
  };
}

const DYNAMO_OPERATIONS = ['INSERT', 'UPDATE', 'DELETE'];
const KEY_TYPES = ['STRING', 'NUMBER'];

function dynamoDbAction(action: DynamoDBAction, fields: Fields): CompiledAction {
  const table = template(fields, 'tableName', true);
  const rendered: Record<string, Render | undefined> = {
    hashKeyField: template(fields, 'hashKeyField', true),
    hashKeyValue: template(fields, 'hashKeyValue', true),
    hashKeyType: template(fields, 'hashKeyType', false),
    rangeKeyField: template(fields, 'rangeKeyField', false),
    rangeKeyValue: template(fields, 'rangeKeyValue', false),
    rangeKeyType: template(fields, 'rangeKeyType', false),
    payloadField: template(fields, 'payloadField', false),
  };
  const operation = template(fields, 'operation', false);
  for (const name of ['hashKeyType', 'rangeKeyType']) {
    const value = fields.values[name];
    if (typeof value === 'string' && !value.includes('${') && !KEY_TYPES.includes(value)) {
      throw invalid(`${fields.member}.${name}`, value, `Member must satisfy enum value set: [${KEY_TYPES.join(', ')}]`);
    }
  }
  return {
    kind: 'dynamoDB',
    failedAction: 'DynamoDBAction',
    resource: String(action.tableName),
    run(input, services, done) {
      const m = input.prepared;
      const tableName = table(m);
      const topic = input.topic;
      const fail = (error: unknown): void =>
        done({
          failedAction: 'DynamoDBAction',
          failedResource: tableName,
          errorMessage: `Failed to write to DynamoDB table. ${serviceFailure('AmazonDynamoDBv2', error)} Message arrived on: ${topic}, Action: dynamo, Table: ${tableName}.`,
        });
      const target: DynamoDbV1Target = {
        hashKeyField: rendered.hashKeyField!(m),
        hashKeyValue: rendered.hashKeyValue!(m),
        hashKeyType: rendered.hashKeyType?.(m),
        rangeKeyField: rendered.rangeKeyField?.(m),
        rangeKeyValue: rendered.rangeKeyValue?.(m),
        rangeKeyType: rendered.rangeKeyType?.(m),
        payloadField: rendered.payloadField?.(m) || 'payload',
      };
      const op = operation?.(m) || 'INSERT';
      let write: () => void;
      try {
        if (!DYNAMO_OPERATIONS.includes(op)) throw new ActionInputError(`operation must be INSERT, UPDATE or DELETE, not '${op}'.`);
        const key = dynamoDbV1Key(target);
        if (op === 'DELETE') {
          const remove = services.dynamodb.deleteItem;
          if (!remove) throw new ActionInputError('The DELETE operation is not available in this local cloud.');
          write = () => remove(tableName, key);
        } else {
          const item = dynamoDbV1Item(target, input.result());
          // UPDATE sets the payload attribute and keeps the item's other attributes, as UpdateItem does.
          write =
            op === 'UPDATE'
              ? () => services.dynamodb.putItem(tableName, { ...services.dynamodb.getItem(tableName, key), ...item })
              : () => services.dynamodb.putItem(tableName, item);
        }
      } catch (error) {
        return fail(error);
      }
      services.batch().addWrite(write, (error) => (error === undefined ? done() : fail(error)));
    },
  };
}

function republishAction(action: RepublishAction, fields: Fields): CompiledAction {
  const topic = template(fields, 'topic', true);
  const qos = fields.values.qos ?? 0;
  if (qos !== 0 && qos !== 1) throw invalid(`${fields.member}.qos`, qos, 'Member must have value less than or equal to 1');
  return {
    kind: 'republish',
    failedAction: 'RepublishAction',
    resource: String(action.topic),
    run(input, services, done) {
      const rendered = topic(input.prepared);
      try {
        services.republish({ topic: republishTopic(rendered), payload: input.payload, qos });
        done();
      } catch (error) {
        done({
          failedAction: 'RepublishAction',
          failedResource: rendered,
          errorMessage: `Failed to republish to topic ${rendered}. ${serviceFailure('AWS IoT', error)} Message arrived on: ${input.topic}, Action: republish, Topic: ${rendered}.`,
        });
      }
    },
  };
}

/** Compiles one entry of `actions` (or the `errorAction`); `member` names it in validation messages. */
export function compileAction(action: Action, version: SqlVersion, member: string): CompiledAction {
  if (typeof action !== 'object' || action === null) throw invalid(member, action, 'Member must not be null');
  const kinds = Object.keys(action).filter((key) => (action as Record<string, unknown>)[key] != null);
  if (kinds.length !== 1) {
    throw new RuleDefinitionError(
      `${member} must name exactly one action (${kinds.length === 0 ? 'none given' : kinds.join(', ')}).`,
    );
  }
  const kind = kinds[0]!;
  const values = (action as Record<string, unknown>)[kind];
  if (typeof values !== 'object' || values === null) throw invalid(`${member}.${kind}`, values, 'Member must be a structure');
  const fields: Fields = { member: `${member}.${kind}`, version, values: values as Record<string, unknown> };
  if (SUPPORTED_ACTIONS.includes(kind as ActionKind)) text(fields, 'roleArn', true);
  switch (kind as ActionKind) {
    case 's3':
      return s3Action(action.s3!, fields);
    case 'firehose':
      return firehoseAction(action.firehose!, fields);
    case 'dynamoDBv2':
      return dynamoDbV2Action(action.dynamoDBv2!, fields);
    case 'dynamoDB':
      return dynamoDbAction(action.dynamoDB!, fields);
    case 'republish':
      return republishAction(action.republish!, fields);
    default:
      throw new RuleDefinitionError(
        `The ${kind} action is not available offline: the local cloud runs ${SUPPORTED_ACTIONS.join(', ')} (${member}).`,
      );
  }
}
