import type { CertificateStatus, ThingPrincipalType } from '@aws-sdk/client-iot';
import type { EventEmitter } from 'node:events';
import {
  certificateArn,
  certificateIdFromArn,
  policyArn,
  thingArn,
  type IotContext,
  type IotRegistryEvents,
} from './control-plane/context.js';
import type { LabPkiFiles } from './pki/lab-ca.js';
import { certificateIdOf } from './pki/x509.js';
import {
  connectionVariables,
  createDeviceAuthorizer,
  iotResourceArn,
  type ConnectionThing,
  type DeviceAuthorizer,
  type IotResourceScope,
} from './policy/authorizer.js';
import { parsePolicyDocument, type PolicyDocument } from './policy/document.js';
import type { IotAction, NamedPolicyDocument } from './policy/evaluate.js';

/**
 * The registry as the MQTT broker sees it, in process: who a client certificate is, what it may do,
 * and when that changes.
 */

export interface DeviceCertificate {
  certificateId: string;
  certificateArn: string;
  status: CertificateStatus;
  /** Node's `X509Certificate.subject` / `.issuer` text (`CN=AWS IoT Certificate`). */
  subject: string;
  issuer: string;
}

export interface DeviceThing extends ConnectionThing {
  thingArn: string;
  principalType: ThingPrincipalType;
}

export interface AttachedPolicy extends NamedPolicyDocument {
  policyArn: string;
  /** The default version, whose document this is. */
  versionId: string;
}

/** A registered certificate with the policies attached to it and the things it is attached to. */
export interface DevicePrincipal {
  certificate: DeviceCertificate;
  policies: AttachedPolicy[];
  things: DeviceThing[];
}

export interface IotPkiInfo extends LabPkiFiles {
  /** What DescribeEndpoint answers; the broker's certificate covers it. */
  endpointHost: string;
  /** Every name and address the broker's certificate covers. */
  serverHosts: readonly string[];
}

export interface IotDeviceRegistry {
  /** `certificateStatusChanged` (drop a deactivated, revoked or deleted certificate's connections), `authorizationChanged`. */
  readonly events: EventEmitter<IotRegistryEvents>;
  /** The lab's region and account, for resource ARNs. */
  readonly scope: IotResourceScope;
  /** AWS's certificate id: SHA-256 of the DER, lowercase hex. */
  certificateIdOf(der: Uint8Array): string;
  /** The registered certificate (by DER or id) with its policies and things; undefined when not registered. */
  lookupDevice(certificate: Uint8Array | string): DevicePrincipal | undefined;
  /** Policy decisions for one connection of `device` with MQTT client id `clientId`. */
  authorizerFor(device: DevicePrincipal, clientId: string): DeviceAuthorizer;
  /** `arn:aws:iot:<region>:<account>:client/<id>` | `topic/<topic>` | `topicfilter/<filter>`. */
  resourceArn(kind: 'client' | 'topic' | 'topicfilter', name: string): string;
  /** The lab CA and the broker's TLS files, created on the lab folder's first start. */
  pki(): Promise<IotPkiInfo>;
  /** The certificate's registration and status; undefined when not registered. */
  findCertificate(certificateId: string): DeviceCertificate | undefined;
  /**
   * One decision for a connection: `resource` is the full ARN (`…:client/<id>`, `…:topic/<t>`,
   * `…:topicfilter/<f>`). False for unknown or non-ACTIVE certificates. Answers are cached until the
   * registry announces a change for that certificate.
   */
  isAuthorized(request: {
    certificateArn: string;
    clientId: string;
    action: IotAction;
    resource: string;
  }): boolean;
}

const MAX_PARSED_DOCUMENTS = 1000;

