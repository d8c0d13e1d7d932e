import { CreateCrawlerCommand, CreateDatabaseCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { LabEndpoints } from '../../electron/cloud/index.js';
import { INHERIT_FROM_TABLE } from '../contract/athena-helpers.js';
import { s3Client } from '../contract/firehose-helpers.js';
import { crawlAndWait, firehoseKey, LAB_ROLE, spreadOverHours } from '../contract/glue-lake.js';

export interface CrawledLake {
  bucket: string;
  /** Also created: lesson 07's query results bucket. */
  resultsBucket: string;
  database: string;
  /** The Firehose stream named in the object keys. */
  stream: string;
  start: Date;
  hours: number;
  objectsPerHour: number;
}

/**
 * The lab's lake as the e2e pages find it: readings as Firehose writes them (JSON lines in hour folders)
 * and crawled as lesson 06 does (partitions inheriting the table's schema), through the SDK.
 */
export async function createCrawledLake(
  endpoints: LabEndpoints,
  payloads: readonly string[],
  lake: CrawledLake,
): Promise<void> {
  const config = { endpoint: endpoints.endpoint, region: endpoints.region, credentials: endpoints.credentials };
  const s3 = s3Client(endpoints);
  const glue = new GlueClient(config);
  try {
    for (const name of [lake.bucket, lake.resultsBucket]) await s3.send(new CreateBucketCommand({ Bucket: name }));
    for (const object of spreadOverHours(payloads, lake.start, lake.hours, lake.objectsPerHour)) {
      await s3.send(
        new PutObjectCommand({
          Bucket: lake.bucket,
          Key: firehoseKey(lake.stream, object.at),
          Body: object.payloads.map((payload) => `${payload}\n`).join(''),
        }),
      );
    }
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: lake.database } }));
    await glue.send(
      new CreateCrawlerCommand({
        Name: 'weather_station_crawler',
        Role: LAB_ROLE,
        DatabaseName: lake.database,
        Targets: { S3Targets: [{ Path: `s3://${lake.bucket}/` }] },
        Configuration: INHERIT_FROM_TABLE,
      }),
    );
    await crawlAndWait(glue, 'weather_station_crawler');
  } finally {
    s3.destroy();
    glue.destroy();
  }
}
