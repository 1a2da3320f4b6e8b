import { useSyncExternalStore } from "react";

/**
 * A tiny store of messages for the person using the app ("Your score was not saved: …"). Mutations
 * post here when they roll back; components/ui/notices.tsx shows them in a live region.
 */
export type Notice = { id: number; tone: "error" | "info"; message: string };

let notices: readonly Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function notify(message: string, tone: Notice["tone"] = "error"): number {
  const id = nextId++;
  notices = [...notices, { id, tone, message }].slice(-5);
  emit();
  return id;
}

export function dismiss(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

export function currentNotices(): readonly Notice[] {
  return notices;
}

export function subscribeNotices(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const none: readonly Notice[] = [];

export function useNotices(): readonly Notice[] {
  return useSyncExternalStore(subscribeNotices, currentNotices, () => none);
}
