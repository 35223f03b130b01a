import type { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MediaStore, type PresignedUpload } from "../../src/application/ports/MediaStore.js";

/** One store, empty, and a client that sends and fetches what the store's URLs say, as a browser or app would. */
export interface MediaStoreHarness {
  readonly run: <A, E>(effect: Effect.Effect<A, E, MediaStore>) => Promise<A>;
  /** Sends `body` to the presigned URL with the given headers (the upload's own unless overridden); the HTTP status. */
  readonly put: (upload: PresignedUpload, body: Uint8Array, headers?: Readonly<Record<string, string>>) => Promise<number>;
  readonly get: (url: string) => Promise<{ readonly status: number; readonly body: Uint8Array; readonly headers: Headers }>;
  readonly dispose: () => Promise<void>;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const store = <A>(f: (s: MediaStore["Service"]) => Effect.Effect<A>) => MediaStore.use(f);
const ok = (status: number) => status >= 200 && status < 300;

export const mediaStoreContract = (name: string, makeHarness: () => Promise<MediaStoreHarness>) =>
  describe(`MediaStore contract: ${name}`, () => {
    let h: MediaStoreHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.dispose());
    const presign = (key: string, body: Uint8Array, contentType = "image/jpeg", now = new Date(), expiresInSeconds = 600) =>
      h.run(store((s) => s.presignUpload(key, { contentType, size: body.length, now, expiresInSeconds })));

    it("takes an upload of exactly the signed type and length, and reads it back", async () => {
      const body = bytes("\u00ff\u00d8\u00ff jpeg bytes ".repeat(20));
      const upload = await presign("uploads/k1", body);
      expect(upload.method).toBe("PUT");
      expect(upload.headers).toMatchObject({ "Content-Type": "image/jpeg", "Content-Length": String(body.length) });
      expect(upload.expiresAt.getTime()).toBeGreaterThan(Date.now());
      expect(ok(await h.put(upload, body))).toBe(true);
      expect(await h.run(store((s) => s.read("uploads/k1", 10_000)))).toEqual(body);
      expect(await h.run(store((s) => s.exists("uploads/k1")))).toBe(true);
      // At most maxBytes + 1: enough to tell that it is too big.
      expect((await h.run(store((s) => s.read("uploads/k1", 9))))?.length).toBe(10);
    });

    it("refuses another content type, another length and an expired URL, and stores nothing", async () => {
      const body = bytes("x".repeat(100));
      const upload = await presign("uploads/k2", body);
      expect(ok(await h.put(upload, body, { ...upload.headers, "Content-Type": "text/html" }))).toBe(false);
      const longer = bytes("x".repeat(101));
      expect(ok(await h.put(upload, longer, { ...upload.headers, "Content-Length": String(longer.length) }))).toBe(false);
      const expired = await presign("uploads/k2", body, "image/jpeg", new Date(Date.now() - 3_600_000), 60);
      expect(ok(await h.put(expired, body))).toBe(false);
      expect(await h.run(store((s) => s.read("uploads/k2", 1000)))).toBeNull();
      expect(await h.run(store((s) => s.exists("uploads/k2")))).toBe(false);
    });

    it("serves a written object at its URL, the same URL within a window, and not at a forged one", async () => {
      const image = bytes("RIFF....WEBPVP8 fake webp");
      await h.run(store((s) => s.write("images/k3/display.webp", image, "image/webp")));
      const now = new Date();
      const url = await h.run(store((s) => s.url("images/k3/display.webp", now, 3600)));
      const later = await h.run(store((s) => s.url("images/k3/display.webp", new Date(now.getTime() + 1000), 3600)));
      const got = await h.get(url);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(image);
      expect(got.headers.get("content-type")).toContain("image/webp");
      // Signed from the window's start: one URL for everyone for a while, so a CDN can cache it.
      if (Math.floor(now.getTime() / 1_800_000) === Math.floor((now.getTime() + 1000) / 1_800_000)) expect(later).toBe(url);
      const forged = url.replace("images/k3/display.webp", "images/k4/display.webp");
      await h.run(store((s) => s.write("images/k4/display.webp", image, "image/webp")));
      expect((await h.get(forged)).status).toBeGreaterThanOrEqual(400);
    });

    it("deletes objects, absent ones included, so neither reads nor URLs find them", async () => {
      const image = bytes("processed");
      await h.run(store((s) => s.write("images/k5/display.webp", image, "image/webp")));
      await h.run(store((s) => s.write("images/k5/thumb.webp", image, "image/webp")));
      const url = await h.run(store((s) => s.url("images/k5/display.webp", new Date(), 3600)));
      await h.run(store((s) => s.remove(["images/k5/display.webp", "images/k5/thumb.webp", "uploads/k5"])));
      expect(await h.run(store((s) => s.read("images/k5/display.webp", 100)))).toBeNull();
      expect(await h.run(store((s) => s.exists("images/k5/thumb.webp")))).toBe(false);
      expect((await h.get(url)).status).toBeGreaterThanOrEqual(400);
      await h.run(store((s) => s.remove([])));
    });
  });
