import { _adapters, type TimeUnit } from 'chart.js';
import { parseTime } from './model/time-values';
import {
  addUnits,
  diffUnits,
  endOfUnit,
  formatUnit,
  startOfUnit,
  UNIT_FORMATS,
  type CalendarUnit,
} from './model/utc-calendar';

/**
 * Chart.js's time axis, in UTC and in the user's language (the `language` adapter option), through
 * the calendar functions of `model/utc-calendar.ts`. Format names are the units themselves.
 */
let installed = false;

export function installUtcDateAdapter(): void {
  if (installed) return;
  installed = true;
  const formats = Object.fromEntries(Object.keys(UNIT_FORMATS).map((unit) => [unit, unit])) as Record<
    TimeUnit | 'datetime',
    string
  >;
  _adapters._date.override<{ language?: string }>({
    formats: () => formats,
    parse(value) {
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      if (value instanceof Date) return value.getTime();
      if (typeof value === 'string') return parseTime(value)?.ms ?? null;
      return null;
    },
    format(timestamp, format) {
      return formatUnit(this.options.language ?? 'en', timestamp, format);
    },
    add: (timestamp, amount, unit) => addUnits(timestamp, amount, unit as CalendarUnit),
    diff: (a, b, unit) => diffUnits(a, b, unit as CalendarUnit),
    startOf: (timestamp, unit, weekday) =>
      startOfUnit(timestamp, unit as CalendarUnit | 'isoWeek', typeof weekday === 'number' ? weekday : 1),
    endOf: (timestamp, unit) => endOfUnit(timestamp, unit as CalendarUnit),
  });
}
