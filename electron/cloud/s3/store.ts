import type { ChecksumAlgorithm } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LabStorage } from '../storage/index.js';
import { createBodyFiles, type BodyPlacement } from './body-files.js';
import type { ObjectChecksum } from './checksums.js';
import { INTERNAL_OBJECTS_DIR } from './paths.js';

/**
 * The S3 store: bucket and object metadata in SQLite (listings are SQL range scans in key order:
 * BINARY collation compares UTF-8 bytes, as S3 orders keys), object bytes in plain files.
 *
 * Every call is synchronous on purpose: one write at a time keeps each body file and its row in
 * step (no interleaving between two puts of the same key), and a small put is a file write, a
 * rename and one WAL append — thousands per second, no fsync of our own.
 */

const MIGRATIONS = [
  `CREATE TABLE s3_buckets (
     name TEXT PRIMARY KEY,
     region TEXT NOT NULL,
     object_ownership TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE s3_objects (
     bucket TEXT NOT NULL REFERENCES s3_buckets (name),
     key TEXT NOT NULL,
     size INTEGER NOT NULL,
     etag TEXT NOT NULL,
     content_type TEXT NOT NULL,
     metadata TEXT NOT NULL,
     headers TEXT NOT NULL,
     checksum_algorithm TEXT,
     checksum_value TEXT,
     parts TEXT,
     last_modified INTEGER NOT NULL,
     body_path TEXT NOT NULL,
     body_mtime REAL NOT NULL,
     path_fold TEXT,
     PRIMARY KEY (bucket, key)
   ) WITHOUT ROWID;
   CREATE INDEX s3_objects_fold ON s3_objects (bucket, path_fold) WHERE path_fold IS NOT NULL;`,
];

export interface BucketRecord {
  name: string;
  region: string;
  objectOwnership: string;
  createdAt: Date;
}

/** The stored headers S3 returns as they were given (besides Content-Type). */
export interface StoredHeaders {
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  /** As sent: S3 returns an unparseable Expires unchanged. */
  Expires?: string;
  WebsiteRedirectLocation?: string;
}

/** What describes an object besides its bytes. */
export interface ObjectAttributes {
  contentType: string;
  metadata: Record<string, string>;
  headers: StoredHeaders;
  checksum?: ObjectChecksum;
  /** Part sizes of an object completed from a multipart upload. */
  parts?: number[];
}

export interface ObjectRecord extends ObjectAttributes {
  bucket: string;
  key: string;
  size: number;
  /** Unquoted: the MD5 hex, or `<md5 of part md5s>-<parts>` for multipart objects. */
  etag: string;
  lastModified: Date;
  /** Absolute path of the file holding the bytes. */
  file: string;
}

/** One row of a listing. */
export interface ListedObject {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
  checksumAlgorithm?: ChecksumAlgorithm;
  /** Absolute path of the file holding the bytes. */
  file: string;
}

interface ObjectRow {
  bucket: string;
  key: string;
  size: number;
  etag: string;
  content_type: string;
  metadata: string;
  headers: string;
  checksum_algorithm: string | null;
  checksum_value: string | null;
  parts: string | null;
  last_modified: number;
  body_path: string;
  body_mtime: number;
  path_fold: string | null;
}

type ListRow = Pick<
  ObjectRow,
  'key' | 'size' | 'etag' | 'last_modified' | 'checksum_algorithm' | 'body_path'
>;

interface BucketRow {
  name: string;
  region: string;
  object_ownership: string;
  created_at: number;
}

export interface NewObject extends ObjectAttributes {
  size: number;
  etag: string;
}

export interface S3Store {
  /** The folder holding bucket folders (`<lab>/s3`). */
  readonly root: string;
  getBucket(name: string): BucketRecord | undefined;
  listBuckets(): BucketRecord[];
  createBucket(name: string, region: string, objectOwnership: string): BucketRecord;
  /** Removes an empty bucket and its folder. */
  deleteBucket(name: string): void;
  hasObjects(bucket: string): boolean;
  getObject(bucket: string, key: string): ObjectRecord | undefined;
  /**
   * Writes an object's bytes with `stage(tempFile)` (write, copy or concatenate into the temp
   * file), then renames it into place and records it: readers see the old object or the new one,
   * never a torn one. `object` may be described from the staged file (a checksum of joined parts).
   */
  writeObject(
    bucket: string,
    key: string,
    stage: (tempFile: string) => void,
    object: NewObject | ((tempFile: string) => NewObject),
  ): ObjectRecord;
  /** Deletes one object; false when there was none. */
  deleteObject(bucket: string, key: string): boolean;
  /** Reads `[start, end]` (inclusive) of an object's bytes, or all of them. */
  readBody(object: ObjectRecord, range?: { start: number; end: number }): Buffer;
  /** Objects of a bucket in key order, from `fromKey` (inclusive or not), at most `limit`. */
  objectsFrom(bucket: string, fromKey: string, inclusive: boolean, limit: number): ListedObject[];
  /** A fresh file name in the store's staging folder (same file system as the bodies, for atomic renames). */
  stagingFile(): string;
  /** Runs `work` in one SQLite transaction. */
  transaction<T>(work: () => T): T;
}

