import { Effect, Layer } from "effect";
import { describe, expect, it } from "vitest";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { PUSH_CONSUMER, pushNotifications } from "../../src/application/notification/pushNotifications.js";
import { EventLog } from "../../src/application/ports/EventLog.js";
import { NotificationFeed, type PushedNotification } from "../../src/application/ports/NotificationFeed.js";
import type { UserId } from "../../src/domain/shared/ids.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp } from "../support/testLayer.js";

describe("pushNotifications", () => {
  it("leaves a batch that reached only this instance's streams for the next round, and acknowledges it once it went everywhere", async () => {
    let everywhere = false;
    const published: PushedNotification[] = [];
    const feed = Layer.succeed(NotificationFeed, {
      publish: (pushed) =>
        Effect.sync(() => {
          published.push(pushed);
          return everywhere;
        }),
      listen: () => Effect.void,
    });
    const app = makeTestApp(feed);
    const asker = await registerUser(app, "질문자");
    const local = await registerUser(app, "애월토박이");
    const q = await ask(app, asker.id as UserId);
    await app.run(postAnswer({ questionId: q.id, authorId: local.id as UserId, content: "한담해변 쪽 카페가 바다가 잘 보여요." }));
    const pending = () => app.run(EventLog.use((l) => l.pending(PUSH_CONSUMER, 1_000)));
    const waiting = (await pending()).length;
    expect(waiting).toBeGreaterThan(0);

    // Redis did not take it: this instance's streams got it, the batch stays for the others'.
    expect(await app.failure(pushNotifications(200))).toMatchObject({ _tag: "PushNotPublished", events: waiting });
    expect(published.some((p) => p.notification.type === "new_answer" && p.notification.userId === asker.id)).toBe(true);
    expect((await pending()).length).toBe(waiting);

    // Next round, Redis takes it: published again (streams drop the repeat by id) and acknowledged.
    everywhere = true;
    const before = published.length;
    expect(await app.run(pushNotifications(200))).toBe(waiting);
    expect(published.length).toBeGreaterThan(before);
    expect(await pending()).toEqual([]);
  });
});
