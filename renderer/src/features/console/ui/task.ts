import { useCallback, useState } from 'react';
import type { ApiErrorInfo } from '../../../api/contract';
import { errorInfoOf } from '../../../api/cloud-sdk';

export interface Task {
  run(work: (report: (step: string) => void) => Promise<void>): Promise<boolean>;
  pending: boolean;
  /** The step running now (long, multi-call actions say where they are). */
  step: string | undefined;
  error: ApiErrorInfo | undefined;
  reset(): void;
}

/** A user action of one or more SDK calls: pending, its current step, the AWS error that stopped it. */
export function useTask(): Task {
  const [pending, setPending] = useState(false);
  const [step, setStep] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiErrorInfo | undefined>(undefined);
  const run = useCallback(async (work: (report: (step: string) => void) => Promise<void>) => {
    setPending(true);
    setError(undefined);
    setStep(undefined);
    try {
      await work(setStep);
      return true;
    } catch (caught) {
      setError(errorInfoOf(caught));
      return false;
    } finally {
      setPending(false);
      setStep(undefined);
    }
  }, []);
  const reset = useCallback(() => {
    setError(undefined);
    setStep(undefined);
  }, []);
  return { run, pending, step, error, reset };
}
