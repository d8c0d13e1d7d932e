// `cloud.send`, typed from the AWS SDK's own `<Operation>CommandInput/Output` types. Types only: no SDK
// code reaches the renderer (`import type` is erased), main sends the commands (electron/api/cloud-sdk.ts).
import type * as IoT from '@aws-sdk/client-iot';
import type * as S3 from '@aws-sdk/client-s3';
import type * as DynamoDB from '@aws-sdk/client-dynamodb';
import type * as Firehose from '@aws-sdk/client-firehose';
import type * as Glue from '@aws-sdk/client-glue';
import type * as Athena from '@aws-sdk/client-athena';
import type * as STS from '@aws-sdk/client-sts';
import type * as IAM from '@aws-sdk/client-iam';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from './api-provider';
import type {
  ApiErrorInfo,
  ApiResult,
  CloudOperationNames,
  CloudSendInput,
  CloudService,
  LabBridge,
  WireValue,
} from './contract';

interface Op<Input, Output> {
  input: Input;
  output: Output;
}

/** Every operation of the contract's allow-list, with the SDK's input and output. */
interface CloudOperationTypes {
  iot: {
    ListThings: Op<IoT.ListThingsCommandInput, IoT.ListThingsCommandOutput>;
    DescribeThing: Op<IoT.DescribeThingCommandInput, IoT.DescribeThingCommandOutput>;
    CreateThing: Op<IoT.CreateThingCommandInput, IoT.CreateThingCommandOutput>;
    UpdateThing: Op<IoT.UpdateThingCommandInput, IoT.UpdateThingCommandOutput>;
    DeleteThing: Op<IoT.DeleteThingCommandInput, IoT.DeleteThingCommandOutput>;
    ListThingPrincipals: Op<IoT.ListThingPrincipalsCommandInput, IoT.ListThingPrincipalsCommandOutput>;
    AttachThingPrincipal: Op<IoT.AttachThingPrincipalCommandInput, IoT.AttachThingPrincipalCommandOutput>;
    DetachThingPrincipal: Op<IoT.DetachThingPrincipalCommandInput, IoT.DetachThingPrincipalCommandOutput>;
    ListThingTypes: Op<IoT.ListThingTypesCommandInput, IoT.ListThingTypesCommandOutput>;
    DescribeThingType: Op<IoT.DescribeThingTypeCommandInput, IoT.DescribeThingTypeCommandOutput>;
    CreateThingType: Op<IoT.CreateThingTypeCommandInput, IoT.CreateThingTypeCommandOutput>;
    DeprecateThingType: Op<IoT.DeprecateThingTypeCommandInput, IoT.DeprecateThingTypeCommandOutput>;
    DeleteThingType: Op<IoT.DeleteThingTypeCommandInput, IoT.DeleteThingTypeCommandOutput>;
    ListCertificates: Op<IoT.ListCertificatesCommandInput, IoT.ListCertificatesCommandOutput>;
    DescribeCertificate: Op<IoT.DescribeCertificateCommandInput, IoT.DescribeCertificateCommandOutput>;
    UpdateCertificate: Op<IoT.UpdateCertificateCommandInput, IoT.UpdateCertificateCommandOutput>;
    CreateKeysAndCertificate: Op<
      IoT.CreateKeysAndCertificateCommandInput,
      IoT.CreateKeysAndCertificateCommandOutput
    >;
    DeleteCertificate: Op<IoT.DeleteCertificateCommandInput, IoT.DeleteCertificateCommandOutput>;
    ListPrincipalThings: Op<IoT.ListPrincipalThingsCommandInput, IoT.ListPrincipalThingsCommandOutput>;
    ListAttachedPolicies: Op<IoT.ListAttachedPoliciesCommandInput, IoT.ListAttachedPoliciesCommandOutput>;
    AttachPolicy: Op<IoT.AttachPolicyCommandInput, IoT.AttachPolicyCommandOutput>;
    DetachPolicy: Op<IoT.DetachPolicyCommandInput, IoT.DetachPolicyCommandOutput>;
    ListTargetsForPolicy: Op<IoT.ListTargetsForPolicyCommandInput, IoT.ListTargetsForPolicyCommandOutput>;
    ListPolicies: Op<IoT.ListPoliciesCommandInput, IoT.ListPoliciesCommandOutput>;
    GetPolicy: Op<IoT.GetPolicyCommandInput, IoT.GetPolicyCommandOutput>;
    CreatePolicy: Op<IoT.CreatePolicyCommandInput, IoT.CreatePolicyCommandOutput>;
    DeletePolicy: Op<IoT.DeletePolicyCommandInput, IoT.DeletePolicyCommandOutput>;
    ListPolicyVersions: Op<IoT.ListPolicyVersionsCommandInput, IoT.ListPolicyVersionsCommandOutput>;
    GetPolicyVersion: Op<IoT.GetPolicyVersionCommandInput, IoT.GetPolicyVersionCommandOutput>;
    CreatePolicyVersion: Op<IoT.CreatePolicyVersionCommandInput, IoT.CreatePolicyVersionCommandOutput>;
    SetDefaultPolicyVersion: Op<
      IoT.SetDefaultPolicyVersionCommandInput,
      IoT.SetDefaultPolicyVersionCommandOutput
    >;
    DeletePolicyVersion: Op<IoT.DeletePolicyVersionCommandInput, IoT.DeletePolicyVersionCommandOutput>;
    ListTopicRules: Op<IoT.ListTopicRulesCommandInput, IoT.ListTopicRulesCommandOutput>;
    GetTopicRule: Op<IoT.GetTopicRuleCommandInput, IoT.GetTopicRuleCommandOutput>;
    CreateTopicRule: Op<IoT.CreateTopicRuleCommandInput, IoT.CreateTopicRuleCommandOutput>;
    ReplaceTopicRule: Op<IoT.ReplaceTopicRuleCommandInput, IoT.ReplaceTopicRuleCommandOutput>;
    EnableTopicRule: Op<IoT.EnableTopicRuleCommandInput, IoT.EnableTopicRuleCommandOutput>;
    DisableTopicRule: Op<IoT.DisableTopicRuleCommandInput, IoT.DisableTopicRuleCommandOutput>;
    DeleteTopicRule: Op<IoT.DeleteTopicRuleCommandInput, IoT.DeleteTopicRuleCommandOutput>;
    DescribeEndpoint: Op<IoT.DescribeEndpointCommandInput, IoT.DescribeEndpointCommandOutput>;
    ListThingRegistrationTasks: Op<
      IoT.ListThingRegistrationTasksCommandInput,
      IoT.ListThingRegistrationTasksCommandOutput
    >;
    DescribeThingRegistrationTask: Op<
      IoT.DescribeThingRegistrationTaskCommandInput,
      IoT.DescribeThingRegistrationTaskCommandOutput
    >;
    ListThingRegistrationTaskReports: Op<
      IoT.ListThingRegistrationTaskReportsCommandInput,
      IoT.ListThingRegistrationTaskReportsCommandOutput
    >;
    StopThingRegistrationTask: Op<
      IoT.StopThingRegistrationTaskCommandInput,
      IoT.StopThingRegistrationTaskCommandOutput
    >;
  };
  s3: {
    ListBuckets: Op<S3.ListBucketsCommandInput, S3.ListBucketsCommandOutput>;
    CreateBucket: Op<S3.CreateBucketCommandInput, S3.CreateBucketCommandOutput>;
    DeleteBucket: Op<S3.DeleteBucketCommandInput, S3.DeleteBucketCommandOutput>;
    HeadBucket: Op<S3.HeadBucketCommandInput, S3.HeadBucketCommandOutput>;
    GetBucketLocation: Op<S3.GetBucketLocationCommandInput, S3.GetBucketLocationCommandOutput>;
    ListObjectsV2: Op<S3.ListObjectsV2CommandInput, S3.ListObjectsV2CommandOutput>;
    HeadObject: Op<S3.HeadObjectCommandInput, S3.HeadObjectCommandOutput>;
    DeleteObject: Op<S3.DeleteObjectCommandInput, S3.DeleteObjectCommandOutput>;
    DeleteObjects: Op<S3.DeleteObjectsCommandInput, S3.DeleteObjectsCommandOutput>;
  };
  dynamodb: {
    ListTables: Op<DynamoDB.ListTablesCommandInput, DynamoDB.ListTablesCommandOutput>;
    DescribeTable: Op<DynamoDB.DescribeTableCommandInput, DynamoDB.DescribeTableCommandOutput>;
    CreateTable: Op<DynamoDB.CreateTableCommandInput, DynamoDB.CreateTableCommandOutput>;
    DeleteTable: Op<DynamoDB.DeleteTableCommandInput, DynamoDB.DeleteTableCommandOutput>;
    Scan: Op<DynamoDB.ScanCommandInput, DynamoDB.ScanCommandOutput>;
    Query: Op<DynamoDB.QueryCommandInput, DynamoDB.QueryCommandOutput>;
    GetItem: Op<DynamoDB.GetItemCommandInput, DynamoDB.GetItemCommandOutput>;
    DeleteItem: Op<DynamoDB.DeleteItemCommandInput, DynamoDB.DeleteItemCommandOutput>;
    ExecuteStatement: Op<DynamoDB.ExecuteStatementCommandInput, DynamoDB.ExecuteStatementCommandOutput>;
  };
  firehose: {
    ListDeliveryStreams: Op<
      Firehose.ListDeliveryStreamsCommandInput,
      Firehose.ListDeliveryStreamsCommandOutput
    >;
    DescribeDeliveryStream: Op<
      Firehose.DescribeDeliveryStreamCommandInput,
      Firehose.DescribeDeliveryStreamCommandOutput
    >;
    CreateDeliveryStream: Op<
      Firehose.CreateDeliveryStreamCommandInput,
      Firehose.CreateDeliveryStreamCommandOutput
    >;
    DeleteDeliveryStream: Op<
      Firehose.DeleteDeliveryStreamCommandInput,
      Firehose.DeleteDeliveryStreamCommandOutput
    >;
  };
  glue: {
    GetDatabases: Op<Glue.GetDatabasesCommandInput, Glue.GetDatabasesCommandOutput>;
    GetDatabase: Op<Glue.GetDatabaseCommandInput, Glue.GetDatabaseCommandOutput>;
    GetTables: Op<Glue.GetTablesCommandInput, Glue.GetTablesCommandOutput>;
    GetTable: Op<Glue.GetTableCommandInput, Glue.GetTableCommandOutput>;
    GetPartitions: Op<Glue.GetPartitionsCommandInput, Glue.GetPartitionsCommandOutput>;
    GetCrawlers: Op<Glue.GetCrawlersCommandInput, Glue.GetCrawlersCommandOutput>;
    GetCrawler: Op<Glue.GetCrawlerCommandInput, Glue.GetCrawlerCommandOutput>;
    GetCrawlerMetrics: Op<Glue.GetCrawlerMetricsCommandInput, Glue.GetCrawlerMetricsCommandOutput>;
    StartCrawler: Op<Glue.StartCrawlerCommandInput, Glue.StartCrawlerCommandOutput>;
    StopCrawler: Op<Glue.StopCrawlerCommandInput, Glue.StopCrawlerCommandOutput>;
    CreateDatabase: Op<Glue.CreateDatabaseCommandInput, Glue.CreateDatabaseCommandOutput>;
    DeleteDatabase: Op<Glue.DeleteDatabaseCommandInput, Glue.DeleteDatabaseCommandOutput>;
    DeleteTable: Op<Glue.DeleteTableCommandInput, Glue.DeleteTableCommandOutput>;
    CreateCrawler: Op<Glue.CreateCrawlerCommandInput, Glue.CreateCrawlerCommandOutput>;
    UpdateCrawler: Op<Glue.UpdateCrawlerCommandInput, Glue.UpdateCrawlerCommandOutput>;
    DeleteCrawler: Op<Glue.DeleteCrawlerCommandInput, Glue.DeleteCrawlerCommandOutput>;
  };
  athena: {
    ListWorkGroups: Op<Athena.ListWorkGroupsCommandInput, Athena.ListWorkGroupsCommandOutput>;
    GetWorkGroup: Op<Athena.GetWorkGroupCommandInput, Athena.GetWorkGroupCommandOutput>;
    UpdateWorkGroup: Op<Athena.UpdateWorkGroupCommandInput, Athena.UpdateWorkGroupCommandOutput>;
    ListDataCatalogs: Op<Athena.ListDataCatalogsCommandInput, Athena.ListDataCatalogsCommandOutput>;
    ListDatabases: Op<Athena.ListDatabasesCommandInput, Athena.ListDatabasesCommandOutput>;
    ListTableMetadata: Op<Athena.ListTableMetadataCommandInput, Athena.ListTableMetadataCommandOutput>;
    GetTableMetadata: Op<Athena.GetTableMetadataCommandInput, Athena.GetTableMetadataCommandOutput>;
    StartQueryExecution: Op<Athena.StartQueryExecutionCommandInput, Athena.StartQueryExecutionCommandOutput>;
    GetQueryExecution: Op<Athena.GetQueryExecutionCommandInput, Athena.GetQueryExecutionCommandOutput>;
    BatchGetQueryExecution: Op<
      Athena.BatchGetQueryExecutionCommandInput,
      Athena.BatchGetQueryExecutionCommandOutput
    >;
    ListQueryExecutions: Op<Athena.ListQueryExecutionsCommandInput, Athena.ListQueryExecutionsCommandOutput>;
    GetQueryResults: Op<Athena.GetQueryResultsCommandInput, Athena.GetQueryResultsCommandOutput>;
    StopQueryExecution: Op<Athena.StopQueryExecutionCommandInput, Athena.StopQueryExecutionCommandOutput>;
  };
  sts: {
    GetCallerIdentity: Op<STS.GetCallerIdentityCommandInput, STS.GetCallerIdentityCommandOutput>;
  };
  iam: {
    GetRole: Op<IAM.GetRoleCommandInput, IAM.GetRoleCommandOutput>;
    ListRoles: Op<IAM.ListRolesCommandInput, IAM.ListRolesCommandOutput>;
  };
}

