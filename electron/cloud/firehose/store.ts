import type { CloudWatchLoggingOptions } from '@aws-sdk/client-firehose';
import type { LabStorage } from '../storage/index.js';
import { fitsInObject, type BufferState } from './buffering.js';

/**
 * The Firehose store: delivery streams and the durable buffer in the lab's SQLite file (WAL).
 * One row holds the records of one put (`data` is them concatenated, `sizes` their lengths), written
 * before the put is acknowledged, and deleted only after the S3 objects holding them are written:
 * a row per put rather than per record, because the rules engine puts a whole burst of messages at
 * once and per-row costs (insert, index, read, delete) dominated. Streams are few and read on every
 * put, so they are also kept in memory; this process is the only writer of these tables.
 */

const MIGRATIONS = [
  `CREATE TABLE firehose_streams (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     version INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     active_at INTEGER NOT NULL,
     updated_at INTEGER,
     configured_as TEXT NOT NULL,
     destination TEXT NOT NULL
   );
   CREATE TABLE firehose_records (
     id INTEGER PRIMARY KEY,
     stream_id INTEGER NOT NULL,
     arrived_at INTEGER NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX firehose_records_by_stream ON firehose_records (stream_id, id);`,
  // The lengths of a row's records, 4 bytes each (little-endian); NULL: the row is one record.
  'ALTER TABLE firehose_records ADD COLUMN sizes BLOB;',
];

export type CompressionFormat = 'UNCOMPRESSED' | 'GZIP';

/** An S3 destination with AWS's defaults filled in. */
export interface S3Destination {
  roleArn: string;
  bucketArn: string;
  prefix?: string;
  errorOutputPrefix?: string;
  sizeInMBs: number;
  intervalInSeconds: number;
  compression: CompressionFormat;
  fileExtension?: string;
  customTimeZone?: string;
  cloudWatchLoggingOptions?: CloudWatchLoggingOptions;
}

export interface StreamRecord {
  id: number;
  name: string;
  /** DescribeDeliveryStream's VersionId; also the `-<version>-` of object keys. */
  version: number;
  /** Epoch ms. */
  createdAt: number;
  /** When CREATING becomes ACTIVE (epoch ms). */
  activeAt: number;
  updatedAt?: number;
  /** Which configuration created it: ExtendedS3DestinationConfiguration or the legacy S3DestinationConfiguration. */
  configuredAs: 'ExtendedS3' | 'S3';
  destination: S3Destination;
}

export type NewStream = Omit<StreamRecord, 'id'>;

/** The oldest buffered records of a stream that make one S3 object. */
export interface ObjectRecords {
  /** Rows delivered whole: firstId…lastId (none when firstId > lastId). */
  firstId: number;
  lastId: number;
  /** A row the object takes only the first records of: they leave it, the others stay buffered. */
  split?: { id: number; records: number; bytes: number };
  count: number;
  bytes: number;
  oldestArrival: number;
  data: Buffer[];
}

export interface FirehoseStore {
  /** Streams in name order. */
  streams(): StreamRecord[];
  getStream(name: string): StreamRecord | undefined;
  getStreamById(id: number): StreamRecord | undefined;
  createStream(stream: NewStream): StreamRecord;
  updateStream(stream: StreamRecord, destination: S3Destination, updatedAt: number): StreamRecord;
  /** Deletes the stream and everything it still buffers, in one transaction. */
  deleteStream(stream: StreamRecord): void;
  /** Appends records in one transaction: durable (WAL) when this returns. */
  appendRecords(streamId: number, arrivedAt: number, records: readonly Uint8Array[]): void;
  /** What every stream buffers, from the table (at start, after a crash). */
  bufferStates(): Map<number, BufferState>;
  readObjectRecords(streamId: number, limitBytes: number): ObjectRecords | undefined;
  /** Deletes the records of a delivered object (what `readObjectRecords` returned) in one transaction. */
  removeDelivered(streamId: number, delivered: ObjectRecords): void;
  oldestArrival(streamId: number): number | undefined;
}

