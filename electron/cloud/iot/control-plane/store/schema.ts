/**
 * The IoT registry's tables in `lab.sqlite` (service `iot`). Append only: each entry is applied
 * once, in order. Times are epoch milliseconds; JSON columns hold what the API returns.
 */
export const IOT_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE iot_thing_types (
    name TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    properties TEXT NOT NULL,
    deprecated INTEGER NOT NULL DEFAULT 0,
    deprecation_date INTEGER,
    creation_date INTEGER NOT NULL
  );
  CREATE TABLE iot_things (
    name TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    type_name TEXT REFERENCES iot_thing_types(name),
    attributes TEXT NOT NULL,
    version INTEGER NOT NULL,
    creation_date INTEGER NOT NULL
  );
  CREATE INDEX iot_things_by_type ON iot_things(type_name);
  CREATE TABLE iot_certificates (
    id TEXT PRIMARY KEY,
    pem TEXT NOT NULL,
    status TEXT NOT NULL,
    ca_certificate_id TEXT,
    mode TEXT NOT NULL,
    subject TEXT NOT NULL,
    issuer TEXT NOT NULL,
    not_before INTEGER NOT NULL,
    not_after INTEGER NOT NULL,
    generation_id TEXT NOT NULL,
    customer_version INTEGER NOT NULL,
    creation_date INTEGER NOT NULL,
    last_modified_date INTEGER NOT NULL
  );
  CREATE TABLE iot_policies (
    name TEXT PRIMARY KEY,
    default_version INTEGER NOT NULL,
    next_version INTEGER NOT NULL,
    generation_id TEXT NOT NULL,
    creation_date INTEGER NOT NULL,
    last_modified_date INTEGER NOT NULL
  );
  CREATE TABLE iot_policy_versions (
    policy_name TEXT NOT NULL REFERENCES iot_policies(name) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    document TEXT NOT NULL,
    creation_date INTEGER NOT NULL,
    PRIMARY KEY (policy_name, version)
  );
  CREATE TABLE iot_policy_targets (
    policy_name TEXT NOT NULL REFERENCES iot_policies(name),
    target TEXT NOT NULL,
    attached_at INTEGER NOT NULL,
    PRIMARY KEY (policy_name, target)
  );
  CREATE INDEX iot_policy_targets_by_target ON iot_policy_targets(target);
  CREATE TABLE iot_thing_principals (
    thing_name TEXT NOT NULL REFERENCES iot_things(name),
    principal TEXT NOT NULL,
    principal_type TEXT NOT NULL,
    attached_at INTEGER NOT NULL,
    PRIMARY KEY (thing_name, principal)
  );
  CREATE INDEX iot_thing_principals_by_principal ON iot_thing_principals(principal);
  CREATE TABLE iot_registration_tasks (
    id TEXT PRIMARY KEY,
    template_body TEXT NOT NULL,
    input_bucket TEXT NOT NULL,
    input_key TEXT NOT NULL,
    role_arn TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT,
    success_count INTEGER NOT NULL DEFAULT 0,
    failure_count INTEGER NOT NULL DEFAULT 0,
    percentage_progress INTEGER NOT NULL DEFAULT 0,
    report_keys TEXT NOT NULL DEFAULT '{}',
    creation_date INTEGER NOT NULL,
    last_modified_date INTEGER NOT NULL
  );
  `,
  `
  CREATE TABLE iot_topic_rules (
    name TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    topic_pattern TEXT,
    disabled INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
];
