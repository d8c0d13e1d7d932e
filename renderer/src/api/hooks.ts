import { useCallback, useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import type {
  ApiErrorInfo,
  ApiResult,
  EventName,
  EventPayload,
  RequestArgs,
  RequestName,
  RequestOutput,
} from './contract';
import { useApi } from './api-provider';
import type { ConnectionState } from './connection';

export interface RequestState<T> {
  /** The latest answer; kept while a reload runs. */
  data: T | undefined;
  error: ApiErrorInfo | undefined;
  /** True until the answer for the current input (or the latest reload) has arrived. */
  loading: boolean;
  reload(): void;
  /** Replaces the data, e.g. with what an event brought. */
  setData(update: (previous: T | undefined) => T): void;
}

interface Answer<T> {
  /** Which input and reload the answer is for. */
  key: string;
  result: ApiResult<T> | undefined;
}

/** Asks main once per distinct input (inputs are compared as JSON, as they travel). */
export function useRequest<N extends RequestName>(
  name: N,
  ...args: RequestArgs<N>
): RequestState<RequestOutput<N>> {
  const { bridge } = useApi();
  const [generation, setGeneration] = useState(0);
  const inputKey = JSON.stringify(args);
  const key = `${name}#${generation}#${inputKey}`;
  const [answer, setAnswer] = useState<Answer<RequestOutput<N>>>({ key: '', result: undefined });

  useEffect(() => {
    let current = true;
    const input = JSON.parse(inputKey) as RequestArgs<N>;
    void bridge.invoke(name, ...input).then((result) => {
      if (current) setAnswer({ key: `${name}#${generation}#${inputKey}`, result });
    });
    return () => {
      current = false;
    };
  }, [bridge, name, inputKey, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback((update: (previous: RequestOutput<N> | undefined) => RequestOutput<N>) => {
    setAnswer((previous) => ({
      key: previous.key,
      result: { ok: true, value: update(previous.result?.ok ? previous.result.value : undefined) },
    }));
  }, []);

  const { result } = answer;
  return {
    data: result?.ok ? result.value : undefined,
    error: result && !result.ok ? result.error : undefined,
    loading: answer.key !== key,
    reload,
    setData,
  };
}

/** Calls `listener` for each event `name` main sends, while the component is mounted. */
export function useEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const { bridge } = useApi();
  const onEvent = useEffectEvent(listener);
  useEffect(() => bridge.subscribe(name, (payload) => onEvent(payload)), [bridge, name]);
}

export function useConnectionState(): ConnectionState {
  const { connection } = useApi();
  return useSyncExternalStore(connection.subscribe, connection.get);
}

export interface ActionState<N extends RequestName> {
  /** Sends the request; the answer also lands in `data` / `error`. */
  run(...args: RequestArgs<N>): Promise<ApiResult<RequestOutput<N>>>;
  /** True while a request sent by `run` is unanswered. */
  pending: boolean;
  data: RequestOutput<N> | undefined;
  error: ApiErrorInfo | undefined;
  reset(): void;
}

/** A request the user triggers (a button), as opposed to `useRequest`'s data loaded on display. */
export function useAction<N extends RequestName>(name: N): ActionState<N> {
  const { bridge } = useApi();
  const [pending, setPending] = useState(0);
  const [result, setResult] = useState<ApiResult<RequestOutput<N>> | undefined>(undefined);

  const run = useCallback(
    async (...args: RequestArgs<N>): Promise<ApiResult<RequestOutput<N>>> => {
      setPending((count) => count + 1);
      try {
        const answer = await bridge.invoke(name, ...args);
        setResult(answer);
        return answer;
      } finally {
        setPending((count) => count - 1);
      }
    },
    [bridge, name],
  );
  const reset = useCallback(() => setResult(undefined), []);

  return {
    run,
    pending: pending > 0,
    data: result?.ok ? result.value : undefined,
    error: result && !result.ok ? result.error : undefined,
    reset,
  };
}
