import {
  DeleteNamedQueryCommand,
  DeleteWorkGroupCommand,
  GetNamedQueryCommand,
  GetWorkGroupCommand,
  UpdateWorkGroupCommand,
} from '@aws-sdk/client-athena';
import { DeleteTableCommand as DeleteDynamoDbTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import {
  DeleteCrawlerCommand,
  DeleteDatabaseCommand,
  DeleteTableCommand as DeleteGlueTableCommand,
  GetCrawlerCommand,
  StopCrawlerCommand,
} from '@aws-sdk/client-glue';
import {
  DeleteCertificateCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteThingCommand,
  DeleteThingTypeCommand,
  DeleteTopicRuleCommand,
  DeprecateThingTypeCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  DescribeThingTypeCommand,
  DetachPolicyCommand,
  DetachThingPrincipalCommand,
  GetTopicRuleCommand,
  ListPolicyVersionsCommand,
  paginateListAttachedPolicies,
  paginateListPrincipalThings,
  paginateListTargetsForPolicy,
  paginateListThingPrincipals,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import {
  AbortMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
} from '@aws-sdk/client-s3';
import type {
  AccountResetReport,
  ResetInventory,
  ResetOutcome,
  ResetOutcomeStatus,
  ResetResource,
} from '../api/contract.js';
import { errorMessage, errorName } from '../aws/sdk-errors.js';
import { certificateIdOf, collect, type ResetClients } from './inventory.js';

/**
 * Deletes an inventory in its order, one resource at a time, and says what happened to each:
 * deleted, already gone (NotFound counts as done, so a second run is harmless), pending (AWS
 * finishes later), or failed with AWS's error. A dry run reports what would be done and calls
 * nothing that changes the account.
 */

export interface DeleteOptions {
  dryRun?: boolean;
  onProgress?: (outcome: ResetOutcome, done: number, total: number) => void;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** How long a running crawler may take to stop before its deletion is reported failed. */
  crawlerStopTimeoutMs?: number;
}

/** AWS: "Before you can delete a thing type, wait for five minutes after you deprecate it." */
export const THING_TYPE_DELETE_DELAY_MS = 5 * 60_000;

/** The errors that say the resource is not there (any service). */
const GONE = new Set([
  'ResourceNotFoundException',
  'EntityNotFoundException',
  'NoSuchBucket',
  'NotFoundException',
  'NotFound',
]);


export function isGone(error: unknown): boolean {
  return GONE.has(errorName(error) ?? '');
}

/** A resource's state after one step: what the deleter tells the report. */
type Done = { status: ResetOutcomeStatus; message?: string; retryAfter?: string };

interface DeleterContext {
  clients: ResetClients;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  crawlerStopTimeoutMs: number;
}

/**
 * AWS IoT detaches asynchronously ("it might take several seconds for the detachment to
 * propagate"): a deletion right after it may still see the attachment. Offline it never does.
 */
async function retryWhileAttached<T>(context: DeleterContext, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const conflict =
        errorName(error) === 'DeleteConflictException' ||
        (errorName(error) === 'InvalidRequestException' && /attached/i.test(errorMessage(error)));
      if (!conflict || attempt >= 5) throw error;
      await context.sleep(1000 * attempt);
    }
  }
}

async function deleteCrawler(context: DeleterContext, name: string): Promise<Done> {
  const glue = context.clients.glue();
  const { Crawler } = await glue.send(new GetCrawlerCommand({ Name: name }));
  if (Crawler?.State === 'RUNNING') {
    await glue.send(new StopCrawlerCommand({ Name: name })).catch((error: unknown) => {
      if (errorName(error) !== 'CrawlerNotRunningException') throw error;
    });
  }
  const deadline = context.now().getTime() + context.crawlerStopTimeoutMs;
  for (;;) {
    const { Crawler: current } = await glue.send(new GetCrawlerCommand({ Name: name }));
    if (current?.State !== 'RUNNING' && current?.State !== 'STOPPING') break;
    if (context.now().getTime() > deadline) {
      throw Object.assign(
        new Error(`The crawler ${name} is still ${current.State}: run the reset again later.`),
        {
          name: 'CrawlerRunningException',
        },
      );
    }
    await context.sleep(1000);
  }
  await glue.send(new DeleteCrawlerCommand({ Name: name }));
  return { status: 'deleted' };
}

