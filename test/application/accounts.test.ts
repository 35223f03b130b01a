import { Layer } from "effect";
import { describe, expect, it } from "vitest";
import { authenticate } from "../../src/application/account/authenticate.js";
import { changePassword } from "../../src/application/account/changePassword.js";
import { listSessions } from "../../src/application/account/listSessions.js";
import { login } from "../../src/application/account/login.js";
import { logout } from "../../src/application/account/logout.js";
import { purgeSessions } from "../../src/application/account/purgeSessions.js";
import { register } from "../../src/application/account/register.js";
import { revokeSession } from "../../src/application/account/revokeSession.js";
import { AccountPolicy } from "../../src/application/ports/AccountPolicy.js";
import { SessionStore } from "../../src/application/ports/SessionStore.js";
import { makeTestApp, type TestApp } from "../support/testLayer.js";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const PASSWORD = "한라산 윗세오름 2026";
const phone = { address: "203.0.113.7", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0)" };
const laptop = { address: "198.51.100.20", userAgent: "Mozilla/5.0 (X11; Linux x86_64)" };

const signUp = async (app: TestApp, email = "olle@example.kr") =>
  app.run(register({ email, password: PASSWORD, nickname: "올레꾼" }, phone));

describe("session lifetimes", () => {
  it("a session ends 24 h after sign-in however active, and after 2 h without a request", async () => {
    const app = makeTestApp();
    const { session } = await signUp(app);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(24 * HOUR);
    // Active every 90 minutes: alive until the absolute end.
    for (let t = 90; t < 24 * 60; t += 90) {
      app.clock.advance(90 * MINUTE);
      expect((await app.run(authenticate(session.token)))?.id, `after ${t} min`).toBe(session.id);
    }
    app.clock.advance(90 * MINUTE);
    expect(await app.run(authenticate(session.token))).toBeUndefined();

    const idle = (await app.run(login({ email: "olle@example.kr", password: PASSWORD }, phone))).session;
    app.clock.advance(2 * HOUR - 1);
    expect((await app.run(authenticate(idle.token)))?.id).toBe(idle.id);
    app.clock.advance(2 * HOUR);
    expect(await app.run(authenticate(idle.token))).toBeUndefined();
    // An ended session stays ended: activity later does not revive it.
    expect(await app.run(SessionStore.use((s) => s.resolve(idle.token)))).toBeUndefined();
  });

  it("records activity at most once a minute", async () => {
    const app = makeTestApp();
    const { session } = await signUp(app);
    app.clock.advance(30_000);
    await app.run(authenticate(session.token));
    expect((await app.run(SessionStore.use((s) => s.resolve(session.token))))?.lastSeenAt).toEqual(session.createdAt);
    app.clock.advance(40_000);
    await app.run(authenticate(session.token));
    expect((await app.run(SessionStore.use((s) => s.resolve(session.token))))?.lastSeenAt.getTime()).toBe(
      session.createdAt.getTime() + 70_000,
    );
  });

  it("follows the configured lifetimes (SESSION_LIFETIME_HOURS, SESSION_IDLE_TIMEOUT_MINUTES)", async () => {
    const app = makeTestApp(Layer.succeed(AccountPolicy, { sessions: { absoluteMs: HOUR, idleMs: 10 * MINUTE, touchEveryMs: MINUTE } }));
    const { session } = await signUp(app);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(HOUR);
    app.clock.advance(10 * MINUTE);
    expect(await app.run(authenticate(session.token))).toBeUndefined();
  });

  it("purges sessions that can never be live again", async () => {
    const app = makeTestApp();
    const { session, user } = await signUp(app);
    const later = (await app.run(login({ email: "olle@example.kr", password: PASSWORD }, laptop))).session;
    app.clock.advance(3 * HOUR);
    expect((await app.run(authenticate(later.token)))?.id).toBeUndefined();
    const fresh = (await app.run(login({ email: "olle@example.kr", password: PASSWORD }, laptop))).session;
    expect(await app.run(purgeSessions())).toBe(1); // `later` was ended at once by authenticate; `session` idled out
    expect((await app.run(SessionStore.use((s) => s.listFor(user.id)))).map((s) => s.id)).toEqual([fresh.id]);
    expect(session.id).not.toBe(fresh.id);
  });
});

