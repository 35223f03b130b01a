import { Cause, Exit, ManagedRuntime } from "effect";
import { describe, expect, it } from "vitest";
import { Argon2PasswordHasher } from "../../src/adapters/crypto/Argon2PasswordHasher.js";
import { DependencyUnavailable } from "../../src/application/errors.js";
import { PasswordHasher } from "../../src/application/ports/PasswordHasher.js";
import { passwordHasherContract } from "../contract/PasswordHasher.contract.js";

passwordHasherContract("argon2id", Argon2PasswordHasher());

describe("Argon2id", () => {
  it("stores hashes with OWASP's parameters: Argon2id v1.3, 19 MiB, 2 passes, 1 lane, 16-byte salt, 32-byte hash", async () => {
    const rt = ManagedRuntime.make(Argon2PasswordHasher());
    const stored = await rt.runPromise(PasswordHasher.use((h) => h.hash("한라산 등반 예약 2026")));
    const [, algorithm, version, params, salt, digest] = stored.split("$");
    expect({ algorithm, version, params }).toEqual({ algorithm: "argon2id", version: "v=19", params: "m=19456,t=2,p=1" });
    expect(Buffer.from(salt ?? "", "base64").length).toBe(16);
    expect(Buffer.from(digest ?? "", "base64").length).toBe(32);
    await rt.dispose();
  });

  it("hashes at most `concurrency` at a time; a caller that waits past the queue timeout is told the service is busy", async () => {
    const rt = ManagedRuntime.make(Argon2PasswordHasher({ concurrency: 1, queueTimeoutMs: 1 }));
    const stored = await rt.runPromise(PasswordHasher.use((h) => h.hash("제주 오름 탐방 2026")));
    const exits = await Promise.all(
      Array.from({ length: 6 }, () => rt.runPromiseExit(PasswordHasher.use((h) => h.verify(stored, "제주 오름 탐방 2026")))),
    );
    const busy = exits.filter((e) => Exit.isFailure(e) && Cause.squash(e.cause) instanceof DependencyUnavailable);
    const verified = exits.filter((e) => Exit.isSuccess(e) && e.value === true);
    expect(verified.length).toBeGreaterThanOrEqual(1);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(busy.length + verified.length).toBe(6);
    // The permits come back: once the queue is empty, hashing works again.
    expect(await rt.runPromise(PasswordHasher.use((h) => h.verify(stored, "제주 오름 탐방 2026")))).toBe(true);
    await rt.dispose();
  });
});
