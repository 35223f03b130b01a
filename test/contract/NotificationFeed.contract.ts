import { Effect, Exit, Layer, ManagedRuntime, Scope } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyValueStore } from "../../src/adapters/redis/KeyValue.js";
import { KeyValue } from "../../src/adapters/redis/KeyValue.js";
import { PubSubNotificationFeed } from "../../src/adapters/redis/PubSubNotificationFeed.js";
import { NotificationFeed, type PushedNotification } from "../../src/application/ports/NotificationFeed.js";
import type { Notification } from "../../src/domain/notification/notification.js";
import { NotificationId, UserId } from "../../src/domain/shared/ids.js";

type Feed = NotificationFeed["Service"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two instances' feeds (over two connections to one Redis, or one in-process twin). */
export const notificationFeedContract = (
  name: string,
  open: () => Promise<{ a: KeyValueStore; b: KeyValueStore; close: () => Promise<void> }>,
) =>
  describe(`NotificationFeed contract: ${name}`, () => {
    let a: Feed;
    let b: Feed;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const stores = await open();
      const make = (store: KeyValueStore) =>
        ManagedRuntime.make(PubSubNotificationFeed.pipe(Layer.provide(Layer.succeed(KeyValue, store))));
      const [ra, rb] = [make(stores.a), make(stores.b)];
      a = await ra.runPromise(NotificationFeed.use((f) => Effect.succeed(f)));
      b = await rb.runPromise(NotificationFeed.use((f) => Effect.succeed(f)));
      // Let the subscriptions reach Redis.
      await sleep(200);
      close = async () => {
        await Promise.all([ra.dispose(), rb.dispose()]);
        await stores.close();
      };
    });
    afterAll(() => close());

    let n = 0;
    const pushFor = (user: string): PushedNotification => {
      const i = ++n;
      const notification: Notification = {
        id: NotificationId(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`),
        userId: UserId(user),
        type: "new_answer",
        title: "새 답변이 달렸습니다",
        message: `애월주민님이 "질문 ${i}" 질문에 답변했습니다.`,
        data: { questionId: "q", n: i },
        isRead: false,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      };
      return { notification, unreadCount: i };
    };
    const listen = async (feed: Feed, user: string) => {
      const heard: PushedNotification[] = [];
      const scope = Effect.runSync(Scope.make());
      await Effect.runPromise(feed.listen(UserId(user), (p) => heard.push(p)).pipe(Scope.provide(scope)));
      return { heard, stop: () => Effect.runPromise(Scope.close(scope, Exit.void)) };
    };
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 100 && !check(); i++) await sleep(20);
    };

    it("a push published on one instance reaches that user's listeners on every instance, and no one else's", async () => {
      const onB = await listen(b, "user-1");
      const alsoOnA = await listen(a, "user-1");
      const other = await listen(b, "user-2");
      const push = pushFor("user-1");
      // Taken for every instance (a push only this process heard answers false, for the consumer to publish it again).
      expect(await Effect.runPromise(a.publish(push))).toBe(true);
      await until(() => onB.heard.length === 1 && alsoOnA.heard.length === 1);
      // Dates come back as dates, every field as published.
      expect(onB.heard).toEqual([push]);
      expect(alsoOnA.heard).toEqual([push]);
      await sleep(100);
      expect(other.heard).toEqual([]);
      await Promise.all([onB.stop(), alsoOnA.stop(), other.stop()]);
    });

    it("a listener whose scope closed hears nothing more", async () => {
      const gone = await listen(b, "user-3");
      const stays = await listen(b, "user-3");
      await gone.stop();
      const push = pushFor("user-3");
      await Effect.runPromise(a.publish(push));
      await until(() => stays.heard.length === 1);
      expect(stays.heard).toEqual([push]);
      expect(gone.heard).toEqual([]);
      await stays.stop();
    });
  });
