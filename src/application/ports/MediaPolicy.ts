import { Context } from "effect";

/** The service's image limits that configuration sets (the fixed ones are in src/domain/media). */
export class MediaPolicy extends Context.Service<
  MediaPolicy,
  {
    /** Uploads one user may start per Korean calendar day. */
    readonly uploadsPerDay: number;
    /** How long a served image URL is valid (signed stores); half of it is the window a URL stays the same. */
    readonly urlTtlSeconds: number;
  }
>()("dongne/MediaPolicy") {}
