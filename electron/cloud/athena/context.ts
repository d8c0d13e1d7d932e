import type { GlueCatalog } from '../glue/index.js';
import type { LocalS3 } from '../s3/index.js';
import type { LabIdentity } from '../storage/index.js';
import type { DuckEngine } from './engine/duck.js';
import type { AthenaStore } from './store.js';

/** What Athena's operations and its engine share. */
export interface AthenaContext {
  store: AthenaStore;
  s3: LocalS3;
  /** The Glue Data Catalog (AwsDataCatalog): tables, partitions, and where CTAS registers its tables. */
  catalog: GlueCatalog;
  identity: LabIdentity;
  duck: DuckEngine;
  /** A private folder for CTAS output before it is put into S3. */
  workDir: string;
  now: () => number;
  log?: (line: string) => void;
}

/** Athena's only data catalog offline: the Glue Data Catalog. */
export const AWS_DATA_CATALOG = 'AwsDataCatalog';
/** The DuckDB catalog the Glue databases are attached as, so `awsdatacatalog.db.t` resolves natively. */
export const DUCK_CATALOG = 'awsdatacatalog';
