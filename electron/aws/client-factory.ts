import { IoTClient } from '@aws-sdk/client-iot';
import { S3Client } from '@aws-sdk/client-s3';

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
    };

/** The configuration every SDK v3 client of the target takes. */
export interface CloudClientConfig {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  endpoint?: string;
}

export interface CloudClients {
  readonly target: CloudTarget;
  /** For clients this factory does not make itself (`new GlueClient(clients.config())`). */
  config(): CloudClientConfig;
  iot(): IoTClient;
  s3(): S3Client;
  /** Closes the clients' connections; later calls make new clients. */
  destroy(): void;
}

export function createCloudClients(target: CloudTarget): CloudClients {
  const config = (): CloudClientConfig =>
    target.kind === 'offline'
      ? { region: target.region, credentials: target.credentials, endpoint: target.endpoint }
      : { region: target.region, credentials: target.credentials };
  let iot: IoTClient | undefined;
  let s3: S3Client | undefined;
  return {
    target,
    config,
    iot: () => (iot ??= new IoTClient(config())),
    // Offline, buckets are paths (`/<bucket>/<key>`): `<bucket>.127.0.0.1` does not resolve.
    s3: () => (s3 ??= new S3Client({ ...config(), forcePathStyle: target.kind === 'offline' })),
    destroy() {
      iot?.destroy();
      s3?.destroy();
      iot = s3 = undefined;
    },
  };
}
