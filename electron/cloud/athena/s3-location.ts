/** `s3://bucket/prefix/` locations as Athena and Glue write them. */
export interface S3Location {
  bucket: string;
  /** The key prefix, '' or ending with '/'. */
  prefix: string;
}

/** A folder location: Hive reads a location as a directory, so the prefix always ends with '/'. */
export function parseS3Location(url: string | undefined): S3Location | undefined {
  const match = /^s3a?n?:\/\/([^/]+)(?:\/(.*))?$/i.exec(url?.trim() ?? '');
  if (!match?.[1]) return undefined;
  const path = match[2] ?? '';
  return { bucket: match[1], prefix: path === '' || path.endsWith('/') ? path : `${path}/` };
}

export const s3Url = (bucket: string, key: string): string => `s3://${bucket}/${key}`;
