import { Effect, Layer } from "effect";
import { describe, expect, it } from "vitest";
import { CACHE_CONSUMER, invalidateCaches } from "../../src/application/cache/invalidateCaches.js";
import { EventLog, type RecordedEvent } from "../../src/application/ports/EventLog.js";
import type { DomainEvent } from "../../src/application/ports/Events.js";
import { PublicCache } from "../../src/application/ports/PublicCache.js";
import { NotificationId, QuestionId, UserId } from "../../src/domain/shared/ids.js";

/** The cache consumer over a log holding `events`: what it drops, and what it acknowledges. */
const consume = async (events: readonly DomainEvent[], published = true) => {
  const dropped: { keys: readonly string[]; groups: readonly string[] }[] = [];
  const acked: number[] = [];
  const recorded: RecordedEvent[] = events.map((event, i) => ({ id: i + 1, event, recordedAt: new Date(0) }));
  const log = Layer.succeed(EventLog, {
    pending: (consumer: string) => Effect.succeed(consumer === CACHE_CONSUMER ? recorded : []),
    acknowledge: (_c: string, ids: readonly number[]) => Effect.sync(() => void acked.push(...ids)),
    backlog: () => Effect.succeed(0),
    purgeDelivered: () => Effect.succeed(0),
    recordEveryQuestion: Effect.succeed(0),
  } as unknown as EventLog["Service"]);
  const cache = Layer.succeed(PublicCache, {
    getOrLoad: (_k, _t, load) => load,
    peek: () => undefined,
    invalidate: (keys, groups = []) =>
      Effect.sync(() => {
        dropped.push({ keys, groups });
        return published;
      }),
  });
  const exit = await Effect.runPromiseExit(invalidateCaches().pipe(Effect.provide(Layer.merge(log, cache))));
  return { n: exit._tag === "Success" ? exit.value : ("failed" as const), dropped, acked };
};

describe("the cache consumer", () => {
  it("drops each event's keys and groups: pages, lists, region counts, trending on a text, profiles, unread counts", async () => {
    const q = QuestionId("00000000-0000-4000-8000-000000000001");
    const u = UserId("00000000-0000-4000-8100-000000000001");
    const r = await consume([
      { _tag: "QuestionChanged", questionId: q, text: { title: "t", content: "c", hashtags: ["일출"], authorNickname: "n" } },
      { _tag: "AnswerChanged", questionId: q, answerId: "a" as never },
      { _tag: "AuthorChanged", userId: u },
      {
        _tag: "NotificationCreated",
        notification: {
          id: NotificationId("n1"),
          userId: u,
          type: "answer",
          title: "",
          message: "",
          data: {},
          isRead: false,
          createdAt: new Date(0),
        } as never,
      },
    ]);
    expect(r.n).toBe(4);
    expect(r.acked).toEqual([1, 2, 3, 4]);
    expect(r.dropped).toHaveLength(1);
    expect([...(r.dropped[0]?.keys ?? [])].sort()).toEqual([`notifications:count:${u}`, `question:view:${q}`, `user:profile:${u}`]);
    expect([...(r.dropped[0]?.groups ?? [])].sort()).toEqual(["questions:list", "region:stats", "trending:hashtags"]);
  });

  it("keeps trending when no question text was written (a status or counter change)", async () => {
    const r = await consume([{ _tag: "QuestionChanged", questionId: QuestionId("00000000-0000-4000-8000-000000000002") }]);
    expect([...(r.dropped[0]?.groups ?? [])].sort()).toEqual(["questions:list", "region:stats"]);
  });

  it("leaves the batch unacknowledged (to be delivered again) when the other instances could not be told", async () => {
    const r = await consume([{ _tag: "QuestionChanged", questionId: QuestionId("00000000-0000-4000-8000-000000000003") }], false);
    expect(r.n).toBe("failed");
    expect(r.dropped).toHaveLength(1);
    expect(r.acked).toEqual([]);
  });

  it("does nothing without events", async () => {
    expect(await consume([])).toEqual({ n: 0, dropped: [], acked: [] });
  });
});
