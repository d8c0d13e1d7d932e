import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { COLUMNS, parseIsdRecord, readColumn, readIsdLines } from '../isd/index.js';
import { isStationId } from './catalog.js';
import {
  NOAA_ISD_ARCHIVE,
  labStationFile,
  stationFileLocations,
  type StationFileLocation,
} from './locations.js';

/** A fetch that failed; the message says what to do about it. */
export class StationFetchError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StationFetchError';
  }
}

/** What a fetch is doing, for progress displays. */
export type FetchProgress =
  | { stationId: string; phase: 'start'; year: number }
  | { stationId: string; phase: 'source'; source: string }
  | { stationId: string; phase: 'transfer'; bytes: number; totalBytes: number | undefined }
  | { stationId: string; phase: 'verify' }
  | { stationId: string; phase: 'done'; path: string; bytes: number; records: number }
  | { stationId: string; phase: 'failed'; error: Error };

export interface FetchStationYearOptions {
  /** `USAF-WBAN`, e.g. "030910-99999". */
  stationId: string;
  year: number;
  /** The lab folder; the file lands in `<labDir>/stations/<year>/<id>-<year>.gz`, nowhere else. */
  labDir: string;
  /** A folder or a base URL holding the files (flat or in `<year>/` folders) instead of NOAA. */
  mirror?: string;
  /** NOAA's archive base URL; only tests change it. */
  archiveUrl?: string;
  onProgress?: (progress: FetchProgress) => void;
  signal?: AbortSignal;
}

export interface FetchedStationYear {
  stationId: string;
  year: number;
  path: string;
  /** Where it came from: a URL or a file path. */
  source: string;
  bytes: number;
  records: number;
}

/**
 * Downloads a station-year from NOAA (or copies it from a mirror) into the lab folder. The file is
 * written next to its destination under a temporary name, verified (a gzip of ISD records of that
 * station, whose first record parses), then renamed into place: a failed or interrupted fetch never
 * leaves a half file where the replayer would read it.
 */
export async function fetchStationYear(options: FetchStationYearOptions): Promise<FetchedStationYear> {
  const { stationId, year, labDir, onProgress } = options;
  if (!isStationId(stationId)) {
    throw new StationFetchError(`"${stationId}" is not a station id: expected USAF-WBAN, e.g. 030910-99999`);
  }
  if (!Number.isInteger(year) || year < 1901 || year > 2100) {
    throw new StationFetchError(`"${year}" is not a year NOAA's ISD archive covers (1901 onwards)`);
  }
  onProgress?.({ stationId, phase: 'start', year });
  const destination = labStationFile(labDir, stationId, year);
  const partial = `${destination}.part`;
  await mkdir(dirname(destination), { recursive: true });

  const locations = stationFileLocations(
    stationId,
    year,
    options.mirror,
    options.archiveUrl ?? NOAA_ISD_ARCHIVE,
  );
  try {
    const { source, bytes } = await transferFirstAvailable(locations, partial, options);
    onProgress?.({ stationId, phase: 'verify' });
    const records = await verifyStationFile(partial, stationId);
    await rename(partial, destination);
    onProgress?.({ stationId, phase: 'done', path: destination, bytes, records });
    return { stationId, year, path: destination, source, bytes, records };
  } finally {
    await rm(partial, { force: true });
  }
}

/** Tries each location in order; a missing file moves on to the next, any other failure stops. */
async function transferFirstAvailable(
  locations: readonly StationFileLocation[],
  partial: string,
  options: FetchStationYearOptions,
): Promise<{ source: string; bytes: number }> {
  const tried: string[] = [];
  for (const location of locations) {
    const source = location.kind === 'url' ? location.url : location.path;
    const bytes =
      location.kind === 'url'
        ? await downloadFile(location.url, partial, options)
        : await copyMirrorFile(location.path, partial, options);
    if (bytes !== undefined) return { source, bytes };
    tried.push(source);
  }
  const fromMirror = options.mirror !== undefined;
  throw new StationFetchError(
    fromMirror
      ? `${options.stationId} ${options.year} is not in the mirror: no file at ${tried.join(' nor at ')}`
      : `NOAA has no file for ${options.stationId} ${options.year} at ${tried.join(', ')} (HTTP 404): check the station id and year`,
  );
}

/** Copies a mirror file; undefined when it does not exist. */
async function copyMirrorFile(
  path: string,
  partial: string,
  { stationId, onProgress, signal }: FetchStationYearOptions,
): Promise<number | undefined> {
  const size = await stat(path).then(
    (stats) => (stats.isFile() ? stats.size : undefined),
    (error: NodeJS.ErrnoException) => {
      // Absent is "try the next place"; unreadable (EACCES, EIO...) is an error worth showing.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw new StationFetchError(`Cannot read the mirror file ${path}: ${error.message}`, { cause: error });
    },
  );
  if (size === undefined) return undefined;
  onProgress?.({ stationId, phase: 'source', source: path });
  // A stream copy, not copyFile: the lab's copy must not inherit the mirror's read-only mode.
  let bytes = 0;
  await pipeline(
    createReadStream(path),
    countingStream((counted) => {
      bytes = counted;
      onProgress?.({ stationId, phase: 'transfer', bytes: counted, totalBytes: size });
    }),
    createWriteStream(partial),
    { signal },
  );
  return bytes;
}