async function deleteTopicRule(context: DeleterContext, name: string): Promise<Done> {
  const iot = context.clients.iot();
  // AWS answers DeleteTopicRule on a missing rule with UnauthorizedException: ask first.
  try {
    await iot.send(new GetTopicRuleCommand({ ruleName: name }));
  } catch (error) {
    if (isGone(error) || errorName(error) === 'UnauthorizedException') return { status: 'already-gone' };
    throw error;
  }
  await iot.send(new DeleteTopicRuleCommand({ ruleName: name }));
  return { status: 'deleted' };
}

async function deleteCertificate(context: DeleterContext, arn: string): Promise<Done> {
  const iot = context.clients.iot();
  const certificateId = certificateIdOf(arn);
  const { certificateDescription } = await iot.send(new DescribeCertificateCommand({ certificateId }));
  const policies = await collect(
    paginateListAttachedPolicies({ client: iot }, { target: arn }),
    (page) => page.policies,
  );
  for (const policy of policies) {
    await iot.send(new DetachPolicyCommand({ policyName: policy.policyName, target: arn }));
  }
  const things = await collect(
    paginateListPrincipalThings({ client: iot }, { principal: arn }),
    (page) => page.things,
  );
  for (const thingName of things) {
    await iot.send(new DetachThingPrincipalCommand({ thingName, principal: arn }));
  }
  if (certificateDescription?.status === 'ACTIVE') {
    await iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' }));
  }
  await retryWhileAttached(context, () =>
    iot.send(new DeleteCertificateCommand({ certificateId, forceDelete: false })),
  );
  const detached = [
    ...(policies.length ? [`${policies.length} polic${policies.length === 1 ? 'y' : 'ies'}`] : []),
    ...(things.length ? [`${things.length} thing${things.length === 1 ? '' : 's'}`] : []),
  ];
  return {
    status: 'deleted',
    message:
      [
        detached.length ? `detached ${detached.join(' and ')}` : '',
        certificateDescription?.status === 'ACTIVE' ? 'deactivated' : '',
      ]
        .filter(Boolean)
        .join(', ') || undefined,
  };
}

async function deleteThing(context: DeleterContext, name: string): Promise<Done> {
  const iot = context.clients.iot();
  // AWS: DeleteThing on a missing thing succeeds; ask first to tell "already gone" apart.
  await iot.send(new DescribeThingCommand({ thingName: name }));
  const principals = await collect(
    paginateListThingPrincipals({ client: iot }, { thingName: name }),
    (page) => page.principals,
  );
  for (const principal of principals) {
    await iot.send(new DetachThingPrincipalCommand({ thingName: name, principal }));
  }
  await retryWhileAttached(context, () => iot.send(new DeleteThingCommand({ thingName: name })));
  return { status: 'deleted' };
}

async function deleteThingType(context: DeleterContext, name: string): Promise<Done> {
  const iot = context.clients.iot();
  const described = await iot.send(new DescribeThingTypeCommand({ thingTypeName: name }));
  let deprecatedAt = described.thingTypeMetadata?.deprecationDate;
  if (!described.thingTypeMetadata?.deprecated || !deprecatedAt) {
    await iot.send(new DeprecateThingTypeCommand({ thingTypeName: name }));
    deprecatedAt = context.now();
  }
  const retryAfter = new Date(deprecatedAt.getTime() + THING_TYPE_DELETE_DELAY_MS);
  if (retryAfter.getTime() > context.now().getTime()) {
    return {
      status: 'pending',
      retryAfter: retryAfter.toISOString(),
      message: `deprecated: AWS deletes a thing type 5 minutes after its deprecation; run the reset again after ${retryAfter.toISOString()}`,
    };
  }
  await iot.send(new DeleteThingTypeCommand({ thingTypeName: name }));
  return { status: 'deleted' };
}

