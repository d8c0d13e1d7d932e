export {
  connectDevice,
  openDeviceConnection,
  type DeviceConnection,
  type DeviceEndpoint,
  type DeviceIdentity,
} from './device-connection.js';
export {
  delayBeforeReading,
  describePaceError,
  formatLabTime,
  MAX_SPEEDUP,
  MIN_SPEEDUP,
  type ReplayPace,
} from './pace.js';
export {
  isdFileReadings,
  labMessageLine,
  startReplay,
  systemClock,
  type Replay,
  type ReplayClock,
  type ReplayOptions,
  type ReplayReading,
  type StationFeed,
  type StationProgress,
  type StationState,
} from './replayer.js';
