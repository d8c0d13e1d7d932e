import type {
  CopyObjectOutput,
  CopyObjectRequest,
  CreateBucketOutput,
  CreateBucketRequest,
  DeleteObjectOutput,
  DeleteObjectRequest,
  DeleteObjectsOutput,
  DeleteObjectsRequest,
  GetObjectRequest,
  HeadBucketOutput,
  HeadBucketRequest,
  HeadObjectOutput,
  HeadObjectRequest,
  ListBucketsOutput,
  ListBucketsRequest,
  ListObjectsV2Output,
  ListObjectsV2Request,
  PutObjectOutput,
} from '@aws-sdk/client-s3';
import type { ServiceEndpoint } from '../gateway/types.js';
import type { LabStorage } from '../storage/index.js';
import { createS3Context, type S3Context } from './context.js';
import { CreateBucket, HeadBucket, ListBuckets } from './operations-buckets.js';
import { ListObjectsV2 } from './operations-listing.js';
import {
  CopyObject,
  DeleteObject,
  DeleteObjects,
  GetObject,
  HeadObject,
  PutObject,
  type GetObjectResult,
  type PutObjectInput,
} from './operations-objects.js';
import { createS3Endpoint } from './protocol.js';
import { openS3Store } from './store.js';
import { openUploadStore } from './upload-store.js';

export type { GetObjectResult, PutObjectInput } from './operations-objects.js';

function s3ContextOf(storage: LabStorage): S3Context {
  const store = openS3Store(storage);
  return createS3Context(store, openUploadStore(storage, store), storage.identity);
}

/** The S3 REST endpoint of the local cloud (restXml, path-style and `<bucket>.localhost` virtual hosts). */
export function createS3Service(storage: LabStorage): ServiceEndpoint {
  return createS3Endpoint(s3ContextOf(storage), storage.identity);
}

/** An object's bytes as a file, for readers that want files rather than bytes (DuckDB, the Glue crawler). */
export interface ObjectFile {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
  /** Absolute path. Not always `<s3Root>/<bucket>/<key>`: keys that cannot be paths live under internal names. */
  path: string;
}

/**
 * The local S3 for the other services of the local cloud — the IoT S3 rule action, Firehose
 * delivery, Athena results, lesson checks. The same operations the REST endpoint calls, with the
 * same validation and the same `AwsError`s (NoSuchBucket, KeyTooLongError, …), without HTTP or
 * SigV4. Calls are synchronous: when one returns, the object is on disk and in every listing.
 */
export interface LocalS3 {
  CreateBucket(input: CreateBucketRequest): CreateBucketOutput;
  HeadBucket(input: HeadBucketRequest): HeadBucketOutput;
  ListBuckets(input?: ListBucketsRequest): ListBucketsOutput;
  PutObject(input: PutObjectInput): PutObjectOutput;
  GetObject(input: GetObjectRequest): GetObjectResult;
  HeadObject(input: HeadObjectRequest): HeadObjectOutput;
  CopyObject(input: CopyObjectRequest): CopyObjectOutput;
  DeleteObject(input: DeleteObjectRequest): DeleteObjectOutput;
  DeleteObjects(input: DeleteObjectsRequest): DeleteObjectsOutput;
  ListObjectsV2(input: ListObjectsV2Request): ListObjectsV2Output;
  /** Every object under `prefix` in key order, with the file holding its bytes. Throws NoSuchBucket. */
  objectFiles(bucket: string, prefix?: string): ObjectFile[];
}

/** The lab's S3, in process. Cheap to call: every caller shares the one store of the lab storage. */
export function openLocalS3(storage: LabStorage): LocalS3 {
  const s3 = s3ContextOf(storage);
  return {
    CreateBucket: (input) => CreateBucket(s3, input),
    HeadBucket: (input) => HeadBucket(s3, input),
    ListBuckets: (input) => ListBuckets(s3, input),
    PutObject: (input) => PutObject(s3, input),
    GetObject: (input) => GetObject(s3, input),
    HeadObject: (input) => HeadObject(s3, input),
    CopyObject: (input) => CopyObject(s3, input),
    DeleteObject: (input) => DeleteObject(s3, input),
    DeleteObjects: (input) => DeleteObjects(s3, input),
    ListObjectsV2: (input) => ListObjectsV2(s3, input),
    objectFiles(bucket, prefix = '') {
      HeadBucket(s3, { Bucket: bucket });
      const files: ObjectFile[] = [];
      // Pages grow from small, so a folder of a hundred objects does not read a thousand rows past it.
      for (
        let from = prefix, inclusive = true, pageSize = 64;
        ;
        inclusive = false, pageSize = Math.min(pageSize * 2, 1000)
      ) {
        const page = s3.store.objectsFrom(bucket, from, inclusive, pageSize);
        for (const object of page) {
          if (!object.key.startsWith(prefix)) return files;
          const { key, size, etag, lastModified, file } = object;
          files.push({ key, size, etag, lastModified, path: file });
        }
        const last = page.at(-1);
        if (!last || page.length < pageSize) return files;
        from = last.key;
      }
    },
  };
}
