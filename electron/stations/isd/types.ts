/**
 * The lab's message schema: one object per ISD record, published verbatim as the MQTT payload.
 * Keys are snake_case because they are the wire names students query in IoT SQL, Glue and Athena.
 * NOAA's missing-value sentinels (999.9, 9999.9, 99999, 999999, "999") and quality codes are kept
 * as NOAA gives them: cleaning them is part of the lesson.
 */

/** A measured value and its ISD quality code ("1"/"5" passed, "2"/"6" suspect, "9" missing, ...). */
export interface QualifiedValue<V> {
  value: V;
  quality: string;
}

/** AA1–AA4 LIQUID-PRECIPITATION occurrence. */
export interface LiquidPrecipitation {
  /** Accumulation period in hours (99 = missing). */
  hours: number;
  /** Depth in millimetres; null when NOAA says missing (9999). */
  depth: number | null;
}

/**
 * AU1–AU9 PRESENT-WEATHER-OBSERVATION (ASOS/AWOS). Only the parts that are reported appear, in
 * this key order.
 */
export interface WeatherOccurrence {
  intensity?: string;
  descriptor?: string;
  precipitation?: string;
  obscuration?: string;
}

/** AW1–AW5 automated present weather, as the code table's text. */
export interface WeatherCondition {
  present_weather_condition: string;
}

/** GA1–GA6 SKY-COVER-LAYER. */
export interface SkyCoverLayer {
  /** Oktas 0–8, 9 = sky obscured, 10 = partial obscuration; null when missing (99). */
  coverage: number | null;
  /** Layer base height in metres; null when missing (99999). */
  base_height: number | null;
  /** The ISD cloud-type code as text, "MISSING" for 99. */
  cloud_type: string;
}

/** KA1–KA4 EXTREME-AIR-TEMPERATURE. */
export interface ExtremeTemperature {
  /** Period in tenths of an hour (60 = 6 h). */
  hours: number;
  /** "M" maximum, "N" minimum, "O"/"P" estimated minimum/maximum, "9" missing. */
  code: string;
  temperature: QualifiedValue<number>;
}

/** One lab message, parsed from one ISD record. */
export interface StationReading {
  /** USAF id only (6 characters); the lab drops the WBAN part. */
  weather_station: string;
  latitude: number;
  longitude: number;
  elevation: number;
  /** Observation time, UTC, e.g. `2022-01-01T00:20:00+00:00`. */
  time: string;
  air_temperature: QualifiedValue<number>;
  dew_point: QualifiedValue<number>;
  wind_speed: QualifiedValue<number>;
  /** A string in the lab ("190"; "999" = missing or variable). */
  wind_direction: QualifiedValue<string>;
  /** The lab's quality is always "" here. */
  sea_level_pressure: QualifiedValue<number>;
  sky_ceiling: QualifiedValue<number>;
  visibility_distance: QualifiedValue<number>;
  liquid_precip?: LiquidPrecipitation[];
  /** Sic: the lab's spelling, kept because it is the wire name. */
  weather_occurence?: WeatherOccurrence[];
  weather_condition?: WeatherCondition[];
  sky_cover_condition?: SkyCoverLayer[];
  extreme_temperature?: ExtremeTemperature[];
}
