import {
  BatchGetNamedQueryCommand,
  GetWorkGroupCommand,
  paginateListNamedQueries,
  paginateListWorkGroups,
} from '@aws-sdk/client-athena';
import { DescribeTableCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import { DescribeDeliveryStreamCommand, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { paginateGetCrawlers, paginateGetDatabases, paginateGetTables } from '@aws-sdk/client-glue';
import {
  DescribeCertificateCommand,
  paginateListPolicies,
  paginateListPrincipalThings,
  paginateListTargetsForPolicy,
  paginateListThingPrincipals,
  paginateListThings,
  paginateListThingTypes,
  paginateListTopicRules,
} from '@aws-sdk/client-iot';
import {
  GetBucketVersioningCommand,
  ListObjectVersionsCommand,
  paginateListBuckets,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { ResetInventory, ResetKept, ResetResource, ResetScopeId } from '../api/contract.js';
import type { CloudClients } from '../aws/client-factory.js';
import { scopeMatcher, type ScopeMatcher } from './scope.js';

/**
 * The inventory: every resource of the scope in one account, read through the SDK clients only
 * (List/Describe/Get calls: an inventory changes nothing). Resources come out in the order the reset
 * deletes them, each naming what must go before it.
 */

/** The SDK clients the reset uses, all from the client factory (electron/aws/client-factory.ts). */
export type ResetClients = Pick<
  CloudClients,
  'iot' | 's3' | 'firehose' | 'dynamodb' | 'glue' | 'athena' | 'sts'
>;

export const resourceKey = (resource: Pick<ResetResource, 'kind' | 'name' | 'id'>): string =>
  `${resource.kind}:${resource.id ?? resource.name}`;

/** Every item of every page of an SDK paginator. */
export async function collect<Page, Item>(
  pages: AsyncIterable<Page>,
  items: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

/** The certificate id at the end of `arn:aws:iot:<region>:<account>:cert/<id>`. */
export function certificateIdOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

const isCertificateArn = (arn: string): boolean => /^arn:aws[\w-]*:iot:[^:]*:\d*:cert\/[0-9a-f]+$/.test(arn);

/** `s3://bucket/prefix/` → `bucket`. */
export function bucketOfLocation(location: string): string | undefined {
  return /^s3:\/\/([^/]+)/.exec(location)?.[1];
}

async function glueInventory(clients: ResetClients, scope: ScopeMatcher): Promise<ResetResource[]> {
  const glue = clients.glue();
  const crawlers = (await collect(paginateGetCrawlers({ client: glue }, {}), (page) => page.Crawlers))
    .filter((crawler) => crawler.Name && scope.glueCrawler(crawler.Name))
    .map((crawler): ResetResource => ({
      kind: 'glue-crawler',
      service: 'glue',
      name: crawler.Name!,
      state: crawler.State,
    }));
  const databases = (await collect(paginateGetDatabases({ client: glue }, {}), (page) => page.DatabaseList))
    .map((database) => database.Name ?? '')
    .filter((name) => name !== '' && scope.glueDatabase(name));
  const tables: ResetResource[] = [];
  const databaseResources: ResetResource[] = [];
  for (const database of databases) {
    const names = (
      await collect(paginateGetTables({ client: glue }, { DatabaseName: database }), (page) => page.TableList)
    ).map((table) => table.Name ?? '');
    const own = names.map((name): ResetResource => ({
      kind: 'glue-table',
      service: 'glue',
      name: `${database}.${name}`,
      id: name,
      parent: database,
      after: crawlers.map(resourceKey),
    }));
    tables.push(...own);
    databaseResources.push({
      kind: 'glue-database',
      service: 'glue',
      name: database,
      after: own.map(resourceKey),
    });
  }
  return [...crawlers, ...tables, ...databaseResources];
}

interface IotInventory {
  rules: ResetResource[];
  certificates: ResetResource[];
  things: ResetResource[];
  thingTypes: ResetResource[];
  policies: ResetResource[];
  kept: ResetKept[];
}

async function iotInventory(clients: ResetClients, scope: ScopeMatcher): Promise<IotInventory> {
  const iot = clients.iot();
  const kept: ResetKept[] = [];
  const rules = (await collect(paginateListTopicRules({ client: iot }, {}), (page) => page.rules))
    .filter((rule) => rule.ruleName && scope.topicRule(rule.ruleName))
    .map((rule): ResetResource => ({
      kind: 'topic-rule',
      service: 'iot',
      name: rule.ruleName!,
      state: rule.ruleDisabled ? 'DISABLED' : 'ENABLED',
    }));

  const thingTypes = (await collect(paginateListThingTypes({ client: iot }, {}), (page) => page.thingTypes))
    .filter((type) => type.thingTypeName && scope.thingType(type.thingTypeName))
    .map((type): ResetResource => ({
      kind: 'thing-type',
      service: 'iot',
      name: type.thingTypeName!,
      state: type.thingTypeMetadata?.deprecated ? 'DEPRECATED' : 'ACTIVE',
    }));
  const thingsListed = (await collect(paginateListThings({ client: iot }, {}), (page) => page.things)).filter(
    (thing) => thing.thingName && scope.thing(thing.thingName, thing.thingTypeName),
  );
  const policyNames = (await collect(paginateListPolicies({ client: iot }, {}), (page) => page.policies))
    .map((policy) => policy.policyName ?? '')
    .filter((name) => name !== '' && scope.policy(name));
  const thingNames = new Set(thingsListed.map((thing) => thing.thingName!));

  // Certificates: those of the scope's things and policies, unless a thing outside the scope uses them.
  const principalsOfThing = new Map<string, string[]>();
  for (const name of thingNames) {
    const principals = await collect(
      paginateListThingPrincipals({ client: iot }, { thingName: name }),
      (page) => page.principals,
    );
    principalsOfThing.set(name, principals.filter(isCertificateArn));
  }
  const targetsOfPolicy = new Map<string, string[]>();
  for (const name of policyNames) {
    targetsOfPolicy.set(
      name,
      await collect(
        paginateListTargetsForPolicy({ client: iot }, { policyName: name }),
        (page) => page.targets,
      ),
    );
  }
  const candidates = new Set([
    ...[...principalsOfThing.values()].flat(),
    ...[...targetsOfPolicy.values()].flat().filter(isCertificateArn),
  ]);
  const certificates: ResetResource[] = [];
  const deletedCertificates = new Set<string>();
  for (const arn of [...candidates].sort()) {
    const id = certificateIdOf(arn);
    const things = await collect(
      paginateListPrincipalThings({ client: iot }, { principal: arn }),
      (page) => page.things,
    );
    const status = await iot
      .send(new DescribeCertificateCommand({ certificateId: id }))
      .then((answer) => answer.certificateDescription?.status)
      .catch(() => undefined);
    const resource: ResetResource = { kind: 'certificate', service: 'iot', name: id, id: arn, state: status };
    const outsider = things.find((thing) => !thingNames.has(thing));
    if (outsider) {
      kept.push({ resource, reason: `also attached to the thing ${outsider}, outside the scope` });
      continue;
    }
    certificates.push(resource);
    deletedCertificates.add(arn);
  }

  const things = thingsListed.map((thing): ResetResource => ({
    kind: 'thing',
    service: 'iot',
    name: thing.thingName!,
    ...(thing.thingTypeName ? { parent: thing.thingTypeName } : {}),
    after: (principalsOfThing.get(thing.thingName!) ?? [])
      .filter((arn) => deletedCertificates.has(arn))
      .map((arn) => `certificate:${arn}`),
  }));
  for (const type of thingTypes) {
    type.after = things.filter((thing) => thing.parent === type.name).map(resourceKey);
  }

  const policies: ResetResource[] = [];
  for (const name of policyNames) {
    const targets = targetsOfPolicy.get(name) ?? [];
    const resource: ResetResource = {
      kind: 'iot-policy',
      service: 'iot',
      name,
      after: targets.filter((arn) => deletedCertificates.has(arn)).map((arn) => `certificate:${arn}`),
    };
    const outsider = targets.find((target) => !deletedCertificates.has(target));
    if (outsider) {
      kept.push({
        resource,
        reason: `attached to ${isCertificateArn(outsider) ? `the certificate ${certificateIdOf(outsider)}` : outsider}, outside the scope`,
      });
      continue;
    }
    policies.push(resource);
  }
  return { rules, certificates, things, thingTypes, policies, kept };
}

async function firehoseInventory(clients: ResetClients, scope: ScopeMatcher): Promise<ResetResource[]> {
  const firehose = clients.firehose();
  const names: string[] = [];
  let start: string | undefined;
  for (;;) {
    const page = await firehose.send(
      new ListDeliveryStreamsCommand({ ExclusiveStartDeliveryStreamName: start }),
    );
    names.push(...(page.DeliveryStreamNames ?? []));
    if (!page.HasMoreDeliveryStreams || names.length === 0) break;
    start = names.at(-1);
  }
  const streams: ResetResource[] = [];
  for (const name of names.filter((candidate) => scope.deliveryStream(candidate))) {
    const state = await firehose
      .send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))
      .then((answer) => answer.DeliveryStreamDescription?.DeliveryStreamStatus)
      .catch(() => undefined);
    streams.push({ kind: 'delivery-stream', service: 'firehose', name, state });
  }
  return streams;
}

async function dynamoDbInventory(clients: ResetClients, scope: ScopeMatcher): Promise<ResetResource[]> {
  const dynamodb = clients.dynamodb();
  const names = await collect(paginateListTables({ client: dynamodb }, {}), (page) => page.TableNames);
  const tables: ResetResource[] = [];
  for (const name of names.filter((candidate) => scope.dynamoDbTable(candidate))) {
    const table = await dynamodb
      .send(new DescribeTableCommand({ TableName: name }))
      .then((answer) => answer.Table)
      .catch(() => undefined);
    tables.push({
      kind: 'dynamodb-table',
      service: 'dynamodb',
      name,
      state: table?.TableStatus,
      ...(table?.ItemCount !== undefined ? { objects: table.ItemCount } : {}),
    });
  }
  return tables;
}

async function athenaInventory(
  clients: ResetClients,
  scope: ScopeMatcher,
  databases: ReadonlySet<string>,
): Promise<ResetResource[]> {
  const athena = clients.athena();
  const workGroups = (
    await collect(paginateListWorkGroups({ client: athena }, {}), (page) => page.WorkGroups)
  )
    .map((group) => group.Name ?? '')
    .filter((name) => name !== '');
  const queries: ResetResource[] = [];
  const groups: ResetResource[] = [];
  const locations: ResetResource[] = [];
  for (const workGroup of workGroups) {
    const ids = await collect(
      paginateListNamedQueries({ client: athena }, { WorkGroup: workGroup }),
      (page) => page.NamedQueryIds,
    );
    // AWS: BatchGetNamedQuery takes at most 50 ids.
    for (let index = 0; index < ids.length; index += 50) {
      const batch = await athena.send(
        new BatchGetNamedQueryCommand({ NamedQueryIds: ids.slice(index, index + 50) }),
      );
      for (const query of batch.NamedQueries ?? []) {
        if (!query.NamedQueryId || !query.Database) continue;
        if (!databases.has(query.Database) && !scope.glueDatabase(query.Database)) continue;
        queries.push({
          kind: 'athena-named-query',
          service: 'athena',
          name: query.Name ?? query.NamedQueryId,
          id: query.NamedQueryId,
          parent: workGroup,
        });
      }
    }
    if (scope.athenaWorkGroup(workGroup)) {
      // The app's own work group goes whole (its result location with it).
      groups.push({ kind: 'athena-work-group', service: 'athena', name: workGroup });
      continue;
    }
    const { WorkGroup } = await athena.send(new GetWorkGroupCommand({ WorkGroup: workGroup }));
    const location = WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation;
    const bucket = location ? bucketOfLocation(location) : undefined;
    if (location && bucket && scope.bucket(bucket)) {
      locations.push({
        kind: 'athena-result-location',
        service: 'athena',
        name: workGroup,
        id: `${workGroup}:${location}`,
        parent: workGroup,
        state: location,
      });
    }
  }
  return [...queries, ...groups, ...locations];
}

/** Counts a bucket's objects and bytes: every version when versioning was ever enabled. */
async function bucketContents(
  clients: ResetClients,
  bucket: string,
): Promise<{ objects: number; bytes: number; versioned: boolean }> {
  const s3 = clients.s3();
  const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  let objects = 0;
  let bytes = 0;
  if (Status === 'Enabled' || Status === 'Suspended') {
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (;;) {
      const page = await s3.send(
        new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker, VersionIdMarker }),
      );
      for (const version of page.Versions ?? []) {
        objects += 1;
        bytes += version.Size ?? 0;
      }
      objects += page.DeleteMarkers?.length ?? 0;
      if (!page.IsTruncated) break;
      KeyMarker = page.NextKeyMarker;
      VersionIdMarker = page.NextVersionIdMarker;
    }
    return { objects, bytes, versioned: true };
  }
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket })) {
    for (const object of page.Contents ?? []) {
      objects += 1;
      bytes += object.Size ?? 0;
    }
  }
  return { objects, bytes, versioned: false };
}

