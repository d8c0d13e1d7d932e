import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accountFromEndpointFile, accountsFromCredentialsText } from './accounts.js';

const block = (id: string) => `[default]
aws_access_key_id=ASIA${id}EXAMPLEKEY1
aws_secret_access_key=secret${id}
aws_session_token=token${id}
`;

describe('accounts of a credentials file', () => {
  it('one account per block, even when every block is [default] as AWS Academy writes them', () => {
    const accounts = accountsFromCredentialsText(`# class A\n${block('AAAA')}\n# class B\n${block('BBBB')}`, {
      source: 'classes.txt',
    });
    expect(accounts.map((account) => account.label)).toEqual([
      'classes.txt block 1 [default]',
      'classes.txt block 2 [default]',
    ]);
    expect(accounts.map((account) => account.target)).toEqual([
      {
        kind: 'aws',
        region: 'us-east-1',
        credentials: {
          accessKeyId: 'ASIAAAAAEXAMPLEKEY1',
          secretAccessKey: 'secretAAAA',
          sessionToken: 'tokenAAAA',
        },
      },
      {
        kind: 'aws',
        region: 'us-east-1',
        credentials: {
          accessKeyId: 'ASIABBBBEXAMPLEKEY1',
          secretAccessKey: 'secretBBBB',
          sessionToken: 'tokenBBBB',
        },
      },
    ]);
  });

  it('a region given on the command line wins over the default', () => {
    const [account] = accountsFromCredentialsText(block('CCCC'), { region: 'eu-west-1' });
    expect(account?.target.region).toBe('eu-west-1');
  });

  it('says what a block looks like when there is none', () => {
    expect(() => accountsFromCredentialsText('nothing here')).toThrow(/AWS Details/);
  });

  it('names the key a block lacks', () => {
    expect(() => accountsFromCredentialsText('[default]\naws_access_key_id=ASIAAAAAEXAMPLEKEY1\n')).toThrow(
      /aws_secret_access_key/,
    );
  });
});

describe('the account of a local cloud’s endpoints.json', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-reset-accounts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the endpoint, region and credentials', async () => {
    const file = path.join(dir, 'endpoints.json');
    writeFileSync(
      file,
      JSON.stringify({
        endpoint: 'http://127.0.0.1:4566',
        region: 'us-east-1',
        accountId: '123456789012',
        credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
      }),
    );
    await expect(accountFromEndpointFile(file, 'lab/endpoints.json')).resolves.toEqual({
      label: 'local cloud lab/endpoints.json',
      target: {
        kind: 'offline',
        endpoint: 'http://127.0.0.1:4566',
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
      },
    });
  });

  it.each([
    ['not JSON', '{', /Cannot read the endpoints file/],
    ['another JSON file', '{"name":"x"}', /not a local cloud's endpoints.json/],
  ])('refuses %s', async (_what, text, message) => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, text);
    await expect(accountFromEndpointFile(file)).rejects.toThrow(message);
  });

  it('says when the file is missing', async () => {
    await expect(accountFromEndpointFile(path.join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
  });
});
