import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * AWS credentials as a student brings them: the AWS Academy "AWS Details" block pasted from the
 * learner lab (`[default]` + aws_access_key_id / aws_secret_access_key / aws_session_token), a profile
 * of `~/.aws/credentials` and `~/.aws/config`, or the environment (AWS_ACCESS_KEY_ID…). Pure parsing
 * plus file reading; no SDK, so the instructor reset's CLI and the app share it.
 */

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (AWS Academy, STS): access key ids starting `ASIA` need it. */
  sessionToken?: string;
}

export interface AwsCredentialsWithRegion {
  credentials: AwsCredentials;
  /** From the profile's `region` (credentials file or `~/.aws/config`) or AWS_REGION / AWS_DEFAULT_REGION. */
  region?: string;
  /** Where they came from, for messages: `profile default`, `environment`, `pasted block`. */
  source: string;
}

/** One `[name]` section of a credentials text that holds credentials. */
export interface ParsedProfile extends AwsCredentialsWithRegion {
  name: string;
}

/** A profile found in the shared files, without its secrets (for pickers). */
export interface ProfileSummary {
  name: string;
  /** The profile has static keys (in the credentials file or the config file). */
  hasKeys: boolean;
  /** The keys carry a session token. */
  temporary: boolean;
  region?: string;
  /** `credentials`, `config`, or both. */
  files: Array<'credentials' | 'config'>;
}

export type CredentialsErrorCode =
  /** Nothing that looks like `key = value` lines. */
  | 'InvalidCredentialsText'
  /** A section lacks a key it needs (the message names it). */
  | 'MissingCredentialKey'
  /** A value is not what AWS issues (an access key id with spaces, an empty secret). */
  | 'InvalidCredentialValue'
  | 'ProfileNotFound'
  /** The profile exists but uses SSO, a role or a process: the app only takes static keys. */
  | 'UnsupportedProfile'
  | 'NoEnvironmentCredentials';

/** A mistake the user can fix; `message` says which key or profile and what to do. */
export class CredentialsError extends Error {
  constructor(
    readonly code: CredentialsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialsError';
  }
}

/** Where the shared files are and what the environment says; the process's when omitted. */
export interface SharedFilesOptions {
  env?: NodeJS.ProcessEnv;
  /** The home folder (`~`); `os.homedir()` when omitted. */
  home?: string;
}

const ACCESS_KEY_ID = 'aws_access_key_id';
const SECRET_ACCESS_KEY = 'aws_secret_access_key';
const SESSION_TOKEN = 'aws_session_token';
const CREDENTIAL_KEYS = [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN] as const;
// AWS: access key ids are 16–128 word characters (IAM AccessKeyMetadata.AccessKeyId).
const ACCESS_KEY_ID_PATTERN = /^\w{16,128}$/;
// AWS: temporary (STS) access key ids start with ASIA; long-term IAM user keys with AKIA.
const TEMPORARY_KEY_PREFIX = 'ASIA';

interface IniSection {
  name: string;
  /** 1-based line of the `[name]` header (0 for keys before any header). */
  line: number;
  values: Map<string, string>;
}

/**
 * INI as the AWS CLI reads it: `[section]` headers, `key = value` lines, `#` and `;` comments.
 * Tolerates what pasting adds: CRLF, indentation, spaces around `=`, `export KEY=value` lines, quotes.
 * Keys before any header belong to a section named `default` (a block pasted without its header).
 */
function parseIni(text: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = sections.find((s) => s.name === header[1]);
      if (!current) {
        current = { name: header[1]!, line: index + 1, values: new Map() };
        sections.push(current);
      }
      return;
    }
    const assignment = /^(?:export\s+|set\s+)?([A-Za-z_][\w.-]*)\s*[=:]\s*(.*)$/.exec(line);
    if (!assignment) return;
    if (!current) {
      current = { name: 'default', line: 0, values: new Map() };
      sections.push(current);
    }
    current.values.set(assignment[1]!.toLowerCase(), unquote(assignment[2]!.trim()));
  });
  return sections;
}

function unquote(value: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? quoted[2]! : value;
}

function hasAnyCredentialKey(section: IniSection): boolean {
  return CREDENTIAL_KEYS.some((key) => section.values.has(key));
}

