import { activityHistoryContract } from "./ActivityHistory.contract.js";
import { answerRepositoryContract } from "./AnswerRepository.contract.js";
import { escalationRepositoryContract } from "./EscalationRepository.contract.js";
import { followRepositoryContract } from "./FollowRepository.contract.js";
import type { HarnessFactory } from "./harness.js";
import { idempotencyStoreContract } from "./IdempotencyStore.contract.js";
import { jobQueueContract } from "./JobQueue.contract.js";
import { ledgerRepositoryContract } from "./LedgerRepository.contract.js";
import { mediaRepositoryContract } from "./MediaRepository.contract.js";
import { moderationRepositoryContract, revisionRepositoryContract } from "./Moderation.contract.js";
import { privacyContract } from "./Privacy.contract.js";
import { questionPagesContract } from "./QuestionPages.contract.js";
import { questionRepositoryContract } from "./QuestionRepository.contract.js";
import { regionStatsContract } from "./RegionStats.contract.js";
import { rollbackContract } from "./Rollback.contract.js";
import { searchIndexContract } from "./SearchIndex.contract.js";
import { sessionStoreContract } from "./SessionStore.contract.js";
import {
  badgeRepositoryContract,
  hashtagRepositoryContract,
  likeRepositoryContract,
  notificationRepositoryContract,
} from "./SmallRepositories.contract.js";
import { unitOfWorkContract } from "./UnitOfWork.contract.js";
import { userRepositoryContract } from "./UserRepository.contract.js";
import { viewCounterContract } from "./ViewCounter.contract.js";
import { webhookRepositoryContract } from "./WebhookRepository.contract.js";

/** Every persistence port's contract, for one adapter set. */
export const persistenceContracts = (name: string, makeHarness: HarnessFactory) => {
  userRepositoryContract(name, makeHarness);
  questionRepositoryContract(name, makeHarness);
  questionPagesContract(name, makeHarness);
  regionStatsContract(name, makeHarness);
  activityHistoryContract(name, makeHarness);
  answerRepositoryContract(name, makeHarness);
  ledgerRepositoryContract(name, makeHarness);
  likeRepositoryContract(name, makeHarness);
  badgeRepositoryContract(name, makeHarness);
  notificationRepositoryContract(name, makeHarness);
  followRepositoryContract(name, makeHarness);
  hashtagRepositoryContract(name, makeHarness);
  sessionStoreContract(name, makeHarness);
  idempotencyStoreContract(name, makeHarness);
  unitOfWorkContract(name, makeHarness);
  rollbackContract(name, makeHarness);
  searchIndexContract(name, makeHarness);
  viewCounterContract(name, makeHarness);
  mediaRepositoryContract(name, makeHarness);
  revisionRepositoryContract(name, makeHarness);
  moderationRepositoryContract(name, makeHarness);
  privacyContract(name, makeHarness);
  jobQueueContract(name, makeHarness);
  escalationRepositoryContract(name, makeHarness);
  webhookRepositoryContract(name, makeHarness);
};
