import { Effect, Layer } from "effect";
import { type Revision, RevisionRepository } from "../../application/ports/RevisionRepository.js";
import type { PostTarget } from "../../domain/moderation/moderation.js";
import { InMemoryStore, table } from "./InMemoryStore.js";

const REVISIONS = table<Revision[]>(
  () => [],
  (rows) => [...rows],
);
const same = (a: PostTarget, b: PostTarget) => a.type === b.type && a.id === b.id;

export const InMemoryRevisionRepository = Layer.effect(
  RevisionRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const of = (target: PostTarget) => store.get(REVISIONS).filter((r) => same(r.target, target));
    return {
      append: (revision) =>
        Effect.sync(() => {
          // The primary key of the PostgreSQL table: one row per (post, revision number).
          if (of(revision.target).some((r) => r.revision === revision.revision)) throw new Error("duplicate revision");
          store.get(REVISIONS).push(revision);
        }),
      list: (target) => Effect.sync(() => of(target).sort((a, b) => a.revision - b.revision)),
      latest: (target) => Effect.sync(() => Math.max(0, ...of(target).map((r) => r.revision))),
    };
  }),
);
