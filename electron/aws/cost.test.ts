import { describe, expect, it } from 'vitest';
import type { CostLineId } from '../api/contract.js';
import { emptyUsage, estimateCost, labPrices, meteredUnits, type LabUsage } from './cost.js';

const costOf = (usage: Partial<LabUsage>, id: CostLineId): number =>
  estimateCost({ ...emptyUsage(), ...usage }).lines.find((line) => line.id === id)!.cost;

describe('meteredUnits', () => {
  it.each([
    [0, 5120, 1],
    [700, 5120, 1],
    [5120, 5120, 1],
    [5121, 5120, 2],
    [12 * 1024, 5120, 3],
  ])('%i bytes in %i-byte increments → %i', (bytes, increment, units) => {
    expect(meteredUnits(bytes, increment)).toBe(units);
  });
});

describe('estimateCost', () => {
  it('costs nothing for no usage', () => {
    const estimate = estimateCost(emptyUsage());
    expect(estimate.total).toBe(0);
    expect(estimate.currency).toBe('USD');
    expect(estimate.region).toBe('us-east-1');
  });

  it.each<[string, Partial<LabUsage>, CostLineId, number]>([
    // 1 million 700-byte messages in, none out: one 5 KB unit each.
    ['messages', { messagesPublished: 1_000_000 }, 'iot-messages', labPrices.iot.messagesPerMillion.usd],
    // A 6 KB message is two metering units.
    ['large messages', { messagesPublished: 500_000, messageBytes: 6 * 1024 }, 'iot-messages', labPrices.iot.messagesPerMillion.usd],
    ['delivered messages', { messagesDelivered: 2_000_000 }, 'iot-messages', 2 * labPrices.iot.messagesPerMillion.usd],
    ['connectivity', { connectionMinutes: 3_000_000 }, 'iot-connectivity', 3 * labPrices.iot.connectionMinutesPerMillion.usd],
    ['rules', { rulesTriggered: 1_000_000 }, 'iot-rules', labPrices.iot.rulesTriggeredPerMillion.usd],
    ['actions', { ruleActions: 2_000_000 }, 'iot-actions', 2 * labPrices.iot.actionsAppliedPerMillion.usd],
    // Each 700-byte record is billed as 5 KB: 1 GiB / 5 KiB = 209,715.2 records per GB.
    ['firehose', { firehoseRecords: 1024 * 1024 / 5 }, 'firehose-ingestion', labPrices.firehose.directPutPerGB.usd],
    ['s3 puts', { s3PutRequests: 10_000 }, 's3-put', 10 * labPrices.s3.putCopyPostListPerThousand.usd],
    ['s3 gets', { s3GetRequests: 1_000 }, 's3-get', labPrices.s3.getSelectPerThousand.usd],
    ['s3 storage', { s3StoredBytes: 2 * 1024 ** 3 }, 's3-storage', 2 * labPrices.s3.standardStoragePerGBMonth.usd],
    // 1 TiB scanned in one query.
    ['athena', { athenaBytesScanned: [1024 ** 4] }, 'athena-scanned', labPrices.athena.perTBScanned.usd],
    ['dynamodb writes', { dynamodbWriteUnits: 1_000_000 }, 'dynamodb-writes', labPrices.dynamodb.writeRequestUnitsPerMillion.usd],
    ['dynamodb reads', { dynamodbReadUnits: 4_000_000 }, 'dynamodb-reads', 4 * labPrices.dynamodb.readRequestUnitsPerMillion.usd],
    // One hour at 2 DPUs.
    ['crawler', { crawlerRunSeconds: [3600] }, 'glue-crawler', 2 * labPrices.glue.crawlerPerDPUHour.usd],
  ])('%s', (_name, usage, id, expected) => {
    expect(costOf(usage, id)).toBeCloseTo(expected, 10);
  });

  it('bills every Athena query at least 10 MB', () => {
    const tenMegabytes = labPrices.athena.minimumBytesPerQuery.value;
    expect(costOf({ athenaBytesScanned: [1, 0, 5] }, 'athena-scanned')).toBeCloseTo(
      (3 * tenMegabytes * labPrices.athena.perTBScanned.usd) / 1024 ** 4,
      15,
    );
  });

  it('bills a short crawler run its 10-minute minimum', () => {
    expect(costOf({ crawlerRunSeconds: [30] }, 'glue-crawler')).toBeCloseTo(
      (600 / 3600) * 2 * labPrices.glue.crawlerPerDPUHour.usd,
      10,
    );
  });

  it('adds the lines up, and says which prices are verified', () => {
    const estimate = estimateCost({ ...emptyUsage(), messagesPublished: 1_000_000, athenaBytesScanned: [1024 ** 4] });
    expect(estimate.total).toBeCloseTo(labPrices.iot.messagesPerMillion.usd + labPrices.athena.perTBScanned.usd, 10);
    expect(estimate.lines.find((line) => line.id === 'athena-scanned')?.verified).toBe(true);
    expect(estimate.lines.every((line) => line.source.startsWith('https://aws.amazon.com/'))).toBe(true);
  });
});
