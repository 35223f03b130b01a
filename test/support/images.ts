import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

/** Tags the test photos carry: a camera serial and a GPS position (with a datum string to find it by). */
export const CAMERA_SERIAL = "SN-DONGNE-4242";
export const GPS_DATUM = "DONGNE-GPS-WGS84";

const contains = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text);

/**
 * A JPEG as a phone writes it: EXIF with the camera's make and serial number, a GPS position (성산일출봉),
 * and orientation 6 (stored sideways: 64×48 shows as 48×64). Made here, so no binary fixture is needed.
 */
export const phoneJpeg = async (width = 64, height = 48) =>
  new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: "#2f7d5a" } })
      .jpeg({ quality: 90 })
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD0: { Make: "DongneCam", Model: "Jeju One" },
        IFD2: { BodySerialNumber: CAMERA_SERIAL },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "33/1 27/1 32/1",
          GPSLongitudeRef: "E",
          GPSLongitude: "126/1 56/1 31/1",
          GPSMapDatum: GPS_DATUM,
        },
      })
      .toBuffer(),
  );

export const carriesPrivateTags = (bytes: Uint8Array) => contains(bytes, CAMERA_SERIAL) || contains(bytes, GPS_DATUM);

export const plainPng = async (width = 40, height = 30) =>
  new Uint8Array(
    await sharp({ create: { width, height, channels: 4, background: "#ffaa00" } })
      .png()
      .toBuffer(),
  );

const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A pixel flood: a tiny PNG whose header claims `side`×`side` pixels (10,000² = 100 megapixels). */
export const pixelFloodPng = (side = 10_000) => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  // One row of zeros, compressed: a real decoder would go on to inflate `side` rows.
  const idat = deflateSync(Buffer.alloc(side + 1));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", idat),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
};

/** A text file, whatever name it is given (photo.jpg). */
export const textFile = () => new TextEncoder().encode("이건 사진이 아니라 그냥 글자예요. not a JPEG at all\n");
