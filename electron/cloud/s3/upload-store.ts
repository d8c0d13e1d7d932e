import type { ChecksumAlgorithm, ChecksumType } from '@aws-sdk/client-s3';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { LabStorage } from '../storage/index.js';
import { INTERNAL_UPLOADS_DIR } from './paths.js';
import type { S3Store, StoredHeaders } from './store.js';

/**
 * Multipart uploads in progress: one row per upload and per part, part bytes under
 * `<s3Root>/.iotlab-uploads/<uploadId>/<partNumber>` until CompleteMultipartUpload joins them.
 */

const MIGRATIONS = [
  `CREATE TABLE s3_uploads (
     upload_id TEXT PRIMARY KEY,
     bucket TEXT NOT NULL REFERENCES s3_buckets (name),
     key TEXT NOT NULL,
     initiated INTEGER NOT NULL,
     attributes TEXT NOT NULL
   );
   CREATE INDEX s3_uploads_by_key ON s3_uploads (bucket, key, initiated);
   CREATE TABLE s3_parts (
     upload_id TEXT NOT NULL REFERENCES s3_uploads (upload_id) ON DELETE CASCADE,
     part_number INTEGER NOT NULL,
     size INTEGER NOT NULL,
     etag TEXT NOT NULL,
     checksum TEXT,
     last_modified INTEGER NOT NULL,
     PRIMARY KEY (upload_id, part_number)
   ) WITHOUT ROWID;`,
];

export interface UploadAttributes {
  contentType: string;
  metadata: Record<string, string>;
  headers: StoredHeaders;
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: ChecksumType;
}

export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: Date;
  attributes: UploadAttributes;
}

export interface PartRecord {
  partNumber: number;
  size: number;
  /** Unquoted MD5 hex of the part. */
  etag: string;
  /** Base64 checksum of the part in the upload's checksum algorithm. */
  checksum?: string;
  lastModified: Date;
  file: string;
}

export interface UploadStore {
  createUpload(uploadId: string, bucket: string, key: string, attributes: UploadAttributes): UploadRecord;
  getUpload(uploadId: string): UploadRecord | undefined;
  /** Uploads of a bucket by key, then by initiation time. */
  listUploads(bucket: string): UploadRecord[];
  putPart(
    upload: UploadRecord,
    part: Omit<PartRecord, 'file' | 'lastModified'>,
    stage: (tempFile: string) => void,
  ): PartRecord;
  listParts(uploadId: string): PartRecord[];
  /** Forgets an upload and its part files (completed or aborted). */
  deleteUpload(uploadId: string): void;
  /** Aborts every upload into a bucket (it is being deleted). */
  abortUploadsOf(bucket: string): void;
}

interface UploadRow {
  upload_id: string;
  bucket: string;
  key: string;
  initiated: number;
  attributes: string;
}

interface PartRow {
  part_number: number;
  size: number;
  etag: string;
  checksum: string | null;
  last_modified: number;
}

const uploadStores = new WeakMap<LabStorage, UploadStore>();

/** The lab's multipart uploads; opens after the S3 store, whose buckets they belong to. */
export function openUploadStore(storage: LabStorage, objects: S3Store): UploadStore {
  let store = uploadStores.get(storage);
  if (!store) {
    store = createUploadStore(storage, objects);
    uploadStores.set(storage, store);
  }
  return store;
}

function toUpload(row: UploadRow): UploadRecord {
  return {
    uploadId: row.upload_id,
    bucket: row.bucket,
    key: row.key,
    initiated: new Date(row.initiated),
    attributes: JSON.parse(row.attributes) as UploadAttributes,
  };
}

function createUploadStore(storage: LabStorage, objects: S3Store): UploadStore {
  storage.migrate('s3-uploads', MIGRATIONS);
  const { db } = storage;
  const uploadsRoot = path.join(objects.root, INTERNAL_UPLOADS_DIR);
  const sql = {
    insert: db.prepare(
      'INSERT INTO s3_uploads (upload_id, bucket, key, initiated, attributes) VALUES (?, ?, ?, ?, ?)',
    ),
    get: db.prepare<[string], UploadRow>('SELECT * FROM s3_uploads WHERE upload_id = ?'),
    ofBucket: db.prepare<[string], UploadRow>(
      'SELECT * FROM s3_uploads WHERE bucket = ? ORDER BY key, initiated',
    ),
    idsOfBucket: db.prepare<[string], { upload_id: string }>(
      'SELECT upload_id FROM s3_uploads WHERE bucket = ?',
    ),
    delete: db.prepare('DELETE FROM s3_uploads WHERE upload_id = ?'),
    upsertPart: db.prepare(
      `INSERT INTO s3_parts (upload_id, part_number, size, etag, checksum, last_modified) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (upload_id, part_number) DO UPDATE SET size = excluded.size, etag = excluded.etag,
         checksum = excluded.checksum, last_modified = excluded.last_modified`,
    ),
    parts: db.prepare<[string], PartRow>('SELECT * FROM s3_parts WHERE upload_id = ? ORDER BY part_number'),
  };
  // Upload ids are generated hex, but they come back from clients: never let one name a path.
  const uploadDir = (uploadId: string): string => {
    if (!/^[A-Za-z0-9_-]+$/.test(uploadId)) throw new Error(`Not an upload id: ${uploadId}`);
    return path.join(uploadsRoot, uploadId);
  };
  const partFile = (uploadId: string, partNumber: number): string =>
    path.join(uploadDir(uploadId), String(partNumber));

  const deleteUpload = (uploadId: string): void => {
    sql.delete.run(uploadId);
    rmSync(uploadDir(uploadId), { recursive: true, force: true });
  };

  return {
    createUpload(uploadId, bucket, key, attributes) {
      const initiated = Math.floor(Date.now() / 1000) * 1000;
      sql.insert.run(uploadId, bucket, key, initiated, JSON.stringify(attributes));
      return { uploadId, bucket, key, initiated: new Date(initiated), attributes };
    },
    getUpload(uploadId) {
      const row = sql.get.get(uploadId);
      return row && toUpload(row);
    },
    listUploads: (bucket) => sql.ofBucket.all(bucket).map(toUpload),
    putPart(upload, part, stage) {
      const tempFile = objects.stagingFile();
      const file = partFile(upload.uploadId, part.partNumber);
      try {
        stage(tempFile);
        mkdirSync(path.dirname(file), { recursive: true });
        renameSync(tempFile, file);
      } catch (error) {
        rmSync(tempFile, { force: true });
        throw error;
      }
      const lastModified = Math.floor(Date.now() / 1000) * 1000;
      sql.upsertPart.run(
        upload.uploadId,
        part.partNumber,
        part.size,
        part.etag,
        part.checksum ?? null,
        lastModified,
      );
      return { ...part, lastModified: new Date(lastModified), file };
    },
    listParts: (uploadId) =>
      sql.parts.all(uploadId).map((row) => ({
        partNumber: row.part_number,
        size: row.size,
        etag: row.etag,
        checksum: row.checksum ?? undefined,
        lastModified: new Date(row.last_modified),
        file: partFile(uploadId, row.part_number),
      })),
    deleteUpload,
    abortUploadsOf(bucket) {
      for (const { upload_id } of sql.idsOfBucket.all(bucket)) deleteUpload(upload_id);
    },
  };
}
