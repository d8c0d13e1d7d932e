import type { SqlOutput } from './output.js';
import type { Token } from './tokens.js';

/**
 * What the function table (functions.ts) is made of: how a Trino call becomes DuckDB text — kept,
 * renamed, or built from its translated arguments — and the conversions some builders need
 * (MySQL-style and Joda date formats, `date_add` units, regexp replacement groups).
 */

export interface CallArgument {
  /** The argument translated to DuckDB. */
  sql: SqlOutput;
  /** The argument's significant tokens as written (to read literals such as a date format). */
  tokens: readonly Token[];
}

/** Why a call cannot be translated: the translator turns it into FUNCTION_NOT_FOUND or NOT_SUPPORTED. */
export class UnsupportedCall extends Error {}

export type Build = (args: readonly CallArgument[], name: string) => (string | SqlOutput)[];

export type FunctionSpec =
  | { kind: 'same' }
  | { kind: 'rename'; to: string }
  | { kind: 'build'; build: Build }
  /** A Trino function the offline engine does not implement. */
  | { kind: 'unsupported' };

export const same: FunctionSpec = { kind: 'same' };
export const rename = (to: string): FunctionSpec => ({ kind: 'rename', to });
export const build = (fn: Build): FunctionSpec => ({ kind: 'build', build: fn });
export const unsupported: FunctionSpec = { kind: 'unsupported' };

/** `a, b, c` with the translated arguments. */
export const joined = (args: readonly CallArgument[], separator = ', '): (string | SqlOutput)[] =>
  args.flatMap((arg, i) => (i === 0 ? [arg.sql] : [separator, arg.sql]));

export const arity = (args: readonly CallArgument[], ...counts: number[]): void => {
  if (!counts.includes(args.length)) throw new UnsupportedCall(`${args.length} arguments`);
};

/** A string literal argument's text; a non-literal cannot be translated (formats are converted here). */
export function literal(arg: CallArgument | undefined): string {
  const token = arg?.tokens[0];
  if (arg?.tokens.length !== 1 || token?.kind !== 'string') throw new UnsupportedCall('a non-literal format');
  return token.value;
}

export const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** MySQL-style specifiers of date_format/date_parse → strftime/strptime. */
const MYSQL_FORMAT: Record<string, string> = {
  a: '%a',
  b: '%b',
  c: '%-m',
  d: '%d',
  e: '%-d',
  f: '%f',
  H: '%H',
  h: '%I',
  I: '%I',
  i: '%M',
  j: '%j',
  k: '%-H',
  l: '%-I',
  M: '%B',
  m: '%m',
  p: '%p',
  r: '%I:%M:%S %p',
  S: '%S',
  s: '%S',
  T: '%H:%M:%S',
  v: '%V',
  W: '%A',
  w: '%w',
  Y: '%Y',
  y: '%y',
  '%': '%%',
};

export function mysqlToStrftime(format: string): string {
  return format.replace(
    /%(.)|([^%]+)/gs,
    (_match, specifier: string | undefined, text: string | undefined) => {
      if (text !== undefined) return text;
      const converted = MYSQL_FORMAT[specifier ?? ''];
      if (converted === undefined) throw new UnsupportedCall(`format specifier %${specifier}`);
      return converted;
    },
  );
}

/** Joda-Time patterns of format_datetime/parse_datetime → strftime/strptime. */
const JODA_FORMAT: Record<string, string> = {
  yyyy: '%Y',
  yy: '%y',
  y: '%Y',
  MMMM: '%B',
  MMM: '%b',
  MM: '%m',
  M: '%-m',
  dd: '%d',
  d: '%-d',
  HH: '%H',
  H: '%-H',
  hh: '%I',
  h: '%-I',
  mm: '%M',
  m: '%-M',
  ss: '%S',
  s: '%-S',
  SSSSSS: '%f',
  SSS: '%g',
  a: '%p',
  EEEE: '%A',
  EEE: '%a',
  E: '%a',
  DDD: '%j',
  D: '%j',
  ZZ: '%z',
  Z: '%z',
  z: '%Z',
};

export function jodaToStrftime(pattern: string): string {
  return pattern.replace(
    /'([^']*)'|([A-Za-z])\2*|([^A-Za-z']+)/g,
    (match, quoted: string | undefined, letter: string | undefined, text: string | undefined) => {
      if (quoted !== undefined) return quoted === '' ? "'" : quoted.replaceAll('%', '%%');
      if (text !== undefined) return text.replaceAll('%', '%%');
      const converted = JODA_FORMAT[match];
      if (converted === undefined) throw new UnsupportedCall(`pattern letter ${letter ?? match}`);
      return converted;
    },
  );
}

const UNIT_FUNCTIONS: Record<string, [string, number]> = {
  millisecond: ['to_milliseconds', 1],
  second: ['to_seconds', 1],
  minute: ['to_minutes', 1],
  hour: ['to_hours', 1],
  day: ['to_days', 1],
  week: ['to_weeks', 1],
  month: ['to_months', 1],
  quarter: ['to_months', 3],
  year: ['to_years', 1],
};

export const dateAdd: Build = (args) => {
  arity(args, 3);
  const [unit, amount, value] = args as [CallArgument, CallArgument, CallArgument];
  const [fn, factor] = UNIT_FUNCTIONS[literal(unit).toLowerCase()] ?? [];
  if (!fn) throw new UnsupportedCall(`unit ${literal(unit)}`);
  const scaled =
    factor === 1
      ? ['CAST(', amount.sql, ' AS INTEGER)']
      : ['CAST((', amount.sql, `) * ${factor} AS INTEGER)`];
  return ['(', value.sql, ` + ${fn}(`, ...scaled, '))'];
};

export const regexpReplace: Build = (args) => {
  arity(args, 2, 3);
  const [text, pattern, replacement] = args as [CallArgument, CallArgument, CallArgument?];
  // Trino replaces every match and writes groups as $1; DuckDB needs the 'g' flag and \1.
  const replaced = replacement ? sqlString(literal(replacement).replace(/\$(\d)/g, '\\$1')) : "''";
  return ['regexp_replace(', text.sql, ', ', pattern.sql, `, ${replaced}, 'g')`];
};

export const regexpExtract: Build = (args) => {
  arity(args, 2, 3);
  // Trino returns NULL when nothing matches; DuckDB an empty string.
  const [text, pattern] = args as [CallArgument, CallArgument];
  return [
    'CASE WHEN regexp_matches(',
    text.sql,
    ', ',
    pattern.sql,
    ') THEN regexp_extract(',
    ...joined(args),
    ') END',
  ];
};