interface StreamRow {
  id: number;
  name: string;
  version: number;
  created_at: number;
  active_at: number;
  updated_at: number | null;
  configured_as: string;
  destination: string;
}

interface RecordsRow {
  id: number;
  arrived_at: number;
  data: Buffer;
  sizes: Buffer | null;
}

function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function encodeSizes(records: readonly { length: number }[] | readonly number[]): Buffer {
  const sizes = Buffer.allocUnsafe(records.length * 4);
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    sizes.writeUInt32LE(typeof record === 'number' ? record : record.length, i * 4);
  }
  return sizes;
}

/** The lengths of a row's records. */
function recordSizes(row: RecordsRow): number[] {
  if (row.sizes === null) return [row.data.length];
  const sizes: number[] = [];
  for (let at = 0; at < row.sizes.length; at += 4) sizes.push(row.sizes.readUInt32LE(at));
  return sizes;
}

function addWhole(taken: ObjectRecords, row: RecordsRow, records: number): void {
  taken.lastId = row.id;
  taken.count += records;
  taken.bytes += row.data.length;
  taken.data.push(row.data);
}

function fromRow(row: StreamRow): StreamRecord {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    createdAt: row.created_at,
    activeAt: row.active_at,
    ...(row.updated_at === null ? {} : { updatedAt: row.updated_at }),
    configuredAs: row.configured_as === 'S3' ? 'S3' : 'ExtendedS3',
    destination: JSON.parse(row.destination) as S3Destination,
  };
}

