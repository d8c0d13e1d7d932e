import {
  describeCloudType,
  describePresentWeatherCondition,
  describeWeatherOccurrence,
} from './code-tables.js';
import {
  COLUMNS,
  IsdFormatError,
  checkRecordLength,
  parseInteger,
  readAdditionalData,
  readColumn,
  readIntegerColumn,
} from './record.js';
import type {
  ExtremeTemperature,
  LiquidPrecipitation,
  QualifiedValue,
  SkyCoverLayer,
  StationReading,
  WeatherCondition,
  WeatherOccurrence,
} from './types.js';

/** ISD stores latitude and longitude in thousandths of a degree. */
const GEO_SCALE = 1000;
/** Temperatures, speeds, pressures and precipitation depths are stored in tenths. */
const TENTHS = 10;

/** How many repeats of each additional field the lab's message carries (ISD format document). */
const MAX_REPEATS = {
  liquidPrecipitation: 4, // AA1–AA4
  weatherOccurrence: 9, // AU1–AU9 (the lab's parser stopped at AU8; no record here has more than AU2)
  weatherCondition: 5, // AW1–AW5
  skyCoverLayer: 6, // GA1–GA6
  extremeTemperature: 4, // KA1–KA4 (the lab's parser stopped at KA3, dropping e.g. the 24-hour minimum)
} as const;

/**
 * Parses one raw ISD ("ISH") record, one line of a NOAA station-year file, into the lab's message.
 * Throws IsdFormatError when the record does not follow the ISD format document.
 */
export function parseIsdRecord(record: string): StationReading {
  const line = record.endsWith('\r') ? record.slice(0, -1) : record;
  checkRecordLength(line);
  const additional = readAdditionalData(line);

  const reading: StationReading = {
    weather_station: readColumn(line, COLUMNS.usaf),
    latitude: readIntegerColumn(line, COLUMNS.latitude) / GEO_SCALE,
    longitude: readIntegerColumn(line, COLUMNS.longitude) / GEO_SCALE,
    elevation: readIntegerColumn(line, COLUMNS.elevation),
    time: readObservationTime(line),
    air_temperature: qualified(
      readIntegerColumn(line, COLUMNS.airTemperature) / TENTHS,
      readColumn(line, COLUMNS.airTemperatureQuality),
    ),
    dew_point: qualified(
      readIntegerColumn(line, COLUMNS.dewPoint) / TENTHS,
      readColumn(line, COLUMNS.dewPointQuality),
    ),
    wind_speed: qualified(
      readIntegerColumn(line, COLUMNS.windSpeed) / TENTHS,
      readColumn(line, COLUMNS.windSpeedQuality),
    ),
    // The lab keeps the direction as NOAA's 3-character text ("190", "999").
    wind_direction: qualified(
      readColumn(line, COLUMNS.windDirection),
      readColumn(line, COLUMNS.windDirectionQuality),
    ),
    // The lab's schema has always carried an empty quality here (its parser read the zero-width
    // slice [104:104]); NOAA's code in column 105 is left out to keep that schema.
    sea_level_pressure: qualified(readIntegerColumn(line, COLUMNS.seaLevelPressure) / TENTHS, ''),
    sky_ceiling: qualified(
      readIntegerColumn(line, COLUMNS.ceilingHeight),
      readColumn(line, COLUMNS.ceilingHeightQuality),
    ),
    visibility_distance: qualified(
      readIntegerColumn(line, COLUMNS.visibility),
      readColumn(line, COLUMNS.visibilityQuality),
    ),
  };

  const liquidPrecip = repeats(additional, 'AA', MAX_REPEATS.liquidPrecipitation, parseLiquidPrecipitation);
  if (liquidPrecip.length > 0) reading.liquid_precip = liquidPrecip;
  const occurrences = repeats(additional, 'AU', MAX_REPEATS.weatherOccurrence, parseWeatherOccurrence);
  if (occurrences.length > 0) reading.weather_occurence = occurrences;
  const conditions = repeats(additional, 'AW', MAX_REPEATS.weatherCondition, parseWeatherCondition);
  if (conditions.length > 0) reading.weather_condition = conditions;
  const layers = repeats(additional, 'GA', MAX_REPEATS.skyCoverLayer, parseSkyCoverLayer);
  if (layers.length > 0) reading.sky_cover_condition = layers;
  const extremes = repeats(additional, 'KA', MAX_REPEATS.extremeTemperature, parseExtremeTemperature);
  if (extremes.length > 0) reading.extreme_temperature = extremes;
  return reading;
}

