import { Effect, Exit, Layer, ManagedRuntime, Scope } from "effect";
import { describe, expect, it } from "vitest";
import { makeInProcessKeyValue } from "../../src/adapters/redis/InProcessKeyValue.js";
import { KeyValue, type KeyValueStore } from "../../src/adapters/redis/KeyValue.js";
import { PubSubNotificationFeed } from "../../src/adapters/redis/PubSubNotificationFeed.js";
import { NotificationFeed, type PushedNotification } from "../../src/application/ports/NotificationFeed.js";
import { NotificationId, UserId } from "../../src/domain/shared/ids.js";

describe("PubSubNotificationFeed when Redis does not take a push", () => {
  it("hands it to this process's listeners and answers false, so the consumer publishes it again", async () => {
    const store = makeInProcessKeyValue();
    const unreachable: KeyValueStore = { ...store, publish: () => Effect.fail(new Error("circuit open") as never) };
    const runtime = ManagedRuntime.make(PubSubNotificationFeed.pipe(Layer.provide(Layer.succeed(KeyValue, unreachable))));
    try {
      const feed = await runtime.runPromise(NotificationFeed.use(Effect.succeed));
      const heard: PushedNotification[] = [];
      const scope = Effect.runSync(Scope.make());
      await Effect.runPromise(feed.listen(UserId("user-1"), (p) => heard.push(p)).pipe(Scope.provide(scope)));
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
      expect(await Effect.runPromise(feed.publish(push))).toBe(false);
      expect(heard).toEqual([push]);
      await Effect.runPromise(Scope.close(scope, Exit.void));
    } finally {
      await runtime.dispose();
    }
  });
});
