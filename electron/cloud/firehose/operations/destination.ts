import type {
  CloudWatchLoggingOptions,
  DestinationDescription,
  S3DestinationDescription,
} from '@aws-sdk/client-firehose';
import { isKnownTimeZone } from '../date-pattern.js';
import { compilePrefixes } from '../object-key.js';
import type { CompressionFormat, S3Destination } from '../store.js';
import {
  constraint,
  invalidArgument,
  optionalInteger,
  optionalString,
  optionalStructure,
  serializationError,
  validationErrors,
} from './common.js';

/**
 * S3 destinations: ExtendedS3DestinationConfiguration and the legacy S3DestinationConfiguration
 * (and their *Update forms) checked against the botocore model and AWS's defaults
 * (BufferingHints 5 MiB / 300 s, UNCOMPRESSED), and described back as DescribeDeliveryStream does.
 */

export const DESTINATION_ID = 'destinationId-000000000001';

const COMPRESSION_FORMATS = ['UNCOMPRESSED', 'GZIP', 'ZIP', 'Snappy', 'HADOOP_SNAPPY'] as const;
// AWS: SizeInMBs 1–128 (default 5), IntervalInSeconds 0–900 (default 300; 0 = zero buffering). botocore IntervalInSeconds min 0.
const DEFAULT_SIZE_MB = 5;
const DEFAULT_INTERVAL_S = 300;

/** Options that change what Firehose does with the data; offline they are refused, never ignored. */
function refuseUnsupported(raw: Record<string, unknown>, field: string): void {
  const enabled = (name: string, defaultEnabled: boolean): boolean => {
    const option = optionalStructure(raw[name]);
    return option !== undefined && (option.Enabled === undefined ? defaultEnabled : option.Enabled === true);
  };
  const unsupported = (what: string) =>
    invalidArgument(`${field}: ${what} is not supported by the local cloud (see the Firehose README).`);
  if (enabled('ProcessingConfiguration', false))
    throw unsupported('data transformation (ProcessingConfiguration)');
  // AWS: DataFormatConversionConfiguration.Enabled defaults to true when the structure is given.
  if (enabled('DataFormatConversionConfiguration', true)) throw unsupported('record format conversion');
  if (enabled('DynamicPartitioningConfiguration', false)) throw unsupported('dynamic partitioning');
  if (raw.S3BackupMode === 'Enabled') throw unsupported('S3 backup');
  const encryption = optionalStructure(raw.EncryptionConfiguration);
  if (encryption?.KMSEncryptionConfig !== undefined && encryption.KMSEncryptionConfig !== null)
    throw unsupported('KMS encryption');
}

function checkArn(value: unknown, field: string, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw validationErrors([constraint(null, field, 'Member must not be null')]);
    return undefined;
  }
  if (typeof value !== 'string') throw serializationError();
  const errors: string[] = [];
  if (!/^arn:/.test(value))
    errors.push(constraint(value, field, 'Member must satisfy regular expression pattern: arn:.*'));
  if (value.length > max)
    errors.push(constraint(value, field, `Member must have length less than or equal to ${max}`));
  if (errors.length > 0) throw validationErrors(errors);
  return value;
}

function checkBucketArn(value: string | undefined): void {
  // The bucket name is all Firehose needs; a bucket that does not exist is only found at delivery (AWS too).
  if (value !== undefined && !/^arn:aws[a-z-]*:s3:::[^/]+$/.test(value)) {
    throw invalidArgument(`BucketARN ${value} is not a valid S3 bucket ARN (arn:aws:s3:::<bucket-name>).`);
  }
}

function checkPrefix(value: unknown, field: string): string | undefined {
  const prefix = optionalString(value);
  if (prefix !== undefined && prefix.length > 1024) {
    throw validationErrors([constraint(prefix, field, 'Member must have length less than or equal to 1024')]);
  }
  return prefix;
}

function checkBufferingHints(
  value: unknown,
  field: string,
): { sizeInMBs: number; intervalInSeconds: number } | undefined {
  const hints = optionalStructure(value);
  if (!hints) return undefined;
  const size = optionalInteger(hints.SizeInMBs);
  const interval = optionalInteger(hints.IntervalInSeconds);
  const errors: string[] = [];
  if (size !== undefined && size < 1)
    errors.push(constraint(size, `${field}.sizeInMBs`, 'Member must have value greater than or equal to 1'));
  if (size !== undefined && size > 128)
    errors.push(constraint(size, `${field}.sizeInMBs`, 'Member must have value less than or equal to 128'));
  if (interval !== undefined && interval < 0) {
    errors.push(
      constraint(interval, `${field}.intervalInSeconds`, 'Member must have value greater than or equal to 0'),
    );
  }
  if (interval !== undefined && interval > 900) {
    errors.push(
      constraint(interval, `${field}.intervalInSeconds`, 'Member must have value less than or equal to 900'),
    );
  }
  if (errors.length > 0) throw validationErrors(errors);
  // AWS (BufferingHints): "if you specify a value for one of them, you must also provide a value for the other".
  if ((size === undefined) !== (interval === undefined)) {
    throw invalidArgument('BufferingHints must specify both SizeInMBs and IntervalInSeconds, or neither.');
  }
  return size === undefined || interval === undefined
    ? undefined
    : { sizeInMBs: size, intervalInSeconds: interval };
}

