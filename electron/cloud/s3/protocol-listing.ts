import type { _Object, CommonPrefix, EncodingType } from '@aws-sdk/client-s3';
import type { XmlObject } from '../protocols/xml.js';
import { ListObjects, ListObjectsV2 } from './operations-listing.js';
import { urlEncode, type S3Call, type S3Route } from './protocol-shared.js';
import { numberParam, queryParam, xmlResponse } from './wire.js';

/** HTTP bindings of ListObjectsV2 and ListObjects (both answer `<ListBucketResult>`). */

function listInput(call: S3Call) {
  const { request } = call;
  return {
    Bucket: call.bucket,
    Prefix: queryParam(request, 'prefix'),
    Delimiter: queryParam(request, 'delimiter'),
    MaxKeys: numberParam(request, 'max-keys'),
    EncodingType: queryParam(request, 'encoding-type') as EncodingType | undefined,
  };
}

/** AWS: with encoding-type=url, keys, prefixes, delimiters and markers are URL-encoded in the XML. */
function encoder(encodingType: string | undefined): (value: string | undefined) => string | undefined {
  return encodingType === 'url' ? urlEncode : (value) => value;
}

function contentsXml(contents: _Object[] | undefined, encode: ReturnType<typeof encoder>): XmlObject[] {
  return (contents ?? []).map((object) => ({
    Key: encode(object.Key),
    LastModified: object.LastModified,
    ETag: object.ETag,
    ChecksumAlgorithm: object.ChecksumAlgorithm,
    ChecksumType: object.ChecksumType,
    Size: object.Size,
    Owner: object.Owner as XmlObject | undefined,
    StorageClass: object.StorageClass,
  }));
}

function prefixesXml(prefixes: CommonPrefix[] | undefined, encode: ReturnType<typeof encoder>): XmlObject[] {
  return (prefixes ?? []).map((prefix) => ({ Prefix: encode(prefix.Prefix) }));
}

export const listingRoutes: Record<string, S3Route> = {
  ListObjectsV2: (call) => {
    const { request } = call;
    const output = ListObjectsV2(call.s3, {
      ...listInput(call),
      ContinuationToken: queryParam(request, 'continuation-token'),
      StartAfter: queryParam(request, 'start-after'),
      FetchOwner: queryParam(request, 'fetch-owner') === 'true',
    });
    const encode = encoder(output.EncodingType);
    return xmlResponse(call.operation, 'ListBucketResult', {
      Name: output.Name,
      Prefix: encode(output.Prefix),
      Delimiter: encode(output.Delimiter),
      MaxKeys: output.MaxKeys,
      EncodingType: output.EncodingType,
      KeyCount: output.KeyCount,
      IsTruncated: output.IsTruncated,
      ContinuationToken: output.ContinuationToken,
      NextContinuationToken: output.NextContinuationToken,
      StartAfter: encode(output.StartAfter),
      Contents: contentsXml(output.Contents, encode),
      CommonPrefixes: prefixesXml(output.CommonPrefixes, encode),
    });
  },
  ListObjects: (call) => {
    const output = ListObjects(call.s3, { ...listInput(call), Marker: queryParam(call.request, 'marker') });
    const encode = encoder(output.EncodingType);
    return xmlResponse(call.operation, 'ListBucketResult', {
      Name: output.Name,
      Prefix: encode(output.Prefix),
      Marker: encode(output.Marker),
      NextMarker: encode(output.NextMarker),
      MaxKeys: output.MaxKeys,
      Delimiter: encode(output.Delimiter),
      EncodingType: output.EncodingType,
      IsTruncated: output.IsTruncated,
      Contents: contentsXml(output.Contents, encode),
      CommonPrefixes: prefixesXml(output.CommonPrefixes, encode),
    });
  },
};
