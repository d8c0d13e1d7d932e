import type { ThingPrincipalType } from '@aws-sdk/client-iot';
import type Database from 'better-sqlite3';

export interface ThingPrincipalRecord {
  thingName: string;
  principal: string;
  principalType: ThingPrincipalType;
}

interface ThingPrincipalRow {
  thing_name: string;
  principal: string;
  principal_type: string;
}

const record = (row: ThingPrincipalRow): ThingPrincipalRecord => ({
  thingName: row.thing_name,
  principal: row.principal,
  principalType: row.principal_type as ThingPrincipalType,
});

/** Which principals (certificate ARNs) are attached to which things. */
export function openPrincipalTables(db: Database.Database) {
  const attach = db.prepare<[string, string, string, number]>(
    `INSERT INTO iot_thing_principals (thing_name, principal, principal_type, attached_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (thing_name, principal) DO UPDATE SET principal_type = excluded.principal_type`,
  );
  const detach = db.prepare<[string, string]>(
    'DELETE FROM iot_thing_principals WHERE thing_name = ? AND principal = ?',
  );
  const ofThing = db.prepare<[string], ThingPrincipalRow>(
    'SELECT * FROM iot_thing_principals WHERE thing_name = ? ORDER BY attached_at, principal',
  );
  const ofPrincipal = db.prepare<[string], ThingPrincipalRow>(
    'SELECT * FROM iot_thing_principals WHERE principal = ? ORDER BY attached_at, thing_name',
  );
  return {
    attachThingPrincipal(
      thingName: string,
      principal: string,
      principalType: ThingPrincipalType,
      now: number,
    ): void {
      attach.run(thingName, principal, principalType, now);
    },
    detachThingPrincipal: (thingName: string, principal: string): boolean =>
      detach.run(thingName, principal).changes > 0,
    listThingPrincipals: (thingName: string): ThingPrincipalRecord[] => ofThing.all(thingName).map(record),
    listPrincipalThings: (principal: string): ThingPrincipalRecord[] =>
      ofPrincipal.all(principal).map(record),
  };
}
