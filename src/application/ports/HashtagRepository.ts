import { Context, type Effect } from "effect";
import type { TagUse } from "../../domain/hashtag/trending.js";

export class HashtagRepository extends Context.Service<
  HashtagRepository,
  {
    /** Counts each use and remembers when it happened (for usage totals and trending windows). */
    readonly recordUses: (tags: readonly string[], at: Date) => Effect.Effect<void>;
    readonly usesSince: (since: Date) => Effect.Effect<readonly TagUse[]>;
  }
>()("dongne/HashtagRepository") {}
