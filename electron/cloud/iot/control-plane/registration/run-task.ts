import { setImmediate as nextTurn } from 'node:timers/promises';
import { isAwsError } from '../../../protocols/aws-error.js';
import type { IotContext } from '../context.js';
import type { RegistrationTaskRecord, ReportType } from '../store/index.js';
import { provisionLine } from './provision.js';
import { parseTemplate } from './template.js';

/**
 * Runs a bulk registration task: reads the JSON-lines input file from the local S3, provisions each
 * line, then writes the RESULTS and ERRORS reports as S3 objects. One line at a time, yielding to
 * the event loop between lines, so the rest of the local cloud keeps answering.
 */

/** Where the reports live: AWS keeps them in a bucket of its own; offline, a bucket of the lab account. */
export function reportBucket(context: IotContext): string {
  return `iotlab-registration-reports-${context.identity.accountId}`;
}

function ensureReportBucket(context: IotContext): string {
  const bucket = reportBucket(context);
  if (!context.s3.ListBuckets({}).Buckets?.some((b) => b.Name === bucket))
    context.s3.CreateBucket({ Bucket: bucket });
  return bucket;
}

function progress(task: RegistrationTaskRecord, total: number, done: number) {
  return {
    status: task.status,
    successCount: task.successCount,
    failureCount: task.failureCount,
    percentageProgress: total === 0 ? 100 : Math.floor((done * 100) / total),
  };
}

function readInputLines(context: IotContext, task: RegistrationTaskRecord): string[] {
  const object = context.s3.GetObject({ Bucket: task.inputFileBucket, Key: task.inputFileKey });
  return object.Body.toString('utf8').split(/\r?\n/);
}

function describeFailure(error: unknown): { errorCode: string; errorMessage: string } {
  if (isAwsError(error)) return { errorCode: error.code, errorMessage: error.message };
  return { errorCode: 'InternalFailureException', errorMessage: (error as Error)?.message ?? String(error) };
}

function writeReports(
  context: IotContext,
  taskId: string,
  reports: Record<ReportType, string[]>,
): RegistrationTaskRecord['reports'] {
  const written: RegistrationTaskRecord['reports'] = {};
  for (const type of ['RESULTS', 'ERRORS'] as const) {
    if (reports[type].length === 0) continue;
    const bucket = ensureReportBucket(context);
    const key = `${taskId}/${type.toLowerCase()}.json`;
    context.s3.PutObject({
      Bucket: bucket,
      Key: key,
      Body: `${reports[type].join('\n')}\n`,
      ContentType: 'application/json',
    });
    written[type] = { bucket, key };
  }
  return written;
}

export async function runRegistrationTask(context: IotContext, taskId: string): Promise<void> {
  const { store } = context;
  const initial = store.getTask(taskId);
  if (!initial) return;
  const finish = (
    status: RegistrationTaskRecord['status'],
    counts: ReturnType<typeof progress>,
    extra: { message?: string; reports?: RegistrationTaskRecord['reports'] } = {},
  ) => store.updateTask(taskId, { ...counts, status, ...extra }, context.now().getTime());

  let lines: string[];
  try {
    lines = readInputLines(context, initial);
  } catch (error) {
    const { errorCode, errorMessage } = describeFailure(error);
    finish('Failed', progress(initial, 0, 0), {
      message: `Unable to read the input file s3://${initial.inputFileBucket}/${initial.inputFileKey}: ${errorCode}: ${errorMessage}`,
    });
    return;
  }
  const template = parseTemplate(initial.templateBody);
  const reports: Record<ReportType, string[]> = { RESULTS: [], ERRORS: [] };
  const work = lines.map((text, index) => ({ text, index })).filter((line) => line.text.trim() !== '');
  let task = initial;
  for (const [done, { text, index }] of work.entries()) {
    task = store.getTask(taskId) ?? task;
    if (task.status !== 'InProgress') break;
    // AWS: each report line carries the input line's offset as `referenceId`.
    const referenceId = String(index);
    try {
      const parameters = JSON.parse(text) as unknown;
      if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
        throw new SyntaxError('not a JSON object');
      }
      const response = await provisionLine(context, template, parameters as Record<string, unknown>);
      reports.RESULTS.push(JSON.stringify({ referenceId, response }));
      task = { ...task, successCount: task.successCount + 1 };
    } catch (error) {
      const failure =
        error instanceof SyntaxError
          ? {
              errorCode: 'InvalidRequestException',
              errorMessage: `Line ${index + 1} of the input file is not a JSON object.`,
            }
          : describeFailure(error);
      reports.ERRORS.push(JSON.stringify({ referenceId, ...failure }));
      task = { ...task, failureCount: task.failureCount + 1 };
    }
    store.updateTask(taskId, progress(task, work.length, done + 1), context.now().getTime());
    await nextTurn();
  }
  const cancelled = (store.getTask(taskId)?.status ?? task.status) !== 'InProgress';
  finish(
    cancelled ? 'Cancelled' : 'Completed',
    progress(task, work.length, cancelled ? task.successCount + task.failureCount : work.length),
    {
      reports: writeReports(context, taskId, reports),
    },
  );
}

/** Tasks left running when the local cloud last stopped cannot resume: they end as Failed. */
export function failInterruptedTasks(context: IotContext): void {
  for (const task of context.store.listTasks()) {
    if (task.status === 'InProgress' || task.status === 'Cancelling') {
      context.store.updateTask(
        task.id,
        {
          ...progress(task, 1, 0),
          percentageProgress: task.percentageProgress,
          status: 'Failed',
          message: 'The local cloud stopped while this task was running.',
        },
        context.now().getTime(),
      );
    }
  }
}
