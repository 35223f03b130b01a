import { z } from "zod";
import { MAX_RADIUS_KM } from "../../../application/question/nearbyQuestions.js";
import { isMediaKey } from "../../../domain/media/media.js";
import { CATEGORIES } from "../../../domain/question/category.js";
import { QUESTION_SORTS } from "../../../domain/question/ordering.js";
import { URGENCIES } from "../../../domain/question/question.js";
import { hasForbiddenCharacters, normalizeUserText } from "../../../domain/shared/userText.js";
import { INPUT_ISSUES } from "../errorCatalogue.js";

/**
 * Fields the inputs of several capabilities share (./<capability>.ts). Transport limits only: generous caps
 * against abuse. The domain's own rules give the precise codes.
 */
const noForbiddenCharacters = { error: INPUT_ISSUES.INVALID_CHARACTERS.message, params: { code: INPUT_ISSUES.INVALID_CHARACTERS.code } };

/** Text a person typed, normalised here once (see domain/shared/userText.ts); control characters are refused. */
export const userText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasForbiddenCharacters(s), noForbiddenCharacters)
    .transform(normalizeUserText);

/** Machine values (codes) are not normalised, but must still be storable text. */
const storable = (schema: z.ZodString) => schema.refine((s) => !hasForbiddenCharacters(s), noForbiddenCharacters);

// Every id is a UUID (PostgreSQL's uuid columns); lower case, as stored, so both stores find the same rows.
export const id = z.uuid({ error: "올바른 ID가 아니에요." }).transform((s) => s.toLowerCase());
export const limit = z.number().int().min(1).max(50).optional();
export const regionCode = storable(z.string().trim().min(1).max(32));

// Degrees to 1e-9 (0.1 mm) and radii to the millimetre: no location loses anything, and vanishing values such as
// 5e-324 cannot underflow the database's trigonometry (earthdistance refuses them with an error).
const toNanodegrees = (deg: number) => Math.round(deg * 1e9) / 1e9 + 0;
export const lat = z.number().min(-90).max(90).transform(toNanodegrees);
export const lng = z.number().min(-180).max(180).transform(toNanodegrees);
export const radiusKm = z
  .number()
  .positive()
  .max(MAX_RADIUS_KM)
  .transform((km) => Math.round(km * 1e6) / 1e6);
// Media keys the service hands out (media.createUpload): lower-case letters, digits and hyphens, so no key can name a path or a URL.
export const mediaKey = z
  .string()
  .max(64)
  .refine(isMediaKey, { error: INPUT_ISSUES.INVALID_MEDIA_KEY.message, params: { code: INPUT_ISSUES.INVALID_MEDIA_KEY.code } });
export const imageKeys = z.array(mediaKey).max(20).optional();
export const category = z.enum(CATEGORIES);
export const urgency = z.enum(URGENCIES);
export const questionSort = z.enum(QUESTION_SORTS);
export const listableStatus = z.enum(["open", "answered", "closed"]);
