import type { Action } from '@aws-sdk/client-iot';
import type Database from 'better-sqlite3';

/** A topic rule as CreateTopicRule / ReplaceTopicRule accepted it (validated, version filled in). */
export interface TopicRuleRecord {
  name: string;
  sql: string;
  description?: string;
  actions: Action[];
  errorAction?: Action;
  awsIotSqlVersion: string;
  /** The FROM topic filter (ListTopicRules' `topicPattern`); absent for a Basic-Ingest-only rule. */
  topicPattern?: string;
  disabled: boolean;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms of the last create, replace, enable or disable. */
  updatedAt: number;
}

/** What the `payload` column holds. */
type StoredPayload = Pick<TopicRuleRecord, 'sql' | 'description' | 'actions' | 'errorAction' | 'awsIotSqlVersion'>;

interface TopicRuleRow {
  name: string;
  payload: string;
  topic_pattern: string | null;
  disabled: number;
  created_at: number;
  updated_at: number;
}

function topicRuleRecord(row: TopicRuleRow): TopicRuleRecord {
  const payload = JSON.parse(row.payload) as StoredPayload;
  const record: TopicRuleRecord = {
    name: row.name,
    sql: payload.sql,
    actions: payload.actions,
    awsIotSqlVersion: payload.awsIotSqlVersion,
    disabled: row.disabled !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (payload.description !== undefined) record.description = payload.description;
  if (payload.errorAction !== undefined) record.errorAction = payload.errorAction;
  if (row.topic_pattern !== null) record.topicPattern = row.topic_pattern;
  return record;
}

function payloadText(rule: TopicRuleRecord): string {
  const payload: StoredPayload = {
    sql: rule.sql,
    description: rule.description,
    actions: rule.actions,
    errorAction: rule.errorAction,
    awsIotSqlVersion: rule.awsIotSqlVersion,
  };
  return JSON.stringify(payload);
}

/** Topic rules (the rules engine reads them all when one changes). */
export function openTopicRuleTables(db: Database.Database) {
  const get = db.prepare<[string], TopicRuleRow>('SELECT * FROM iot_topic_rules WHERE name = ?');
  const all = db.prepare<[], TopicRuleRow>('SELECT * FROM iot_topic_rules ORDER BY name');
  const upsert = db.prepare<[string, string, string | null, number, number, number]>(
    `INSERT INTO iot_topic_rules (name, payload, topic_pattern, disabled, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET payload = excluded.payload, topic_pattern = excluded.topic_pattern,
       disabled = excluded.disabled, updated_at = excluded.updated_at`,
  );
  const setDisabled = db.prepare<[number, number, string]>(
    'UPDATE iot_topic_rules SET disabled = ?, updated_at = ? WHERE name = ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM iot_topic_rules WHERE name = ?');

  return {
    getTopicRule: (name: string): TopicRuleRecord | undefined => {
      const row = get.get(name);
      return row && topicRuleRecord(row);
    },
    listTopicRules: (): TopicRuleRecord[] => all.all().map(topicRuleRecord),
    /** Inserts a rule, or replaces one keeping its creation time. */
    putTopicRule(rule: TopicRuleRecord): void {
      upsert.run(
        rule.name,
        payloadText(rule),
        rule.topicPattern ?? null,
        rule.disabled ? 1 : 0,
        rule.createdAt,
        rule.updatedAt,
      );
    },
    setTopicRuleDisabled: (name: string, disabled: boolean, now: number): void =>
      void setDisabled.run(disabled ? 1 : 0, now, name),
    deleteTopicRule: (name: string): void => void remove.run(name),
  };
}
