import type { Column } from '@aws-sdk/client-glue';

/**
 * Schemas as Glue's built-in JSON classifier infers them (AWS-FIDELITY §9.3): integers that fit
 * 32 bits are `int`, larger ones `bigint`, numbers written with a fraction or an exponent
 * `double` (so `10.0` is a double even though its value is whole), strings, booleans,
 * objects `struct<…>` with fields in order of first appearance, arrays `array<…>`.
 * Types merge across records: int+bigint → bigint, int/bigint+double → double, anything else
 * mixed → string, structs field by field. A value only ever seen as null (or an empty array's
 * element) is `string`, Glue's fallback.
 */
export type GlueType =
  | { readonly kind: 'null' | 'boolean' | 'int' | 'bigint' | 'double' | 'string' }
  | { readonly kind: 'array'; readonly element: GlueType }
  | { readonly kind: 'struct'; readonly fields: ReadonlyMap<string, GlueType> };

export type PrimitiveKind = 'null' | 'boolean' | 'int' | 'bigint' | 'double' | 'string';

// One object per primitive kind: merging the same shape again is an identity check.
export const NULL: GlueType = { kind: 'null' };
export const BOOLEAN: GlueType = { kind: 'boolean' };
export const INT: GlueType = { kind: 'int' };
export const BIGINT: GlueType = { kind: 'bigint' };
export const DOUBLE: GlueType = { kind: 'double' };
export const STRING: GlueType = { kind: 'string' };

export const arrayOf = (element: GlueType): GlueType => ({ kind: 'array', element });
export const structOf = (fields: ReadonlyMap<string, GlueType> | readonly (readonly [string, GlueType])[]): GlueType => ({
  kind: 'struct',
  fields: fields instanceof Map ? fields : new Map(fields as readonly (readonly [string, GlueType])[]),
});

const NUMERIC_RANK: Partial<Record<GlueType['kind'], number>> = { int: 1, bigint: 2, double: 3 };

/** The narrowest type both a and b fit in (Glue's merge). Never mutates its arguments. */
export function mergeTypes(a: GlueType, b: GlueType): GlueType {
  if (a === b) return a;
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'struct' && b.kind === 'struct') {
    let fields: Map<string, GlueType> | undefined;
    for (const [name, type] of b.fields) {
      const existing = a.fields.get(name);
      const merged = existing === undefined ? type : mergeTypes(existing, type);
      if (merged !== existing) {
        fields ??= new Map(a.fields);
        fields.set(name, merged);
      }
    }
    return fields ? { kind: 'struct', fields } : a;
  }
  if (a.kind === 'array' && b.kind === 'array') {
    const element = mergeTypes(a.element, b.element);
    return element === a.element ? a : arrayOf(element);
  }
  const rankA = NUMERIC_RANK[a.kind];
  const rankB = NUMERIC_RANK[b.kind];
  if (rankA !== undefined && rankB !== undefined) return rankA >= rankB ? a : b;
  if (a.kind === b.kind && a.kind !== 'struct' && a.kind !== 'array') return a;
  return STRING;
}

/** The Hive/Glue type string: `struct<value:double,quality:string>`, `array<struct<…>>`. */
export function typeString(type: GlueType): string {
  switch (type.kind) {
    case 'null':
      return 'string';
    case 'array':
      return `array<${typeString(type.element)}>`;
    case 'struct':
      return `struct<${[...type.fields].map(([name, field]) => `${name}:${typeString(field)}`).join(',')}>`;
    default:
      return type.kind;
  }
}

/** The top-level fields of a record schema as Glue columns; a non-object record has none. */
export function columnsOf(schema: GlueType | undefined): Column[] {
  if (schema?.kind !== 'struct') return [];
  return [...schema.fields].map(([name, type]) => ({ Name: name, Type: typeString(type) }));
}
