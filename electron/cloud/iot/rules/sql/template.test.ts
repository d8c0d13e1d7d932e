import { describe, expect, it } from 'vitest';
import {
  SqlParseError,
  compileSubstitutionTemplate,
  evaluateRule,
  parseRuleSql,
  renderSubstitutionTemplate,
  type RuleMessage,
} from './index.js';
import { DOC_TIMESTAMP } from './test-support.js';

const STATION = Buffer.from(
  '{"weather_station": "723123", "air_temperature": {"value": -6.7, "quality": "5"}, "wind_speed": {"value": 0.0}}',
);

function message(overrides: Partial<RuleMessage> = {}): RuleMessage {
  return {
    topic: 'sensor/weather',
    payload: STATION,
    timestamp: DOC_TIMESTAMP,
    newUuid: () => '123a4567-b89c-12d3-e456-789012345000',
    ...overrides,
  };
}

describe('substitution templates (iot-substitution-templates)', () => {
  it("republishes to ${topic()}/republish, the page's example", () => {
    const payload = Buffer.from(
      '{"deviceid": "iot123", "temp": 54.98, "humidity": 32.43, "coords": {"latitude": 47.615694, "longitude": -122.3359976}}',
    );
    const m = message({ topic: 'my/iot/topic', payload, timestamp: 1_579_637_878_451 });
    const out = evaluateRule(
      parseRuleSql("SELECT *, timestamp() AS timestamp FROM 'my/iot/topic'", '2016-03-23'),
      m,
    );
    expect(renderSubstitutionTemplate('${topic()}/republish', m)).toBe('my/iot/topic/republish');
    expect(out.matched && out.payload.toString()).toBe(
      '{"deviceid":"iot123","temp":54.98,"humidity":32.43,"coords":{"latitude":47.615694,"longitude":-122.3359976},"timestamp":1579637878451}',
    );
  });

  it.each([
    // The lab's S3 key: one object per message, named by topic and 13-digit timestamp.
    ['${topic()}/${timestamp()}', `sensor/weather/${DOC_TIMESTAMP}`],
    ['${topic(2)}', 'weather'],
    ['${weather_station}', '723123'],
    ['${air_temperature.value}', '-6.7'],
    ['${air_temperature}', '{"value":-6.7,"quality":"5"}'],
    ['${newuuid()}', '123a4567-b89c-12d3-e456-789012345000'],
    ['stations/${weather_station}/${clientid()}.json', 'stations/723123/n/a.json'],
    // s3-rule-action: any expression, operators included.
    [
      "${replace(topic(), '/', '-') + '-' + timestamp() + '-' + newuuid()}",
      `sensor-weather-${DOC_TIMESTAMP}-123a4567-b89c-12d3-e456-789012345000`,
    ],
    // Undefined renders as an empty string; text without ${…} stays as is.
    ['x-${missing}-y', 'x--y'],
    ['cost $5 {not a template} $', 'cost $5 {not a template} $'],
    ["${get(air_temperature, 'quality')}", '5'],
    ['${ upper(weather_station + "}") }', '723123}'],
  ])('%s renders %s', (template, expected) => {
    expect(renderSubstitutionTemplate(template, message())).toBe(expected);
  });

  it('evaluates parse_time as the S3 key example does, and cast(topic(2) AS DECIMAL) (2016-03-23)', () => {
    expect(
      renderSubstitutionTemplate('${parse_time("yyyy", timestamp(), "UTC")}', message(), '2016-03-23'),
    ).toBe('2016');
    expect(
      renderSubstitutionTemplate(
        '${cast(topic(2) AS DECIMAL)}',
        message({ topic: 'device/42/data' }),
        '2016-03-23',
      ),
    ).toBe('42');
    expect(renderSubstitutionTemplate("${ {'a': 1}.a }", message(), '2016-03-23')).toBe('1');
  });

  it('reads the original payload, never SELECT aliases', () => {
    const rule = parseRuleSql("SELECT weather_station AS id FROM 'sensor/weather'", '2016-03-23');
    expect(evaluateRule(rule, message()).matched).toBe(true);
    expect(renderSubstitutionTemplate('${id}|${weather_station}', message())).toBe('|723123');
  });

  it('follows the rule version for numbers', () => {
    expect(renderSubstitutionTemplate('${wind_speed.value}', message(), '2015-10-08')).toBe('0.0');
    expect(renderSubstitutionTemplate('${wind_speed.value}', message(), '2016-03-23')).toBe('0');
  });

  it('renders nothing from a non-JSON payload field (binary-payloads)', () => {
    expect(
      renderSubstitutionTemplate('device/${device_id}', message({ payload: Buffer.from([1, 2, 3]) })),
    ).toBe('device/');
  });

  it.each([
    ['${topic()', 1, 1, 'unclosed substitution template'],
    ['key/${}', 1, 7, 'empty substitution template'],
    ['key/${nosuch()}', 1, 7, 'unknown function nosuch()'],
    ['a\nkey/${topic(}', 2, 13, 'expected an expression'],
    ["${'abc}", 1, 1, 'unclosed substitution template'],
  ])('%j is a SqlParseException at %i:%i', (template, line, column, fragment) => {
    let error: unknown;
    try {
      compileSubstitutionTemplate(template);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SqlParseError);
    const e = error as SqlParseError;
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toContain(fragment);
  });
});
