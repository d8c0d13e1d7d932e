import { AwsError } from '../protocols/aws-error.js';

/**
 * S3's errors, with the codes, statuses, messages and extra elements S3 itself sends.
 * AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
export const s3Errors = {
  noSuchBucket: (bucket: string) =>
    new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket }),
  noSuchKey: (key: string) =>
    new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key }),
  noSuchUpload: (uploadId: string) =>
    new AwsError(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      { UploadId: uploadId },
    ),
  bucketNotEmpty: (bucket: string) =>
    new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
      BucketName: bucket,
    }),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    new AwsError(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      { BucketName: bucket },
    ),
  invalidBucketName: (bucket: string) =>
    new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket }),
  keyTooLong: (size: number) =>
    new AwsError('KeyTooLongError', 'Your key is too long', 400, {
      Size: String(size),
      MaxSizeAllowed: '1024',
    }),
  invalidArgument: (message: string, name: string, value: string) =>
    new AwsError('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value }),
  invalidRequest: (message: string) => new AwsError('InvalidRequest', message, 400),
  malformedXml: () =>
    new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    ),
  badDigest: (message: string, extra: Record<string, string> = {}) =>
    new AwsError('BadDigest', message, 400, extra),
  invalidDigest: (contentMd5: string) =>
    new AwsError('InvalidDigest', 'The Content-MD5 you specified was not valid.', 400, {
      'Content-MD5': contentMd5,
    }),
  invalidRange: (range: string, size: number) =>
    new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: range,
      ActualObjectSize: String(size),
    }),
  preconditionFailed: (condition: string) =>
    new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
      Condition: condition,
    }),
  notModified: () => new AwsError('NotModified', 'Not Modified', 304),
  incompleteBody: (message = 'The request body terminated unexpectedly') =>
    new AwsError('IncompleteBody', message, 400),
  methodNotAllowed: (method: string, resourceType: 'SERVICE' | 'BUCKET' | 'OBJECT') =>
    new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
      Method: method,
      ResourceType: resourceType,
    }),
  notImplemented: (what: string) =>
    new AwsError(
      'NotImplemented',
      `A header or query you provided implies functionality that is not implemented: the local cloud does not implement ${what} yet.`,
      501,
    ),
  accessDenied: (message = 'Access Denied', extra: Record<string, string> = {}) =>
    new AwsError('AccessDenied', message, 403, extra),
  aclNotSupported: () => new AwsError('AccessControlListNotSupported', 'The bucket does not allow ACLs', 400),
};

/** Rejects keys S3 refuses before it looks anything up. */
export function checkKey(key: string): void {
  const size = Buffer.byteLength(key, 'utf8');
  // AWS: object key names are at most 1,024 bytes of UTF-8.
  if (size > 1024) throw s3Errors.keyTooLong(size);
  if (size === 0) throw s3Errors.invalidArgument('The key must not be empty.', 'key', '');
}

const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** AWS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets). */
export function isValidBucketName(name: string): boolean {
  return (
    name.length >= 3 &&
    name.length <= 63 &&
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !IP_ADDRESS.test(name) &&
    !RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix)) &&
    !RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix))
  );
}
