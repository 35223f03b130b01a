import { Context, type Effect } from "effect";

/** How long a signed-in user counts as online after their last request, and a typing mark lasts. */
export const ONLINE_WINDOW_SECONDS = 300;
export const TYPING_WINDOW_SECONDS = 10;

/**
 * Who is around right now: signed-in users online per region, and who is typing an answer to a question.
 * Best effort by nature — a store that cannot be reached counts nobody, and never fails a request.
 */
export class Presence extends Context.Service<
  Presence,
  {
    /** The user counts as online in each of these regions (their own and its ancestors) until `at` plus the window. */
    readonly markOnline: (userId: string, regionCodes: readonly string[], at: Date) => Effect.Effect<void>;
    /** Users online in the region at `at` (its subregions' users included, as markOnline writes them to every ancestor). */
    readonly onlineCount: (regionCode: string, at: Date) => Effect.Effect<number>;
    readonly markTyping: (questionId: string, userId: string, nickname: string, at: Date) => Effect.Effect<void>;
    /**
     * True when this process knows, without asking anyone, that nobody is typing on the question (false: ask
     * `typing`). For a transport's fast path.
     */
    readonly nobodyTypingKnown: (questionId: string) => boolean;
    /** Nicknames of those typing on the question at `at`, the latest first, each once. */
    readonly typing: (questionId: string, at: Date) => Effect.Effect<ReadonlyArray<{ readonly userId: string; readonly nickname: string }>>;
  }
>()("dongne/Presence") {}