async function s3Inventory(
  clients: ResetClients,
  scope: ScopeMatcher,
  writers: ResetResource[],
): Promise<ResetResource[]> {
  const names = (await collect(paginateListBuckets({ client: clients.s3() }, {}), (page) => page.Buckets))
    .map((bucket) => bucket.Name ?? '')
    .filter((name) => name !== '' && scope.bucket(name));
  const buckets: ResetResource[] = [];
  for (const name of names) {
    const contents = await bucketContents(clients, name);
    buckets.push({
      kind: 's3-bucket',
      service: 's3',
      name,
      objects: contents.objects,
      bytes: contents.bytes,
      ...(contents.versioned ? { state: 'VERSIONED' } : {}),
      // What writes into buckets goes first, so nothing lands in a bucket being emptied.
      after: writers.map(resourceKey),
    });
  }
  return buckets;
}

export interface InventoryOptions {
  scope: ResetScopeId;
  /** How the account is named in reports (`local cloud`, `profile class-a`). */
  label: string;
  now?: () => Date;
}

/**
 * Lists the scope's resources in the account the clients reach. The account id comes from STS, so
 * `{account}` patterns match the account actually reached.
 */
export async function takeInventory(
  clients: ResetClients,
  options: InventoryOptions,
): Promise<ResetInventory> {
  const now = options.now ?? (() => new Date());
  const identity = await clients.sts().send(new GetCallerIdentityCommand({}));
  const accountId = identity.Account ?? '';
  const region = await clients.sts().config.region();
  const scope = scopeMatcher(options.scope, accountId);

  const glue = await glueInventory(clients, scope);
  const iot = await iotInventory(clients, scope);
  const streams = await firehoseInventory(clients, scope);
  const tables = await dynamoDbInventory(clients, scope);
  const databases = new Set(
    glue.filter((resource) => resource.kind === 'glue-database').map((resource) => resource.name),
  );
  const athena = await athenaInventory(clients, scope, databases);
  const crawlers = glue.filter((resource) => resource.kind === 'glue-crawler');
  const buckets = await s3Inventory(clients, scope, [...iot.rules, ...streams, ...crawlers]);

  return {
    accountId,
    region,
    scope: options.scope,
    label: options.label,
    takenAt: now().toISOString(),
    // The deletion order (electron/reset/README.md).
    resources: [
      ...glue,
      ...iot.rules,
      ...iot.certificates,
      ...iot.things,
      ...iot.thingTypes,
      ...iot.policies,
      ...streams,
      ...tables,
      ...athena,
      ...buckets,
    ],
    kept: iot.kept,
  };
}
