import { ListThingRegistrationTaskReportsCommand } from '@aws-sdk/client-iot';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import type { CloudClients } from '../aws/client-factory.js';
import type { FirehoseBufferStatus } from '../cloud/firehose/index.js';
import type { RuleMetrics } from '../cloud/iot/rules/engine/index.js';
import type { CloudRuntime } from './cloud-runtime.js';
import { createCloudSdk, toApiError, type CloudSdk } from './cloud-sdk.js';
import type {
  FirehoseBufferInfo,
  FirehoseBuffers,
  IotCaCertificate,
  IotRegistrationReport,
  IotRegistrationReportInput,
  RuleMetricsInfo,
  RulesMetrics,
  S3Download,
  S3ObjectPreview,
  S3ObjectRef,
  S3PreviewInput,
  S3UploadChunkInput,
  S3UploadProgress,
} from './contract.js';
import { ApiError, type LabEvent } from './handlers/types.js';

/**
 * What the console pages need beyond `cloud.send`: object bodies (previews, downloads, uploads in
 * chunks), the CA devices trust, registration reports, and — offline, from the local cloud in
 * process — Firehose's buffers and the rules' counters, pushed as `firehose.status` and
 * `rules.metrics` events.
 */
export interface ConsoleRuntime {
  sdk: CloudSdk;
  firehoseBuffers(): FirehoseBuffers;
  rulesMetrics(): RulesMetrics;
  caCertificate(): IotCaCertificate;
  registrationReport(input: IotRegistrationReportInput): Promise<IotRegistrationReport>;
  previewObject(input: S3PreviewInput): Promise<S3ObjectPreview>;
  downloadObject(input: S3ObjectRef): Promise<S3Download>;
  uploadChunk(input: S3UploadChunkInput): Promise<S3UploadProgress>;
  close(): void;
}

export interface ConsoleRuntimeOptions {
  cloud: CloudRuntime;
  /** The SDK clients of the running cloud; throws `CloudNotRunning` otherwise. */
  clients(): CloudClients;
  emit(event: LabEvent): void;
  log(line: string): void;
}

export const DEFAULT_PREVIEW_BYTES = 256 * 1024;
export const MAX_PREVIEW_BYTES = 4 * 1024 * 1024;
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
export const MAX_UPLOAD_CHUNK_BYTES = 512 * 1024;
const UPLOAD_TTL_MS = 10 * 60 * 1000;
const MAX_REPORT_BYTES = 1024 * 1024;
/** A preview of a gzip object stops decompressing here (a small object may inflate a thousandfold). */
const MAX_GUNZIP_BYTES = 32 * 1024 * 1024;
const FIREHOSE_STATUS_INTERVAL_MS = 1000;
/** Amazon Root CA 1, which AWS IoT's ATS endpoints chain to. */
const AMAZON_ROOT_CA_1 = 'https://www.amazontrust.com/repository/AmazonRootCA1.pem';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as UTF-8 text, allowing a multi-byte character cut at the end when `cut`; undefined if not text. */
export function decodeUtf8(bytes: Uint8Array, cut: boolean): string | undefined {
  for (let drop = 0; drop <= (cut ? 3 : 0) && drop < bytes.length + 1; drop++) {
    try {
      return utf8.decode(bytes.subarray(0, bytes.length - drop));
    } catch {
      // Try without the last byte (a character cut in two), then give up.
    }
  }
  return undefined;
}

