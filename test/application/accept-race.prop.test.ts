import { fc } from "@fast-check/vitest";
import { Effect, Exit } from "effect";
import { describe, expect, it } from "vitest";
import { acceptAnswer } from "../../src/application/answer/acceptAnswer.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { awardPoints } from "../../src/application/ledger/awardPoints.js";
import { pointsBalance } from "../../src/application/ledger/pointsBalance.js";
import { AnswerRepository } from "../../src/application/ports/AnswerRepository.js";
import { LedgerRepository } from "../../src/application/ports/LedgerRepository.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { award } from "../../src/domain/ledger/ledger.js";
import { pausing } from "../support/interleave.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp } from "../support/testLayer.js";

const answerText = "성산항에서 우도 가는 배는 30분 간격이에요.";

/** Runs use cases concurrently, every repository call a scheduling point chosen by fast-check. */
const raced =
  (s: fc.Scheduler, options: { readonly brokenUnitOfWork: boolean }) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.gen(function* () {
      const pause = Effect.promise(() => s.schedule(Promise.resolve()));
      const questions = yield* QuestionRepository;
      const answers = yield* AnswerRepository;
      const ledger = yield* LedgerRepository;
      const users = yield* UserRepository;
      const withPauses = effect.pipe(
        Effect.provideService(QuestionRepository, pausing(questions, pause)),
        Effect.provideService(AnswerRepository, pausing(answers, pause)),
        Effect.provideService(LedgerRepository, pausing(ledger, pause)),
        Effect.provideService(UserRepository, pausing(users, pause)),
      );
      return yield* options.brokenUnitOfWork ? Effect.provideService(withPauses, UnitOfWork, { transact: (e) => e }) : withPauses;
    });

/** Releases scheduled pauses until every run has settled (Effect resumes fibers on later ticks). */
const drive = async <T>(s: fc.Scheduler, runs: Promise<T>[]) => {
  let settled = false;
  const all = Promise.all(runs).finally(() => {
    settled = true;
  });
  while (!settled) {
    await s.waitAll();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return all;
};

const acceptRace = (brokenUnitOfWork: boolean) =>
  fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 5 }), async (s, answerers) => {
    const app = makeTestApp();
    const asker = await registerUser(app, "질문자");
    const q = await ask(app, asker.id);
    const people = await Promise.all(Array.from({ length: answerers }, (_, i) => registerUser(app, `주민${i}`)));
    const posted = [];
    for (const p of people) posted.push(await app.run(postAnswer({ questionId: q.id, authorId: p.id, content: answerText })));
    const before = await Promise.all(people.map((p) => app.run(pointsBalance(p.id))));
    const race = raced(s, { brokenUnitOfWork });
    const attempts = posted.map((a) => app.exit(race(acceptAnswer({ answerId: a.id, actorId: asker.id }))));
    const exits = await drive(s, attempts);
    const winners = exits.filter(Exit.isSuccess).length;
    const after = await Promise.all(people.map((p) => app.run(pointsBalance(p.id))));
    const awarded = after.reduce((sum, b, i) => sum + b.balance - (before[i]?.balance ?? 0), 0);
    const losersConflict = exits.every(
      (e) => Exit.isSuccess(e) || Exit.findError(e).pipe((r) => r._tag === "Success" && r.success._tag === "AnswerAlreadyAccepted"),
    );
    return winners === 1 && awarded === 150 && losersConflict;
  });

describe("concurrency, under fast-check's scheduler", () => {
  it("concurrent accepts on one question: exactly one wins and one award is paid", async () => {
    await fc.assert(acceptRace(false), { numRuns: 40 });
  });

  it("the property has teeth: without the unit of work's lock it finds a double acceptance", async () => {
    const result = await fc.check(acceptRace(true), { numRuns: 40 });
    expect(result.failed).toBe(true);
    // it fails by its verdict (two winners or two awards), not by crashing
    expect(String(result.errorInstance)).toContain("returning false");
  });

  it("concurrent awards to one user: the balance is the sum of the ledger, each reference paid once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 8 }), async (s, refs) => {
        const app = makeTestApp();
        const user = await registerUser(app, "주민");
        const race = raced(s, { brokenUnitOfWork: false });
        const runs = refs.map((r) =>
          app.exit(
            race(
              Effect.gen(function* () {
                const uow = yield* UnitOfWork;
                return yield* uow.transact(awardPoints(award(user.id, "earn_accepted_answer", { type: "answer", id: `a${r}` })));
              }),
            ),
          ),
        );
        await drive(s, runs);
        const { balance } = await app.run(pointsBalance(user.id));
        return balance === new Set(refs).size * 150;
      }),
      { numRuns: 40 },
    );
  });
});
