import type { LabStorage } from '../../../storage/index.js';
import { openCertificateTables } from './certificates.js';
import { openPolicyTables } from './policies.js';
import { openPrincipalTables } from './principals.js';
import { IOT_MIGRATIONS } from './schema.js';
import { openTaskTables } from './tasks.js';
import { openThingTables } from './things.js';
import { openTopicRuleTables } from './topic-rules.js';

export type { CertificateRecord } from './certificates.js';
export type { PolicyRecord, PolicyVersionRecord } from './policies.js';
export type { ThingPrincipalRecord } from './principals.js';
export type { RegistrationTaskRecord, ReportType, TaskProgress } from './tasks.js';
export type { ThingRecord, ThingTypeRecord } from './things.js';
export type { TopicRuleRecord } from './topic-rules.js';

/** The IoT registry's state in `lab.sqlite`. Synchronous, like better-sqlite3: each call is atomic. */
export type IotStore = ReturnType<typeof openIotStore>;

export function openIotStore(storage: LabStorage) {
  storage.migrate('iot', IOT_MIGRATIONS);
  const { db } = storage;
  return {
    ...openThingTables(db),
    ...openCertificateTables(db),
    ...openPolicyTables(db),
    ...openPrincipalTables(db),
    ...openTaskTables(db),
    ...openTopicRuleTables(db),
    /** Runs `work` in one SQLite transaction: several writes succeed or fail together. */
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
  };
}