export function createDeviceRegistry(context: IotContext, serverHosts: readonly string[]): IotDeviceRegistry {
  const scope: IotResourceScope = { region: context.identity.region, accountId: context.identity.accountId };
  // Documents were validated when stored; parsing them once per text keeps CONNECTs cheap.
  const parsed = new Map<string, PolicyDocument>();
  const parse = (text: string): PolicyDocument => {
    let document = parsed.get(text);
    if (!document) {
      if (parsed.size >= MAX_PARSED_DOCUMENTS) parsed.clear();
      document = parsePolicyDocument(text);
      parsed.set(text, document);
    }
    return document;
  };

  const lookupDevice = (certificate: Uint8Array | string): DevicePrincipal | undefined => {
    const id = typeof certificate === 'string' ? certificate.toLowerCase() : certificateIdOf(certificate);
    const record = context.store.getCertificate(id);
    if (!record) return undefined;
    const arn = certificateArn(context, id);
    const policies = context.store.listAttachedPolicyNames(arn).flatMap((policyName): AttachedPolicy[] => {
      const policy = context.store.getPolicy(policyName);
      const version = policy && context.store.getPolicyVersion(policyName, policy.defaultVersion);
      if (!version) return [];
      return [
        {
          policyName,
          policyArn: policyArn(context, policyName),
          versionId: String(version.version),
          document: parse(version.document),
        },
      ];
    });
    const things = context.store.listPrincipalThings(arn).flatMap((link): DeviceThing[] => {
      const thing = context.store.getThing(link.thingName);
      if (!thing) return [];
      return [
        {
          thingName: thing.name,
          thingArn: thingArn(context, thing.name),
          ...(thing.typeName && { thingTypeName: thing.typeName }),
          attributes: thing.attributes,
          principalType: link.principalType,
        },
      ];
    });
    return {
      certificate: {
        certificateId: id,
        certificateArn: arn,
        status: record.status,
        subject: record.subject,
        issuer: record.issuer,
      },
      policies,
      things,
    };
  };

  const authorizerFor = (device: DevicePrincipal, clientId: string): DeviceAuthorizer => {
    const variables = connectionVariables({
      clientId,
      things: device.things,
      certificateSubject: device.certificate.subject,
      certificateIssuer: device.certificate.issuer,
    });
    return createDeviceAuthorizer(device.policies, variables);
  };

  // Per certificate: its principal and one authorizer per client id, dropped when the registry
  // announces a change for that certificate.
  const cache = new Map<string, { device: DevicePrincipal; authorizers: Map<string, DeviceAuthorizer> }>();
  const forget = ({ certificateIds }: { certificateIds: readonly string[] }): void => {
    for (const id of certificateIds) cache.delete(id);
  };
  context.events.on('authorizationChanged', forget);
  context.events.on('certificateStatusChanged', ({ certificateId }) => cache.delete(certificateId));
  const cachedAuthorizer = (certificateId: string, clientId: string): DeviceAuthorizer | undefined => {
    let entry = cache.get(certificateId);
    if (!entry) {
      const device = lookupDevice(certificateId);
      if (!device) return undefined;
      if (cache.size >= MAX_PARSED_DOCUMENTS) cache.clear();
      entry = { device, authorizers: new Map() };
      cache.set(certificateId, entry);
    }
    if (entry.device.certificate.status !== 'ACTIVE') return undefined;
    let authorizer = entry.authorizers.get(clientId);
    if (!authorizer) {
      authorizer = authorizerFor(entry.device, clientId);
      entry.authorizers.set(clientId, authorizer);
    }
    return authorizer;
  };

  return {
    events: context.events,
    scope,
    certificateIdOf,
    lookupDevice,
    authorizerFor,
    findCertificate: (certificateId) => lookupDevice(certificateId)?.certificate,
    isAuthorized({ certificateArn: arn, clientId, action, resource }) {
      const id = certificateIdFromArn(context, arn);
      return id !== undefined && cachedAuthorizer(id, clientId)?.allows(action, resource) === true;
    },
    resourceArn: (kind, name) => iotResourceArn(scope, kind, name),
    async pki() {
      const ca = await context.ca();
      return { ...ca.files, endpointHost: context.endpointHost, serverHosts };
    },
  };
}
