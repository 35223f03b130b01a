import { Effect, Exit } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIVITY_CONSUMER } from "../../src/application/activity/countActivity.js";
import { EventLog } from "../../src/application/ports/EventLog.js";
import { type DomainEvent, Events } from "../../src/application/ports/Events.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { SEARCH_ENGINE_CONSUMER } from "../../src/application/search/syncSearchIndex.js";
import { NotificationId } from "../../src/domain/shared/ids.js";
import { T0 } from "../support/builders.js";
import { questionN, userN, uuid } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const consumer = SEARCH_ENGINE_CONSUMER;
const changed = (n: number): DomainEvent => ({ _tag: "QuestionChanged", questionId: questionN(n, userN(1)).id });

/** For stores whose search engine consumer listens (in memory always; PostgreSQL with an engine configured). */
export const eventLogContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`Events and EventLog contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.dispose());
    const record = (events: readonly DomainEvent[]) => h.run(UnitOfWork.use((u) => u.transact(Events.use((e) => e.record(events)))));
    const pending = () => h.run(EventLog.use((l) => l.pending(consumer, 100)));

    it("stores events with their unit of work: a unit that fails leaves none", async () => {
      await record([changed(1), changed(2)]);
      const failing = UnitOfWork.use((u) =>
        u.transact(
          Effect.andThen(
            Events.use((e) => e.record([changed(3)])),
            Effect.fail({ _tag: "Boom" as const }),
          ),
        ),
      );
      expect(Exit.isFailure(await h.exit(failing))).toBe(true);
      expect((await pending()).map((r) => r.event)).toEqual([changed(1), changed(2)]);
    });

    it("delivers to a consumer the kinds it wants, in recording order, until it acknowledges them", async () => {
      const notification = {
        _tag: "NotificationCreated",
        notification: {
          id: NotificationId(uuid(9, 4)),
          userId: userN(1).id,
          type: "new_answer",
          title: "새 답변",
          message: "질문에 새 답변이 달렸어요.",
          data: {},
          isRead: false,
          createdAt: T0,
        },
      } as DomainEvent;
      await record([changed(1), notification, changed(2)]);
      await record([{ _tag: "AuthorChanged", userId: userN(1).id }]);
      const first = await pending();
      expect(first.map((r) => r.event._tag)).toEqual(["QuestionChanged", "QuestionChanged", "AuthorChanged"]);
      expect(first.map((r) => r.id)).toEqual([...first.map((r) => r.id)].sort((a, b) => a - b));
      expect(await h.run(EventLog.use((l) => l.backlog(consumer)))).toBe(3);
      await h.run(EventLog.use((l) => l.acknowledge(consumer, [first[0]!.id, first[1]!.id])));
      // Acknowledging twice is harmless; other consumers are not affected.
      await h.run(EventLog.use((l) => l.acknowledge(consumer, [first[0]!.id])));
      expect((await pending()).map((r) => r.event)).toEqual([{ _tag: "AuthorChanged", userId: userN(1).id }]);
      expect(await h.run(EventLog.use((l) => l.backlog("someone-else")))).toBe(0);
    });

    it("purges only events that no consumer still waits for, recorded before the cut-off", async () => {
      await record([changed(1), changed(2)]);
      const [a] = await pending();
      // Every consumer that may listen here takes it (in memory the activity counters' consumer wants it too;
      // acknowledging a delivery a store never made is ignored).
      await h.run(EventLog.use((l) => Effect.forEach([consumer, ACTIVITY_CONSUMER], (c) => l.acknowledge(c, [a!.id]))));
      expect(await h.run(EventLog.use((l) => l.purgeDelivered(new Date(Date.now() - 60_000))))).toBe(0);
      expect(await h.run(EventLog.use((l) => l.purgeDelivered(new Date(Date.now() + 60_000))))).toBe(1);
      expect((await pending()).map((r) => r.event)).toEqual([changed(2)]);
    });

    it("records a change of every question for a rebuild", async () => {
      const u = userN(1);
      await h.run(UserRepository.use((r) => r.insert(u)));
      await h.run(QuestionRepository.use((r) => Effect.all([r.insert(questionN(1, u)), r.insert(questionN(2, u))])));
      const before = (await pending()).length;
      expect(await h.run(EventLog.use((l) => l.recordEveryQuestion))).toBe(2);
      const added = (await pending()).slice(before).map((r) => r.event);
      expect(added).toHaveLength(2);
      expect(added).toEqual(expect.arrayContaining([changed(1), changed(2)]));
    });
  });
