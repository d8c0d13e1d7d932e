import {
  arity,
  build,
  dateAdd,
  joined,
  jodaToStrftime,
  literal,
  mysqlToStrftime,
  regexpExtract,
  regexpReplace,
  rename,
  same,
  sqlString,
  unsupported,
  type CallArgument,
  type FunctionSpec,
} from './call-builders.js';

export { UnsupportedCall, type CallArgument, type FunctionSpec } from './call-builders.js';

/**
 * The Trino functions Athena (engine v3) offers, and how each runs on DuckDB. A name absent from
 * this table is not a Trino function (or one the offline engine cannot run): the query fails with
 * FUNCTION_NOT_FOUND, as Athena fails a DuckDB-only function a student might have found elsewhere.
 * Sources: trino.io/docs/current/functions (the version Athena v3 tracks), duckdb.org/docs/sql/functions.
 * Every name is lower case.
 */
export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  // Aggregates
  avg: same,
  count: same,
  count_if: same,
  sum: same,
  min: same,
  max: same,
  array_agg: same,
  bool_and: same,
  bool_or: same,
  every: rename('bool_and'),
  arbitrary: rename('any_value'),
  any_value: same,
  max_by: same,
  min_by: same,
  stddev: same,
  stddev_samp: same,
  stddev_pop: same,
  variance: same,
  var_samp: same,
  var_pop: same,
  corr: same,
  covar_samp: same,
  covar_pop: same,
  regr_slope: same,
  regr_intercept: same,
  kurtosis: same,
  skewness: same,
  geometric_mean: same,
  histogram: same,
  approx_distinct: rename('approx_count_distinct'),
  approx_percentile: build((args) => {
    arity(args, 2);
    // DuckDB takes the percentage as a FLOAT (or a FLOAT[] for several), not a DOUBLE.
    const [value, percentage] = args as [CallArgument, CallArgument];
    const list = percentage.tokens[0]?.kind === 'word' && percentage.tokens[0].value === 'ARRAY';
    return ['approx_quantile(', value.sql, ', CAST(', percentage.sql, list ? ' AS FLOAT[]))' : ' AS FLOAT))'];
  }),
  map_agg: build((args) => {
    arity(args, 2);
    const [key, value] = args as [CallArgument, CallArgument];
    return ['map_from_entries(list(struct_pack(k := ', key.sql, ', v := ', value.sql, ')))'];
  }),
  checksum: unsupported,
  listagg: unsupported,
  approx_most_frequent: unsupported,
  numeric_histogram: unsupported,
  // Window functions
  row_number: same,
  rank: same,
  dense_rank: same,
  ntile: same,
  percent_rank: same,
  cume_dist: same,
  lag: same,
  lead: same,
  first_value: same,
  last_value: same,
  nth_value: same,
  // Mathematics
  abs: same,
  ceil: same,
  ceiling: same,
  floor: same,
  round: same,
  truncate: rename('trunc'),
  sqrt: same,
  cbrt: same,
  exp: same,
  ln: same,
  log2: same,
  log10: same,
  log: same,
  power: same,
  pow: same,
  mod: same,
  sign: same,
  pi: same,
  e: same,
  degrees: same,
  radians: same,
  sin: same,
  cos: same,
  tan: same,
  asin: same,
  acos: same,
  atan: same,
  atan2: same,
  sinh: same,
  cosh: same,
  tanh: same,
  greatest: same,
  least: same,
  rand: rename('random'),
  random: build((args) =>
    args.length === 0 ? ['random()'] : ['CAST(floor(random() * (', ...joined(args), ')) AS BIGINT)'],
  ),
  infinity: build(() => ["CAST('Infinity' AS DOUBLE)"]),
  nan: build(() => ["CAST('NaN' AS DOUBLE)"]),
  is_nan: rename('isnan'),
  is_finite: rename('isfinite'),
  is_infinite: rename('isinf'),
  width_bucket: unsupported,
  from_base: unsupported,
  to_base: unsupported,
  // Strings
  length: same,
  lower: same,
  upper: same,
  trim: same,
  ltrim: same,
  rtrim: same,
  lpad: same,
  rpad: same,
  reverse: same,
  concat_ws: same,
  substr: same,
  substring: same,
  split_part: same,
  starts_with: same,
  chr: same,
  translate: same,
  codepoint: rename('unicode'),
  levenshtein_distance: rename('levenshtein'),
  hamming_distance: rename('hamming'),
  format: rename('printf'),
  to_utf8: rename('encode'),
  from_utf8: rename('decode'),
  to_hex: rename('hex'),
  from_hex: rename('unhex'),
  to_base64: same,
  from_base64: same,
  replace: build((args) =>
    args.length === 2 ? ['replace(', ...joined(args), ", '')"] : ['replace(', ...joined(args), ')'],
  ),
  // Trino's concat is NULL if any argument is NULL (DuckDB's skips NULLs); it also concatenates arrays.
  concat: build((args) => ['(', ...joined(args, ' || '), ')']),
  strpos: build((args) => {
    arity(args, 2);
    return ['strpos(', ...joined(args), ')'];
  }),
  split: build((args) => {
    arity(args, 2);
    return ['str_split(', ...joined(args), ')'];
  }),
  regexp_like: rename('regexp_matches'),
  regexp_extract: build(regexpExtract),
  regexp_extract_all: same,
  regexp_replace: build(regexpReplace),
  regexp_split: rename('regexp_split_to_array'),
  regexp_count: build((args) => ['len(regexp_extract_all(', ...joined(args), '))']),
  regexp_position: unsupported,
  normalize: unsupported,
  soundex: unsupported,
  word_stem: unsupported,
  md5: unsupported,
  sha1: unsupported,
  sha256: unsupported,
  sha512: unsupported,
  crc32: unsupported,
  xxhash64: unsupported,
  url_extract_host: unsupported,
  url_extract_path: unsupported,
  url_extract_parameter: unsupported,
  url_encode: unsupported,
  url_decode: unsupported,
  // Dates and times
  now: same,
  current_timezone: build(() => ["'UTC'"]),
  date: build((args) => ['CAST(', ...joined(args), ' AS DATE)']),
  date_trunc: same,
  date_add: build(dateAdd),
  date_diff: rename('date_sub'),
  date_format: build((args) => {
    arity(args, 2);
    return ['strftime(', (args[0] as CallArgument).sql, `, ${sqlString(mysqlToStrftime(literal(args[1])))})`];
  }),
  date_parse: build((args) => {
    arity(args, 2);
    return ['strptime(', (args[0] as CallArgument).sql, `, ${sqlString(mysqlToStrftime(literal(args[1])))})`];
  }),
  format_datetime: build((args) => {
    arity(args, 2);
    return ['strftime(', (args[0] as CallArgument).sql, `, ${sqlString(jodaToStrftime(literal(args[1])))})`];
  }),
  parse_datetime: build((args) => {
    arity(args, 2);
    return ['strptime(', (args[0] as CallArgument).sql, `, ${sqlString(jodaToStrftime(literal(args[1])))})`];
  }),
  from_iso8601_timestamp: build((args) => ['CAST(', ...joined(args), ' AS TIMESTAMPTZ)']),
  from_iso8601_date: build((args) => ['CAST(', ...joined(args), ' AS DATE)']),
  to_iso8601: build((args) => [
    'strftime(CAST(',
    ...joined(args),
    " AS TIMESTAMPTZ), '%Y-%m-%dT%H:%M:%S.%gZ')",
  ]),
  from_unixtime: build((args) => {
    arity(args, 1);
    return ['to_timestamp(', ...joined(args), ')'];
  }),
  to_unixtime: rename('epoch'),
  year: same,
  quarter: same,
  month: same,
  week: same,
  week_of_year: rename('week'),
  day: same,
  day_of_month: rename('day'),
  day_of_week: rename('isodow'),
  dow: rename('isodow'),
  day_of_year: rename('dayofyear'),
  doy: rename('dayofyear'),
  year_of_week: rename('isoyear'),
  yow: rename('isoyear'),
  hour: same,
  minute: same,
  second: same,
  millisecond: same,
  last_day_of_month: rename('last_day'),
  at_timezone: unsupported,
  with_timezone: unsupported,
  timezone_hour: unsupported,
  timezone_minute: unsupported,
  // Arrays
  cardinality: rename('len'),
  element_at: build((args) => {
    arity(args, 2);
    const [container, index] = args as [CallArgument, CallArgument];
    return ['(', container.sql, ')[', index.sql, ']'];
  }),
  contains: rename('list_contains'),
  array_distinct: rename('list_distinct'),
  array_join: rename('array_to_string'),
  array_max: rename('list_max'),
  array_min: rename('list_min'),
  array_sort: rename('list_sort'),
  array_intersect: rename('list_intersect'),
  array_position: build((args) => ['coalesce(list_position(', ...joined(args), '), 0)']),
  array_union: build((args) => ['list_distinct(list_concat(', ...joined(args), '))']),
  array_remove: build((args) => {
    arity(args, 2);
    const [array, value] = args as [CallArgument, CallArgument];
    return ['list_filter(', array.sql, ', __x -> __x <> ', value.sql, ')'];
  }),
  slice: build((args) => {
    arity(args, 3);
    const [array, start, length] = args as [CallArgument, CallArgument, CallArgument];
    return ['list_slice(', array.sql, ', ', start.sql, ', (', start.sql, ') + (', length.sql, ') - 1)'];
  }),
  sequence: rename('generate_series'),
  flatten: same,
  transform: rename('list_transform'),
  filter: rename('list_filter'),
  reduce: unsupported,
  zip: unsupported,
  zip_with: unsupported,
  any_match: unsupported,
  all_match: unsupported,
  none_match: unsupported,
  array_except: unsupported,
  repeat: unsupported,
  shuffle: unsupported,
  // Maps and rows
  map: same,
  map_keys: same,
  map_values: same,
  map_from_entries: same,
  map_entries: same,
  map_concat: same,
  map_filter: unsupported,
  transform_keys: unsupported,
  transform_values: unsupported,
  row: same,
  // Conditionals, JSON, misc
  coalesce: same,
  nullif: same,
  if: same,
  try: same,
  typeof: same,
  uuid: same,
  json_extract: same,
  json_extract_scalar: rename('json_extract_string'),
  json_array_length: same,
  json_parse: build((args) => ['CAST(', ...joined(args), ' AS JSON)']),
  json_format: build((args) => ['CAST(', ...joined(args), ' AS VARCHAR)']),
  json_array_contains: unsupported,
  json_array_get: unsupported,
  json_size: unsupported,
  is_json_scalar: unsupported,
};

/** Names that look like a call (`name(`) but are syntax the translator handles itself. */
export const SPECIAL_FORMS = new Set(['CAST', 'TRY_CAST', 'EXTRACT', 'UNNEST', 'POSITION', 'ARRAY']);
