import type { Layer } from "effect";
import { ManagedRuntime } from "effect";
import { describe, expect, it } from "vitest";
import { PasswordHasher } from "../../src/application/ports/PasswordHasher.js";

export const passwordHasherContract = (name: string, layer: Layer.Layer<PasswordHasher>) =>
  describe(`PasswordHasher contract: ${name}`, () => {
    const rt = ManagedRuntime.make(layer);
    it("verifies the right password only; never stores the password itself", async () => {
      const hash = await rt.runPromise(PasswordHasher.use((h) => h.hash("제주도한라산123")));
      expect(hash).not.toContain("제주도한라산123");
      expect(await rt.runPromise(PasswordHasher.use((h) => h.verify(hash, "제주도한라산123")))).toBe(true);
      expect(await rt.runPromise(PasswordHasher.use((h) => h.verify(hash, "제주도한라산124")))).toBe(false);
      expect(await rt.runPromise(PasswordHasher.use((h) => h.verify(undefined, "제주도한라산123")))).toBe(false);
      expect(await rt.runPromise(PasswordHasher.use((h) => h.verify("not a hash", "x")))).toBe(false);
    });
  });
