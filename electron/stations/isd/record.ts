import { additionalFieldValueLength } from './additional-fields.js';

/** A record that does not follow the ISD format; the message says which column and why. */
export class IsdFormatError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IsdFormatError';
  }
}

/** A fixed-width field: 0-based start, exclusive end (the ISD document counts from 1). */
export interface Column {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

const column = (start: number, end: number, name: string): Column => ({ start, end, name });

/**
 * Control data section (ISD format document, positions 1–60) and mandatory data section
 * (positions 61–105). Every record has both; the variable part starts at position 106.
 */
export const COLUMNS = {
  variableLength: column(0, 4, 'total variable characters'),
  usaf: column(4, 10, 'USAF station id'),
  wban: column(10, 15, 'WBAN station id'),
  date: column(15, 23, 'observation date'),
  time: column(23, 27, 'observation time'),
  latitude: column(28, 34, 'latitude'),
  longitude: column(34, 41, 'longitude'),
  reportType: column(41, 46, 'report type'),
  elevation: column(46, 51, 'elevation'),
  windDirection: column(60, 63, 'wind direction'),
  windDirectionQuality: column(63, 64, 'wind direction quality'),
  windSpeed: column(65, 69, 'wind speed'),
  windSpeedQuality: column(69, 70, 'wind speed quality'),
  ceilingHeight: column(70, 75, 'sky ceiling height'),
  ceilingHeightQuality: column(75, 76, 'sky ceiling quality'),
  visibility: column(78, 84, 'visibility distance'),
  visibilityQuality: column(84, 85, 'visibility quality'),
  airTemperature: column(87, 92, 'air temperature'),
  airTemperatureQuality: column(92, 93, 'air temperature quality'),
  dewPoint: column(93, 98, 'dew point'),
  dewPointQuality: column(98, 99, 'dew point quality'),
  seaLevelPressure: column(99, 104, 'sea level pressure'),
  seaLevelPressureQuality: column(104, 105, 'sea level pressure quality'),
} as const;

/** Length of the control + mandatory sections, which the "total variable characters" excludes. */
export const FIXED_PART_LENGTH = 105;

/** Section ids that may follow the additional data section (ISD format document, section order). */
const SECTIONS_AFTER_ADDITIONAL = new Set(['REM', 'EQD', 'QNN']);

/** Text of a fixed-width field. */
export function readColumn(record: string, field: Column): string {
  return record.slice(field.start, field.end);
}

/**
 * A signed or unsigned decimal integer ("+0063", "-0121", "0190"). A `-0000` reads as 0, as the
 * lab's parser (Python `int`) reads it, so it never prints as `-0.0`.
 */
export function parseInteger(text: string, what: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new IsdFormatError(`${what} is not a number: "${text}"`);
  return Number(text) + 0;
}

/** An integer field of the fixed part; the error names its 1-based columns, as the ISD document does. */
export function readIntegerColumn(record: string, field: Column): number {
  return parseInteger(readColumn(record, field), `${field.name} (columns ${field.start + 1}–${field.end})`);
}

/**
 * Checks the one piece of self-description a record has: positions 1–4 give the length of
 * everything after the fixed part. A mismatch means a truncated or merged line.
 */
export function checkRecordLength(record: string): void {
  if (record.length < FIXED_PART_LENGTH) {
    throw new IsdFormatError(
      `record is ${record.length} characters long, shorter than the ${FIXED_PART_LENGTH}-character control and mandatory sections`,
    );
  }
  const variableLength = readIntegerColumn(record, COLUMNS.variableLength);
  if (record.length !== FIXED_PART_LENGTH + variableLength) {
    throw new IsdFormatError(
      `record is ${record.length} characters long, but its columns 1–4 announce ${FIXED_PART_LENGTH} + ${variableLength}`,
    );
  }
}

/**
 * The additional data section ("ADD", right after the mandatory section) as a map from field id
 * (`GA1`, `AA2`, ...) to its fixed-length value. A repeated id keeps its last value. The section
 * ends at the remarks (REM), element quality (EQD) or original NCEI (QNN) section, or at the end.
 */
export function readAdditionalData(record: string): ReadonlyMap<string, string> {
  const fields = new Map<string, string>();
  if (record.slice(FIXED_PART_LENGTH, FIXED_PART_LENGTH + 3) !== 'ADD') return fields;
  let position = FIXED_PART_LENGTH + 3;
  while (position < record.length) {
    const fieldId = record.slice(position, position + 3);
    if (SECTIONS_AFTER_ADDITIONAL.has(fieldId)) break;
    const valueLength = additionalFieldValueLength(fieldId);
    if (valueLength === undefined) {
      throw new IsdFormatError(
        `unknown additional-data field "${fieldId}" at column ${position + 1}: the rest of the section cannot be located`,
      );
    }
    const end = position + 3 + valueLength;
    if (end > record.length) {
      throw new IsdFormatError(`additional-data field ${fieldId} at column ${position + 1} is cut short`);
    }
    fields.set(fieldId, record.slice(position + 3, end));
    position = end;
  }
  return fields;
}
