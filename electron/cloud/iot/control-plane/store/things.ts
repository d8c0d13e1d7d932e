import type { ThingTypeProperties } from '@aws-sdk/client-iot';
import type Database from 'better-sqlite3';

export interface ThingTypeRecord {
  name: string;
  id: string;
  properties: ThingTypeProperties;
  deprecated: boolean;
  deprecationDate?: number;
  creationDate: number;
}

export interface ThingRecord {
  name: string;
  id: string;
  typeName?: string;
  attributes: Record<string, string>;
  version: number;
  creationDate: number;
}

interface ThingTypeRow {
  name: string;
  id: string;
  properties: string;
  deprecated: number;
  deprecation_date: number | null;
  creation_date: number;
}

interface ThingRow {
  name: string;
  id: string;
  type_name: string | null;
  attributes: string;
  version: number;
  creation_date: number;
}

function thingTypeRecord(row: ThingTypeRow): ThingTypeRecord {
  const record: ThingTypeRecord = {
    name: row.name,
    id: row.id,
    properties: JSON.parse(row.properties) as ThingTypeProperties,
    deprecated: row.deprecated === 1,
    creationDate: row.creation_date,
  };
  if (row.deprecation_date !== null) record.deprecationDate = row.deprecation_date;
  return record;
}

function thingRecord(row: ThingRow): ThingRecord {
  const record: ThingRecord = {
    name: row.name,
    id: row.id,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    version: row.version,
    creationDate: row.creation_date,
  };
  if (row.type_name !== null) record.typeName = row.type_name;
  return record;
}

export function openThingTables(db: Database.Database) {
  const getType = db.prepare<[string], ThingTypeRow>('SELECT * FROM iot_thing_types WHERE name = ?');
  const allTypes = db.prepare<[], ThingTypeRow>('SELECT * FROM iot_thing_types ORDER BY name');
  const insertType = db.prepare<[string, string, string, number]>(
    'INSERT INTO iot_thing_types (name, id, properties, creation_date) VALUES (?, ?, ?, ?)',
  );
  const setDeprecated = db.prepare<[number, number | null, string]>(
    'UPDATE iot_thing_types SET deprecated = ?, deprecation_date = ? WHERE name = ?',
  );
  const deleteType = db.prepare<[string]>('DELETE FROM iot_thing_types WHERE name = ?');
  const countThingsOfType = db.prepare<[string], { count: number }>(
    'SELECT COUNT(*) AS count FROM iot_things WHERE type_name = ?',
  );

  const getThing = db.prepare<[string], ThingRow>('SELECT * FROM iot_things WHERE name = ?');
  const allThings = db.prepare<[], ThingRow>('SELECT * FROM iot_things ORDER BY name');
  const insertThing = db.prepare<[string, string, string | null, string, number]>(
    'INSERT INTO iot_things (name, id, type_name, attributes, version, creation_date) VALUES (?, ?, ?, ?, 1, ?)',
  );
  const updateThing = db.prepare<[string | null, string, string]>(
    'UPDATE iot_things SET type_name = ?, attributes = ?, version = version + 1 WHERE name = ?',
  );
  const deleteThing = db.prepare<[string]>('DELETE FROM iot_things WHERE name = ?');

  return {
    getThingType: (name: string): ThingTypeRecord | undefined => {
      const row = getType.get(name);
      return row && thingTypeRecord(row);
    },
    listThingTypes: (): ThingTypeRecord[] => allTypes.all().map(thingTypeRecord),
    insertThingType(record: Pick<ThingTypeRecord, 'name' | 'id' | 'properties' | 'creationDate'>): void {
      insertType.run(record.name, record.id, JSON.stringify(record.properties), record.creationDate);
    },
    setThingTypeDeprecated(name: string, deprecationDate: number | undefined): void {
      setDeprecated.run(deprecationDate === undefined ? 0 : 1, deprecationDate ?? null, name);
    },
    deleteThingType: (name: string): void => void deleteType.run(name),
    countThingsOfType: (name: string): number => countThingsOfType.get(name)?.count ?? 0,

    getThing: (name: string): ThingRecord | undefined => {
      const row = getThing.get(name);
      return row && thingRecord(row);
    },
    listThings: (): ThingRecord[] => allThings.all().map(thingRecord),
    insertThing(record: Omit<ThingRecord, 'version'>): void {
      insertThing.run(
        record.name,
        record.id,
        record.typeName ?? null,
        JSON.stringify(record.attributes),
        record.creationDate,
      );
    },
    /** Replaces type and attributes and bumps the version, as every UpdateThing does. */
    updateThing(name: string, typeName: string | undefined, attributes: Record<string, string>): void {
      updateThing.run(typeName ?? null, JSON.stringify(attributes), name);
    },
    deleteThing: (name: string): void => void deleteThing.run(name),
  };
}