describe("devices and revocation", () => {
  it("lists the caller's live devices with the current one marked, and signs one out", async () => {
    const app = makeTestApp();
    const { user, session: onPhone } = await signUp(app);
    app.clock.advance(MINUTE);
    const onLaptop = (await app.run(login({ email: "olle@example.kr", password: PASSWORD }, laptop))).session;
    const devices = await app.run(listSessions(user.id, onLaptop.id));
    expect(devices.map((d) => [d.id, d.current, d.userAgent])).toEqual([
      [onLaptop.id, true, laptop.userAgent],
      [onPhone.id, false, phone.userAgent],
    ]);
    expect(await app.run(revokeSession(user.id, onPhone.id))).toEqual({ ok: true });
    expect(await app.run(authenticate(onPhone.token))).toBeUndefined();
    expect((await app.run(authenticate(onLaptop.token)))?.id).toBe(onLaptop.id);
    expect((await app.failure(revokeSession(user.id, onPhone.id)))._tag).toBe("SessionNotFound");
  });

  it("another user's session id is not found, and that session lives on", async () => {
    const app = makeTestApp();
    const a = await signUp(app, "a@example.kr");
    const b = await signUp(app, "b@example.kr");
    expect((await app.failure(revokeSession(a.user.id, b.session.id)))._tag).toBe("SessionNotFound");
    expect((await app.run(authenticate(b.session.token)))?.userId).toBe(b.user.id);
  });

  it("logout ends the current session only", async () => {
    const app = makeTestApp();
    const { session } = await signUp(app);
    const other = (await app.run(login({ email: "olle@example.kr", password: PASSWORD }, laptop))).session;
    await app.run(logout(session.token));
    expect(await app.run(authenticate(session.token))).toBeUndefined();
    expect((await app.run(authenticate(other.token)))?.id).toBe(other.id);
  });
});

describe("changing the password", () => {
  it("needs the current password, ends every session and gives the caller a fresh one", async () => {
    const app = makeTestApp();
    const { user, session } = await signUp(app);
    const other = (await app.run(login({ email: "olle@example.kr", password: PASSWORD }, laptop))).session;
    expect(
      (await app.failure(changePassword(user.id, { currentPassword: "틀린 비밀번호 0000", newPassword: "새 비밀번호 제주 2027" })))._tag,
    ).toBe("WrongPassword");
    expect((await app.failure(changePassword(user.id, { currentPassword: PASSWORD, newPassword: "password1234" })))._tag).toBe(
      "CommonPassword",
    );
    expect((await app.failure(changePassword(user.id, { currentPassword: PASSWORD, newPassword: "짧아" })))._tag).toBe("WeakPassword");
    // Nothing changed so far.
    expect((await app.run(authenticate(other.token)))?.id).toBe(other.id);
    const changed = await app.run(changePassword(user.id, { currentPassword: PASSWORD, newPassword: "새 비밀번호 제주 2027" }, phone));
    expect(changed.otherSessionsEnded).toBe(1);
    expect(changed.session.token).not.toBe(session.token);
    expect(await app.run(authenticate(session.token))).toBeUndefined();
    expect(await app.run(authenticate(other.token))).toBeUndefined();
    expect((await app.run(authenticate(changed.session.token)))?.userId).toBe(user.id);
    expect((await app.failure(login({ email: "olle@example.kr", password: PASSWORD })))._tag).toBe("InvalidCredentials");
    expect((await app.run(login({ email: "olle@example.kr", password: "새 비밀번호 제주 2027" }))).user.id).toBe(user.id);
  });
});