function isGzip(bytes: Uint8Array): boolean {
  // RFC 1952 §2.3.1: ID1 = 31, ID2 = 139.
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function iso(epochMs: number | null | undefined): string | undefined {
  return epochMs === null || epochMs === undefined ? undefined : new Date(epochMs).toISOString();
}

export function describeBuffer(status: FirehoseBufferStatus): FirehoseBufferInfo {
  const error = status.lastDeliveryError;
  return {
    streamName: status.streamName,
    bytes: status.bytes,
    records: status.records,
    secondsUntilFlush: status.secondsUntilFlush ?? undefined,
    sizeLimitBytes: status.sizeLimitBytes,
    intervalSeconds: status.intervalSeconds,
    deliveredObjects: status.deliveredObjects,
    deliveredRecords: status.deliveredRecords,
    lastDeliveryAt: iso(status.lastDeliveryAt),
    lastDeliveryError: error && {
      code: error.code,
      message: error.message,
      at: new Date(error.at).toISOString(),
      attempts: error.attempts,
    },
  };
}

export function describeRuleMetrics(metrics: RuleMetrics): RuleMetricsInfo {
  const counters = ({ action, resource, succeeded, failed }: RuleMetrics['actions'][number]) => ({
    action,
    resource,
    succeeded,
    failed,
  });
  return {
    ruleName: metrics.ruleName,
    matched: metrics.matched,
    succeeded: metrics.succeeded,
    failed: metrics.failed,
    actions: metrics.actions.map(counters),
    errorAction: metrics.errorAction && counters(metrics.errorAction),
    lastMatchedAt: iso(metrics.lastMatchedAt),
    lastError: metrics.lastError && {
      at: new Date(metrics.lastError.at).toISOString(),
      action: metrics.lastError.action,
      resource: metrics.lastError.resource,
      message: metrics.lastError.message,
    },
  };
}

interface Upload {
  bucket: string;
  key: string;
  contentType?: string;
  chunks: Buffer[];
  bytes: number;
  startedAt: number;
}

export function createConsoleRuntime(options: ConsoleRuntimeOptions): ConsoleRuntime {
  const { cloud, clients, emit, log } = options;
  const sdk = createCloudSdk(clients);
  const uploads = new Map<string, Upload>();

  const offline = (): boolean => {
    try {
      return clients().target.kind === 'offline';
    } catch {
      return true;
    }
  };

  const firehoseBuffers = (): FirehoseBuffers => {
    const local = offline() ? cloud.local() : undefined;
    if (!local) return { available: false, streams: [] };
    return { available: true, streams: local.firehose.bufferStatus().map(describeBuffer) };
  };

  const rulesMetrics = (): RulesMetrics => {
    const local = offline() ? cloud.local() : undefined;
    if (!local) return { available: false, rules: [] };
    return { available: true, rules: Object.values(local.rules.metrics()).map(describeRuleMetrics) };
  };

  // Firehose: a status each second while it changes (a buffer's countdown changes every second).
  let lastFirehose = '';
  const firehoseTimer = setInterval(() => {
    try {
      const buffers = firehoseBuffers();
      const text = JSON.stringify(buffers);
      if (text === lastFirehose) return;
      lastFirehose = text;
      emit({ name: 'firehose.status', payload: buffers });
    } catch (error) {
      log(`firehose.status: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, FIREHOSE_STATUS_INTERVAL_MS);
  firehoseTimer.unref();

  // Rules: the engine's own throttled `metrics` events, forwarded once the cloud runs.
  const onMetrics = (all: Record<string, RuleMetrics>): void =>
    emit({
      name: 'rules.metrics',
      payload: { available: true, rules: Object.values(all).map(describeRuleMetrics) },
    });
  // Each cloud that runs, the first and any after a restart (Instructor: "start the lab afresh").
  const stopForwarding = cloud.onRunning((running) => running.rules.events.on('metrics', onMetrics));

  const readBody = async (input: { Bucket: string; Key: string; Range?: string }) => {
    try {
      const answer = await clients().s3().send(new GetObjectCommand(input));
      const bytes = (await answer.Body?.transformToByteArray()) ?? new Uint8Array();
      return { answer, bytes };
    } catch (error) {
      throw toApiError(error);
    }
  };

  const previewObject = async ({ bucket, key, maxBytes }: S3PreviewInput): Promise<S3ObjectPreview> => {
    const limit = Math.min(maxBytes ?? DEFAULT_PREVIEW_BYTES, MAX_PREVIEW_BYTES);
    const { answer, bytes } = await readBody({
      Bucket: bucket,
      Key: key,
      // For gzip, `limit` compressed bytes inflate to at least `limit` bytes of text.
      Range: `bytes=0-${limit - 1}`,
    });
    // ContentRange `bytes 0-99/1234` gives the whole size of a ranged read.
    const size = Number(
      /\/(\d+)$/.exec(answer.ContentRange ?? '')?.[1] ?? answer.ContentLength ?? bytes.length,
    );
    const gzip = isGzip(bytes);
    let content: Uint8Array = bytes;
    let cut = bytes.length < size;
    if (gzip) {
      try {
        // Z_SYNC_FLUSH: a gzip stream read only in part decompresses as far as it goes.
        content = gunzipSync(bytes, {
          finishFlush: zlibConstants.Z_SYNC_FLUSH,
          maxOutputLength: MAX_GUNZIP_BYTES,
        });
      } catch (error) {
        throw new ApiError(
          'PreviewFailed',
          `${key} looks gzip-compressed but does not decompress: ${String(error)}`,
        );
      }
    }
    if (content.length > limit) {
      content = content.subarray(0, limit);
      cut = true;
    }
    const text = decodeUtf8(content, cut);
    return {
      size,
      contentType: answer.ContentType,
      lastModified: answer.LastModified?.toISOString(),
      etag: answer.ETag,
      gzip,
      encoding: text === undefined ? 'binary' : 'utf8',
      text: text ?? Buffer.from(content.subarray(0, 4096)).toString('base64'),
      truncated: cut,
    };
  };

  const downloadObject = async ({ bucket, key }: S3ObjectRef): Promise<S3Download> => {
    let size: number;
    try {
      const head = await clients()
        .s3()
        .send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      size = head.ContentLength ?? 0;
    } catch (error) {
      throw toApiError(error);
    }
    if (size > MAX_DOWNLOAD_BYTES) {
      throw new ApiError(
        'ObjectTooLarge',
        `${key} is ${size.toLocaleString('en')} bytes: the console downloads objects up to 64 MiB. Use the AWS CLI (aws s3 cp) for larger ones.`,
      );
    }
    const { answer, bytes } = await readBody({ Bucket: bucket, Key: key });
    return {
      size: bytes.length,
      contentType: answer.ContentType,
      base64: Buffer.from(bytes).toString('base64'),
    };
  };

  const uploadChunk = async (input: S3UploadChunkInput): Promise<S3UploadProgress> => {
    const now = Date.now();
    for (const [id, upload] of uploads) if (now - upload.startedAt > UPLOAD_TTL_MS) uploads.delete(id);
    const chunk = Buffer.from(input.chunk, 'base64');
    if (chunk.length > MAX_UPLOAD_CHUNK_BYTES)
      throw new ApiError('InvalidInput', 'An upload chunk holds at most 512 KiB.');
    let uploadId = input.uploadId;
    let upload: Upload | undefined;
    if (uploadId === undefined) {
      uploadId = randomUUID();
      upload = {
        bucket: input.bucket,
        key: input.key,
        contentType: input.contentType,
        chunks: [],
        bytes: 0,
        startedAt: now,
      };
      uploads.set(uploadId, upload);
    } else {
      upload = uploads.get(uploadId);
      if (!upload || upload.bucket !== input.bucket || upload.key !== input.key)
        throw new ApiError('NoSuchUpload', 'This upload is unknown or expired (10 minutes): start it again.');
    }
    upload.chunks.push(chunk);
    upload.bytes += chunk.length;
    if (upload.bytes > MAX_UPLOAD_BYTES) {
      uploads.delete(uploadId);
      throw new ApiError(
        'ObjectTooLarge',
        'The console uploads files up to 64 MiB: use the AWS CLI (aws s3 cp) for larger ones.',
      );
    }
    if (!input.final) return { uploadId, receivedBytes: upload.bytes };
    uploads.delete(uploadId);
    try {
      const answer = await clients()
        .s3()
        .send(
          new PutObjectCommand({
            Bucket: upload.bucket,
            Key: upload.key,
            Body: Buffer.concat(upload.chunks),
            ContentType: upload.contentType || undefined,
          }),
        );
      return { uploadId, receivedBytes: upload.bytes, etag: answer.ETag ?? '' };
    } catch (error) {
      throw toApiError(error);
    }
  };

  const caCertificate = (): IotCaCertificate => {
    if (!offline()) return { kind: 'amazon', name: 'Amazon Root CA 1', url: AMAZON_ROOT_CA_1 };
    const caFile = cloud.status().endpoints?.mqtt?.caFile;
    if (!caFile) throw new ApiError('CloudNotRunning', 'The local cloud is not running.');
    return { kind: 'lab', fileName: path.basename(caFile), pem: readFileSync(caFile, 'utf8') };
  };

  const registrationReport = async ({
    taskId,
    reportType,
  }: IotRegistrationReportInput): Promise<IotRegistrationReport> => {
    const links: string[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await clients()
          .iot()
          .send(new ListThingRegistrationTaskReportsCommand({ taskId, reportType, nextToken }));
        links.push(...(page.resourceLinks ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      throw toApiError(error);
    }
    const lines: string[] = [];
    let bytes = 0;
    for (const link of links) {
      // The links are presigned S3 URLs the registry itself gave: plain HTTP(S) GETs.
      if (!/^https?:\/\//.test(link)) continue;
      const response = await fetch(link);
      if (!response.ok)
        throw new ApiError('ReportUnavailable', `The report could not be read (HTTP ${response.status}).`);
      const text = await response.text();
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        bytes += line.length;
        if (bytes > MAX_REPORT_BYTES) return { lines, truncated: true };
        lines.push(line);
      }
    }
    return { lines, truncated: false };
  };

  return {
    sdk,
    firehoseBuffers,
    rulesMetrics,
    caCertificate,
    registrationReport,
    previewObject,
    downloadObject,
    uploadChunk,
    close() {
      stopForwarding();
      clearInterval(firehoseTimer);
      cloud.local()?.rules.events.off('metrics', onMetrics);
      uploads.clear();
      sdk.destroy();
    },
  };
}
