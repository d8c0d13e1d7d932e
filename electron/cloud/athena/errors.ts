import { AwsError } from '../protocols/aws-error.js';

/**
 * How a query fails, as Athena says it: the Trino error name, then the detail
 * (`TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.db.t' does not exist`). StateChangeReason and
 * AthenaError.ErrorMessage carry the same text (AWS-FIDELITY §10.3).
 */
export class QueryFailure extends Error {
  constructor(
    readonly errorName: string,
    detail: string,
    /** Athena's ErrorType (measured: TABLE_NOT_FOUND 1301, COLUMN_NOT_FOUND 1006, …). */
    readonly errorType = ERROR_TYPES[errorName] ?? 1000,
    /** 1 system, 2 user, 3 other. */
    readonly errorCategory: 1 | 2 | 3 = 2,
  ) {
    super(`${errorName}: ${detail}`);
    this.name = 'QueryFailure';
  }
}

const ERROR_TYPES: Record<string, number> = {
  TABLE_NOT_FOUND: 1301,
  SCHEMA_NOT_FOUND: 1301,
  CATALOG_NOT_FOUND: 1006,
  COLUMN_NOT_FOUND: 1006,
  TYPE_MISMATCH: 1002,
  FUNCTION_NOT_FOUND: 1303,
  DIVISION_BY_ZERO: 1001,
  INVALID_CAST_ARGUMENT: 1100,
  NOT_SUPPORTED: 1200,
  GENERIC_USER_ERROR: 1000,
};

/** A failure that is not the query's fault (category 1, INTERNAL_ERROR_QUERY_ENGINE). */
export function internalFailure(detail: string): QueryFailure {
  return new QueryFailure('INTERNAL_ERROR_QUERY_ENGINE', detail, 200, 1);
}

/** `InvalidRequestException` with Athena's `AthenaErrorCode` (`MALFORMED_QUERY`, `INVALID_INPUT`, …). */
export function invalidRequest(message: string, athenaErrorCode?: string): AwsError {
  return new AwsError(
    'InvalidRequestException',
    message,
    400,
    athenaErrorCode ? { AthenaErrorCode: athenaErrorCode } : {},
  );
}

/** A request-model constraint, worded as Athena's Coral validation words it. */
export function validationFailure(field: string, rule: string, value: unknown): AwsError {
  const shown =
    value === undefined || value === null
      ? 'null'
      : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return invalidRequest(
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${rule}`,
  );
}
