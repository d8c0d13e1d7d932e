import { describe, expect, it } from 'vitest';
import { cloudCommands, fromWire, isCloudSendInput, toApiError, toWire } from './cloud-sdk.js';
import { ApiError } from './handlers/types.js';

describe('cloud.send allow-list', () => {
  it('maps every operation name to the SDK command of that name', () => {
    for (const [service, operations] of Object.entries(cloudCommands)) {
      for (const [operation, command] of Object.entries(operations)) {
        expect(command.name, `${service}.${operation}`).toBe(`${operation}Command`);
      }
    }
  });

  it('accepts only allowed operations with an object input', () => {
    expect(isCloudSendInput({ service: 'iot', operation: 'ListThings', input: { maxResults: 5 } })).toBe(
      true,
    );
    expect(isCloudSendInput({ service: 'iot', operation: 'ListThings' })).toBe(true);
    expect(
      isCloudSendInput({ service: 'iot', operation: 'DeleteAccountAuditConfiguration', input: {} }),
    ).toBe(false);
    expect(isCloudSendInput({ service: 's3', operation: 'GetObject', input: {} })).toBe(false);
    expect(isCloudSendInput({ service: 'ec2', operation: 'RunInstances', input: {} })).toBe(false);
    expect(isCloudSendInput({ service: 'iot', operation: 'toString', input: {} })).toBe(false);
    expect(isCloudSendInput({ service: 'iot', operation: 'ListThings', input: [] })).toBe(false);
    expect(isCloudSendInput('iot.ListThings')).toBe(false);
  });
});

describe('wire values', () => {
  it('sends dates as ISO text and bytes as base64, without $metadata or undefined members', () => {
    const output = {
      $metadata: { httpStatusCode: 200 },
      creationDate: new Date('2022-01-01T00:00:00Z'),
      key: { time: { B: new Uint8Array([1, 2, 255]) } },
      missing: undefined,
      list: [new Date(0), 1, 'a', null, true],
      big: 12n,
    };
    expect(toWire(output)).toEqual({
      creationDate: '2022-01-01T00:00:00.000Z',
      key: { time: { B: { $base64: 'AQL/' } } },
      list: ['1970-01-01T00:00:00.000Z', 1, 'a', null, true],
      big: '12',
    });
  });

  it('turns { $base64 } back into bytes for an input', () => {
    const input = fromWire({ ExclusiveStartKey: { id: { B: { $base64: 'AQL/' } }, n: { N: '1' } } });
    expect(input).toEqual({ ExclusiveStartKey: { id: { B: Buffer.from([1, 2, 255]) }, n: { N: '1' } } });
  });

  it('keeps AWS error codes and messages, and says when the cloud cannot be reached', () => {
    const aws = Object.assign(new Error('Thing x cannot be found.'), {
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    expect(toApiError(aws)).toMatchObject({
      code: 'ResourceNotFoundException',
      message: 'Thing x cannot be found.',
    });
    const bodiless = Object.assign(new Error('UnknownError'), { name: 'NotFound', $metadata: {} });
    expect(toApiError(bodiless)).toMatchObject({ code: 'NotFound', message: 'NotFound' });
    expect(toApiError(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({
      code: 'CloudUnreachable',
    });
    const own = new ApiError('CloudNotRunning', 'not running');
    expect(toApiError(own)).toBe(own);
  });
});
