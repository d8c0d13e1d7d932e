import type {
  AbortMultipartUploadRequest,
  ChecksumType,
  CompleteMultipartUploadOutput,
  CompleteMultipartUploadRequest,
  CreateMultipartUploadOutput,
  CreateMultipartUploadRequest,
  ListMultipartUploadsOutput,
  ListMultipartUploadsRequest,
  ListPartsOutput,
  ListPartsRequest,
  UploadPartOutput,
  UploadPartRequest,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { AwsError } from '../protocols/aws-error.js';
import { computeChecksum, type ObjectChecksum } from './checksums.js';
import { checkCannedAcl, compareKeys, quoteEtag, requireBucket, type S3Context } from './context.js';
import { checkKey, s3Errors } from './errors.js';
import {
  attributesFrom,
  checkWriteConditions,
  checksumFields,
  etagMatches,
  verifyIntegrity,
} from './object-rules.js';
import { md5Hex } from './store.js';
import type { UploadRecord } from './upload-store.js';

/** Multipart uploads, as `aws s3 cp` uses for files over 8 MB. AWS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html */

export type UploadPartInput = Omit<UploadPartRequest, 'Body'> & { Body?: Uint8Array };

/** AWS: every part but the last must be at least 5 MiB. */
const MIN_PART_SIZE = 5 * 1024 * 1024;

function requireUpload(
  s3: S3Context,
  input: { Bucket?: string; Key?: string; UploadId?: string },
): UploadRecord {
  const bucket = requireBucket(s3, input.Bucket);
  const upload = input.UploadId ? s3.uploads.getUpload(input.UploadId) : undefined;
  if (!upload || upload.bucket !== bucket.name || upload.key !== input.Key)
    throw s3Errors.noSuchUpload(input.UploadId ?? '');
  return upload;
}

/** AWS: CRC64NVME uploads default to a full-object checksum, every other algorithm to a composite one. */
function checksumTypeOf(upload: UploadRecord): ChecksumType | undefined {
  const { checksumAlgorithm, checksumType } = upload.attributes;
  if (!checksumAlgorithm) return undefined;
  return checksumType ?? (checksumAlgorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE');
}

export function CreateMultipartUpload(
  s3: S3Context,
  input: CreateMultipartUploadRequest,
): CreateMultipartUploadOutput {
  const bucket = requireBucket(s3, input.Bucket);
  const key = input.Key ?? '';
  checkKey(key);
  checkCannedAcl(bucket, input.ACL);
  const upload = s3.uploads.createUpload(randomBytes(32).toString('base64url'), bucket.name, key, {
    ...attributesFrom(input),
    checksumAlgorithm: input.ChecksumAlgorithm,
    checksumType: input.ChecksumType,
  });
  return {
    Bucket: bucket.name,
    Key: key,
    UploadId: upload.uploadId,
    ServerSideEncryption: 'AES256',
    ChecksumAlgorithm: input.ChecksumAlgorithm,
    ChecksumType: checksumTypeOf(upload),
  };
}

export function UploadPart(s3: S3Context, input: UploadPartInput): UploadPartOutput {
  const upload = requireUpload(s3, input);
  const partNumber = input.PartNumber ?? 0;
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
    throw s3Errors.invalidArgument(
      'Part number must be an integer between 1 and 10000, inclusive',
      'partNumber',
      String(partNumber),
    );
  }
  const body = Buffer.from(input.Body ?? new Uint8Array());
  const etag = md5Hex(body);
  const checksum = verifyIntegrity(
    { ...input, ChecksumAlgorithm: input.ChecksumAlgorithm ?? upload.attributes.checksumAlgorithm },
    body,
    etag,
  );
  s3.uploads.putPart(
    upload,
    { partNumber, size: body.length, etag, checksum: checksum?.value },
    (tempFile) => {
      const fd = openSync(tempFile, 'w');
      try {
        writeSync(fd, body);
      } finally {
        closeSync(fd);
      }
    },
  );
  return { ETag: quoteEtag(etag), ServerSideEncryption: 'AES256', ...checksumFields(checksum) };
}

export function CompleteMultipartUpload(
  s3: S3Context,
  input: CompleteMultipartUploadRequest,
): CompleteMultipartUploadOutput {
  const upload = requireUpload(s3, input);
  const requested = input.MultipartUpload?.Parts ?? [];
  if (requested.length === 0) throw s3Errors.malformedXml();
  const algorithm = upload.attributes.checksumAlgorithm;
  const stored = new Map(s3.uploads.listParts(upload.uploadId).map((part) => [part.partNumber, part]));
  const parts = requested.map((given, index) => {
    const part = stored.get(given.PartNumber ?? 0);
    if (index > 0 && (given.PartNumber ?? 0) <= (requested[index - 1]?.PartNumber ?? 0)) {
      throw new AwsError(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
        400,
        { UploadId: upload.uploadId },
      );
    }
    const givenChecksum = algorithm ? given[`Checksum${algorithm}`] : undefined;
    const checksumDiffers =
      givenChecksum !== undefined && part?.checksum !== undefined && givenChecksum !== part.checksum;
    if (!part || given.ETag === undefined || !etagMatches(given.ETag, part.etag) || checksumDiffers) {
      throw new AwsError(
        'InvalidPart',
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        400,
        { UploadId: upload.uploadId, PartNumber: String(given.PartNumber), ETag: given.ETag ?? '' },
      );
    }
    return part;
  });
  parts.slice(0, -1).forEach((part) => {
    if (part.size < MIN_PART_SIZE) {
      throw new AwsError(
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed object size.',
        400,
        {
          ProposedSize: String(part.size),
          MinSizeAllowed: String(MIN_PART_SIZE),
          PartNumber: String(part.partNumber),
          ETag: part.etag,
        },
      );
    }
  });
  checkWriteConditions(s3.store.getObject(upload.bucket, upload.key), upload.key, input);
  // AWS: a multipart ETag is the MD5 of the parts' binary MD5s, then `-<number of parts>`.
  const etag = `${md5Hex(Buffer.concat(parts.map((part) => Buffer.from(part.etag, 'hex'))))}-${parts.length}`;
  const checksumType = checksumTypeOf(upload);
  let checksum: ObjectChecksum | undefined;
  if (algorithm && checksumType === 'COMPOSITE' && parts.every((part) => part.checksum)) {
    const joined = Buffer.concat(parts.map((part) => Buffer.from(part.checksum ?? '', 'base64')));
    const value = computeChecksum(algorithm, joined);
    checksum = value === undefined ? undefined : { algorithm, value: `${value}-${parts.length}` };
  }
  const { contentType, metadata, headers } = upload.attributes;
  const size = parts.reduce((sum, part) => sum + part.size, 0);
  const object = s3.store.writeObject(
    upload.bucket,
    upload.key,
    (tempFile) => {
      const fd = openSync(tempFile, 'w');
      try {
        for (const part of parts) writeSync(fd, readFileSync(part.file));
      } finally {
        closeSync(fd);
      }
    },
    (tempFile) => {
      if (algorithm && checksumType === 'FULL_OBJECT') {
        const value = computeChecksum(algorithm, readFileSync(tempFile));
        checksum = value === undefined ? undefined : { algorithm, value };
      }
      return { contentType, metadata, headers, checksum, size, etag, parts: parts.map((part) => part.size) };
    },
  );
  s3.uploads.deleteUpload(upload.uploadId);
  return {
    Location: `/${upload.bucket}/${upload.key}`,
    Bucket: upload.bucket,
    Key: upload.key,
    ETag: quoteEtag(object.etag),
    ServerSideEncryption: 'AES256',
    ...checksumFields(checksum),
  };
}

export function AbortMultipartUpload(
  s3: S3Context,
  input: AbortMultipartUploadRequest,
): Record<string, never> {
  s3.uploads.deleteUpload(requireUpload(s3, input).uploadId);
  return {};
}

export function ListParts(s3: S3Context, input: ListPartsRequest): ListPartsOutput {
  const upload = requireUpload(s3, input);
  const maxParts = Math.min(input.MaxParts ?? 1000, 1000);
  const marker = Number(input.PartNumberMarker ?? 0);
  const remaining = s3.uploads.listParts(upload.uploadId).filter((part) => part.partNumber > marker);
  const page = remaining.slice(0, maxParts);
  const truncated = remaining.length > page.length;
  const algorithm = upload.attributes.checksumAlgorithm;
  return {
    Bucket: upload.bucket,
    Key: upload.key,
    UploadId: upload.uploadId,
    PartNumberMarker: input.PartNumberMarker ?? '0',
    NextPartNumberMarker: page.length ? String(page.at(-1)?.partNumber) : undefined,
    MaxParts: maxParts,
    IsTruncated: truncated,
    Parts: page.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: part.lastModified,
      ETag: quoteEtag(part.etag),
      Size: part.size,
      ...(algorithm && part.checksum ? { [`Checksum${algorithm}`]: part.checksum } : {}),
    })),
    Initiator: s3.owner,
    Owner: s3.owner,
    StorageClass: 'STANDARD',
    ChecksumAlgorithm: algorithm,
    ChecksumType: checksumTypeOf(upload),
  };
}

