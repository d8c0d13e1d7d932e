import type {
  CreateDeliveryStreamInput,
  CreateDeliveryStreamOutput,
  DeleteDeliveryStreamInput,
  DeleteDeliveryStreamOutput,
  DeliveryStreamDescription,
  DeliveryStreamType,
  DescribeDeliveryStreamInput,
  DescribeDeliveryStreamOutput,
  ListDeliveryStreamsInput,
  ListDeliveryStreamsOutput,
  UpdateDestinationInput,
  UpdateDestinationOutput,
} from '@aws-sdk/client-firehose';
import { AwsError } from '../../protocols/aws-error.js';
import type { FirehoseContext } from '../context.js';
import type { StreamRecord } from '../store.js';
import {
  checkStreamName,
  constraint,
  invalidArgument,
  isActive,
  optionalInteger,
  optionalString,
  optionalStructure,
  requireStream,
  streamArn,
  validationErrors,
} from './common.js';
import {
  DESTINATION_ID,
  describeDestination,
  destinationFromConfiguration,
  mergeDestinationUpdate,
} from './destination.js';

/** The control plane: delivery streams with one S3 destination each. AWS: Firehose API Reference. */

const STREAM_TYPES = ['DirectPut', 'KinesisStreamAsSource', 'MSKAsSource', 'DatabaseAsSource'] as const;
const S3_CONFIGURATIONS = ['ExtendedS3DestinationConfiguration', 'S3DestinationConfiguration'] as const;
const OTHER_CONFIGURATIONS = [
  'RedshiftDestinationConfiguration',
  'ElasticsearchDestinationConfiguration',
  'AmazonopensearchserviceDestinationConfiguration',
  'SplunkDestinationConfiguration',
  'HttpEndpointDestinationConfiguration',
  'AmazonOpenSearchServerlessDestinationConfiguration',
  'SnowflakeDestinationConfiguration',
  'IcebergDestinationConfiguration',
] as const;
const DEFAULT_LIST_LIMIT = 10;

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
/** A member of a request read by name (the request is parsed JSON, whatever its SDK type says). */
const member = (input: object, name: string): unknown =>
  Object.hasOwn(input, name) ? Reflect.get(input, name) : undefined;
const given = (input: object, name: string): boolean =>
  member(input, name) !== undefined && member(input, name) !== null;

function checkStreamType(value: unknown, field: string): DeliveryStreamType | undefined {
  const type = optionalString(value);
  if (type !== undefined && !(STREAM_TYPES as readonly string[]).includes(type)) {
    throw validationErrors([
      constraint(type, field, `Member must satisfy enum value set: [${STREAM_TYPES.join(', ')}]`),
    ]);
  }
  return type as DeliveryStreamType | undefined;
}

function checkLimit(value: unknown, field: string): number | undefined {
  const limit = optionalInteger(value);
  if (limit !== undefined && limit < 1)
    throw validationErrors([constraint(limit, field, 'Member must have value greater than or equal to 1')]);
  if (limit !== undefined && limit > 10000)
    throw validationErrors([constraint(limit, field, 'Member must have value less than or equal to 10000')]);
  return limit;
}

function statusOf(context: FirehoseContext, stream: StreamRecord): 'CREATING' | 'ACTIVE' {
  return isActive(context, stream) ? 'ACTIVE' : 'CREATING';
}

export function CreateDeliveryStream(
  context: FirehoseContext,
  input: CreateDeliveryStreamInput,
): CreateDeliveryStreamOutput {
  const name = checkStreamName(input.DeliveryStreamName);
  const type = checkStreamType(input.DeliveryStreamType, 'deliveryStreamType') ?? 'DirectPut';
  const chosen = [...S3_CONFIGURATIONS, ...OTHER_CONFIGURATIONS].filter((key) => given(input, key));
  if (chosen.length !== 1)
    throw invalidArgument('Exactly one destination configuration is supported for a Firehose');
  if (type !== 'DirectPut')
    throw invalidArgument(`DeliveryStreamType ${type} is not supported by the local cloud: use DirectPut.`);
  if (given(input, 'DeliveryStreamEncryptionConfigurationInput')) {
    throw invalidArgument(
      'Server-side encryption (DeliveryStreamEncryptionConfigurationInput) is not supported by the local cloud.',
    );
  }
  const key = chosen[0] ?? '';
  if (key !== 'ExtendedS3DestinationConfiguration' && key !== 'S3DestinationConfiguration') {
    throw invalidArgument(`${key} is not supported by the local cloud: it delivers to Amazon S3 only.`);
  }
  const configuration = optionalStructure(member(input, key)) ?? {};
  const destination = destinationFromConfiguration(configuration, camel(key));
  if (context.store.getStream(name)) {
    throw new AwsError(
      'ResourceInUseException',
      `Firehose ${name} under accountId ${context.identity.accountId} already exists`,
    );
  }
  const now = context.now();
  // AWS: a new stream is CREATING for a while; offline for `activationMs` (see README).
  context.store.createStream({
    name,
    version: 1,
    createdAt: now,
    activeAt: now + context.activationMs,
    configuredAs: key === 'S3DestinationConfiguration' ? 'S3' : 'ExtendedS3',
    destination,
  });
  return { DeliveryStreamARN: streamArn(context, name) };
}

