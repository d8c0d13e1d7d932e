import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CredentialsError,
  credentialsFromEnv,
  listProfiles,
  loadProfile,
  maskAccessKeyId,
  parseCredentialsBlock,
  parseCredentialsText,
} from './credentials.js';

const KEY = 'ASIAQWERTYUIOPASDFGH';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token=';

const academyBlock = `[default]
aws_access_key_id=${KEY}
aws_secret_access_key=${SECRET}
aws_session_token=${TOKEN}
`;

describe('parseCredentialsText', () => {
  it.each<[string, string]>([
    ['the Academy block as copied', academyBlock],
    ['with CRLF line ends', academyBlock.replace(/\n/g, '\r\n')],
    ['with spaces around = and indentation', `  [default]\n  aws_access_key_id = ${KEY}\n\taws_secret_access_key =  ${SECRET}\naws_session_token= ${TOKEN}\n`],
    ['with comments and blank lines', `# AWS Details\n\n[default]\n; copied from the lab\naws_access_key_id=${KEY}\n\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}\n`],
    ['without its [default] header', `aws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`],
    ['as exported environment variables', `export AWS_ACCESS_KEY_ID=${KEY}\nexport AWS_SECRET_ACCESS_KEY="${SECRET}"\nexport AWS_SESSION_TOKEN=${TOKEN}`],
    ['with a byte-order mark', `\uFEFF${academyBlock}`],
  ])('reads %s', (_name, text) => {
    const [profile] = parseCredentialsText(text);
    expect(profile).toMatchObject({
      name: 'default',
      credentials: { accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: TOKEN },
    });
  });

  it('reads several profiles, and their region', () => {
    const text = `${academyBlock}\n[class-b]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key=${SECRET}\nregion=eu-west-3\n`;
    const profiles = parseCredentialsText(text);
    expect(profiles.map((p) => p.name)).toEqual(['default', 'class-b']);
    expect(profiles[1]).toMatchObject({ region: 'eu-west-3', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' } });
    expect(profiles[1]!.credentials.sessionToken).toBeUndefined();
  });

  it.each<[string, string, string, RegExp]>([
    ['an empty text', '', 'InvalidCredentialsText', /No credentials found/],
    ['garbage', 'hello world\nthis is not a credentials file', 'InvalidCredentialsText', /No credentials found/],
    ['a temporary key without its token', `[default]\naws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}`, 'MissingCredentialKey', /\[default\] has no aws_session_token/],
    ['a missing secret', `[default]\naws_access_key_id=${KEY}\naws_session_token=${TOKEN}`, 'MissingCredentialKey', /\[default\] has no aws_secret_access_key/],
    ['a missing key id', `[default]\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`, 'MissingCredentialKey', /\[default\] has no aws_access_key_id/],
    ['a key id cut short', `[default]\naws_access_key_id=ASIA12\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`, 'InvalidCredentialValue', /aws_access_key_id must be 16 to 128/],
    ['a secret with a space in it', `[default]\naws_access_key_id=${KEY}\naws_secret_access_key=abc def\naws_session_token=${TOKEN}`, 'InvalidCredentialValue', /aws_secret_access_key contains spaces/],
  ])('refuses %s with a clear message', (_name, text, code, message) => {
    let caught: unknown;
    try {
      parseCredentialsText(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CredentialsError);
    expect((caught as CredentialsError).code).toBe(code);
    expect((caught as CredentialsError).message).toMatch(message);
  });
});

describe('parseCredentialsBlock', () => {
  it('takes [default] among several profiles', () => {
    const text = `[other]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key=${SECRET}\n${academyBlock}`;
    expect(parseCredentialsBlock(text).name).toBe('default');
  });
});

describe('shared credentials and config files', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'iotlab-aws-home-'));
    mkdirSync(path.join(home, '.aws'));
    writeFileSync(
      path.join(home, '.aws', 'credentials'),
      `${academyBlock}\n[teacher]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\n`,
    );
    writeFileSync(
      path.join(home, '.aws', 'config'),
      `[default]\nregion = us-east-1\n\n[profile teacher]\nregion = eu-west-3\n\n[profile sso-user]\nsso_session = school\nregion = us-west-2\n\n[sso-session school]\nsso_start_url = https://example.awsapps.com/start\n`,
    );
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('lists the profiles of both files, default first', async () => {
    const profiles = await listProfiles({ home, env: {} });
    expect(profiles).toEqual([
      { name: 'default', hasKeys: true, temporary: true, region: 'us-east-1', files: ['credentials', 'config'] },
      { name: 'sso-user', hasKeys: false, temporary: false, region: 'us-west-2', files: ['config'] },
      { name: 'teacher', hasKeys: true, temporary: false, region: 'eu-west-3', files: ['credentials', 'config'] },
    ]);
  });

  it('loads a profile with the region of its [profile name] section', async () => {
    const teacher = await loadProfile('teacher', { home, env: {} });
    expect(teacher).toEqual({
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
      region: 'eu-west-3',
      source: 'profile teacher',
    });
  });

  it('says which profiles exist when one is missing', async () => {
    await expect(loadProfile('nobody', { home, env: {} })).rejects.toThrow(/could not be found.*Profiles: default, teacher, sso-user/);
  });

  it('says a profile without keys (SSO) is not supported, and how to export keys', async () => {
    await expect(loadProfile('sso-user', { home, env: {} })).rejects.toMatchObject({
      code: 'UnsupportedProfile',
      message: expect.stringMatching(/uses sso_session.*export-credentials --profile sso-user/),
    });
  });

  it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE', async () => {
    const elsewhere = path.join(home, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'creds'), `[lab]\naws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}\n`);
    writeFileSync(path.join(elsewhere, 'conf'), '[profile lab]\nregion=ca-central-1\n');
    const env = { AWS_SHARED_CREDENTIALS_FILE: path.join(elsewhere, 'creds'), AWS_CONFIG_FILE: path.join(elsewhere, 'conf') };
    expect((await listProfiles({ home, env })).map((p) => p.name)).toEqual(['lab']);
    expect(await loadProfile('lab', { home, env })).toMatchObject({ region: 'ca-central-1', credentials: { sessionToken: TOKEN } });
  });

  it('lists nothing when there are no files', async () => {
    expect(await listProfiles({ home: path.join(home, 'none'), env: {} })).toEqual([]);
  });
});

describe('credentialsFromEnv', () => {
  it('reads the standard variables and the region', () => {
    expect(
      credentialsFromEnv({ AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_DEFAULT_REGION: 'us-east-1' }),
    ).toEqual({ credentials: { accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: TOKEN }, region: 'us-east-1', source: 'environment' });
  });

  it('prefers AWS_REGION to AWS_DEFAULT_REGION', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-1' };
    expect(credentialsFromEnv(env).region).toBe('eu-west-1');
  });

  it.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['nothing set', {}, /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set/],
    ['a temporary key without its token', { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET }, /The environment has no AWS_SESSION_TOKEN/],
  ])('refuses %s', (_name, env, message) => {
    expect(() => credentialsFromEnv(env)).toThrow(message);
  });
});

describe('maskAccessKeyId', () => {
  it('keeps the first and last four characters only', () => {
    expect(maskAccessKeyId(KEY)).toBe('ASIA…DFGH');
    expect(maskAccessKeyId('short')).toBe('…');
  });
});
