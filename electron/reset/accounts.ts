import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CloudTarget } from '../aws/client-factory.js';
import {
  CredentialsError,
  loadProfile,
  parseCredentialsText,
  type SharedFilesOptions,
} from '../aws/credentials.js';

/**
 * The accounts one reset run visits: a local cloud (its `endpoints.json`), AWS profiles, or a file of
 * credential blocks (AWS Academy's "AWS Details", one block per account). Parsing is electron/aws's.
 */

export interface ResetAccount {
  /** How reports name it: `local cloud (./lab/endpoints.json)`, `profile class-a`, `block 2 [default]`. */
  label: string;
  target: CloudTarget;
}

export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

/** AWS Academy learner labs run in us-east-1. */
export const DEFAULT_REGION = 'us-east-1';

/** The offline target of a local cloud's `endpoints.json` (written by `npm run cloud` and the app). */
export async function accountFromEndpointFile(file: string, shownAs = file): Promise<ResetAccount> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AccountError(
      `Cannot read the endpoints file ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const endpoints = parsed as {
    endpoint?: unknown;
    region?: unknown;
    credentials?: { accessKeyId?: unknown; secretAccessKey?: unknown };
  };
  const { endpoint, region, credentials } = endpoints;
  if (
    typeof endpoint !== 'string' ||
    typeof region !== 'string' ||
    typeof credentials?.accessKeyId !== 'string' ||
    typeof credentials.secretAccessKey !== 'string'
  ) {
    throw new AccountError(
      `${file} is not a local cloud's endpoints.json: it needs endpoint, region and credentials {accessKeyId, secretAccessKey}.`,
    );
  }
  return {
    label: `local cloud ${shownAs}`,
    target: {
      kind: 'offline',
      endpoint,
      region,
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    },
  };
}

export async function accountFromProfile(
  name: string,
  options: SharedFilesOptions & { region?: string } = {},
): Promise<ResetAccount> {
  const profile = await loadProfile(name, options);
  return {
    label: `profile ${name}`,
    target: {
      kind: 'aws',
      region: options.region ?? profile.region ?? DEFAULT_REGION,
      credentials: profile.credentials,
    },
  };
}

/**
 * One account per `[section]` block of the text, even when every block is `[default]`, as blocks
 * pasted one after the other from several AWS Academy labs are.
 */
export function accountsFromCredentialsText(
  text: string,
  options: { region?: string; source?: string } = {},
): ResetAccount[] {
  const blocks = text.split(/^(?=[ \t]*\[[^\]\n]+\][ \t]*$)/m);
  const accounts: ResetAccount[] = [];
  for (const block of blocks) {
    let profiles;
    try {
      profiles = parseCredentialsText(block);
    } catch (error) {
      // Text between blocks (comments, blank lines) holds no credentials: skip it.
      if (error instanceof CredentialsError && error.code === 'InvalidCredentialsText') continue;
      throw error;
    }
    for (const profile of profiles) {
      accounts.push({
        label: `${options.source ? `${options.source} ` : ''}block ${accounts.length + 1} [${profile.name}]`,
        target: {
          kind: 'aws',
          region: options.region ?? profile.region ?? DEFAULT_REGION,
          credentials: profile.credentials,
        },
      });
    }
  }
  if (accounts.length === 0) {
    // parseCredentialsText's own message says what a block looks like.
    parseCredentialsText(text);
  }
  return accounts;
}

export async function accountsFromCredentialsFile(
  file: string,
  options: { region?: string } = {},
): Promise<ResetAccount[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AccountError(
      `Cannot read the credentials file ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return accountsFromCredentialsText(text, { ...options, source: path.basename(file) });
}
