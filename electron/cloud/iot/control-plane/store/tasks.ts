import type { Status } from '@aws-sdk/client-iot';
import type Database from 'better-sqlite3';

export type ReportType = 'RESULTS' | 'ERRORS';

export interface RegistrationTaskRecord {
  id: string;
  templateBody: string;
  inputFileBucket: string;
  inputFileKey: string;
  roleArn: string;
  status: Status;
  message?: string;
  successCount: number;
  failureCount: number;
  percentageProgress: number;
  /** Where each report was written (`bucket`/`key` of the local S3), once the task ends. */
  reports: Partial<Record<ReportType, { bucket: string; key: string }>>;
  creationDate: number;
  lastModifiedDate: number;
}

interface TaskRow {
  id: string;
  template_body: string;
  input_bucket: string;
  input_key: string;
  role_arn: string;
  status: string;
  message: string | null;
  success_count: number;
  failure_count: number;
  percentage_progress: number;
  report_keys: string;
  creation_date: number;
  last_modified_date: number;
}

function taskRecord(row: TaskRow): RegistrationTaskRecord {
  const record: RegistrationTaskRecord = {
    id: row.id,
    templateBody: row.template_body,
    inputFileBucket: row.input_bucket,
    inputFileKey: row.input_key,
    roleArn: row.role_arn,
    status: row.status as Status,
    successCount: row.success_count,
    failureCount: row.failure_count,
    percentageProgress: row.percentage_progress,
    reports: JSON.parse(row.report_keys) as RegistrationTaskRecord['reports'],
    creationDate: row.creation_date,
    lastModifiedDate: row.last_modified_date,
  };
  if (row.message !== null) record.message = row.message;
  return record;
}

export type TaskProgress = Pick<
  RegistrationTaskRecord,
  'status' | 'successCount' | 'failureCount' | 'percentageProgress'
> &
  Partial<Pick<RegistrationTaskRecord, 'message' | 'reports'>>;

export function openTaskTables(db: Database.Database) {
  const get = db.prepare<[string], TaskRow>('SELECT * FROM iot_registration_tasks WHERE id = ?');
  const all = db.prepare<[], TaskRow>('SELECT * FROM iot_registration_tasks ORDER BY creation_date DESC, id');
  const insert = db.prepare<[string, string, string, string, string, number, number]>(
    `INSERT INTO iot_registration_tasks (id, template_body, input_bucket, input_key, role_arn, status, creation_date, last_modified_date)
     VALUES (?, ?, ?, ?, ?, 'InProgress', ?, ?)`,
  );
  const update = db.prepare<[string, number, number, number, string | null, string, number, string]>(
    `UPDATE iot_registration_tasks SET status = ?, success_count = ?, failure_count = ?, percentage_progress = ?,
       message = COALESCE(?, message), report_keys = ?, last_modified_date = ? WHERE id = ?`,
  );
  return {
    getTask: (id: string): RegistrationTaskRecord | undefined => {
      const row = get.get(id);
      return row && taskRecord(row);
    },
    /** Newest first. */
    listTasks: (): RegistrationTaskRecord[] => all.all().map(taskRecord),
    insertTask(
      task: Pick<
        RegistrationTaskRecord,
        'id' | 'templateBody' | 'inputFileBucket' | 'inputFileKey' | 'roleArn' | 'creationDate'
      >,
    ): void {
      insert.run(
        task.id,
        task.templateBody,
        task.inputFileBucket,
        task.inputFileKey,
        task.roleArn,
        task.creationDate,
        task.creationDate,
      );
    },
    updateTask(id: string, progress: TaskProgress, now: number): void {
      const reports = progress.reports ?? get.get(id)?.report_keys;
      update.run(
        progress.status,
        progress.successCount,
        progress.failureCount,
        progress.percentageProgress,
        progress.message ?? null,
        typeof reports === 'string' ? reports : JSON.stringify(reports ?? {}),
        now,
        id,
      );
    },
  };
}
