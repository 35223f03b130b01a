import { Effect, Layer, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeyValue, type KeyValueStore } from "../../src/adapters/redis/KeyValue.js";
import { KeyValuePresence, makeKeyValuePresence } from "../../src/adapters/redis/KeyValuePresence.js";
import { ONLINE_WINDOW_SECONDS, Presence, TYPING_WINDOW_SECONDS } from "../../src/application/ports/Presence.js";

const T = new Date("2026-12-01T09:00:00.000Z").getTime();
const at = (ms: number) => new Date(T + ms);
let n = 0;

/** Presence on a KeyValue store (the in-process twin, one Redis, a cluster): what the service counts and shows. */
export const presenceContract = (name: string, open: () => Promise<{ store: KeyValueStore; close: () => Promise<void> }>) =>
  describe(`Presence contract: ${name}`, () => {
    let presence: Presence["Service"];
    // Another instance on the same store that trusts its subscription at once, and the reads it sends.
    let elsewhere: Presence["Service"];
    let elsewhereReads = 0;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      const { store, close } = await open();
      const rt = ManagedRuntime.make(KeyValuePresence.pipe(Layer.provide(Layer.succeed(KeyValue, store))));
      presence = await rt.runPromise(Presence.use((p) => Effect.succeed(p)));
      const counted: KeyValueStore = {
        ...store,
        zTop: (...args) =>
          Effect.andThen(
            Effect.sync(() => elsewhereReads++),
            store.zTop(...args),
          ),
      };
      const rt2 = ManagedRuntime.make(
        makeKeyValuePresence({ absenceTrustedAfterMs: 0 }).pipe(Layer.provide(Layer.succeed(KeyValue, counted))),
      );
      elsewhere = await rt2.runPromise(Presence.use((p) => Effect.succeed(p)));
      // Its subscription confirmed before anything is announced.
      await new Promise((r) => setTimeout(r, 200));
      dispose = async () => {
        await Promise.all([rt.dispose(), rt2.dispose()]);
        await close();
      };
    });
    afterAll(() => dispose());
    const run = <A>(e: Effect.Effect<A>) => Effect.runPromise(e);
    // Fresh names per test, so runs on one Redis never see each other's marks.
    const fresh = () => `${++n}-${Math.random().toString(36).slice(2, 8)}`;

    it("counts each user once per region within the online window, in every region it was marked in", async () => {
      const [city, dong, other] = [`city-${fresh()}`, `dong-${fresh()}`, `dong-${fresh()}`];
      await run(presence.markOnline("u1", [dong, city], at(0)));
      await run(presence.markOnline("u1", [dong, city], at(1_000)));
      await run(presence.markOnline("u2", [other, city], at(2_000)));
      expect(await run(presence.onlineCount(city, at(3_000)))).toBe(2);
      expect(await run(presence.onlineCount(dong, at(3_000)))).toBe(1);
      expect(await run(presence.onlineCount(`none-${fresh()}`, at(3_000)))).toBe(0);
      // u1's last mark was at 1 s: gone once the window has passed since it; u2 (2 s) still counts.
      expect(await run(presence.onlineCount(city, at(ONLINE_WINDOW_SECONDS * 1000 + 1_500)))).toBe(1);
    });

    it("lists who is typing, latest first, each once, for the typing window only", async () => {
      const q = `q-${fresh()}`;
      await run(presence.markTyping(q, "u1", "애월토박이", at(0)));
      await run(presence.markTyping(q, "u2", "한림사람", at(2_000)));
      await run(presence.markTyping(q, "u1", "애월토박이", at(3_000)));
      expect(await run(presence.typing(q, at(4_000)))).toEqual([
        { userId: "u1", nickname: "애월토박이" },
        { userId: "u2", nickname: "한림사람" },
      ]);
      expect(await run(presence.typing(q, at(2_000 + TYPING_WINDOW_SECONDS * 1000 + 1)))).toEqual([
        { userId: "u1", nickname: "애월토박이" },
      ]);
      expect(await run(presence.typing(`q-${fresh()}`, at(0)))).toEqual([]);
    });

    it("another instance sees a mark after the pub/sub hop, and asks the store nothing for a question nobody typed on", async () => {
      const q = `q-${fresh()}`;
      const before = elsewhereReads;
      expect(await run(elsewhere.typing(q, at(0)))).toEqual([]);
      expect(elsewhereReads).toBe(before);
      await run(presence.markTyping(q, "u3", "성산일출", at(0)));
      let seen: readonly { userId: string }[] = [];
      for (let i = 0; i < 50 && seen.length === 0; i++) {
        seen = await run(elsewhere.typing(q, at(1_000)));
        if (seen.length === 0) await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen).toEqual([{ userId: "u3", nickname: "성산일출" }]);
    });
  });
