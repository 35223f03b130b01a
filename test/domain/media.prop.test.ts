import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  checkAttachable,
  checkImage,
  checkUploadRequest,
  isMediaKey,
  MAX_PIXELS,
  MAX_UPLOAD_BYTES,
  type MediaUpload,
  objectKeys,
  sniffImageType,
  startOfKstDay,
  urlWindowStart,
} from "../../src/domain/media/media.js";
import { UserId } from "../../src/domain/shared/ids.js";
import { kstDay } from "../../src/domain/shared/time.js";

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const bytes = (...parts: (number[] | Uint8Array)[]) => new Uint8Array(parts.flatMap((p) => [...p]));

describe("media keys", () => {
  test.prop([fc.string({ maxLength: 80 })])("a key never names a path, a URL or another place", (s) => {
    if (!isMediaKey(s)) return;
    expect(s).not.toMatch(/[./\\:?#%@\s]/);
    for (const objectKey of Object.values(objectKeys(s))) expect(objectKey.split("/")).not.toContain("..");
  });

  test.prop([fc.uuid()])("every UUID is a key", (u) => {
    expect(isMediaKey(u.toLowerCase())).toBe(true);
  });

  test.prop([fc.constantFrom("../../etc/passwd", "a/b", "https://evil.example/x.jpg", "..", "KEY", "", "x".repeat(65), "-lead")])(
    "path-like, URL-like, upper-case, empty and over-long strings are not keys",
    (s) => {
      expect(isMediaKey(s)).toBe(false);
    },
  );
});

describe("magic bytes", () => {
  test.prop([fc.uint8Array({ maxLength: 64 })])("only an accepted signature is taken for an image", (b) => {
    const type = sniffImageType(b);
    if (type === "image/jpeg") expect([...b.slice(0, 3)]).toEqual(JPEG);
    if (type === "image/png") expect([...b.slice(0, 8)]).toEqual(PNG);
    if (type === "image/webp") expect(new TextDecoder().decode(b.slice(8, 12))).toBe("WEBP");
  });

  test.prop([fc.uint8Array({ maxLength: 64 })])("the signature decides, whatever follows", (tail) => {
    expect(sniffImageType(bytes(JPEG, tail))).toBe("image/jpeg");
    expect(sniffImageType(bytes(PNG, tail))).toBe("image/png");
  });

  test.prop([fc.string({ maxLength: 200 })])("text is no image, whatever its name", (text) => {
    const type = sniffImageType(new TextEncoder().encode(text));
    expect(type === null || text.startsWith("RIFF")).toBe(true);
  });

  test.prop([fc.constantFrom("heic", "heix", "mif1")])("HEIC is recognised, and refused as a type this service does not read", (brand) => {
    const heic = bytes([0, 0, 0, 24], new TextEncoder().encode(`ftyp${brand}`), [0, 0, 0, 0]);
    expect(sniffImageType(heic)).toBe("image/heic");
    expect(checkImage("image/heic", 100, { width: 10, height: 10 })._unsafeUnwrapErr()._tag).toBe("UnsupportedImageType");
  });
});

describe("limits", () => {
  const dim = fc.integer({ min: 1, max: 100_000 });
  test.prop([dim, dim, fc.integer({ min: 1, max: 2 * MAX_UPLOAD_BYTES })])(
    "pixels and bytes within the limits pass, beyond them fail by name",
    (w, h, size) => {
      const r = checkImage("image/png", size, { width: w, height: h });
      if (size > MAX_UPLOAD_BYTES) expect(r._unsafeUnwrapErr()._tag).toBe("ImageTooLarge");
      else if (w * h > MAX_PIXELS) expect(r._unsafeUnwrapErr()).toEqual({ _tag: "ImageTooManyPixels", max: MAX_PIXELS, actual: w * h });
      else expect(r._unsafeUnwrap()).toBe("image/png");
    },
  );

  test.prop([
    fc.constantFrom("image/jpeg", "IMAGE/PNG", "image/webp", "image/heic", "text/plain", "image/gif"),
    fc.integer({ min: 1, max: 2 * MAX_UPLOAD_BYTES }),
    fc.nat(60),
  ])("an upload starts only for an accepted type, an allowed size and within the daily quota", (contentType, size, today) => {
    const r = checkUploadRequest({ contentType, size }, today, 50);
    const accepted = ["image/jpeg", "image/png", "image/webp"].includes(contentType.toLowerCase());
    if (!accepted) expect(r._unsafeUnwrapErr()._tag).toBe("UnsupportedImageType");
    else if (size > MAX_UPLOAD_BYTES) expect(r._unsafeUnwrapErr()._tag).toBe("ImageTooLarge");
    else if (today >= 50) expect(r._unsafeUnwrapErr()).toEqual({ _tag: "UploadLimitReached", limit: 50 });
    else expect(r._unsafeUnwrap().contentType).toBe(contentType.toLowerCase());
  });

  test.prop([fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true })])(
    "the daily quota counts from midnight in Korea",
    (at) => {
      const start = startOfKstDay(at);
      expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
      expect(at.getTime() - start.getTime()).toBeLessThan(86_400_000);
      expect(kstDay(start)).toBe(kstDay(at));
    },
  );
});

describe("served URLs", () => {
  test.prop([fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 60, max: 7 * 86_400 })])(
    "are signed from a window start at most half the lifetime back, the same for every moment of the window",
    (ms, ttl) => {
      const now = new Date(ms);
      const start = urlWindowStart(now, ttl);
      const half = Math.floor(ttl / 2) * 1000;
      expect(start.getTime()).toBeLessThanOrEqual(ms);
      expect(ms - start.getTime()).toBeLessThan(half);
      // Still valid for at least half the lifetime after `now`.
      expect(start.getTime() + ttl * 1000 - ms).toBeGreaterThan(ttl * 500 - 1000);
      expect(urlWindowStart(new Date(start.getTime() + half - 1), ttl)).toEqual(start);
    },
  );
});

describe("attaching", () => {
  const owner = UserId("u1");
  const upload = (over: Partial<MediaUpload> = {}): MediaUpload => ({
    key: "k1",
    ownerId: owner,
    contentType: "image/jpeg",
    size: 10,
    status: "confirmed",
    width: 1,
    height: 1,
    attachedTo: null,
    createdAt: new Date(0),
    confirmedAt: new Date(0),
    ...over,
  });
  const post = { kind: "question" as const, id: "q1" };
  test.prop([fc.constantFrom("pending", "confirmed"), fc.boolean(), fc.constantFrom(null, "q1", "q2")])(
    "only the owner's confirmed image, free or already on this post",
    (status, own, on) => {
      const u = upload({
        status: status as MediaUpload["status"],
        ownerId: own ? owner : UserId("u2"),
        attachedTo: on ? { kind: "question", id: on } : null,
      });
      const r = checkAttachable(u, owner, post);
      const expected = !own ? "MediaNotYours" : status !== "confirmed" ? "MediaNotConfirmed" : on === "q2" ? "MediaAlreadyAttached" : null;
      if (expected) expect(r._unsafeUnwrapErr()._tag).toBe(expected);
      else expect(r.isOk()).toBe(true);
    },
  );
  test("an unknown key is not found", () => {
    expect(checkAttachable(undefined, owner, post)._unsafeUnwrapErr()._tag).toBe("MediaNotFound");
  });
});
