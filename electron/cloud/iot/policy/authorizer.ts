import {
  evaluatePolicies,
  type IotAction,
  type NamedPolicyDocument,
  type PolicyDecision,
  type PolicyVariables,
} from './evaluate.js';

/**
 * What the MQTT broker asks for every CONNECT, PUBLISH, SUBSCRIBE and delivery: one authorizer per
 * connection, built from the policies attached to its certificate and the connection's variables,
 * remembering its answers (a station publishes to the same topic thousands of times).
 */

export interface IotResourceScope {
  region: string;
  accountId: string;
}

/** AWS: `arn:aws:iot:<region>:<account>:client/<clientId>`, `topic/<topic>`, `topicfilter/<filter>`. */
export function iotResourceArn(
  scope: IotResourceScope,
  kind: 'client' | 'topic' | 'topicfilter',
  name: string,
): string {
  return `arn:aws:iot:${scope.region}:${scope.accountId}:${kind}/${name}`;
}

/** A thing attached to the connecting certificate, as the registry knows it. */
export interface ConnectionThing {
  thingName: string;
  thingTypeName?: string;
  attributes: Readonly<Record<string, string>>;
}

export interface ConnectionContext {
  clientId: string;
  things: readonly ConnectionThing[];
  /** Node's `X509Certificate.subject` / `.issuer` text (`CN=…\nO=…`), for the certificate variables. */
  certificateSubject?: string;
  certificateIssuer?: string;
}

const NAME_ATTRIBUTES: Record<string, string> = {
  CN: 'CommonName',
  O: 'Organization',
  OU: 'OrganizationalUnit',
  C: 'Country',
  ST: 'State',
  L: 'Locality',
  serialNumber: 'SerialNumber',
};

function nameVariables(prefix: string, text: string | undefined, into: Record<string, string>): void {
  for (const line of text?.split('\n') ?? []) {
    const eq = line.indexOf('=');
    const attribute = NAME_ATTRIBUTES[line.slice(0, eq)];
    if (eq > 0 && attribute) into[`${prefix}.${attribute}`] = line.slice(eq + 1);
  }
}

/**
 * The policy variables of a connection.
 * AWS (thing-policy-variables): the thing variables resolve only when the client id equals the name
 * of a thing attached to the certificate; `IsAttached` is then `true`, otherwise `false`.
 */
export function connectionVariables(context: ConnectionContext): PolicyVariables {
  const variables: Record<string, string> = { 'iot:ClientId': context.clientId };
  const thing = context.things.find((candidate) => candidate.thingName === context.clientId);
  variables['iot:Connection.Thing.IsAttached'] = thing ? 'true' : 'false';
  if (thing) {
    variables['iot:Connection.Thing.ThingName'] = thing.thingName;
    if (thing.thingTypeName) variables['iot:Connection.Thing.ThingTypeName'] = thing.thingTypeName;
    for (const [name, value] of Object.entries(thing.attributes)) {
      variables[`iot:Connection.Thing.Attributes[${name}]`] = value;
    }
  }
  nameVariables('iot:Certificate.Subject', context.certificateSubject, variables);
  nameVariables('iot:Certificate.Issuer', context.certificateIssuer, variables);
  return variables;
}

export interface DeviceAuthorizer {
  decide(action: IotAction, resourceArn: string): PolicyDecision;
  allows(action: IotAction, resourceArn: string): boolean;
}

const MAX_REMEMBERED_DECISIONS = 4096;

/** Decisions for one connection; rebuild it when the registry says its certificate, policies or things changed. */
export function createDeviceAuthorizer(
  policies: readonly NamedPolicyDocument[],
  variables: PolicyVariables,
): DeviceAuthorizer {
  const decisions = new Map<string, PolicyDecision>();
  const decide = (action: IotAction, resourceArn: string): PolicyDecision => {
    const key = `${action} ${resourceArn}`;
    let decision = decisions.get(key);
    if (!decision) {
      if (decisions.size >= MAX_REMEMBERED_DECISIONS) decisions.clear();
      decision = evaluatePolicies(policies, action, resourceArn, variables);
      decisions.set(key, decision);
    }
    return decision;
  };
  return { decide, allows: (action, resourceArn) => decide(action, resourceArn).allowed };
}
