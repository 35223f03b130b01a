import { Effect } from "effect";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { Clock } from "../ports/Clock.js";
import { Presence } from "../ports/Presence.js";

/**
 * Nicknames of those typing on the question now, the caller left out. Read per request, beside a page
 * that may be shared (never stored in it). Untraced: it runs on every question.get.
 */
export const whoIsTyping = Effect.fnUntraced(function* (questionId: QuestionId, viewerId: UserId | null) {
  const typing = yield* (yield* Presence).typing(questionId, yield* (yield* Clock).now);
  return typing.filter((t) => t.userId !== viewerId).map((t) => t.nickname);
});
