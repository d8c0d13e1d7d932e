import { useEffect } from 'react';

/**
 * Calls `reload` every `intervalMs` while `active`: a resource in a passing state (CREATING,
 * RUNNING…) is followed until it settles.
 */
export function usePolling(reload: () => void, active: boolean, intervalMs = 1000): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, intervalMs);
    return () => clearInterval(timer);
  }, [reload, active, intervalMs]);
}