/** Streams a URL to a file; undefined on HTTP 404. */
async function downloadFile(
  url: string,
  partial: string,
  { stationId, onProgress, signal, mirror }: FetchStationYearOptions,
): Promise<number | undefined> {
  const networkAdvice =
    mirror === undefined
      ? 'Check the internet connection, or copy the files from a mirror with --mirror <folder|url> (e.g. a classroom USB stick).'
      : 'Check that the mirror server is running and reachable, or use a mirror folder with --mirror <folder>.';
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new StationFetchError(
      `Network error while downloading ${url}: ${describeCause(error)}. ${networkAdvice}`,
      {
        cause: error,
      },
    );
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new StationFetchError(
      `Download of ${url} failed: HTTP ${response.status} ${response.statusText}`.trim(),
    );
  }

  onProgress?.({ stationId, phase: 'source', source: url });
  const announced = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(announced) && announced > 0 ? announced : undefined;
  let bytes = 0;
  const countBytes = countingStream((counted) => {
    bytes = counted;
    onProgress?.({ stationId, phase: 'transfer', bytes: counted, totalBytes });
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      countBytes,
      createWriteStream(partial),
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new StationFetchError(
      `Network error while downloading ${url} (after ${bytes} bytes): ${describeCause(error)}. ${networkAdvice}`,
      { cause: error },
    );
  }
  if (totalBytes !== undefined && bytes !== totalBytes) {
    throw new StationFetchError(
      `Download of ${url} stopped at ${bytes} of ${totalBytes} bytes. ${networkAdvice}`,
    );
  }
  return bytes;
}

/** A pass-through stream that reports the running byte count. */
function countingStream(onBytes: (bytes: number) => void): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      onBytes(bytes);
      callback(null, chunk);
    },
  });
}

/** `fetch failed` alone says little: Node puts the reason (ECONNREFUSED, ENOTFOUND...) in `cause`. */
function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return `${message} (${code ?? cause.message})`;
  }
  return message;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Checks a fetched file before it goes into the lab: gzip magic bytes, the first record parses as
 * ISD and is from the expected station, and the whole stream decompresses (gzip's CRC catches a
 * truncated or corrupted download). Returns the number of records.
 */
export async function verifyStationFile(path: string, stationId: string): Promise<number> {
  const handle = await open(path, 'r');
  const header = Buffer.alloc(2);
  try {
    await handle.read(header, 0, 2, 0);
  } finally {
    await handle.close();
  }
  if (header[0] !== GZIP_MAGIC[0] || header[1] !== GZIP_MAGIC[1]) {
    throw new StationFetchError(
      `The file for ${stationId} is not a gzip file (it starts with 0x${header.toString('hex')})`,
    );
  }
  let records = 0;
  try {
    for await (const { line } of readIsdLines(path)) {
      if (records === 0) {
        parseIsdRecord(line);
        const recordStation = `${readColumn(line, COLUMNS.usaf)}-${readColumn(line, COLUMNS.wban)}`;
        if (recordStation !== stationId) {
          throw new StationFetchError(`The file for ${stationId} holds records of station ${recordStation}`);
        }
      }
      records++;
    }
  } catch (error) {
    if (error instanceof StationFetchError) throw error;
    throw new StationFetchError(
      `The file for ${stationId} is not a valid ISD file: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (records === 0) throw new StationFetchError(`The file for ${stationId} holds no records`);
  return records;
}

export interface FetchStationYearsOptions extends Omit<FetchStationYearOptions, 'stationId'> {
  stationIds: readonly string[];
}

export type StationYearOutcome =
  | { stationId: string; ok: true; fetched: FetchedStationYear }
  | { stationId: string; ok: false; error: Error };

/** Fetches several stations one after the other; one failure does not stop the others. */
export async function fetchStationYears(options: FetchStationYearsOptions): Promise<StationYearOutcome[]> {
  const outcomes: StationYearOutcome[] = [];
  for (const stationId of options.stationIds) {
    try {
      outcomes.push({ stationId, ok: true, fetched: await fetchStationYear({ ...options, stationId }) });
    } catch (thrown) {
      if (options.signal?.aborted) throw thrown;
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      options.onProgress?.({ stationId, phase: 'failed', error });
      outcomes.push({ stationId, ok: false, error });
    }
  }
  return outcomes;
}
