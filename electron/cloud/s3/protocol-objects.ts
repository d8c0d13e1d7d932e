import type { ChecksumMode, GetObjectRequest, MetadataDirective, ObjectCannedACL } from '@aws-sdk/client-s3';
import type { AwsRequest } from '../gateway/types.js';
import type { XmlObject } from '../protocols/xml.js';
import { s3Errors } from './errors.js';
import { verifyIntegrity, type AttributeInput } from './object-rules.js';
import {
  CopyObject,
  DeleteObject,
  DeleteObjects,
  GetObject,
  GetObjectAcl,
  HeadObject,
  PutObject,
  PutObjectAcl,
} from './operations-objects.js';
import { aclDocument, aclInput, type S3Call, type S3Route } from './protocol-shared.js';
import { md5Hex } from './store.js';
import {
  asArray,
  dateHeader,
  emptyResponse,
  header,
  metadataHeaders,
  numberParam,
  outputHeaders,
  queryParam,
  readXmlBody,
  xmlResponse,
} from './wire.js';

/** HTTP bindings of the object operations. */

/** The attributes S3 stores from a write's headers. */
export function attributeHeaders(call: S3Call): AttributeInput {
  const { request } = call;
  return {
    ContentType: header(request, 'content-type'),
    CacheControl: header(request, 'cache-control'),
    ContentDisposition: header(request, 'content-disposition'),
    ContentEncoding: call.payload.contentEncoding,
    ContentLanguage: header(request, 'content-language'),
    Expires: dateHeader(request, 'expires'),
    WebsiteRedirectLocation: header(request, 'x-amz-website-redirect-location'),
    Metadata: metadataHeaders(request),
  };
}

function responseDate(request: AwsRequest, name: string): Date | undefined {
  const value = queryParam(request, name);
  return value === undefined ? undefined : new Date(value);
}

function readInput(call: S3Call): GetObjectRequest {
  const { request } = call;
  return {
    Bucket: call.bucket,
    Key: call.key,
    Range: header(request, 'range'),
    IfMatch: header(request, 'if-match'),
    IfNoneMatch: header(request, 'if-none-match'),
    IfModifiedSince: dateHeader(request, 'if-modified-since'),
    IfUnmodifiedSince: dateHeader(request, 'if-unmodified-since'),
    PartNumber: numberParam(request, 'partNumber'),
    VersionId: queryParam(request, 'versionId'),
    ChecksumMode: header(request, 'x-amz-checksum-mode') as ChecksumMode | undefined,
    ResponseCacheControl: queryParam(request, 'response-cache-control'),
    ResponseContentDisposition: queryParam(request, 'response-content-disposition'),
    ResponseContentEncoding: queryParam(request, 'response-content-encoding'),
    ResponseContentLanguage: queryParam(request, 'response-content-language'),
    ResponseContentType: queryParam(request, 'response-content-type'),
    ResponseExpires: responseDate(request, 'response-expires'),
  };
}

