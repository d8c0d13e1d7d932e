import Database from 'better-sqlite3';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The lab folder: one SQLite file for every service's state, S3 bodies as plain files, the lab PKI.
 * Its layout is defined here and nowhere else.
 */
export interface LabLayout {
  dir: string;
  database: string;
  s3Root: string;
  pki: string;
  endpointsFile: string;
}

export function labLayout(dir: string): LabLayout {
  const root = path.resolve(dir);
  return {
    dir: root,
    database: path.join(root, 'lab.sqlite'),
    s3Root: path.join(root, 's3'),
    pki: path.join(root, 'pki'),
    endpointsFile: path.join(root, 'endpoints.json'),
  };
}

/** Who the lab's local AWS account is: fixed once per lab folder, like an AWS Academy account. */
export interface LabIdentity {
  accountId: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface LabStorage {
  layout: LabLayout;
  db: Database.Database;
  identity: LabIdentity;
  /**
   * Applies a service's schema migrations in order, once each. Each service owns its list
   * (append only), so services evolve their tables without touching each other's.
   */
  migrate(service: string, migrations: readonly string[]): void;
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
  close(): void;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomAccessKeyId(): string {
  // AWS: long-term access key ids start with AKIA and have 20 characters.
  let id = 'AKIA';
  for (const byte of randomBytes(16)) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return id;
}

function randomAccountId(): string {
  let id = String(randomInt(1, 10));
  for (let i = 0; i < 11; i++) id += String(randomInt(0, 10));
  return id;
}

export function openLabStorage(dir: string): LabStorage {
  const layout = labLayout(dir);
  mkdirSync(layout.dir, { recursive: true });
  mkdirSync(layout.s3Root, { recursive: true });
  mkdirSync(layout.pki, { recursive: true, mode: 0o700 });
  const db = new Database(layout.database);
  // WAL: readers (the UI, Athena) never block the writers that ingest MQTT messages.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS schema_migrations (
      service TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL,
      PRIMARY KEY (service, version));
  `);
  const getStatement = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const setStatement = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const getSetting = (key: string): string | undefined => getStatement.get(key)?.value;
  const setSetting = (key: string, value: string): void => {
    setStatement.run(key, value);
  };

  const ensure = (key: string, make: () => string): string => {
    const existing = getSetting(key);
    if (existing !== undefined) return existing;
    const value = make();
    setSetting(key, value);
    return value;
  };
  const identity: LabIdentity = db.transaction(() => ({
    accountId: ensure('account_id', randomAccountId),
    region: ensure('region', () => 'us-east-1'),
    accessKeyId: ensure('access_key_id', randomAccessKeyId),
    secretAccessKey: ensure('secret_access_key', () => randomBytes(30).toString('base64').replace(/[+/=]/g, 'x').slice(0, 40)),
  }))();

  const appliedVersion = db.prepare<[string], { version: number | null }>(
    'SELECT MAX(version) AS version FROM schema_migrations WHERE service = ?',
  );
  const recordVersion = db.prepare(
    "INSERT INTO schema_migrations (service, version, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ'))",
  );
  const migrate = (service: string, migrations: readonly string[]): void => {
    db.transaction(() => {
      const current = appliedVersion.get(service)?.version ?? 0;
      migrations.slice(current).forEach((sql, index) => {
        db.exec(sql);
        recordVersion.run(service, current + index + 1);
      });
    })();
  };

  return { layout, db, identity, migrate, getSetting, setSetting, close: () => db.close() };
}
