import { Layer } from "effect";
import { activityConsumer } from "../../application/activity/countActivity.js";
import { pushConsumer } from "../../application/notification/pushNotifications.js";
import { EventConsumers } from "../../application/ports/EventLog.js";
import { searchEngineConsumer } from "../../application/search/syncSearchIndex.js";
import type { Region } from "../../domain/region/region.js";
import { InMemoryActivityHistory } from "./InMemoryActivityHistory.js";
import { InMemoryAnswerRepository } from "./InMemoryAnswerRepository.js";
import { InMemoryBadgeRepository } from "./InMemoryBadgeRepository.js";
import { InMemoryEscalationRepository } from "./InMemoryEscalationRepository.js";
import { InMemoryEventLog, InMemoryEvents } from "./InMemoryEvents.js";
import { InMemoryFollowRepository } from "./InMemoryFollowRepository.js";
import { InMemoryHashtagRepository } from "./InMemoryHashtagRepository.js";
import { InMemoryHealth } from "./InMemoryHealth.js";
import { InMemoryIdempotencyStore } from "./InMemoryIdempotencyStore.js";
import { InMemoryJobQueue, makeInMemoryJobRunner } from "./InMemoryJobQueue.js";
import { InMemoryLedgerRepository } from "./InMemoryLedgerRepository.js";
import { InMemoryLikeRepository } from "./InMemoryLikeRepository.js";
import { InMemoryMediaRepository } from "./InMemoryMediaRepository.js";
import { InMemoryModerationRepository } from "./InMemoryModerationRepository.js";
import { InMemoryNotificationRepository } from "./InMemoryNotificationRepository.js";
import { InMemoryConsentRepository, InMemoryLocationLog, InMemoryPersonalData, InMemoryPrivacyAudit } from "./InMemoryPrivacy.js";
import { InMemoryQuestionPages } from "./InMemoryQuestionPages.js";
import { InMemoryQuestionRepository } from "./InMemoryQuestionRepository.js";
import { InMemoryRateLimiter } from "./InMemoryRateLimiter.js";
import { InMemoryRegionRepository } from "./InMemoryRegionRepository.js";
import { InMemoryRegionStats } from "./InMemoryRegionStats.js";
import { InMemoryRevisionRepository } from "./InMemoryRevisionRepository.js";
import { makeInMemorySearchDocuments } from "./InMemorySearchDocuments.js";
import { InMemorySearchIndex } from "./InMemorySearchIndex.js";
import { InMemorySessionStore } from "./InMemorySessionStore.js";
import { InMemoryStore } from "./InMemoryStore.js";
import { InMemoryUnitOfWork } from "./InMemoryUnitOfWork.js";
import { InMemoryUserRepository } from "./InMemoryUserRepository.js";
import { InMemoryWebhookRepository } from "./InMemoryWebhookRepository.js";

/**
 * Every store port on one shared in-memory store. The view counter, clock, ids and hashing are the
 * composition root's to pick (see src/app/layers/).
 */
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
    InMemoryQuestionRepository,
    InMemoryQuestionPages,
    InMemoryRegionStats,
    InMemoryActivityHistory,
    // Events share the store with the unit of work: a unit that fails leaves no events.
    InMemoryEvents,
    InMemoryEventLog,
    InMemoryMediaRepository,
    InMemoryConsentRepository,
    InMemoryLocationLog,
    InMemoryPrivacyAudit,
    InMemoryPersonalData,
    InMemoryRateLimiter,
    InMemoryIdempotencyStore,
    InMemoryRevisionRepository,
    InMemoryModerationRepository,
    InMemoryEscalationRepository,
    InMemoryFollowRepository,
    InMemoryWebhookRepository,
    // The runner takes jobs from the same queue (and its tables), so it is built over it.
    makeInMemoryJobRunner().pipe(Layer.provideMerge(InMemoryJobQueue)),
  ).pipe(
    Layer.provide(InMemoryStore.layer),
    // The search engine's, the push's and the activity counters' consumers always listen here, so each can be tested without its server.
    Layer.provide(Layer.succeed(EventConsumers, [searchEngineConsumer, pushConsumer, activityConsumer])),
    Layer.provideMerge(InMemoryRegionRepository(regions)),
    // The engine's documents, in memory: what the sync writes when no real engine is wired.
    Layer.merge(makeInMemorySearchDocuments().layer),
    Layer.merge(InMemoryHealth),
  );
