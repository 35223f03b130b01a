import { readdirSync, readFileSync } from "node:fs";
import { Cause, Exit, ManagedRuntime } from "effect";
import { describe, expect, it } from "vitest";
import { ARGON2_PARAMETERS, Argon2PasswordHasher } from "../../src/adapters/crypto/Argon2PasswordHasher.js";
import { type HashingThread, makeHashingPool, startHashingThread } from "../../src/adapters/crypto/hashingThreads.js";
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

describe("hashing threads", () => {
  /** The nice value of each of this process's threads (Linux: field 19 of /proc/self/task/<tid>/stat). */
  const threadNices = () =>
    readdirSync("/proc/self/task").map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]?.split(" ")[16]));

  it("run at the lowered priority, hash and verify on their own thread, and verify a malformed hash as false", async () => {
    const thread = await startHashingThread(ARGON2_PARAMETERS, 19);
    try {
      expect(thread.niced).toBe(true);
      expect(threadNices()).toContain(19);
      const stored = await thread.run({ op: "hash", password: "성산일출봉 새벽 등반" });
      expect(String(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
      expect(await thread.run({ op: "verify", stored: String(stored), password: "성산일출봉 새벽 등반" })).toBe(true);
      expect(await thread.run({ op: "verify", stored: String(stored), password: "틀린 비밀번호" })).toBe(false);
      expect(await thread.run({ op: "verify", stored: "not a hash", password: "x" })).toBe(false);
    } finally {
      await thread.terminate();
    }
  });

  it("a thread that dies fails the request it was running", async () => {
    const thread = await startHashingThread(ARGON2_PARAMETERS, 0);
    const running = thread.run({ op: "hash", password: "한림 협재 해변" });
    await thread.terminate();
    await expect(running).rejects.toThrow(/exited/);
  });

  it("a pool replaces a thread that died while idle, and a call that overran its budget fails without shrinking the pool", async () => {
    const started: HashingThread[] = [];
    const start = async () => {
      const thread = await startHashingThread(ARGON2_PARAMETERS, 0);
      started.push(thread);
      return thread;
    };
    const pool = makeHashingPool(start, 1, 10_000);
    await pool.warm();
    const first = String(await pool.run({ op: "hash", password: "우도 땅콩 아이스크림" }));
    // The one thread ends behind the pool's back (as a crash would): the next call gets a new one.
    await started[0]?.terminate();
    expect(await pool.run({ op: "verify", stored: first, password: "우도 땅콩 아이스크림" })).toBe(true);
    expect(started).toHaveLength(2);
    await pool.close();
    expect(started.every((t) => !t.alive())).toBe(true);

    const tight = makeHashingPool(start, 1, 1);
    await expect(tight.run({ op: "hash", password: "가파도 청보리" })).rejects.toThrow(/no answer within 1 ms/);
    // The overrun thread was dropped; the slot starts another for the next call.
    await expect(tight.run({ op: "hash", password: "가파도 청보리" })).rejects.toThrow(/no answer within 1 ms/);
    expect(started).toHaveLength(4);
    await tight.close();
  });
});
