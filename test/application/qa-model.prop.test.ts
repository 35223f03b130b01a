import { fc } from "@fast-check/vitest";
import { Exit } from "effect";
import { describe, expect, it } from "vitest";
import { acceptAnswer } from "../../src/application/answer/acceptAnswer.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { pointsBalance } from "../../src/application/ledger/pointsBalance.js";
import { pointsHistory } from "../../src/application/ledger/pointsHistory.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import { POINTS } from "../../src/domain/ledger/awards.js";
import type { AnswerId, QuestionId, UserId } from "../../src/domain/shared/ids.js";
import { registerUser } from "../support/scenario.js";
import { makeTestApp, type TestApp } from "../support/testLayer.js";

/** What the service should hold, kept as simply as possible. */
interface Model {
  users: UserId[];
  questions: { id: QuestionId; author: UserId; accepted: boolean }[];
  answers: { id: AnswerId; question: number; author: UserId }[];
  balances: Map<UserId, number>;
  paidAnswerRefs: Set<string>;
  asked: Set<UserId>;
}
interface Real {
  app: TestApp;
}

const add = (m: Model, user: UserId, points: number) => m.balances.set(user, (m.balances.get(user) ?? 0) + points);

class Ask implements fc.AsyncCommand<Model, Real> {
  constructor(readonly user: number) {}
  check = (m: Readonly<Model>) => m.users.length > 0;
  async run(m: Model, r: Real) {
    const author = m.users[this.user % m.users.length] as UserId;
    const q = await r.app.run(
      askQuestion({
        authorId: author,
        title: "구좌 해변 근처 카페 추천 부탁해요",
        content: "월정리 해변 근처에서 바다 보이는 카페를 찾고 있어요.",
        regionCode: "KR-49-01-03",
      }),
    );
    m.questions.push({ id: q.id, author, accepted: false });
    if (!m.asked.has(author)) add(m, author, POINTS.earn_first_question);
    m.asked.add(author);
  }
  toString = () => `ask(${this.user})`;
}

class Answer implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly user: number,
    readonly question: number,
  ) {}
  check = (m: Readonly<Model>) => m.questions.length > 0;
  async run(m: Model, r: Real) {
    const author = m.users[this.user % m.users.length] as UserId;
    const qi = this.question % m.questions.length;
    const q = m.questions[qi] as Model["questions"][number];
    const a = await r.app.run(postAnswer({ questionId: q.id, authorId: author, content: "월정리 해변 앞 카페들은 대부분 바다가 보여요." }));
    m.answers.push({ id: a.id, question: qi, author });
    // Answering one's own question pays nothing.
    const ref = `${author}|${q.id}`;
    if (author !== q.author && !m.paidAnswerRefs.has(ref)) add(m, author, POINTS.earn_answer);
    if (author !== q.author) m.paidAnswerRefs.add(ref);
  }
  toString = () => `answer(${this.user}, q${this.question})`;
}

class Accept implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly actor: number,
    readonly answer: number,
  ) {}
  check = (m: Readonly<Model>) => m.answers.length > 0;
  async run(m: Model, r: Real) {
    const actor = m.users[this.actor % m.users.length] as UserId;
    const a = m.answers[this.answer % m.answers.length] as Model["answers"][number];
    const q = m.questions[a.question] as Model["questions"][number];
    const allowed = q.author === actor && a.author !== actor && !q.accepted;
    const exit = await r.app.exit(acceptAnswer({ answerId: a.id, actorId: actor }));
    expect(Exit.isSuccess(exit)).toBe(allowed);
    if (allowed) {
      q.accepted = true;
      add(m, a.author, POINTS.earn_accepted_answer);
    }
  }
  toString = () => `accept(${this.actor}, a${this.answer})`;
}

class CheckLedgers implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    for (const user of m.users) {
      const { balance } = await r.app.run(pointsBalance(user));
      expect(balance).toBe(m.balances.get(user) ?? 0);
      const history = await r.app.run(pointsHistory(user, { limit: 100 }));
      expect(history.items.reduce((sum, e) => sum + e.amount, 0)).toBe(balance);
      expect(history.items[0]?.balanceAfter ?? 0).toBe(balance);
    }
  }
  toString = () => "checkLedgers";
}

describe("model-based: ask / answer / accept / award sequences", () => {
  it("the service agrees with a simple model after every step", async () => {
    const user = fc.nat(3);
    const commands = [
      user.map((u) => new Ask(u)),
      fc.tuple(user, fc.nat(10)).map(([u, q]) => new Answer(u, q)),
      fc.tuple(user, fc.nat(20)).map(([u, a]) => new Accept(u, a)),
      fc.constant(new CheckLedgers()),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        const app = makeTestApp();
        const users = [];
        for (const name of ["하나", "둘", "셋", "넷"]) users.push((await registerUser(app, name)).id);
        const model: Model = { users, questions: [], answers: [], balances: new Map(), paidAnswerRefs: new Set(), asked: new Set() };
        await fc.asyncModelRun(() => ({ model, real: { app } }), [...cmds, new CheckLedgers()]);
      }),
      { numRuns: 60 },
    );
  });
});
