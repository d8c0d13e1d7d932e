import { describe, expect, it } from 'vitest';
import { defaultLessonsDir, loadLessons } from '../lessons/loader.js';
import { SAMPLE_VALUES, substituteDeep } from '../lessons/placeholders.js';
import { matchesAny, patternToRegExp, scopeMatcher } from './scope.js';

const ACCOUNT = SAMPLE_VALUES.accountId;

describe('scope patterns', () => {
  it.each([
    ['weather-station_*', 'weather-station_0', true],
    ['weather-station_*', 'weather-station-b_0', false],
    ['weather-station_*', 'my-weather-station_0', false],
    ['iot-tutorial-datalake-{account}', `iot-tutorial-datalake-${ACCOUNT}`, true],
    ['iot-tutorial-datalake-{account}', 'iot-tutorial-datalake-otherclass', false],
    ['iot-tutorial-datalake-{account}', `iot-tutorial-datalake-${ACCOUNT}-copy`, false],
    ['free_policy', 'free_policy', true],
    ['free_policy', 'Free_policy', false],
    // Regular-expression characters in names are literal.
    ['a.b', 'axb', false],
    ['IoT_warehouse*', 'IoT_warehouse_delievery_stream', true],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(patternToRegExp(pattern, ACCOUNT).test(name)).toBe(expected);
  });

  it('an unknown account id matches no {account} pattern', () => {
    expect(matchesAny(['iot-tutorial-datalake-{account}'], 'iot-tutorial-datalake-', '')).toBe(false);
  });

  it('things of the lab’s type are the lab’s, whatever their name', () => {
    const lab = scopeMatcher('lab', ACCOUNT);
    expect(lab.thing('station-by-hand', 'sensor')).toBe(true);
    expect(lab.thing('station-by-hand', 'greenhouse')).toBe(false);
    expect(lab.thing('station-by-hand')).toBe(false);
  });

  it('all-tp takes every lab name, and other students’ variants', () => {
    const lab = scopeMatcher('lab', ACCOUNT);
    const all = scopeMatcher('all-tp', ACCOUNT);
    expect(all.bucket('iot-tutorial-things-template-mine')).toBe(true);
    expect(lab.bucket('iot-tutorial-things-template-mine')).toBe(false);
    expect(all.deliveryStream('IoT_warehouse_delievery_stream')).toBe(true);
    expect(all.bucket('greenhouse-data')).toBe(false);
  });
});

/** Every resource name the lessons' steps use, by the kind of resource it names. */
function lessonResourceNames(): Array<[keyof ReturnType<typeof scopeMatcher>, string]> {
  const { lessons, problems } = loadLessons(defaultLessonsDir());
  expect(problems).toEqual([]);
  const found: Array<[keyof ReturnType<typeof scopeMatcher>, string]> = [];
  const byParam: Record<string, keyof ReturnType<typeof scopeMatcher>> = {
    thingName: 'thing',
    listenAs: 'thing',
    thingType: 'thingType',
    policyName: 'policy',
    ruleName: 'topicRule',
    streamName: 'deliveryStream',
    deliveryStreamName: 'deliveryStream',
    tableName: 'dynamoDbTable',
    database: 'glueDatabase',
    crawlerName: 'glueCrawler',
    bucket: 'bucket',
    bucketName: 'bucket',
    templatesBucket: 'bucket',
    buckets: 'bucket',
  };
  const visit = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
    else if (typeof value === 'string' && key && byParam[key]) found.push([byParam[key], value]);
  };
  for (const lesson of lessons) {
    for (const step of lesson.documents.en.meta.steps)
      visit(substituteDeep(step.params ?? {}, SAMPLE_VALUES));
  }
  return found;
}

describe('the lab scope covers every resource the lessons create', () => {
  const names = lessonResourceNames();

  it('finds the lessons’ resources', () => {
    expect(names.length).toBeGreaterThan(20);
  });

  it.each(names)('%s %s', (kind, name) => {
    const lab = scopeMatcher('lab', ACCOUNT);
    const all = scopeMatcher('all-tp', ACCOUNT);
    const test = (matcher: typeof lab) => (matcher[kind] as (name: string) => boolean)(name);
    expect(test(lab)).toBe(true);
    expect(test(all)).toBe(true);
  });
});
