import type { Owner } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { LabIdentity } from '../storage/index.js';
import { s3Errors } from './errors.js';
import type { BucketRecord, S3Store } from './store.js';
import type { UploadStore } from './upload-store.js';

/** What every S3 operation works with: the store and who owns everything in it. */
export interface S3Context {
  store: S3Store;
  uploads: UploadStore;
  /** The lab account's canonical user: owner of every bucket and object. */
  owner: Required<Pick<Owner, 'ID' | 'DisplayName'>>;
  /** The lab's region: where in-process callers create buckets. */
  region: string;
}

export function createS3Context(store: S3Store, uploads: UploadStore, identity: LabIdentity): S3Context {
  return {
    store,
    uploads,
    owner: {
      // AWS: a canonical user id is 64 hex digits, stable per account.
      ID: createHash('sha256').update(`iotlab-canonical-user:${identity.accountId}`).digest('hex'),
      DisplayName: 'student',
    },
    region: identity.region,
  };
}

export function requireBucket(s3: S3Context, name: string | undefined): BucketRecord {
  const bucket = name === undefined ? undefined : s3.store.getBucket(name);
  if (!bucket) throw s3Errors.noSuchBucket(name ?? '');
  return bucket;
}

export function quoteEtag(etag: string): string {
  return `"${etag}"`;
}

/** Compares like S3 orders keys: by UTF-8 bytes (JavaScript's `<` compares UTF-16 code units). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Canned ACLs S3 still honours on buckets that enforce bucket-owner ownership (the default since 2023). */
export function checkCannedAcl(bucket: BucketRecord, acl: string | undefined): void {
  if (acl === undefined || bucket.objectOwnership !== 'BucketOwnerEnforced') return;
  // AWS: with ACLs disabled, only `bucket-owner-full-control` (and the equivalent `private`) succeed.
  if (acl !== 'private' && acl !== 'bucket-owner-full-control') throw s3Errors.aclNotSupported();
}