async function deletePolicy(context: DeleterContext, name: string): Promise<Done> {
  const iot = context.clients.iot();
  const targets = await collect(
    paginateListTargetsForPolicy({ client: iot }, { policyName: name }),
    (page) => page.targets,
  );
  if (targets.length > 0) {
    // Attached since the inventory was taken: detaching it would change something outside the scope.
    throw Object.assign(
      new Error(
        `The policy is attached to ${targets.length} target(s) now (${targets[0]}): it was left in place.`,
      ),
      { name: 'DeleteConflictException' },
    );
  }
  const { policyVersions } = await iot.send(new ListPolicyVersionsCommand({ policyName: name }));
  const older = (policyVersions ?? []).filter((version) => !version.isDefaultVersion && version.versionId);
  for (const version of older) {
    await iot.send(new DeletePolicyVersionCommand({ policyName: name, policyVersionId: version.versionId }));
  }
  await retryWhileAttached(context, () => iot.send(new DeletePolicyCommand({ policyName: name })));
  return older.length
    ? { status: 'deleted', message: `and ${older.length} older version(s)` }
    : { status: 'deleted' };
}

async function deleteNamedQuery(context: DeleterContext, id: string): Promise<Done> {
  const athena = context.clients.athena();
  try {
    await athena.send(new GetNamedQueryCommand({ NamedQueryId: id }));
  } catch (error) {
    // Athena answers a missing id with InvalidRequestException.
    if (isGone(error) || errorName(error) === 'InvalidRequestException') return { status: 'already-gone' };
    throw error;
  }
  await athena.send(new DeleteNamedQueryCommand({ NamedQueryId: id }));
  return { status: 'deleted' };
}

async function deleteWorkGroup(context: DeleterContext, name: string): Promise<Done> {
  try {
    // Recursive: with its saved queries (those of the scope were deleted just before).
    await context.clients.athena().send(new DeleteWorkGroupCommand({ WorkGroup: name, RecursiveDeleteOption: true }));
  } catch (error) {
    // Athena answers a missing work group with InvalidRequestException ("WorkGroup … is not found").
    if (errorName(error) === 'InvalidRequestException' && /not found/i.test(errorMessage(error))) {
      return { status: 'already-gone' };
    }
    throw error;
  }
  return { status: 'deleted' };
}

async function clearResultLocation(context: DeleterContext, resource: ResetResource): Promise<Done> {
  const athena = context.clients.athena();
  const workGroup = resource.parent ?? resource.name;
  const { WorkGroup } = await athena.send(new GetWorkGroupCommand({ WorkGroup: workGroup }));
  if (WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation !== resource.state)
    return { status: 'already-gone' };
  await athena.send(
    new UpdateWorkGroupCommand({
      WorkGroup: workGroup,
      ConfigurationUpdates: { ResultConfigurationUpdates: { RemoveOutputLocation: true } },
    }),
  );
  return { status: 'updated', message: `no query result location any more (was ${resource.state})` };
}

/** Deletes every object (every version) in batches of 1,000, the most DeleteObjects takes. */
async function emptyBucket(context: DeleterContext, bucket: string): Promise<number> {
  const s3 = context.clients.s3();
  const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  const versioned = Status === 'Enabled' || Status === 'Suspended';
  let deleted = 0;
  const deleteBatch = async (objects: ObjectIdentifier[]): Promise<void> => {
    if (objects.length === 0) return;
    const answer = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }),
    );
    const failure = answer.Errors?.[0];
    if (failure) {
      throw Object.assign(new Error(`${failure.Key}: ${failure.Message ?? failure.Code}`), {
        name: failure.Code ?? 'S3Error',
      });
    }
    deleted += objects.length;
  };
  // Each listing starts over: the previous batch is gone, so the first page is always what is left.
  for (;;) {
    let batch: ObjectIdentifier[];
    if (versioned) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000 }));
      batch = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((version) => ({
        Key: version.Key,
        VersionId: version.VersionId,
      }));
    } else {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
      batch = (page.Contents ?? []).map((object) => ({ Key: object.Key }));
    }
    if (batch.length === 0) break;
    await deleteBatch(batch.slice(0, 1000));
  }
  const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  for (const upload of uploads.Uploads ?? []) {
    await s3.send(
      new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }),
    );
  }
  return deleted;
}

