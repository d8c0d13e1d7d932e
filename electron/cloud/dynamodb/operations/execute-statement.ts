import type { ExecuteStatementInput, ExecuteStatementOutput } from '@aws-sdk/client-dynamodb';
import { AwsError } from '../../protocols/aws-error.js';
import { normalizeValue, typeOf, type Wire, type WireItem } from '../attribute-values.js';
import type { DynamoDbContext } from '../context.js';
import type { Condition } from '../expressions/ast.js';
import { validationError } from '../expressions/attributes.js';
import { parseSelect, statementVerb } from '../expressions/partiql.js';
import { encodeKeyValue } from '../key-codec.js';
import type { StoredItem, TableRecord } from '../store.js';
import {
  checkKey,
  checkLimit,
  consumedCapacity,
  constraintErrors,
  requireTable,
  serializationError,
  storedItem,
} from './common.js';
import { partitionRange, readPage } from './reads.js';

/**
 * ExecuteStatement for PartiQL SELECT, so the app's SQL panel can query DynamoDB. With an equality
 * on the partition key in the WHERE clause it reads that partition in sort-key order (a Query);
 * otherwise it reads the whole table (a Scan), as DynamoDB does.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html
 */

const UNSUPPORTED_VERBS = ['INSERT', 'UPDATE', 'DELETE', 'EXISTS'];

function decodeNextToken(token: unknown, table: TableRecord): WireItem | undefined {
  if (token === undefined || token === null) return undefined;
  if (typeof token !== 'string') throw serializationError();
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { key?: unknown };
    return checkKey(table, decoded.key);
  } catch {
    throw validationError('Invalid NextToken');
  }
}

/** The partition a WHERE clause pins with `<partition key> = <value>` among its top-level ANDs. */
function pinnedPartition(where: Condition | undefined, table: TableRecord): Buffer | undefined {
  if (!where) return undefined;
  if (where.kind === 'and') return pinnedPartition(where.left, table) ?? pinnedPartition(where.right, table);
  if (where.kind !== 'compare' || where.op !== '=') return undefined;
  const [path, value] = where.left.kind === 'path' ? [where.left, where.right] : [where.right, where.left];
  if (path.kind !== 'path' || value.kind !== 'value') return undefined;
  if (
    path.elements.length !== 1 ||
    path.elements[0] !== table.hashKey.name ||
    typeOf(value.value) !== table.hashKey.type
  )
    return undefined;
  return encodeKeyValue(value.value);
}

export function ExecuteStatement(
  context: DynamoDbContext,
  input: Wire<ExecuteStatementInput>,
): Wire<ExecuteStatementOutput> {
  const request = input as Record<string, unknown>;
  const statement = request.Statement;
  if (statement === undefined || statement === null) {
    throw constraintErrors([
      "Value null at 'statement' failed to satisfy constraint: Member must not be null",
    ]);
  }
  if (typeof statement !== 'string') throw serializationError();
  if (statement.length === 0 || statement.length > 8192) {
    throw constraintErrors([
      `Value '${statement}' at 'statement' failed to satisfy constraint: Member must have length ${statement.length === 0 ? 'greater than or equal to 1' : 'less than or equal to 8192'}`,
    ]);
  }
  if (request.Parameters !== undefined && !Array.isArray(request.Parameters)) throw serializationError();
  const parameters = ((request.Parameters as unknown[] | undefined) ?? []).map((value) =>
    normalizeValue(value),
  );
  const limit = checkLimit(request.Limit);
  if (UNSUPPORTED_VERBS.includes(statementVerb(statement))) {
    throw new AwsError(
      'ValidationException',
      `The local cloud runs only SELECT statements in ExecuteStatement; use PutItem, UpdateItem or DeleteItem to change items (${statementVerb(statement)} is not supported offline)`,
      400,
    );
  }
  const select = parseSelect(statement, parameters);
  // The local cloud has no secondary indexes (see README): AWS's answer for an unknown index.
  if (select.index !== undefined) throw validationError('The table does not have the specified index');
  const table = requireTable(context, select.table, 'items');
  const start = decodeNextToken(request.NextToken, table);
  const startStored = start ? storedItem(table, start) : undefined;
  const partition = pinnedPartition(select.where, table);
  let items: Iterable<StoredItem>;
  if (partition) {
    const startAfter = startStored?.pk.equals(partition) ? startStored.sk : undefined;
    items =
      startStored && !table.rangeKey
        ? []
        : context.store.queryPartition(table, partition, partitionRange(undefined, true, startAfter), true);
  } else {
    items = context.store.scan(table, startStored, 0, Number.MAX_SAFE_INTEGER);
  }
  const page = readPage(table, items, { limit, filter: select.where, projection: select.projection });
  const capacity = consumedCapacity(request.ReturnConsumedCapacity, table.name, {
    readBytes: page.readBytes,
    consistent: request.ConsistentRead === true,
  });
  const nextToken =
    page.lastEvaluatedKey && Buffer.from(JSON.stringify({ key: page.lastEvaluatedKey })).toString('base64');
  return {
    Items: page.items,
    ...(nextToken ? { NextToken: nextToken, LastEvaluatedKey: page.lastEvaluatedKey } : {}),
    ...(capacity ? { ConsumedCapacity: capacity } : {}),
  };
}
