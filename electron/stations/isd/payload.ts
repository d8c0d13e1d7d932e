import type { QualifiedValue, StationReading, WeatherOccurrence } from './types.js';

/**
 * The lab's payload text for a reading: the same bytes the original lab published (Python
 * `json.dumps` of its message), so that Glue infers the same types and students see the same
 * payloads. That means: the lab's key order, ", " and ": " separators, floats always written as
 * floats (`1.0`, `999.9`), integers as integers, non-ASCII escaped. One deliberate difference:
 * a missing optional value is `null`, where the original wrote the invalid JSON token `NaN`.
 */
export function toLabPayload(reading: StationReading): string {
  const members: string[] = [
    member('weather_station', jsonString(reading.weather_station)),
    member('latitude', jsonFloat(reading.latitude)),
    member('longitude', jsonFloat(reading.longitude)),
    member('elevation', jsonInteger(reading.elevation)),
    member('time', jsonString(reading.time)),
    member('air_temperature', qualifiedValue(reading.air_temperature, jsonFloat)),
    member('dew_point', qualifiedValue(reading.dew_point, jsonFloat)),
    member('wind_speed', qualifiedValue(reading.wind_speed, jsonFloat)),
    member('wind_direction', qualifiedValue(reading.wind_direction, jsonString)),
    member('sea_level_pressure', qualifiedValue(reading.sea_level_pressure, jsonFloat)),
    member('sky_ceiling', qualifiedValue(reading.sky_ceiling, jsonInteger)),
    member('visibility_distance', qualifiedValue(reading.visibility_distance, jsonInteger)),
  ];
  if (reading.liquid_precip?.length) {
    const items = reading.liquid_precip.map((precipitation) =>
      object([
        member('hours', jsonInteger(precipitation.hours)),
        member('depth', jsonFloat(precipitation.depth)),
      ]),
    );
    members.push(member('liquid_precip', array(items)));
  }
  if (reading.weather_occurence?.length) {
    members.push(member('weather_occurence', array(reading.weather_occurence.map(weatherOccurrence))));
  }
  if (reading.weather_condition?.length) {
    const items = reading.weather_condition.map((condition) =>
      object([member('present_weather_condition', jsonString(condition.present_weather_condition))]),
    );
    members.push(member('weather_condition', array(items)));
  }
  if (reading.sky_cover_condition?.length) {
    const items = reading.sky_cover_condition.map((layer) =>
      object([
        member('coverage', jsonFloat(layer.coverage)),
        member('base_height', jsonFloat(layer.base_height)),
        member('cloud_type', jsonString(layer.cloud_type)),
      ]),
    );
    members.push(member('sky_cover_condition', array(items)));
  }
  if (reading.extreme_temperature?.length) {
    const items = reading.extreme_temperature.map((extreme) =>
      object([
        member('hours', jsonInteger(extreme.hours)),
        member('code', jsonString(extreme.code)),
        member('temperature', qualifiedValue(extreme.temperature, jsonFloat)),
      ]),
    );
    members.push(member('extreme_temperature', array(items)));
  }
  return object(members);
}

function weatherOccurrence(occurrence: WeatherOccurrence): string {
  const members: string[] = [];
  // Only the reported parts, in the lab's order.
  if (occurrence.intensity !== undefined) members.push(member('intensity', jsonString(occurrence.intensity)));
  if (occurrence.descriptor !== undefined)
    members.push(member('descriptor', jsonString(occurrence.descriptor)));
  if (occurrence.precipitation !== undefined) {
    members.push(member('precipitation', jsonString(occurrence.precipitation)));
  }
  if (occurrence.obscuration !== undefined)
    members.push(member('obscuration', jsonString(occurrence.obscuration)));
  return object(members);
}

function qualifiedValue<V>(field: QualifiedValue<V>, formatValue: (value: V) => string): string {
  return object([member('value', formatValue(field.value)), member('quality', jsonString(field.quality))]);
}

// Keys are the lab's plain ASCII names: no escaping needed.
const member = (key: string, valueText: string): string => `"${key}": ${valueText}`;
const object = (members: readonly string[]): string => `{${members.join(', ')}}`;
const array = (items: readonly string[]): string => `[${items.join(', ')}]`;

/** A JSON string as Python's json.dumps writes it: every character outside printable ASCII escaped. */
export function jsonString(text: string): string {
  if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(text)) return `"${text}"`; // nothing to escape: most texts
  return JSON.stringify(text).replace(
    /[^\x20-\x7e]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function jsonInteger(value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'null' : String(value);
}

/**
 * A number written as Python writes a float (`repr`): the shortest text that reads back to the
 * same double, always with a decimal point or an exponent (`1.0`, `57.2`, `1e-05`, `1e+16`).
 * Python switches to exponent notation below 1e-4 and from 1e16; JavaScript at other bounds,
 * so only the digits are taken from JavaScript. Non-finite numbers and null become `null`.
 */
export function jsonFloat(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'null';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    // Both languages write this range positionally with the same shortest digits.
    return Number.isInteger(value) ? `${value}.0` : String(value);
  }
  // toExponential() without an argument gives the shortest round-trip digits: "-1.2345e+3".
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = value < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const significand = digits.length > 1 ? `${digits.slice(0, 1)}.${digits.slice(1)}` : digits;
    const exponentSign = exponent < 0 ? '-' : '+';
    return `${sign}${significand}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const integerDigitCount = exponent + 1;
  if (digits.length <= integerDigitCount) return `${sign}${digits.padEnd(integerDigitCount, '0')}.0`;
  return `${sign}${digits.slice(0, integerDigitCount)}.${digits.slice(integerDigitCount)}`;
}
