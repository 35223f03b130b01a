import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { addFollow } from "../../src/application/follow/addFollow.js";
import { listFollows } from "../../src/application/follow/listFollows.js";
import { notifyFollowers } from "../../src/application/follow/notifyFollowers.js";
import { removeFollow } from "../../src/application/follow/removeFollow.js";
import { sendDigests } from "../../src/application/follow/sendDigests.js";
import { listNotifications } from "../../src/application/notification/listNotifications.js";
import { updateSettings } from "../../src/application/notification/updateSettings.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { MAX_FOLLOWS } from "../../src/domain/notification/follow.js";
import type { QuestionId, UserId } from "../../src/domain/shared/ids.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp, type TestApp } from "../support/testLayer.js";

const MIN = 60_000;
const of = async (app: TestApp, userId: string, type: string) =>
  (await app.run(listNotifications(userId as UserId, { limit: 50 }))).items.filter((n) => n.type === type);
const hide = (app: TestApp, id: QuestionId) =>
  app.run(
    QuestionRepository.use((r) => r.findById(id).pipe(Effect.flatMap((q) => (q ? r.save({ ...q, status: "hidden" }) : Effect.void)))),
  );

describe("follows", () => {
  it("adds once per target, lists with labels, refuses unknown regions and the 51st, removes only one's own", async () => {
    const app = makeTestApp();
    const u = await registerUser(app, "팔로워");
    const other = await registerUser(app, "남");
    const id = u.id as UserId;
    const region = await app.run(addFollow(id, { kind: "region", target: "KR-49-01-02" }));
    expect((await app.run(addFollow(id, { kind: "region", target: "KR-49-01-02" }))).id).toBe(region.id);
    const tag = await app.run(addFollow(id, { kind: "hashtag", target: "#흑돼지" }));
    expect(tag.target).toBe("흑돼지");
    const list = await app.run(listFollows(id));
    expect(list.items.map((f) => f.label)).toEqual(["애월읍", "#흑돼지"]);
    expect((await app.failure(addFollow(id, { kind: "region", target: "KR-99" })))._tag).toBe("RegionNotFound");
    expect((await app.failure(addFollow(id, { kind: "hashtag", target: "  #  " })))._tag).toBe("InvalidHashtag");
    for (let i = 2; i < MAX_FOLLOWS; i++) await app.run(addFollow(id, { kind: "hashtag", target: `태그${i}` }));
    expect((await app.failure(addFollow(id, { kind: "hashtag", target: "하나더" })))._tag).toBe("FollowLimitReached");
    expect((await app.failure(removeFollow(other.id as UserId, tag.id)))._tag).toBe("FollowNotFound");
    expect(await app.run(removeFollow(id, tag.id))).toEqual({ removed: true });
    expect((await app.run(listFollows(id))).items).toHaveLength(MAX_FOLLOWS - 1);
  });

  it("batches new questions into at most one notice per follow per hour; not one's own, not hidden ones", async () => {
    const app = makeTestApp();
    const follower = await registerUser(app, "애월팔로워", "KR-49-02-61");
    const asker = await registerUser(app, "질문러");
    await app.run(addFollow(follower.id as UserId, { kind: "region", target: "KR-49-01-02" }));
    app.clock.advance(MIN);
    await ask(app, asker.id as UserId);
    await ask(app, asker.id as UserId, { title: "애월 카페 중에 조용한 곳 있나요?" });
    const hidden = await ask(app, asker.id as UserId, { title: "애월에서 숨겨질 질문 하나 올려요" });
    await hide(app, hidden.id);
    await ask(app, follower.id as UserId, { title: "제가 올린 애월 질문은 안 알려줘요" });
    app.clock.advance(2 * MIN);
    expect(await app.run(notifyFollowers())).toEqual({ checked: 1, notified: 1 });
    const [notice] = await of(app, follower.id, "follow_questions");
    expect(notice?.title).toBe("애월읍에 새 질문 2개가 올라왔어요");
    // Another question ten minutes later waits for the hour to pass.
    app.clock.advance(10 * MIN);
    await ask(app, asker.id as UserId, { title: "애월 오름 중에 일몰 보기 좋은 곳은?" });
    app.clock.advance(2 * MIN);
    expect((await app.run(notifyFollowers())).notified).toBe(0);
    app.clock.advance(60 * MIN);
    expect((await app.run(notifyFollowers())).notified).toBe(1);
    const notices = await of(app, follower.id, "follow_questions");
    expect(notices).toHaveLength(2);
    expect(notices[0]?.title).toBe("애월읍에 새 질문 1개가 올라왔어요");
    // Nothing new: nothing sent.
    app.clock.advance(120 * MIN);
    expect((await app.run(notifyFollowers())).notified).toBe(0);
  });

  it("the morning digest goes to those who opted in, once per Korean day", async () => {
    const app = makeTestApp();
    const optedIn = await registerUser(app, "아침소식", "KR-49-02-61");
    const not = await registerUser(app, "소식안받음", "KR-49-02-61");
    const asker = await registerUser(app, "질문러2");
    for (const u of [optedIn, not]) await app.run(addFollow(u.id as UserId, { kind: "hashtag", target: "흑돼지" }));
    await app.run(updateSettings(optedIn.id as UserId, { dailyDigest: true }));
    app.clock.advance(MIN);
    await ask(app, asker.id as UserId);
    expect(await app.run(sendDigests())).toEqual({ sent: 1 });
    expect(await app.run(sendDigests())).toEqual({ sent: 0 });
    const [digest] = await of(app, optedIn.id, "follow_digest");
    expect(digest?.title).toBe("오늘의 동네 소식: 새 질문 1개");
    expect(digest?.message).toBe("#흑돼지 1개");
    expect(await of(app, not.id, "follow_digest")).toEqual([]);
  });
});
