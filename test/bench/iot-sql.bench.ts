/**
 * How fast the local rules engine evaluates the lab's rules on a real ~600-byte station message.
 * Run: node --import tsx test/bench/iot-sql.bench.ts   (prints one JSON object)
 */
import {
  evaluateRule,
  parseRuleSql,
  prepareMessage,
  renderSubstitutionTemplate,
} from '../../electron/cloud/iot/rules/sql/index.js';

// A verbatim line of station 723123's 2022 file (the lab publishes each line as is).
const PAYLOAD = Buffer.from(
  '{"weather_station": "723123", "latitude": 46.15, "longitude": -89.217, "elevation": 327, "time": "2022-01-05T05:55:00+00:00", ' +
    '"air_temperature": {"value": -6.7, "quality": "5"}, "dew_point": {"value": -8.0, "quality": "5"}, "wind_speed": {"value": 0.0, "quality": "5"}, ' +
    '"wind_direction": {"value": "999", "quality": "9"}, "sea_level_pressure": {"value": 9999.9, "quality": ""}, "sky_ceiling": {"value": 549, "quality": "5"}, ' +
    '"visibility_distance": {"value": 3219, "quality": "5"}, "weather_occurence": [{"intensity": "Light", "precipitation": "Snow"}], ' +
    '"weather_condition": [{"present_weather_condition": "Snow, slight"}], "sky_cover_condition": [{"coverage": 4.0, "base_height": 427.0, "cloud_type": "59"}]}\n',
);

const RULES = {
  selectAll: "SELECT * FROM 'sensor/weather'",
  dynamoDb:
    'SELECT weather_station, latitude, longitude, elevation, time, air_temperature.value as air_temperature_value, ' +
    'air_temperature.quality as air_temperature_quality, wind_speed.value as wind_speed_value, weather_condition, ' +
    "sky_cover_condition FROM 'sensor/weather' WHERE air_temperature.value < -5",
};

function measure(run: (i: number) => void, iterations: number): number {
  for (let i = 0; i < Math.min(iterations, 20_000); i++) run(i); // warm up the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run(i);
  const ns = Number(process.hrtime.bigint() - start);
  return Math.round((iterations * 1e9) / ns);
}

const N = 200_000;
const results: Record<string, number> = {};
for (const [name, sql] of Object.entries(RULES)) {
  for (const version of ['2015-10-08', '2016-03-23'] as const) {
    const rule = parseRuleSql(sql, version);
    // A fresh message each time: the payload is parsed on every evaluation, as for a real publish.
    results[`${name}@${version}`] = measure((i) => {
      const out = evaluateRule(rule, {
        topic: 'sensor/weather',
        payload: PAYLOAD,
        timestamp: 1_700_000_000_000 + i,
      });
      if (!out.matched || out.payload.length === 0) throw new Error('rule did not match');
    }, N);
  }
}
const both = [parseRuleSql(RULES.selectAll, '2016-03-23'), parseRuleSql(RULES.dynamoDb, '2016-03-23')];
results['bothRulesAndS3Key@2016-03-23 (per message)'] = measure((i) => {
  const message = prepareMessage({
    topic: 'sensor/weather',
    payload: PAYLOAD,
    timestamp: 1_700_000_000_000 + i,
  });
  for (const rule of both) evaluateRule(rule, message);
  renderSubstitutionTemplate('${topic()}/${timestamp()}', message, '2016-03-23');
}, N);
const parses = measure(() => parseRuleSql(RULES.dynamoDb, '2016-03-23'), 20_000);
// What the platform's own JSON does with the same message, for scale: parse it and write it back.
const nativeJsonRoundTripsPerSecond = measure(() => {
  if (Buffer.from(JSON.stringify(JSON.parse(PAYLOAD.toString('utf8')))).length === 0)
    throw new Error('empty');
}, N);

const evaluationsPerSecond = results['dynamoDb@2016-03-23'] ?? 0;
console.log(
  JSON.stringify(
    {
      evaluationsPerSecond,
      microsecondsPerEvaluation: Number((1e6 / evaluationsPerSecond).toFixed(2)),
      payloadBytes: PAYLOAD.length,
      byRule: results,
      parsesPerSecond: parses,
      nativeJsonRoundTripsPerSecond,
      node: process.version,
    },
    null,
    2,
  ),
);
