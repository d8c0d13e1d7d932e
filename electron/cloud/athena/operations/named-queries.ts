import type {
  BatchGetNamedQueryOutput,
  CreateNamedQueryOutput,
  DeleteNamedQueryOutput,
  GetNamedQueryOutput,
  ListNamedQueriesOutput,
  NamedQuery,
  UpdateNamedQueryOutput,
} from '@aws-sdk/client-athena';
import { randomUUID } from 'node:crypto';
import { invalidRequest } from '../errors.js';
import type { NamedQueryRecord } from '../store.js';
import {
  decodeToken,
  optionalInteger,
  optionalString,
  page,
  PRIMARY,
  requiredString,
  requireWorkGroup,
  stringList,
  type Input,
  type OperationsContext,
} from './common.js';

/** Saved queries (the console's "Saved queries"), per work group. */

const toNamedQuery = (record: NamedQueryRecord): NamedQuery => ({
  Name: record.name,
  ...(record.description === undefined ? {} : { Description: record.description }),
  Database: record.database,
  QueryString: record.query,
  NamedQueryId: record.id,
  WorkGroup: record.workGroup,
});

function requireNamedQuery(context: OperationsContext, id: string): NamedQueryRecord {
  const record = context.store.getNamedQuery(id);
  if (!record) throw invalidRequest(`NamedQuery ${id} was not found`, 'INVALID_INPUT');
  return record;
}

export function CreateNamedQuery(context: OperationsContext, input: Input): CreateNamedQueryOutput {
  const name = requiredString(input, 'Name', 1, 128);
  const database = requiredString(input, 'Database', 1, 255);
  const query = requiredString(input, 'QueryString', 1, 262144);
  const description = optionalString(input, 'Description', 0, 1024);
  const token = optionalString(input, 'ClientRequestToken', 32, 128);
  const workGroup = optionalString(input, 'WorkGroup', 1, 128) ?? PRIMARY;
  requireWorkGroup(context, workGroup);
  if (token !== undefined) {
    const previous = context.store.namedQueryByToken(token);
    if (previous) {
      if (previous.name !== name || previous.database !== database || previous.query !== query) {
        throw invalidRequest('Idempotent parameters do not match', 'IDEMPOTENT_PARAMETER_MISMATCH');
      }
      return { NamedQueryId: previous.id };
    }
  }
  const record: NamedQueryRecord = {
    id: randomUUID(),
    name,
    database,
    query,
    workGroup,
    createdAt: context.now(),
    ...(description === undefined ? {} : { description }),
    ...(token === undefined ? {} : { clientRequestToken: token }),
  };
  context.store.insertNamedQuery(record);
  return { NamedQueryId: record.id };
}

export function GetNamedQuery(context: OperationsContext, input: Input): GetNamedQueryOutput {
  return { NamedQuery: toNamedQuery(requireNamedQuery(context, requiredString(input, 'NamedQueryId'))) };
}

export function UpdateNamedQuery(context: OperationsContext, input: Input): UpdateNamedQueryOutput {
  const record = requireNamedQuery(context, requiredString(input, 'NamedQueryId'));
  const description = optionalString(input, 'Description', 0, 1024);
  context.store.updateNamedQuery({
    ...record,
    name: requiredString(input, 'Name', 1, 128),
    query: requiredString(input, 'QueryString', 1, 262144),
    ...(description === undefined ? {} : { description }),
  });
  return {};
}

export function DeleteNamedQuery(context: OperationsContext, input: Input): DeleteNamedQueryOutput {
  const id = requiredString(input, 'NamedQueryId');
  requireNamedQuery(context, id);
  context.store.deleteNamedQuery(id);
  return {};
}

export function ListNamedQueries(context: OperationsContext, input: Input): ListNamedQueriesOutput {
  const workGroup = optionalString(input, 'WorkGroup', 1, 128) ?? PRIMARY;
  const limit = optionalInteger(input, 'MaxResults', 0, 50) ?? 50;
  const after = decodeToken(optionalString(input, 'NextToken', 1, 1024));
  requireWorkGroup(context, workGroup);
  const { items, nextToken } = page(
    context.store.listNamedQueries(workGroup, limit + 1, after),
    limit,
    (record) => record.id,
  );
  return { NamedQueryIds: items.map((record) => record.id), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function BatchGetNamedQuery(context: OperationsContext, input: Input): BatchGetNamedQueryOutput {
  const ids = stringList(input, 'NamedQueryIds', 1, 50);
  const output: Required<Pick<BatchGetNamedQueryOutput, 'NamedQueries' | 'UnprocessedNamedQueryIds'>> = {
    NamedQueries: [],
    UnprocessedNamedQueryIds: [],
  };
  for (const id of ids) {
    const record = context.store.getNamedQuery(id);
    if (record) output.NamedQueries.push(toNamedQuery(record));
    else
      output.UnprocessedNamedQueryIds.push({
        NamedQueryId: id,
        ErrorCode: 'INVALID_INPUT',
        ErrorMessage: `NamedQuery ${id} was not found`,
      });
  }
  return output;
}
