import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLabStorage } from './index.js';

const dirs: string[] = [];
function tempLab(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-storage-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lab storage', () => {
  it('creates the lab identity once and keeps it across reopenings', () => {
    const dir = tempLab();
    const first = openLabStorage(dir);
    const identity = first.identity;
    first.close();
    const second = openLabStorage(dir);
    expect(second.identity).toEqual(identity);
    second.close();
    expect(identity.accountId).toMatch(/^[1-9]\d{11}$/);
    expect(identity.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(identity.secretAccessKey).toHaveLength(40);
    expect(identity.region).toBe('us-east-1');
  });

  it('gives two lab folders two different accounts', () => {
    const a = openLabStorage(tempLab());
    const b = openLabStorage(tempLab());
    expect(a.identity.accountId).not.toBe(b.identity.accountId);
    expect(a.identity.secretAccessKey).not.toBe(b.identity.secretAccessKey);
    a.close();
    b.close();
  });

  it('applies each service migration once, in order, and later ones on the next opening', () => {
    const dir = tempLab();
    const storage = openLabStorage(dir);
    storage.migrate('demo', ['CREATE TABLE demo (id INTEGER PRIMARY KEY)']);
    storage.migrate('demo', ['CREATE TABLE demo (id INTEGER PRIMARY KEY)']);
    storage.close();
    const reopened = openLabStorage(dir);
    reopened.migrate('demo', ['CREATE TABLE demo (id INTEGER PRIMARY KEY)', 'ALTER TABLE demo ADD COLUMN name TEXT']);
    const columns = reopened.db.prepare<[], { name: string }>('PRAGMA table_info(demo)').all().map((c) => c.name);
    expect(columns).toEqual(['id', 'name']);
    reopened.close();
  });

  it('keeps the PKI folder private to the user', () => {
    const storage = openLabStorage(tempLab());
    expect(statSync(storage.layout.pki).mode & 0o077).toBe(0);
    storage.close();
  });
});
