import { Layer } from "effect";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { makeInMemoryMediaStore } from "../../src/adapters/in-memory/InMemoryMediaStore.js";
import { deleteAnswer } from "../../src/application/answer/deleteAnswer.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { confirmUpload } from "../../src/application/media/confirmUpload.js";
import { createUpload } from "../../src/application/media/createUpload.js";
import { imageLinks } from "../../src/application/media/imageLinks.js";
import { expireUploads, removePostMedia, removeUserMedia } from "../../src/application/media/removeMedia.js";
import { Clock } from "../../src/application/ports/Clock.js";
import { MediaPolicy } from "../../src/application/ports/MediaPolicy.js";
import { MediaRepository } from "../../src/application/ports/MediaRepository.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import { deleteQuestion } from "../../src/application/question/deleteQuestion.js";
import { getQuestion } from "../../src/application/question/getQuestion.js";
import { objectKeys } from "../../src/domain/media/media.js";
import type { UserId } from "../../src/domain/shared/ids.js";
import { carriesPrivateTags, phoneJpeg, pixelFloodPng, plainPng, textFile } from "../support/images.js";
import { putThroughEndpoint } from "../support/mediaHarness.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp } from "../support/testLayer.js";

const HOUR = 3_600_000;

const setup = (uploadsPerDay = 50) => {
  const media = makeInMemoryMediaStore();
  const app = makeTestApp(Layer.merge(media.layer, Layer.succeed(MediaPolicy, { uploadsPerDay, urlTtlSeconds: 3600 })));
  /** Starts an upload and sends `body` to its URL as a client would (through the service's media endpoint). */
  const upload = async (ownerId: UserId, body: Uint8Array, contentType = "image/jpeg") => {
    const { key, upload: u } = await app.run(createUpload({ ownerId, contentType, size: body.length }));
    expect(await putThroughEndpoint(app.run, u, body, await app.run(Clock.use((c) => c.now)))).toBe(200);
    return key;
  };
  return { app, media, upload };
};

describe("uploads", () => {
  it("re-encodes a phone photo: orientation applied, GPS and serial gone, original deleted, display and thumbnail kept", async () => {
    const { app, media, upload } = setup();
    const me = await registerUser(app, "사진가");
    const photo = await phoneJpeg(64, 48);
    expect(carriesPrivateTags(photo)).toBe(true);
    const key = await upload(me.id, photo);
    const confirmed = await app.run(confirmUpload({ key, actorId: me.id }));
    expect(confirmed).toMatchObject({ status: "confirmed", width: 48, height: 64 });
    const o = objectKeys(key);
    expect(media.objects.has(o.original)).toBe(false);
    const display = media.objects.get(o.display) as Uint8Array;
    expect(carriesPrivateTags(display)).toBe(false);
    const meta = await sharp(display).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 48, height: 64 });
    expect(meta.exif ?? meta.xmp ?? meta.iptc).toBeUndefined();
    expect((await sharp(media.objects.get(o.thumbnail) as Uint8Array).metadata()).width).toBe(320);
    // Confirming again changes nothing.
    expect(await app.run(confirmUpload({ key, actorId: me.id }))).toEqual(confirmed);
  });

  it("refuses a text file named .jpg, a pixel flood, another user's key and a key never uploaded, by name", async () => {
    const { app, media, upload } = setup();
    const me = await registerUser(app, "업로더");
    const other = await registerUser(app, "남의사진");
    const text = await upload(me.id, textFile());
    expect(await app.failure(confirmUpload({ key: text, actorId: me.id }))).toMatchObject({ _tag: "UnsupportedImageType" });
    expect(media.objects.has(objectKeys(text).original)).toBe(false);
    const flood = await upload(me.id, pixelFloodPng(), "image/png");
    expect(await app.failure(confirmUpload({ key: flood, actorId: me.id }))).toEqual({
      _tag: "ImageTooManyPixels",
      max: 40_000_000,
      actual: 100_000_000,
    });
    const mine = await upload(me.id, await plainPng(), "image/png");
    expect(await app.failure(confirmUpload({ key: mine, actorId: other.id }))).toEqual({ _tag: "MediaNotYours" });
    const { key: notSent } = await app.run(createUpload({ ownerId: me.id, contentType: "image/png", size: 10 }));
    expect(await app.failure(confirmUpload({ key: notSent, actorId: me.id }))).toEqual({ _tag: "MediaNotUploaded" });
    expect(await app.failure(confirmUpload({ key: "no-such-key", actorId: me.id }))).toEqual({ _tag: "MediaNotFound" });
  });

  it("refuses types, sizes and uploads beyond the daily limit before anything is stored; the limit resets at midnight KST", async () => {
    const { app } = setup(2);
    const me = await registerUser(app, "하루두장");
    expect(await app.failure(createUpload({ ownerId: me.id, contentType: "image/heic", size: 100 }))).toMatchObject({
      _tag: "UnsupportedImageType",
    });
    expect(await app.failure(createUpload({ ownerId: me.id, contentType: "image/jpeg", size: 10 * 1024 * 1024 + 1 }))).toMatchObject({
      _tag: "ImageTooLarge",
    });
    await app.run(createUpload({ ownerId: me.id, contentType: "image/jpeg", size: 100 }));
    await app.run(createUpload({ ownerId: me.id, contentType: "image/png", size: 100 }));
    expect(await app.failure(createUpload({ ownerId: me.id, contentType: "image/png", size: 100 }))).toEqual({
      _tag: "UploadLimitReached",
      limit: 2,
    });
    app.clock.advance(24 * HOUR);
    await app.run(createUpload({ ownerId: me.id, contentType: "image/png", size: 100 }));
  });
});