export const objectRoutes: Record<string, S3Route> = {
  PutObject: (call) => {
    const { request, payload } = call;
    const output = PutObject(call.s3, {
      Bucket: call.bucket,
      Key: call.key,
      Body: payload.body,
      ...attributeHeaders(call),
      ContentMD5: header(request, 'content-md5'),
      ACL: header(request, 'x-amz-acl') as ObjectCannedACL | undefined,
      IfMatch: header(request, 'if-match'),
      IfNoneMatch: header(request, 'if-none-match'),
      ChecksumAlgorithm: payload.checksumAlgorithm,
      ...payload.checksums,
    });
    return emptyResponse(call.operation, 200, outputHeaders(output));
  },
  GetObject: (call) => {
    const output = GetObject(call.s3, readInput(call));
    return {
      status: output.ContentRange ? 206 : 200,
      headers: outputHeaders(output),
      body: output.Body,
      operation: call.operation,
    };
  },
  HeadObject: (call) => {
    const output = HeadObject(call.s3, readInput(call));
    return emptyResponse(call.operation, output.ContentRange ? 206 : 200, outputHeaders(output));
  },
  CopyObject: (call) => {
    const { request } = call;
    const output = CopyObject(call.s3, {
      Bucket: call.bucket,
      Key: call.key,
      CopySource: header(request, 'x-amz-copy-source'),
      MetadataDirective: header(request, 'x-amz-metadata-directive') as MetadataDirective | undefined,
      CopySourceIfMatch: header(request, 'x-amz-copy-source-if-match'),
      CopySourceIfNoneMatch: header(request, 'x-amz-copy-source-if-none-match'),
      CopySourceIfModifiedSince: dateHeader(request, 'x-amz-copy-source-if-modified-since'),
      CopySourceIfUnmodifiedSince: dateHeader(request, 'x-amz-copy-source-if-unmodified-since'),
      ACL: header(request, 'x-amz-acl') as ObjectCannedACL | undefined,
      IfMatch: header(request, 'if-match'),
      IfNoneMatch: header(request, 'if-none-match'),
      ChecksumAlgorithm: call.payload.checksumAlgorithm,
      ...attributeHeaders(call),
      ContentEncoding: header(request, 'content-encoding'),
    });
    return {
      ...xmlResponse(call.operation, 'CopyObjectResult', output.CopyObjectResult as XmlObject),
      headers: { 'content-type': 'application/xml', ...outputHeaders(output) },
    };
  },
  DeleteObject: (call) => {
    DeleteObject(call.s3, {
      Bucket: call.bucket,
      Key: call.key,
      VersionId: queryParam(call.request, 'versionId'),
      IfMatch: header(call.request, 'if-match'),
    });
    return emptyResponse(call.operation, 204);
  },
  DeleteObjects: (call) => {
    const { request, payload } = call;
    const contentMd5 = header(request, 'content-md5');
    // AWS: DeleteObjects requires Content-MD5 or an x-amz-checksum-* of its body.
    if (contentMd5 === undefined && Object.keys(payload.checksums).length === 0) {
      throw s3Errors.invalidRequest('Missing required header for this request: Content-MD5');
    }
    verifyIntegrity({ ContentMD5: contentMd5, ...payload.checksums }, payload.body, md5Hex(payload.body));
    const document = readXmlBody(payload.body).Delete;
    if (typeof document !== 'object' || document === null) throw s3Errors.malformedXml();
    const { Object: entries, Quiet } = document as { Object?: unknown; Quiet?: unknown };
    const objects = asArray(entries as Record<string, unknown> | Record<string, unknown>[] | undefined).map(
      (entry) => {
        if (typeof entry !== 'object' || entry === null || typeof entry.Key !== 'string')
          throw s3Errors.malformedXml();
        return {
          Key: entry.Key,
          VersionId: typeof entry.VersionId === 'string' ? entry.VersionId : undefined,
        };
      },
    );
    const output = DeleteObjects(call.s3, {
      Bucket: call.bucket,
      Delete: { Objects: objects, Quiet: Quiet === 'true' },
    });
    return xmlResponse(call.operation, 'DeleteResult', {
      Deleted: output.Deleted as XmlObject[],
      Error: output.Errors as XmlObject[],
    });
  },
  GetObjectAcl: (call) => {
    GetObjectAcl(call.s3, {
      Bucket: call.bucket,
      Key: call.key,
      VersionId: queryParam(call.request, 'versionId'),
    });
    return aclDocument(call);
  },
  PutObjectAcl: (call) => {
    const acl = aclInput(call);
    PutObjectAcl(call.s3, {
      Bucket: call.bucket,
      Key: call.key,
      VersionId: queryParam(call.request, 'versionId'),
      ...acl,
      ACL: acl.ACL as ObjectCannedACL | undefined,
    });
    return emptyResponse(call.operation);
  },
};
