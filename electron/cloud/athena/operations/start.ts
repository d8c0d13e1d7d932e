import type { StartQueryExecutionOutput } from '@aws-sdk/client-athena';
import { randomUUID } from 'node:crypto';
import { invalidRequest } from '../errors.js';
import { scopeOf } from '../engine/query.js';
import { tableName } from '../engine/catalog-statements.js';
import { QueryFailure } from '../errors.js';
import { parseS3Location, s3Url } from '../s3-location.js';
import { analyzeQuery } from '../sql/analyze.js';
import { parseStatement, STATEMENT_TYPES, type Statement } from '../sql/statement.js';
import { at, significant, SqlSyntaxError, tokenize } from '../sql/tokens.js';
import { translateQuery } from '../sql/translate.js';
import type { ExecutionRecord } from '../store.js';
import {
  optionalObject,
  optionalString,
  PRIMARY,
  requiredString,
  type Input,
  type OperationsContext,
} from './common.js';

/**
 * StartQueryExecution: the checks Athena makes before creating an execution, in its order
 * (AWS-FIDELITY §10.1: ClientRequestToken → OutputLocation → SQL syntax), then a QUEUED execution
 * handed to the runner. A syntax error is refused here, with no execution (MALFORMED_QUERY).
 */

// Measured wording, two spaces after "for" included (AWS-FIDELITY §10.1).
const NO_OUTPUT_LOCATION =
  'No output location provided. You did not provide an output location for  your query results. Either specify an S3 bucket location or enable Athena managed query results in your workgroup settings.';

/** DuckDB's parser complaint about the translated text, told at the student's token. */
async function checkQuerySyntax(
  context: OperationsContext,
  sql: string,
  statement: Statement,
): Promise<void> {
  const tokens = statement.kind === 'query' || statement.kind === 'ctas' ? statement.query : undefined;
  if (!tokens) return;
  let translated;
  try {
    analyzeQuery(tokens);
    translated = translateQuery(sql, tokens, []);
  } catch (error) {
    if (error instanceof SqlSyntaxError) throw error;
    if (error instanceof QueryFailure) return; // Not a syntax error: the execution will fail with it.
    throw error;
  }
  const complaint = await context.duck.syntaxError(translated.sql);
  if (!complaint) return;
  const offset = translated.output.sourceOf(complaint.offset);
  const atEnd = /end of input/.test(complaint.message);
  const token = atEnd ? undefined : significant(tokenize(sql)).find((candidate) => candidate.end > offset);
  throw new SqlSyntaxError(
    `mismatched input '${token?.text ?? '<EOF>'}'`,
    atEnd ? (tokens.at(-1)?.end ?? sql.length) : (token?.start ?? offset),
  );
}

/** Checks Athena makes at start for some statements (measured by athena-local, AWS-FIDELITY §10.1). */
function checkStatement(
  context: OperationsContext,
  sql: string,
  statement: Statement,
  database: string,
): void {
  const names =
    'name' in statement
      ? [statement.name]
      : statement.kind === 'show-tables' && statement.database
        ? [statement.database]
        : [];
  const hiveParsed = [
    'drop-table',
    'describe',
    'show-columns',
    'show-create-table',
    'create-table',
    'show-tables',
    'msck-repair',
    'add-partitions',
  ];
  for (const name of names) {
    if (name.quoted && hiveParsed.includes(statement.kind)) {
      const start = sql.length - sql.trimStart().length;
      throw new SqlSyntaxError(
        `no viable alternative at input '${sql.slice(start, name.start + 1)}'`,
        name.start,
      );
    }
  }
  if (
    (statement.kind === 'describe' || statement.kind === 'show-columns') &&
    !context.catalog.getTable(
      tableName(statement.name, database).database,
      tableName(statement.name, database).name,
    )
  ) {
    throw invalidRequest(
      `Entity Not Found (Service: AmazonDataCatalog; Status Code: 400; Error Code: EntityNotFoundException; Request ID: ${randomUUID()}; Proxy: null)`,
      'INVALID_INPUT',
    );
  }
  if (statement.kind === 'create-table' && statement.location === undefined) {
    throw invalidRequest(
      'No location was specified for table. An S3 location must be specified',
      'INVALID_INPUT',
    );
  }
}

