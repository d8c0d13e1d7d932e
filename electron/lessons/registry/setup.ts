import { CreateBucketCommand, HeadBucketCommand, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { z } from 'zod';
import { errorMessage, errorName, fail, pass, type StepContext } from '../context.js';
import { defineAutomation, defineCheck } from '../registry-types.js';

/** Lesson 00: reaching the cloud, the lab's three buckets. */

export const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
  error: 'a bucket name has 3–63 lowercase letters, digits, dots and hyphens',
});

export async function bucketExists(context: StepContext, bucket: string): Promise<boolean> {
  try {
    await context.clients.s3().send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (['NotFound', 'NoSuchBucket'].includes(errorName(error) ?? '')) return false;
    throw error;
  }
}

export const cloudReachable = defineCheck({
  name: 'cloud-reachable',
  summary: 'STS GetCallerIdentity answers with the lab account: the credentials and endpoint work.',
  params: z.object({}),
  async run(context) {
    try {
      const identity = await context.clients.sts().send(new GetCallerIdentityCommand({}));
      return identity.Account
        ? pass()
        : fail('cloud-unreachable', { message: 'no account id in the answer' });
    } catch (error) {
      return fail('cloud-unreachable', { message: errorMessage(error) });
    }
  },
});

const bucketsParams = z.object({ buckets: z.array(bucketName).min(1) });

export const bucketsExist = defineCheck({
  name: 'buckets-exist',
  summary: 'Every bucket named in `buckets` exists (HeadBucket).',
  params: bucketsParams,
  async run(context, { buckets }) {
    for (const bucket of buckets)
      if (!(await bucketExists(context, bucket))) return fail('bucket-missing', { bucket });
    return pass();
  },
});

export const createBuckets = defineAutomation({
  name: 'create-buckets',
  summary: 'Creates each bucket of `buckets` that does not exist yet, in the lab region.',
  params: bucketsParams,
  async run(context, { buckets }) {
    for (const bucket of buckets) {
      if (await bucketExists(context, bucket)) {
        context.reused({ kind: 'bucket', name: bucket });
        continue;
      }
      context.progress('create', { kind: 'bucket', name: bucket });
      // AWS: us-east-1 takes no LocationConstraint; every other region needs its own.
      const configuration =
        context.region === 'us-east-1'
          ? undefined
          : { LocationConstraint: context.region as BucketLocationConstraint };
      await context.clients
        .s3()
        .send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: configuration }));
      context.created({ kind: 'bucket', name: bucket });
    }
  },
});
