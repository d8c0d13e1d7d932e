import type { CostLineId, CostLineInfo } from '../api/contract.js';
import pricesFile from './prices.json' with { type: 'json' };

/**
 * What the lab's usage costs on AWS, from the public prices in `prices.json` (one file, with its
 * sources and date). Pure: `estimateCost(usage, prices)`; the meter (usage-meter.ts) counts the usage.
 */

export type Prices = typeof pricesFile;
export const labPrices: Prices = pricesFile;

/** What the lab did, counted by the app. Sizes are bytes; durations seconds. */
export interface LabUsage {
  /** MQTT PUBLISH received by IoT Core from devices and the test client. */
  messagesPublished: number;
  /** MQTT PUBLISH sent by IoT Core to subscribers (the MQTT test client). */
  messagesDelivered: number;
  /** Payload + topic of a typical message; each message is metered in 5 KB increments. */
  messageBytes: number;
  connectionMinutes: number;
  rulesTriggered: number;
  ruleActions: number;
  firehoseRecords: number;
  /** Objects written (SDK PutObject and the rules' S3 action) and LIST/COPY/POST requests. */
  s3PutRequests: number;
  s3GetRequests: number;
  /** Bytes the lab leaves in S3 (rule objects, Firehose deliveries, uploads). */
  s3StoredBytes: number;
  /** One entry per Athena query that ran: its DataScannedInBytes. */
  athenaBytesScanned: number[];
  dynamodbWriteUnits: number;
  dynamodbReadUnits: number;
  /** One entry per crawler run: its duration in seconds (0 when unknown). */
  crawlerRunSeconds: number[];
}

/** A line of the estimate, as the contract carries it. */
export type CostLine = CostLineInfo;

export interface CostEstimate {
  currency: 'USD';
  region: string;
  /** When the prices were read. */
  pricesRetrieved: string;
  total: number;
  lines: CostLine[];
}

export const emptyUsage = (): LabUsage => ({
  messagesPublished: 0,
  messagesDelivered: 0,
  messageBytes: labPrices.assumptions.messageBytes,
  connectionMinutes: 0,
  rulesTriggered: 0,
  ruleActions: 0,
  firehoseRecords: 0,
  s3PutRequests: 0,
  s3GetRequests: 0,
  s3StoredBytes: 0,
  athenaBytesScanned: [],
  dynamodbWriteUnits: 0,
  dynamodbReadUnits: 0,
  crawlerRunSeconds: [],
});

const GB = 1024 ** 3;
const TB = 1024 ** 4;
const MILLION = 1_000_000;

/** How many `increment`-sized units `bytes` is billed as (at least one). */
export function meteredUnits(bytes: number, increment: number): number {
  return Math.max(1, Math.ceil(bytes / increment));
}

interface Price {
  usd: number;
  status: string;
}

export function estimateCost(usage: LabUsage, prices: Prices = labPrices): CostEstimate {
  const lines: CostLine[] = [];
  const line = (
    id: CostLineId,
    service: CostLine['service'],
    quantity: number,
    unit: string,
    price: Price,
    source: string,
  ): void => {
    lines.push({
      id,
      service,
      quantity,
      unit,
      unitPrice: price.usd,
      cost: quantity * price.usd,
      source,
      verified: price.status === 'verified',
    });
  };
  const { iot, firehose, s3, athena, dynamodb, glue } = prices;

  // AWS IoT: each PUBLISH in and out is metered per 5 KB of payload + topic.
  const messageUnits = meteredUnits(usage.messageBytes, iot.messageMeteringBytes.value);
  const meteredMessages = (usage.messagesPublished + usage.messagesDelivered) * messageUnits;
  line('iot-messages', 'iot', meteredMessages / MILLION, 'million messages', iot.messagesPerMillion, iot.source);
  line(
    'iot-connectivity',
    'iot',
    usage.connectionMinutes / MILLION,
    'million connection minutes',
    iot.connectionMinutesPerMillion,
    iot.source,
  );
  line('iot-rules', 'iot', usage.rulesTriggered / MILLION, 'million rules triggered', iot.rulesTriggeredPerMillion, iot.source);
  line('iot-actions', 'iot', usage.ruleActions / MILLION, 'million actions applied', iot.actionsAppliedPerMillion, iot.source);

  // Firehose: every record is rounded up to the next 5 KB.
  const recordBytes = meteredUnits(usage.messageBytes, firehose.recordRoundingBytes.value) * firehose.recordRoundingBytes.value;
  line('firehose-ingestion', 'firehose', (usage.firehoseRecords * recordBytes) / GB, 'GB ingested', firehose.directPutPerGB, firehose.source);

  line('s3-put', 's3', usage.s3PutRequests / 1000, '1,000 PUT/COPY/POST/LIST requests', s3.putCopyPostListPerThousand, s3.source);
  line('s3-get', 's3', usage.s3GetRequests / 1000, '1,000 GET requests', s3.getSelectPerThousand, s3.source);
  line('s3-storage', 's3', usage.s3StoredBytes / GB, 'GB-month', s3.standardStoragePerGBMonth, s3.source);

  // Athena: bytes scanned per query, at least 10 MB each.
  const scanned = usage.athenaBytesScanned.reduce(
    (sum, bytes) => sum + Math.max(bytes, athena.minimumBytesPerQuery.value),
    0,
  );
  line('athena-scanned', 'athena', scanned / TB, 'TB scanned', athena.perTBScanned, athena.source);

  line(
    'dynamodb-writes',
    'dynamodb',
    usage.dynamodbWriteUnits / MILLION,
    'million write request units',
    dynamodb.writeRequestUnitsPerMillion,
    dynamodb.source,
  );
  line(
    'dynamodb-reads',
    'dynamodb',
    usage.dynamodbReadUnits / MILLION,
    'million read request units',
    dynamodb.readRequestUnitsPerMillion,
    dynamodb.source,
  );

  // Glue: per second, with a minimum per run, times the run's DPUs.
  const crawlerHours = usage.crawlerRunSeconds.reduce(
    (sum, seconds) => sum + (Math.max(seconds, glue.crawlerMinimumSeconds.value) / 3600) * glue.crawlerDPUs.value,
    0,
  );
  line('glue-crawler', 'glue', crawlerHours, 'DPU-hour', glue.crawlerPerDPUHour, glue.source);

  return {
    currency: 'USD',
    region: prices.region,
    pricesRetrieved: prices.retrieved,
    total: lines.reduce((sum, entry) => sum + entry.cost, 0),
    lines,
  };
}
