import { describe, expect, it } from 'vitest';
import { findPlaceholders, SAMPLE_VALUES, substitute, substituteDeep } from './placeholders.js';

const values = {
  ...SAMPLE_VALUES,
  accountId: '111122223333',
  bucketSuffix: '111122223333',
  endpoint: 'http://127.0.0.1:9000',
};

describe('placeholders', () => {
  it('fills in live values in text and code', () => {
    expect(substitute('aws s3 mb s3://iot-tutorial-datalake-{{bucketSuffix}}', values)).toBe(
      'aws s3 mb s3://iot-tutorial-datalake-111122223333',
    );
    expect(substitute('export AWS_ENDPOINT_URL={{ endpoint }}', values)).toBe(
      'export AWS_ENDPOINT_URL=http://127.0.0.1:9000',
    );
  });

  it('leaves unknown names and IoT substitution templates as written', () => {
    expect(substitute('{{nope}} and ${topic()}/${timestamp()}', values)).toBe(
      '{{nope}} and ${topic()}/${timestamp()}',
    );
  });

  it('fills in every string of nested params, and nothing else', () => {
    expect(
      substituteDeep(
        {
          buckets: ['a-{{accountId}}', 'b'],
          role: { arn: 'arn:aws:iam::{{accountId}}:role/LabRole' },
          count: 3,
          on: true,
        },
        values,
      ),
    ).toEqual({
      buckets: ['a-111122223333', 'b'],
      role: { arn: 'arn:aws:iam::111122223333:role/LabRole' },
      count: 3,
      on: true,
    });
  });

  it('finds each placeholder with its line', () => {
    expect(findPlaceholders('one {{accountId}}\ntwo\nthree {{typo}} {{region}}')).toEqual([
      { name: 'accountId', line: 1 },
      { name: 'typo', line: 3 },
      { name: 'region', line: 3 },
    ]);
  });
});
