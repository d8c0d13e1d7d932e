import type {
  CreateWorkGroupOutput,
  DeleteWorkGroupOutput,
  GetWorkGroupOutput,
  ListWorkGroupsOutput,
  UpdateWorkGroupOutput,
  WorkGroup,
  WorkGroupConfiguration,
} from '@aws-sdk/client-athena';
import type { AthenaContext } from '../context.js';
import { invalidRequest, validationFailure } from '../errors.js';
import { parseS3Location } from '../s3-location.js';
import type { WorkGroupRecord } from '../store.js';
import {
  decodeToken,
  optionalInteger,
  optionalObject,
  optionalString,
  page,
  PRIMARY,
  requiredString,
  requireWorkGroup,
  type Input,
  type OperationsContext,
} from './common.js';

/**
 * Work groups: `primary` exists from the start (no output location, as in a new account); others can
 * be created, e.g. with a BytesScannedCutoffPerQuery, which the runner enforces.
 */

const ENGINE_VERSION = { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' };
const NAME_PATTERN = /^[a-zA-Z0-9._-]{1,128}$/;
/** botocore: BytesScannedCutoffPerQuery has min 10000000 (10 MB). */
const MINIMUM_CUTOFF = 10_000_000;

export function ensurePrimaryWorkGroup(context: AthenaContext): void {
  if (context.store.getWorkGroup(PRIMARY)) return;
  context.store.putWorkGroup({
    name: PRIMARY,
    state: 'ENABLED',
    configuration: {
      EnforceWorkGroupConfiguration: false,
      PublishCloudWatchMetricsEnabled: false,
      RequesterPaysEnabled: false,
      EngineVersion: ENGINE_VERSION,
    },
    createdAt: context.now(),
  });
}

function readConfiguration(
  configuration: Input | undefined,
  base: WorkGroupConfiguration,
): WorkGroupConfiguration {
  if (!configuration) return base;
  const result: WorkGroupConfiguration = { ...base };
  const resultConfiguration =
    optionalObject(configuration, 'ResultConfiguration') ??
    optionalObject(configuration, 'ResultConfigurationUpdates');
  if (resultConfiguration) {
    const location = optionalString(resultConfiguration, 'OutputLocation');
    if (location !== undefined && !parseS3Location(location))
      throw invalidRequest('outputLocation is not a valid S3 path.', 'INVALID_INPUT');
    if (resultConfiguration.RemoveOutputLocation === true) delete result.ResultConfiguration;
    else if (location !== undefined)
      result.ResultConfiguration = { ...result.ResultConfiguration, OutputLocation: location };
  }
  for (const flag of [
    'EnforceWorkGroupConfiguration',
    'PublishCloudWatchMetricsEnabled',
    'RequesterPaysEnabled',
  ] as const) {
    if (typeof configuration[flag] === 'boolean') result[flag] = configuration[flag];
  }
  const cutoff = configuration.BytesScannedCutoffPerQuery;
  if (cutoff !== undefined && cutoff !== null) {
    if (typeof cutoff !== 'number' || cutoff < MINIMUM_CUTOFF) {
      throw validationFailure(
        'workGroupConfiguration.bytesScannedCutoffPerQuery',
        `Member must have value greater than or equal to ${MINIMUM_CUTOFF}`,
        cutoff,
      );
    }
    result.BytesScannedCutoffPerQuery = cutoff;
  }
  if (configuration.RemoveBytesScannedCutoffPerQuery === true) delete result.BytesScannedCutoffPerQuery;
  return result;
}

const toWorkGroup = (record: WorkGroupRecord): WorkGroup => ({
  Name: record.name,
  State: record.state,
  Configuration: record.configuration,
  ...(record.description === undefined ? {} : { Description: record.description }),
  CreationTime: new Date(record.createdAt),
});

export function GetWorkGroup(context: OperationsContext, input: Input): GetWorkGroupOutput {
  return { WorkGroup: toWorkGroup(requireWorkGroup(context, requiredString(input, 'WorkGroup', 1, 128))) };
}

export function ListWorkGroups(context: OperationsContext, input: Input): ListWorkGroupsOutput {
  const limit = optionalInteger(input, 'MaxResults', 1, 50) ?? 50;
  const after = decodeToken(optionalString(input, 'NextToken', 1, 1024));
  const all = context.store.listWorkGroups();
  const start = after === undefined ? 0 : all.findIndex((record) => record.name === after) + 1;
  const { items, nextToken } = page(all.slice(start), limit, (record) => record.name);
  return {
    WorkGroups: items.map((record) => ({
      Name: record.name,
      State: record.state,
      ...(record.description === undefined ? {} : { Description: record.description }),
      CreationTime: new Date(record.createdAt),
      EngineVersion: ENGINE_VERSION,
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

export function CreateWorkGroup(context: OperationsContext, input: Input): CreateWorkGroupOutput {
  const name = requiredString(input, 'Name', 1, 128);
  if (!NAME_PATTERN.test(name))
    throw validationFailure(
      'name',
      'Member must satisfy regular expression pattern: [a-zA-Z0-9._-]{1,128}',
      name,
    );
  if (context.store.getWorkGroup(name)) throw invalidRequest('WorkGroup is already created', 'INVALID_INPUT');
  const description = optionalString(input, 'Description', 0, 1024);
  context.store.putWorkGroup({
    name,
    state: 'ENABLED',
    configuration: readConfiguration(optionalObject(input, 'Configuration'), {
      EnforceWorkGroupConfiguration: true,
      PublishCloudWatchMetricsEnabled: true,
      RequesterPaysEnabled: false,
      EngineVersion: ENGINE_VERSION,
    }),
    createdAt: context.now(),
    ...(description === undefined ? {} : { description }),
  });
  return {};
}

export function UpdateWorkGroup(context: OperationsContext, input: Input): UpdateWorkGroupOutput {
  const record = requireWorkGroup(context, requiredString(input, 'WorkGroup', 1, 128));
  const description = optionalString(input, 'Description', 0, 1024);
  const state = optionalString(input, 'State');
  if (state !== undefined && state !== 'ENABLED' && state !== 'DISABLED')
    throw validationFailure('state', 'Member must satisfy enum value set: [ENABLED, DISABLED]', state);
  context.store.putWorkGroup({
    ...record,
    ...(description === undefined ? {} : { description }),
    ...(state === undefined ? {} : { state }),
    configuration: readConfiguration(optionalObject(input, 'ConfigurationUpdates'), record.configuration),
  });
  return {};
}

export function DeleteWorkGroup(context: OperationsContext, input: Input): DeleteWorkGroupOutput {
  const name = requiredString(input, 'WorkGroup', 1, 128);
  if (name === PRIMARY) throw invalidRequest('Cannot delete the primary workgroup.', 'INVALID_INPUT');
  requireWorkGroup(context, name);
  context.store.deleteWorkGroup(name);
  return {};
}