describe("passwords", () => {
  it.each(["password1234", "qwerty123", "1q2w3e4r", "PASSWORD1234", "Ｐａｓｓｗｏｒｄ１２３４", "iloveyou1"])(
    "refuses the common password %s with its reason",
    async (password) => {
      const app = makeTestApp();
      expect((await app.failure(register({ email: "new@example.kr", password, nickname: "새내기" })))._tag).toBe("CommonPassword");
    },
  );

  it("refuses the account's own email or nickname as its password; accepts a passphrase without any composition rule", async () => {
    const app = makeTestApp();
    expect((await app.failure(register({ email: "halla.mountain@example.kr", password: "halla.mountain", nickname: "한라" })))._tag).toBe(
      "CommonPassword",
    );
    expect((await app.failure(register({ email: "x@example.kr", password: "제주감귤농장지기", nickname: "제주감귤농장지기" })))._tag).toBe(
      "CommonPassword",
    );
    await app.run(register({ email: "y@example.kr", password: "귤 따러 가는 날", nickname: "감귤" }));
    await app.run(register({ email: "z@example.kr", password: "abcdefghijkq", nickname: "영문" }));
  });
});

describe("throttling", () => {
  it("after 10 failed sign-ins on one account even the right password is refused, with a time to retry", async () => {
    const app = makeTestApp();
    await signUp(app);
    for (let i = 0; i < 10; i++)
      expect((await app.failure(login({ email: "olle@example.kr", password: `틀림${i}번째시도` }, laptop)))._tag).toBe(
        "InvalidCredentials",
      );
    const refused = await app.failure(login({ email: "OLLE@example.kr", password: PASSWORD }, phone));
    expect(refused).toMatchObject({ _tag: "TooManyAttempts" });
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(14 * MINUTE);
  });

  it("concurrent guesses are counted too: of 50 at once, at most 10 are even checked", async () => {
    const app = makeTestApp();
    await signUp(app);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => app.failure(login({ email: "olle@example.kr", password: `동시추측${i}` }, laptop))),
    );
    expect(outcomes.filter((e) => e._tag === "InvalidCredentials")).toHaveLength(10);
    expect(outcomes.filter((e) => e._tag === "TooManyAttempts")).toHaveLength(40);
  });

  it("a successful sign-in clears the account's failures", async () => {
    const app = makeTestApp();
    await signUp(app);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) await app.failure(login({ email: "olle@example.kr", password: `틀림${i}` }, laptop));
      await app.run(login({ email: "olle@example.kr", password: PASSWORD }, laptop));
    }
  });

  it("one address may fail 100 sign-ins an hour over all accounts", async () => {
    const app = makeTestApp();
    for (let i = 0; i < 100; i++) await app.failure(login({ email: `nobody${i}@example.kr`, password: "아무거나 넣어봄" }, laptop));
    expect((await app.failure(login({ email: "someone@example.kr", password: "아무거나 넣어봄" }, laptop)))._tag).toBe("TooManyAttempts");
    expect((await app.failure(login({ email: "someone@example.kr", password: "아무거나 넣어봄" }, phone)))._tag).toBe("InvalidCredentials");
  });

  it("a hotel's address may register 20 accounts an hour; refused input does not count", async () => {
    const app = makeTestApp();
    const hotel = { address: "192.0.2.50", userAgent: null };
    for (let i = 0; i < 5; i++)
      await app.failure(register({ email: `bad${i}@example.kr`, password: "password1", nickname: "손님" }, hotel));
    for (let i = 0; i < 20; i++)
      await app.run(register({ email: `guest${i}@example.kr`, password: PASSWORD, nickname: `손님${i}` }, hotel));
    expect((await app.failure(register({ email: "guest21@example.kr", password: PASSWORD, nickname: "손님21" }, hotel)))._tag).toBe(
      "TooManyAttempts",
    );
    await app.run(register({ email: "neighbour@example.kr", password: PASSWORD, nickname: "이웃" }, phone));
  });
});
