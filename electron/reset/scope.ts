/**
 * What the instructor reset may delete, and nothing else: the names of the resources the lab creates,
 * per scope. This is the one place they are written (the README's "Instructor tools" lists them).
 *
 * A pattern is a resource name where `*` stands for any run of characters and `{account}` for the
 * account id (the lessons' `{{bucketSuffix}}`). Matching is exact and case-sensitive, as AWS names are.
 *
 * - `lab`: the names the lessons and the fleet create (lessons/NN-slug front matter, electron/stations/fleet),
 *   with this account's bucket suffix. A unit test checks every lesson resource matches.
 * - `all-tp`: the broader family every version of the TP uses (the original lab's text and scripts, where
 *   students chose their own suffixes and names, e.g. `IoT_warehouse_delievery_stream`), by common prefixes.
 */

import { LAB_WORK_GROUP } from '../aws/athena-work-group.js';

export type ResetScopeId = 'lab' | 'all-tp';

export interface ResetScope {
  id: ResetScopeId;
  /** Things by name; things of one of `thingTypes` are in scope too. */
  things: readonly string[];
  thingTypes: readonly string[];
  policies: readonly string[];
  topicRules: readonly string[];
  deliveryStreams: readonly string[];
  dynamoDbTables: readonly string[];
  /** Every table of these databases is in scope; so are the Athena named queries that use them. */
  glueDatabases: readonly string[];
  glueCrawlers: readonly string[];
  /** Athena work groups the app creates (deleted with their saved queries). */
  athenaWorkGroups: readonly string[];
  buckets: readonly string[];
}

/** The lessons' buckets: `iot-tutorial-<role>-{{bucketSuffix}}` (lessons/00-setup). */
const LAB_BUCKETS = [
  'iot-tutorial-things-template-{account}',
  'iot-tutorial-datalake-{account}',
  'iot-tutorial-athena-query-{account}',
  // Offline only: where the local cloud keeps the fleet's bulk-registration reports (AWS keeps its own).
  'iotlab-registration-reports-{account}',
];

export const RESET_SCOPES: Readonly<Record<ResetScopeId, ResetScope>> = {
  lab: {
    id: 'lab',
    // 01-first-thing's thing; the fleet's `weather-station_<N>` (electron/stations/fleet).
    things: ['my-first-thing', 'weather-station_*'],
    thingTypes: ['sensor'],
    policies: ['my-first-thing-policy', 'free_policy'],
    topicRules: ['weather_sensor_to_S3', 'weather_sensor_dynamoDB'],
    deliveryStreams: ['IoT_warehouse_delivery_stream'],
    dynamoDbTables: ['cold_weather_readings'],
    glueDatabases: ['weather_station_db'],
    glueCrawlers: ['weather_datalake_crawler'],
    athenaWorkGroups: [LAB_WORK_GROUP],
    buckets: LAB_BUCKETS,
  },
  'all-tp': {
    id: 'all-tp',
    things: ['my-first-thing*', 'weather-station*', 'weather_station*'],
    thingTypes: ['sensor'],
    policies: ['my-first-thing*', 'free_policy', 'weather*'],
    topicRules: ['weather_sensor*'],
    deliveryStreams: ['IoT_warehouse*'],
    dynamoDbTables: ['cold_weather*', 'weather*'],
    glueDatabases: ['weather_station*'],
    glueCrawlers: ['weather*'],
    athenaWorkGroups: [LAB_WORK_GROUP],
    buckets: ['iot-tutorial-*', 'iotlab-registration-reports-*'],
  },
};

export function isResetScopeId(value: unknown): value is ResetScopeId {
  return value === 'lab' || value === 'all-tp';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pattern as an anchored regular expression, `{account}` replaced by the account id. */
export function patternToRegExp(pattern: string, accountId: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => escapeRegExp(part.replaceAll('{account}', accountId)))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** Whether `name` matches one of `patterns` (an empty account id matches no `{account}` pattern). */
export function matchesAny(patterns: readonly string[], name: string, accountId: string): boolean {
  return patterns.some(
    (pattern) =>
      !(pattern.includes('{account}') && accountId === '') && patternToRegExp(pattern, accountId).test(name),
  );
}

/** A scope bound to one account: name tests per resource kind. */
export interface ScopeMatcher {
  scope: ResetScope;
  accountId: string;
  thing(name: string, thingTypeName?: string): boolean;
  thingType(name: string): boolean;
  policy(name: string): boolean;
  topicRule(name: string): boolean;
  deliveryStream(name: string): boolean;
  dynamoDbTable(name: string): boolean;
  glueDatabase(name: string): boolean;
  glueCrawler(name: string): boolean;
  athenaWorkGroup(name: string): boolean;
  bucket(name: string): boolean;
}

export function scopeMatcher(scopeId: ResetScopeId, accountId: string): ScopeMatcher {
  const scope = RESET_SCOPES[scopeId];
  const test = (patterns: readonly string[]) => (name: string) => matchesAny(patterns, name, accountId);
  const thingType = test(scope.thingTypes);
  const thingName = test(scope.things);
  return {
    scope,
    accountId,
    thing: (name, thingTypeName) =>
      thingName(name) || (thingTypeName !== undefined && thingType(thingTypeName)),
    thingType,
    policy: test(scope.policies),
    topicRule: test(scope.topicRules),
    deliveryStream: test(scope.deliveryStreams),
    dynamoDbTable: test(scope.dynamoDbTables),
    glueDatabase: test(scope.glueDatabases),
    glueCrawler: test(scope.glueCrawlers),
    athenaWorkGroup: test(scope.athenaWorkGroups),
    bucket: test(scope.buckets),
  };
}