export async function StartQueryExecution(
  context: OperationsContext,
  input: Input,
): Promise<StartQueryExecutionOutput> {
  const query = requiredString(input, 'QueryString', 1, 262144);
  const token = optionalString(input, 'ClientRequestToken', 32, 128);
  const workGroupName = optionalString(input, 'WorkGroup', 1, 128) ?? PRIMARY;
  const executionContext = optionalObject(input, 'QueryExecutionContext') ?? {};
  const sentContext: ExecutionRecord['context'] = {};
  const database = optionalString(executionContext, 'Database', 1, 255);
  const catalog = optionalString(executionContext, 'Catalog', 1, 256);
  if (database !== undefined) sentContext.Database = database;
  if (catalog !== undefined) sentContext.Catalog = catalog;
  const parameters = input.ExecutionParameters;
  const executionParameters = Array.isArray(parameters) ? parameters.map(String) : undefined;

  const workGroup = context.store.getWorkGroup(workGroupName);
  if (!workGroup) throw invalidRequest('WorkGroup is not found.', 'INVALID_INPUT');
  if (workGroup.state === 'DISABLED')
    throw invalidRequest(`WorkGroup ${workGroupName} is disabled.`, 'INVALID_INPUT');
  const requested = optionalString(optionalObject(input, 'ResultConfiguration') ?? {}, 'OutputLocation');
  const configured = workGroup.configuration.ResultConfiguration?.OutputLocation;
  const outputLocation = workGroup.configuration.EnforceWorkGroupConfiguration
    ? (configured ?? requested)
    : (requested ?? configured);

  if (token !== undefined) {
    const previous = context.store.executionByToken(token);
    if (previous) {
      const parsed = parseS3Location(outputLocation);
      const sameLocation = !parsed || s3Url(parsed.bucket, parsed.prefix) === previous.outputLocation;
      const same =
        previous.query === query &&
        previous.context.Database === database &&
        previous.workGroup === workGroupName &&
        sameLocation;
      if (!same) throw invalidRequest('Idempotent parameters do not match', 'IDEMPOTENT_PARAMETER_MISMATCH');
      return { QueryExecutionId: previous.id };
    }
  }
  if (outputLocation === undefined) throw invalidRequest(NO_OUTPUT_LOCATION, 'INVALID_INPUT');
  const location = parseS3Location(outputLocation);
  if (!location) throw invalidRequest('outputLocation is not a valid S3 path.', 'INVALID_INPUT');

  const scope = scopeOf(sentContext);
  let statement: Statement;
  try {
    statement = parseStatement(query);
    await checkQuerySyntax(context, query, statement);
    checkStatement(context, query, statement, scope.database);
  } catch (error) {
    if (error instanceof SqlSyntaxError)
      throw invalidRequest(`${at(query, error.offset)}: ${error.message}`, 'MALFORMED_QUERY');
    throw error;
  }

  const id = randomUUID();
  const folder = s3Url(location.bucket, location.prefix);
  const types =
    statement.kind === 'unsupported'
      ? { type: statement.type, substatement: 'UNKNOWN' }
      : STATEMENT_TYPES[statement.kind];
  const resultKind = statement.kind === 'query' ? 'csv' : statement.kind === 'ctas' ? 'none' : 'txt';
  const record: ExecutionRecord = {
    id,
    workGroup: workGroupName,
    query,
    ...(token === undefined ? {} : { clientRequestToken: token }),
    context: sentContext,
    ...(executionParameters ? { executionParameters } : {}),
    outputLocation: folder,
    resultLocation:
      statement.kind === 'ctas'
        ? `${folder}tables/${id}`
        : `${folder}${id}.${resultKind === 'csv' ? 'csv' : 'txt'}`,
    statementType: types.type,
    substatementType: types.substatement,
    state: 'QUEUED',
    submittedAt: context.now(),
    dataScannedInBytes: 0,
    resultKind,
  };
  context.store.insertExecution(record);
  context.runner.submit(record, statement);
  return { QueryExecutionId: id };
}
