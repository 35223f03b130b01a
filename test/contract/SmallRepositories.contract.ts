import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnswerRepository } from "../../src/application/ports/AnswerRepository.js";
import { BadgeRepository } from "../../src/application/ports/BadgeRepository.js";
import { HashtagRepository } from "../../src/application/ports/HashtagRepository.js";
import { LikeRepository } from "../../src/application/ports/LikeRepository.js";
import { NotificationRepository } from "../../src/application/ports/NotificationRepository.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import type { Notification } from "../../src/domain/notification/notification.js";
import { NotificationId } from "../../src/domain/shared/ids.js";
import { T0 } from "../support/builders.js";
import { answerN, questionN, userN, uuid } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const setUp = (makeHarness: HarnessFactory) => {
  const state = { h: undefined as unknown as Harness };
  beforeEach(async () => {
    state.h = await makeHarness();
    await state.h.run(UserRepository.use((r) => Effect.all([r.insert(userN(1)), r.insert(userN(2))])));
  });
  afterEach(() => state.h.dispose());
  return state;
};

export const likeRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`LikeRepository contract: ${name}`, () => {
    const s = setUp(makeHarness);
    it("adds a like once per user and item", async () => {
      const q = questionN(1, userN(1));
      const a = answerN(1, q, userN(2));
      await s.h.run(QuestionRepository.use((r) => r.insert(q)));
      await s.h.run(AnswerRepository.use((r) => r.insert(a)));
      const like = (n: number) => s.h.run(LikeRepository.use((r) => r.add("question", q.id, userN(n).id)));
      expect(await like(2)).toBe(true);
      expect(await like(2)).toBe(false);
      expect(await like(1)).toBe(true);
      expect(await s.h.run(LikeRepository.use((r) => r.add("answer", a.id, userN(1).id)))).toBe(true);
      expect(await s.h.run(LikeRepository.use((r) => r.add("answer", a.id, userN(1).id)))).toBe(false);
    });
  });

export const badgeRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`BadgeRepository contract: ${name}`, () => {
    const s = setUp(makeHarness);
    it("keeps one row per (user, type), raising the level and never lowering it", async () => {
      const u = userN(1).id;
      const later = new Date(T0.getTime() + 1000);
      await s.h.run(BadgeRepository.use((r) => r.upsert(u, { type: "helpful_neighbor", level: 1 }, T0)));
      await s.h.run(BadgeRepository.use((r) => r.upsert(u, { type: "helpful_neighbor", level: 2 }, later)));
      await s.h.run(BadgeRepository.use((r) => r.upsert(u, { type: "helpful_neighbor", level: 1 }, later)));
      await s.h.run(BadgeRepository.use((r) => r.upsert(u, { type: "first_answer", level: 1 }, T0)));
      expect(await s.h.run(BadgeRepository.use((r) => r.listByUser(u)))).toEqual([
        { type: "first_answer", level: 1, earnedAt: T0 },
        { type: "helpful_neighbor", level: 2, earnedAt: later },
      ]);
      expect(await s.h.run(BadgeRepository.use((r) => r.listByUser(userN(2).id)))).toEqual([]);
    });
  });

export const notificationRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`NotificationRepository contract: ${name}`, () => {
    const s = setUp(makeHarness);
    const note = (n: number, user = userN(1)): Notification => ({
      id: NotificationId(uuid(n, 5)),
      userId: user.id,
      type: "new_answer",
      title: "새 답변이 달렸습니다",
      message: `메시지 ${n}`,
      data: { questionId: uuid(1, 2), n },
      isRead: false,
      createdAt: new Date(T0.getTime() + n * 1000),
    });
    it("lists newest first with paging and unread filter; marks only the owner's as read", async () => {
      const u = userN(1).id;
      await s.h.run(NotificationRepository.use((r) => Effect.forEach([1, 2, 3, 4], (n) => r.insert(note(n)))));
      await s.h.run(NotificationRepository.use((r) => r.insert(note(5, userN(2)))));
      const list = (o: { before?: NotificationId; unreadOnly: boolean; limit: number }) =>
        s.h.run(NotificationRepository.use((r) => r.list(u, o)));
      expect((await list({ unreadOnly: false, limit: 10 })).map((n) => n.message)).toEqual([
        "메시지 4",
        "메시지 3",
        "메시지 2",
        "메시지 1",
      ]);
      expect(await list({ unreadOnly: false, limit: 1 })).toEqual([note(4)]);
      expect((await list({ before: note(3).id, unreadOnly: false, limit: 10 })).map((n) => n.id)).toEqual([note(2).id, note(1).id]);
      // Another user's id among them: refused, nothing marked.
      expect(await s.h.run(NotificationRepository.use((r) => r.markRead(u, [note(4).id, note(3).id, note(5).id])))).toBeNull();
      expect(await s.h.run(NotificationRepository.use((r) => r.unreadCount(u)))).toBe(4);
      expect(await s.h.run(NotificationRepository.use((r) => r.markRead(u, [note(4).id, note(3).id, note(4).id])))).toBe(2);
      expect(await s.h.run(NotificationRepository.use((r) => r.markRead(u, [note(4).id])))).toBe(0);
      expect(await s.h.run(NotificationRepository.use((r) => r.unreadCount(u)))).toBe(2);
      expect(await s.h.run(NotificationRepository.use((r) => r.unreadCount(userN(2).id)))).toBe(1);
      expect((await list({ unreadOnly: true, limit: 10 })).map((n) => n.id)).toEqual([note(2).id, note(1).id]);
    });
    it("lists what came after a notification, oldest first, only the user's own", async () => {
      const u = userN(1).id;
      await s.h.run(NotificationRepository.use((r) => Effect.forEach([1, 2, 3, 4], (n) => r.insert(note(n)))));
      await s.h.run(NotificationRepository.use((r) => r.insert(note(5, userN(2)))));
      const newer = (id: NotificationId, limit = 10, user = u) => s.h.run(NotificationRepository.use((r) => r.listAfter(user, id, limit)));
      expect((await newer(note(2).id)).map((n) => n.message)).toEqual(["메시지 3", "메시지 4"]);
      expect(await newer(note(1).id, 1)).toEqual([note(2)]);
      expect(await newer(note(4).id)).toEqual([]);
      // Another user's notification is no anchor: nothing of theirs or ours leaks.
      expect(await newer(note(5, userN(2)).id)).toEqual([]);
      expect(await newer(note(1).id, 10, userN(2).id)).toEqual([]);
    });
  });

export const hashtagRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`HashtagRepository contract: ${name}`, () => {
    const s = setUp(makeHarness);
    it("records each use with its time and returns uses since a moment", async () => {
      const later = new Date(T0.getTime() + 3_600_000);
      await s.h.run(HashtagRepository.use((r) => r.recordUses(["애월", "카페"], T0)));
      await s.h.run(HashtagRepository.use((r) => r.recordUses(["애월"], later)));
      const all = await s.h.run(HashtagRepository.use((r) => r.usesSince(T0)));
      expect(all.map((u) => u.tag).sort()).toEqual(["애월", "애월", "카페"]);
      const recent = await s.h.run(HashtagRepository.use((r) => r.usesSince(new Date(T0.getTime() + 1))));
      expect(recent).toEqual([{ tag: "애월", at: later }]);
    });
  });
