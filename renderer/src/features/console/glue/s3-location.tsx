import { pageHref } from '../../../app/use-route';

/** `s3://bucket/prefix/` → its place on the S3 page. */
export function s3Place(uri: string | undefined): { bucket: string; prefix: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri ?? '');
  return match ? { bucket: match[1] ?? '', prefix: match[2] ?? '' } : undefined;
}

/** An S3 location, a link to its folder on the S3 page. */
export function S3Location({ uri }: { uri: string | undefined }) {
  const place = s3Place(uri);
  if (!uri) return <>—</>;
  if (!place) return <code>{uri}</code>;
  return (
    <a className="mono" href={pageHref('s3', place.bucket, place.prefix)}>
      {uri}
    </a>
  );
}
