import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MediaRepository } from "../../src/application/ports/MediaRepository.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import type { MediaUpload } from "../../src/domain/media/media.js";
import { T0 } from "../support/builders.js";
import { userN, uuid } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const media = (n: number, owner = userN(1).id, over: Partial<MediaUpload> = {}): MediaUpload => ({
  key: uuid(n, 5),
  ownerId: owner,
  contentType: "image/jpeg",
  size: 1000 + n,
  status: "pending",
  width: null,
  height: null,
  attachedTo: null,
  createdAt: at(n),
  confirmedAt: null,
  ...over,
});
const repo = <A>(f: (r: MediaRepository["Service"]) => Effect.Effect<A>) => MediaRepository.use(f);

export const mediaRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`MediaRepository contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => Effect.all([r.insert(userN(1)), r.insert(userN(2))])));
    });
    afterEach(() => h.dispose());
    const question = { kind: "question" as const, id: uuid(1, 2) };

    it("stores uploads, counts an owner's since a time, and confirms a pending one once", async () => {
      await h.run(repo((r) => Effect.all([r.insert(media(1)), r.insert(media(2)), r.insert(media(3, userN(2).id))])));
      expect(await h.run(repo((r) => r.find(media(1).key)))).toEqual(media(1));
      expect(await h.run(repo((r) => r.find("absent")))).toBeUndefined();
      expect(await h.run(repo((r) => r.countSince(userN(1).id, at(2))))).toBe(1);
      expect(await h.run(repo((r) => r.countSince(userN(1).id, at(0))))).toBe(2);
      const confirmed = await h.run(repo((r) => r.confirm(media(1).key, { width: 48, height: 64 }, at(10))));
      expect(confirmed).toEqual({ ...media(1), status: "confirmed", width: 48, height: 64, confirmedAt: at(10) });
      // A second confirmation changes nothing.
      expect(await h.run(repo((r) => r.confirm(media(1).key, { width: 1, height: 1 }, at(20))))).toEqual(confirmed);
      expect(await h.run(repo((r) => r.confirm("absent", { width: 1, height: 1 }, at(20))))).toBeUndefined();
      expect((await h.run(repo((r) => r.findMany([media(2).key, media(1).key, "absent"])))).map((u) => u.key).sort()).toEqual(
        [media(1).key, media(2).key].sort(),
      );
    });

    it("attaches only the owner's confirmed uploads that are free, again to the same post, never to a second", async () => {
      const confirmed = { status: "confirmed" as const, width: 10, height: 10, confirmedAt: at(5) };
      await h.run(
        repo((r) =>
          Effect.all([r.insert(media(1, userN(1).id, confirmed)), r.insert(media(2)), r.insert(media(3, userN(2).id, confirmed))]),
        ),
      );
      const keys = [media(1).key, media(2).key, media(3).key];
      expect(await h.run(repo((r) => r.attach(keys, userN(1).id, question)))).toEqual([media(1).key]);
      expect(await h.run(repo((r) => r.attach([media(1).key], userN(1).id, question)))).toEqual([media(1).key]);
      expect(await h.run(repo((r) => r.attach([media(1).key], userN(1).id, { kind: "answer", id: uuid(1, 3) })))).toEqual([]);
      expect((await h.run(repo((r) => r.find(media(1).key))))?.attachedTo).toEqual(question);
      expect((await h.run(repo((r) => r.ofPost(question)))).map((u) => u.key)).toEqual([media(1).key]);
      expect((await h.run(repo((r) => r.ofOwner(userN(2).id)))).map((u) => u.key)).toEqual([media(3).key]);
    });

    it("lists unattached uploads older than a time, oldest first, and removes records", async () => {
      const confirmed = { status: "confirmed" as const, width: 10, height: 10, confirmedAt: at(5) };
      await h.run(
        repo((r) => Effect.all([r.insert(media(3)), r.insert(media(1, userN(1).id, confirmed)), r.insert(media(2)), r.insert(media(9))])),
      );
      await h.run(repo((r) => r.attach([media(1).key], userN(1).id, question)));
      expect((await h.run(repo((r) => r.unattachedBefore(at(5), 10)))).map((u) => u.key)).toEqual([media(2).key, media(3).key]);
      expect((await h.run(repo((r) => r.unattachedBefore(at(5), 1)))).map((u) => u.key)).toEqual([media(2).key]);
      await h.run(repo((r) => r.remove([media(2).key, media(3).key, "absent"])));
      expect((await h.run(repo((r) => r.unattachedBefore(at(60), 10)))).map((u) => u.key)).toEqual([media(9).key]);
      await h.run(repo((r) => r.remove([])));
    });

    it("undoes an attachment when its unit of work fails", async () => {
      await h.run(repo((r) => r.insert(media(1, userN(1).id, { status: "confirmed", width: 1, height: 1, confirmedAt: at(1) }))));
      const failed = await h.exit(
        UnitOfWork.use((u) =>
          u.transact(repo((r) => r.attach([media(1).key], userN(1).id, question)).pipe(Effect.andThen(Effect.fail("boom")))),
        ),
      );
      expect(failed._tag).toBe("Failure");
      expect((await h.run(repo((r) => r.find(media(1).key))))?.attachedTo).toBeNull();
    });
  });
