import { Effect, Layer } from "effect";
import sharp from "sharp";
import { ImageProcessor } from "../../application/ports/ImageProcessor.js";
import { DISPLAY_MAX_SIDE, MAX_PIXELS, THUMBNAIL_SIDE } from "../../domain/media/media.js";

// Images pass once: libvips' operation cache would only hold memory.
sharp.cache(false);

const WEBP = { quality: 82, effort: 4 } as const;

/**
 * sharp (libvips). Output carries no metadata at all (sharp drops EXIF, XMP and IPTC unless asked to keep
 * them), so GPS positions and camera serials never leave; orientation is applied to the pixels first.
 * `limitInputPixels` repeats the domain's pixel limit inside the decoder, in case a header lied.
 */
export const SharpImageProcessor = Layer.succeed(ImageProcessor, {
  header: (bytes) =>
    Effect.promise(() =>
      sharp(bytes, { limitInputPixels: false })
        .metadata()
        .then(
          (m) => (m.width && m.height ? { width: m.width, height: m.height } : null),
          () => null,
        ),
    ),
  process: (bytes) =>
    Effect.tryPromise({
      try: async () => {
        const display = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: "error", sequentialRead: true })
          .rotate()
          .resize({ width: DISPLAY_MAX_SIDE, height: DISPLAY_MAX_SIDE, fit: "inside", withoutEnlargement: true })
          .webp(WEBP)
          .toBuffer({ resolveWithObject: true });
        // From the display version: the original is decoded once (the costly part), the thumbnail from ≤ 1600 px.
        const thumbnail = await sharp(display.data)
          .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: "cover" })
          .webp(WEBP)
          .toBuffer();
        return {
          display: new Uint8Array(display.data),
          thumbnail: new Uint8Array(thumbnail),
          width: display.info.width,
          height: display.info.height,
        };
      },
      catch: (e) => ({ _tag: "ImageUnreadable" as const, reason: e instanceof Error ? e.message : String(e) }),
    }),
});
