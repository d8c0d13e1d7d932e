import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import {
  ancestorFolders,
  foldPath,
  INTERNAL_OBJECTS_DIR,
  naturalRelativePath,
  STAGING_DIR,
} from './paths.js';

/** The object body files under the S3 root: where each goes, staging, atomic placement, ranged reads. */

export interface BodyPlacement {
  /** Relative to the S3 root, `/`-separated. */
  bodyPath: string;
  /** The folded natural path (see `foldPath`), null for internal names. */
  fold: string | null;
}

export interface BodyFiles {
  /** A fresh file in the staging folder (same file system as the bodies, so renames are atomic). */
  stagingFile(): string;
  absolute(bodyPath: string): string;
  /**
   * The key's own path when it is clean and `isTaken` reports no other object on that path, on
   * a folder above it or below it (`a` and `a/b`); an internal name otherwise.
   */
  choosePlacement(
    bucket: string,
    key: string,
    isTaken: (fold: string, below: boolean) => boolean,
  ): BodyPlacement;
  internalPlacement(bucket: string, key: string): BodyPlacement;
  /** Renames a staged file into place, creating its folders. */
  place(tempFile: string, placement: BodyPlacement): string;
  /** Removes the folders a deleted body leaves empty, up to its bucket's folder: S3 has no folders. */
  pruneEmptyFolders(file: string, bucket: string): void;
  read(file: string, range?: { start: number; end: number }): Buffer;
}

export function createBodyFiles(root: string): BodyFiles {
  const staging = path.join(root, STAGING_DIR);
  // Temp files left by a crash are never objects.
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let staged = 0;

  const absolute = (bodyPath: string): string => {
    const file = path.join(root, ...bodyPath.split('/'));
    // Defense in depth: placements are built from clean segments or hashes, never from raw keys.
    if (!file.startsWith(root + path.sep))
      throw new Error(`Refusing a body path outside the S3 folder: ${bodyPath}`);
    return file;
  };

  const internalPlacement = (bucket: string, key: string): BodyPlacement => ({
    bodyPath: `${INTERNAL_OBJECTS_DIR}/${bucket}/${createHash('sha256').update(key, 'utf8').digest('hex')}`,
    fold: null,
  });

  return {
    stagingFile: () => path.join(staging, `${process.pid}-${++staged}`),
    absolute,
    internalPlacement,
    choosePlacement(bucket, key, isTaken) {
      const natural = naturalRelativePath(key);
      if (natural !== undefined) {
        const fold = foldPath(natural);
        const clashes =
          isTaken(fold, false) ||
          ancestorFolders(fold).some((folder) => isTaken(folder, false)) ||
          isTaken(fold, true);
        if (!clashes) return { bodyPath: `${bucket}/${natural}`, fold };
      }
      return internalPlacement(bucket, key);
    },
    place(tempFile, placement) {
      const file = absolute(placement.bodyPath);
      mkdirSync(path.dirname(file), { recursive: true });
      renameSync(tempFile, file);
      return file;
    },
    pruneEmptyFolders(file, bucket) {
      const stop = path.join(root, bucket);
      for (let dir = path.dirname(file); dir.startsWith(stop + path.sep); dir = path.dirname(dir)) {
        try {
          rmdirSync(dir);
        } catch {
          return;
        }
      }
    },
    read(file, range) {
      if (!range) return readFileSync(file);
      const length = range.end - range.start + 1;
      const buffer = Buffer.alloc(length);
      const fd = openSync(file, 'r');
      try {
        let read = 0;
        while (read < length) {
          const n = readSync(fd, buffer, read, length - read, range.start + read);
          if (n === 0) break;
          read += n;
        }
        return buffer.subarray(0, read);
      } finally {
        closeSync(fd);
      }
    },
  };
}
