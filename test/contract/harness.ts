import type { Effect, Exit } from "effect";
import type { ActivityHistory } from "../../src/application/ports/ActivityCounters.js";
import type { AnswerRepository } from "../../src/application/ports/AnswerRepository.js";
import type { BadgeRepository } from "../../src/application/ports/BadgeRepository.js";
import type { ConsentRepository } from "../../src/application/ports/ConsentRepository.js";
import type { EscalationRepository } from "../../src/application/ports/EscalationRepository.js";
import type { EventLog } from "../../src/application/ports/EventLog.js";
import type { Events } from "../../src/application/ports/Events.js";
import type { FollowRepository } from "../../src/application/ports/FollowRepository.js";
import type { HashtagRepository } from "../../src/application/ports/HashtagRepository.js";
import type { IdempotencyStore } from "../../src/application/ports/IdempotencyStore.js";
import type { JobQueue, JobRunner } from "../../src/application/ports/JobQueue.js";
import type { LedgerRepository } from "../../src/application/ports/LedgerRepository.js";
import type { LikeRepository } from "../../src/application/ports/LikeRepository.js";
import type { LocationLog } from "../../src/application/ports/LocationLog.js";
import type { MediaRepository } from "../../src/application/ports/MediaRepository.js";
import type { ModerationRepository } from "../../src/application/ports/ModerationRepository.js";
import type { NotificationRepository } from "../../src/application/ports/NotificationRepository.js";
import type { PersonalData } from "../../src/application/ports/PersonalData.js";
import type { PrivacyAudit } from "../../src/application/ports/PrivacyAudit.js";
import type { QuestionPages } from "../../src/application/ports/QuestionPages.js";
import type { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import type { RegionRepository } from "../../src/application/ports/RegionRepository.js";
import type { RegionStats } from "../../src/application/ports/RegionStats.js";
import type { RevisionRepository } from "../../src/application/ports/RevisionRepository.js";
import type { SearchIndex } from "../../src/application/ports/SearchIndex.js";
import type { SessionStore } from "../../src/application/ports/SessionStore.js";
import type { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import type { UserRepository } from "../../src/application/ports/UserRepository.js";
import type { ViewCounter } from "../../src/application/ports/ViewCounter.js";
import type { WebhookRepository } from "../../src/application/ports/WebhookRepository.js";

export type PersistencePorts =
  | UnitOfWork
  | UserRepository
  | QuestionRepository
  | QuestionPages
  | RegionStats
  | ActivityHistory
  | AnswerRepository
  | LikeRepository
  | LedgerRepository
  | BadgeRepository
  | NotificationRepository
  | FollowRepository
  | HashtagRepository
  | SessionStore
  | IdempotencyStore
  | ViewCounter
  | RegionRepository
  | SearchIndex
  | EventLog
  | Events
  | MediaRepository
  | RevisionRepository
  | ModerationRepository
  | ConsentRepository
  | LocationLog
  | PrivacyAudit
  | PersonalData
  | JobQueue
  | JobRunner
  | EscalationRepository
  | WebhookRepository;

/** One adapter set on an empty store; a contract suite gets a fresh one for every test. */
export interface Harness {
  readonly run: <A, E>(effect: Effect.Effect<A, E, PersistencePorts>) => Promise<A>;
  readonly exit: <A, E>(effect: Effect.Effect<A, E, PersistencePorts>) => Promise<Exit.Exit<A, E>>;
  readonly dispose: () => Promise<void>;
  /** Waits until asynchronous indexes (a search engine fed by the outbox) have caught up. */
  readonly settle?: () => Promise<void>;
}

export type HarnessFactory = () => Promise<Harness>;
