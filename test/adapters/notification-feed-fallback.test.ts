import { Effect, Exit, Layer, ManagedRuntime, Scope } from "effect";
import { describe, expect, it } from "vitest";
import { makeInProcessKeyValue } from "../../src/adapters/redis/InProcessKeyValue.js";
import { KeyValue, type KeyValueStore } from "../../src/adapters/redis/KeyValue.js";
import { PubSubNotificationFeed } from "../../src/adapters/redis/PubSubNotificationFeed.js";
import { NotificationFeed, type PushedNotification } from "../../src/application/ports/NotificationFeed.js";
import { NotificationId, UserId } from "../../src/domain/shared/ids.js";

describe("PubSubNotificationFeed when Redis does not take a push", () => {
  it("hands it to this process's listeners at once and publishes it to the other instances once Redis takes it", async () => {
    const store = makeInProcessKeyValue();
    let reachable = false;
    const flaky: KeyValueStore = {
      ...store,
      publish: (channel, message) => (reachable ? store.publish(channel, message) : Effect.fail(new Error("circuit open") as never)),
    };
    const feedOn = (kv: KeyValueStore) => ManagedRuntime.make(PubSubNotificationFeed.pipe(Layer.provide(Layer.succeed(KeyValue, kv))));
    const [ra, rb] = [feedOn(flaky), feedOn(store)];
    const scope = Effect.runSync(Scope.make());
    try {
      const [a, b] = [await ra.runPromise(NotificationFeed.use(Effect.succeed)), await rb.runPromise(NotificationFeed.use(Effect.succeed))];
      const listen = async (feed: typeof a) => {
        const heard: PushedNotification[] = [];
        await Effect.runPromise(feed.listen(UserId("user-1"), (p) => heard.push(p)).pipe(Scope.provide(scope)));
        return heard;
      };
      const [onA, onB] = [await listen(a), await listen(b)];
      const push: PushedNotification = {
        notification: {
          id: NotificationId("00000000-0000-4000-8000-000000000001"),
          userId: UserId("user-1"),
          type: "new_answer",
          title: "새 답변이 달렸습니다",
          message: '애월주민님이 "질문" 질문에 답변했습니다.',
          data: { questionId: "q" },
          isRead: false,
          createdAt: new Date(Date.UTC(2026, 0, 1)),
        },
        unreadCount: 1,
      };
      expect(await Effect.runPromise(a.publish(push))).toBe(false);
      expect(onA).toEqual([push]);
      await new Promise((r) => setTimeout(r, 1_200));
      expect(onB).toEqual([]);
      // Redis is back: the kept push goes out within a second (A's listener hears the repeat; streams drop it by id).
      reachable = true;
      for (let i = 0; i < 40 && onB.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(onB).toEqual([push]);
    } finally {
      await Effect.runPromise(Scope.close(scope, Exit.void));
      await Promise.all([ra.dispose(), rb.dispose()]);
    }
  });
});
