import { err, ok, type Result } from "neverthrow";
import { normalizeHashtags, type TooManyHashtags } from "../hashtag/hashtag.js";
import { activeRegion, isWithin, locateNear, type RegionCatalog } from "../region/region.js";
import { inServiceArea, type LatLng, type LocationOutsideServiceArea } from "../shared/geo.js";
import type { AnswerId, QuestionId, UserId } from "../shared/ids.js";
import { charLength, cleanText } from "../shared/text.js";
import { type Category, classifyCategory } from "./category.js";

export const URGENCIES = ["normal", "urgent", "emergency"] as const;
export type Urgency = (typeof URGENCIES)[number];
export const QUESTION_STATUSES = ["open", "answered", "closed", "hidden"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const TITLE_LENGTH = { min: 10, max: 200 } as const;
export const CONTENT_LENGTH = { min: 20, max: 2000 } as const;
export const LOCATION_DESCRIPTION_MAX = 200;
export const MAX_IMAGES = 5;

export interface Question {
  readonly id: QuestionId;
  readonly authorId: UserId;
  readonly title: string;
  readonly content: string;
  readonly hashtags: readonly string[];
  readonly regionCode: string;
  readonly category: Category;
  readonly urgency: Urgency;
  readonly status: QuestionStatus;
  readonly location: LatLng | null;
  readonly locationDescription: string | null;
  /** The asker marked the place as public (a beach, a shop): shown exactly; any other location is coarsened for readers. */
  readonly locationIsPublic: boolean;
  readonly images: readonly string[];
  readonly viewCount: number;
  readonly likeCount: number;
  readonly answerCount: number;
  readonly acceptedAnswerId: AnswerId | null;
  readonly acceptedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly deletedAt: Date | null;
}

export type QuestionTitleLength = { readonly _tag: "QuestionTitleLength"; readonly actual: number };
export type QuestionContentLength = { readonly _tag: "QuestionContentLength"; readonly actual: number };
export type QuestionRegionRequired = { readonly _tag: "QuestionRegionRequired" };
export type RegionNotFound = { readonly _tag: "RegionNotFound"; readonly code: string };
export type LocationOutsideRegions = { readonly _tag: "LocationOutsideRegions" };
export type LocationRegionMismatch = { readonly _tag: "LocationRegionMismatch"; readonly regionCode: string; readonly locatedCode: string };
export type LocationDescriptionLength = { readonly _tag: "LocationDescriptionLength"; readonly actual: number };
export type TooManyImages = { readonly _tag: "TooManyImages"; readonly max: number; readonly actual: number };

export type AskError =
  | QuestionTitleLength
  | QuestionContentLength
  | TooManyHashtags
  | QuestionRegionRequired
  | RegionNotFound
  | LocationOutsideServiceArea
  | LocationOutsideRegions
  | LocationRegionMismatch
  | LocationDescriptionLength
  | TooManyImages;

export interface AskInput {
  readonly id: QuestionId;
  readonly authorId: UserId;
  readonly title: string;
  readonly content: string;
  readonly hashtags?: readonly string[];
  readonly regionCode?: string | undefined;
  readonly category?: Category | undefined;
  readonly urgency?: Urgency | undefined;
  readonly location?: (LatLng & { readonly description?: string | undefined; readonly publicPlace?: boolean | undefined }) | undefined;
  readonly images?: readonly string[];
}

const checkLength = <E>(text: string, bounds: { min: number; max: number }, error: (actual: number) => E): Result<string, E> => {
  const n = charLength(text);
  return n >= bounds.min && n <= bounds.max ? ok(text) : err(error(n));
};

/** Region given, or derived from the location; when both are given they must agree. */
const resolveRegion = (
  catalog: RegionCatalog,
  regionCode: string | undefined,
  location: LatLng | null,
): Result<string, QuestionRegionRequired | RegionNotFound | LocationOutsideRegions | LocationRegionMismatch> => {
  const located = location ? locateNear(catalog, location) : undefined;
  if (regionCode !== undefined) {
    if (!activeRegion(catalog, regionCode)) return err({ _tag: "RegionNotFound", code: regionCode });
    if (located && !isWithin(catalog, located.code, regionCode) && !isWithin(catalog, regionCode, located.code))
      return err({ _tag: "LocationRegionMismatch", regionCode, locatedCode: located.code });
    return ok(regionCode);
  }
  if (location === null) return err({ _tag: "QuestionRegionRequired" });
  return located ? ok(located.code) : err({ _tag: "LocationOutsideRegions" });
};

export const askQuestion = (input: AskInput, catalog: RegionCatalog, now: Date): Result<Question, AskError> => {
  const title = cleanText(input.title);
  const content = cleanText(input.content);
  const description = input.location?.description === undefined ? null : cleanText(input.location.description) || null;
  const images = input.images ?? [];
  return checkLength(title, TITLE_LENGTH, (actual): AskError => ({ _tag: "QuestionTitleLength", actual }))
    .andThen(() => checkLength(content, CONTENT_LENGTH, (actual): AskError => ({ _tag: "QuestionContentLength", actual })))
    .andThen(() => normalizeHashtags(input.hashtags ?? []))
    .andThen((hashtags) =>
      images.length > MAX_IMAGES ? err<never, AskError>({ _tag: "TooManyImages", max: MAX_IMAGES, actual: images.length }) : ok(hashtags),
    )
    .andThen((hashtags) =>
      description !== null && charLength(description) > LOCATION_DESCRIPTION_MAX
        ? err<never, AskError>({ _tag: "LocationDescriptionLength", actual: charLength(description) })
        : ok(hashtags),
    )
    .andThen((hashtags) => {
      const location: Result<LatLng | null, AskError> = input.location
        ? inServiceArea({ lat: input.location.lat, lng: input.location.lng })
        : ok(null);
      return location.andThen((loc) => resolveRegion(catalog, input.regionCode, loc).map((regionCode) => ({ hashtags, loc, regionCode })));
    })
    .map(({ hashtags, loc, regionCode }) => ({
      id: input.id,
      authorId: input.authorId,
      title,
      content,
      hashtags,
      regionCode,
      category: input.category ?? classifyCategory(title, content),
      urgency: input.urgency ?? "normal",
      status: "open",
      location: loc,
      locationDescription: description,
      locationIsPublic: loc !== null && input.location?.publicPlace === true,
      images: [...images],
      viewCount: 0,
      likeCount: 0,
      answerCount: 0,
      acceptedAnswerId: null,
      acceptedAt: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    }));
};

/** Who may see a question: hidden or deleted ones are gone for everyone but their author. */
export const isVisibleTo = (q: Question, viewer: UserId | null): boolean =>
  q.deletedAt === null && (q.status !== "hidden" || q.authorId === viewer);

export const isListed = (q: Question): boolean => q.deletedAt === null && q.status !== "hidden";

/**
 * Allowed status changes. "answered" is reached only through acceptance, and once a question
 * has an accepted answer it never becomes "open" again (one accepted answer, ever).
 */
const TRANSITIONS: Record<QuestionStatus, readonly QuestionStatus[]> = {
  open: ["answered", "closed", "hidden"],
  answered: ["closed", "hidden"],
  closed: ["open", "hidden"],
  hidden: ["open", "answered", "closed"],
};

export type InvalidStatusTransition = {
  readonly _tag: "InvalidStatusTransition";
  readonly from: QuestionStatus;
  readonly to: QuestionStatus;
};

export const changeStatus = (q: Question, to: QuestionStatus, now: Date): Result<Question, InvalidStatusTransition> => {
  const accepted = q.acceptedAnswerId !== null;
  const allowed = TRANSITIONS[q.status].includes(to) && !(to === "open" && accepted) && !(to === "answered" && !accepted);
  return allowed ? ok({ ...q, status: to, updatedAt: now }) : err({ _tag: "InvalidStatusTransition", from: q.status, to });
};

export type NotQuestionAuthor = { readonly _tag: "NotQuestionAuthor" };
export type QuestionNotFound = { readonly _tag: "QuestionNotFound" };

export const closeQuestion = (
  q: Question,
  actorId: UserId,
  now: Date,
): Result<Question, NotQuestionAuthor | QuestionNotFound | InvalidStatusTransition> => {
  if (q.deletedAt !== null) return err({ _tag: "QuestionNotFound" });
  if (q.authorId !== actorId) return err({ _tag: "NotQuestionAuthor" });
  return changeStatus(q, "closed", now);
};
