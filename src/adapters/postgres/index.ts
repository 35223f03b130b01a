import { Layer } from "effect";
import { PgAnswerRepository } from "./PgAnswerRepository.js";
import { PgBadgeRepository } from "./PgBadgeRepository.js";
import { type PgConfig, PgDatabaseLive } from "./PgDatabase.js";
import { PgHashtagRepository } from "./PgHashtagRepository.js";
import { PgHealth } from "./PgHealth.js";
import { PgLedgerRepository } from "./PgLedgerRepository.js";
import { PgLikeRepository } from "./PgLikeRepository.js";
import { PgNotificationRepository } from "./PgNotificationRepository.js";
import { PgQuestionRepository } from "./PgQuestionRepository.js";
import { PgRegionRepository } from "./PgRegionRepository.js";
import { PgSearchIndex } from "./PgSearchIndex.js";
import { PgSearchOutbox, SearchOutboxEnabled } from "./PgSearchOutbox.js";
import { PgSessionStore } from "./PgSessionStore.js";
import { PgUnitOfWork } from "./PgUnitOfWork.js";
import { PgUserRepository } from "./PgUserRepository.js";

/** Every store port on PostgreSQL, given a PgDatabase (the view counter is the composition root's to pick). */
export const postgresAdapters = Layer.mergeAll(
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
  PgSearchOutbox,
  PgQuestionRepository,
);

export const postgresPersistence = (config: PgConfig & { readonly searchOutbox?: boolean }) =>
  postgresAdapters.pipe(
    Layer.provide(PgDatabaseLive(config)),
    Layer.provide(Layer.succeed(SearchOutboxEnabled, config.searchOutbox ?? false)),
    Layer.merge(PgHealth({ url: config.url, replicaUrls: config.replicaUrls ?? [] })),
  );
