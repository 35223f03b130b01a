import { Layer } from "effect";
import { activityConsumer } from "../../application/activity/countActivity.js";
import { cacheConsumer } from "../../application/cache/invalidateCaches.js";
import { pushConsumer } from "../../application/notification/pushNotifications.js";
import { EventConsumers } from "../../application/ports/EventLog.js";
import type { LimitName } from "../../application/ports/RateLimiter.js";
import { searchEngineConsumer } from "../../application/search/syncSearchIndex.js";
import { PgActivityHistory } from "./PgActivityHistory.js";
import { PgAnswerRepository } from "./PgAnswerRepository.js";
import { PgBadgeRepository } from "./PgBadgeRepository.js";
import { type PgConfig, PgDatabaseLive } from "./PgDatabase.js";
import { PgEscalationRepository } from "./PgEscalationRepository.js";
import { PgEventLog, PgEvents } from "./PgEvents.js";
import { PgFollowRepository } from "./PgFollowRepository.js";
import { PgHashtagRepository } from "./PgHashtagRepository.js";
import { PgHealth } from "./PgHealth.js";
import { PgIdempotencyStore } from "./PgIdempotencyStore.js";
import { PgJobQueue, PgJobRunner } from "./PgJobQueue.js";
import { PgLedgerRepository } from "./PgLedgerRepository.js";
import { PgLikeRepository } from "./PgLikeRepository.js";
import { PgMediaRepository } from "./PgMediaRepository.js";
import { PgModerationRepository } from "./PgModerationRepository.js";
import { PgNotificationRepository } from "./PgNotificationRepository.js";
import { PgConsentRepository, PgLocationLog, PgPersonalData, PgPrivacyAudit } from "./PgPrivacy.js";
import { PgQuestionPages } from "./PgQuestionPages.js";
import { PgQuestionRepository } from "./PgQuestionRepository.js";
import { PgRateLimiter } from "./PgRateLimiter.js";
import { PgRegionRepository } from "./PgRegionRepository.js";
import { PgRegionStats } from "./PgRegionStats.js";
import { PgRevisionRepository } from "./PgRevisionRepository.js";
import { PgSearchIndex } from "./PgSearchIndex.js";
import { PgSessionStore } from "./PgSessionStore.js";
import { PgUnitOfWork } from "./PgUnitOfWork.js";
import { PgUserRepository } from "./PgUserRepository.js";
import { PgWebhookRepository } from "./PgWebhookRepository.js";

/** Every store port on PostgreSQL, given a PgDatabase (the view counter is the composition root's to pick). */
const adaptersWith = (options: { readonly onRateLimitFallback?: (limit: LimitName, reason: string) => void }) =>
  Layer.mergeAll(
    PgUnitOfWork,
    PgUserRepository,
    PgAnswerRepository,
    PgLikeRepository,
    PgLedgerRepository,
    PgBadgeRepository,
    PgNotificationRepository,
    PgHashtagRepository,
    PgSessionStore,
    PgRegionRepository,
    PgSearchIndex,
    PgQuestionRepository,
    PgQuestionPages,
    PgRegionStats,
    PgActivityHistory,
    PgEvents,
    PgEventLog,
    PgIdempotencyStore,
    PgJobQueue,
    PgEscalationRepository,
    PgFollowRepository,
    PgWebhookRepository,
    PgJobRunner,
    PgMediaRepository,
    PgRevisionRepository,
    PgModerationRepository,
    PgConsentRepository,
    PgLocationLog,
    PgPrivacyAudit,
    PgPersonalData,
    PgRateLimiter(options.onRateLimitFallback ? { onFallback: options.onRateLimitFallback } : {}),
  );

export const postgresAdapters = adaptersWith({});

export const postgresPersistence = (
  config: PgConfig & {
    readonly searchOutbox?: boolean;
    readonly cacheOutbox?: boolean;
    /** Committed notifications for the push consumer (the service's live streams). */
    readonly pushOutbox?: boolean;
    /** Asked questions for the activity counters' consumer (trending in Redis). */
    readonly activityOutbox?: boolean;
    /** Told when the in-process rate-limit counters answered because the database failed or was slow. */
    readonly onRateLimitFallback?: (limit: LimitName, reason: string) => void;
  },
) =>
  adaptersWith(config.onRateLimitFallback ? { onRateLimitFallback: config.onRateLimitFallback } : {}).pipe(
    Layer.provide(PgDatabaseLive(config)),
    // With a search engine, its consumer is given the events that change search documents.
    // The public cache's consumer drops what a change made stale (the composition root sets it for the service).
    Layer.provide(
      Layer.succeed(EventConsumers, [
        ...(config.searchOutbox ? [searchEngineConsumer] : []),
        ...(config.cacheOutbox ? [cacheConsumer] : []),
        ...(config.pushOutbox ? [pushConsumer] : []),
        ...(config.activityOutbox ? [activityConsumer] : []),
      ]),
    ),
    Layer.merge(PgHealth({ url: config.url, replicaUrls: config.replicaUrls ?? [] })),
  );
