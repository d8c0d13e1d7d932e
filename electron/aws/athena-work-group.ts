import {
  CreateWorkGroupCommand,
  GetWorkGroupCommand,
  UpdateWorkGroupCommand,
  type AthenaClient,
} from '@aws-sdk/client-athena';

/**
 * The app's Athena work group on AWS: queries from the SQL panel run there, and a per-query
 * bytes-scanned cutoff cancels a runaway scan before it costs much (Athena bills every byte scanned).
 * AWS: https://docs.aws.amazon.com/athena/latest/ug/workgroups-setting-control-limits-cloudwatch.html
 */
export const LAB_WORK_GROUP = 'iot-lab';
/** 1 GB per query (as the Athena console counts): the lab's whole year of readings is far smaller. */
export const LAB_BYTES_SCANNED_CUTOFF = 1_000_000_000;

export interface LabWorkGroup {
  name: string;
  bytesScannedCutoff?: number;
  created: boolean;
}

/** Creates the work group if missing, adds the cutoff if it has none; leaves everything else alone. */
export async function ensureLabWorkGroup(athena: AthenaClient, outputLocation: string): Promise<LabWorkGroup> {
  let existing;
  try {
    existing = (await athena.send(new GetWorkGroupCommand({ WorkGroup: LAB_WORK_GROUP }))).WorkGroup;
  } catch (error) {
    // AWS: a missing work group is an InvalidRequestException ("WorkGroup iot-lab is not found").
    if (!(error instanceof Error) || error.name !== 'InvalidRequestException') throw error;
  }
  if (!existing) {
    await athena.send(
      new CreateWorkGroupCommand({
        Name: LAB_WORK_GROUP,
        Description: 'IoT Lab: the SQL panel queries here; each query may scan at most 1 GB.',
        Configuration: {
          ResultConfiguration: { OutputLocation: outputLocation },
          BytesScannedCutoffPerQuery: LAB_BYTES_SCANNED_CUTOFF,
          PublishCloudWatchMetricsEnabled: false,
        },
      }),
    );
    return { name: LAB_WORK_GROUP, bytesScannedCutoff: LAB_BYTES_SCANNED_CUTOFF, created: true };
  }
  const cutoff = existing.Configuration?.BytesScannedCutoffPerQuery;
  if (cutoff !== undefined) return { name: LAB_WORK_GROUP, bytesScannedCutoff: cutoff, created: false };
  await athena.send(
    new UpdateWorkGroupCommand({
      WorkGroup: LAB_WORK_GROUP,
      ConfigurationUpdates: { BytesScannedCutoffPerQuery: LAB_BYTES_SCANNED_CUTOFF },
    }),
  );
  return { name: LAB_WORK_GROUP, bytesScannedCutoff: LAB_BYTES_SCANNED_CUTOFF, created: false };
}
