import { EventEmitter } from 'node:events';
import { readIsdFile, toLabPayload, type StationReading } from '../isd/index.js';
import {
  connectDevice,
  type DeviceConnection,
  type DeviceEndpoint,
  type DeviceIdentity,
} from './device-connection.js';
import { delayBeforeReading, describePaceError, formatLabTime, type ReplayPace } from './pace.js';

/** One reading to replay: when it was recorded, and the reading (its `time` is rewritten when shifted). */
export interface ReplayReading {
  recordedAt: number;
  reading: StationReading;
}

/** One station and the device that publishes its readings (client id = thing name). */
export interface StationFeed {
  stationId: string;
  device: DeviceIdentity;
  /** Called once per pass (again when looping). */
  readings(): AsyncIterable<ReplayReading>;
}

export interface ReplayClock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: ReplayClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (ms <= 0 || signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};

export interface ReplayOptions {
  endpoint: DeviceEndpoint;
  topic?: string;
  pace: ReplayPace;
  /** `recorded`: as NOAA recorded them; `now`: shifted so the first reading is the replay's start. */
  timestamps?: 'recorded' | 'now';
  loop?: boolean;
  /** Unacknowledged QoS 1 publishes per device (AWS IoT allows 100 in flight). */
  maxInFlight?: number;
  clock?: ReplayClock;
}

export type StationState = 'connecting' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed';

export interface StationProgress {
  stationId: string;
  clientId: string;
  state: StationState;
  sent: number;
  acknowledged: number;
  failed: number;
  /** Acknowledged messages per second over the last few seconds. */
  rate: number;
  /** The `time` of the last reading sent. */
  lastTime?: string;
  /** Its air temperature (°C, 999.9 when NOAA has none): the live chart samples it with the progress. */
  lastAirTemperature?: number;
  passes: number;
  error?: string;
}

export interface ReplayEvents {
  progress: [StationProgress[]];
  finished: [StationProgress[]];
}

export interface Replay {
  events: EventEmitter<ReplayEvents>;
  progress(): StationProgress[];
  pause(): void;
  resume(): void;
  /** Stops every station after its in-flight messages are acknowledged; resolves when all are disconnected. */
  stop(): Promise<StationProgress[]>;
  /** Resolves when every station finished (or the replay was stopped). */
  done: Promise<StationProgress[]>;
}

const PROGRESS_INTERVAL_MS = 250;
const RATE_WINDOW_MS = 3000;

/** Bounds the unacknowledged publishes of one device; waiting costs nothing per message in flight. */
class InFlightWindow {
  private count = 0;
  private slotFreed: (() => void) | undefined;
  private drained: (() => void) | undefined;
  constructor(private readonly limit: number) {}
  async acquire(): Promise<void> {
    while (this.count >= this.limit) await new Promise<void>((resolve) => (this.slotFreed = resolve));
    this.count++;
  }
  release(): void {
    this.count--;
    const wake = this.slotFreed;
    this.slotFreed = undefined;
    wake?.();
    if (this.count === 0) this.drained?.();
  }
  async drain(): Promise<void> {
    if (this.count > 0) await new Promise<void>((resolve) => (this.drained = resolve));
  }
}

class PauseGate {
  private waiting: Promise<void> | undefined;
  private release: (() => void) | undefined;
  get paused(): boolean {
    return this.waiting !== undefined;
  }
  pause(): void {
    this.waiting ??= new Promise((resolve) => (this.release = resolve));
  }
  resume(): void {
    this.release?.();
    this.waiting = this.release = undefined;
  }
  async pass(): Promise<void> {
    if (this.waiting) await this.waiting;
  }
}

/**
 * What a station publishes: one JSON line, newline included, byte for byte what the original lab's
 * stations published (the lines of their files). Rules that `SELECT *` re-serialize it, so what reaches
 * Firehose depends on the rule's separator, not on this newline.
 */
export function labMessageLine(reading: StationReading): string {
  return `${toLabPayload(reading)}\n`;
}

