import {
  DuckDBArrayValue,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBIntervalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { ColumnInfo } from '@aws-sdk/client-athena';
import { athenaPrecision, athenaTypeOfDuck, parseDuckType } from '../sql/types.js';

/**
 * Values as Athena writes them in its result CSV and GetQueryResults (AWS-FIDELITY §10.5): doubles
 * in Java notation (`1.0`, `1.0E20`), timestamps with milliseconds, arrays `[1, 2]`, rows
 * `{name=x, value=1.0}`, maps `{k=v}`, NULL as no value.
 */

/** Java's Double.toString: plain between 10^-3 and 10^7, else computerized scientific notation. */
export function javaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '0', exponent = '0'] = value.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Java's Float.toString: the shortest digits that read back to the same float. */
export function javaFloat(value: number): string {
  if (!Number.isFinite(value) || value === 0) return javaDouble(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(value)) return javaDouble(candidate);
  }
  return javaDouble(value);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function timestampText(micros: bigint): string {
  const millis = Number(micros / 1000n);
  const date = new Date(millis);
  if (Number.isNaN(date.getTime())) return String(micros);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`;
}

function intervalText(value: DuckDBIntervalValue): string {
  if (value.months !== 0) return `${Math.trunc(value.months / 12)}-${Math.abs(value.months % 12)}`;
  const totalMillis = Number(value.micros / 1000n);
  const sign = totalMillis < 0 || value.days < 0 ? '-' : '';
  const millis = Math.abs(totalMillis);
  const hours = Math.floor(millis / 3_600_000);
  const days = Math.abs(value.days) + Math.floor(hours / 24);
  return `${sign}${days} ${pad(hours % 24)}:${pad(Math.floor(millis / 60_000) % 60)}:${pad(Math.floor(millis / 1000) % 60)}.${pad(millis % 1000, 3)}`;
}

/** One value as Athena prints it; null for SQL NULL at the top level. */
export function renderValue(value: DuckDBValue, type: DuckDBType): string | null {
  if (value === null) return null;
  return render(value, type);
}

function render(value: DuckDBValue, type: DuckDBType): string {
  if (value === null) return 'null';
  switch (type.typeId) {
    case DuckDBTypeId.DOUBLE:
      return typeof value === 'number' ? javaDouble(value) : String(value);
    case DuckDBTypeId.FLOAT:
      return typeof value === 'number' ? javaFloat(value) : String(value);
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      if (!(value instanceof DuckDBListValue || value instanceof DuckDBArrayValue)) return String(value);
      return `[${value.items.map((item) => render(item, type.valueType)).join(', ')}]`;
    case DuckDBTypeId.STRUCT:
      if (!(value instanceof DuckDBStructValue)) return String(value);
      return `{${type.entryNames.map((name, i) => `${name}=${render(value.entries[name] ?? null, type.entryTypes[i] as DuckDBType)}`).join(', ')}}`;
    case DuckDBTypeId.MAP:
      if (!(value instanceof DuckDBMapValue)) return String(value);
      return `{${value.entries.map((entry) => `${render(entry.key, type.keyType)}=${render(entry.value, type.valueType)}`).join(', ')}}`;
    default:
      return renderScalar(value);
  }
}

function renderScalar(value: DuckDBValue): string {
  if (value instanceof DuckDBTimestampTZValue) return `${timestampText(value.micros)} UTC`;
  if (value instanceof DuckDBTimestampValue) return timestampText(value.micros);
  if (value instanceof DuckDBDateValue || value instanceof DuckDBDecimalValue) return value.toString();
  if (value instanceof DuckDBIntervalValue) return intervalText(value);
  if (value instanceof DuckDBBlobValue)
    return [...value.bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return String(value);
}

/** ColumnInfo as Athena reports it (measured shape: CatalogName hive, empty schema/table, Nullable UNKNOWN). */
export function columnInfo(label: string, type: DuckDBType): ColumnInfo {
  const parsed = parseDuckType(type.toString());
  const athenaType = athenaTypeOfDuck(parsed);
  return {
    CatalogName: 'hive',
    SchemaName: '',
    TableName: '',
    Name: label,
    Label: label,
    Type: athenaType,
    Precision: athenaPrecision(parsed),
    Scale: parsed.kind === 'scalar' && parsed.name === 'DECIMAL' ? (parsed.params[1] ?? 0) : 0,
    Nullable: 'UNKNOWN',
    CaseSensitive: athenaType === 'varchar' || athenaType === 'char',
  };
}

/** A varchar column of a SHOW/DESCRIBE result. */
export function varcharColumn(label: string): ColumnInfo {
  return {
    CatalogName: 'hive',
    SchemaName: '',
    TableName: '',
    Name: label,
    Label: label,
    Type: 'string',
    Precision: 0,
    Scale: 0,
    Nullable: 'UNKNOWN',
    CaseSensitive: false,
  };
}
