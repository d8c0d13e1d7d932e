import type {
  AttributePayload,
  CreateThingRequest,
  CreateThingResponse,
  DeleteThingRequest,
  DeleteThingResponse,
  DescribeThingRequest,
  DescribeThingResponse,
  ListThingsRequest,
  ListThingsResponse,
  ThingAttribute,
  UpdateThingRequest,
  UpdateThingResponse,
} from '@aws-sdk/client-iot';
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../../protocols/aws-error.js';
import { announceAuthorizationChange, thingArn, type IotContext } from '../context.js';
import {
  alreadyExists,
  ATTRIBUTE_NAME,
  ATTRIBUTE_VALUE,
  invalidRequest,
  notFound,
  requireName,
  THING_NAME,
  validationError,
} from '../errors.js';
import { paginate } from '../pagination.js';
import type { ThingRecord } from '../store/index.js';

export const thingNotFound = (name: string): AwsError => notFound(`Thing ${name} cannot be found.`);

export function requireThing(context: IotContext, name: string): ThingRecord {
  const thing = context.store.getThing(name);
  if (!thing) throw thingNotFound(name);
  return thing;
}

/** A thing type a thing may take: it must exist and not be deprecated. */
function requireUsableThingType(context: IotContext, name: string, deprecatedMessage: string): void {
  requireName(name, 'thingTypeName', THING_NAME);
  const type = context.store.getThingType(name);
  if (!type) throw notFound(`Thing Type ${name} cannot be found.`);
  if (type.deprecated) throw invalidRequest(deprecatedMessage);
}

/** Attribute names and values as the model constrains them; numbers become strings as the CLI sends them. */
export function checkAttributes(attributes: Record<string, unknown> | undefined): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    requireName(name, 'attributePayload.attributes.key', ATTRIBUTE_NAME);
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    if (
      typeof text !== 'string' ||
      text.length > 800 ||
      !new RegExp(`^(?:${ATTRIBUTE_VALUE.source})$`).test(text)
    ) {
      throw validationError(
        'attributePayload.attributes.value',
        value,
        `Member must satisfy regular expression pattern: ${ATTRIBUTE_VALUE.source}`,
      );
    }
    checked[name] = text;
  }
  return checked;
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** AWS: a thing's principals see its attributes and type through policy variables. */
function announceThingChange(context: IotContext, thingName: string): void {
  announceAuthorizationChange(
    context,
    context.store.listThingPrincipals(thingName).map((p) => p.principal),
  );
}

export function CreateThing(context: IotContext, input: CreateThingRequest): CreateThingResponse {
  const name = requireName(input.thingName, 'thingName', THING_NAME);
  const attributes = checkAttributes(input.attributePayload?.attributes);
  const existing = context.store.getThing(name);
  if (existing) {
    // AWS: the same name and configuration succeeds and answers the existing thing.
    if (existing.typeName === input.thingTypeName && sameAttributes(existing.attributes, attributes)) {
      return { thingName: name, thingArn: thingArn(context, name), thingId: existing.id };
    }
    throw alreadyExists(
      `Thing ${name} already exists in account with different attributes`,
      existing.id,
      thingArn(context, name),
    );
  }
  if (input.thingTypeName) {
    // AWS's own typo ("depreated"), kept so messages match.
    requireUsableThingType(
      context,
      input.thingTypeName,
      `Can not create new thing with depreated thing type:${input.thingTypeName}`,
    );
  }
  if (input.billingGroupName) throw notFound(`Billing group ${input.billingGroupName} cannot be found.`);
  const id = randomUUID();
  context.store.insertThing({
    name,
    id,
    typeName: input.thingTypeName,
    attributes,
    creationDate: context.now().getTime(),
  });
  return { thingName: name, thingArn: thingArn(context, name), thingId: id };
}

