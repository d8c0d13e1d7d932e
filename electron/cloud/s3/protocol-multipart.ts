import type { CompletedPart, EncodingType, ObjectCannedACL } from '@aws-sdk/client-s3';
import type { XmlObject } from '../protocols/xml.js';
import { CHECKSUM_ALGORITHMS } from './checksums.js';
import { s3Errors } from './errors.js';
import {
  AbortMultipartUpload,
  CompleteMultipartUpload,
  CreateMultipartUpload,
  ListMultipartUploads,
  ListParts,
  UploadPart,
} from './operations-multipart.js';
import { attributeHeaders } from './protocol-objects.js';
import { urlEncode, type S3Call, type S3Route } from './protocol-shared.js';
import {
  asArray,
  emptyResponse,
  header,
  numberParam,
  outputHeaders,
  queryParam,
  readXmlBody,
  xmlResponse,
} from './wire.js';

/** HTTP bindings of multipart uploads. */

function uploadTarget(call: S3Call) {
  return { Bucket: call.bucket, Key: call.key, UploadId: queryParam(call.request, 'uploadId') };
}

/** `<CompleteMultipartUpload><Part><PartNumber/><ETag/><ChecksumCRC32/>…</Part>…` */
function completedParts(call: S3Call): CompletedPart[] {
  const document = readXmlBody(call.payload.body).CompleteMultipartUpload;
  if (typeof document !== 'object' || document === null) throw s3Errors.malformedXml();
  return asArray(
    (document as { Part?: unknown }).Part as Record<string, unknown> | Record<string, unknown>[] | undefined,
  ).map((part) => {
    if (typeof part !== 'object' || part === null || !/^\d+$/.test(String(part.PartNumber)))
      throw s3Errors.malformedXml();
    const completed: CompletedPart = {
      PartNumber: Number(part.PartNumber),
      ETag: part.ETag === undefined ? undefined : String(part.ETag),
    };
    for (const algorithm of CHECKSUM_ALGORITHMS) {
      const value = part[`Checksum${algorithm}`];
      if (typeof value === 'string') completed[`Checksum${algorithm}`] = value;
    }
    return completed;
  });
}

export const multipartRoutes: Record<string, S3Route> = {
  CreateMultipartUpload: (call) => {
    const output = CreateMultipartUpload(call.s3, {
      Bucket: call.bucket,
      Key: call.key,
      ...attributeHeaders(call),
      ContentEncoding: header(call.request, 'content-encoding'),
      ACL: header(call.request, 'x-amz-acl') as ObjectCannedACL | undefined,
      ChecksumAlgorithm: call.payload.checksumAlgorithm,
      ChecksumType: header(call.request, 'x-amz-checksum-type') as 'COMPOSITE' | 'FULL_OBJECT' | undefined,
    });
    const response = xmlResponse(call.operation, 'InitiateMultipartUploadResult', {
      Bucket: output.Bucket,
      Key: output.Key,
      UploadId: output.UploadId,
    });
    return { ...response, headers: { ...response.headers, ...outputHeaders(output) } };
  },
  UploadPart: (call) => {
    const output = UploadPart(call.s3, {
      ...uploadTarget(call),
      PartNumber: numberParam(call.request, 'partNumber'),
      Body: call.payload.body,
      ContentMD5: header(call.request, 'content-md5'),
      ChecksumAlgorithm: call.payload.checksumAlgorithm,
      ...call.payload.checksums,
    });
    return emptyResponse(call.operation, 200, outputHeaders(output));
  },
  CompleteMultipartUpload: (call) => {
    const output = CompleteMultipartUpload(call.s3, {
      ...uploadTarget(call),
      MultipartUpload: { Parts: completedParts(call) },
      IfMatch: header(call.request, 'if-match'),
      IfNoneMatch: header(call.request, 'if-none-match'),
    });
    const host = header(call.request, 'host') ?? 'localhost';
    const { Location: _path, ServerSideEncryption, ...result } = output;
    const response = xmlResponse(call.operation, 'CompleteMultipartUploadResult', {
      Location: `http://${host}/${call.bucket}/${urlEncode(call.key)}`,
      ...(result as XmlObject),
    });
    return { ...response, headers: { ...response.headers, ...outputHeaders({ ServerSideEncryption }) } };
  },
  AbortMultipartUpload: (call) => {
    AbortMultipartUpload(call.s3, uploadTarget(call));
    return emptyResponse(call.operation, 204);
  },
  ListParts: (call) => {
    const output = ListParts(call.s3, {
      ...uploadTarget(call),
      MaxParts: numberParam(call.request, 'max-parts'),
      PartNumberMarker: queryParam(call.request, 'part-number-marker'),
    });
    const { Parts, ...rest } = output;
    return xmlResponse(call.operation, 'ListPartsResult', {
      ...(rest as XmlObject),
      Part: (Parts ?? []) as XmlObject[],
    });
  },
  ListMultipartUploads: (call) => {
    const { request } = call;
    const output = ListMultipartUploads(call.s3, {
      Bucket: call.bucket,
      Prefix: queryParam(request, 'prefix'),
      KeyMarker: queryParam(request, 'key-marker'),
      UploadIdMarker: queryParam(request, 'upload-id-marker'),
      MaxUploads: numberParam(request, 'max-uploads'),
      EncodingType: queryParam(request, 'encoding-type') as EncodingType | undefined,
    });
    const encode = output.EncodingType === 'url' ? urlEncode : (value: string | undefined) => value;
    return xmlResponse(call.operation, 'ListMultipartUploadsResult', {
      Bucket: output.Bucket,
      KeyMarker: encode(output.KeyMarker),
      UploadIdMarker: output.UploadIdMarker,
      NextKeyMarker: encode(output.NextKeyMarker),
      NextUploadIdMarker: output.NextUploadIdMarker,
      Prefix: encode(output.Prefix),
      MaxUploads: output.MaxUploads,
      IsTruncated: output.IsTruncated,
      EncodingType: output.EncodingType,
      Upload: (output.Uploads ?? []).map((upload) => ({ ...(upload as XmlObject), Key: encode(upload.Key) })),
    });
  },
};
