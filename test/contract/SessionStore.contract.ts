import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type NewSession, SessionStore } from "../../src/application/ports/SessionStore.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { T0 } from "../support/builders.js";
import { userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

export const sessionStoreContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`SessionStore contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => r.insert(userN(1))));
      await h.run(UserRepository.use((r) => r.insert(userN(2))));
    });
    afterEach(() => h.dispose());
    const u = userN(1).id;
    const other = userN(2).id;
    const fresh = (userId = u, createdAt = T0, userAgent: string | null = "Mozilla/5.0 (iPhone)"): NewSession => ({
      userId,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 24 * 3_600_000),
      userAgent,
    });
    const create = (s: NewSession) => h.run(SessionStore.use((store) => store.create(s)));
    const resolve = (token: string) => h.run(SessionStore.use((s) => s.resolve(token)));

    it("issues unguessable tokens that resolve to their session until revoked", async () => {
      const a = await create(fresh());
      const b = await create(fresh());
      expect(a.token).not.toBe(b.token);
      expect(a.id).not.toBe(b.id);
      expect(a.token.length).toBeGreaterThanOrEqual(32);
      expect(await resolve(a.token)).toEqual({
        id: a.id,
        userId: u,
        createdAt: T0,
        lastSeenAt: T0,
        expiresAt: a.expiresAt,
        userAgent: "Mozilla/5.0 (iPhone)",
      });
      expect(await resolve("forged")).toBeUndefined();
      expect(await h.run(SessionStore.use((s) => s.revoke({ _tag: "Token", token: a.token })))).toEqual([a.id]);
      expect(await resolve(a.token)).toBeUndefined();
      expect((await resolve(b.token))?.id).toBe(b.id);
    });

    it("peeks (where it can) only at what resolve would answer: never a revoked, forged or unresolved token", async () => {
      const peek = (token: string) => h.run(SessionStore.use((s) => Effect.sync(() => s.peek?.(token))));
      const a = await create(fresh());
      const b = await create(fresh());
      expect(await peek("forged")).toBeUndefined();
      const resolved = await resolve(a.token);
      const known = await peek(a.token);
      if (known !== undefined) expect(known).toEqual(resolved);
      await h.run(SessionStore.use((s) => s.revoke({ _tag: "Token", token: a.token })));
      expect(await peek(a.token)).toBeUndefined();
      await resolve(b.token);
      await h.run(SessionStore.use((s) => s.revoke({ _tag: "AllOf", userId: u })));
      expect(await peek(b.token)).toBeUndefined();
    });

    it("records activity forward only", async () => {
      const a = await create(fresh());
      await h.run(SessionStore.use((s) => s.touch(a.id, at(10))));
      await h.run(SessionStore.use((s) => s.touch(a.id, at(5))));
      expect((await resolve(a.token))?.lastSeenAt).toEqual(at(10));
    });

    it("revokes one session of its owner only, or all of a user's but one", async () => {
      const a = await create(fresh());
      const b = await create(fresh(u, at(1)));
      const c = await create(fresh(u, at(2)));
      const theirs = await create(fresh(other));
      // Another user's session id names nothing of mine.
      expect(await h.run(SessionStore.use((s) => s.revoke({ _tag: "Session", userId: u, sessionId: theirs.id })))).toEqual([]);
      expect((await resolve(theirs.token))?.userId).toBe(other);
      expect(await h.run(SessionStore.use((s) => s.revoke({ _tag: "Session", userId: u, sessionId: a.id })))).toEqual([a.id]);
      const ended = await h.run(SessionStore.use((s) => s.revoke({ _tag: "AllOf", userId: u, exceptSessionId: c.id })));
      expect(ended).toEqual([b.id]);
      expect((await resolve(c.token))?.id).toBe(c.id);
      expect(await h.run(SessionStore.use((s) => s.revoke({ _tag: "AllOf", userId: u })))).toEqual([c.id]);
      expect((await resolve(theirs.token))?.userId).toBe(other);
    });

    it("lists a user's sessions, newest first, and purges those past their expiry or idle bound", async () => {
      const old = await create(fresh(u, at(0), null));
      const idle = await create(fresh(u, at(1)));
      const live = await create(fresh(u, at(2)));
      const theirs = await create(fresh(other, at(150)));
      await h.run(SessionStore.use((s) => s.touch(live.id, at(200))));
      await h.run(SessionStore.use((s) => s.touch(old.id, at(150))));
      expect((await h.run(SessionStore.use((s) => s.listFor(u)))).map((s) => s.id)).toEqual([live.id, idle.id, old.id]);
      // Idle bound at minute 100: `idle` (last seen at 1) goes; `old` expires at 24 h, so a bound after that takes it too.
      expect(await h.run(SessionStore.use((s) => s.purge({ expiredBefore: at(60), idleBefore: at(100) })))).toBe(1);
      expect(await resolve(idle.token)).toBeUndefined();
      expect(await h.run(SessionStore.use((s) => s.purge({ expiredBefore: at(24 * 60), idleBefore: at(100) })))).toBe(1);
      expect(await resolve(old.token)).toBeUndefined();
      expect((await resolve(live.token))?.id).toBe(live.id);
      expect((await resolve(theirs.token))?.id).toBe(theirs.id);
    });

    it("ends every session of a deleted account", async () => {
      const a = await create(fresh());
      await h.run(UserRepository.use((r) => r.saveProfile({ ...userN(1), deletedAt: T0 })));
      expect(await resolve(a.token)).toBeUndefined();
    });
  });
