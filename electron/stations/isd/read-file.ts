import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parseIsdRecord } from './parse.js';
import { IsdFormatError } from './record.js';
import type { StationReading } from './types.js';

/** One record of a file and where it is (1-based line number, for error messages). */
export interface IsdLine {
  line: string;
  lineNumber: number;
}

/**
 * The records of a gzip-compressed ISD file (`USAF-WBAN-YEAR.gz`, one record per line), streamed:
 * the file is never held in memory. Decoded as latin1 so that one byte is one character, which
 * keeps the fixed-width columns in place even if a remark holds a stray non-ASCII byte.
 * Stopping early (break) closes the file.
 */
export async function* readIsdLines(path: string): AsyncGenerator<IsdLine> {
  const gunzip = createGunzip();
  // pipeline forwards a read error (missing file) to the gunzip stream, which we iterate.
  pipeline(createReadStream(path), gunzip, () => {});
  gunzip.setEncoding('latin1');
  let pending = '';
  let lineNumber = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      pending += chunk;
      let newline = pending.indexOf('\n');
      let start = 0;
      while (newline !== -1) {
        lineNumber++;
        const line = pending.slice(start, newline);
        if (line.trim() !== '') yield { line, lineNumber };
        start = newline + 1;
        newline = pending.indexOf('\n', start);
      }
      pending = pending.slice(start);
    }
  } catch (error) {
    throw describeReadError(path, error);
  }
  if (pending.trim() !== '') yield { line: pending, lineNumber: lineNumber + 1 };
}

/** The readings of a gzip-compressed ISD file, in file order. Errors name the file and line. */
export async function* readIsdFile(path: string): AsyncGenerator<StationReading> {
  for await (const { line, lineNumber } of readIsdLines(path)) {
    let reading: StationReading;
    try {
      reading = parseIsdRecord(line);
    } catch (error) {
      if (error instanceof IsdFormatError) {
        throw new IsdFormatError(`${path}, line ${lineNumber}: ${error.message}`, { cause: error });
      }
      throw error;
    }
    yield reading;
  }
}

function describeReadError(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new IsdFormatError(`${path} is not a valid gzip file (${(error as Error).message})`, {
      cause: error,
    });
  }
  return error;
}