async function deleteBucket(context: DeleterContext, bucket: string): Promise<Done> {
  const objects = await emptyBucket(context, bucket);
  await context.clients.s3().send(new DeleteBucketCommand({ Bucket: bucket }));
  return { status: 'deleted', message: objects ? `emptied first: ${objects} object(s) deleted` : undefined };
}

async function deleteResource(context: DeleterContext, resource: ResetResource): Promise<Done> {
  const { clients } = context;
  switch (resource.kind) {
    case 'glue-crawler':
      return deleteCrawler(context, resource.name);
    case 'glue-table':
      await clients
        .glue()
        .send(new DeleteGlueTableCommand({ DatabaseName: resource.parent, Name: resource.id }));
      return { status: 'deleted' };
    case 'glue-database':
      await clients.glue().send(new DeleteDatabaseCommand({ Name: resource.name }));
      return { status: 'deleted' };
    case 'topic-rule':
      return deleteTopicRule(context, resource.name);
    case 'certificate':
      return deleteCertificate(context, resource.id ?? resource.name);
    case 'thing':
      return deleteThing(context, resource.name);
    case 'thing-type':
      return deleteThingType(context, resource.name);
    case 'iot-policy':
      return deletePolicy(context, resource.name);
    case 'delivery-stream':
      await clients.firehose().send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: resource.name }));
      return { status: 'deleted' };
    case 'dynamodb-table':
      await clients.dynamodb().send(new DeleteDynamoDbTableCommand({ TableName: resource.name }));
      return { status: 'deleted' };
    case 'athena-named-query':
      return deleteNamedQuery(context, resource.id ?? resource.name);
    case 'athena-work-group':
      return deleteWorkGroup(context, resource.name);
    case 'athena-result-location':
      return clearResultLocation(context, resource);
    case 's3-bucket':
      return deleteBucket(context, resource.name);
  }
}

/** What a dry run says it would do. */
function plannedStatus(resource: ResetResource): ResetOutcomeStatus {
  return resource.kind === 'athena-result-location' ? 'would-update' : 'would-delete';
}

/** Resources already being deleted (a previous run asked; AWS is finishing). */
function alreadyDeleting(resource: ResetResource): boolean {
  return resource.state === 'DELETING';
}

export async function deleteInventory(
  clients: ResetClients,
  inventory: ResetInventory,
  options: DeleteOptions = {},
): Promise<AccountResetReport> {
  const now = options.now ?? (() => new Date());
  const context: DeleterContext = {
    clients,
    now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    crawlerStopTimeoutMs: options.crawlerStopTimeoutMs ?? 5 * 60_000,
  };
  const startedAt = now().toISOString();
  const outcomes: ResetOutcome[] = [];
  const total = inventory.resources.length;
  for (const resource of inventory.resources) {
    let outcome: ResetOutcome;
    if (options.dryRun) {
      outcome = { resource, status: plannedStatus(resource) };
    } else if (alreadyDeleting(resource)) {
      outcome = { resource, status: 'pending', message: 'already being deleted' };
    } else {
      try {
        const done = await deleteResource(context, resource);
        outcome = { resource, ...done };
        if (outcome.message === undefined) delete outcome.message;
      } catch (error) {
        outcome = isGone(error)
          ? { resource, status: 'already-gone' }
          : { resource, status: 'failed', errorCode: errorName(error) ?? 'Error', message: errorMessage(error) };
      }
    }
    outcomes.push(outcome);
    options.onProgress?.(outcome, outcomes.length, total);
  }
  return {
    accountId: inventory.accountId,
    region: inventory.region,
    scope: inventory.scope,
    label: inventory.label,
    dryRun: options.dryRun ?? false,
    startedAt,
    finishedAt: now().toISOString(),
    outcomes,
    kept: inventory.kept,
  };
}

/** How many outcomes have each status. */
export function countOutcomes(
  report: Pick<AccountResetReport, 'outcomes'>,
): Record<ResetOutcomeStatus, number> {
  const counts: Record<ResetOutcomeStatus, number> = {
    deleted: 0,
    updated: 0,
    'already-gone': 0,
    pending: 0,
    failed: 0,
    'would-delete': 0,
    'would-update': 0,
  };
  for (const outcome of report.outcomes) counts[outcome.status] += 1;
  return counts;
}
