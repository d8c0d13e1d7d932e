import { UpdateWorkGroupCommand } from '@aws-sdk/client-athena';
import { DeleteTableCommand as DeleteDynamoTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import {
  DeleteCrawlerCommand,
  DeleteDatabaseCommand,
  DeleteTableCommand as DeleteGlueTableCommand,
  GetTablesCommand,
  UpdateCrawlerCommand,
  type UpdateCrawlerRequest,
} from '@aws-sdk/client-glue';
import {
  DeleteCertificateCommand,
  DeletePolicyCommand,
  DeleteThingCommand,
  DeleteThingTypeCommand,
  DeleteTopicRuleCommand,
  DeprecateThingTypeCommand,
  DetachPolicyCommand,
  DetachThingPrincipalCommand,
  ListAttachedPoliciesCommand,
  ListPrincipalThingsCommand,
  ListTargetsForPolicyCommand,
  ListThingPrincipalsCommand,
  ReplaceTopicRuleCommand,
  UpdateCertificateCommand,
  type TopicRulePayload,
} from '@aws-sdk/client-iot';
import { DeleteBucketCommand } from '@aws-sdk/client-s3';
import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import type { KeptReason, LessonResource, ResetReport } from '../api/contract.js';
import { errorMessage, errorName, type StepContext } from './context.js';
import type { TrackedRow } from './progress.js';

/**
 * Undoing a step's "Do it for me": what it created is deleted, what it changed is put back, what it
 * started is stopped — through the SDK, in reverse order. Nothing it did not create is touched: a
 * bucket that now holds objects, a policy someone else attached, stay, and the report says why.
 */

export type ResetOutcome = 'removed' | 'restored' | 'skipped' | { kept: KeptReason; message?: string };

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NoSuchBucket',
  'NotFound',
  'EntityNotFoundException',
]);

const isNotFound = (error: unknown): boolean => NOT_FOUND.has(errorName(error) ?? '');

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

async function removeCertificate(context: StepContext, row: TrackedRow): Promise<ResetOutcome> {
  const certificateId = text(row.data?.certificateId);
  const arn = text(row.data?.certificateArn);
  const iot = context.clients.iot();
  const [things, policies] = await Promise.all([
    iot.send(new ListPrincipalThingsCommand({ principal: arn })),
    iot.send(new ListAttachedPoliciesCommand({ target: arn })),
  ]);
  if ((things.things ?? []).length > 0 || (policies.policies ?? []).length > 0) {
    const attached = [
      ...(things.things ?? []),
      ...(policies.policies ?? []).map((policy) => policy.policyName ?? ''),
    ];
    return { kept: 'in-use', message: `still attached to ${attached.join(', ')}` };
  }
  await iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' }));
  await iot.send(new DeleteCertificateCommand({ certificateId }));
  return 'removed';
}

async function removeThing(context: StepContext, name: string): Promise<ResetOutcome> {
  const { principals = [] } = await context.clients
    .iot()
    .send(new ListThingPrincipalsCommand({ thingName: name }));
  if (principals.length > 0)
    return { kept: 'in-use', message: `${principals.length} certificate(s) still attached` };
  await context.clients.iot().send(new DeleteThingCommand({ thingName: name }));
  return 'removed';
}

async function removePolicy(context: StepContext, name: string): Promise<ResetOutcome> {
  const { targets = [] } = await context.clients
    .iot()
    .send(new ListTargetsForPolicyCommand({ policyName: name }));
  if (targets.length > 0) return { kept: 'in-use', message: `attached to ${targets.length} certificate(s)` };
  await context.clients.iot().send(new DeletePolicyCommand({ policyName: name }));
  return 'removed';
}

async function removeGlueDatabase(context: StepContext, name: string): Promise<ResetOutcome> {
  const { TableList = [] } = await context.clients.glue().send(new GetTablesCommand({ DatabaseName: name }));
  if (TableList.length > 0)
    return { kept: 'not-empty', message: TableList.map((table) => table.Name).join(', ') };
  await context.clients.glue().send(new DeleteDatabaseCommand({ Name: name }));
  return 'removed';
}

function removeDeviceFiles(row: TrackedRow): ResetOutcome {
  const files = Array.isArray(row.data?.files)
    ? row.data.files.filter((file): file is string => typeof file === 'string')
    : [];
  for (const file of files) rmSync(file, { force: true });
  const folder = text(row.data?.folder);
  if (row.data?.removeFolder === true && folder) {
    try {
      if (readdirSync(folder).length === 0) rmdirSync(folder);
    } catch {
      // Already gone.
    }
  }
  return 'removed';
}

