import { evaluateRule, parseRuleSql, type ParsedRule } from '../../cloud/iot/rules/sql/index.js';
import type { SqlVersion } from '../../cloud/iot/rules/sql/index.js';
import { parseIsdRecord, toLabPayload } from '../../stations/isd/index.js';
import { SAMPLE_RECORDS } from '../../stations/isd/sample-records.js';
import type { CheckResult } from '../context.js';
import { fail } from '../context.js';

/**
 * Judging a student's rule by what it does rather than how it is written: the rule's SQL (read
 * through GetTopicRule) and the step's reference SQL both run, with the AWS IoT SQL evaluator, on
 * real lab messages; any difference becomes a specific hint. AWS has no API to try a rule on a
 * message, so the judge runs here, in the app, in both modes.
 */

export interface SampleMessage {
  station: string;
  temperature: number;
  payload: string;
}

function sample(record: string, change?: (message: Record<string, unknown>) => void): SampleMessage {
  const message = JSON.parse(toLabPayload(parseIsdRecord(record))) as Record<string, unknown>;
  change?.(message);
  const temperature = (message.air_temperature as { value: number }).value;
  return { station: String(message.weather_station), temperature, payload: JSON.stringify(message) };
}

/** Real readings: mild Aberdeen, snowy Land O' Lakes at −6.7 °C, Inukjuak at −16.6 °C, and the −5 °C edge. */
export const SAMPLE_MESSAGES: readonly SampleMessage[] = [
  sample(SAMPLE_RECORDS.aberdeenSynop),
  sample(SAMPLE_RECORDS.landOLakesSnow),
  sample(SAMPLE_RECORDS.inukjuakSynop),
  sample(SAMPLE_RECORDS.aberdeenSynop, (message) => {
    message.air_temperature = { value: -5.0, quality: '1' };
  }),
];

const OBJECT_FIELDS = [
  'air_temperature',
  'dew_point',
  'wind_speed',
  'wind_direction',
  'sea_level_pressure',
  'sky_ceiling',
  'visibility_distance',
];

/** `WHERE wind_speed > 20`: a comparison on one of the lab's `{value, quality}` objects. */
export function objectComparedInWhere(sql: string): string | undefined {
  const where = /\bwhere\b([\s\S]*)$/i.exec(sql)?.[1];
  if (!where) return undefined;
  for (const field of OBJECT_FIELDS) {
    const before = new RegExp(`\\b${field}\\b(?!\\s*[.\\[])\\s*(<=|>=|<>|!=|<|>|=)`, 'i');
    const after = new RegExp(`(<=|>=|<>|!=|<|>|=)\\s*\\b${field}\\b(?!\\s*[.\\[])`, 'i');
    if (before.test(where) || after.test(where)) return field;
  }
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number' || typeof a === 'bigint' || typeof b === 'bigint') {
    return Number(a) === Number(b);
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return (
      keysA.length === keysB.length &&
      keysA.every((key) =>
        sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
      )
    );
  }
  return a === b;
}

export function parseStudentRule(sql: string, version: string | undefined): ParsedRule {
  return parseRuleSql(sql, (version ?? '2015-10-08') as SqlVersion);
}

/** Runs both rules on the samples; the first difference as a hint, or undefined when they agree. */
export function compareRuleBehaviour(
  ruleName: string,
  student: ParsedRule,
  reference: ParsedRule,
  messages: readonly SampleMessage[] = SAMPLE_MESSAGES,
): CheckResult | undefined {
  for (const [index, message] of messages.entries()) {
    const input = {
      topic: reference.topicFilter ?? 'sensor/weather',
      payload: Buffer.from(message.payload),
      clientId: 'weather-station_0',
      timestamp: 1_700_000_000_000 + index,
    };
    const expected = evaluateRule(reference, input);
    const actual = evaluateRule(student, input);
    const values = { rule: ruleName, station: message.station, value: message.temperature.toFixed(1) };
    if (expected.matched && !actual.matched) {
      const field = objectComparedInWhere(student.sql);
      return field
        ? fail('rule-where-compares-object', { rule: ruleName, field })
        : fail('rule-drops-message', values);
    }
    if (!expected.matched && actual.matched) return fail('rule-keeps-message', values);
    if (!expected.matched || !actual.matched) continue;
    const want = expected.result as Record<string, unknown>;
    const got = (actual.result ?? {}) as Record<string, unknown>;
    if (typeof got !== 'object' || Array.isArray(got) || Buffer.isBuffer(got)) {
      return fail('rule-field-value', { rule: ruleName, field: '*' });
    }
    for (const field of Object.keys(want))
      if (!(field in got)) return fail('rule-missing-field', { rule: ruleName, field });
    for (const field of Object.keys(got))
      if (!(field in want)) return fail('rule-extra-field', { rule: ruleName, field });
    for (const field of Object.keys(want)) {
      if (!sameValue(want[field], got[field])) return fail('rule-field-value', { rule: ruleName, field });
    }
  }
  return undefined;
}
