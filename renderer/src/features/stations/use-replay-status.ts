import type { ReplayStatus } from '../../api/contract';
import { useEvent, useRequest, type RequestState } from '../../api/hooks';

/** The replay's status, kept current by the `replay.progress` events (every 250 ms while it runs). */
export function useReplayStatus(): RequestState<ReplayStatus> {
  const status = useRequest('replay.status');
  useEvent('replay.progress', (next) => status.setData(() => next));
  return status;
}

export function isReplayActive(status: ReplayStatus | undefined): boolean {
  return status?.state === 'running' || status?.state === 'paused' || status?.state === 'stopping';
}
