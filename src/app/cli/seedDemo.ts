import "../runtimeGuard.js";
import { Effect, Exit } from "effect";
import { makeManualClock } from "../../adapters/in-memory/InMemoryClock.js";
import { register } from "../../application/account/register.js";
import { verifyLocal } from "../../application/account/verifyLocal.js";
import { acceptAnswer } from "../../application/answer/acceptAnswer.js";
import { likeAnswer } from "../../application/answer/likeAnswer.js";
import { postAnswer } from "../../application/answer/postAnswer.js";
import { QuestionRepository } from "../../application/ports/QuestionRepository.js";
import { UserRepository } from "../../application/ports/UserRepository.js";
import { askQuestion } from "../../application/question/askQuestion.js";
import { likeQuestion } from "../../application/question/likeQuestion.js";
import type { AnswerId, QuestionId, UserId } from "../../domain/shared/ids.js";
import { loadConfig } from "../config.js";
import { makeLogger } from "../logger.js";
import { runTool, toolRuntime } from "./bootstrap.js";
import { buildDemoPlan, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from "./demo/plan.js";

/**
 * `npm run seed:demo`: a living Jeju community for a new user — residents, newcomers and visitors,
 * questions over the last weeks with answers, acceptances, likes and views — all through the real
 * use cases (views as the view counter writes them), so ledger, counters, badges and notifications
 * are what the service itself would have written. Works beside a running service on the same DATA_DIR.
 */
await runTool(async () => {
  const config = loadConfig();
  const logger = makeLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
  const plan = buildDemoPlan(new Date());
  const clock = makeManualClock(plan.start);
  // A bulk import of made-up history: the posting limits are for live people.
  const runtime = toolRuntime({ ...config, POSTING_LIMITS: "off" }, logger, { clock: clock.layer });
  try {
    const first = plan.users[0]!.email;
    if (await runtime.runPromise(UserRepository.use((r) => r.findByEmail(first)))) {
      console.log(`Demo data is already loaded (found ${first}); nothing to do.`);
      return;
    }
    const users: UserId[] = [];
    for (const u of plan.users) {
      const { user } = await runtime.runPromise(
        register({
          email: u.email,
          password: DEMO_PASSWORD,
          nickname: u.nickname,
          regionCode: u.regionCode,
          // The demo community asks about places and verifies locals: they agreed to the location terms.
          consents: { terms: true, privacy: true, location: true },
        }),
      );
      users.push(user.id);
    }
    // Residents prove they live here: position checks on three different days.
    for (let day = 0; day < 3; day++) {
      clock.set(new Date(plan.start.getTime() + day * 86_400_000 + 3_600_000));
      for (const [i, u] of plan.users.entries()) if (u.home) await runtime.runPromise(verifyLocal(users[i]!, u.home));
    }
    const questions: QuestionId[] = [];
    const answers = new Map<string, AnswerId>();
    let accepted = 0;
    for (const e of plan.events) {
      clock.set(e.at);
      const q = plan.questions[e.question]!;
      if (e.kind === "ask") questions[e.question] = (await runtime.runPromise(askQuestion({ ...q.input, authorId: users[q.author]! }))).id;
      else if (e.kind === "answer") {
        const a = q.answers[e.answer]!;
        const posted = await runtime.runPromise(
          postAnswer({ questionId: questions[e.question]!, authorId: users[a.author]!, content: a.content }),
        );
        answers.set(`${e.question}/${e.answer}`, posted.id);
      } else if (e.kind === "likeQuestion") await runtime.runPromise(likeQuestion(questions[e.question]!, users[e.user]!));
      else if (e.kind === "likeAnswer") await runtime.runPromise(likeAnswer(answers.get(`${e.question}/${e.answer}`)!, users[e.user]!));
      else {
        const answerId = answers.get(`${e.question}/${q.acceptIndex}`)!;
        const exit = await runtime.runPromiseExit(acceptAnswer({ answerId, actorId: users[q.author]! }));
        if (Exit.isSuccess(exit)) accepted++;
      }
    }
    await runtime.runPromise(
      QuestionRepository.use((r) =>
        Effect.forEach(plan.questions, (q, i) => r.addToCounters(questions[i]!, { views: q.views }), { discard: true }),
      ),
    );
    const answerCount = plan.questions.reduce((n, q) => n + q.answers.length, 0);
    console.log(
      `Loaded ${plan.users.length} users, ${plan.questions.length} questions, ${answerCount} answers (${accepted} accepted). Every demo user's password: ${DEMO_PASSWORD} (emails end in @${DEMO_EMAIL_DOMAIN}).`,
    );
  } finally {
    await runtime.dispose();
  }
});
