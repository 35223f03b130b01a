import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FollowRepository } from "../../src/application/ports/FollowRepository.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import type { Follow } from "../../src/domain/notification/follow.js";
import { T0 } from "../support/builders.js";
import { questionN, userN, uuid } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const MIN = 60_000;
const at = (m: number) => new Date(T0.getTime() + m * MIN);

/** Follows per user, due follows, new questions of a scope, digest subscribers and claims. */
export const followRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`FollowRepository contract: ${name}`, () => {
    let h: Harness;
    const follower = userN(1, { notificationSettings: { dailyDigest: true } });
    const asker = userN(2);
    const gone = userN(3, { deletedAt: T0 });
    const follow = (n: number, over: Partial<Follow> = {}): Follow => ({
      id: uuid(n, 9),
      userId: follower.id,
      kind: "region",
      target: "KR-49-01-02",
      createdAt: T0,
      checkedUntil: T0,
      lastNotifiedAt: null,
      ...over,
    });
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => Effect.forEach([follower, asker, gone], (u) => r.insert(u))));
      await h.run(
        QuestionRepository.use((r) =>
          Effect.forEach(
            [
              questionN(1, asker),
              questionN(2, asker, { status: "hidden" }),
              questionN(3, follower),
              questionN(4, asker, { regionCode: "KR-49-01-01", hashtags: ["오름"] }),
              questionN(5, asker, { deletedAt: at(6) }),
            ],
            (q) => r.insert(q),
          ),
        ),
      );
    });
    afterEach(() => h.dispose());
    const run = <A>(f: (r: FollowRepository["Service"]) => Effect.Effect<A>) => h.run(FollowRepository.use(f));

    it("keeps one follow per target, lists oldest first, removes only the owner's", async () => {
      const a = await run((r) => r.add(follow(1)));
      expect((await run((r) => r.add(follow(2)))).id).toBe(a.id);
      await run((r) => r.add(follow(3, { kind: "hashtag", target: "흑돼지", createdAt: at(1), checkedUntil: at(1) })));
      expect((await run((r) => r.list(follower.id))).map((f) => f.id)).toEqual([uuid(1, 9), uuid(3, 9)]);
      expect(await run((r) => r.count(follower.id))).toBe(2);
      expect(await run((r) => r.find(follower.id, "hashtag", "흑돼지"))).toMatchObject({ id: uuid(3, 9) });
      expect(await run((r) => r.remove(asker.id, uuid(1, 9)))).toBe(false);
      expect(await run((r) => r.remove(follower.id, uuid(1, 9)))).toBe(true);
      expect(await run((r) => r.removeAllOf(follower.id))).toBe(1);
      expect(await run((r) => r.count(follower.id))).toBe(0);
    });

    it("counts listed questions of a scope in (since, until], never the excluded author's", async () => {
      const region = { kind: "region" as const, regionCodes: ["KR-49-01-02"] };
      expect(await run((r) => r.newQuestions(region, T0, at(10), follower.id))).toEqual({ count: 1, latestId: uuid(1, 2) });
      expect(await run((r) => r.newQuestions(region, at(1), at(10), follower.id))).toEqual({ count: 0, latestId: null });
      const both = { kind: "region" as const, regionCodes: ["KR-49-01-02", "KR-49-01-01"] };
      expect((await run((r) => r.newQuestions(both, T0, at(10), follower.id))).count).toBe(2);
      expect(await run((r) => r.newQuestions({ kind: "hashtag", hashtag: "오름" }, T0, at(10), follower.id))).toEqual({
        count: 1,
        latestId: uuid(4, 2),
      });
    });

    it("finds due follows of live users in id order, and records checks", async () => {
      await run((r) => r.add(follow(1)));
      await run((r) => r.add(follow(2, { kind: "hashtag", target: "흑돼지", lastNotifiedAt: at(30) })));
      await run((r) => r.add(follow(3, { userId: gone.id })));
      expect((await run((r) => r.due(at(0), null, 10))).map((f) => f.id)).toEqual([uuid(1, 9)]);
      expect((await run((r) => r.due(at(30), null, 10))).map((f) => f.id)).toEqual([uuid(1, 9), uuid(2, 9)]);
      expect((await run((r) => r.due(at(30), uuid(1, 9), 10))).map((f) => f.id)).toEqual([uuid(2, 9)]);
      await run((r) => r.markChecked(uuid(1, 9), at(40), at(41)));
      expect(await run((r) => r.find(follower.id, "region", "KR-49-01-02"))).toMatchObject({
        checkedUntil: at(40),
        lastNotifiedAt: at(41),
      });
      await run((r) => r.markChecked(uuid(1, 9), at(50), null));
      expect(await run((r) => r.find(follower.id, "region", "KR-49-01-02"))).toMatchObject({
        checkedUntil: at(50),
        lastNotifiedAt: at(41),
      });
    });

    it("lists digest subscribers with follows, and claims each day once", async () => {
      expect(await run((r) => r.digestSubscribers(null, 10))).toEqual([]);
      await run((r) => r.add(follow(1)));
      await run((r) => r.add(follow(2, { userId: asker.id })));
      expect(await run((r) => r.digestSubscribers(null, 10))).toEqual([follower.id]);
      expect(await run((r) => r.claimDigest(follower.id, "2026-11-02", T0))).toBe(true);
      expect(await run((r) => r.claimDigest(follower.id, "2026-11-02", T0))).toBe(false);
      expect(await run((r) => r.claimDigest(follower.id, "2026-11-03", T0))).toBe(true);
    });
  });
