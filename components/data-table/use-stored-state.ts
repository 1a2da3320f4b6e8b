"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * useState remembered in localStorage under `key`. The first render uses `initial` (the server has no
 * storage, so hydration matches); the stored value is read right after mount. A corrupt or
 * unavailable store falls back to `initial`.
 */
export function useStoredState<T>(key: string, initial: T, accept: (value: unknown) => value is T): [T, (next: T | ((prev: T) => T)) => void] {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    try {
      const raw = window.localStorage.getItem(key);
      if (raw === null) return;
      const parsed: unknown = JSON.parse(raw);
      // Reading storage is a mount-time sync with an external system.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (accept(parsed)) setValue(parsed);
    } catch {
      // Private mode or a corrupt value: keep the default.
    }
  }, [key, accept]);
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const value = typeof next === "function" ? (next as (prev: T) => T)(prev) : next;
        try {
          window.localStorage.setItem(key, JSON.stringify(value));
        } catch {
          // Quota or private mode: the choice lasts for this page only.
        }
        return value;
      });
    },
    [key],
  );
  return [value, set];
}
