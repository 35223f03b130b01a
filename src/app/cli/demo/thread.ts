import type { Category } from "../../../domain/question/category.js";
import type { Urgency } from "../../../domain/question/question.js";
import type { PlaceKey } from "./places.js";

/** Who asks: a visitor, a resident of the place, or someone moving to (or just moved to) Jeju. */
export type Asker = "visitor" | "local" | "newcomer";

/** Who answers: a resident of the same neighbourhood, any resident, or a visitor who has been there. */
export type Voice = "near" | "local" | "visitor";

/** One question as the community wrote it, with its answers in the order they came. */
export interface Thread {
  readonly place: PlaceKey;
  readonly asker: Asker;
  readonly category: Category;
  readonly urgency?: Urgency;
  readonly title: string;
  readonly content: string;
  readonly hashtags: readonly string[];
  readonly answers: readonly (readonly [Voice, string])[];
  /** The answer the asker accepts, if they come back to accept one. */
  readonly accept?: number;
}
