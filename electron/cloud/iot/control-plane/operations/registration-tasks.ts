import { Sha256 } from '@aws-crypto/sha256-js';
import type {
  DescribeThingRegistrationTaskRequest,
  DescribeThingRegistrationTaskResponse,
  ListThingRegistrationTaskReportsRequest,
  ListThingRegistrationTaskReportsResponse,
  ListThingRegistrationTasksRequest,
  ListThingRegistrationTasksResponse,
  StartThingRegistrationTaskRequest,
  StartThingRegistrationTaskResponse,
  StopThingRegistrationTaskRequest,
  StopThingRegistrationTaskResponse,
} from '@aws-sdk/client-iot';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { randomUUID } from 'node:crypto';
import { LAB_ROLE_NAME } from '../../../iam/index.js';
import type { IotContext } from '../context.js';
import { invalidRequest, missingMember, notFound, validationError } from '../errors.js';
import { paginate, sortableTime } from '../pagination.js';
import { runRegistrationTask } from '../registration/run-task.js';
import { parseTemplate } from '../registration/template.js';
import type { RegistrationTaskRecord } from '../store/index.js';

const TASK_STATUSES = ['InProgress', 'Completed', 'Failed', 'Cancelled', 'Cancelling'];
/** AWS's report links are presigned S3 URLs valid for an hour. */
const REPORT_LINK_SECONDS = 3600;

function requireString(value: unknown, member: string, min: number, max: number, pattern?: RegExp): string {
  if (typeof value !== 'string' || value === '') throw missingMember(member);
  if (value.length < min)
    throw validationError(member, value, `Member must have length greater than or equal to ${min}`);
  if (value.length > max)
    throw validationError(member, value, `Member must have length less than or equal to ${max}`);
  if (pattern && !pattern.test(value))
    throw validationError(member, value, `Member must satisfy regular expression pattern: ${pattern.source}`);
  return value;
}

function requireTask(context: IotContext, taskId: unknown): RegistrationTaskRecord {
  const id = requireString(taskId, 'taskId', 1, 40);
  const task = context.store.getTask(id);
  if (!task) throw notFound(`Thing registration task ${id} does not exist.`);
  return task;
}

/**
 * AWS assumes `roleArn` to read the input file. AWS Academy labs have one role, LabRole, so any
 * other ARN is refused here the way an unassumable role is refused there.
 */
export function StartThingRegistrationTask(
  context: IotContext,
  input: StartThingRegistrationTaskRequest,
): StartThingRegistrationTaskResponse {
  if (typeof input.templateBody !== 'string') throw missingMember('templateBody');
  if (input.templateBody.length > 10240) {
    throw validationError(
      'templateBody',
      input.templateBody.slice(0, 40),
      'Member must have length less than or equal to 10240',
    );
  }
  const bucket = requireString(input.inputFileBucket, 'inputFileBucket', 3, 256, /^[a-zA-Z0-9._-]+$/);
  const key = requireString(input.inputFileKey, 'inputFileKey', 1, 1024);
  const roleArn = requireString(input.roleArn, 'roleArn', 20, 2048);
  const labRole = `arn:aws:iam::${context.identity.accountId}:role/${LAB_ROLE_NAME}`;
  if (roleArn !== labRole)
    throw invalidRequest(`Unable to assume role ${roleArn}. In this lab the role is ${labRole}.`);
  parseTemplate(input.templateBody);
  // AWS: "Only one bulk registration operation task can run at a time (per account)."
  const running = context.store
    .listTasks()
    .find((task) => task.status === 'InProgress' || task.status === 'Cancelling');
  if (running)
    throw invalidRequest(
      `A thing registration task is already running (taskId ${running.id}). Only one can run at a time.`,
    );
  const taskId = randomUUID();
  context.store.insertTask({
    id: taskId,
    templateBody: input.templateBody,
    inputFileBucket: bucket,
    inputFileKey: key,
    roleArn,
    creationDate: context.now().getTime(),
  });
  context.runInBackground(() => runRegistrationTask(context, taskId));
  return { taskId };
}

