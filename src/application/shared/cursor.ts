import { Effect } from "effect";
import { InvalidCursor } from "../errors.js";

/** Opaque to clients: base64url of JSON, so a cursor cannot be mistaken for an offset and tweaked. */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

export const decodeCursor = <T>(cursor: string | undefined, isValid: (v: unknown) => v is T): Effect.Effect<T | undefined, InvalidCursor> =>
  Effect.suspend(() => {
    if (cursor === undefined) return Effect.succeed(undefined);
    try {
      const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      return isValid(value) ? Effect.succeed(value) : Effect.fail(InvalidCursor);
    } catch {
      return Effect.fail(InvalidCursor);
    }
  });
