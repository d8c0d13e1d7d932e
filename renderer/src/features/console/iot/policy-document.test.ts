import { describe, expect, it } from 'vitest';
import { checkPolicyDocument, policyTemplate } from './policy-document';

describe('checkPolicyDocument', () => {
  it('accepts the template and AWS-style single statements', () => {
    expect(checkPolicyDocument(policyTemplate('us-east-1', '123456789012'))).toEqual([]);
    expect(
      checkPolicyDocument(
        '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iot:*","Resource":"*"}}',
      ),
    ).toEqual([]);
  });

  it('says what is wrong', () => {
    expect(checkPolicyDocument('{"Statement": [')[0]?.kind).toBe('json');
    expect(checkPolicyDocument('[]')).toEqual([{ kind: 'notObject' }]);
    expect(checkPolicyDocument('{}')).toEqual([{ kind: 'noStatement' }]);
    expect(
      checkPolicyDocument('{"Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":[]}]}'),
    ).toEqual([
      { kind: 'effect', index: 0 },
      { kind: 'actionPrefix', index: 0, action: 's3:GetObject' },
      { kind: 'resource', index: 0 },
    ]);
  });
});
