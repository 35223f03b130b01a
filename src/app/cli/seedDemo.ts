import { resolve } from "node:path";
import { Exit, Layer, ManagedRuntime } from "effect";
import { Argon2PasswordHasher } from "../../adapters/crypto/Argon2PasswordHasher.js";
import { makeManualClock } from "../../adapters/in-memory/InMemoryClock.js";
import { RandomIds } from "../../adapters/system/RandomIds.js";
import { register } from "../../application/account/register.js";
import { verifyLocal } from "../../application/account/verifyLocal.js";
import { acceptAnswer } from "../../application/answer/acceptAnswer.js";
import { likeAnswer } from "../../application/answer/likeAnswer.js";
import { postAnswer } from "../../application/answer/postAnswer.js";
import { UserRepository } from "../../application/ports/UserRepository.js";
import { askQuestion } from "../../application/question/askQuestion.js";
import { likeQuestion } from "../../application/question/likeQuestion.js";
import type { UserId } from "../../domain/shared/ids.js";
import { loadConfig } from "../config.js";
import { persistenceLayer } from "../layers.js";
import { makeLogger } from "../logger.js";
import { buildDemoPlan, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from "./demo/plan.js";

/**
 * `npm run seed:demo`: a living Jeju service for a new user — residents and visitors, a few hundred
 * questions over the last 30 days, answers, acceptances, likes — all through the real use cases,
 * so ledger, counters, badges and notifications are what the service itself would have written.
 */
const config = loadConfig();
const logger = makeLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
const start = new Date(Date.now() - 30 * 86_400_000);
const clock = makeManualClock(start);
const runtime = ManagedRuntime.make(
  Layer.mergeAll(persistenceLayer({ ...config, DATA_DIR: resolve(config.DATA_DIR) }, logger), clock.layer, RandomIds, Argon2PasswordHasher),
);

try {
  const plan = buildDemoPlan();
  const already = await runtime.runPromise(UserRepository.use((r) => r.findByEmail(plan.users[0]!.email)));
  if (already) {
    console.log(`Demo data is already loaded (found ${plan.users[0]!.email}); nothing to do.`);
  } else {
    const ids: UserId[] = [];
    for (const u of plan.users) {
      const { user } = await runtime.runPromise(
        register({ email: u.email, password: DEMO_PASSWORD, nickname: u.nickname, regionCode: u.regionCode }),
      );
      ids.push(user.id);
    }
    // Residents prove they live here: position checks on three different days.
    for (let day = 0; day < 3; day++) {
      for (const [i, u] of plan.users.entries()) if (u.home) await runtime.runPromise(verifyLocal(ids[i]!, u.home));
      clock.advance(86_400_000 + 3_600_000);
    }
    let answers = 0;
    let accepted = 0;
    for (const q of plan.questions) {
      clock.advance(q.minutesAfterPrevious * 60_000);
      const question = await runtime.runPromise(askQuestion({ ...q.input, authorId: ids[q.author]! }));
      const posted = [];
      for (const a of q.answers) {
        clock.advance(a.minutesLater * 60_000);
        posted.push(await runtime.runPromise(postAnswer({ questionId: question.id, authorId: ids[a.author]!, content: a.content })));
        answers++;
      }
      for (const liker of q.likers) await runtime.runPromiseExit(likeQuestion(question.id, ids[liker]!));
      const best = posted[q.acceptIndex ?? -1];
      if (best) {
        for (const liker of q.likers) await runtime.runPromiseExit(likeAnswer(best.id, ids[liker]!));
        const exit = await runtime.runPromiseExit(acceptAnswer({ answerId: best.id, actorId: ids[q.author]! }));
        if (Exit.isSuccess(exit)) accepted++;
      }
    }
    console.log(
      `Loaded ${plan.users.length} users, ${plan.questions.length} questions, ${answers} answers (${accepted} accepted). Every demo user's password: ${DEMO_PASSWORD} (emails end in @${DEMO_EMAIL_DOMAIN}).`,
    );
  }
} finally {
  await runtime.dispose();
}
