import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalCloud, type LocalCloud } from '../../electron/cloud/index.js';

/** Starts a real local cloud in a fresh temp lab folder; `dispose` stops it and removes the folder. */
export async function startTestCloud(): Promise<LocalCloud & { dir: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-test-'));
  const cloud = await createLocalCloud({ dir });
  return {
    ...cloud,
    dir,
    async dispose() {
      await cloud.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The client configuration every SDK v3 client takes to talk to the local cloud. */
export function sdkConfig(cloud: LocalCloud) {
  return {
    endpoint: cloud.endpoints.endpoint,
    region: cloud.endpoints.region,
    credentials: cloud.endpoints.credentials,
  };
}

/** Environment for the AWS CLI and boto3 run as child processes against the local cloud. */
export function awsCliEnv(cloud: LocalCloud): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: cloud.endpoints.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: cloud.endpoints.credentials.secretAccessKey,
    AWS_DEFAULT_REGION: cloud.endpoints.region,
    AWS_REGION: cloud.endpoints.region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
}
