import { Context, Layer } from "effect";
import type { HeldBadge } from "../../application/ports/BadgeRepository.js";
import type { RecordedEvent } from "../../application/ports/EventLog.js";
import type { Session } from "../../application/ports/SessionStore.js";
import type { Answer } from "../../domain/answer/answer.js";
import type { TagUse } from "../../domain/hashtag/trending.js";
import type { LedgerEntry } from "../../domain/ledger/ledger.js";
import type { Notification } from "../../domain/notification/notification.js";
import type { Question } from "../../domain/question/question.js";
import type { UserId } from "../../domain/shared/ids.js";
import type { User } from "../../domain/user/user.js";

/**
 * The tables of the in-memory adapters. Rows are immutable values replaced on write, so a
 * shallow copy of every map is a full snapshot: that is how a unit of work rolls back.
 */
export interface Tables {
  users: Map<UserId, User>;
  questions: Map<string, Question>;
  answers: Map<string, Answer>;
  likes: Set<string>;
  ledger: LedgerEntry[];
  ledgerKeys: Set<string>;
  badges: Map<string, HeldBadge & { readonly userId: UserId }>;
  notifications: Map<string, Notification>;
  tagUses: TagUse[];
  tagCounts: Map<string, { count: number; lastUsedAt: Date }>;
  sessions: Map<string, Session>;
  /** Recorded domain events, and per consumer the ids of those it has not yet handled. */
  events: RecordedEvent[];
  deliveries: Map<string, Set<number>>;
  eventSeq: number;
}

const emptyTables = (): Tables => ({
  users: new Map(),
  questions: new Map(),
  answers: new Map(),
  likes: new Set(),
  ledger: [],
  ledgerKeys: new Set(),
  badges: new Map(),
  notifications: new Map(),
  tagUses: [],
  tagCounts: new Map(),
  sessions: new Map(),
  events: [],
  deliveries: new Map(),
  eventSeq: 0,
});

export const snapshot = (t: Tables): Tables => ({
  users: new Map(t.users),
  questions: new Map(t.questions),
  answers: new Map(t.answers),
  likes: new Set(t.likes),
  ledger: [...t.ledger],
  ledgerKeys: new Set(t.ledgerKeys),
  badges: new Map(t.badges),
  notifications: new Map(t.notifications),
  tagUses: [...t.tagUses],
  tagCounts: new Map([...t.tagCounts].map(([k, v]) => [k, { ...v }])),
  sessions: new Map(t.sessions),
  events: [...t.events],
  deliveries: new Map([...t.deliveries].map(([k, v]) => [k, new Set(v)])),
  eventSeq: t.eventSeq,
});

export class InMemoryStore extends Context.Service<InMemoryStore, { tables: Tables }>()("dongne/adapters/InMemoryStore") {
  static readonly layer = Layer.sync(InMemoryStore, () => ({ tables: emptyTables() }));
}
