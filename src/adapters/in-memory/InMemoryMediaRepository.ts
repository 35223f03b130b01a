import { Effect, Layer } from "effect";
import { MediaRepository } from "../../application/ports/MediaRepository.js";
import type { MediaUpload } from "../../domain/media/media.js";
import { InMemoryStore, mapTable } from "./InMemoryStore.js";

const UPLOADS = mapTable<string, MediaUpload>();

const byCreated = (a: MediaUpload, b: MediaUpload) => a.createdAt.getTime() - b.createdAt.getTime();

export const InMemoryMediaRepository = Layer.effect(
  MediaRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const uploads = () => store.get(UPLOADS);
    const where = (p: (u: MediaUpload) => boolean) => [...uploads().values()].filter(p).sort(byCreated);
    return {
      insert: (u) =>
        Effect.sync(() => {
          if (uploads().has(u.key)) throw new Error(`duplicate media key ${u.key}`);
          uploads().set(u.key, u);
        }),
      find: (key) => Effect.sync(() => uploads().get(key)),
      findMany: (keys) => Effect.sync(() => keys.flatMap((k) => uploads().get(k) ?? [])),
      countSince: (ownerId, since) => Effect.sync(() => where((u) => u.ownerId === ownerId && u.createdAt >= since).length),
      confirm: (key, dims, at) =>
        Effect.sync(() => {
          const u = uploads().get(key);
          if (!u || u.status === "confirmed") return u;
          const confirmed: MediaUpload = { ...u, status: "confirmed", width: dims.width, height: dims.height, confirmedAt: at };
          uploads().set(key, confirmed);
          return confirmed;
        }),
      attach: (keys, ownerId, to) =>
        Effect.sync(() =>
          [...new Set(keys)].filter((key) => {
            const u = uploads().get(key);
            const free = u && (u.attachedTo === null || (u.attachedTo.kind === to.kind && u.attachedTo.id === to.id));
            if (!u || !free || u.ownerId !== ownerId || u.status !== "confirmed") return false;
            uploads().set(key, { ...u, attachedTo: { kind: to.kind, id: to.id } });
            return true;
          }),
        ),
      unattachedBefore: (before, limit) => Effect.sync(() => where((u) => u.attachedTo === null && u.createdAt < before).slice(0, limit)),
      ofPost: (post) => Effect.sync(() => where((u) => u.attachedTo?.kind === post.kind && u.attachedTo.id === post.id)),
      ofOwner: (ownerId) => Effect.sync(() => where((u) => u.ownerId === ownerId)),
      remove: (keys) =>
        Effect.sync(() => {
          for (const k of keys) uploads().delete(k);
        }),
    };
  }),
);
