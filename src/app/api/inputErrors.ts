import { type ZodError, type ZodType, z } from "zod";
import { ENGLISH_MESSAGES, type ErrorEntry, GENERIC, INPUT_ISSUES } from "./errorCatalogue.js";
import type { Language } from "./language.js";
import { messageIn } from "./language.js";

/** A refused request as every transport answers it: the catalogue's entry, and the messages per input field. */
export interface Refusal {
  readonly entry: ErrorEntry;
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
}

/** An expected failure: its message on its field, if it has one. */
export const refusalOf = (entry: ErrorEntry): Refusal => ({ entry, fieldErrors: entry.field ? { [entry.field]: [entry.message] } : {} });

/** The one code all of a validation error's issues are tagged with (see INPUT_ISSUES), if they agree on one. */
const taggedIssue = (zod: ZodError) => {
  const tags = new Set(zod.issues.map(tagOf));
  const [tag] = tags;
  return tags.size === 1 ? Object.values(INPUT_ISSUES).find((entry) => entry.code === tag) : undefined;
};

const tagOf = (issue: ZodError["issues"][number]) =>
  issue.code === "custom" ? (issue.params as { code?: unknown } | undefined)?.code : undefined;

const fieldErrorsOf = (zod: ZodError, message: (issue: ZodError["issues"][number]) => string): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const issue of zod.issues) {
    const key = issue.path.join(".") || "input";
    out[key] = [...(out[key] ?? []), message(issue)];
  }
  return out;
};

/** Input that did not parse: INVALID_INPUT (or the code its issues are tagged with), zod's Korean messages per field. */
export const inputRefusalOf = (zod: ZodError): Refusal => ({
  entry: taggedIssue(zod) ?? GENERIC.INVALID_INPUT,
  fieldErrors: fieldErrorsOf(zod, (issue) => issue.message),
});

const english = z.locales.en();
// The inputs' own messages (src/app/api/inputs/fields.ts) that carry no catalogue code.
const OWN_MESSAGES: Readonly<Record<string, string>> = {
  "올바른 ID가 아니에요.": "This is not a valid ID.",
  "올바른 이미지 키가 아니에요.": "This is not a valid image key.",
};
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/**
 * The field errors in English. zod worded them in Korean when it parsed (its locale is global), so the input is
 * parsed again with zod's English messages; a message of our own is looked up by its tag or its text, and anything
 * still Korean becomes INVALID_INPUT's English. Without the schema and input, every field gets that generic message.
 */
const englishFieldErrors = (zod: ZodError, schema: ZodType | undefined, input: unknown) => {
  let issues = zod;
  if (schema !== undefined) {
    try {
      const again = schema.safeParse(input, { error: english.localeError });
      if (!again.success) issues = again.error;
    } catch {
      // An async refinement: keep the first parse's issues.
    }
  }
  const generic = ENGLISH_MESSAGES[GENERIC.INVALID_INPUT.code] ?? GENERIC.INVALID_INPUT.message;
  return fieldErrorsOf(issues, (issue) => {
    const tag = tagOf(issue);
    const tagged = typeof tag === "string" ? ENGLISH_MESSAGES[tag] : undefined;
    const message = tagged ?? OWN_MESSAGES[issue.message] ?? issue.message;
    return HANGUL.test(message) ? generic : message;
  });
};

/** A refusal in the language asked for: the entry's message and the field errors (an input's from its schema). */
export const localised = (
  refusal: Refusal,
  language: Language,
  input?: { readonly error: ZodError; readonly schema: ZodType | undefined; readonly value: unknown },
): { readonly code: string; readonly message: string; readonly fieldErrors: Readonly<Record<string, readonly string[]>> } => {
  const { entry } = refusal;
  if (language === "ko") return { code: entry.code, message: entry.message, fieldErrors: refusal.fieldErrors };
  const fieldErrors = input
    ? englishFieldErrors(input.error, input.schema, input.value)
    : Object.fromEntries(
        Object.entries(refusal.fieldErrors).map(([field, messages]) => [field, messages.map(() => messageIn(entry, "en"))]),
      );
  return { code: entry.code, message: messageIn(entry, "en"), fieldErrors };
};
