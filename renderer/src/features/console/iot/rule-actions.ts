import type { CloudInput, CloudOutput } from '../../../api/cloud-sdk';

/** The rule actions the console edits (the lab's: S3, Firehose, DynamoDBv2, republish); others are kept as they are. */
export type ActionKind = 's3' | 'firehose' | 'dynamoDBv2' | 'republish';
export const ACTION_KINDS: readonly ActionKind[] = ['s3', 'firehose', 'dynamoDBv2', 'republish'];

type RulePayload = NonNullable<CloudInput<'iot', 'CreateTopicRule'>['topicRulePayload']>;
type SdkAction = NonNullable<RulePayload['actions']>[number];
type S3CannedAcl = NonNullable<SdkAction['s3']>['cannedAcl'];
type StoredRule = NonNullable<CloudOutput<'iot', 'GetTopicRule'>['rule']>;
type StoredAction = NonNullable<StoredRule['actions']>[number];

export interface ActionDraft {
  id: number;
  kind: ActionKind;
  bucketName: string;
  key: string;
  cannedAcl: string;
  deliveryStreamName: string;
  /** '' = no separator (the lab's choice: records end to end). */
  separator: string;
  batchMode: boolean;
  tableName: string;
  topic: string;
  qos: 0 | 1;
  /** An action of another kind, kept unchanged. */
  other?: StoredAction;
}

/** The separators AWS accepts for the Firehose action (`([\n\t])|(\r\n)|(,)`). */
export const SEPARATORS: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'none' },
  { value: '\n', label: '\\n' },
  { value: '\r\n', label: '\\r\\n' },
  { value: '\t', label: '\\t' },
  { value: ',', label: ',' },
];

let nextId = 1;

export function newAction(kind: ActionKind): ActionDraft {
  return {
    id: nextId++,
    kind,
    bucketName: '',
    // The lab's key: a folder per topic, an object per message named by its time.
    key: '${topic()}/${timestamp()}',
    cannedAcl: 'private',
    deliveryStreamName: '',
    separator: '',
    batchMode: false,
    tableName: '',
    topic: '',
    qos: 0,
  };
}

export function draftOf(action: StoredAction): ActionDraft {
  if (action.s3) {
    return {
      ...newAction('s3'),
      bucketName: action.s3.bucketName ?? '',
      key: action.s3.key ?? '',
      cannedAcl: action.s3.cannedAcl ?? 'private',
    };
  }
  if (action.firehose) {
    return {
      ...newAction('firehose'),
      deliveryStreamName: action.firehose.deliveryStreamName ?? '',
      separator: action.firehose.separator ?? '',
      batchMode: action.firehose.batchMode ?? false,
    };
  }
  if (action.dynamoDBv2)
    return { ...newAction('dynamoDBv2'), tableName: action.dynamoDBv2.putItem?.tableName ?? '' };
  if (action.republish) {
    return {
      ...newAction('republish'),
      topic: action.republish.topic ?? '',
      qos: action.republish.qos === 1 ? 1 : 0,
    };
  }
  return { ...newAction('s3'), other: action };
}

/** What the draft's resource is called: a bucket, a stream, a table, a topic. */
export function resourceOf(draft: ActionDraft): string {
  switch (draft.kind) {
    case 's3':
      return draft.bucketName;
    case 'firehose':
      return draft.deliveryStreamName;
    case 'dynamoDBv2':
      return draft.tableName;
    case 'republish':
      return draft.topic;
  }
}

export function toSdkAction(draft: ActionDraft, roleArn: string): SdkAction {
  if (draft.other) return draft.other as SdkAction;
  switch (draft.kind) {
    case 's3':
      return {
        s3: {
          roleArn,
          bucketName: draft.bucketName,
          key: draft.key,
          cannedAcl: (draft.cannedAcl || undefined) as S3CannedAcl | undefined,
        },
      };
    case 'firehose':
      return {
        firehose: {
          roleArn,
          deliveryStreamName: draft.deliveryStreamName,
          separator: draft.separator || undefined,
          batchMode: draft.batchMode || undefined,
        },
      };
    case 'dynamoDBv2':
      return { dynamoDBv2: { roleArn, putItem: { tableName: draft.tableName } } };
    case 'republish':
      return { republish: { roleArn, topic: draft.topic, qos: draft.qos } };
  }
}

/** The member name of a stored action (`s3`, `firehose`, …), and what it targets. */
export function describeStoredAction(action: StoredAction): { kind: string; resource: string } {
  const kind =
    Object.keys(action).find((key) => (action as Record<string, unknown>)[key] !== undefined) ?? '?';
  const resource =
    action.s3?.bucketName ??
    action.firehose?.deliveryStreamName ??
    action.dynamoDBv2?.putItem?.tableName ??
    action.dynamoDB?.tableName ??
    action.republish?.topic ??
    '';
  return { kind, resource };
}

/** The role the lab's rules use; AWS Academy has no other. */
export function labRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/LabRole`;
}

/** A stored rule's role (the first action's), else the lab's. */
export function roleOf(rule: StoredRule | undefined, accountId: string): string {
  for (const action of rule?.actions ?? []) {
    const role =
      action.s3?.roleArn ??
      action.firehose?.roleArn ??
      action.dynamoDBv2?.roleArn ??
      action.republish?.roleArn;
    if (role) return role;
  }
  return labRoleArn(accountId);
}
