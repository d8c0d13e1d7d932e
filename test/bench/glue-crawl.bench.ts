/**
 * How long the local Glue crawler takes over a Firehose lake of 10,000 objects (~10 lab records
 * each, from the real NOAA files), through the SDK: StartCrawler → GetCrawler READY with LastCrawl
 * SUCCEEDED. Once reading every file (SampleSize unset, as AWS does without a sample size) and once
 * as the lab's crawler (10 files per folder). Also the event loop's worst delay during the crawl,
 * which is what MQTT ingestion would feel.
 * Run: node --import tsx test/bench/glue-crawl.bench.ts   (prints one JSON object)
 */
import {
  CreateCrawlerCommand,
  CreateDatabaseCommand,
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GlueClient,
  StartCrawlerCommand,
} from '@aws-sdk/client-glue';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createLocalCloud } from '../../electron/cloud/index.js';
import { LAB_ROLE, readLabPayloads, spreadOverHours, writeFirehoseObjects } from '../contract/glue-lake.js';
import { locateNoaaFixtures } from '../stations/noaa-fixtures.js';

const OBJECTS = 10_000;
const RECORDS_PER_OBJECT = 10;
const HOURS = 100;

const fixtures = locateNoaaFixtures();
if (!fixtures.available) throw new Error(fixtures.missingMessage);

const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-glue-bench-'));
const cloud = await createLocalCloud({ dir });
const glue = new GlueClient({
  endpoint: cloud.endpoints.endpoint,
  region: cloud.endpoints.region,
  credentials: cloud.endpoints.credentials,
});

try {
  const payloads = await readLabPayloads(fixtures.isdDir, (OBJECTS * RECORDS_PER_OBJECT) / 5);
  const bucket = 'bench-datalake';
  cloud.s3.CreateBucket({ Bucket: bucket });
  const writeStart = performance.now();
  writeFirehoseObjects(
    cloud.s3,
    bucket,
    spreadOverHours(payloads, new Date(Date.UTC(2026, 0, 1)), HOURS, OBJECTS / HOURS),
  );
  const writeMs = performance.now() - writeStart;
  const lakeBytes = payloads.reduce((sum, payload) => sum + Buffer.byteLength(payload), 0);
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'bench' } }));

  const crawl = async (name: string, sampleSize?: number) => {
    await glue.send(
      new CreateCrawlerCommand({
        Name: name,
        Role: LAB_ROLE,
        DatabaseName: 'bench',
        TablePrefix: `${name}_`,
        Targets: {
          S3Targets: [{ Path: `s3://${bucket}/`, ...(sampleSize ? { SampleSize: sampleSize } : {}) }],
        },
      }),
    );
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const start = performance.now();
    await glue.send(new StartCrawlerCommand({ Name: name }));
    for (;;) {
      const { Crawler } = await glue.send(new GetCrawlerCommand({ Name: name }));
      if (Crawler?.State === 'READY' && Crawler.LastCrawl) {
        if (Crawler.LastCrawl.Status !== 'SUCCEEDED')
          throw new Error(`crawl ${Crawler.LastCrawl.Status}: ${Crawler.LastCrawl.ErrorMessage ?? ''}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const untilReadyMs = performance.now() - start;
    delay.disable();
    const table = cloud.glue.getTable('bench', `${name}_${bucket.replace(/-/g, '_')}`);
    const { CrawlerMetricsList } = await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: [name] }));
    return {
      untilReadyMs: Math.round(untilReadyMs),
      runningPhaseMs: Math.round((CrawlerMetricsList?.[0]?.LastRuntimeSeconds ?? 0) * 1000),
      partitions: cloud.glue.getPartitions('bench', table?.Name ?? '').length,
      recordCount: Number(table?.Parameters?.recordCount),
      eventLoopMaxDelayMs: Math.round(delay.max / 1e6),
      eventLoopP99DelayMs: Math.round(delay.percentile(99) / 1e6),
    };
  };

  const allFiles = await crawl('all_files');
  const labSample = await crawl('lab_sample', 10);
  console.log(
    JSON.stringify(
      {
        lake: {
          objects: OBJECTS,
          records: payloads.length,
          bytes: lakeBytes,
          hourFolders: HOURS,
          writeMs: Math.round(writeMs),
        },
        note: 'runningPhaseMs = LastRuntimeSeconds (the crawl itself); untilReadyMs adds the 200 ms STOPPING phase and up to 50 ms of polling (GetCrawler, in this same process). Target: under 2,000 ms',
        allFiles,
        labSample,
      },
      null,
      2,
    ),
  );
} finally {
  glue.destroy();
  await cloud.stop();
  rmSync(dir, { recursive: true, force: true });
}
