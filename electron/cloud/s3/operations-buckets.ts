import type {
  CreateBucketOutput,
  CreateBucketRequest,
  DeleteBucketRequest,
  GetBucketAclOutput,
  GetBucketAclRequest,
  GetBucketLocationOutput,
  GetBucketLocationRequest,
  GetBucketVersioningOutput,
  GetBucketVersioningRequest,
  HeadBucketOutput,
  HeadBucketRequest,
  ListBucketsOutput,
  ListBucketsRequest,
  PutBucketAclRequest,
} from '@aws-sdk/client-s3';
import { AwsError } from '../protocols/aws-error.js';
import { checkCannedAcl, requireBucket, type S3Context } from './context.js';
import { isValidBucketName, s3Errors } from './errors.js';

/** Bucket operations. AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html */

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function ListBuckets(s3: S3Context, input: ListBucketsRequest = {}): ListBucketsOutput {
  const maxBuckets = input.MaxBuckets ?? 10_000;
  if (!Number.isInteger(maxBuckets) || maxBuckets < 1 || maxBuckets > 10_000) {
    throw s3Errors.invalidArgument(
      'Argument max-buckets must be an integer between 1 and 10000.',
      'max-buckets',
      String(maxBuckets),
    );
  }
  let after = '';
  if (input.ContinuationToken) {
    after = Buffer.from(input.ContinuationToken, 'base64').toString('utf8');
  }
  const matching = s3.store
    .listBuckets()
    .filter((b) => b.name > after)
    .filter((b) => input.Prefix === undefined || b.name.startsWith(input.Prefix))
    .filter((b) => input.BucketRegion === undefined || b.region === input.BucketRegion);
  const page = matching.slice(0, maxBuckets);
  const truncated = matching.length > page.length;
  return {
    Buckets: page.map((b) => ({ Name: b.name, CreationDate: b.createdAt, BucketRegion: b.region })),
    Owner: s3.owner,
    // AWS: ContinuationToken is opaque.
    ContinuationToken: truncated ? Buffer.from(page.at(-1)?.name ?? '').toString('base64') : undefined,
    Prefix: input.Prefix,
  };
}

/**
 * `endpointRegion` is the region the request was signed for (the endpoint it "reached").
 * AWS: only us-east-1 accepts a CreateBucket without a LocationConstraint, and a constraint of
 * `us-east-1` itself is refused; any other endpoint must be given its own region.
 */
export function CreateBucket(
  s3: S3Context,
  input: CreateBucketRequest,
  endpointRegion = s3.region,
): CreateBucketOutput {
  const name = input.Bucket ?? '';
  if (!isValidBucketName(name)) throw s3Errors.invalidBucketName(name);
  const constraint = input.CreateBucketConfiguration?.LocationConstraint as string | undefined;
  let region = endpointRegion;
  if (constraint !== undefined && constraint !== '') {
    if (constraint === 'us-east-1' || !(REGION.test(constraint) || constraint === 'EU')) {
      throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
        LocationConstraint: constraint,
      });
    }
    region = constraint === 'EU' ? 'eu-west-1' : constraint;
    if (endpointRegion !== 'us-east-1' && region !== endpointRegion) {
      throw new AwsError(
        'IllegalLocationConstraintException',
        `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        400,
      );
    }
  } else if (endpointRegion !== 'us-east-1') {
    throw new AwsError(
      'IllegalLocationConstraintException',
      'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
      400,
    );
  }
  const ownership = input.ObjectOwnership ?? 'BucketOwnerEnforced';
  if (ownership === 'BucketOwnerEnforced' && input.ACL !== undefined && input.ACL !== 'private') {
    throw new AwsError(
      'InvalidBucketAclWithObjectOwnership',
      "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
      400,
    );
  }
  const existing = s3.store.getBucket(name);
  if (existing) {
    // AWS: "For legacy compatibility, if you re-create an existing bucket that you already own in
    // the North Virginia Region, Amazon S3 returns 200 OK"; every other region answers 409.
    if (existing.region === 'us-east-1' && region === 'us-east-1') return { Location: `/${name}` };
    throw s3Errors.bucketAlreadyOwnedByYou(name);
  }
  s3.store.createBucket(name, region, ownership);
  return { Location: `/${name}` };
}

export function HeadBucket(s3: S3Context, input: HeadBucketRequest): HeadBucketOutput {
  const bucket = requireBucket(s3, input.Bucket);
  return { BucketRegion: bucket.region, AccessPointAlias: false };
}

export function DeleteBucket(s3: S3Context, input: DeleteBucketRequest): Record<string, never> {
  const bucket = requireBucket(s3, input.Bucket);
  if (s3.store.hasObjects(bucket.name)) throw s3Errors.bucketNotEmpty(bucket.name);
  s3.store.transaction(() => {
    s3.uploads.abortUploadsOf(bucket.name);
    s3.store.deleteBucket(bucket.name);
  });
  return {};
}

export function GetBucketLocation(s3: S3Context, input: GetBucketLocationRequest): GetBucketLocationOutput {
  const bucket = requireBucket(s3, input.Bucket);
  // AWS: buckets in us-east-1 have a null LocationConstraint.
  return {
    LocationConstraint:
      bucket.region === 'us-east-1'
        ? undefined
        : (bucket.region as GetBucketLocationOutput['LocationConstraint']),
  };
}

/** Versioning is never enabled offline: an empty configuration, as for a bucket that never had it. */
export function GetBucketVersioning(
  s3: S3Context,
  input: GetBucketVersioningRequest,
): GetBucketVersioningOutput {
  requireBucket(s3, input.Bucket);
  return {};
}

/** The owner has FULL_CONTROL, the only grant a bucket with ACLs disabled can have. */
export function GetBucketAcl(s3: S3Context, input: GetBucketAclRequest): GetBucketAclOutput {
  requireBucket(s3, input.Bucket);
  return ownerFullControl(s3);
}

export function PutBucketAcl(s3: S3Context, input: PutBucketAclRequest): Record<string, never> {
  const bucket = requireBucket(s3, input.Bucket);
  checkCannedAcl(bucket, input.ACL);
  if (
    bucket.objectOwnership === 'BucketOwnerEnforced' &&
    (input.AccessControlPolicy || input.GrantRead || input.GrantWrite)
  ) {
    throw s3Errors.aclNotSupported();
  }
  return {};
}

export function ownerFullControl(s3: S3Context): GetBucketAclOutput {
  return {
    Owner: s3.owner,
    Grants: [{ Grantee: { Type: 'CanonicalUser', ...s3.owner }, Permission: 'FULL_CONTROL' }],
  };
}
