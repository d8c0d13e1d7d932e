import type {
  PutRecordBatchInput,
  PutRecordBatchOutput,
  PutRecordBatchResponseEntry,
  PutRecordInput,
  PutRecordOutput,
} from '@aws-sdk/client-firehose';
import { randomBytes } from 'node:crypto';
import type { FirehoseContext } from '../context.js';
import {
  blobValue,
  checkStreamName,
  constraint,
  invalidArgument,
  isRecord,
  requireActiveStream,
  serializationError,
  validationErrors,
} from './common.js';

/**
 * The data plane. On the wire a record's Data is base64 text (awsJson blob); the SDK types say
 * Uint8Array, so inputs are typed with the wire form of Record.
 */

type WireRecord = { Data?: unknown };
export type PutRecordWireInput = Omit<PutRecordInput, 'Record'> & { Record?: WireRecord };
export type PutRecordBatchWireInput = Omit<PutRecordBatchInput, 'Records'> & { Records?: unknown };

/** botocore Data: blob of at most 1,000 KiB (before base64). */
export const MAX_RECORD_BYTES = 1_024_000;
/** AWS (PutRecordBatch): up to 500 records and 4 MiB per call. */
export const MAX_BATCH_RECORDS = 500;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

function decodeData(record: unknown, field: string, errors: string[]): Buffer {
  if (record === undefined || record === null) {
    errors.push(constraint(null, field, 'Member must not be null'));
    return Buffer.alloc(0);
  }
  if (!isRecord(record)) throw serializationError();
  const data = record.Data;
  if (data === undefined || data === null) {
    errors.push(constraint(null, `${field}.data`, 'Member must not be null'));
    return Buffer.alloc(0);
  }
  if (typeof data !== 'string') throw serializationError();
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > MAX_RECORD_BYTES) {
    errors.push(
      constraint(
        blobValue(bytes.length),
        `${field}.data`,
        `Member must have length less than or equal to ${MAX_RECORD_BYTES}`,
      ),
    );
  }
  return bytes;
}

/** AWS RecordIds are opaque; offline they are random. */
function recordId(): string {
  return randomBytes(48).toString('base64');
}

export function PutRecord(context: FirehoseContext, input: PutRecordWireInput): PutRecordOutput {
  const name = checkStreamName(input.DeliveryStreamName);
  const errors: string[] = [];
  const data = decodeData(input.Record, 'record', errors);
  if (errors.length > 0) throw validationErrors(errors);
  const stream = requireActiveStream(context, name);
  // Durable before the answer: the record is in SQLite (WAL) when this returns.
  context.delivery.append(stream, [data]);
  return { RecordId: recordId(), Encrypted: false };
}

function failingIndexes(
  context: FirehoseContext,
  name: string,
  count: number,
): { indexes: Set<number>; code: string } {
  const fault = context.faultInjection();
  const indexes = new Set<number>();
  if (fault?.deliveryStreamName === name && fault.everyNth >= 1) {
    for (let i = fault.everyNth - 1; i < count; i += fault.everyNth) indexes.add(i);
  }
  return { indexes, code: fault?.errorCode ?? 'ServiceUnavailableException' };
}

export function PutRecordBatch(
  context: FirehoseContext,
  input: PutRecordBatchWireInput,
): PutRecordBatchOutput {
  const name = checkStreamName(input.DeliveryStreamName);
  const records = input.Records;
  if (records === undefined || records === null)
    throw validationErrors([constraint(null, 'records', 'Member must not be null')]);
  if (!Array.isArray(records)) throw serializationError();
  if (records.length < 1)
    throw validationErrors([
      "Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
  if (records.length > MAX_BATCH_RECORDS) {
    throw validationErrors([
      `Value at 'records' failed to satisfy constraint: Member must have length less than or equal to ${MAX_BATCH_RECORDS}`,
    ]);
  }
  const errors: string[] = [];
  const data = records.map((record, i) => decodeData(record, `records.${i + 1}.member`, errors));
  if (errors.length > 0) throw validationErrors(errors);
  let total = 0;
  for (const bytes of data) total += bytes.length;
  if (total > MAX_BATCH_BYTES) throw invalidArgument('Records size exceeds 4 MB limit');
  const stream = requireActiveStream(context, name);

  // AWS: one failed record does not stop the others; RequestResponses has one entry per record, in order.
  const { indexes, code } = failingIndexes(context, name, data.length);
  context.delivery.append(stream, indexes.size === 0 ? data : data.filter((_, i) => !indexes.has(i)));
  const RequestResponses: PutRecordBatchResponseEntry[] = data.map((_, i) =>
    indexes.has(i)
      ? {
          ErrorCode: code,
          ErrorMessage: code === 'InternalFailure' ? 'Internal service failure.' : 'Slow down.',
        }
      : { RecordId: recordId() },
  );
  return { FailedPutCount: indexes.size, Encrypted: false, RequestResponses };
}