const stores = new WeakMap<LabStorage, S3Store>();

/** The lab's S3 store: one per lab storage, shared by the S3 endpoint and every in-process writer. */
export function openS3Store(storage: LabStorage): S3Store {
  let store = stores.get(storage);
  if (!store) {
    store = createS3Store(storage);
    stores.set(storage, store);
  }
  return store;
}

export function md5Hex(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

function toRecord(row: ObjectRow, root: string): ObjectRecord {
  const checksum =
    row.checksum_algorithm && row.checksum_value
      ? { algorithm: row.checksum_algorithm as ChecksumAlgorithm, value: row.checksum_value }
      : undefined;
  return {
    bucket: row.bucket,
    key: row.key,
    size: row.size,
    etag: row.etag,
    lastModified: new Date(row.last_modified),
    contentType: row.content_type,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    headers: JSON.parse(row.headers) as StoredHeaders,
    checksum,
    parts: row.parts ? (JSON.parse(row.parts) as number[]) : undefined,
    file: path.join(root, ...row.body_path.split('/')),
  };
}

function createS3Store(storage: LabStorage): S3Store {
  storage.migrate('s3', MIGRATIONS);
  const { db } = storage;
  const root = storage.layout.s3Root;
  const files = createBodyFiles(root);

  const sql = {
    bucket: db.prepare<[string], BucketRow>('SELECT * FROM s3_buckets WHERE name = ?'),
    buckets: db.prepare<[], BucketRow>('SELECT * FROM s3_buckets ORDER BY name'),
    insertBucket: db.prepare(
      'INSERT INTO s3_buckets (name, region, object_ownership, created_at) VALUES (?, ?, ?, ?)',
    ),
    deleteBucket: db.prepare('DELETE FROM s3_buckets WHERE name = ?'),
    anyObject: db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM s3_objects WHERE bucket = ? LIMIT 1',
    ),
    object: db.prepare<[string, string], ObjectRow>('SELECT * FROM s3_objects WHERE bucket = ? AND key = ?'),
    foldTaken: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM s3_objects WHERE bucket = ? AND path_fold = ? LIMIT 1',
    ),
    foldBelow: db.prepare<[string, string, string], { one: number }>(
      'SELECT 1 AS one FROM s3_objects WHERE bucket = ? AND path_fold > ? AND path_fold < ? LIMIT 1',
    ),
    upsert: db.prepare(
      `INSERT INTO s3_objects (bucket, key, size, etag, content_type, metadata, headers, checksum_algorithm,
         checksum_value, parts, last_modified, body_path, body_mtime, path_fold)
       VALUES (@bucket, @key, @size, @etag, @content_type, @metadata, @headers, @checksum_algorithm,
         @checksum_value, @parts, @last_modified, @body_path, @body_mtime, @path_fold)
       ON CONFLICT (bucket, key) DO UPDATE SET size = excluded.size, etag = excluded.etag,
         content_type = excluded.content_type, metadata = excluded.metadata, headers = excluded.headers,
         checksum_algorithm = excluded.checksum_algorithm, checksum_value = excluded.checksum_value,
         parts = excluded.parts, last_modified = excluded.last_modified, body_path = excluded.body_path,
         body_mtime = excluded.body_mtime, path_fold = excluded.path_fold`,
    ),
    resync: db.prepare(
      `UPDATE s3_objects SET size = ?, etag = ?, last_modified = ?, body_mtime = ?, checksum_algorithm = NULL,
         checksum_value = NULL, parts = NULL WHERE bucket = ? AND key = ?`,
    ),
    deleteObject: db.prepare('DELETE FROM s3_objects WHERE bucket = ? AND key = ?'),
    fromInclusive: db.prepare<[string, string, number], ListRow>(
      `SELECT key, size, etag, last_modified, checksum_algorithm, body_path FROM s3_objects
       WHERE bucket = ? AND key >= ? ORDER BY key LIMIT ?`,
    ),
    fromExclusive: db.prepare<[string, string, number], ListRow>(
      `SELECT key, size, etag, last_modified, checksum_algorithm, body_path FROM s3_objects
       WHERE bucket = ? AND key > ? ORDER BY key LIMIT ?`,
    ),
  };

  const isTaken =
    (bucket: string) =>
    (fold: string, below: boolean): boolean =>
      below
        ? // '0' follows '/': every folded path below `fold/` sorts between the two.
          sql.foldBelow.get(bucket, `${fold}/`, `${fold}0`) !== undefined
        : sql.foldTaken.get(bucket, fold) !== undefined;

  /**
   * The folder is the truth for bytes: a body a student edited or deleted by hand, or one renamed
   * into place just before a crash kept its row from committing, is re-described from the file.
   */
  const syncWithFile = (row: ObjectRow): ObjectRow | undefined => {
    const file = files.absolute(row.body_path);
    let stats;
    try {
      stats = statSync(file);
    } catch {
      sql.deleteObject.run(row.bucket, row.key);
      return undefined;
    }
    if (stats.size === row.size && stats.mtimeMs === row.body_mtime) return row;
    const etag = md5Hex(readFileSync(file));
    const lastModified = Math.floor(stats.mtimeMs / 1000) * 1000;
    sql.resync.run(stats.size, etag, lastModified, stats.mtimeMs, row.bucket, row.key);
    return {
      ...row,
      size: stats.size,
      etag,
      last_modified: lastModified,
      body_mtime: stats.mtimeMs,
      checksum_algorithm: null,
      checksum_value: null,
      parts: null,
    };
  };

  const toBucket = (row: BucketRow): BucketRecord => ({
    name: row.name,
    region: row.region,
    objectOwnership: row.object_ownership,
    createdAt: new Date(row.created_at),
  });

  return {
    root,
    getBucket: (name) => {
      const row = sql.bucket.get(name);
      return row && toBucket(row);
    },
    listBuckets: () => sql.buckets.all().map(toBucket),
    createBucket(name, region, objectOwnership) {
      const createdAt = Math.floor(Date.now() / 1000) * 1000;
      sql.insertBucket.run(name, region, objectOwnership, createdAt);
      mkdirSync(path.join(root, name), { recursive: true });
      return { name, region, objectOwnership, createdAt: new Date(createdAt) };
    },
    deleteBucket(name) {
      sql.deleteBucket.run(name);
      rmSync(path.join(root, name), { recursive: true, force: true });
      rmSync(path.join(root, INTERNAL_OBJECTS_DIR, name), { recursive: true, force: true });
    },
    hasObjects: (bucket) => sql.anyObject.get(bucket) !== undefined,
    getObject(bucket, key) {
      const row = sql.object.get(bucket, key);
      const synced = row && syncWithFile(row);
      return synced && toRecord(synced, root);
    },
    writeObject(bucket, key, stage, object) {
      const existing = sql.object.get(bucket, key);
      let placement: BodyPlacement = existing
        ? { bodyPath: existing.body_path, fold: existing.path_fold }
        : files.choosePlacement(bucket, key, isTaken(bucket));
      const tempFile = files.stagingFile();
      let file: string;
      let described: NewObject;
      try {
        stage(tempFile);
        described = typeof object === 'function' ? object(tempFile) : object;
        try {
          file = files.place(tempFile, placement);
        } catch (error) {
          // Something on disk (a folder or file put there by hand, a name this file system
          // refuses) stands in the way of the key's own path: fall back to an internal name.
          if (placement.fold === null) throw error;
          placement = files.internalPlacement(bucket, key);
          file = files.place(tempFile, placement);
        }
      } catch (error) {
        rmSync(tempFile, { force: true });
        throw error;
      }
      const lastModified = Math.floor(Date.now() / 1000) * 1000;
      sql.upsert.run({
        bucket,
        key,
        size: described.size,
        etag: described.etag,
        content_type: described.contentType,
        metadata: JSON.stringify(described.metadata),
        headers: JSON.stringify(described.headers),
        checksum_algorithm: described.checksum?.algorithm ?? null,
        checksum_value: described.checksum?.value ?? null,
        parts: described.parts ? JSON.stringify(described.parts) : null,
        last_modified: lastModified,
        body_path: placement.bodyPath,
        body_mtime: statSync(file).mtimeMs,
        path_fold: placement.fold,
      });
      return { ...described, bucket, key, lastModified: new Date(lastModified), file };
    },
    deleteObject(bucket, key) {
      const row = sql.object.get(bucket, key);
      if (!row) return false;
      sql.deleteObject.run(bucket, key);
      const file = files.absolute(row.body_path);
      try {
        unlinkSync(file);
      } catch {
        // Already gone: deleted by hand.
      }
      if (row.path_fold !== null) files.pruneEmptyFolders(file, bucket);
      return true;
    },
    readBody: (object, range) => files.read(object.file, range),
    objectsFrom(bucket, fromKey, inclusive, limit) {
      const rows = (inclusive ? sql.fromInclusive : sql.fromExclusive).all(bucket, fromKey, limit);
      return rows.map((row) => ({
        key: row.key,
        size: row.size,
        etag: row.etag,
        lastModified: new Date(row.last_modified),
        checksumAlgorithm: (row.checksum_algorithm as ChecksumAlgorithm | null) ?? undefined,
        file: files.absolute(row.body_path),
      }));
    },
    stagingFile: files.stagingFile,
    transaction: (work) => db.transaction(work)(),
  };
}

/** Stages `body` for `writeObject`. */
export function stageBytes(body: Uint8Array): (tempFile: string) => void {
  return (tempFile) => writeFileSync(tempFile, body);
}
