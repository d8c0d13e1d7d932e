import type { CertificateStatus } from '@aws-sdk/client-iot';
import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { LocalS3 } from '../../s3/index.js';
import type { LabIdentity } from '../../storage/index.js';
import type { LabCa } from '../pki/lab-ca.js';
import type { IotStore } from './store/index.js';

/** A certificate's status changed (UpdateCertificate) or it was deleted (`status: 'DELETED'`). */
export interface CertificateStatusChange {
  certificateId: string;
  certificateArn: string;
  previousStatus: CertificateStatus;
  status: CertificateStatus | 'DELETED';
}

/**
 * What the registry tells the in-process world (the MQTT broker above all). Emitted after the change
 * is committed.
 */
export interface IotRegistryEvents {
  certificateStatusChanged: [CertificateStatusChange];
  /**
   * Something that decides what these certificates' connections may do changed: a policy attached
   * or detached, a policy's default version, a thing attached or detached, an attached thing's
   * type or attributes. Connections of these certificates should rebuild their authorizer.
   */
  authorizationChanged: [{ certificateIds: readonly string[] }];
  /** A topic rule was created, replaced, deleted, enabled or disabled: the rules engine reloads. */
  topicRulesChanged: [{ ruleName: string }];
}

/** Everything an operation works with. */
export interface IotContext {
  store: IotStore;
  identity: LabIdentity;
  now(): Date;
  /** The lab CA, created on first use of a lab folder. */
  ca(): Promise<LabCa>;
  events: EventEmitter<IotRegistryEvents>;
  /** The hostname DescribeEndpoint answers (and the broker's certificate covers). */
  endpointHost: string;
  /** The lab's S3, in process (bulk registration reads its input and writes its reports there). */
  s3: LocalS3;
  /** Runs `work` after the response, tracked so the service can wait for it on close. */
  runInBackground(work: () => Promise<void>): void;
}

export function iotArn(context: IotContext, resource: string): string {
  return `arn:aws:iot:${context.identity.region}:${context.identity.accountId}:${resource}`;
}

export const thingArn = (context: IotContext, name: string): string => iotArn(context, `thing/${name}`);
export const thingTypeArn = (context: IotContext, name: string): string =>
  iotArn(context, `thingtype/${name}`);
export const certificateArn = (context: IotContext, id: string): string => iotArn(context, `cert/${id}`);
export const policyArn = (context: IotContext, name: string): string => iotArn(context, `policy/${name}`);
export const topicRuleArn = (context: IotContext, name: string): string => iotArn(context, `rule/${name}`);

/** The certificate id named by a certificate ARN of this lab, if it is one. */
export function certificateIdFromArn(context: IotContext, principal: string): string | undefined {
  const prefix = iotArn(context, 'cert/');
  return principal.startsWith(prefix) ? principal.slice(prefix.length) : undefined;
}

/** AWS generation ids are 64 hex digits that change on every update. */
export function newGenerationId(): string {
  return randomBytes(32).toString('hex');
}

/** Emits authorizationChanged for the certificates among these principals, if any. */
export function announceAuthorizationChange(context: IotContext, principals: readonly string[]): void {
  const certificateIds = principals.flatMap((principal) => certificateIdFromArn(context, principal) ?? []);
  if (certificateIds.length > 0) context.events.emit('authorizationChanged', { certificateIds });
}