/** The section's credentials, or a CredentialsError naming the key that is missing or wrong. */
function credentialsOf(section: IniSection, where: string, keyName = (key: string) => key): AwsCredentials {
  const [idKey, secretKey, tokenKey] = CREDENTIAL_KEYS.map(keyName) as [string, string, string];
  const accessKeyId = section.values.get(CREDENTIAL_KEYS[0]) ?? '';
  const secretAccessKey = section.values.get(CREDENTIAL_KEYS[1]) ?? '';
  const sessionToken = section.values.get(CREDENTIAL_KEYS[2]) || undefined;
  if (!accessKeyId) {
    throw new CredentialsError('MissingCredentialKey', `${where} has no ${idKey}.`);
  }
  if (!ACCESS_KEY_ID_PATTERN.test(accessKeyId)) {
    throw new CredentialsError(
      'InvalidCredentialValue',
      `${where}: ${idKey} must be 16 to 128 letters and digits (it looks like ASIA…).`,
    );
  }
  if (!secretAccessKey) {
    throw new CredentialsError('MissingCredentialKey', `${where} has no ${secretKey}.`);
  }
  if (/\s/.test(secretAccessKey)) {
    throw new CredentialsError('InvalidCredentialValue', `${where}: ${secretKey} contains spaces.`);
  }
  if (!sessionToken && accessKeyId.startsWith(TEMPORARY_KEY_PREFIX)) {
    throw new CredentialsError(
      'MissingCredentialKey',
      `${where} has no ${tokenKey}: temporary keys (${TEMPORARY_KEY_PREFIX}…) such as AWS Academy's need it. Copy the whole block.`,
    );
  }
  if (sessionToken && /\s/.test(sessionToken)) {
    throw new CredentialsError('InvalidCredentialValue', `${where}: ${tokenKey} contains spaces.`);
  }
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/**
 * Every profile with credentials in a credentials text (the Academy block, a credentials file).
 * Throws a CredentialsError when there is none, or when a section with credential keys lacks one.
 */
export function parseCredentialsText(text: string): ParsedProfile[] {
  const sections = parseIni(text).filter(hasAnyCredentialKey);
  if (sections.length === 0) {
    throw new CredentialsError(
      'InvalidCredentialsText',
      `No credentials found. Paste the block from AWS Academy's "AWS Details" (AWS CLI: Show): [default], then ${ACCESS_KEY_ID}, ${SECRET_ACCESS_KEY} and ${SESSION_TOKEN} lines.`,
    );
  }
  return sections.map((section) => ({
    name: section.name,
    credentials: credentialsOf(section, `[${section.name}]`),
    ...(section.values.get('region') ? { region: section.values.get('region') } : {}),
    source: `pasted block [${section.name}]`,
  }));
}

/** The one profile of a pasted block: `default` when there are several, else the only one. */
export function parseCredentialsBlock(text: string): ParsedProfile {
  const profiles = parseCredentialsText(text);
  return profiles.find((p) => p.name === 'default') ?? profiles[0]!;
}

/** The shared credentials and config files, as the AWS CLI finds them. */
export function sharedFilePaths(options: SharedFilesOptions): { credentials: string; config: string } {
  const env = options.env ?? process.env;
  const home = options.home ?? os.homedir();
  const expand = (file: string) => (file.startsWith('~') ? path.join(home, file.slice(1)) : file);
  return {
    credentials: expand(env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials')),
    config: expand(env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config')),
  };
}

async function readOptional(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

interface SharedProfiles {
  credentials: Map<string, IniSection>;
  /** Keyed by profile name: `[profile x]` in the config file is profile `x`, `[default]` is `default`. */
  config: Map<string, IniSection>;
  files: { credentials: string; config: string };
}

async function readSharedProfiles(options: SharedFilesOptions): Promise<SharedProfiles> {
  const files = sharedFilePaths(options);
  const [credentialsText, configText] = await Promise.all([readOptional(files.credentials), readOptional(files.config)]);
  const credentials = new Map(parseIni(credentialsText).map((s) => [s.name, s]));
  const config = new Map<string, IniSection>();
  for (const section of parseIni(configText)) {
    // AWS CLI: in the config file, profiles other than default are `[profile name]`; sso-session and
    // services sections are not profiles.
    const named = /^profile\s+(.+)$/.exec(section.name);
    if (named) config.set(named[1]!.trim(), section);
    else if (section.name === 'default') config.set('default', section);
  }
  return { credentials, config, files };
}

/** The profiles of `~/.aws/credentials` and `~/.aws/config` (or AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE). */
export async function listProfiles(options: SharedFilesOptions = {}): Promise<ProfileSummary[]> {
  const shared = await readSharedProfiles(options);
  const names = [...new Set([...shared.credentials.keys(), ...shared.config.keys()])].sort((a, b) =>
    a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b),
  );
  return names.map((name) => {
    const fromCredentials = shared.credentials.get(name);
    const fromConfig = shared.config.get(name);
    const keys = fromCredentials && hasAnyCredentialKey(fromCredentials) ? fromCredentials : fromConfig;
    const region = fromConfig?.values.get('region') ?? fromCredentials?.values.get('region');
    return {
      name,
      hasKeys: Boolean(keys?.values.get(ACCESS_KEY_ID) && keys.values.get(SECRET_ACCESS_KEY)),
      temporary: Boolean(keys?.values.get(SESSION_TOKEN)),
      ...(region ? { region } : {}),
      files: [
        ...(fromCredentials ? (['credentials'] as const) : []),
        ...(fromConfig ? (['config'] as const) : []),
      ],
    };
  });
}

/**
 * A profile's static credentials and region, as the AWS CLI resolves them: keys from the credentials
 * file first, then the config file; region from the config file, then the credentials file.
 */
export async function loadProfile(name: string, options: SharedFilesOptions = {}): Promise<AwsCredentialsWithRegion> {
  const shared = await readSharedProfiles(options);
  const fromCredentials = shared.credentials.get(name);
  const fromConfig = shared.config.get(name);
  if (!fromCredentials && !fromConfig) {
    const known = [...new Set([...shared.credentials.keys(), ...shared.config.keys()])];
    throw new CredentialsError(
      'ProfileNotFound',
      `The config profile (${name}) could not be found in ${shared.files.credentials} or ${shared.files.config}.` +
        (known.length ? ` Profiles: ${known.join(', ')}.` : ''),
    );
  }
  const keys = [fromCredentials, fromConfig].find((s) => s && hasAnyCredentialKey(s));
  if (!keys) {
    const kind = ['sso_session', 'sso_start_url', 'role_arn', 'credential_process', 'web_identity_token_file'].find(
      (key) => fromConfig?.values.has(key) || fromCredentials?.values.has(key),
    );
    throw new CredentialsError(
      'UnsupportedProfile',
      kind
        ? `Profile ${name} uses ${kind}: the app takes static keys only. Paste the keys instead, or export them (aws configure export-credentials --profile ${name}).`
        : `Profile ${name} has no ${ACCESS_KEY_ID}.`,
    );
  }
  const region = fromConfig?.values.get('region') || fromCredentials?.values.get('region');
  return {
    credentials: credentialsOf(keys, `Profile ${name}`),
    ...(region ? { region } : {}),
    source: `profile ${name}`,
  };
}

/** Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN and AWS_REGION. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AwsCredentialsWithRegion {
  const section: IniSection = { name: 'environment', line: 0, values: new Map() };
  const pairs: Array<[string, string | undefined]> = [
    [ACCESS_KEY_ID, env.AWS_ACCESS_KEY_ID],
    [SECRET_ACCESS_KEY, env.AWS_SECRET_ACCESS_KEY],
    [SESSION_TOKEN, env.AWS_SESSION_TOKEN],
  ];
  for (const [key, value] of pairs) if (value) section.values.set(key, value.trim());
  if (!section.values.has(ACCESS_KEY_ID) && !section.values.has(SECRET_ACCESS_KEY)) {
    throw new CredentialsError(
      'NoEnvironmentCredentials',
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set in the environment the app was started from.',
    );
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  return {
    credentials: credentialsOf(section, 'The environment', (key) => key.toUpperCase()),
    ...(region ? { region } : {}),
    source: 'environment',
  };
}

/** `ASIA…XYZW`: enough to recognise a key, never the whole of it. */
export function maskAccessKeyId(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? '…' : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}
