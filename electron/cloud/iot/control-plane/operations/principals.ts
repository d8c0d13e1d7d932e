import type {
  AttachThingPrincipalRequest,
  AttachThingPrincipalResponse,
  DetachThingPrincipalRequest,
  DetachThingPrincipalResponse,
  ListPrincipalThingsRequest,
  ListPrincipalThingsResponse,
  ListPrincipalThingsV2Request,
  ListPrincipalThingsV2Response,
  ListThingPrincipalsRequest,
  ListThingPrincipalsResponse,
  ListThingPrincipalsV2Request,
  ListThingPrincipalsV2Response,
  ThingPrincipalType,
} from '@aws-sdk/client-iot';
import { announceAuthorizationChange, type IotContext } from '../context.js';
import { invalidRequest, notFound, requireName, THING_NAME, validationError } from '../errors.js';
import { paginate } from '../pagination.js';
import type { ThingPrincipalRecord } from '../store/index.js';
import { requireCertificatePrincipal } from './policy-attachments.js';
import { requireThing } from './things.js';

function principalType(value: string | undefined): ThingPrincipalType {
  const type = value ?? 'NON_EXCLUSIVE_THING';
  if (type !== 'EXCLUSIVE_THING' && type !== 'NON_EXCLUSIVE_THING') {
    throw validationError(
      'thingPrincipalType',
      type,
      'Member must satisfy enum value set: [EXCLUSIVE_THING, NON_EXCLUSIVE_THING]',
    );
  }
  return type;
}

/**
 * AWS: an EXCLUSIVE_THING attachment makes the thing the only one attached to the principal, so it
 * needs a principal attached to nothing else, and no other thing can join it afterwards.
 */
export function AttachThingPrincipal(
  context: IotContext,
  input: AttachThingPrincipalRequest,
): AttachThingPrincipalResponse {
  const thing = requireThing(context, requireName(input.thingName, 'thingName', THING_NAME));
  const principal = requireCertificatePrincipal(context, input.principal, 'principal');
  const type = principalType(input.thingPrincipalType);
  const others = context.store.listPrincipalThings(principal).filter((link) => link.thingName !== thing.name);
  if (type === 'EXCLUSIVE_THING' && others.length > 0) {
    throw invalidRequest(
      `The principal ${principal} is already attached to another thing and cannot be attached exclusively.`,
    );
  }
  const exclusive = others.find((link) => link.principalType === 'EXCLUSIVE_THING');
  if (exclusive) {
    throw invalidRequest(
      `The principal ${principal} is exclusively attached to thing ${exclusive.thingName}.`,
    );
  }
  context.store.attachThingPrincipal(thing.name, principal, type, context.now().getTime());
  announceAuthorizationChange(context, [principal]);
  return {};
}

export function DetachThingPrincipal(
  context: IotContext,
  input: DetachThingPrincipalRequest,
): DetachThingPrincipalResponse {
  const thing = requireThing(context, requireName(input.thingName, 'thingName', THING_NAME));
  const principal = requireCertificatePrincipal(context, input.principal, 'principal');
  if (!context.store.detachThingPrincipal(thing.name, principal)) {
    throw notFound(`The principal ${principal} is not attached to thing ${thing.name}.`);
  }
  announceAuthorizationChange(context, [principal]);
  return {};
}

function principalsOfThing(
  context: IotContext,
  thingName: unknown,
  typeFilter?: string,
): ThingPrincipalRecord[] {
  const name = requireName(thingName, 'thingName', THING_NAME);
  if (!context.store.getThing(name)) {
    throw notFound(
      `Failed to list principals for thing ${name} because the thing does not exist in your account`,
    );
  }
  const type = typeFilter === undefined ? undefined : principalType(typeFilter);
  return context.store.listThingPrincipals(name).filter((link) => !type || link.principalType === type);
}

function thingsOfPrincipal(
  context: IotContext,
  principal: unknown,
  typeFilter?: string,
): ThingPrincipalRecord[] {
  const arn = requireCertificatePrincipal(context, principal, 'principal');
  const type = typeFilter === undefined ? undefined : principalType(typeFilter);
  return context.store.listPrincipalThings(arn).filter((link) => !type || link.principalType === type);
}

type Paging = { nextToken?: string; maxResults: number };

function page<T>(items: T[], key: (item: T) => string, input: Paging): { items: T[]; nextToken?: string } {
  const result = paginate(items, key, { token: input.nextToken, limit: input.maxResults });
  return result.next ? { items: result.items, nextToken: result.next } : { items: result.items };
}

export function ListThingPrincipals(
  context: IotContext,
  input: ListThingPrincipalsRequest & Paging,
): ListThingPrincipalsResponse {
  const { items, nextToken } = page(
    principalsOfThing(context, input.thingName),
    (link) => link.principal,
    input,
  );
  return { principals: items.map((link) => link.principal), ...(nextToken && { nextToken }) };
}

export function ListThingPrincipalsV2(
  context: IotContext,
  input: ListThingPrincipalsV2Request & Paging,
): ListThingPrincipalsV2Response {
  const links = principalsOfThing(context, input.thingName, input.thingPrincipalType);
  const { items, nextToken } = page(links, (link) => link.principal, input);
  return {
    thingPrincipalObjects: items.map((link) => ({
      principal: link.principal,
      thingPrincipalType: link.principalType,
    })),
    ...(nextToken && { nextToken }),
  };
}

export function ListPrincipalThings(
  context: IotContext,
  input: ListPrincipalThingsRequest & Paging,
): ListPrincipalThingsResponse {
  const { items, nextToken } = page(
    thingsOfPrincipal(context, input.principal),
    (link) => link.thingName,
    input,
  );
  return { things: items.map((link) => link.thingName), ...(nextToken && { nextToken }) };
}

export function ListPrincipalThingsV2(
  context: IotContext,
  input: ListPrincipalThingsV2Request & Paging,
): ListPrincipalThingsV2Response {
  const links = thingsOfPrincipal(context, input.principal, input.thingPrincipalType);
  const { items, nextToken } = page(links, (link) => link.thingName, input);
  return {
    principalThingObjects: items.map((link) => ({
      thingName: link.thingName,
      thingPrincipalType: link.principalType,
    })),
    ...(nextToken && { nextToken }),
  };
}
