/**
 * Column types in their three spellings: Hive/Glue (`struct<value:double,quality:string>`, what the
 * catalog stores and DDL writes), DuckDB (`STRUCT("value" DOUBLE, "quality" VARCHAR)`, what the engine
 * reads the lake with) and Athena's result types (`row`, `varchar`, … in ColumnInfo).
 */

export type HiveType =
  | { kind: 'primitive'; name: string; params: number[] }
  | { kind: 'array'; element: HiveType }
  | { kind: 'map'; key: HiveType; value: HiveType }
  | { kind: 'struct'; fields: { name: string; type: HiveType }[] };

const PRIMITIVES: Record<string, string> = {
  tinyint: 'TINYINT',
  smallint: 'SMALLINT',
  int: 'INTEGER',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  decimal: 'DECIMAL',
  string: 'VARCHAR',
  varchar: 'VARCHAR',
  char: 'VARCHAR',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  binary: 'BLOB',
};

/** Parses a Hive type string; throws an Error naming the text when it is not one. */
export function parseHiveType(text: string): HiveType {
  let position = 0;
  const fail = (): never => {
    throw new Error(`Unsupported Hive type: ${text}`);
  };
  const skipSpaces = (): void => {
    while (text[position] === ' ') position++;
  };
  const expect = (character: string): void => {
    skipSpaces();
    if (text[position] !== character) fail();
    position++;
  };
  const readName = (): string => {
    skipSpaces();
    const match = /^(`[^`]+`|[A-Za-z_][A-Za-z0-9_$]*)/.exec(text.slice(position)) ?? fail();
    position += match[0].length;
    return match[0].replace(/^`|`$/g, '');
  };
  const read = (): HiveType => {
    const name = readName().toLowerCase();
    skipSpaces();
    if (name === 'array') {
      expect('<');
      const element = read();
      expect('>');
      return { kind: 'array', element };
    }
    if (name === 'map') {
      expect('<');
      const key = read();
      expect(',');
      const value = read();
      expect('>');
      return { kind: 'map', key, value };
    }
    if (name === 'struct') {
      expect('<');
      const fields: { name: string; type: HiveType }[] = [];
      skipSpaces();
      while (text[position] !== '>') {
        const fieldName = readName();
        expect(':');
        fields.push({ name: fieldName.toLowerCase(), type: read() });
        skipSpaces();
        if (text[position] === ',') position++;
        else if (text[position] !== '>') fail();
        skipSpaces();
      }
      position++;
      return { kind: 'struct', fields };
    }
    if (!(name in PRIMITIVES)) fail();
    const params: number[] = [];
    if (text[position] === '(') {
      const close = text.indexOf(')', position);
      if (close === -1) fail();
      params.push(
        ...text
          .slice(position + 1, close)
          .split(',')
          .map((part) => Number(part.trim())),
      );
      if (params.some((param) => !Number.isInteger(param))) fail();
      position = close + 1;
    }
    return { kind: 'primitive', name: name === 'integer' ? 'int' : name, params };
  };
  const type = read();
  skipSpaces();
  if (position !== text.length) fail();
  return type;
}

/** The normalized Glue spelling: lower case, no spaces (`array<struct<a:int>>`). */
export function hiveTypeString(type: HiveType): string {
  switch (type.kind) {
    case 'array':
      return `array<${hiveTypeString(type.element)}>`;
    case 'map':
      return `map<${hiveTypeString(type.key)},${hiveTypeString(type.value)}>`;
    case 'struct':
      return `struct<${type.fields.map((field) => `${field.name}:${hiveTypeString(field.type)}`).join(',')}>`;
    case 'primitive':
      return type.params.length ? `${type.name}(${type.params.join(',')})` : type.name;
  }
}

export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The DuckDB type the lake's files are read with, for a Glue column type. */
export function duckTypeOf(type: HiveType): string {
  switch (type.kind) {
    case 'array':
      return `${duckTypeOf(type.element)}[]`;
    case 'map':
      return `MAP(${duckTypeOf(type.key)}, ${duckTypeOf(type.value)})`;
    case 'struct':
      return `STRUCT(${type.fields.map((field) => `${quoteIdentifier(field.name)} ${duckTypeOf(field.type)}`).join(', ')})`;
    case 'primitive': {
      const base = PRIMITIVES[type.name] ?? 'VARCHAR';
      return base === 'DECIMAL' && type.params.length ? `DECIMAL(${type.params.join(', ')})` : base;
    }
  }
}

/** A DuckDB result type as the engine describes it (DESCRIBE's `column_type`), parsed. */
export type DuckType =
  | { kind: 'scalar'; name: string; params: number[] }
  | { kind: 'list'; element: DuckType }
  | { kind: 'map'; key: DuckType; value: DuckType }
  | { kind: 'struct'; fields: { name: string; type: DuckType }[] };

/** Parses DuckDB's type text (`STRUCT("value" DOUBLE, quality VARCHAR)[]`, `DECIMAL(18,3)`, `MAP(VARCHAR, INTEGER)`). */
export function parseDuckType(text: string): DuckType {
  let position = 0;
  const skip = (): void => {
    while (text[position] === ' ') position++;
  };
  const readIdentifier = (): string => {
    skip();
    if (text[position] === '"') {
      let end = position + 1;
      let name = '';
      while (end < text.length) {
        if (text[end] === '"' && text[end + 1] === '"') {
          name += '"';
          end += 2;
        } else if (text[end] === '"') break;
        else name += text[end++];
      }
      position = end + 1;
      return name;
    }
    const match = /^[^\s(),[\]]+/.exec(text.slice(position));
    position += match?.[0].length ?? 0;
    return match?.[0] ?? '';
  };
  const read = (): DuckType => {
    skip();
    let name = readIdentifier().toUpperCase();
    // Multi-word names: TIMESTAMP WITH TIME ZONE, DOUBLE PRECISION.
    const multi = /^ (WITH TIME ZONE|PRECISION)/i.exec(text.slice(position));
    if (multi) {
      name += multi[0].toUpperCase();
      position += multi[0].length;
    }
    let type: DuckType;
    if ((name === 'STRUCT' || name === 'MAP' || name === 'UNION') && text[position] === '(') {
      position++;
      const parts: { name: string; type: DuckType }[] = [];
      while (position < text.length && text[position] !== ')') {
        const fieldName = name === 'MAP' ? '' : readIdentifier();
        parts.push({ name: fieldName, type: read() });
        skip();
        if (text[position] === ',') position++;
        skip();
      }
      position++;
      type =
        name === 'MAP'
          ? {
              kind: 'map',
              key: parts[0]?.type ?? scalar('VARCHAR'),
              value: parts[1]?.type ?? scalar('VARCHAR'),
            }
          : { kind: 'struct', fields: parts };
    } else {
      const params: number[] = [];
      if (text[position] === '(') {
        const close = text.indexOf(')', position);
        params.push(
          ...text
            .slice(position + 1, close)
            .split(',')
            .map(Number),
        );
        position = close + 1;
      }
      type = { kind: 'scalar', name, params };
    }
    while (text[position] === '[') {
      const close = text.indexOf(']', position);
      position = close + 1;
      type = { kind: 'list', element: type };
    }
    return type;
  };
  return read();
}

const scalar = (name: string): DuckType => ({ kind: 'scalar', name, params: [] });

const DUCK_TO_HIVE: Record<string, string> = {
  BOOLEAN: 'boolean',
  TINYINT: 'tinyint',
  SMALLINT: 'smallint',
  INTEGER: 'int',
  BIGINT: 'bigint',
  HUGEINT: 'bigint',
  UTINYINT: 'smallint',
  USMALLINT: 'int',
  UINTEGER: 'bigint',
  UBIGINT: 'bigint',
  FLOAT: 'float',
  DOUBLE: 'double',
  VARCHAR: 'string',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamp',
  TIMESTAMP_MS: 'timestamp',
  TIMESTAMP_S: 'timestamp',
  TIMESTAMP_NS: 'timestamp',
  BLOB: 'binary',
  UUID: 'string',
  JSON: 'string',
  '"NULL"': 'string',
  NULL: 'string',
};

/** The Glue column type a CTAS registers for a DuckDB result column. */
export function hiveTypeOfDuck(type: DuckType): string {
  switch (type.kind) {
    case 'list':
      return `array<${hiveTypeOfDuck(type.element)}>`;
    case 'map':
      return `map<${hiveTypeOfDuck(type.key)},${hiveTypeOfDuck(type.value)}>`;
    case 'struct':
      return `struct<${type.fields.map((field) => `${field.name.toLowerCase()}:${hiveTypeOfDuck(field.type)}`).join(',')}>`;
    case 'scalar':
      if (type.name === 'DECIMAL') return `decimal(${type.params.join(',') || '18,3'})`;
      return DUCK_TO_HIVE[type.name] ?? 'string';
  }
}

/** Athena's ColumnInfo Type for a DuckDB result column (base names only, as Athena reports them). */
export function athenaTypeOfDuck(type: DuckType): string {
  switch (type.kind) {
    case 'list':
      return 'array';
    case 'map':
      return 'map';
    case 'struct':
      return 'row';
    case 'scalar': {
      const names: Record<string, string> = {
        BOOLEAN: 'boolean',
        TINYINT: 'tinyint',
        SMALLINT: 'smallint',
        INTEGER: 'integer',
        BIGINT: 'bigint',
        HUGEINT: 'bigint',
        UTINYINT: 'smallint',
        USMALLINT: 'integer',
        UINTEGER: 'bigint',
        UBIGINT: 'bigint',
        FLOAT: 'real',
        DOUBLE: 'double',
        DECIMAL: 'decimal',
        VARCHAR: 'varchar',
        DATE: 'date',
        TIME: 'time',
        TIMESTAMP: 'timestamp',
        TIMESTAMP_MS: 'timestamp',
        TIMESTAMP_S: 'timestamp',
        TIMESTAMP_NS: 'timestamp',
        'TIMESTAMP WITH TIME ZONE': 'timestamp with time zone',
        INTERVAL: 'interval day to second',
        BLOB: 'varbinary',
        UUID: 'uuid',
        JSON: 'json',
        '"NULL"': 'unknown',
        NULL: 'unknown',
      };
      return names[type.name] ?? 'varchar';
    }
  }
}

/** Athena's ColumnInfo Precision (measured: varchar 2147483647, integer 10, bigint 19, double 17, timestamp 3). */
export function athenaPrecision(type: DuckType): number {
  if (type.kind !== 'scalar') return 0;
  if (type.name === 'DECIMAL') return type.params[0] ?? 18;
  const precision: Record<string, number> = {
    varchar: 2147483647,
    tinyint: 3,
    smallint: 5,
    integer: 10,
    bigint: 19,
    real: 9,
    double: 17,
    timestamp: 3,
    'timestamp with time zone': 3,
  };
  return precision[athenaTypeOfDuck(type)] ?? 0;
}

const INTEGER_RANK: Record<string, number> = { tinyint: 1, smallint: 2, int: 3, bigint: 4 };

/**
 * Whether a partition's column type can be read as the table's (Trino's Hive coercions, Athena
 * docs "types of updates"): equal types; tinyint → smallint → int → bigint; float → double; string
 * and varchar; structs field by field in order (added trailing fields allowed); arrays and maps by
 * their element types.
 */
export function canCoerce(from: HiveType, to: HiveType): boolean {
  if (from.kind === 'primitive' && to.kind === 'primitive') {
    if (hiveTypeString(from) === hiveTypeString(to)) return true;
    const fromRank = INTEGER_RANK[from.name];
    const toRank = INTEGER_RANK[to.name];
    if (fromRank !== undefined && toRank !== undefined) return fromRank <= toRank;
    if (from.name === 'float' && to.name === 'double') return true;
    const text = (name: string): boolean => name === 'string' || name === 'varchar' || name === 'char';
    return text(from.name) && text(to.name);
  }
  if (from.kind === 'array' && to.kind === 'array') return canCoerce(from.element, to.element);
  if (from.kind === 'map' && to.kind === 'map')
    return canCoerce(from.key, to.key) && canCoerce(from.value, to.value);
  if (from.kind === 'struct' && to.kind === 'struct') {
    const shared = Math.min(from.fields.length, to.fields.length);
    for (let i = 0; i < shared; i++) {
      const a = from.fields[i];
      const b = to.fields[i];
      if (!a || !b || a.name !== b.name || !canCoerce(a.type, b.type)) return false;
    }
    return true;
  }
  return false;
}
