import { useCallback, useState } from 'react';

/** State remembered in this browser profile (the editor's text, the chosen target) across visits. */
export function useStoredState<T extends string>(
  key: string,
  initial: T,
  isValid: (value: unknown) => value is T,
): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = localStorage.getItem(key);
    return isValid(stored) ? stored : initial;
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(key, next);
      } catch {
        // A full or refused storage only loses the memory of it.
      }
    },
    [key],
  );
  return [value, set];
}
