import { AthenaClient } from '@aws-sdk/client-athena';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { GlueClient } from '@aws-sdk/client-glue';
import { IAMClient } from '@aws-sdk/client-iam';
import { IoTClient } from '@aws-sdk/client-iot';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { MiddlewareStack } from '@smithy/types';
import { currentCallOrigin } from './call-origin.js';

/**
 * Where "the cloud" is, for the SDK clients: the local cloud embedded in the app, or the student's AWS
 * account. Everything the app does to the cloud goes through clients made here (DESIGN.md: one code
 * path, two clouds), so offline and AWS mode differ only in this configuration.
 */
export type CloudTarget =
  | {
      kind: 'offline';
      /** The local cloud's `http://127.0.0.1:<port>`. */
      endpoint: string;
      region: string;
      credentials: { accessKeyId: string; secretAccessKey: string };
    }
  | {
      kind: 'aws';
      region: string;
      /** An AWS Academy lab's credentials carry a session token. */
      credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
      /**
       * Every service at one URL instead of AWS's: for tests that treat the local cloud as AWS, and for
       * advanced users (LocalStack). Never set for a real account.
       */
      endpointOverride?: string;
    };

/** The configuration every SDK v3 client of the target takes. */
export interface CloudClientConfig {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  endpoint?: string;
}

/** The services the factory makes clients for, named by their SigV4 signing names. */
export type SdkService = 'iot' | 's3' | 'dynamodb' | 'firehose' | 'glue' | 'athena' | 'sts' | 'iam';

/** One SDK command the app sent, as the API-call log keeps it. */
export interface SdkCallRecord {
  service: SdkService;
  /** AWS's operation name (`CreateTopicRule`). */
  operation: string;
  /** Epoch ms the command was sent. */
  startedAt: number;
  /** Until the answer, retries included. */
  durationMs: number;
  /** The AWS error code (`ResourceNotFoundException`) and message when it failed. */
  error?: { code: string; message: string };
  /** What made the call (see call-origin.ts). */
  origin?: string;
  /** The command's input and output, for meters that need them (Athena's bytes scanned). Not kept. */
  input: unknown;
  output?: unknown;
}

export interface CloudClientsOptions {
  /** Called once per command, after its answer (or failure). */
  onCall?(record: SdkCallRecord): void;
  /** Called when AWS says the session token expired (`ExpiredToken`, `ExpiredTokenException`). */
  onExpiredToken?(error: { service: SdkService; operation: string; code: string; message: string }): void;
}

export interface CloudClients {
  readonly target: CloudTarget;
  /** The clients' configuration (MQTT over WebSocket signs with its credentials). Make clients with the methods below. */
  config(): CloudClientConfig;
  iot(): IoTClient;
  s3(): S3Client;
  dynamodb(): DynamoDBClient;
  firehose(): FirehoseClient;
  glue(): GlueClient;
  athena(): AthenaClient;
  sts(): STSClient;
  iam(): IAMClient;
  /** Closes the clients' connections; later calls make new clients. */
  destroy(): void;
}

/** AWS's codes for a session token past its expiration (query/XML services, then JSON ones). */
export const EXPIRED_TOKEN_CODES: ReadonlySet<string> = new Set(['ExpiredToken', 'ExpiredTokenException']);


const OPERATION_SUFFIX = /Command$/;

/** Adds the factory's middleware (the API-call log, expired tokens) to one client. */
function instrument<I extends object, O extends object>(
  client: { middlewareStack: MiddlewareStack<I, O> },
  service: SdkService,
  options: CloudClientsOptions,
): void {
  if (!options.onCall && !options.onExpiredToken) return;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(OPERATION_SUFFIX, '');
      const startedAt = Date.now();
      const started = performance.now();
      const origin = currentCallOrigin();
      try {
        const result = await next(args);
        options.onCall?.({
          service,
          operation,
          startedAt,
          durationMs: performance.now() - started,
          origin,
          input: args.input,
          output: result.output,
        });
        return result;
      } catch (error) {
        const code = error instanceof Error ? error.name : 'Error';
        const message = error instanceof Error ? error.message : String(error);
        options.onCall?.({
          service,
          operation,
          startedAt,
          durationMs: performance.now() - started,
          error: { code, message },
          origin,
          input: args.input,
        });
        if (EXPIRED_TOKEN_CODES.has(code)) options.onExpiredToken?.({ service, operation, code, message });
        throw error;
      }
    },
    // `initialize`: before retries and signing, so one entry per command, its whole duration.
    { step: 'initialize', name: 'iotLabApiCallLog', override: true },
  );
}

export function createCloudClients(target: CloudTarget, options: CloudClientsOptions = {}): CloudClients {
  const endpoint = target.kind === 'offline' ? target.endpoint : target.endpointOverride;
  const config = (): CloudClientConfig => ({
    region: target.region,
    credentials: target.credentials,
    ...(endpoint ? { endpoint } : {}),
  });
  const made = new Map<SdkService, { destroy(): void }>();
  const once = <C extends { destroy(): void; middlewareStack: object }>(service: SdkService, make: () => C): C => {
    let client = made.get(service) as C | undefined;
    if (!client) {
      client = make();
      // Each client's stack is typed by its own service's input and output unions; the middleware
      // only passes them through, so it sees them as plain objects.
      instrument(client as unknown as { middlewareStack: MiddlewareStack<object, object> }, service, options);
      made.set(service, client);
    }
    return client;
  };
  return {
    target,
    config,
    iot: () => once('iot', () => new IoTClient(config())),
    // At a local endpoint, buckets are paths (`/<bucket>/<key>`): `<bucket>.127.0.0.1` does not resolve.
    s3: () => once('s3', () => new S3Client({ ...config(), forcePathStyle: endpoint !== undefined })),
    dynamodb: () => once('dynamodb', () => new DynamoDBClient(config())),
    firehose: () => once('firehose', () => new FirehoseClient(config())),
    glue: () => once('glue', () => new GlueClient(config())),
    athena: () => once('athena', () => new AthenaClient(config())),
    sts: () => once('sts', () => new STSClient(config())),
    iam: () => once('iam', () => new IAMClient(config())),
    destroy() {
      for (const client of made.values()) client.destroy();
      made.clear();
    },
  };
}