export function openFirehoseStore(storage: LabStorage): FirehoseStore {
  storage.migrate('firehose', MIGRATIONS);
  const { db } = storage;
  const insertStream = db.prepare(
    `INSERT INTO firehose_streams (name, version, created_at, active_at, updated_at, configured_as, destination)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateStreamRow = db.prepare(
    'UPDATE firehose_streams SET version = ?, updated_at = ?, destination = ? WHERE id = ?',
  );
  const deleteStreamRow = db.prepare('DELETE FROM firehose_streams WHERE id = ?');
  const deleteStreamRecords = db.prepare('DELETE FROM firehose_records WHERE stream_id = ?');
  const insertRecords = db.prepare<[number, number, Buffer, Buffer | null]>(
    'INSERT INTO firehose_records (stream_id, arrived_at, data, sizes) VALUES (?, ?, ?, ?)',
  );
  const headRecords = db.prepare<[number], RecordsRow>(
    'SELECT id, arrived_at, data, sizes FROM firehose_records WHERE stream_id = ? ORDER BY id',
  );
  const deleteDelivered = db.prepare(
    'DELETE FROM firehose_records WHERE stream_id = ? AND id BETWEEN ? AND ?',
  );
  const keepRest = db.prepare<[Buffer, Buffer | null, number]>(
    'UPDATE firehose_records SET data = ?, sizes = ? WHERE id = ?',
  );
  const rowOf = db.prepare<[number], RecordsRow>(
    'SELECT id, arrived_at, data, sizes FROM firehose_records WHERE id = ?',
  );
  const oldest = db.prepare<[number], { arrived_at: number }>(
    'SELECT arrived_at FROM firehose_records WHERE stream_id = ? ORDER BY id LIMIT 1',
  );

  // Records whose stream is gone (none unless the file was edited by hand) would never be delivered.
  db.exec('DELETE FROM firehose_records WHERE stream_id NOT IN (SELECT id FROM firehose_streams)');
  const byName = new Map<string, StreamRecord>();
  const byId = new Map<number, StreamRecord>();
  const remember = (stream: StreamRecord): StreamRecord => {
    byName.set(stream.name, stream);
    byId.set(stream.id, stream);
    return stream;
  };
  for (const row of db.prepare<[], StreamRow>('SELECT * FROM firehose_streams').all()) remember(fromRow(row));

  const append = (streamId: number, arrivedAt: number, records: readonly Uint8Array[]): void => {
    if (records.length === 0) return;
    if (records.length === 1) {
      insertRecords.run(streamId, arrivedAt, bufferOf(records[0]!), null);
      return;
    }
    insertRecords.run(streamId, arrivedAt, Buffer.concat(records), encodeSizes(records));
  };
  const removeStream = db.transaction((id: number) => {
    deleteStreamRecords.run(id);
    deleteStreamRow.run(id);
  });
  const removeDelivered = db.transaction((streamId: number, delivered: ObjectRecords) => {
    if (delivered.firstId <= delivered.lastId)
      deleteDelivered.run(streamId, delivered.firstId, delivered.lastId);
    const split = delivered.split;
    if (split) {
      const row = rowOf.get(split.id);
      if (!row) return;
      const sizes = recordSizes(row);
      const rest = sizes.slice(split.records);
      keepRest.run(row.data.subarray(split.bytes), rest.length > 1 ? encodeSizes(rest) : null, split.id);
    }
  });

  return {
    streams: () => [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    getStream: (name) => byName.get(name),
    getStreamById: (id) => byId.get(id),
    createStream(stream) {
      const { lastInsertRowid } = insertStream.run(
        stream.name,
        stream.version,
        stream.createdAt,
        stream.activeAt,
        stream.updatedAt ?? null,
        stream.configuredAs,
        JSON.stringify(stream.destination),
      );
      return remember({ ...stream, id: Number(lastInsertRowid) });
    },
    updateStream(stream, destination, updatedAt) {
      const version = stream.version + 1;
      updateStreamRow.run(version, updatedAt, JSON.stringify(destination), stream.id);
      return remember({ ...stream, version, updatedAt, destination });
    },
    deleteStream(stream) {
      removeStream(stream.id);
      byName.delete(stream.name);
      byId.delete(stream.id);
    },
    appendRecords: (streamId, arrivedAt, records) => append(streamId, arrivedAt, records),
    bufferStates() {
      const rows = db
        .prepare<[], { stream_id: number; records: number; bytes: number; oldest: number }>(
          `SELECT stream_id, SUM(CASE WHEN sizes IS NULL THEN 1 ELSE length(sizes) / 4 END) AS records,
             SUM(length(data)) AS bytes, MIN(arrived_at) AS oldest
           FROM firehose_records GROUP BY stream_id`,
        )
        .all();
      return new Map(
        rows.map((row) => [
          row.stream_id,
          { records: row.records, bytes: row.bytes, oldestArrival: row.oldest },
        ]),
      );
    },
    readObjectRecords(streamId, limitBytes) {
      let taken: ObjectRecords | undefined;
      for (const row of headRecords.iterate(streamId)) {
        taken ??= {
          firstId: row.id,
          lastId: row.id - 1,
          count: 0,
          bytes: 0,
          oldestArrival: row.arrived_at,
          data: [],
        };
        if (row.sizes === null) {
          if (!fitsInObject(taken, row.data.length, limitBytes)) break;
          addWhole(taken, row, 1);
          continue;
        }
        if (taken.bytes + row.data.length <= limitBytes) {
          addWhole(taken, row, row.sizes.length / 4);
          continue;
        }
        // The object ends inside this row: its first records that fit, at least one in an empty object.
        let records = 0;
        let bytes = 0;
        for (const size of recordSizes(row)) {
          if (!fitsInObject({ count: taken.count + records, bytes: taken.bytes + bytes }, size, limitBytes))
            break;
          records++;
          bytes += size;
        }
        if (records > 0) {
          taken.split = { id: row.id, records, bytes };
          taken.count += records;
          taken.bytes += bytes;
          taken.data.push(row.data.subarray(0, bytes));
        }
        break;
      }
      // The iterator is closed by the break: an object never needs more than its rows.
      return taken && taken.count > 0 ? taken : undefined;
    },
    removeDelivered: (streamId, delivered) => removeDelivered(streamId, delivered),
    oldestArrival: (streamId) => oldest.get(streamId)?.arrived_at,
  };
}
