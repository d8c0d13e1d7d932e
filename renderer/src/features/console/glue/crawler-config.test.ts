import { describe, expect, it } from 'vitest';
import {
  inheritsFromTable,
  parseExclusions,
  schemaChangePolicyFor,
  withInheritFromTable,
} from './crawler-config';

const LAB = '{"Version":1.0,"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}';

describe('the InheritFromTable option', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['not json', false],
    ['{"Version":1.0}', false],
    [LAB, true],
    ['{"Version":1.0,"CrawlerOutput":{"Tables":{"AddOrUpdateBehavior":"MergeNewColumns"}}}', false],
  ])('is read from %j as %s', (configuration, expected) => {
    expect(inheritsFromTable(configuration)).toBe(expected);
  });

  it.each([
    [undefined, true, LAB],
    [LAB, true, LAB],
    [LAB, false, undefined],
    [undefined, false, undefined],
    ['garbage', true, LAB],
    [
      '{"Version":1.0,"CrawlerOutput":{"Tables":{"AddOrUpdateBehavior":"MergeNewColumns"}}}',
      true,
      '{"Version":1.0,"CrawlerOutput":{"Tables":{"AddOrUpdateBehavior":"MergeNewColumns"},"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}',
    ],
    [
      '{"Version":1.0,"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas"},"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}',
      false,
      '{"Version":1.0,"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas"}}',
    ],
  ])('set on %j to %s gives %j', (configuration, inherit, expected) => {
    expect(withInheritFromTable(configuration, inherit)).toBe(expected);
  });
});

describe('schemaChangePolicyFor', () => {
  it.each([
    ['CRAWL_NEW_FOLDERS_ONLY', undefined, { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' }],
    [
      'CRAWL_EVERYTHING',
      undefined,
      { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DEPRECATE_IN_DATABASE' },
    ],
    [
      'CRAWL_EVERYTHING',
      { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DEPRECATE_IN_DATABASE' },
    ],
    [
      'CRAWL_EVERYTHING',
      { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DELETE_FROM_DATABASE' },
      { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DELETE_FROM_DATABASE' },
    ],
  ] as const)('%s over %j is %j', (recrawl, current, expected) => {
    expect(schemaChangePolicyFor(recrawl, current)).toEqual(expected);
  });
});

it('reads exclusions one per line or comma-separated', () => {
  expect(parseExclusions('sensor/**\n  *.tmp , \n\n_temporary/**')).toEqual([
    'sensor/**',
    '*.tmp',
    '_temporary/**',
  ]);
  expect(parseExclusions('  ')).toEqual([]);
});
