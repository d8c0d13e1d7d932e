import type {
  BucketCannedACL,
  BucketLocationConstraint,
  ObjectOwnership,
  ServerSideEncryption,
} from '@aws-sdk/client-s3';
import type { AwsRequest, AwsResponse, ServiceEndpoint } from '../gateway/types.js';
import type { XmlObject } from '../protocols/xml.js';
import type { LabIdentity } from '../storage/index.js';
import type { S3Context } from './context.js';
import { s3Errors } from './errors.js';
import {
  CreateBucket,
  DeleteBucket,
  GetBucketAcl,
  GetBucketLocation,
  GetBucketVersioning,
  HeadBucket,
  ListBuckets,
  PutBucketAcl,
} from './operations-buckets.js';
import { multipartRoutes } from './protocol-multipart.js';
import { listingRoutes } from './protocol-listing.js';
import { objectRoutes } from './protocol-objects.js';
import { aclDocument, aclInput, type S3Route } from './protocol-shared.js';
import { addressOf, operationOf, type S3Address } from './routes.js';
import {
  checkPresignedExpiry,
  emptyResponse,
  header,
  numberParam,
  outputHeaders,
  queryParam,
  readPayload,
  readXmlBody,
  S3_XMLNS,
  serializeS3Error,
  xmlResponse,
} from './wire.js';

/**
 * The S3 REST front: route the request to an operation, read its input from the path, query,
 * headers and body, call the operation, write its output as S3's headers and XML.
 * AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/Welcome.html
 */

const bucketRoutes: Record<string, S3Route> = {
  ListBuckets: ({ s3, request, operation }) => {
    const output = ListBuckets(s3, {
      MaxBuckets: numberParam(request, 'max-buckets'),
      ContinuationToken: queryParam(request, 'continuation-token'),
      Prefix: queryParam(request, 'prefix'),
      BucketRegion: queryParam(request, 'bucket-region'),
    });
    return xmlResponse(operation, 'ListAllMyBucketsResult', {
      Owner: output.Owner as XmlObject,
      Buckets: { Bucket: (output.Buckets ?? []) as XmlObject[] },
      ContinuationToken: output.ContinuationToken,
      Prefix: output.Prefix,
    });
  },
  CreateBucket: ({ s3, request, payload, operation, bucket }) => {
    const document = payload.body.length > 0 ? readXmlBody(payload.body) : { CreateBucketConfiguration: '' };
    const configuration = document.CreateBucketConfiguration;
    if (configuration === undefined) throw s3Errors.malformedXml();
    const constraint =
      typeof configuration === 'object' && configuration !== null
        ? (configuration as Record<string, unknown>).LocationConstraint
        : undefined;
    const output = CreateBucket(
      s3,
      {
        Bucket: bucket,
        ACL: header(request, 'x-amz-acl') as BucketCannedACL | undefined,
        ObjectOwnership: header(request, 'x-amz-object-ownership') as ObjectOwnership | undefined,
        CreateBucketConfiguration:
          typeof constraint === 'string'
            ? { LocationConstraint: constraint as BucketLocationConstraint }
            : undefined,
      },
      request.region,
    );
    return emptyResponse(operation, 200, outputHeaders(output));
  },
  HeadBucket: ({ s3, operation, bucket }) =>
    emptyResponse(operation, 200, outputHeaders(HeadBucket(s3, { Bucket: bucket }))),
  DeleteBucket: ({ s3, operation, bucket }) => {
    DeleteBucket(s3, { Bucket: bucket });
    return emptyResponse(operation, 204);
  },
  GetBucketLocation: ({ s3, operation, bucket }) => {
    const { LocationConstraint } = GetBucketLocation(s3, { Bucket: bucket });
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_XMLNS}">${LocationConstraint ?? ''}</LocationConstraint>`;
    return { status: 200, headers: { 'content-type': 'application/xml' }, body, operation };
  },
  GetBucketVersioning: ({ s3, operation, bucket }) =>
    xmlResponse(
      operation,
      'VersioningConfiguration',
      GetBucketVersioning(s3, { Bucket: bucket }) as XmlObject,
    ),
  GetBucketAcl: (call) => {
    GetBucketAcl(call.s3, { Bucket: call.bucket });
    return aclDocument(call);
  },
  PutBucketAcl: (call) => {
    const acl = aclInput(call);
    PutBucketAcl(call.s3, { Bucket: call.bucket, ...acl, ACL: acl.ACL as BucketCannedACL | undefined });
    return emptyResponse(call.operation);
  },
};

const routes: Record<string, S3Route> = {
  ...bucketRoutes,
  ...objectRoutes,
  ...listingRoutes,
  ...multipartRoutes,
};

/** Headers that ask for behaviour the local cloud does not have: refused by name rather than ignored. */
function refuseUnsupportedHeaders(request: AwsRequest): void {
  const encryption = header(request, 'x-amz-server-side-encryption') as ServerSideEncryption | undefined;
  if (encryption !== undefined && encryption !== 'AES256')
    throw s3Errors.notImplemented(`server-side encryption ${encryption}`);
  const storageClass = header(request, 'x-amz-storage-class');
  if (storageClass !== undefined && storageClass !== 'STANDARD')
    throw s3Errors.notImplemented(`storage class ${storageClass}`);
  for (const name of [
    'x-amz-server-side-encryption-customer-algorithm',
    'x-amz-tagging',
    'x-amz-object-lock-mode',
    'x-amz-object-lock-legal-hold',
    'x-amz-write-offset-bytes',
  ]) {
    if (header(request, name) !== undefined) throw s3Errors.notImplemented(`the ${name} header`);
  }
}

export function handleS3Request(s3: S3Context, identity: LabIdentity, request: AwsRequest): AwsResponse {
  checkPresignedExpiry(request);
  const address: S3Address = addressOf(request);
  const operation = operationOf(request, address);
  const route = routes[operation];
  if (!route) {
    const subresource = [...request.query.keys()].join('&');
    throw s3Errors.notImplemented(
      `${operation} (${request.method} ${subresource ? `?${subresource}` : request.rawPath})`,
    );
  }
  refuseUnsupportedHeaders(request);
  const payload = readPayload(request, identity);
  const response = route({
    s3,
    request,
    payload,
    operation,
    bucket: address.bucket ?? '',
    key: address.key ?? '',
  });
  return { ...response, headers: { server: 'AmazonS3', ...response.headers } };
}

export function createS3Endpoint(s3: S3Context, identity: LabIdentity): ServiceEndpoint {
  return {
    signingNames: ['s3'],
    handle: async (request) => handleS3Request(s3, identity, request),
    serializeError: (error, request) => {
      const response = serializeS3Error(error, request);
      return { ...response, headers: { server: 'AmazonS3', ...response.headers } };
    },
  };
}
