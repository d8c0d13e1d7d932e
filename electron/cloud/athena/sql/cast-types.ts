import { QueryFailure } from '../errors.js';
import { at, isSymbol, nameOf, type Token } from './tokens.js';

/**
 * Trino type names as written in `CAST(x AS <type>)` and `TRY_CAST` (`varchar`, `decimal(10,2)`,
 * `array(row(name varchar, value double))`, `timestamp with time zone`) → DuckDB's.
 */
const SCALARS: Record<string, string> = {
  varchar: 'VARCHAR',
  char: 'VARCHAR',
  integer: 'INTEGER',
  int: 'INTEGER',
  bigint: 'BIGINT',
  smallint: 'SMALLINT',
  tinyint: 'TINYINT',
  double: 'DOUBLE',
  real: 'FLOAT',
  decimal: 'DECIMAL',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  time: 'TIME',
  json: 'JSON',
  varbinary: 'BLOB',
  uuid: 'UUID',
  interval: 'INTERVAL',
};

export function translateCastType(sql: string, tokens: readonly Token[]): string {
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const fail = (token: Token | undefined): never => {
    const offset = token?.start ?? tokens.at(-1)?.end ?? 0;
    throw new QueryFailure(
      'TYPE_NOT_FOUND',
      `${at(sql, offset)}: Unknown type: ${tokens.map((t) => t.text).join(' ')}`,
    );
  };
  const params = (): string[] => {
    if (!isSymbol(peek(), '(')) return [];
    i++;
    const values: string[] = [];
    while (i < tokens.length && !isSymbol(peek(), ')')) {
      const token = tokens[i++];
      if (token?.kind === 'number') values.push(token.text);
      else if (!isSymbol(token, ',')) fail(token);
    }
    i++;
    return values;
  };
  const read = (): string => {
    const token = tokens[i++];
    if (!token || token.kind !== 'word') return fail(token);
    const name = nameOf(token);
    if (name === 'array' || name === 'map' || name === 'row') {
      if (!isSymbol(peek(), '(')) return fail(token);
      i++;
      const parts: string[] = [];
      while (i < tokens.length && !isSymbol(peek(), ')')) {
        const field = tokens[i];
        // row(name type, …) fields are named when a name precedes a type.
        if (
          name === 'row' &&
          field &&
          (field.kind === 'quoted' || field.kind === 'word') &&
          tokens[i + 1]?.kind === 'word'
        ) {
          i++;
          parts.push(`"${nameOf(field).replaceAll('"', '""')}" ${read()}`);
        } else parts.push(read());
        if (isSymbol(peek(), ',')) i++;
      }
      i++;
      if (name === 'array') return `${parts[0] ?? fail(token)}[]`;
      if (name === 'map') return `MAP(${parts.join(', ')})`;
      return `STRUCT(${parts.map((part, index) => (part.startsWith('"') ? part : `"field${index}" ${part}`)).join(', ')})`;
    }
    const base = SCALARS[name];
    if (!base) return fail(token);
    const values = params();
    const words = (...expected: string[]): boolean =>
      expected.every(
        (word, offset) => tokens[i + offset]?.kind === 'word' && nameOf(tokens[i + offset] as Token) === word,
      );
    if (name === 'double' && words('precision')) i++;
    if ((name === 'timestamp' || name === 'time') && words('with', 'time', 'zone')) {
      i += 3;
      return name === 'timestamp' ? 'TIMESTAMPTZ' : 'TIMETZ';
    }
    if (name === 'interval') {
      while (tokens[i]?.kind === 'word') i++;
      return 'INTERVAL';
    }
    if (base === 'DECIMAL' && values.length) return `DECIMAL(${values.join(', ')})`;
    return base;
  };
  const type = read();
  if (i !== tokens.length) fail(tokens[i]);
  return type;
}