function qualified<V>(value: V, quality: string): QualifiedValue<V> {
  return { value, quality };
}

/** Values of `<family>1` … `<family><max>` in id order (not record order), each parsed. */
function repeats<T>(
  additional: ReadonlyMap<string, string>,
  family: string,
  max: number,
  parse: (value: string, fieldId: string) => T,
): T[] {
  const parsed: T[] = [];
  for (let repeat = 1; repeat <= max; repeat++) {
    const fieldId = `${family}${repeat}`;
    const value = additional.get(fieldId);
    if (value !== undefined) parsed.push(parse(value, fieldId));
  }
  return parsed;
}

/**
 * Control section positions 16–27: date YYYYMMDD and time HHMM, UTC. Some sources write 2400 for
 * midnight at the end of the day; Date.UTC rolls it over to 00:00 of the next day.
 */
function readObservationTime(line: string): string {
  const date = readColumn(line, COLUMNS.date);
  const time = readColumn(line, COLUMNS.time);
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(date + time);
  const [year, month, day, hour, minute] = (match?.slice(1) ?? []).map(Number);
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour > 24 ||
    minute > 59
  ) {
    throw new IsdFormatError(`observation date and time (columns 16–27) are not valid: "${date}${time}"`);
  }
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (hour < 24 && instant.getUTCDate() !== day) {
    throw new IsdFormatError(`observation date (columns 16–23) does not exist: "${date}"`);
  }
  return `${instant.toISOString().slice(0, 19)}+00:00`;
}

/** AA: period quantity in hours (2), depth in tenths of mm (4), condition (1), quality (1). */
function parseLiquidPrecipitation(value: string, fieldId: string): LiquidPrecipitation {
  const depth = value.slice(2, 6);
  return {
    hours: parseInteger(value.slice(0, 2), `${fieldId} period`),
    depth: depth === '9999' ? null : parseInteger(depth, `${fieldId} depth`) / TENTHS,
  };
}

/**
 * AU: intensity (1), descriptor (1), precipitation (2), obscuration (1), other phenomena (1),
 * combination indicator (1), quality (1). The lab reports the first four, only when present.
 */
function parseWeatherOccurrence(value: string): WeatherOccurrence {
  const texts = describeWeatherOccurrence({
    intensity: value.slice(0, 1),
    descriptor: value.slice(1, 2),
    precipitation: value.slice(2, 4),
    obscuration: value.slice(4, 5),
  });
  const occurrence: WeatherOccurrence = {};
  if (texts.intensity) occurrence.intensity = texts.intensity;
  if (texts.descriptor) occurrence.descriptor = texts.descriptor;
  if (texts.precipitation) occurrence.precipitation = texts.precipitation;
  if (texts.obscuration) occurrence.obscuration = texts.obscuration;
  return occurrence;
}

/** AW: automated atmospheric condition code (2), quality (1). */
function parseWeatherCondition(value: string): WeatherCondition {
  return { present_weather_condition: describePresentWeatherCondition(value.slice(0, 2)) };
}

/**
 * GA: coverage code (2), its quality (1), base height in metres with sign (6), its quality (1),
 * cloud-type code (2), its quality (1). The cloud type is read at positions 11–12 of the value;
 * the lab's original parser read 10–11 (base-height quality + first type digit), which is wrong.
 */
function parseSkyCoverLayer(value: string, fieldId: string): SkyCoverLayer {
  const coverage = value.slice(0, 2);
  const baseHeight = parseInteger(value.slice(3, 9), `${fieldId} base height`);
  return {
    coverage: coverage === '99' ? null : parseInteger(coverage, `${fieldId} coverage`),
    base_height: baseHeight === 99999 ? null : baseHeight,
    cloud_type: describeCloudType(value.slice(10, 12)),
  };
}

/** KA: period in tenths of hours (3), code (1), temperature in tenths of °C with sign (5), quality (1). */
function parseExtremeTemperature(value: string, fieldId: string): ExtremeTemperature {
  return {
    hours: parseInteger(value.slice(0, 3), `${fieldId} period`),
    code: value.slice(3, 4),
    temperature: qualified(
      parseInteger(value.slice(4, 9), `${fieldId} temperature`) / TENTHS,
      value.slice(9, 10),
    ),
  };
}
