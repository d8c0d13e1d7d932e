import type {
  CreateThingTypeRequest,
  CreateThingTypeResponse,
  DeleteThingTypeRequest,
  DeleteThingTypeResponse,
  DeprecateThingTypeRequest,
  DeprecateThingTypeResponse,
  DescribeThingTypeRequest,
  DescribeThingTypeResponse,
  ListThingTypesRequest,
  ListThingTypesResponse,
  ThingTypeDefinition,
  ThingTypeMetadata,
  ThingTypeProperties,
} from '@aws-sdk/client-iot';
import { randomUUID } from 'node:crypto';
import { thingTypeArn, type IotContext } from '../context.js';
import {
  alreadyExists,
  ATTRIBUTE_NAME,
  invalidRequest,
  notFound,
  requireName,
  THING_NAME,
  validationError,
} from '../errors.js';
import { paginate } from '../pagination.js';
import type { ThingTypeRecord } from '../store/index.js';

/** AWS: "Before you can delete a thing type, wait for five minutes after you deprecate it." */
export const THING_TYPE_DELETE_DELAY_MS = 5 * 60_000;

function requireThingType(context: IotContext, name: string): ThingTypeRecord {
  const type = context.store.getThingType(name);
  if (!type) throw notFound(`Thing Type ${name} cannot be found.`);
  return type;
}

function checkProperties(properties: ThingTypeProperties | undefined): ThingTypeProperties {
  const checked: ThingTypeProperties = {};
  if (properties?.thingTypeDescription !== undefined) {
    if (properties.thingTypeDescription.length > 2028) {
      throw validationError(
        'thingTypeProperties.thingTypeDescription',
        properties.thingTypeDescription,
        'Member must have length less than or equal to 2028',
      );
    }
    checked.thingTypeDescription = properties.thingTypeDescription;
  }
  if (properties?.searchableAttributes !== undefined) {
    // AWS: at most three searchable attributes per thing type.
    if (properties.searchableAttributes.length > 3) {
      throw invalidRequest('A thing type can have at most 3 searchable attributes.');
    }
    properties.searchableAttributes.forEach((name) =>
      requireName(name, 'thingTypeProperties.searchableAttributes.member', ATTRIBUTE_NAME),
    );
    checked.searchableAttributes = properties.searchableAttributes;
  }
  return checked;
}

function metadata(type: ThingTypeRecord): ThingTypeMetadata {
  const result: ThingTypeMetadata = {
    deprecated: type.deprecated,
    creationDate: new Date(type.creationDate),
  };
  if (type.deprecationDate !== undefined) result.deprecationDate = new Date(type.deprecationDate);
  return result;
}

export function CreateThingType(context: IotContext, input: CreateThingTypeRequest): CreateThingTypeResponse {
  const name = requireName(input.thingTypeName, 'thingTypeName', THING_NAME);
  const properties = checkProperties(input.thingTypeProperties);
  const existing = context.store.getThingType(name);
  if (existing) {
    // Like CreateThing: the same definition again answers the existing type.
    if (JSON.stringify(existing.properties) === JSON.stringify(properties)) {
      return { thingTypeName: name, thingTypeArn: thingTypeArn(context, name), thingTypeId: existing.id };
    }
    throw alreadyExists(
      `Thing Type ${name} already exists in account with different properties`,
      existing.id,
      thingTypeArn(context, name),
    );
  }
  const id = randomUUID();
  context.store.insertThingType({ name, id, properties, creationDate: context.now().getTime() });
  return { thingTypeName: name, thingTypeArn: thingTypeArn(context, name), thingTypeId: id };
}

export function DescribeThingType(
  context: IotContext,
  input: DescribeThingTypeRequest,
): DescribeThingTypeResponse {
  const type = requireThingType(context, requireName(input.thingTypeName, 'thingTypeName', THING_NAME));
  return {
    thingTypeName: type.name,
    thingTypeId: type.id,
    thingTypeArn: thingTypeArn(context, type.name),
    thingTypeProperties: type.properties,
    thingTypeMetadata: metadata(type),
  };
}

export function ListThingTypes(
  context: IotContext,
  input: ListThingTypesRequest & { maxResults: number },
): ListThingTypesResponse {
  // AWS filters thingTypeName by prefix (observed by moto's authors; the docs say "the name").
  const types = context.store
    .listThingTypes()
    .filter((type) => !input.thingTypeName || type.name.startsWith(input.thingTypeName));
  const page = paginate(types, (type) => type.name, { token: input.nextToken, limit: input.maxResults });
  const output: ListThingTypesResponse = {
    thingTypes: page.items.map((type): ThingTypeDefinition => ({
      thingTypeName: type.name,
      thingTypeArn: thingTypeArn(context, type.name),
      thingTypeProperties: type.properties,
      thingTypeMetadata: metadata(type),
    })),
  };
  if (page.next) output.nextToken = page.next;
  return output;
}

export function DeprecateThingType(
  context: IotContext,
  input: DeprecateThingTypeRequest,
): DeprecateThingTypeResponse {
  const type = requireThingType(context, requireName(input.thingTypeName, 'thingTypeName', THING_NAME));
  context.store.setThingTypeDeprecated(type.name, input.undoDeprecate ? undefined : context.now().getTime());
  return {};
}

/**
 * AWS: only a deprecated type, five minutes after its deprecation, with no thing of that type left.
 * The five minutes are kept offline (a lab that works here then works on AWS).
 */
export function DeleteThingType(context: IotContext, input: DeleteThingTypeRequest): DeleteThingTypeResponse {
  const type = requireThingType(context, requireName(input.thingTypeName, 'thingTypeName', THING_NAME));
  if (!type.deprecated || type.deprecationDate === undefined) {
    throw invalidRequest(`Thing type ${type.name} must be deprecated before it can be deleted.`);
  }
  const waited = context.now().getTime() - type.deprecationDate;
  if (waited < THING_TYPE_DELETE_DELAY_MS) {
    const seconds = Math.ceil((THING_TYPE_DELETE_DELAY_MS - waited) / 1000);
    throw invalidRequest(
      `Thing type ${type.name} was deprecated less than 5 minutes ago; try again in ${seconds} seconds.`,
    );
  }
  const things = context.store.countThingsOfType(type.name);
  if (things > 0)
    throw invalidRequest(
      `Can not delete thing type ${type.name}: ${things} thing(s) are still associated with it.`,
    );
  context.store.deleteThingType(type.name);
  return {};
}
