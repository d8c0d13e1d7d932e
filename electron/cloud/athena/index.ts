import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServiceEndpoint } from '../gateway/types.js';
import type { GlueCatalog } from '../glue/index.js';
import { createAwsJsonService, type JsonOperation } from '../protocols/aws-json.js';
import type { LocalS3 } from '../s3/index.js';
import type { LabStorage } from '../storage/index.js';
import type { AthenaContext } from './context.js';
import { createDuckEngine } from './engine/duck.js';
import * as catalogs from './operations/catalogs.js';
import type { Input, OperationsContext } from './operations/common.js';
import * as namedQueries from './operations/named-queries.js';
import * as executions from './operations/query-executions.js';
import { StartQueryExecution } from './operations/start.js';
import * as workGroups from './operations/work-groups.js';
import { createQueryRunner } from './runner.js';
import { openAthenaStore } from './store.js';

export interface AthenaServiceOptions {
  /** Epoch ms (default Date.now). */
  now?: () => number;
  log?: (line: string) => void;
}

/** Amazon Athena for the local cloud: SQL over the lake with DuckDB, typed by the Glue catalog. */
export interface LocalAthena {
  /** awsJson1_1, `X-Amz-Target: AmazonAthena.<Operation>`, signing name `athena`. */
  endpoint: ServiceEndpoint;
  /** Interrupts the running query, waits for it, closes DuckDB. Call before the storage closes. */
  stop(): Promise<void>;
}

export function createAthenaService(
  storage: LabStorage,
  s3: LocalS3,
  catalog: GlueCatalog,
  options: AthenaServiceOptions = {},
): LocalAthena {
  // DuckDB's spill files and CTAS output before it goes to S3: private, made on first use, removed on stop.
  const workDir = path.join(tmpdir(), `iotlab-athena-${randomUUID()}`);
  const base: AthenaContext = {
    store: openAthenaStore(storage),
    s3,
    catalog,
    identity: storage.identity,
    duck: createDuckEngine({ tempDir: path.join(workDir, 'duckdb') }),
    workDir: path.join(workDir, 'ctas'),
    now: options.now ?? Date.now,
    ...(options.log ? { log: options.log } : {}),
  };
  workGroups.ensurePrimaryWorkGroup(base);
  const context: OperationsContext = { ...base, runner: createQueryRunner(base) };

  const bind =
    <O>(operation: (context: OperationsContext, input: Input) => O): JsonOperation =>
    (input) =>
      operation(context, input);
  const operations: Record<string, JsonOperation> = { StartQueryExecution: bind(StartQueryExecution) };
  for (const group of [executions, namedQueries, workGroups, catalogs]) {
    for (const [name, operation] of Object.entries(group)) {
      // Operations are PascalCase, as AWS names them; helpers beside them are not.
      if (/^[A-Z]/.test(name))
        operations[name] = bind(operation as (context: OperationsContext, input: Input) => unknown);
    }
  }
  const endpoint = createAwsJsonService({
    signingNames: ['athena'],
    targetPrefix: 'AmazonAthena',
    version: '1.1',
    operations,
    errorMessageKey: 'Message',
  });

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    stop() {
      stopping ??= (async () => {
        await context.runner.close();
        await base.duck.close();
        rmSync(workDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
