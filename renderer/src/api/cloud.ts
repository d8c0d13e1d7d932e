import type { CloudStatus } from './contract';
import { useEvent, useRequest, type RequestState } from './hooks';

/** The local cloud's status, kept current by the `cloud.status` events. */
export function useCloudStatus(): RequestState<CloudStatus> {
  const status = useRequest('cloud.status');
  useEvent('cloud.status', (next) => status.setData(() => next));
  return status;
}
