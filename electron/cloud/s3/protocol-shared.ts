import type { AccessControlPolicy } from '@aws-sdk/client-s3';
import type { AwsRequest, AwsResponse } from '../gateway/types.js';
import type { S3Context } from './context.js';
import { header, readXmlBody, S3_XMLNS, type Payload } from './wire.js';

/** One request on its way to an operation: routed, its payload read and checked. */
export interface S3Call {
  s3: S3Context;
  request: AwsRequest;
  payload: Payload;
  operation: string;
  bucket: string;
  key: string;
}

export type S3Route = (call: S3Call) => AwsResponse;

/** The XML of an ACL, which carries an `xsi:type` attribute the generic XML writer cannot express. */
export function aclDocument(call: S3Call): AwsResponse {
  const { ID, DisplayName } = call.s3.owner;
  const owner = `<ID>${ID}</ID><DisplayName>${DisplayName}</DisplayName>`;
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy xmlns="${S3_XMLNS}"><Owner>${owner}</Owner>` +
    `<AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">` +
    `${owner}</Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`;
  return { status: 200, headers: { 'content-type': 'application/xml' }, body, operation: call.operation };
}

/** The ACL a request sets, from `x-amz-acl`, grant headers or an `<AccessControlPolicy>` body. */
export function aclInput(call: S3Call): {
  ACL?: string;
  AccessControlPolicy?: AccessControlPolicy;
  GrantRead?: string;
} {
  const { request, payload } = call;
  return {
    ACL: header(request, 'x-amz-acl'),
    AccessControlPolicy:
      payload.body.length > 0 ? (readXmlBody(payload.body) as AccessControlPolicy) : undefined,
    // Any grant header: the operations only need to know that grants were asked for.
    GrantRead: ['read', 'write', 'read-acp', 'write-acp', 'full-control']
      .map((grant) => header(request, `x-amz-grant-${grant}`))
      .find((value) => value !== undefined),
  };
}

/** AWS (encoding-type=url): keys are URL-encoded as Java's URLEncoder does, a space as `+`. */
export function urlEncode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
