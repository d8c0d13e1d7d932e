import { z } from 'zod';
import { MAX_PREVIEW_BYTES } from '../cloud-console.js';
import type { DomainHandlers } from './types.js';

const bucket = z.string().min(3).max(63);
/** S3: keys are 1 to 1,024 bytes of UTF-8. */
const key = z
  .string()
  .min(1, { error: 'An object key cannot be empty.' })
  .refine((value) => Buffer.byteLength(value) <= 1024, {
    error: 'An object key is at most 1,024 bytes long.',
  });

export const s3Handlers: DomainHandlers<'s3'> = {
  's3.previewObject': {
    input: z.strictObject({
      bucket,
      key,
      maxBytes: z.number().int().min(1).max(MAX_PREVIEW_BYTES).optional(),
    }),
    handle: (input, { cloudConsole }) => cloudConsole.previewObject(input),
  },
  's3.downloadObject': {
    input: z.strictObject({ bucket, key }),
    handle: (input, { cloudConsole }) => cloudConsole.downloadObject(input),
  },
  's3.uploadChunk': {
    input: z.strictObject({
      bucket,
      key,
      uploadId: z.uuid().optional(),
      contentType: z.string().max(256).optional(),
      chunk: z.base64(),
      final: z.boolean(),
    }),
    handle: (input, { cloudConsole }) => cloudConsole.uploadChunk(input),
  },
};
