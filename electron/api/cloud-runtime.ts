import { createLocalCloud, type GatewayCall, type LocalCloud } from '../cloud/index.js';
import type { CloudCall, CloudCallCounters, CloudState, CloudStatus } from './contract.js';
import type { LabEvent } from './handlers/types.js';

/** The local cloud as the API sees it: its state, its counters and its latest calls. */
export interface CloudRuntime {
  status(): CloudStatus;
  /** Most recent first. */
  recentCalls(limit: number): CloudCall[];
  /** The running local cloud itself, for in-process views (Firehose buffers, rule metrics); undefined otherwise. */
  local(): LocalCloud | undefined;
  /** Calls `listener` with each local cloud that starts running (now if one runs, and after a restart). */
  onRunning(listener: (cloud: LocalCloud) => void): () => void;
  /** Settles once the cloud runs or has failed to start; never rejects. */
  ready: Promise<CloudStatus>;
  /**
   * Stops the cloud, runs `whileStopped` (the instructor's lab-folder reset), then starts it again on
   * the same ports, so clients keep their endpoint. Resolves with the new status.
   */
  restart(whileStopped: () => Promise<void>): Promise<CloudStatus>;
  stop(): Promise<void>;
}

export interface CloudRuntimeOptions {
  labDir: string;
  port?: number;
  mqttPort?: number;
  log: (line: string) => void;
  emit: (event: LabEvent) => void;
}

const KEPT_CALLS = 200;
/** Counters change on every call: their `cloud.status` event is sent at most this often. */
const STATUS_INTERVAL_MS = 250;

export function startCloudRuntime(options: CloudRuntimeOptions): CloudRuntime {
  const { labDir, log, emit } = options;
  let state: CloudState = 'starting';
  let error: string | undefined;
  let startedAt: string | undefined;
  let cloud: LocalCloud | undefined;
  const counters: CloudCallCounters = { total: 0, errors: 0, byService: {} };
  const calls: CloudCall[] = [];
  let statusTimer: NodeJS.Timeout | undefined;

  const status = (): CloudStatus => ({
    state,
    error,
    endpoints: state === 'running' ? cloud?.endpoints : undefined,
    labDir,
    startedAt,
    calls: { ...counters, byService: { ...counters.byService } },
  });

  const emitStatus = (): void => {
    clearTimeout(statusTimer);
    statusTimer = undefined;
    emit({ name: 'cloud.status', payload: status() });
  };

  const setState = (next: CloudState, reason?: string): void => {
    state = next;
    error = reason;
    emitStatus();
  };

  const recordCall = (gatewayCall: GatewayCall): void => {
    const call: CloudCall = {
      requestId: gatewayCall.requestId,
      at: new Date().toISOString(),
      service: gatewayCall.service,
      operation: gatewayCall.operation,
      status: gatewayCall.status,
      errorCode: gatewayCall.errorCode,
      durationMs: gatewayCall.durationMs,
    };
    calls.unshift(call);
    calls.length = Math.min(calls.length, KEPT_CALLS);
    counters.total += 1;
    if (call.status >= 400) counters.errors += 1;
    counters.byService[call.service] = (counters.byService[call.service] ?? 0) + 1;
    emit({ name: 'cloud.call', payload: call });
    statusTimer ??= setTimeout(emitStatus, STATUS_INTERVAL_MS);
  };

  const runningListeners = new Set<(cloud: LocalCloud) => void>();
  const start = (port: number | undefined, mqttPort: number | undefined): Promise<CloudStatus> =>
    createLocalCloud({ dir: labDir, port, mqttPort, log }).then(
      (started) => {
        cloud = started;
        cloud.events.on('call', recordCall);
        startedAt = new Date().toISOString();
        log(`Local cloud running at ${started.endpoints.endpoint} (lab folder ${labDir})`);
        setState('running');
        for (const listener of runningListeners) listener(started);
        return status();
      },
      (cause: unknown) => {
        const message = cause instanceof Error ? cause.message : String(cause);
        log(`The local cloud did not start: ${message}`);
        setState('error', message);
        return status();
      },
    );
  const ready = start(options.port, options.mqttPort);

  let stopping: Promise<void> | undefined;
  let restarting: Promise<CloudStatus> | undefined;
  const restart = (whileStopped: () => Promise<void>): Promise<CloudStatus> => {
    if (stopping) return Promise.reject(new Error('The local cloud is stopping.'));
    if (restarting) return Promise.reject(new Error('The local cloud is already restarting.'));
    restarting = (async () => {
      await ready;
      const previous = cloud;
      const port = previous ? Number(new URL(previous.endpoints.endpoint).port) : options.port;
      const mqttPort = previous ? previous.endpoints.mqtt.port : options.mqttPort;
      if (previous) {
        previous.events.off('call', recordCall);
        cloud = undefined;
        await previous.stop();
        setState('stopped');
      }
      try {
        await whileStopped();
      } finally {
        setState('starting');
        await start(port, mqttPort);
      }
      return status();
    })().finally(() => {
      restarting = undefined;
    });
    return restarting;
  };

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await ready;
      await restarting?.catch(() => undefined);
      if (!cloud) return;
      cloud.events.off('call', recordCall);
      await cloud.stop();
      clearTimeout(statusTimer);
      setState('stopped');
    })();
    return stopping;
  };

  return {
    status,
    recentCalls: (limit) => calls.slice(0, limit),
    local: () => (state === 'running' ? cloud : undefined),
    onRunning(listener) {
      runningListeners.add(listener);
      if (state === 'running' && cloud) listener(cloud);
      return () => runningListeners.delete(listener);
    },
    ready,
    restart,
    stop,
  };
}