/** Fails to compile when the contract names an operation this map lacks. */
type Complete<T extends { [S in CloudService]: { [O in CloudOperationNames[S]]: Op<unknown, unknown> } }> = T;
type Operations = Complete<CloudOperationTypes>;

/** What JSON makes of an SDK value: dates are ISO strings, bytes `{ $base64 }`, no `$metadata`. */
export type Wire<T> = T extends Date
  ? string
  : T extends Uint8Array
    ? { $base64: string }
    : T extends ReadonlyArray<infer U>
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T as K extends '$metadata' ? never : K]: Wire<T[K]> }
        : T;

export type OperationOf<S extends CloudService> = CloudOperationNames[S] & keyof Operations[S];
type Entry<S extends CloudService, O extends OperationOf<S>> =
  Operations[S][O] extends Op<infer I, infer R> ? { input: I; output: R } : never;
export type CloudInput<S extends CloudService, O extends OperationOf<S>> = Wire<Entry<S, O>['input']>;
export type CloudOutput<S extends CloudService, O extends OperationOf<S>> = Wire<Entry<S, O>['output']>;

/** Sends one SDK command through main; AWS's errors come back as `{ code, message }`. */
export async function sendCloud<S extends CloudService, O extends OperationOf<S>>(
  bridge: LabBridge,
  service: S,
  operation: O,
  input: CloudInput<S, O>,
): Promise<ApiResult<CloudOutput<S, O>>> {
  // The wire type of the input is JSON by construction; the contract carries it untyped.
  const request = { service, operation, input: input as { [key: string]: WireValue } } as CloudSendInput;
  const result = await bridge.invoke('cloud.send', request);
  return result as ApiResult<CloudOutput<S, O>>;
}

