/**
 * Our parser of raw NOAA ISD ("ISH") records into the lab's messages. Format reference: NOAA NCEI,
 * "Federal Climate Complex Data Documentation for Integrated Surface Data" (ish-format-document).
 */
export { parseIsdRecord } from './parse.js';
export { readIsdFile, readIsdLines, type IsdLine } from './read-file.js';
export { toLabPayload } from './payload.js';
export { COLUMNS, IsdFormatError, readAdditionalData, readColumn } from './record.js';
export { describeCloudType, describePresentWeatherCondition } from './code-tables.js';
export type {
  ExtremeTemperature,
  LiquidPrecipitation,
  QualifiedValue,
  SkyCoverLayer,
  StationReading,
  WeatherCondition,
  WeatherOccurrence,
} from './types.js';
