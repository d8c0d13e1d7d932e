import { GetCrawlerCommand, StartCrawlerCommand, type Crawler, type GlueClient } from '@aws-sdk/client-glue';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { LocalS3 } from '../../electron/cloud/s3/index.js';
import { readIsdFile, toLabPayload } from '../../electron/stations/isd/index.js';
import { STATION_YEARS } from '../stations/noaa-fixtures.js';
import { waitFor } from './firehose-helpers.js';

/** Shared by the Glue crawler tests: lab payloads from the real NOAA files, laid out as Firehose writes them. */

export const LAB_ROLE = 'arn:aws:iam::123456789012:role/LabRole';

/** The first `perStation` lab payloads of each of the five stations, interleaved station by station. */
export async function readLabPayloads(isdDir: string, perStation: number): Promise<string[]> {
  const byStation: string[][] = [];
  for (const stem of STATION_YEARS) {
    const payloads: string[] = [];
    for await (const reading of readIsdFile(path.join(isdDir, `${stem}.gz`))) {
      payloads.push(toLabPayload(reading));
      if (payloads.length >= perStation) break;
    }
    byStation.push(payloads);
  }
  const interleaved: string[] = [];
  for (let i = 0; i < perStation; i++) for (const payloads of byStation) if (payloads[i] !== undefined) interleaved.push(payloads[i] ?? '');
  return interleaved;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Firehose's default S3 key: `YYYY/MM/DD/HH/<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>` (UTC). */
export function firehoseKey(stream: string, at: Date, prefix = ''): string {
  const [y, mo, d, h, mi, s] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()];
  return `${prefix}${y}/${two(mo)}/${two(d)}/${two(h)}/${stream}-1-${y}-${two(mo)}-${two(d)}-${two(h)}-${two(mi)}-${two(s)}-${randomUUID()}`;
}

/** The hour folder of a Firehose key, as partition values. */
export const hourValues = (at: Date): string[] => [String(at.getUTCFullYear()), two(at.getUTCMonth() + 1), two(at.getUTCDate()), two(at.getUTCHours())];

export interface LakeObject {
  at: Date;
  payloads: readonly string[];
}

/** Writes each object as Firehose does: the records back to back, no separator. Returns the keys. */
export function writeFirehoseObjects(s3: LocalS3, bucket: string, objects: readonly LakeObject[], stream = 'lab-weather-stream'): string[] {
  return objects.map(({ at, payloads }) => {
    const key = firehoseKey(stream, at);
    s3.PutObject({ Bucket: bucket, Key: key, Body: payloads.join('') });
    return key;
  });
}

/**
 * Spreads payloads over `hours` hour folders starting at `start`, `objectsPerHour` objects each
 * (a few seconds apart, as successive Firehose buffer flushes).
 */
export function spreadOverHours(payloads: readonly string[], start: Date, hours: number, objectsPerHour: number): LakeObject[] {
  const count = hours * objectsPerHour;
  const size = Math.ceil(payloads.length / count);
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(start.getTime() + Math.floor(i / objectsPerHour) * 3_600_000 + (i % objectsPerHour) * Math.floor(3_600_000 / objectsPerHour)),
    payloads: payloads.slice(i * size, (i + 1) * size),
  })).filter((object) => object.payloads.length > 0);
}

/** Re-serializes a payload as the rules engine does (SQL 2016-03-23 writes `10.0` as `10`). */
export const asRulesEngineWritesIt = (payload: string): string => JSON.stringify(JSON.parse(payload));

/** Starts the crawler and waits (on its state, no sleep) until it is READY again after this run. */
export async function crawlAndWait(glue: GlueClient, name: string, timeoutMs = 30_000): Promise<Crawler> {
  const before = Date.now() - 1;
  await glue.send(new StartCrawlerCommand({ Name: name }));
  return waitFor(
    async () => {
      const { Crawler: crawler } = await glue.send(new GetCrawlerCommand({ Name: name }));
      const finished = crawler?.State === 'READY' && (crawler.LastCrawl?.StartTime?.getTime() ?? 0) >= before;
      return finished ? crawler : undefined;
    },
    `crawler ${name} to finish`,
    timeoutMs,
  );
}