/** Thrown by `sendOrThrow`: the AWS error code and message. */
export class CloudError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.message);
    this.name = info.code;
  }
}

/** For multi-step actions: the answer, or a CloudError to catch once around all the steps. */
export async function sendOrThrow<S extends CloudService, O extends OperationOf<S>>(
  bridge: LabBridge,
  service: S,
  operation: O,
  input: CloudInput<S, O>,
): Promise<CloudOutput<S, O>> {
  const result = await sendCloud(bridge, service, operation, input);
  if (!result.ok) throw new CloudError(result.error);
  return result.value;
}

export function errorInfoOf(error: unknown): ApiErrorInfo {
  if (error instanceof CloudError) return error.info;
  return { code: 'Error', message: error instanceof Error ? error.message : String(error) };
}

export interface CloudQuery<T> {
  data: T | undefined;
  error: ApiErrorInfo | undefined;
  /** True until the answer for the current input (or the latest reload) has arrived. */
  loading: boolean;
  reload(): void;
}

/**
 * Loads an operation's answer for `input` (compared as JSON), again on `reload()`; nothing is sent
 * while `input` is `null` (e.g. no bucket chosen yet).
 */
export function useCloudQuery<S extends CloudService, O extends OperationOf<S>>(
  service: S,
  operation: O,
  input: CloudInput<S, O> | null,
): CloudQuery<CloudOutput<S, O>> {
  const { bridge } = useApi();
  const [generation, setGeneration] = useState(0);
  const inputKey = input === null ? null : JSON.stringify(input);
  const key = `${service}.${operation}#${generation}#${inputKey}`;
  const [answer, setAnswer] = useState<{
    key: string;
    inputKey?: string;
    result?: ApiResult<CloudOutput<S, O>>;
  }>({ key: '' });

  useEffect(() => {
    if (inputKey === null) return;
    let current = true;
    const answerKey = `${service}.${operation}#${generation}#${inputKey}`;
    void sendCloud(bridge, service, operation, JSON.parse(inputKey) as CloudInput<S, O>).then((result) => {
      if (current) setAnswer({ key: answerKey, inputKey, result });
    });
    return () => {
      current = false;
    };
  }, [bridge, service, operation, inputKey, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  // A reload keeps the answer shown; another input does not show the previous input's answer.
  const result = answer.inputKey === inputKey ? answer.result : undefined;
  return {
    data: result?.ok ? result.value : undefined,
    error: result && !result.ok ? result.error : undefined,
    loading: inputKey !== null && answer.key !== key,
    reload,
  };
}
