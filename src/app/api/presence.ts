import { markOnline } from "../../application/presence/markOnline.js";
import type { UserId } from "../../domain/shared/ids.js";
import type { AppRuntime } from "../layers.js";

/** A signed-in user's requests mark them online at most once a minute per process (the window is 5 minutes). */
const EVERY_MS = 60_000;
const MAX_TRACKED = 50_000;
const lastMarked = new Map<string, number>();

/** Marks the user online after their session resolved; never waits for it, never fails the request. */
export const noteOnline = (runtime: AppRuntime, userId: UserId) => {
  const now = Date.now();
  const last = lastMarked.get(userId);
  if (last !== undefined && now - last < EVERY_MS) return;
  if (lastMarked.size >= MAX_TRACKED) lastMarked.clear();
  lastMarked.set(userId, now);
  void runtime.runPromiseExit(markOnline(userId));
};
