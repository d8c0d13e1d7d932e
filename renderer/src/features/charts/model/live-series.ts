import type { ReplayStatus } from '../../../api/contract';
import type { ChartPoint } from './chart-data';

/**
 * The stations' air temperature as the replay goes, one series per station, from the `replay.progress`
 * events (every 250 ms: each brings each station's latest reading, so a fast replay is sampled, a
 * lab-paced one is complete). NOAA's 999.9 ("missing") is left out and counted, and each series keeps
 * its newest points only.
 */

/** NOAA ISD's missing value for air temperature. */
export const MISSING_TEMPERATURE = 999.9;
export const LIVE_POINTS_PER_STATION = 500;

export interface LiveStationSeries {
  stationId: string;
  /** x: the reading's time (epoch ms), y: °C. */
  points: ChartPoint[];
  /** Readings seen with 999.9. */
  missing: number;
  /** The time of the latest reading seen (kept or not). */
  seenAt?: number;
}

export interface LiveSeriesState {
  /** The replay these series belong to (its start time). */
  replayStartedAt?: string;
  stations: LiveStationSeries[];
}

export const EMPTY_LIVE_SERIES: LiveSeriesState = { stations: [] };

/** The series with what one status adds: a new replay starts them over. */
export function addReplayStatus(
  state: LiveSeriesState,
  status: ReplayStatus,
  limit = LIVE_POINTS_PER_STATION,
): LiveSeriesState {
  const fresh = status.startedAt !== state.replayStartedAt;
  const previous = fresh ? [] : state.stations;
  let changed = fresh;
  const stations = status.stations.map((station): LiveStationSeries => {
    const series = previous.find((candidate) => candidate.stationId === station.stationId) ?? {
      stationId: station.stationId,
      points: [],
      missing: 0,
    };
    const temperature = station.lastAirTemperature;
    const time = station.lastTime === undefined ? Number.NaN : Date.parse(station.lastTime);
    if (temperature === undefined || !Number.isFinite(time)) return series;
    if (series.seenAt === time) return series;
    changed = true;
    if (temperature === MISSING_TEMPERATURE) return { ...series, missing: series.missing + 1, seenAt: time };
    // A looping replay of recorded times goes back to January: the new pass starts a new line.
    const last = series.points.at(-1);
    const kept = last && time < last.x ? [] : series.points;
    const points = [...kept, { x: time, y: temperature }];
    return {
      ...series,
      seenAt: time,
      points: points.length > limit ? points.slice(points.length - limit) : points,
    };
  });
  if (!changed && stations.length === previous.length) return state;
  return { replayStartedAt: status.startedAt, stations };
}
