import { useSyncExternalStore } from "react";

/**
 * The score the digit keys set ("chosen score"), per project, kept in localStorage so an annotator
 * keeps it across spans, panels and reloads.
 */
const listeners = new Set<() => void>();
const keyFor = (projectId: string) => `spanboard.key-score.${projectId}`;

export function readKeyScore(projectId: string): string {
  try {
    return localStorage.getItem(keyFor(projectId)) ?? "";
  } catch {
    return "";
  }
}

export function setKeyScore(projectId: string, name: string): void {
  try {
    if (name) localStorage.setItem(keyFor(projectId), name);
    else localStorage.removeItem(keyFor(projectId));
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useKeyScore(projectId: string): string {
  return useSyncExternalStore(
    subscribe,
    () => readKeyScore(projectId),
    () => "",
  );
}
