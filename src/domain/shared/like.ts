import { err, ok, type Result } from "neverthrow";
import type { UserId } from "./ids.js";

export type CannotLikeOwn = { readonly _tag: "CannotLikeOwn" };

/** Liking is one per person and item (the store enforces "once"); nobody likes their own post. */
export const checkLike = (authorId: UserId, actorId: UserId): Result<void, CannotLikeOwn> =>
  authorId === actorId ? err({ _tag: "CannotLikeOwn" }) : ok(undefined);
