import {
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreateThingCommand,
  CreateThingTypeCommand,
  DeleteThingCommand,
  DeleteThingTypeCommand,
  DeprecateThingTypeCommand,
  DescribeThingCommand,
  DescribeThingTypeCommand,
  DetachThingPrincipalCommand,
  ListThingsCommand,
  ListThingTypesCommand,
  UpdateThingCommand,
  type IoTClient,
  type ListThingsCommandInput,
} from '@aws-sdk/client-iot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../helpers/local-cloud.js';
import { iotClient } from './iot-helpers.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let iot: IoTClient;
let arnPrefix: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  iot = iotClient(cloud);
  arnPrefix = `arn:aws:iot:${cloud.endpoints.region}:${cloud.endpoints.accountId}`;
  await iot.send(
    new CreateThingTypeCommand({
      thingTypeName: 'sensor',
      thingTypeProperties: { thingTypeDescription: 'NOAA station' },
    }),
  );
});
afterAll(async () => {
  await cloud.dispose();
});

describe('things through the SDK', () => {
  it('CreateThing answers the ARN and a thing id; DescribeThing shows version 1 and the default client id', async () => {
    const created = await iot.send(
      new CreateThingCommand({
        thingName: 'weather-station_1',
        thingTypeName: 'sensor',
        attributePayload: { attributes: { thingId: '1' } },
      }),
    );
    expect(created.thingArn).toBe(`${arnPrefix}:thing/weather-station_1`);
    expect(created.thingId).toMatch(/^[0-9a-f-]{36}$/);
    const thing = await iot.send(new DescribeThingCommand({ thingName: 'weather-station_1' }));
    expect(thing).toMatchObject({
      thingName: 'weather-station_1',
      thingId: created.thingId,
      thingArn: created.thingArn,
      thingTypeName: 'sensor',
      attributes: { thingId: '1' },
      version: 1,
      defaultClientId: 'weather-station_1',
    });
  });

  it('CreateThing again with the same configuration succeeds; with other attributes it is ResourceAlreadyExistsException', async () => {
    const first = await iot.send(
      new CreateThingCommand({ thingName: 'twice', attributePayload: { attributes: { a: '1' } } }),
    );
    const again = await iot.send(
      new CreateThingCommand({ thingName: 'twice', attributePayload: { attributes: { a: '1' } } }),
    );
    expect(again.thingId).toBe(first.thingId);
    await expect(
      iot.send(new CreateThingCommand({ thingName: 'twice', attributePayload: { attributes: { a: '2' } } })),
    ).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'Thing twice already exists in account with different attributes',
      resourceId: first.thingId,
      resourceArn: `${arnPrefix}:thing/twice`,
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('answers ResourceNotFoundException for an unknown thing and InvalidRequestException for a bad name', async () => {
    await expect(iot.send(new DescribeThingCommand({ thingName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Thing nope cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iot.send(new CreateThingCommand({ thingName: 'has space' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      iot.send(new CreateThingCommand({ thingName: 'typed', thingTypeName: 'camera' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('UpdateThing merges or replaces attributes, removes empty ones, and bumps the version', async () => {
    await iot.send(
      new CreateThingCommand({
        thingName: 'updatable',
        attributePayload: { attributes: { a: '1', b: '2' } },
      }),
    );
    await iot.send(
      new UpdateThingCommand({
        thingName: 'updatable',
        attributePayload: { attributes: { c: '3', a: '' }, merge: true },
      }),
    );
    let thing = await iot.send(new DescribeThingCommand({ thingName: 'updatable' }));
    expect(thing.attributes).toEqual({ b: '2', c: '3' });
    expect(thing.version).toBe(2);
    await iot.send(
      new UpdateThingCommand({ thingName: 'updatable', attributePayload: { attributes: { z: '26' } } }),
    );
    thing = await iot.send(new DescribeThingCommand({ thingName: 'updatable' }));
    expect(thing.attributes).toEqual({ z: '26' });
    await iot.send(
      new UpdateThingCommand({ thingName: 'updatable', thingTypeName: 'sensor', expectedVersion: 3 }),
    );
    thing = await iot.send(new DescribeThingCommand({ thingName: 'updatable' }));
    expect(thing).toMatchObject({ thingTypeName: 'sensor', version: 4 });
    await iot.send(new UpdateThingCommand({ thingName: 'updatable', removeThingType: true }));
    thing = await iot.send(new DescribeThingCommand({ thingName: 'updatable' }));
    expect(thing.thingTypeName).toBeUndefined();
  });

  it('UpdateThing and DeleteThing with a stale expectedVersion are VersionConflictException', async () => {
    await iot.send(new CreateThingCommand({ thingName: 'versioned' }));
    await expect(
      iot.send(new UpdateThingCommand({ thingName: 'versioned', expectedVersion: 7 })),
    ).rejects.toMatchObject({
      name: 'VersionConflictException',
      message: 'The version for thing versioned does not match the expected version.',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      iot.send(new DeleteThingCommand({ thingName: 'versioned', expectedVersion: 9 })),
    ).rejects.toMatchObject({
      name: 'VersionConflictException',
    });
    await iot.send(new DeleteThingCommand({ thingName: 'versioned', expectedVersion: 1 }));
    await expect(iot.send(new DescribeThingCommand({ thingName: 'versioned' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('DeleteThing of an unknown thing succeeds; of a thing with a principal it is refused', async () => {
    await iot.send(new DeleteThingCommand({ thingName: 'never-was' }));
    await iot.send(new CreateThingCommand({ thingName: 'attached' }));
    const { certificateArn } = await iot.send(new CreateKeysAndCertificateCommand({}));
    await iot.send(new AttachThingPrincipalCommand({ thingName: 'attached', principal: certificateArn }));
    await expect(iot.send(new DeleteThingCommand({ thingName: 'attached' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: 'Cannot delete. Thing attached is still attached to one or more principals',
    });
    await iot.send(new DetachThingPrincipalCommand({ thingName: 'attached', principal: certificateArn }));
    await iot.send(new DeleteThingCommand({ thingName: 'attached' }));
  });

  it('ListThings pages with maxResults/nextToken and filters by attribute, prefix and type', async () => {
    for (let i = 1; i <= 7; i++) {
      await iot.send(
        new CreateThingCommand({
          thingName: `page-${i}`,
          thingTypeName: i % 2 === 0 ? 'sensor' : undefined,
          attributePayload: { attributes: { group: 'paging', serial: `SN-${i}${i}` } },
        }),
      );
    }
    const all = async (input: ListThingsCommandInput) => {
      const names: string[] = [];
      const pages: number[] = [];
      let nextToken: string | undefined;
      do {
        const page = await iot.send(new ListThingsCommand({ ...input, nextToken }));
        names.push(...(page.things ?? []).map((t) => t.thingName ?? ''));
        pages.push(page.things?.length ?? 0);
        nextToken = page.nextToken;
      } while (nextToken);
      return { names, pages };
    };
    const paged = await all({ attributeName: 'group', attributeValue: 'paging', maxResults: 3 });
    expect(paged.pages).toEqual([3, 3, 1]);
    expect(paged.names).toEqual(['page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6', 'page-7']);
    const prefixed = await all({
      attributeName: 'serial',
      attributeValue: 'SN-3',
      usePrefixAttributeValue: true,
    });
    expect(prefixed.names).toEqual(['page-3']);
    const typed = await all({ thingTypeName: 'sensor', attributeName: 'group', attributeValue: 'paging' });
    expect(typed.names).toEqual(['page-2', 'page-4', 'page-6']);
    const listed = await iot.send(
      new ListThingsCommand({ attributeName: 'serial', attributeValue: 'SN-22' }),
    );
    expect(listed.things).toEqual([
      {
        thingName: 'page-2',
        thingTypeName: 'sensor',
        thingArn: `${arnPrefix}:thing/page-2`,
        attributes: { group: 'paging', serial: 'SN-22' },
        version: 1,
      },
    ]);
  });

  it('refuses maxResults outside 1–250', async () => {
    await expect(iot.send(new ListThingsCommand({ maxResults: 251 }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
  });
});

describe('thing types through the SDK', () => {
  it('DescribeThingType and ListThingTypes show properties and metadata', async () => {
    const type = await iot.send(new DescribeThingTypeCommand({ thingTypeName: 'sensor' }));
    expect(type).toMatchObject({
      thingTypeName: 'sensor',
      thingTypeArn: `${arnPrefix}:thingtype/sensor`,
      thingTypeProperties: { thingTypeDescription: 'NOAA station' },
      thingTypeMetadata: { deprecated: false },
    });
    expect(type.thingTypeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(type.thingTypeMetadata?.creationDate).toBeInstanceOf(Date);
    await iot.send(new CreateThingTypeCommand({ thingTypeName: 'sensor-v2' }));
    const { thingTypes } = await iot.send(new ListThingTypesCommand({ thingTypeName: 'sensor' }));
    expect(thingTypes?.map((t) => t.thingTypeName)).toEqual(['sensor', 'sensor-v2']);
    await expect(iot.send(new DescribeThingTypeCommand({ thingTypeName: 'camera' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('a deprecated type takes no new things, can be undeprecated, and is deleted only 5 minutes after deprecation', async () => {
    await iot.send(new CreateThingTypeCommand({ thingTypeName: 'old-model' }));
    await expect(iot.send(new DeleteThingTypeCommand({ thingTypeName: 'old-model' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    await iot.send(new DeprecateThingTypeCommand({ thingTypeName: 'old-model' }));
    const deprecated = await iot.send(new DescribeThingTypeCommand({ thingTypeName: 'old-model' }));
    expect(deprecated.thingTypeMetadata).toMatchObject({
      deprecated: true,
      deprecationDate: expect.any(Date),
    });
    await expect(
      iot.send(new CreateThingCommand({ thingName: 'late', thingTypeName: 'old-model' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: 'Can not create new thing with depreated thing type:old-model',
    });
    await iot.send(new DeprecateThingTypeCommand({ thingTypeName: 'old-model', undoDeprecate: true }));
    await iot.send(new CreateThingCommand({ thingName: 'late', thingTypeName: 'old-model' }));
    await iot.send(new DeprecateThingTypeCommand({ thingTypeName: 'old-model' }));
    await expect(iot.send(new DeleteThingTypeCommand({ thingTypeName: 'old-model' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringContaining('less than 5 minutes ago'),
    });
    // AWS makes you wait five minutes; the test moves the deprecation back instead of sleeping.
    cloud.storage.db
      .prepare('UPDATE iot_thing_types SET deprecation_date = deprecation_date - 300000 WHERE name = ?')
      .run('old-model');
    await expect(iot.send(new DeleteThingTypeCommand({ thingTypeName: 'old-model' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringContaining('still associated'),
    });
    await iot.send(new UpdateThingCommand({ thingName: 'late', removeThingType: true }));
    await iot.send(new DeleteThingTypeCommand({ thingTypeName: 'old-model' }));
    await expect(
      iot.send(new DescribeThingTypeCommand({ thingTypeName: 'old-model' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