async function undo(context: StepContext, row: TrackedRow): Promise<ResetOutcome> {
  const iot = context.clients.iot();
  if (row.action === 'updated') {
    const previous = (row.data?.previous ?? {}) as Record<string, unknown>;
    switch (row.kind) {
      case 'topic-rule':
        await iot.send(
          new ReplaceTopicRuleCommand({
            ruleName: row.name,
            topicRulePayload: previous as unknown as TopicRulePayload,
          }),
        );
        return 'restored';
      case 'glue-crawler': {
        // Only what "Do it for me" changed is put back: the whole definition, or only the Configuration.
        const { Configuration, ...definition } = previous as Omit<UpdateCrawlerRequest, 'Name'>;
        await context.clients.glue().send(
          new UpdateCrawlerCommand({
            Name: row.name,
            ...definition,
            Configuration: Configuration || '{"Version":1.0}',
          }),
        );
        return 'restored';
      }
      case 'athena-workgroup': {
        const location = text(previous.OutputLocation);
        await context.clients.athena().send(
          new UpdateWorkGroupCommand({
            WorkGroup: row.name,
            ConfigurationUpdates: {
              ResultConfigurationUpdates: location
                ? { OutputLocation: location }
                : { RemoveOutputLocation: true },
            },
          }),
        );
        return 'restored';
      }
      default:
        return 'skipped';
    }
  }
  if (row.action === 'started') {
    if (row.kind === 'publish-loop')
      return (await context.background.stop(text(row.data?.key))) ? 'removed' : 'skipped';
    if (row.kind === 'replay') {
      const status = context.replay.status();
      if ((status.state === 'running' || status.state === 'paused') && status.settings?.topic === row.name) {
        await context.replay.stop();
        return 'removed';
      }
    }
    return 'skipped';
  }
  switch (row.kind) {
    case 'bucket':
      try {
        await context.clients.s3().send(new DeleteBucketCommand({ Bucket: row.name }));
        return 'removed';
      } catch (error) {
        if (errorName(error) === 'BucketNotEmpty') return { kept: 'not-empty' };
        throw error;
      }
    case 'thing':
      return removeThing(context, row.name);
    case 'thing-type':
      await iot.send(new DeprecateThingTypeCommand({ thingTypeName: row.name }));
      await iot.send(new DeleteThingTypeCommand({ thingTypeName: row.name }));
      return 'removed';
    case 'certificate':
      return removeCertificate(context, row);
    case 'thing-principal':
      await iot.send(
        new DetachThingPrincipalCommand({
          thingName: text(row.data?.thingName),
          principal: text(row.data?.principal),
        }),
      );
      return 'removed';
    case 'policy':
      return removePolicy(context, row.name);
    case 'policy-attachment':
      await iot.send(
        new DetachPolicyCommand({ policyName: text(row.data?.policyName), target: text(row.data?.target) }),
      );
      return 'removed';
    case 'device-files':
      return removeDeviceFiles(row);
    case 'topic-rule':
      await iot.send(new DeleteTopicRuleCommand({ ruleName: row.name }));
      return 'removed';
    case 'delivery-stream':
      await context.clients
        .firehose()
        .send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: row.name }));
      return 'removed';
    case 'dynamodb-table':
      await context.clients.dynamodb().send(new DeleteDynamoTableCommand({ TableName: row.name }));
      return 'removed';
    case 'glue-database':
      return removeGlueDatabase(context, row.name);
    case 'glue-crawler':
      await context.clients.glue().send(new DeleteCrawlerCommand({ Name: row.name }));
      return 'removed';
    case 'catalog-table':
      await context.clients
        .glue()
        .send(
          new DeleteGlueTableCommand({ DatabaseName: text(row.data?.database), Name: text(row.data?.table) }),
        );
      return 'removed';
    default:
      // Query executions and crawler runs are history, not something to delete.
      return 'skipped';
  }
}

/** Undoes rows newest first; `onDone` is told which rows are settled (removed, restored, gone or skipped). */
export async function undoTracked(
  context: StepContext,
  rows: readonly TrackedRow[],
  onDone: (row: TrackedRow) => void,
): Promise<ResetReport> {
  const report: ResetReport = { removed: [], restored: [], kept: [] };
  for (const row of [...rows].reverse()) {
    const resource: LessonResource = { kind: row.kind, name: row.name };
    let outcome: ResetOutcome;
    try {
      outcome = await undo(context, row);
    } catch (error) {
      outcome = isNotFound(error) ? 'skipped' : { kept: 'error', message: errorMessage(error) };
    }
    if (outcome === 'removed') report.removed.push(resource);
    else if (outcome === 'restored') report.restored.push(resource);
    else if (outcome !== 'skipped') {
      report.kept.push({
        resource,
        reason: outcome.kept,
        ...(outcome.message ? { message: outcome.message } : {}),
      });
      continue;
    }
    onDone(row);
  }
  return report;
}