export function startReplay(feeds: readonly StationFeed[], options: ReplayOptions): Replay {
  const paceError = describePaceError(options.pace);
  if (paceError) throw new RangeError(paceError);
  const clock = options.clock ?? systemClock;
  const topic = options.topic ?? 'sensor/weather';
  const maxInFlight = options.pace.kind === 'max' ? (options.maxInFlight ?? 100) : 1;
  const events = new EventEmitter<ReplayEvents>();
  const stopping = new AbortController();
  const gate = new PauseGate();
  const startedAt = clock.now();
  const stations: StationProgress[] = feeds.map((feed) => ({
    stationId: feed.stationId,
    clientId: feed.device.clientId,
    state: 'connecting',
    sent: 0,
    acknowledged: 0,
    failed: 0,
    rate: 0,
    passes: 0,
  }));
  const ackTimes: number[][] = feeds.map(() => []);

  const snapshot = (): StationProgress[] => {
    const now = clock.now();
    return stations.map((station, index) => {
      const recent = ackTimes[index]!;
      while (recent.length > 0 && recent[0]! < now - RATE_WINDOW_MS) recent.shift();
      const window = Math.min(RATE_WINDOW_MS, Math.max(1, now - startedAt));
      return {
        ...station,
        rate: Math.round((recent.length * 1000) / window),
        state: gate.paused && station.state === 'running' ? 'paused' : station.state,
      };
    });
  };
  const ticker = setInterval(() => events.emit('progress', snapshot()), PROGRESS_INTERVAL_MS);

  const replayStation = async (feed: StationFeed, index: number): Promise<void> => {
    const station = stations[index]!;
    const acks = ackTimes[index]!;
    let connection: DeviceConnection | undefined;
    const inFlight = new InFlightWindow(maxInFlight);
    try {
      connection = await connectDevice(options.endpoint, feed.device);
      station.state = 'running';
      let offset: number | undefined;
      do {
        let previous: number | undefined;
        let first: number | undefined;
        let last: number | undefined;
        for await (const reading of feed.readings()) {
          await gate.pass();
          if (stopping.signal.aborted) break;
          await clock.sleep(delayBeforeReading(options.pace, previous, reading.recordedAt), stopping.signal);
          if (stopping.signal.aborted) break;
          previous = reading.recordedAt;
          first ??= reading.recordedAt;
          last = reading.recordedAt;
          offset ??= startedAt - reading.recordedAt;
          const message =
            options.timestamps === 'now'
              ? { ...reading.reading, time: formatLabTime(reading.recordedAt + offset) }
              : reading.reading;
          station.lastTime = message.time;
          station.lastAirTemperature = message.air_temperature.value;
          await inFlight.acquire();
          station.sent++;
          void connection
            .publish(topic, labMessageLine(message), 1)
            .then(
              () => {
                station.acknowledged++;
                acks.push(clock.now());
              },
              (error: unknown) => {
                station.failed++;
                station.error = error instanceof Error ? error.message : String(error);
              },
            )
            .finally(() => inFlight.release());
        }
        station.passes++;
        // Looping with shifted timestamps continues the timeline rather than repeating it.
        if (offset !== undefined && first !== undefined && last !== undefined)
          offset += last - first + 60_000;
      } while (options.loop && !stopping.signal.aborted);
      await inFlight.drain();
      station.state = stopping.signal.aborted ? 'stopped' : 'finished';
    } catch (error) {
      await inFlight.drain();
      station.state = 'failed';
      station.error = error instanceof Error ? error.message : String(error);
    } finally {
      await connection?.disconnect().catch(() => undefined);
    }
  };

  const done = Promise.all(feeds.map(replayStation)).then(() => {
    clearInterval(ticker);
    const final = snapshot();
    events.emit('progress', final);
    events.emit('finished', final);
    return final;
  });

  return {
    events,
    progress: snapshot,
    pause: () => gate.pause(),
    resume: () => gate.resume(),
    stop() {
      stopping.abort();
      gate.resume();
      return done;
    },
    done,
  };
}

/** The readings of one NOAA station-year file, in recorded order. */
export function isdFileReadings(file: string): () => AsyncIterable<ReplayReading> {
  return async function* () {
    for await (const reading of readIsdFile(file)) yield { recordedAt: Date.parse(reading.time), reading };
  };
}
