import {
  CreateTableCommand,
  waitUntilTableExists,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * The lab's DynamoDB hands-on: a table keyed weather_station (S) / time (S), filled by the rule
 * `SELECT weather_station, latitude, longitude, elevation, time, air_temperature.value AS
 * air_temperature_value, air_temperature.quality AS air_temperature_quality, wind_speed.value AS
 * wind_speed_value, weather_condition, sky_cover_condition FROM 'sensor/weather' WHERE
 * air_temperature.value < -5` (../shared/lab-original/NOTES.md). Items here are typed by hand.
 */

export const STATIONS = {
  aberdeen: { id: '030910', latitude: '57.202', longitude: '-2.198', elevation: '66' },
  skrydstrup: { id: '061100', latitude: '55.226', longitude: '9.264', elevation: '43' },
  inukjuak: { id: '713060', latitude: '58.467', longitude: '-78.083', elevation: '25' },
  landOLakes: { id: '723123', latitude: '46.15', longitude: '-89.217', elevation: '327' },
} as const;

export type Station = (typeof STATIONS)[keyof typeof STATIONS];

const CLOUD_TYPES = ['Stratocumulus (Sc)', 'Altostratus (As)', 'Cirrus (Ci)', 'Cumulonimbus (Cb)'];

/** One reading as the lab's rule writes it: numbers as N (in the normalized form DynamoDB reads back), nested lists of maps. */
export function labItem(
  station: Station,
  time: string,
  temperature: number,
  options: { wind?: number; snow?: boolean; layers?: number } = {},
): Record<string, AttributeValue> {
  const layers = options.layers ?? 2;
  return {
    weather_station: { S: station.id },
    latitude: { N: station.latitude },
    longitude: { N: station.longitude },
    elevation: { N: station.elevation },
    time: { S: time },
    air_temperature_value: { N: String(temperature) },
    air_temperature_quality: { S: '1' },
    wind_speed_value: { N: String(options.wind ?? 4.1) },
    weather_condition: {
      L: [{ M: { present_weather_condition: { S: options.snow ? 'Snow' : 'Smoke' } } }],
    },
    sky_cover_condition: {
      L: Array.from({ length: layers }, (_, i) => ({
        M: {
          coverage: { N: String(2 + 3 * i) },
          base_height: { N: String(457 + 1000 * i) },
          cloud_type: { S: CLOUD_TYPES[i % CLOUD_TYPES.length] as string },
        },
      })),
    },
  };
}

/** `2022-01-01T00:00:00+00:00` plus `minutes`, in the lab's time format. */
export function labTime(minutes: number): string {
  return new Date(Date.UTC(2022, 0, 1) + minutes * 60_000).toISOString().replace('.000Z', '+00:00');
}

export function weatherTableInput(TableName: string) {
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: 'weather_station', AttributeType: 'S' as const },
      { AttributeName: 'time', AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: 'weather_station', KeyType: 'HASH' as const },
      { AttributeName: 'time', KeyType: 'RANGE' as const },
    ],
  };
}

/** Creates the lab's table and waits, as the app's automation does, until it is ACTIVE. */
export async function createWeatherTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(new CreateTableCommand(weatherTableInput(name)));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: name });
}
