import { Context, type Effect } from "effect";
import type { PostTarget } from "../../domain/moderation/moderation.js";
import type { UserId } from "../../domain/shared/ids.js";

/** One version of a post's text. A question's has its title, tags and region; an answer's only its content. */
export interface Revision {
  readonly target: PostTarget;
  /** 1 is the text as first posted; each edit appends the next. */
  readonly revision: number;
  readonly editorId: UserId;
  readonly title: string | null;
  readonly content: string;
  readonly hashtags: readonly string[];
  readonly regionCode: string | null;
  readonly createdAt: Date;
}

/** Append-only (PostgreSQL's grants and trigger refuse UPDATE and DELETE): a post's history is never rewritten. */
export class RevisionRepository extends Context.Service<
  RevisionRepository,
  {
    readonly append: (revision: Revision) => Effect.Effect<void>;
    /** Oldest first. */
    readonly list: (target: PostTarget) => Effect.Effect<readonly Revision[]>;
    /** The highest revision number of the post, 0 when none is stored. */
    readonly latest: (target: PostTarget) => Effect.Effect<number>;
  }
>()("dongne/RevisionRepository") {}
