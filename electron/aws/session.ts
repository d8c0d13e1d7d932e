import { DescribeEndpointCommand } from '@aws-sdk/client-iot';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type {
  AwsConnectInput,
  AwsCredentialsExpired,
  AwsIdentity,
  AwsStatus,
  CloudEndpoints,
  LabMode,
} from '../api/contract.js';
import { AMAZON_ROOT_CA_1_PEM } from './amazon-root-ca.js';
import { ensureLabWorkGroup } from './athena-work-group.js';
import type { CloudClients, CloudTarget } from './client-factory.js';
import {
  CredentialsError,
  credentialsFromEnv,
  loadProfile,
  maskAccessKeyId,
  parseCredentialsBlock,
  type AwsCredentials,
  type AwsCredentialsWithRegion,
  type SharedFilesOptions,
} from './credentials.js';
import type { SecretStore } from './secret-store.js';

/**
 * AWS mode: the student's credentials, verified with STS GetCallerIdentity, and the client factory
 * made from them. It switches the app between the local cloud and the account, keeps the credentials
 * in the SecretStore (encrypted on the desktop, memory only in web mode), and notices, once, when the
 * session token expires (AWS Academy sessions last a few hours).
 */

/** A mistake the user can fix, with AWS's or the parser's code: the API answers it as such. */
export class AwsSessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AwsSessionError';
  }
}

/** What AWS mode needs to reach the account, for features that sign requests themselves (MQTT over WebSocket). */
export interface AwsSessionCredentials {
  region: string;
  credentials: AwsCredentials;
  /** Set only when every service is reached at one URL (tests, LocalStack). */
  endpointOverride?: string;
}

export type DeviceEndpoint = NonNullable<CloudEndpoints['mqtt']>;

export interface AwsSessionOptions {
  labDir: string;
  secrets: SecretStore;
  /** The app's factory (with its API-call log and expired-token middleware). */
  makeClients(target: CloudTarget): CloudClients;
  /** The shared AWS files and the environment to read profiles from; the process's when omitted. */
  shared?: SharedFilesOptions;
  /**
   * Where devices connect when the endpoint is overridden: the local cloud's broker and its CA
   * when the override is the local cloud itself (tests treat it as AWS).
   */
  deviceEndpointFor?(endpointOverride: string): Partial<DeviceEndpoint> | undefined;
  onStatus(status: AwsStatus): void;
  onExpired(expired: AwsCredentialsExpired): void;
  log(line: string): void;
}

export interface AwsSession {
  mode(): LabMode;
  status(): AwsStatus;
  /** The account's clients while in AWS mode. */
  clients(): CloudClients | undefined;
  /** The account's credentials and region while in AWS mode (MQTT over WebSocket signs with them). */
  current(): AwsSessionCredentials | undefined;
  /** The account as features see "the cloud": its id, region and where devices connect. */
  endpoints(): CloudEndpoints | undefined;
  /** Reads, verifies and keeps new credentials, then switches to AWS mode. */
  connect(input: AwsConnectInput): Promise<AwsStatus>;
  setMode(mode: LabMode): Promise<AwsStatus>;
  forget(): Promise<AwsStatus>;
  /** Loads kept credentials at start; back in AWS mode if the app was left in it and they still work. */
  restore(): Promise<void>;
  /** A client of `target` was told its token expired: the first time, the renderer is asked for new ones. */
  tokenExpired(target: CloudTarget, error: Omit<AwsCredentialsExpired, 'at'>): void;
  close(): void;
}

/** What the SecretStore holds, as JSON. */
interface KeptSession {
  credentials: AwsCredentials;
  region: string;
  source: string;
  endpointOverride?: string;
  identity: AwsIdentity;
  verifiedAt: string;
  mode: LabMode;
}

const DEFAULT_REGION = 'us-east-1';
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const AMAZON_ROOT_CA_FILE = 'AmazonRootCA1.pem';
/** AWS IoT: devices connect over MQTT/TLS with mutual authentication on 8883. */
const AWS_IOT_MQTT_PORT = 8883;
const OFFLINE_WORK_GROUP = 'primary';

function readCredentials(input: AwsConnectInput, shared: SharedFilesOptions): Promise<AwsCredentialsWithRegion> {
  switch (input.source.kind) {
    case 'block':
      return Promise.resolve(parseCredentialsBlock(input.source.text));
    case 'profile':
      return loadProfile(input.source.name, shared);
    case 'environment':
      return Promise.resolve(credentialsFromEnv(shared.env ?? process.env));
  }
}

