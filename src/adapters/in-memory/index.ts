import { Layer } from "effect";
import type { Region } from "../../domain/region/region.js";
import { WriteThroughViewCounter } from "../system/WriteThroughViewCounter.js";
import { InMemoryAnswerRepository } from "./InMemoryAnswerRepository.js";
import { InMemoryBadgeRepository } from "./InMemoryBadgeRepository.js";
import { InMemoryEvents } from "./InMemoryEvents.js";
import { InMemoryHashtagRepository } from "./InMemoryHashtagRepository.js";
import { InMemoryHealth } from "./InMemoryHealth.js";
import { InMemoryLedgerRepository } from "./InMemoryLedgerRepository.js";
import { InMemoryLikeRepository } from "./InMemoryLikeRepository.js";
import { InMemoryNotificationRepository } from "./InMemoryNotificationRepository.js";
import { InMemoryQuestionRepository } from "./InMemoryQuestionRepository.js";
import { InMemoryRegionRepository } from "./InMemoryRegionRepository.js";
import { makeInMemorySearchDocuments } from "./InMemorySearchDocuments.js";
import { InMemorySearchIndex } from "./InMemorySearchIndex.js";
import { InMemorySearchOutbox } from "./InMemorySearchOutbox.js";
import { InMemorySessionStore } from "./InMemorySessionStore.js";
import { InMemoryStore } from "./InMemoryStore.js";
import { InMemoryUnitOfWork } from "./InMemoryUnitOfWork.js";
import { InMemoryUserRepository } from "./InMemoryUserRepository.js";

/** Every persistence port on one shared in-memory store (clock, ids and hashing come from elsewhere). */
export const inMemoryPersistence = (regions: readonly Region[]) =>
  Layer.mergeAll(
    InMemoryUnitOfWork,
    InMemoryUserRepository,
    InMemoryAnswerRepository,
    InMemoryLikeRepository,
    InMemoryLedgerRepository,
    InMemoryBadgeRepository,
    InMemoryNotificationRepository,
    InMemoryHashtagRepository,
    InMemorySessionStore,
    InMemorySearchIndex,
    InMemorySearchOutbox,
    WriteThroughViewCounter.pipe(Layer.provideMerge(InMemoryQuestionRepository)),
  ).pipe(
    Layer.provide(InMemoryStore.layer),
    Layer.provideMerge(InMemoryRegionRepository(regions)),
    Layer.merge(InMemoryEvents),
    // The engine's documents, in memory: what the sync writes when no real engine is wired.
    Layer.merge(makeInMemorySearchDocuments().layer),
    Layer.merge(InMemoryHealth),
  );
