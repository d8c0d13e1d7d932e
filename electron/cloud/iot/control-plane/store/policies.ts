import type Database from 'better-sqlite3';

export interface PolicyRecord {
  name: string;
  defaultVersion: number;
  nextVersion: number;
  generationId: string;
  creationDate: number;
  lastModifiedDate: number;
}

export interface PolicyVersionRecord {
  policyName: string;
  version: number;
  document: string;
  creationDate: number;
}

interface PolicyRow {
  name: string;
  default_version: number;
  next_version: number;
  generation_id: string;
  creation_date: number;
  last_modified_date: number;
}

interface PolicyVersionRow {
  policy_name: string;
  version: number;
  document: string;
  creation_date: number;
}

const policyRecord = (row: PolicyRow): PolicyRecord => ({
  name: row.name,
  defaultVersion: row.default_version,
  nextVersion: row.next_version,
  generationId: row.generation_id,
  creationDate: row.creation_date,
  lastModifiedDate: row.last_modified_date,
});

const versionRecord = (row: PolicyVersionRow): PolicyVersionRecord => ({
  policyName: row.policy_name,
  version: row.version,
  document: row.document,
  creationDate: row.creation_date,
});

/** Policies, their versions, and the principals (certificate ARNs) they are attached to. */
export function openPolicyTables(db: Database.Database) {
  const get = db.prepare<[string], PolicyRow>('SELECT * FROM iot_policies WHERE name = ?');
  const all = db.prepare<[], PolicyRow>('SELECT * FROM iot_policies ORDER BY name');
  const insert = db.prepare<[string, string, number, number]>(
    `INSERT INTO iot_policies (name, default_version, next_version, generation_id, creation_date, last_modified_date)
     VALUES (?, 1, 2, ?, ?, ?)`,
  );
  const setDefault = db.prepare<[number, string, number, string]>(
    'UPDATE iot_policies SET default_version = ?, generation_id = ?, last_modified_date = ? WHERE name = ?',
  );
  const takeVersion = db.prepare<[string]>(
    'UPDATE iot_policies SET next_version = next_version + 1 WHERE name = ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM iot_policies WHERE name = ?');

  const getVersion = db.prepare<[string, number], PolicyVersionRow>(
    'SELECT * FROM iot_policy_versions WHERE policy_name = ? AND version = ?',
  );
  const versions = db.prepare<[string], PolicyVersionRow>(
    'SELECT * FROM iot_policy_versions WHERE policy_name = ? ORDER BY version',
  );
  const insertVersion = db.prepare<[string, number, string, number]>(
    'INSERT INTO iot_policy_versions (policy_name, version, document, creation_date) VALUES (?, ?, ?, ?)',
  );
  const removeVersion = db.prepare<[string, number]>(
    'DELETE FROM iot_policy_versions WHERE policy_name = ? AND version = ?',
  );

  const attach = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO iot_policy_targets (policy_name, target, attached_at) VALUES (?, ?, ?)',
  );
  const detach = db.prepare<[string, string]>(
    'DELETE FROM iot_policy_targets WHERE policy_name = ? AND target = ?',
  );
  const detachAll = db.prepare<[string]>('DELETE FROM iot_policy_targets WHERE target = ?');
  const targetsOf = db.prepare<[string], { target: string }>(
    'SELECT target FROM iot_policy_targets WHERE policy_name = ? ORDER BY attached_at, target',
  );
  const policiesOf = db.prepare<[string], { policy_name: string }>(
    'SELECT policy_name FROM iot_policy_targets WHERE target = ? ORDER BY policy_name',
  );

  return {
    getPolicy: (name: string): PolicyRecord | undefined => {
      const row = get.get(name);
      return row && policyRecord(row);
    },
    listPolicies: (): PolicyRecord[] => all.all().map(policyRecord),
    /** A new policy with its version 1 as the default. */
    insertPolicy(name: string, document: string, generationId: string, now: number): void {
      insert.run(name, generationId, now, now);
      insertVersion.run(name, 1, document, now);
    },
    /** Adds the next version; returns its id. */
    insertPolicyVersion(name: string, document: string, now: number): number {
      const version = get.get(name)?.next_version ?? 1;
      takeVersion.run(name);
      insertVersion.run(name, version, document, now);
      return version;
    },
    setDefaultPolicyVersion(name: string, version: number, generationId: string, now: number): void {
      setDefault.run(version, generationId, now, name);
    },
    getPolicyVersion: (name: string, version: number): PolicyVersionRecord | undefined => {
      const row = getVersion.get(name, version);
      return row && versionRecord(row);
    },
    listPolicyVersions: (name: string): PolicyVersionRecord[] => versions.all(name).map(versionRecord),
    deletePolicyVersion: (name: string, version: number): void => void removeVersion.run(name, version),
    deletePolicy: (name: string): void => void remove.run(name),

    attachPolicy: (name: string, target: string, now: number): void => void attach.run(name, target, now),
    detachPolicy: (name: string, target: string): boolean => detach.run(name, target).changes > 0,
    detachAllPolicies: (target: string): void => void detachAll.run(target),
    listPolicyTargets: (name: string): string[] => targetsOf.all(name).map((row) => row.target),
    listAttachedPolicyNames: (target: string): string[] =>
      policiesOf.all(target).map((row) => row.policy_name),
  };
}
