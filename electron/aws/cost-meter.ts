import type { IoTClient } from '@aws-sdk/client-iot';
import type { CostEstimateInfo, LabMode, ReplayStatus } from '../api/contract.js';
import type { SdkCallRecord } from './client-factory.js';
import { estimateCost } from './cost.js';
import { createUsageMeter, ruleFanOut, type RuleFanOut } from './usage-meter.js';

/**
 * The cost meter: the lab's usage since the app started or the mode last changed, priced by
 * `estimateCost`. SDK calls are counted as they happen; messages come from the replay's counters
 * and the MQTT test client's; what each message sets off (rules, actions, Firehose records, S3
 * objects, DynamoDB writes) from the topic rules that match the replay's topic.
 */
export interface CostMeter {
  observeCall(call: SdkCallRecord): void;
  observeReplay(status: ReplayStatus): void;
  /** Starts counting again (the mode changed: the other cloud's usage is not this one's). */
  reset(mqtt: MqttCounts): void;
  estimate(input: CostMeterInput): Promise<CostEstimateInfo>;
}

export interface MqttCounts {
  published: number;
  received: number;
}

export interface CostMeterInput {
  mode: LabMode;
  mqtt: MqttCounts;
  /** The target's IoT client, to read the rules; rules are not counted without it. */
  iot?: IoTClient;
  topic: string;
}

interface ReplayRun {
  acknowledged: number;
  /** Acknowledged before the meter was reset, not counted. */
  baseline: number;
  stations: number;
  startedAt: number;
  endedAt?: number;
}

const NO_FAN_OUT: RuleFanOut = { rules: 0, actions: 0, s3: 0, firehose: 0, dynamodb: 0 };

export function createCostMeter(now: () => number = Date.now): CostMeter {
  const calls = createUsageMeter();
  const runs = new Map<string, ReplayRun>();
  let mqttBaseline: MqttCounts = { published: 0, received: 0 };
  let since = now();

  return {
    observeCall: (call) => calls.observe(call),

    observeReplay(status) {
      if (!status.startedAt) return;
      const acknowledged = status.stations.reduce((sum, station) => sum + station.acknowledged, 0);
      const run = runs.get(status.startedAt) ?? {
        acknowledged: 0,
        baseline: 0,
        stations: status.stations.length,
        startedAt: Math.max(Date.parse(status.startedAt), since),
      };
      run.acknowledged = Math.max(run.acknowledged, acknowledged);
      if (status.endedAt) run.endedAt = Date.parse(status.endedAt);
      runs.set(status.startedAt, run);
    },

    reset(mqtt) {
      calls.reset();
      since = now();
      mqttBaseline = { ...mqtt };
      for (const [key, run] of runs) {
        if (run.endedAt !== undefined) runs.delete(key);
        else Object.assign(run, { baseline: run.acknowledged, startedAt: since });
      }
    },

    async estimate({ mode, mqtt, iot, topic }) {
      const usage = calls.snapshot();
      const replayed = [...runs.values()].reduce((sum, run) => sum + run.acknowledged - run.baseline, 0);
      const connectionMinutes = [...runs.values()].reduce(
        (sum, run) => sum + run.stations * Math.ceil(((run.endedAt ?? now()) - run.startedAt) / 60_000),
        0,
      );
      const published = replayed + Math.max(0, mqtt.published - mqttBaseline.published);
      const delivered = Math.max(0, mqtt.received - mqttBaseline.received);
      let fanOut = NO_FAN_OUT;
      if (iot && published > 0) {
        try {
          fanOut = await ruleFanOut(iot, topic);
        } catch {
          // Rules unreadable (not running, no permission): the estimate leaves them out.
        }
      }
      usage.messagesPublished = published;
      usage.messagesDelivered = delivered;
      usage.connectionMinutes = connectionMinutes;
      usage.rulesTriggered = published * fanOut.rules;
      usage.ruleActions = published * fanOut.actions;
      usage.firehoseRecords = published * fanOut.firehose;
      usage.s3PutRequests += published * fanOut.s3;
      usage.dynamodbWriteUnits += published * fanOut.dynamodb;
      usage.s3StoredBytes += published * (fanOut.s3 + fanOut.firehose) * usage.messageBytes;
      const estimate = estimateCost(usage);
      return {
        mode,
        ...estimate,
        usage: {
          messagesPublished: usage.messagesPublished,
          messagesDelivered: usage.messagesDelivered,
          messageBytes: usage.messageBytes,
          connectionMinutes: usage.connectionMinutes,
          rulesTriggered: usage.rulesTriggered,
          ruleActions: usage.ruleActions,
          firehoseRecords: usage.firehoseRecords,
          s3PutRequests: usage.s3PutRequests,
          s3GetRequests: usage.s3GetRequests,
          s3StoredBytes: usage.s3StoredBytes,
          athenaQueries: usage.athenaBytesScanned.length,
          athenaBytesScanned: usage.athenaBytesScanned.reduce((sum, bytes) => sum + bytes, 0),
          dynamodbWriteUnits: usage.dynamodbWriteUnits,
          dynamodbReadUnits: usage.dynamodbReadUnits,
          crawlerRuns: usage.crawlerRunSeconds.length,
        },
        since: new Date(since).toISOString(),
      };
    },
  };
}
