import type { LabIdentity } from '../storage/index.js';
import type { DynamoDbStore } from './store.js';

/** What every DynamoDB operation works with. */
export interface DynamoDbContext {
  store: DynamoDbStore;
  identity: LabIdentity;
  /** Epoch milliseconds; injectable so tests can drive table activation. */
  now(): number;
  /** How long a new table stays CREATING before it is ACTIVE. */
  tableActivationMs: number;
}