export function DescribeDeliveryStream(
  context: FirehoseContext,
  input: DescribeDeliveryStreamInput,
): DescribeDeliveryStreamOutput {
  const name = checkStreamName(input.DeliveryStreamName);
  checkLimit(input.Limit, 'limit');
  const startAfter = optionalString(input.ExclusiveStartDestinationId);
  const stream = requireStream(context, name);
  const description: DeliveryStreamDescription = {
    DeliveryStreamName: stream.name,
    DeliveryStreamARN: streamArn(context, stream.name),
    DeliveryStreamStatus: statusOf(context, stream),
    DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
    DeliveryStreamType: 'DirectPut',
    VersionId: String(stream.version),
    CreateTimestamp: new Date(stream.createdAt),
    ...(stream.updatedAt === undefined ? {} : { LastUpdateTimestamp: new Date(stream.updatedAt) }),
    // AWS: one destination per stream; ExclusiveStartDestinationId pages past it.
    Destinations: startAfter === DESTINATION_ID ? [] : [describeDestination(stream.destination)],
    HasMoreDestinations: false,
  };
  return { DeliveryStreamDescription: description };
}

export function ListDeliveryStreams(
  context: FirehoseContext,
  input: ListDeliveryStreamsInput,
): ListDeliveryStreamsOutput {
  const limit = checkLimit(input.Limit, 'limit') ?? DEFAULT_LIST_LIMIT;
  const type = checkStreamType(input.DeliveryStreamType, 'deliveryStreamType');
  const start = input.ExclusiveStartDeliveryStreamName;
  if (start !== undefined && start !== null) checkStreamName(start, 'exclusiveStartDeliveryStreamName');
  // AWS: names in alphabetical order, starting right after ExclusiveStartDeliveryStreamName (which need not exist).
  const names = context.store
    .streams()
    .filter(() => type === undefined || type === 'DirectPut')
    .map((stream) => stream.name)
    .filter((name) => start === undefined || start === null || name > start);
  return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
}

export function DeleteDeliveryStream(
  context: FirehoseContext,
  input: DeleteDeliveryStreamInput,
): DeleteDeliveryStreamOutput {
  const name = checkStreamName(input.DeliveryStreamName);
  const stream = requireStream(context, name);
  // AWS: "You can't delete a Firehose stream that is in the CREATING state."
  if (!isActive(context, stream)) {
    throw new AwsError(
      'ResourceInUseException',
      `Firehose ${name} under account ${context.identity.accountId} is in CREATING state and cannot be deleted yet.`,
    );
  }
  // AWS: "Deletes a Firehose stream and its data": what it still buffers is discarded, not delivered.
  context.store.deleteStream(stream);
  context.delivery.forget(stream.id);
  return {};
}

export function UpdateDestination(
  context: FirehoseContext,
  input: UpdateDestinationInput,
): UpdateDestinationOutput {
  const name = checkStreamName(input.DeliveryStreamName);
  const errors: string[] = [];
  const version = input.CurrentDeliveryStreamVersionId;
  const destinationId = input.DestinationId;
  if (version === undefined || version === null)
    errors.push(constraint(null, 'currentDeliveryStreamVersionId', 'Member must not be null'));
  else if (!/^[0-9]{1,50}$/.test(String(version))) {
    errors.push(
      constraint(
        version,
        'currentDeliveryStreamVersionId',
        'Member must satisfy regular expression pattern: [0-9]+',
      ),
    );
  }
  if (destinationId === undefined || destinationId === null)
    errors.push(constraint(null, 'destinationId', 'Member must not be null'));
  if (errors.length > 0) throw validationErrors(errors);
  const stream = requireStream(context, name);
  if (!isActive(context, stream)) {
    throw new AwsError(
      'ResourceInUseException',
      `Firehose ${name} under account ${context.identity.accountId} is in CREATING state.`,
    );
  }
  if (String(version) !== String(stream.version)) {
    throw new AwsError(
      'ConcurrentModificationException',
      `Cannot update firehose: ${name} since the current version id: ${stream.version} and specified version id: ${String(version)} do not match`,
    );
  }
  if (destinationId !== DESTINATION_ID)
    throw invalidArgument(`Destination ${String(destinationId)} not found for Firehose ${name}.`);
  const updates = ['ExtendedS3DestinationUpdate', 'S3DestinationUpdate'].filter((key) => given(input, key));
  const others = Object.keys(input).filter(
    (key) => key.endsWith('DestinationUpdate') && !updates.includes(key) && given(input, key),
  );
  if (others.length > 0)
    throw invalidArgument(
      `${others.join(', ')} is not supported by the local cloud: the destination is Amazon S3.`,
    );
  if (updates.length !== 1)
    throw invalidArgument('Exactly one of ExtendedS3DestinationUpdate and S3DestinationUpdate is required.');
  const key = updates[0] ?? '';
  const raw = optionalStructure(member(input, key)) ?? {};
  const destination = mergeDestinationUpdate(stream.destination, raw, camel(key));
  // What is buffered was sent under the old configuration: it goes out with it (and its version) first.
  // If S3 refuses it (e.g. the update fixes a wrong bucket), it stays and goes out with the new one.
  context.delivery.drain(stream);
  context.store.updateStream(stream, destination, context.now());
  context.delivery.reschedule();
  return {};
}
