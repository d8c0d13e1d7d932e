import { randomBytes } from 'node:crypto';
import type { LabStorage } from '../storage/index.js';
import { AwsError } from '../protocols/aws-error.js';

/**
 * Temporary credentials (access key id `ASIA…` + secret + session token), as STS issues them and as
 * AWS Academy hands them to students. Kept in `lab.sqlite`, so a session issued by one process (a
 * test, the CLI) is honoured by the cloud running in another, and `expireAll` is the switch that makes
 * the local cloud answer `ExpiredToken` the way an Academy lab does when its session ends.
 */
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface LabSession {
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface LabSessions {
  /** New temporary credentials valid for `durationSeconds` (12 hours when omitted). */
  issue(durationSeconds?: number): TemporaryCredentials;
  lookup(accessKeyId: string): LabSession | undefined;
  /** Ends every session now; returns how many were still valid. New ones can be issued afterwards. */
  expireAll(): number;
}

const MIGRATIONS = [
  `CREATE TABLE sts_sessions (
     access_key_id TEXT PRIMARY KEY,
     secret_access_key TEXT NOT NULL,
     session_token TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     issued_at INTEGER NOT NULL)`,
];

// AWS: GetSessionToken DurationSeconds is 900–129600 for IAM users, 43200 by default.
export const SESSION_DURATION = { min: 900, max: 129_600, default: 43_200 } as const;

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomTemporaryKeyId(): string {
  // AWS: temporary access key ids start with ASIA and have 20 characters.
  let id = 'ASIA';
  for (const byte of randomBytes(16)) id += KEY_ALPHABET[byte % KEY_ALPHABET.length];
  return id;
}

export function openLabSessions(storage: LabStorage, now: () => number = Date.now): LabSessions {
  storage.migrate('sts', MIGRATIONS);
  const insert = storage.db.prepare(
    'INSERT INTO sts_sessions (access_key_id, secret_access_key, session_token, expires_at, issued_at) VALUES (?, ?, ?, ?, ?)',
  );
  const select = storage.db.prepare<
    [string],
    { secret_access_key: string; session_token: string; expires_at: number }
  >('SELECT secret_access_key, session_token, expires_at FROM sts_sessions WHERE access_key_id = ?');
  const expire = storage.db.prepare('UPDATE sts_sessions SET expires_at = ? WHERE expires_at > ?');
  return {
    issue(durationSeconds = SESSION_DURATION.default) {
      const issuedAt = now();
      const credentials: TemporaryCredentials = {
        accessKeyId: randomTemporaryKeyId(),
        secretAccessKey: randomBytes(30).toString('base64').replace(/[+/=]/g, 'x').slice(0, 40),
        // AWS session tokens are long opaque base64 strings; the SDK only forwards them.
        sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(96).toString('base64')}`,
        expiration: new Date(issuedAt + durationSeconds * 1000),
      };
      insert.run(
        credentials.accessKeyId,
        credentials.secretAccessKey,
        credentials.sessionToken,
        credentials.expiration.getTime(),
        issuedAt,
      );
      return credentials;
    },
    lookup(accessKeyId) {
      const row = select.get(accessKeyId);
      return row
        ? { secretAccessKey: row.secret_access_key, sessionToken: row.session_token, expiresAt: row.expires_at }
        : undefined;
    },
    expireAll() {
      const at = now();
      return expire.run(at, at).changes;
    },
  };
}

/** GetSessionToken's DurationSeconds, checked as STS does. */
export function sessionDuration(value: string | null): number {
  if (value === null || value === '') return SESSION_DURATION.default;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < SESSION_DURATION.min || seconds > SESSION_DURATION.max) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${seconds < SESSION_DURATION.min ? `greater than or equal to ${SESSION_DURATION.min}` : `less than or equal to ${SESSION_DURATION.max}`}`,
      400,
    );
  }
  return seconds;
}
