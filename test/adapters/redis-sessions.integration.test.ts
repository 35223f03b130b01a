import { Effect, ManagedRuntime } from "effect";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SessionStore } from "../../src/application/ports/SessionStore.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { userN } from "../contract/fixtures.js";
import { machineDatabase, pgPersistence, type TestDatabase, truncateAll } from "../support/postgres.js";
import { keyValueLayer, runPrefix, startOwnRedis, TEST_GUARD } from "../support/redis.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two service instances (two runtimes) on one PostgreSQL and one Redis, as behind a load balancer. */
describe("sessions cache across instances and through Redis faults", () => {
  let db: TestDatabase;
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;
  const instances: Array<ManagedRuntime.ManagedRuntime<never, never>> = [];
  let a: ReturnType<typeof instance>;
  let b: ReturnType<typeof instance>;
  const instance = (prefix: string) => {
    const rt = ManagedRuntime.make(
      pgPersistence({ url: db.url, poolSize: 2 }, keyValueLayer({ _tag: "node", url: redis.url }, { keyPrefix: prefix })),
    );
    instances.push(rt as never);
    return {
      // As the transports read a token: what the store knows in memory (peek), else resolve.
      resolve: (token: string) =>
        rt
          .runPromise(
            SessionStore.use((s) =>
              Effect.suspend(() =>
                Effect.succeed(s.peek?.(token)).pipe(Effect.flatMap((known) => (known ? Effect.succeed(known) : s.resolve(token)))),
              ),
            ),
          )
          .then((s) => s?.userId),
      record: (token: string) => rt.runPromise(SessionStore.use((s) => s.resolve(token))),
      run: <A, E>(e: Effect.Effect<A, E, SessionStore | UserRepository>) => rt.runPromise(e),
    };
  };
  const u = userN(1);
  beforeAll(async () => {
    db = await machineDatabase();
    redis = await startOwnRedis();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(instances.map((rt) => rt.dispose()));
    await redis?.stop();
    await db?.drop();
  });
  beforeEach(async () => {
    await truncateAll(db.url);
    const prefix = runPrefix();
    a = instance(prefix);
    b = instance(prefix);
    await a.run(UserRepository.use((r) => r.insert(u)));
  });
  const login = (lifetimeMs = 3_600_000) =>
    a.run(
      SessionStore.use((s) =>
        s.create({ userId: u.id, createdAt: new Date(), expiresAt: new Date(Date.now() + lifetimeMs), userAgent: null }),
      ),
    );

  it("a logout through one instance ends the session on the other at once (its L1 copy dropped over pub/sub)", async () => {
    const { token } = await login();
    expect(await a.resolve(token)).toBe(u.id);
    expect(await b.resolve(token)).toBe(u.id);
    await a.run(SessionStore.use((s) => s.revoke({ _tag: "Token", token })));
    // One pub/sub hop: a few milliseconds idle, longer on a loaded machine; well inside the documented 2 s bound.
    let onB = await b.resolve(token);
    for (let waited = 0; onB !== undefined && waited < 500; waited += 25) {
      await sleep(25);
      onB = await b.resolve(token);
    }
    expect(onB).toBeUndefined();
    expect(await a.resolve(token)).toBeUndefined();
  });

  it("revoking all of a user's sessions (password change) and deleting the account reach every instance", async () => {
    const one = await login();
    const two = await login();
    for (const t of [one.token, two.token]) expect(await b.resolve(t)).toBe(u.id);
    await a.run(SessionStore.use((s) => s.revoke({ _tag: "AllOf", userId: u.id })));
    await sleep(50);
    for (const t of [one.token, two.token]) expect(await b.resolve(t)).toBeUndefined();

    const three = await login();
    expect(await b.resolve(three.token)).toBe(u.id);
    await a.run(UserRepository.use((r) => r.saveProfile({ ...u, deletedAt: new Date() })));
    await sleep(50);
    expect(await b.resolve(three.token)).toBeUndefined();
  });

  it("revoking one session by its id, or all but the current one, ends exactly those on every instance", async () => {
    const [one, two, three] = [await login(), await login(), await login()];
    for (const t of [one.token, two.token, three.token]) expect(await b.resolve(t)).toBe(u.id);
    expect(await a.run(SessionStore.use((s) => s.revoke({ _tag: "Session", userId: u.id, sessionId: one.id })))).toEqual([one.id]);
    await sleep(50);
    expect(await b.resolve(one.token)).toBeUndefined();
    expect(await b.resolve(two.token)).toBe(u.id);
    await a.run(SessionStore.use((s) => s.revoke({ _tag: "AllOf", userId: u.id, exceptSessionId: three.id })));
    await sleep(50);
    expect(await b.resolve(two.token)).toBeUndefined();
    expect(await b.resolve(three.token)).toBe(u.id);
    expect(await a.resolve(three.token)).toBe(u.id);
  });

  it("a cached session is never served past its expiry, and activity recorded on one instance shows on the other", async () => {
    const short = await login(1_500);
    expect(await b.resolve(short.token)).toBe(u.id);
    await sleep(1_700);
    // Expired: the store answers (it still holds the record; the application's lifetime rule ends it).
    expect((await b.record(short.token))?.expiresAt.getTime()).toBeLessThan(Date.now());
    // Purged from the store while b's L1 copy may still be warm: an expired copy is never served.
    expect(await b.resolve(short.token)).toBe(u.id);
    await a.run(SessionStore.use((store) => store.purge({ expiredBefore: new Date(), idleBefore: new Date(0) })));
    expect(await b.resolve(short.token)).toBeUndefined();
    const s = await login();
    expect((await b.record(s.token))?.lastSeenAt).toEqual(s.lastSeenAt);
    const later = new Date(s.lastSeenAt.getTime() + 90_000);
    await a.run(SessionStore.use((store) => store.touch(s.id, later)));
    await sleep(2_100); // past b's L1 lifetime: b reads Redis's entry and the recorded activity
    expect((await b.record(s.token))?.lastSeenAt).toEqual(later);
  });

  it("with Redis black-holed (SIGSTOP), lookups go to PostgreSQL within the budget and a revoked token never resolves", async () => {
    const { token } = await login();
    const kept = await login();
    expect(await b.resolve(token)).toBe(u.id);
    redis.freeze();
    try {
      await a.run(SessionStore.use((s) => s.revoke({ _tag: "Token", token })));
      await sleep(TEST_GUARD.budgetMs);
      // Past b's L1 lifetime, b must ask again: Redis hangs, PostgreSQL answers.
      await sleep(2_000);
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        expect(await b.resolve(token)).toBeUndefined();
        expect(await b.resolve(kept.token)).toBe(u.id);
        expect(performance.now() - t).toBeLessThan(2 * TEST_GUARD.budgetMs + 300);
      }
    } finally {
      redis.thaw();
    }
    // Redis back: the tombstone a missed while Redis hung is retried; the stale entry never serves.
    await sleep(TEST_GUARD.coolDownMs + 1_200);
    expect(await b.resolve(token)).toBeUndefined();
    expect(await a.resolve(token)).toBeUndefined();
    expect(await b.resolve(kept.token)).toBe(u.id);
  });
});