describe("attaching to posts", () => {
  it("takes the author's own uploads (confirming pending ones), links them in views, and refuses someone else's or a used one", async () => {
    const { app, upload } = setup();
    const asker = await registerUser(app, "질문자");
    const answerer = await registerUser(app, "답변자");
    const confirmedKey = await upload(asker.id, await plainPng());
    await app.run(confirmUpload({ key: confirmedKey, actorId: asker.id }));
    const pendingKey = await upload(asker.id, await phoneJpeg());
    const q = await ask(app, asker.id, { images: [confirmedKey, pendingKey, confirmedKey] });
    expect(q.images).toEqual([confirmedKey, pendingKey]);
    expect((await app.run(MediaRepository.use((r) => r.find(pendingKey))))?.status).toBe("confirmed");
    const links = await app.run(imageLinks(q.images));
    expect(links.get(pendingKey)?.url).toContain(`/media/images/${pendingKey}/display.webp?`);
    expect(links.get(pendingKey)?.thumbnailUrl).toContain(`/media/images/${pendingKey}/thumb.webp?`);
    // Stored before keys were checked: no link.
    expect((await app.run(imageLinks(["../../etc/passwd"]))).size).toBe(0);

    const stolen = await app.failure(
      postAnswer({ questionId: q.id, authorId: answerer.id, content: "이 사진 제 거예요 정말로요", images: [pendingKey] }),
    );
    expect(stolen).toEqual({ _tag: "MediaNotYours" });
  });

  it("leaves an image free when the post is refused, and refuses one already on another post", async () => {
    const { app, upload } = setup();
    const asker = await registerUser(app, "사진두번");
    const key = await upload(asker.id, await plainPng());
    const refused = await app.exit(
      askQuestion({
        authorId: asker.id,
        title: "짧음",
        content: "너무 짧은 제목이라 거절되어야 하는 질문이에요 정말로",
        regionCode: "KR-49-01-02",
        images: [key],
      }),
    );
    expect(refused._tag).toBe("Failure");
    const q = await ask(app, asker.id, { images: [key] });
    expect((await app.run(getQuestion(q.id, null))).question.images).toEqual([key]);
    const second = await app.failure(
      askQuestion({
        authorId: asker.id,
        title: "같은 사진으로 두 번째 질문을 올려요",
        content: "이미 다른 질문에 쓴 사진을 또 붙이면 거절되어야 해요",
        regionCode: "KR-49-01-02",
        images: [key],
      }),
    );
    expect(second).toEqual({ _tag: "MediaAlreadyAttached" });
  });
});

describe("deleting", () => {
  it("deletes uploads never attached after 24 h (objects and records), keeps attached and recent ones", async () => {
    const { app, media, upload } = setup();
    const me = await registerUser(app, "정리왕");
    const attached = await upload(me.id, await plainPng());
    const abandoned = await upload(me.id, await plainPng());
    await app.run(confirmUpload({ key: abandoned, actorId: me.id }));
    await ask(app, me.id, { images: [attached] });
    app.clock.advance(23 * HOUR);
    const recent = await upload(me.id, await plainPng());
    expect(await app.run(expireUploads())).toBe(0);
    app.clock.advance(HOUR + 1);
    expect(await app.run(expireUploads())).toBe(1);
    expect(await app.run(MediaRepository.use((r) => r.find(abandoned)))).toBeUndefined();
    expect([...media.objects.keys()].some((k) => k.includes(abandoned))).toBe(false);
    expect([...media.objects.keys()].some((k) => k.includes(attached))).toBe(true);
    expect(media.objects.has(objectKeys(recent).original)).toBe(true);
  });

  it("deletes a post's images, and every image of an account", async () => {
    const { app, media, upload } = setup();
    const me = await registerUser(app, "탈퇴예정");
    const onPost = await upload(me.id, await plainPng());
    const loose = await upload(me.id, await plainPng());
    const q = await ask(app, me.id, { images: [onPost] });
    expect(await app.run(removePostMedia({ kind: "question", id: q.id }))).toBe(1);
    expect([...media.objects.keys()].some((k) => k.includes(onPost))).toBe(false);
    expect(media.objects.has(objectKeys(loose).original)).toBe(true);
    expect(await app.run(removeUserMedia(me.id))).toBe(1);
    expect(media.objects.size).toBe(0);
  });

  it("deleting a question or an answer removes its images (after the deletion commits)", async () => {
    const { app, media, upload } = setup();
    const me = await registerUser(app, "삭제하는사람");
    const other = await registerUser(app, "답변자");
    const onQuestion = await upload(me.id, await plainPng());
    const q = await ask(app, me.id, { images: [onQuestion] });
    const onAnswer = await upload(other.id, await plainPng());
    const a = await app.run(
      postAnswer({ questionId: q.id, authorId: other.id, content: "사진 첨부한 답변입니다 참고하세요", images: [onAnswer] }),
    );
    await app.run(deleteAnswer(a.id, other.id));
    expect([...media.objects.keys()].some((k) => k.includes(onAnswer))).toBe(false);
    expect(await app.run(MediaRepository.use((r) => r.ofPost({ kind: "answer", id: a.id })))).toEqual([]);
    expect([...media.objects.keys()].some((k) => k.includes(onQuestion))).toBe(true);
    await app.run(deleteQuestion(q.id, me.id));
    expect([...media.objects.keys()].some((k) => k.includes(onQuestion))).toBe(false);
    expect(await app.run(MediaRepository.use((r) => r.ofPost({ kind: "question", id: q.id })))).toEqual([]);
  });
});
