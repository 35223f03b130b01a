import { Context, type Effect } from "effect";
import type { Category } from "../../domain/question/category.js";
import type { QuestionStatus, Urgency } from "../../domain/question/question.js";
import type { LatLng } from "../../domain/shared/geo.js";

/**
 * A question page as readers are shown it, read in one go: timestamps are ISO-8601 strings from the store
 * (nothing computes with them on this path), authors carry only the columns a page shows.
 */
export interface PageQuestion {
  readonly id: string;
  readonly authorId: string;
  readonly title: string;
  readonly content: string;
  readonly hashtags: readonly string[];
  readonly regionCode: string;
  readonly category: Category;
  readonly urgency: Urgency;
  readonly status: QuestionStatus;
  readonly location: LatLng | null;
  readonly locationDescription: string | null;
  /** The asker marked the place public: shown exactly (otherwise coarsened for readers). */
  readonly locationIsPublic: boolean;
  readonly images: readonly string[];
  readonly viewCount: number;
  readonly likeCount: number;
  readonly answerCount: number;
  readonly acceptedAnswerId: string | null;
  readonly acceptedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PageAnswer {
  readonly id: string;
  readonly questionId: string;
  readonly authorId: string;
  readonly content: string;
  readonly images: readonly string[];
  readonly likeCount: number;
  readonly qualityScore: number;
  readonly isAccepted: boolean;
  readonly acceptedAt: string | null;
  /** Set while the answer is hidden pending review: shown only to its author and moderators. */
  readonly hiddenAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An author's public columns; `regionCode` is already null when their privacy settings hide it. */
export interface PageAuthor {
  readonly id: string;
  readonly nickname: string;
  readonly regionCode: string | null;
  readonly verificationLevel: number;
  readonly questionCount: number;
  readonly answerCount: number;
  readonly acceptedAnswerCount: number;
  readonly createdAt: string;
}

export interface QuestionPage {
  readonly question: PageQuestion;
  /** Not deleted ones: the accepted answer first, then the most liked, then the oldest (then by id). */
  readonly answers: readonly PageAnswer[];
  /** The question's and the answers' authors (an author gone since is missing). */
  readonly authors: readonly PageAuthor[];
}

export class QuestionPages extends Context.Service<
  QuestionPages,
  {
    /** The page of a question that is not deleted (hidden ones too: who may see them is the use case's rule). */
    readonly find: (id: string) => Effect.Effect<QuestionPage | undefined>;
  }
>()("dongne/QuestionPages") {}
