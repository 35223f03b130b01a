import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SessionStore } from "../../src/application/ports/SessionStore.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { T0 } from "../support/builders.js";
import { userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

export const sessionStoreContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`SessionStore contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => r.insert(userN(1))));
    });
    afterEach(() => h.dispose());
    const u = userN(1).id;
    const expires = new Date(T0.getTime() + 60_000);

    it("issues unguessable tokens that resolve until they expire or are revoked", async () => {
      const a = await h.run(SessionStore.use((s) => s.create(u, expires)));
      const b = await h.run(SessionStore.use((s) => s.create(u, expires)));
      expect(a.token).not.toBe(b.token);
      expect(a.token.length).toBeGreaterThanOrEqual(32);
      expect(await h.run(SessionStore.use((s) => s.resolve(a.token, T0)))).toBe(u);
      expect(await h.run(SessionStore.use((s) => s.resolve(a.token, expires)))).toBeUndefined();
      expect(await h.run(SessionStore.use((s) => s.resolve("forged", T0)))).toBeUndefined();
      await h.run(SessionStore.use((s) => s.revoke(a.token)));
      expect(await h.run(SessionStore.use((s) => s.resolve(a.token, T0)))).toBeUndefined();
      expect(await h.run(SessionStore.use((s) => s.resolve(b.token, T0)))).toBe(u);
      await h.run(SessionStore.use((s) => s.revokeAllFor(u)));
      expect(await h.run(SessionStore.use((s) => s.resolve(b.token, T0)))).toBeUndefined();
    });

    it("ends every session of a deleted account", async () => {
      const a = await h.run(SessionStore.use((s) => s.create(u, expires)));
      await h.run(UserRepository.use((r) => r.saveProfile({ ...userN(1), deletedAt: T0 })));
      expect(await h.run(SessionStore.use((s) => s.resolve(a.token, T0)))).toBeUndefined();
    });
  });