export function DescribeThing(context: IotContext, input: DescribeThingRequest): DescribeThingResponse {
  const name = requireName(input.thingName, 'thingName', THING_NAME);
  const thing = requireThing(context, name);
  const output: DescribeThingResponse = {
    defaultClientId: thing.name,
    thingName: thing.name,
    thingId: thing.id,
    thingArn: thingArn(context, thing.name),
    attributes: thing.attributes,
    version: thing.version,
  };
  if (thing.typeName) output.thingTypeName = thing.typeName;
  return output;
}

export function ListThings(
  context: IotContext,
  input: ListThingsRequest & { maxResults: number },
): ListThingsResponse {
  if (input.thingTypeName) requireName(input.thingTypeName, 'thingTypeName', THING_NAME);
  const { attributeName, attributeValue } = input;
  const things = context.store.listThings().filter((thing) => {
    if (input.thingTypeName && thing.typeName !== input.thingTypeName) return false;
    if (attributeName) {
      const value = thing.attributes[attributeName];
      if (value === undefined) return false;
      if (attributeValue !== undefined) {
        return input.usePrefixAttributeValue ? value.startsWith(attributeValue) : value === attributeValue;
      }
    }
    return true;
  });
  const page = paginate(things, (thing) => thing.name, { token: input.nextToken, limit: input.maxResults });
  const output: ListThingsResponse = {
    things: page.items.map((thing): ThingAttribute => {
      const item: ThingAttribute = {
        thingName: thing.name,
        thingArn: thingArn(context, thing.name),
        attributes: thing.attributes,
        version: thing.version,
      };
      if (thing.typeName) item.thingTypeName = thing.typeName;
      return item;
    }),
  };
  if (page.next) output.nextToken = page.next;
  return output;
}

function versionConflict(name: string): AwsError {
  return new AwsError(
    'VersionConflictException',
    `The version for thing ${name} does not match the expected version.`,
    409,
  );
}

/** AWS: `merge` adds to the stored attributes; without it the payload replaces them. An empty value removes an attribute. */
function nextAttributes(
  current: Record<string, string>,
  payload: AttributePayload | undefined,
): Record<string, string> {
  if (!payload?.attributes) return current;
  const merged = payload.merge
    ? { ...current, ...checkAttributes(payload.attributes) }
    : checkAttributes(payload.attributes);
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== ''));
}

export function UpdateThing(context: IotContext, input: UpdateThingRequest): UpdateThingResponse {
  const name = requireName(input.thingName, 'thingName', THING_NAME);
  const thing = requireThing(context, name);
  if (input.expectedVersion !== undefined && input.expectedVersion !== thing.version)
    throw versionConflict(name);
  if (input.removeThingType && input.thingTypeName) {
    throw invalidRequest(
      'You cannot specify both a thing type name and removeThingType in the same request.',
    );
  }
  if (input.thingTypeName && input.thingTypeName !== thing.typeName) {
    requireUsableThingType(
      context,
      input.thingTypeName,
      `Can not update a thing to use deprecated thing type: ${input.thingTypeName}`,
    );
  }
  const typeName = input.removeThingType ? undefined : (input.thingTypeName ?? thing.typeName);
  context.store.updateThing(name, typeName, nextAttributes(thing.attributes, input.attributePayload));
  announceThingChange(context, name);
  return {};
}

export function DeleteThing(context: IotContext, input: DeleteThingRequest): DeleteThingResponse {
  const name = requireName(input.thingName, 'thingName', THING_NAME);
  const thing = context.store.getThing(name);
  // AWS: deleting a thing that does not exist succeeds.
  if (!thing) return {};
  if (input.expectedVersion !== undefined && input.expectedVersion !== thing.version)
    throw versionConflict(name);
  if (context.store.listThingPrincipals(name).length > 0) {
    throw invalidRequest(`Cannot delete. Thing ${name} is still attached to one or more principals`);
  }
  context.store.deleteThing(name);
  return {};
}
