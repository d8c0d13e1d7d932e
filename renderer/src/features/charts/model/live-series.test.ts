import { describe, expect, it } from 'vitest';
import type { ReplayStationProgress, ReplayStatus } from '../../../api/contract';
import { addReplayStatus, EMPTY_LIVE_SERIES, type LiveSeriesState } from './live-series';

const station = (
  stationId: string,
  lastTime?: string,
  lastAirTemperature?: number,
): ReplayStationProgress => ({
  stationId,
  thingName: `weather-station_${stationId}`,
  state: 'running',
  sent: 1,
  acknowledged: 1,
  failed: 0,
  rate: 1,
  passes: 0,
  total: 10,
  lastTime,
  lastAirTemperature,
});

const status = (startedAt: string, ...stations: ReplayStationProgress[]): ReplayStatus => ({
  state: 'running',
  startedAt,
  stations,
});

const feed = (statuses: ReplayStatus[], limit?: number): LiveSeriesState =>
  statuses.reduce((state, next) => addReplayStatus(state, next, limit), EMPTY_LIVE_SERIES);

const t0 = '2022-01-01T00:00:00+00:00';
const t1 = '2022-01-01T00:20:00+00:00';
const t2 = '2022-01-01T00:50:00+00:00';
const ms = (time: string) => Date.parse(time);

describe('addReplayStatus', () => {
  it('one point per new reading, none twice', () => {
    const state = feed([
      status('s', station('A', t0, 5), station('B')),
      status('s', station('A', t0, 5), station('B', t0, -20)),
      status('s', station('A', t1, 6), station('B', t0, -20)),
    ]);
    expect(state.stations.map((s) => [s.stationId, s.points])).toEqual([
      [
        'A',
        [
          { x: ms(t0), y: 5 },
          { x: ms(t1), y: 6 },
        ],
      ],
      ['B', [{ x: ms(t0), y: -20 }]],
    ]);
  });

  it('leaves out and counts 999.9 once per reading', () => {
    const state = feed([
      status('s', station('A', t0, 5)),
      status('s', station('A', t1, 999.9)),
      status('s', station('A', t1, 999.9)),
      status('s', station('A', t2, 7)),
    ]);
    expect(state.stations[0]?.points.map((point) => point.y)).toEqual([5, 7]);
    expect(state.stations[0]?.missing).toBe(1);
  });

  it('keeps the newest points only', () => {
    const state = feed(
      [t0, t1, t2].map((time, i) => status('s', station('A', time, i))),
      2,
    );
    expect(state.stations[0]?.points.map((point) => point.y)).toEqual([1, 2]);
  });

  it('a new pass back in time starts the line again; a new replay starts everything again', () => {
    const looped = feed([status('s', station('A', t1, 1)), status('s', station('A', t0, 2))]);
    expect(looped.stations[0]?.points).toEqual([{ x: ms(t0), y: 2 }]);
    const next = addReplayStatus(looped, status('other', station('A', t2, 3)));
    expect(next.stations[0]?.points).toEqual([{ x: ms(t2), y: 3 }]);
  });

  it('answers the same state when nothing changed (no re-render)', () => {
    const state = feed([status('s', station('A', t0, 5))]);
    expect(addReplayStatus(state, status('s', station('A', t0, 5)))).toBe(state);
  });
});
