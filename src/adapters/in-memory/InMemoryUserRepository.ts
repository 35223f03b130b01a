import { Effect, Layer } from "effect";
import { UserRepository } from "../../application/ports/UserRepository.js";
import type { User } from "../../domain/user/user.js";
import { InMemoryStore } from "./InMemoryStore.js";
import { USERS } from "./sharedTables.js";

const live = (u: User | undefined) => (u && u.deletedAt === null ? u : undefined);

export const InMemoryUserRepository = Layer.effect(
  UserRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const users = () => store.get(USERS);
    const update = (id: User["id"], f: (u: User) => User) => {
      const u = users().get(id);
      if (u) users().set(id, f(u));
    };
    return {
      insert: (user) =>
        Effect.suspend(() =>
          [...users().values()].some((u) => u.deletedAt === null && u.email === user.email)
            ? Effect.fail({ _tag: "EmailTaken" as const })
            : Effect.sync(() => void users().set(user.id, user)),
        ),
      findById: (id) => Effect.sync(() => users().get(id)),
      findByIds: (ids) => Effect.sync(() => [...new Set(ids)].flatMap((id) => users().get(id) ?? [])),
      findByEmail: (email) => Effect.sync(() => [...users().values()].find((u) => u.deletedAt === null && u.email === email)),
      saveProfile: (user) =>
        Effect.sync(() => {
          update(user.id, (u) => ({
            ...user,
            pointBalance: u.pointBalance,
            totalEarnedPoints: u.totalEarnedPoints,
            questionCount: u.questionCount,
            answerCount: u.answerCount,
            acceptedAnswerCount: u.acceptedAnswerCount,
          }));
        }),
      // The unit of work serializes writers, so the lock is implicit.
      findForUpdate: (id) => Effect.sync(() => live(users().get(id))),
      addToCounters: (id, d) =>
        Effect.sync(() => {
          const u = live(users().get(id));
          if (!u) return undefined;
          const next = {
            ...u,
            questionCount: u.questionCount + (d.questions ?? 0),
            answerCount: u.answerCount + (d.answers ?? 0),
            acceptedAnswerCount: u.acceptedAnswerCount + (d.accepted ?? 0),
          };
          users().set(id, next);
          return next;
        }),
      touch: (id, at) => Effect.sync(() => update(id, (u) => ({ ...u, lastActiveAt: at }))),
    };
  }),
);