export function ListMultipartUploads(
  s3: S3Context,
  input: ListMultipartUploadsRequest,
): ListMultipartUploadsOutput {
  const bucket = requireBucket(s3, input.Bucket);
  const maxUploads = Math.min(input.MaxUploads ?? 1000, 1000);
  const prefix = input.Prefix ?? '';
  const keyMarker = input.KeyMarker ?? '';
  const matching = s3.uploads.listUploads(bucket.name).filter((upload) => {
    if (!upload.key.startsWith(prefix)) return false;
    const order = compareKeys(upload.key, keyMarker);
    if (!keyMarker || order > 0) return true;
    return order === 0 && input.UploadIdMarker !== undefined && upload.uploadId > input.UploadIdMarker;
  });
  const page = matching.slice(0, maxUploads);
  const truncated = matching.length > page.length;
  const last = page.at(-1);
  return {
    Bucket: bucket.name,
    KeyMarker: keyMarker,
    UploadIdMarker: input.UploadIdMarker ?? '',
    NextKeyMarker: truncated ? last?.key : undefined,
    NextUploadIdMarker: truncated ? last?.uploadId : undefined,
    Prefix: prefix,
    MaxUploads: maxUploads,
    IsTruncated: truncated,
    EncodingType: input.EncodingType,
    Uploads: page.map((upload) => ({
      UploadId: upload.uploadId,
      Key: upload.key,
      Initiated: upload.initiated,
      StorageClass: 'STANDARD',
      Owner: s3.owner,
      Initiator: s3.owner,
      ChecksumAlgorithm: upload.attributes.checksumAlgorithm,
      ChecksumType: checksumTypeOf(upload),
    })),
  };
}
