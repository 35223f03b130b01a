import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { makeInMemorySearchDocuments } from "../../src/adapters/in-memory/InMemorySearchDocuments.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { EventLog } from "../../src/application/ports/EventLog.js";
import { Events } from "../../src/application/ports/Events.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { closeQuestion } from "../../src/application/question/closeQuestion.js";
import { SEARCH_ENGINE_CONSUMER, syncSearchIndex } from "../../src/application/search/syncSearchIndex.js";
import type { Question } from "../../src/domain/question/question.js";
import { T0 } from "../support/builders.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp } from "../support/testLayer.js";

const app = () => {
  const engine = makeInMemorySearchDocuments();
  const t = makeTestApp(engine.layer);
  const drain = async () => {
    for (let i = 0; i < 100; i++) {
      const r = await t.run(syncSearchIndex(3));
      if (r.events === 0) return;
    }
  };
  /** What a moderation use case does: the change and its event in one unit of work. */
  const moderate = (q: Question) =>
    t.run(
      UnitOfWork.use((u) =>
        u.transact(
          Effect.andThen(
            QuestionRepository.use((r) => r.save(q)),
            Events.use((e) => e.record([{ _tag: "QuestionChanged", questionId: q.id }])),
          ),
        ),
      ),
    );
  return { ...t, engine, drain, moderate };
};

const backlog = EventLog.use((l) => l.backlog(SEARCH_ENGINE_CONSUMER));

describe("search sync through the recorded events", () => {
  it("converges after the engine was down for N writes, losing nothing; hidden and closed states follow", async () => {
    const a = app();
    const asker = await registerUser(a, "질문자");
    const local = await registerUser(a, "주민");
    a.engine.setReachable(false);
    const asked = [];
    for (let i = 0; i < 7; i++) asked.push(await ask(a, asker.id, { title: `장애 중 올린 애월 질문 ${i}번 입니다` }));
    await a.run(postAnswer({ questionId: asked[0]!.id, authorId: local.id, content: "장애 중에 단 답변입니다. 잘 반영될까요?" }));
    await a.run(closeQuestion(asked[1]!.id, asker.id));
    // the engine is down: a sync run fails, and every change stays pending
    expect((await a.exit(syncSearchIndex(50)))._tag).toBe("Failure");
    // 7 questions, an answer and a close: 9 events wait
    expect(await a.run(backlog)).toBe(9);
    expect(a.engine.docs.size).toBe(0);

    a.engine.setReachable(true);
    await a.drain();
    expect(await a.run(backlog)).toBe(0);
    expect([...a.engine.docs.keys()].sort()).toEqual(asked.map((q) => q.id).sort());
    expect(a.engine.docs.get(asked[0]!.id)?.question.answerCount).toBe(1);
    expect(a.engine.docs.get(asked[1]!.id)?.question.status).toBe("closed");
    expect(a.engine.docs.get(asked[0]!.id)?.regionPath).toEqual(["KR-49-01-02", "KR-49-01", "KR-49", "KR"]);

    // hidden (moderation) and deleted questions leave the index
    const hidden = asked[2]!;
    await a.moderate({ ...hidden, status: "hidden" });
    const deleted = asked[3]!;
    await a.moderate({ ...deleted, deletedAt: T0 });
    await a.drain();
    expect(a.engine.docs.has(hidden.id)).toBe(false);
    expect(a.engine.docs.has(deleted.id)).toBe(false);
    expect(a.engine.docs.size).toBe(5);
    await a.runtime.dispose();
  });
});
