import { AwsError } from '../../protocols/aws-error.js';
import { normalizeValue, type WireValue } from '../attribute-values.js';

export type ExpressionKind =
  | 'ConditionExpression'
  | 'FilterExpression'
  | 'KeyConditionExpression'
  | 'UpdateExpression'
  | 'ProjectionExpression';

export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message, 400);
}

/** `Invalid FilterExpression: …`: how DynamoDB words every problem inside an expression. */
export function expressionError(kind: ExpressionKind, detail: string): AwsError {
  return validationError(`Invalid ${kind}: ${detail}`);
}

const NAME_KEY = /^#[A-Za-z0-9_]+$/;
const VALUE_KEY = /^:[A-Za-z0-9_]+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, checked as DynamoDB checks
 * them, and which of them its expressions used: every one must be used.
 * AWS: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html
 */
export class ExpressionAttributes {
  private readonly names: Record<string, string>;
  private readonly values: Record<string, WireValue>;
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  constructor(names: unknown, values: unknown) {
    this.names = ExpressionAttributes.checkNames(names);
    this.values = ExpressionAttributes.checkValues(values);
  }

  get hasNames(): boolean {
    return Object.keys(this.names).length > 0;
  }

  get hasValues(): boolean {
    return Object.keys(this.values).length > 0;
  }

  private static checkNames(names: unknown): Record<string, string> {
    if (names === undefined || names === null) return {};
    if (!isRecord(names))
      throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
    const keys = Object.keys(names);
    if (keys.length === 0) throw validationError('ExpressionAttributeNames must not be empty');
    for (const key of keys) {
      if (!NAME_KEY.test(key))
        throw validationError(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
      const name = names[key];
      if (typeof name !== 'string')
        throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
      if (name === '')
        throw validationError(
          `ExpressionAttributeNames contains invalid value: Empty attribute name for key ${key}`,
        );
    }
    return names as Record<string, string>;
  }

  private static checkValues(values: unknown): Record<string, WireValue> {
    if (values === undefined || values === null) return {};
    if (!isRecord(values))
      throw new AwsError('SerializationException', 'Unexpected value type in payload', 400);
    const keys = Object.keys(values);
    if (keys.length === 0) throw validationError('ExpressionAttributeValues must not be empty');
    const checked: Record<string, WireValue> = {};
    for (const key of keys) {
      if (!VALUE_KEY.test(key))
        throw validationError(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
      try {
        checked[key] = normalizeValue(values[key]);
      } catch (error) {
        if (error instanceof AwsError && error.code === 'ValidationException') {
          throw validationError(
            `ExpressionAttributeValues contains invalid value: ${error.message} for key ${key}`,
          );
        }
        throw error;
      }
    }
    return checked;
  }

  name(placeholder: string, kind: ExpressionKind): string {
    const name = this.names[placeholder];
    if (name === undefined) {
      throw expressionError(
        kind,
        `An expression attribute name used in the document path is not defined; attribute name: ${placeholder}`,
      );
    }
    this.usedNames.add(placeholder);
    return name;
  }

  value(placeholder: string, kind: ExpressionKind): WireValue {
    const value = this.values[placeholder];
    if (value === undefined) {
      throw expressionError(
        kind,
        `An expression attribute value used in expression is not defined; attribute value: ${placeholder}`,
      );
    }
    this.usedValues.add(placeholder);
    return value;
  }

  /** AWS: every name and value given must appear in one of the request's expressions. */
  assertAllUsed(): void {
    const unusedNames = Object.keys(this.names).filter((key) => !this.usedNames.has(key));
    if (unusedNames.length > 0) {
      throw validationError(
        `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`,
      );
    }
    const unusedValues = Object.keys(this.values).filter((key) => !this.usedValues.has(key));
    if (unusedValues.length > 0) {
      throw validationError(
        `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`,
      );
    }
  }
}
