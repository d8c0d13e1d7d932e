/**
 * The benchmark's devices, in their own process (devices are other machines): each connects with the
 * device SDK (mTLS) and publishes lab-sized readings on `sensor/weather` at its share of the target
 * rate, QoS 1, with a bounded number in flight; reports what was sent and acknowledged.
 *   argv[2]: JSON PublisherData; stdout: one JSON line at the end.
 */
import {
  connectDevice,
  type DeviceEndpoint,
  type DeviceIdentity,
} from '../../electron/stations/replay/index.js';

export interface PublisherData {
  endpoint: DeviceEndpoint;
  devices: DeviceIdentity[];
  /** Messages per second, all devices together. */
  rate: number;
  seconds: number;
}

const data = JSON.parse(process.argv[2]!) as PublisherData;
const TICK_MS = 10;
/** Per device: beyond this many unacknowledged messages, a tick sends nothing (the broker is behind). */
const MAX_IN_FLIGHT = 2000;

/** A reading shaped and sized like the lab's (about 600 bytes). */
function reading(station: number, n: number): string {
  return JSON.stringify({
    weather_station: ['030910', '061100', '062800', '713060', '723123'][station % 5],
    latitude: 57.2,
    longitude: -2.217,
    elevation: 69,
    time: new Date(Date.UTC(2022, 0, 1) + n * 600_000).toISOString().replace('.000Z', '+00:00'),
    air_temperature: { value: Math.round(Math.sin(n / 50) * 150) / 10, quality: '1' },
    dew_point: { value: 5.9, quality: '1' },
    wind_speed: { value: 1.0, quality: '1' },
    wind_direction: { value: '190', quality: '1' },
    sea_level_pressure: { value: 1009.5, quality: '' },
    sky_ceiling: { value: 2400, quality: '1' },
    visibility_distance: { value: 10000, quality: '1' },
    liquid_precip: [{ hours: 6, depth: 0.0 }],
    weather_condition: [{ present_weather_condition: 'Rain (not freezing)' }],
    sky_cover_condition: [{ coverage: 8, base_height: 2400, cloud_type: '99' }],
  });
}

const connections = await Promise.all(
  data.devices.map((device) => connectDevice(data.endpoint, device, { cleanSession: true })),
);
let sent = 0;
let acknowledged = 0;
let failed = 0;
const inFlight = connections.map(() => 0);
const sentBy = connections.map(() => 0);
const perDevicePerMs = data.rate / 1000 / connections.length;
/** A device that fell behind (a late timer, a slow broker) catches up at most this much at once. */
const MAX_CATCH_UP_MS = 100;
const started = performance.now();

await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const elapsed = performance.now() - started;
    if (elapsed >= data.seconds * 1000) {
      clearInterval(timer);
      resolve();
      return;
    }
    // The pace comes from the clock, not from the number of ticks: timers run late under load.
    const due = Math.floor(elapsed * perDevicePerMs);
    connections.forEach((connection, index) => {
      sentBy[index] = Math.max(sentBy[index] ?? 0, due - MAX_CATCH_UP_MS * perDevicePerMs);
      while ((sentBy[index] ?? 0) < due && (inFlight[index] ?? 0) < MAX_IN_FLIGHT) {
        sentBy[index]! += 1;
        inFlight[index]! += 1;
        sent += 1;
        connection.publish('sensor/weather', reading(index, sent), 1).then(
          () => {
            inFlight[index]! -= 1;
            acknowledged += 1;
          },
          () => {
            inFlight[index]! -= 1;
            failed += 1;
          },
        );
      }
    });
  }, TICK_MS);
});
const publishSeconds = (performance.now() - started) / 1000;
// The last acknowledgements.
const drainStarted = performance.now();
while (inFlight.some((count) => count > 0) && performance.now() - drainStarted < 20_000) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await Promise.all(connections.map((connection) => connection.disconnect().catch(() => undefined)));
process.stdout.write(
  `${JSON.stringify({ sent, acknowledged, failed, publishSeconds, rate: sent / publishSeconds })}\n`,
);
process.exit(0);
