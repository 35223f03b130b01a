import { Effect, Layer } from "effect";
import { type PageAuthor, QuestionPages } from "../../application/ports/QuestionPages.js";
import type { Answer } from "../../domain/answer/answer.js";
import type { UserId } from "../../domain/shared/ids.js";
import type { User } from "../../domain/user/user.js";
import { InMemoryStore } from "./InMemoryStore.js";
import { ANSWERS, QUESTIONS, USERS } from "./sharedTables.js";

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

const displayOrder = (a: Answer, b: Answer) =>
  Number(b.isAccepted) - Number(a.isAccepted) ||
  b.likeCount - a.likeCount ||
  a.createdAt.getTime() - b.createdAt.getTime() ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const author = (u: User): PageAuthor => ({
  id: u.id,
  nickname: u.nickname,
  regionCode: u.privacySettings.showRegion === false ? null : u.regionCode,
  verificationLevel: u.verificationLevel,
  questionCount: u.questionCount,
  answerCount: u.answerCount,
  acceptedAnswerCount: u.acceptedAnswerCount,
  createdAt: u.createdAt.toISOString(),
});

/** The question page from the shared twin tables, shaped as PostgreSQL's one statement builds it. */
export const InMemoryQuestionPages = Layer.effect(
  QuestionPages,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    return {
      find: (id) =>
        Effect.sync(() => {
          const q = store.get(QUESTIONS).get(id);
          if (!q || q.deletedAt !== null) return undefined;
          const answers = [...store.get(ANSWERS).values()].filter((a) => a.questionId === id && a.deletedAt === null).sort(displayOrder);
          const users = store.get(USERS);
          const authorIds = [...new Set([q.authorId, ...answers.map((a) => a.authorId)])].sort();
          return {
            question: {
              id: q.id,
              authorId: q.authorId,
              title: q.title,
              content: q.content,
              hashtags: q.hashtags,
              regionCode: q.regionCode,
              category: q.category,
              urgency: q.urgency,
              status: q.status,
              location: q.location,
              locationDescription: q.locationDescription,
              locationIsPublic: q.locationIsPublic,
              images: q.images,
              viewCount: q.viewCount,
              likeCount: q.likeCount,
              answerCount: q.answerCount,
              acceptedAnswerId: q.acceptedAnswerId,
              acceptedAt: iso(q.acceptedAt),
              createdAt: q.createdAt.toISOString(),
              updatedAt: q.updatedAt.toISOString(),
            },
            answers: answers.map((a) => ({
              id: a.id,
              questionId: a.questionId,
              authorId: a.authorId,
              content: a.content,
              images: a.images,
              likeCount: a.likeCount,
              qualityScore: a.qualityScore,
              isAccepted: a.isAccepted,
              acceptedAt: iso(a.acceptedAt),
              hiddenAt: iso(a.hiddenAt),
              createdAt: a.createdAt.toISOString(),
              updatedAt: a.updatedAt.toISOString(),
            })),
            authors: authorIds.flatMap((uid) => {
              const u = users.get(uid as UserId);
              return u ? [author(u)] : [];
            }),
          };
        }),
    };
  }),
);