export function DescribeThingRegistrationTask(
  context: IotContext,
  input: DescribeThingRegistrationTaskRequest,
): DescribeThingRegistrationTaskResponse {
  const task = requireTask(context, input.taskId);
  const output: DescribeThingRegistrationTaskResponse = {
    taskId: task.id,
    creationDate: new Date(task.creationDate),
    lastModifiedDate: new Date(task.lastModifiedDate),
    templateBody: task.templateBody,
    inputFileBucket: task.inputFileBucket,
    inputFileKey: task.inputFileKey,
    roleArn: task.roleArn,
    status: task.status,
    successCount: task.successCount,
    failureCount: task.failureCount,
    percentageProgress: task.percentageProgress,
  };
  if (task.message) output.message = task.message;
  return output;
}

export function ListThingRegistrationTasks(
  context: IotContext,
  input: ListThingRegistrationTasksRequest & { maxResults: number },
): ListThingRegistrationTasksResponse {
  if (input.status !== undefined && !TASK_STATUSES.includes(input.status)) {
    throw validationError(
      'status',
      input.status,
      `Member must satisfy enum value set: [${TASK_STATUSES.join(', ')}]`,
    );
  }
  const tasks = context.store.listTasks().filter((task) => !input.status || task.status === input.status);
  const page = paginate(tasks, (task) => `${sortableTime(task.creationDate)}:${task.id}`, {
    token: input.nextToken,
    limit: input.maxResults,
    descending: true,
  });
  return { taskIds: page.items.map((task) => task.id), ...(page.next && { nextToken: page.next }) };
}

/** A presigned GET of the local S3, on the address the caller reached the local cloud at. */
async function presignedReportUrl(
  context: IotContext,
  baseUrl: URL,
  location: { bucket: string; key: string },
): Promise<string> {
  const signer = new SignatureV4({
    service: 's3',
    region: context.identity.region,
    credentials: {
      accessKeyId: context.identity.accessKeyId,
      secretAccessKey: context.identity.secretAccessKey,
    },
    sha256: Sha256,
    uriEscapePath: false,
  });
  const path = `/${location.bucket}/${location.key.split('/').map(encodeURIComponent).join('/')}`;
  const request = new HttpRequest({
    method: 'GET',
    protocol: baseUrl.protocol,
    hostname: baseUrl.hostname,
    port: baseUrl.port ? Number(baseUrl.port) : undefined,
    path,
    headers: { host: baseUrl.host },
  });
  const signed = await signer.presign(request, {
    expiresIn: REPORT_LINK_SECONDS,
    signingDate: context.now(),
  });
  const query = Object.entries(signed.query ?? {})
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${baseUrl.protocol}//${baseUrl.host}${path}?${query}`;
}

/** Links appear once the task has ended (AWS: "try a few times until you get resourceLinks"). */
export async function ListThingRegistrationTaskReports(
  context: IotContext,
  input: ListThingRegistrationTaskReportsRequest & { maxResults: number },
  baseUrl: URL,
): Promise<ListThingRegistrationTaskReportsResponse> {
  const task = requireTask(context, input.taskId);
  if (!input.reportType) throw missingMember('reportType');
  if (input.reportType !== 'RESULTS' && input.reportType !== 'ERRORS') {
    throw validationError(
      'reportType',
      input.reportType,
      'Member must satisfy enum value set: [ERRORS, RESULTS]',
    );
  }
  const location = task.reports[input.reportType];
  const links = location ? [await presignedReportUrl(context, baseUrl, location)] : [];
  const page = paginate(links, (link) => link, { token: input.nextToken, limit: input.maxResults });
  return {
    resourceLinks: page.items,
    reportType: input.reportType,
    ...(page.next && { nextToken: page.next }),
  };
}

export function StopThingRegistrationTask(
  context: IotContext,
  input: StopThingRegistrationTaskRequest,
): StopThingRegistrationTaskResponse {
  const task = requireTask(context, input.taskId);
  if (task.status === 'InProgress') {
    context.store.updateTask(task.id, { ...task, status: 'Cancelling' }, context.now().getTime());
  }
  return {};
}