function checkCompression(value: unknown, field: string): CompressionFormat | undefined {
  const format = optionalString(value);
  if (format === undefined) return undefined;
  if (!(COMPRESSION_FORMATS as readonly string[]).includes(format)) {
    throw validationErrors([
      constraint(format, field, `Member must satisfy enum value set: [${COMPRESSION_FORMATS.join(', ')}]`),
    ]);
  }
  if (format !== 'UNCOMPRESSED' && format !== 'GZIP') {
    throw invalidArgument(
      `CompressionFormat ${format} is not supported by the local cloud: use UNCOMPRESSED or GZIP.`,
    );
  }
  return format;
}

function checkFileExtension(value: unknown, field: string): string | undefined {
  const extension = optionalString(value);
  // botocore FileExtension: ^$|\.[0-9a-z!\-_.*'()]+, at most 128 characters.
  if (extension !== undefined && (!/^$|^\.[0-9a-z!\-_.*'()]+$/.test(extension) || extension.length > 128)) {
    throw validationErrors([
      constraint(
        extension,
        field,
        "Member must satisfy regular expression pattern: ^$|\\.[0-9a-z!\\-_.*'()]+",
      ),
    ]);
  }
  return extension || undefined;
}

function checkTimeZone(value: unknown): string | undefined {
  const zone = optionalString(value);
  if (!zone) return undefined;
  if (!isKnownTimeZone(zone)) throw invalidArgument(`CustomTimeZone ${zone} is not a supported time zone.`);
  return zone;
}

/** Fields common to a configuration and an update, each undefined when not given. */
function readFields(
  raw: Record<string, unknown>,
  field: string,
  requireArns: boolean,
): Partial<S3Destination> {
  refuseUnsupported(raw, field);
  const roleArn = checkArn(raw.RoleARN, `${field}.roleARN`, 512, requireArns);
  const bucketArn = checkArn(raw.BucketARN, `${field}.bucketARN`, 2048, requireArns);
  checkBucketArn(bucketArn);
  const hints = checkBufferingHints(raw.BufferingHints, `${field}.bufferingHints`);
  const logging = optionalStructure(raw.CloudWatchLoggingOptions);
  const fields: Partial<S3Destination> = {
    roleArn,
    bucketArn,
    prefix: checkPrefix(raw.Prefix, `${field}.prefix`),
    errorOutputPrefix: checkPrefix(raw.ErrorOutputPrefix, `${field}.errorOutputPrefix`),
    sizeInMBs: hints?.sizeInMBs,
    intervalInSeconds: hints?.intervalInSeconds,
    compression: checkCompression(raw.CompressionFormat, `${field}.compressionFormat`),
    fileExtension: checkFileExtension(raw.FileExtension, `${field}.fileExtension`),
    customTimeZone: checkTimeZone(raw.CustomTimeZone),
    cloudWatchLoggingOptions: logging as CloudWatchLoggingOptions | undefined,
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<S3Destination>;
}

function checkPrefixRules(destination: S3Destination): S3Destination {
  compilePrefixes(destination.prefix, destination.errorOutputPrefix);
  return destination;
}

/** A destination from CreateDeliveryStream's (Extended)S3DestinationConfiguration. */
export function destinationFromConfiguration(raw: Record<string, unknown>, field: string): S3Destination {
  const fields = readFields(raw, field, true);
  return checkPrefixRules({
    sizeInMBs: DEFAULT_SIZE_MB,
    intervalInSeconds: DEFAULT_INTERVAL_S,
    compression: 'UNCOMPRESSED',
    roleArn: '',
    bucketArn: '',
    ...fields,
  });
}

/** AWS (UpdateDestination): "The service then performs a merge of the old configuration with the new configuration." */
export function mergeDestinationUpdate(
  current: S3Destination,
  raw: Record<string, unknown>,
  field: string,
): S3Destination {
  return checkPrefixRules({ ...current, ...readFields(raw, field, false) });
}

function s3Description(destination: S3Destination): S3DestinationDescription {
  return {
    RoleARN: destination.roleArn,
    BucketARN: destination.bucketArn,
    ...(destination.prefix === undefined ? {} : { Prefix: destination.prefix }),
    ...(destination.errorOutputPrefix === undefined
      ? {}
      : { ErrorOutputPrefix: destination.errorOutputPrefix }),
    BufferingHints: { SizeInMBs: destination.sizeInMBs, IntervalInSeconds: destination.intervalInSeconds },
    CompressionFormat: destination.compression,
    EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
    CloudWatchLoggingOptions: destination.cloudWatchLoggingOptions ?? { Enabled: false },
  };
}

/** DescribeDeliveryStream's Destinations[0]: both descriptions, as AWS returns for S3 destinations. */
export function describeDestination(destination: S3Destination): DestinationDescription {
  const s3 = s3Description(destination);
  return {
    DestinationId: DESTINATION_ID,
    S3DestinationDescription: s3,
    ExtendedS3DestinationDescription: {
      ...s3,
      S3BackupMode: 'Disabled',
      ...(destination.fileExtension ? { FileExtension: destination.fileExtension } : {}),
      ...(destination.customTimeZone ? { CustomTimeZone: destination.customTimeZone } : {}),
    },
  };
}
