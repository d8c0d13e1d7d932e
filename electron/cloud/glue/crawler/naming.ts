import type { Column } from '@aws-sdk/client-glue';

/**
 * How a crawler names what it finds (AWS docs: crawler-running, crawler-s3-folder-table-partition,
 * define-crawler "Include and exclude patterns"; AWS-FIDELITY §9.4).
 */

export interface S3Location {
  bucket: string;
  /** '' for the bucket root, else ending with '/'. */
  prefix: string;
}

/** `s3://bucket/a/b` → { bucket, prefix: 'a/b/' }: an include path is a folder. */
export function parseS3Path(path: string): S3Location | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(path);
  if (!match) return undefined;
  const [, bucket = '', rest = ''] = match;
  return { bucket, prefix: rest === '' || rest.endsWith('/') ? rest : `${rest}/` };
}

export const s3Url = (location: S3Location): string => `s3://${location.bucket}/${location.prefix}`;

/**
 * Glue names a table after the include path's last folder (the bucket for a bucket root):
 * lowercase, characters other than letters, digits and `_` replaced by `_`, TablePrefix in front,
 * at most 128 characters.
 */
export function tableNameFor(location: S3Location, tablePrefix = ''): string {
  const folders = location.prefix.split('/').filter((folder) => folder !== '');
  const base = folders.at(-1) ?? location.bucket;
  return `${tablePrefix}${base}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 128);
}

/** A Hive-style folder `key=value`. */
const HIVE_FOLDER = /^([^=/]+)=(.*)$/;

/**
 * Partition keys for partition folders (`folders[i]` = the folder names of one partition, top
 * down): `key` where every folder at that level is a Hive `key=value` with the same key, else
 * `partition_<level>`. All partition keys are strings.
 */
export function partitionKeysFor(folders: readonly (readonly string[])[]): Column[] {
  const depth = folders[0]?.length ?? 0;
  const keys: Column[] = [];
  for (let level = 0; level < depth; level++) {
    const hiveKeys = new Set(folders.map((path) => HIVE_FOLDER.exec(path[level] ?? '')?.[1]?.toLowerCase()));
    const [only] = hiveKeys;
    const name = hiveKeys.size === 1 && only !== undefined ? only : `partition_${level}`;
    keys.push({ Name: name, Type: 'string' });
  }
  return keys;
}

/** The partition values of a partition's folders: the value of `key=value`, else the folder name. */
export function partitionValuesFor(folders: readonly string[], keys: readonly Column[]): string[] {
  return folders.map((folder, level) => {
    const hive = HIVE_FOLDER.exec(folder);
    const key = keys[level]?.Name ?? '';
    return hive && hive[1]?.toLowerCase() === key ? (hive[2] ?? '') : folder;
  });
}

/**
 * An exclusion glob as Glue reads it, relative to the include path: `*` matches within one folder
 * level, `**` across levels, `?` one character, `[…]` a class, `{a,b}` alternatives, `\` escapes.
 * A pattern written as a full `s3://` path under the include path is made relative first.
 */
export function exclusionMatcher(patterns: readonly string[], includePath: S3Location): (relativeKey: string) => boolean {
  const base = s3Url(includePath);
  const expressions = patterns.map((pattern) => globToRegExp(pattern.startsWith(base) ? pattern.slice(base.length) : pattern));
  return (relativeKey) => expressions.some((expression) => expression.test(relativeKey));
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const character = glob.charAt(i);
    if (character === '*') {
      if (glob[i + 1] === '*') {
        // `**/` also matches no folder at all.
        source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (character === '?') source += '[^/]';
    else if (character === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else if (character === '{') {
      braces++;
      source += '(?:';
    } else if (character === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (character === ',' && braces > 0) source += '|';
    else if (character === '\\' && i + 1 < glob.length) source += `\\${glob.charAt(++i)}`.replace(/^\\([a-zA-Z0-9])$/, '$1');
    else source += character.replace(/[.+^$()|\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
