import type { ChartQuery } from '../../api/contract';

/** Lesson 09's two charts (lessons/09-charts): the builder offers their queries, ready to run. */
export const LESSON_DATABASE = 'weather_station_db';

export function conditionsExample(): ChartQuery {
  return {
    engine: 'athena',
    database: LESSON_DATABASE,
    workGroup: 'primary',
    sql: [
      'SELECT present_weather_condition,',
      '       count(DISTINCT weather_station || time) AS readings',
      `FROM "${LESSON_DATABASE}"."weather_data_unnested"`,
      'GROUP BY present_weather_condition',
      'ORDER BY readings DESC',
      'LIMIT 15',
    ].join('\n'),
  };
}

/** The lake's table is named after the bucket, which ends with the account id. */
export function temperaturesExample(accountId: string): ChartQuery {
  return {
    engine: 'athena',
    database: LESSON_DATABASE,
    workGroup: 'primary',
    sql: [
      'SELECT weather_station,',
      '       substr(time, 1, 7) AS month,',
      '       round(avg(air_temperature.value), 1) AS avg_temperature',
      `FROM "${LESSON_DATABASE}"."iot_tutorial_datalake_${accountId}"`,
      'WHERE air_temperature.value <> 999.9',
      'GROUP BY weather_station, substr(time, 1, 7)',
      'ORDER BY weather_station, month',
    ].join('\n'),
  };
}
