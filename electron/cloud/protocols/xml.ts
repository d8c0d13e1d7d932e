import { XMLParser } from 'fast-xml-parser';

/**
 * XML for the restXml (S3) and awsQuery (STS, IAM) protocols. Values map to elements:
 * objects nest, arrays repeat their element (or wrap items in `<member>` for awsQuery lists),
 * Dates become ISO-8601, booleans `true`/`false`, undefined and null are left out.
 */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  // Control characters go out as character references: a raw CR would come back as LF (XML
  // end-of-line normalization), so an S3 key like `a\rb` would not round-trip.
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[&<>"'\u0000-\u0008\u000b-\u001f]/g,
    (c) => XML_ESCAPES[c] ?? `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`,
  );
}

export interface XmlOptions {
  /** awsQuery lists are `<Name><member>…</member></Name>`; restXml lists repeat `<Name>` (flattened). */
  listStyle: 'member' | 'flattened';
}

function scalarText(value: string | number | boolean | Date): string {
  if (value instanceof Date) return value.toISOString();
  return escapeXml(String(value));
}

function elementXml(name: string, value: XmlValue, options: XmlOptions): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    if (options.listStyle === 'flattened') return value.map((item) => elementXml(name, item, options)).join('');
    return `<${name}>${value.map((item) => elementXml('member', item, options)).join('')}</${name}>`;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    return `<${name}>${childrenXml(value, options)}</${name}>`;
  }
  return `<${name}>${scalarText(value)}</${name}>`;
}

function childrenXml(value: XmlObject, options: XmlOptions): string {
  return Object.entries(value)
    .map(([name, child]) => elementXml(name, child, options))
    .join('');
}

/** A whole XML document with one root element; `xmlns` goes on the root. */
export function toXmlDocument(root: string, value: XmlObject, options: XmlOptions & { xmlns?: string }): string {
  const ns = options.xmlns ? ` xmlns="${options.xmlns}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${childrenXml(value, options)}</${root}>`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  // Also decodes character references (`&#xD;`), which the SDKs use for control characters in keys.
  htmlEntities: true,
});

/** Parses a request body such as S3's `<Delete>` or `<CreateBucketConfiguration>`. */
export function parseXml(body: Buffer | string): Record<string, unknown> {
  return parser.parse(typeof body === 'string' ? body : body.toString('utf8')) as Record<string, unknown>;
}