/** AWS's answer to a GetCallerIdentity that failed, said for a student. */
function verificationError(error: unknown): AwsSessionError {
  const code = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const advice: Record<string, string> = {
    ExpiredToken: 'These credentials have expired: start the lab again in AWS Academy and copy the new block.',
    ExpiredTokenException: 'These credentials have expired: start the lab again in AWS Academy and copy the new block.',
    InvalidClientTokenId: 'AWS does not know this access key or session token: copy the whole block again.',
    SignatureDoesNotMatch: 'The secret access key does not match the access key id: copy the whole block again.',
  };
  const said = advice[code];
  if (!(error instanceof Error) || !('$metadata' in error)) {
    return new AwsSessionError('AwsUnreachable', `AWS could not be reached to verify the credentials: ${message}`);
  }
  return new AwsSessionError(code, said ? `${message} — ${said}` : message);
}

export function createAwsSession(options: AwsSessionOptions): AwsSession {
  const shared = options.shared ?? {};
  let kept: KeptSession | undefined;
  let mode: LabMode = 'offline';
  let clients: CloudClients | undefined;
  let expired = false;
  let device: DeviceEndpoint | undefined;
  let workGroup: { name: string; cutoff?: number } | undefined;
  let warnings: string[] = [];

  const status = (): AwsStatus => ({
    mode,
    ...(kept
      ? {
          session: {
            source: kept.source,
            region: kept.region,
            accessKeyId: maskAccessKeyId(kept.credentials.accessKeyId),
            temporary: Boolean(kept.credentials.sessionToken),
            identity: kept.identity,
            verifiedAt: kept.verifiedAt,
            ...(kept.endpointOverride ? { endpointOverride: kept.endpointOverride } : {}),
            expired,
          },
        }
      : {}),
    storage: options.secrets.kind,
    ...(options.secrets.note ? { storageNote: options.secrets.note } : {}),
    athenaWorkGroup: mode === 'aws' && workGroup ? workGroup.name : OFFLINE_WORK_GROUP,
    ...(mode === 'aws' && workGroup?.cutoff !== undefined ? { bytesScannedCutoff: workGroup.cutoff } : {}),
    ...(mode === 'aws' && device ? { deviceEndpoint: { host: device.host, port: device.port } } : {}),
    warnings: mode === 'aws' ? warnings : [],
  });

  const announce = (): AwsStatus => {
    const next = status();
    options.onStatus(next);
    return next;
  };

  const persist = async (): Promise<void> => {
    try {
      if (kept) await options.secrets.save(JSON.stringify(kept));
      else await options.secrets.clear();
    } catch (error) {
      options.log(`AWS credentials could not be kept: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const amazonRootCaFile = (): string => {
    const folder = path.join(options.labDir, 'aws');
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, AMAZON_ROOT_CA_FILE);
    writeFileSync(file, AMAZON_ROOT_CA_1_PEM);
    return file;
  };

  /** DescribeEndpoint and the work group: AWS mode works without them, with a warning. */
  const prepare = async (
    candidate: CloudClients,
    identity: AwsIdentity,
    endpointOverride: string | undefined,
  ): Promise<{ device?: DeviceEndpoint; workGroup?: { name: string; cutoff?: number }; warnings: string[] }> => {
    const found: string[] = [];
    const [endpoint, group] = await Promise.allSettled([
      candidate.iot().send(new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' })),
      ensureLabWorkGroup(candidate.athena(), `s3://iot-tutorial-athena-query-${identity.account}/`),
    ]);
    let deviceEndpoint: DeviceEndpoint | undefined;
    if (endpoint.status === 'fulfilled' && endpoint.value.endpointAddress) {
      const override = endpointOverride ? options.deviceEndpointFor?.(endpointOverride) : undefined;
      deviceEndpoint = {
        host: override?.host ?? endpoint.value.endpointAddress,
        port: override?.port ?? AWS_IOT_MQTT_PORT,
        caFile: override?.caFile ?? amazonRootCaFile(),
      };
    } else {
      const reason = endpoint.status === 'rejected' ? String((endpoint.reason as Error).message) : 'no address';
      found.push(`The IoT endpoint is unknown (DescribeEndpoint: ${reason}): devices cannot connect.`);
    }
    let labGroup: { name: string; cutoff?: number } | undefined;
    if (group.status === 'fulfilled') {
      labGroup = { name: group.value.name, cutoff: group.value.bytesScannedCutoff };
    } else {
      found.push(
        `The Athena work group iot-lab could not be prepared (${String((group.reason as Error).message)}): queries run in primary, without a bytes-scanned cutoff.`,
      );
    }
    return { device: deviceEndpoint, workGroup: labGroup, warnings: found };
  };

  /** Verifies credentials with STS; on success the app is in AWS mode with them. */
  const activate = async (
    credentials: AwsCredentials,
    region: string,
    source: string,
    endpointOverride: string | undefined,
  ): Promise<AwsStatus> => {
    if (!REGION_PATTERN.test(region)) {
      throw new AwsSessionError('InvalidRegion', `${region} is not an AWS region name (like us-east-1).`);
    }
    const target: CloudTarget = { kind: 'aws', region, credentials, ...(endpointOverride ? { endpointOverride } : {}) };
    const candidate = options.makeClients(target);
    let identity: AwsIdentity;
    try {
      const answer = await candidate.sts().send(new GetCallerIdentityCommand({}));
      identity = { account: answer.Account ?? '', arn: answer.Arn ?? '', userId: answer.UserId ?? '' };
    } catch (error) {
      candidate.destroy();
      throw verificationError(error);
    }
    const prepared = await prepare(candidate, identity, endpointOverride);
    clients?.destroy();
    clients = candidate;
    kept = {
      credentials,
      region,
      source,
      ...(endpointOverride ? { endpointOverride } : {}),
      identity,
      verifiedAt: new Date().toISOString(),
      mode: 'aws',
    };
    mode = 'aws';
    expired = false;
    device = prepared.device;
    workGroup = prepared.workGroup;
    warnings = prepared.warnings;
    options.log(`AWS mode: account ${identity.account} (${identity.arn}), region ${region}`);
    await persist();
    return announce();
  };

  const goOffline = (): void => {
    mode = 'offline';
    clients?.destroy();
    clients = undefined;
    device = undefined;
    workGroup = undefined;
    warnings = [];
  };

  return {
    mode: () => mode,
    status,
    clients: () => (mode === 'aws' ? clients : undefined),
    current: () =>
      mode === 'aws' && kept
        ? {
            region: kept.region,
            credentials: kept.credentials,
            ...(kept.endpointOverride ? { endpointOverride: kept.endpointOverride } : {}),
          }
        : undefined,
    endpoints: () =>
      mode === 'aws' && kept
        ? {
            endpoint: kept.endpointOverride ?? '',
            region: kept.region,
            accountId: kept.identity.account,
            credentials: { accessKeyId: kept.credentials.accessKeyId, secretAccessKey: kept.credentials.secretAccessKey },
            ...(device ? { mqtt: device } : {}),
          }
        : undefined,

    async connect(input) {
      let read: AwsCredentialsWithRegion;
      try {
        read = await readCredentials(input, shared);
      } catch (error) {
        if (error instanceof CredentialsError) throw new AwsSessionError(error.code, error.message);
        throw error;
      }
      const region = input.region || read.region || kept?.region || DEFAULT_REGION;
      // Renewing expired credentials keeps the endpoint; an empty string removes it.
      const endpointOverride =
        input.endpointOverride === undefined ? kept?.endpointOverride : input.endpointOverride.trim() || undefined;
      if (endpointOverride && !/^https?:\/\/[^\s/]+/.test(endpointOverride)) {
        throw new AwsSessionError('InvalidEndpoint', `${endpointOverride} is not an http(s) URL.`);
      }
      return activate(read.credentials, region, read.source, endpointOverride);
    },

    async setMode(next) {
      if (next === mode) return status();
      if (next === 'offline') {
        goOffline();
        if (kept) kept.mode = 'offline';
        await persist();
        return announce();
      }
      if (!kept) {
        throw new AwsSessionError('NoCredentials', 'Paste your AWS credentials first (Settings → AWS account).');
      }
      return activate(kept.credentials, kept.region, kept.source, kept.endpointOverride);
    },

    async forget() {
      goOffline();
      kept = undefined;
      expired = false;
      await persist();
      return announce();
    },

    async restore() {
      let text: string | undefined;
      try {
        text = await options.secrets.load();
      } catch {
        text = undefined;
      }
      if (!text) return;
      try {
        kept = JSON.parse(text) as KeptSession;
      } catch {
        options.log('The kept AWS credentials could not be read: forgotten.');
        await options.secrets.clear();
        return;
      }
      if (kept.mode !== 'aws') return void announce();
      try {
        await activate(kept.credentials, kept.region, kept.source, kept.endpointOverride);
      } catch (error) {
        expired = error instanceof AwsSessionError && /^ExpiredToken/.test(error.code);
        options.log(`AWS mode could not resume: ${error instanceof Error ? error.message : String(error)}`);
        announce();
      }
    },

    tokenExpired(target, error) {
      if (mode !== 'aws' || clients?.target !== target || expired) return;
      expired = true;
      options.onExpired({ ...error, at: new Date().toISOString() });
      announce();
    },

    close() {
      clients?.destroy();
      clients = undefined;
    },
  };
}
