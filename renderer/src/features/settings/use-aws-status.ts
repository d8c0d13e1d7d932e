import type { AwsStatus } from '../../api/contract';
import { useEvent, useRequest, type RequestState } from '../../api/hooks';

/** AWS mode's status, kept current by main's `aws.status` events. */
export function useAwsStatus(): RequestState<AwsStatus> {
  const status = useRequest('aws.status');
  useEvent('aws.status', (next) => status.setData(() => next));
  return status;
}
