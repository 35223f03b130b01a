import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ENGLISH_MESSAGES, ERROR_TABLE, type ErrorEntry, GENERIC, INPUT_ISSUES } from "../../../src/app/api/errorCatalogue.js";
import { inputRefusalOf, localised, refusalOf } from "../../../src/app/api/inputErrors.js";
import { languageOf, messageIn } from "../../../src/app/api/language.js";
import { ApiFailure } from "../../../src/app/api/run.js";
import { trpcErrorOf } from "../../../src/app/trpc/errorCodes.js";
import { procedures } from "../../../src/app/trpc/procedures.js";
import { appRouter } from "../../../src/app/trpc/router.js";

const entries: readonly ErrorEntry[] = [...Object.values(ERROR_TABLE), ...Object.values(GENERIC), ...Object.values(INPUT_ISSUES)];
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

describe("messages in Korean and English", () => {
  it("the catalogue has an English message for every code, and no English message for a code it lacks", () => {
    const codes = new Set(entries.map((e) => e.code));
    for (const code of codes) expect(ENGLISH_MESSAGES[code], `${code} needs an English message in ENGLISH_MESSAGES`).toMatch(/^[ -~]+$/);
    expect(Object.keys(ENGLISH_MESSAGES).filter((code) => !codes.has(code))).toEqual([]);
  });

  it("picks the language Accept-Language prefers among Korean and English, Korean otherwise", () => {
    expect(languageOf(undefined)).toBe("ko");
    expect(languageOf("")).toBe("ko");
    expect(languageOf("en")).toBe("en");
    expect(languageOf("en-US,en;q=0.9")).toBe("en");
    expect(languageOf("EN-gb")).toBe("en");
    expect(languageOf("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ko");
    expect(languageOf("ja, en;q=0.5")).toBe("en");
    expect(languageOf("fr, de")).toBe("ko");
    expect(languageOf("en;q=0, *")).toBe("ko");
    expect(languageOf("ko;q=0.2, en;q=0.3")).toBe("en");
    expect(languageOf("en;q=abc")).toBe("ko");
    expect(languageOf(["fr", "en"])).toBe("en");
  });

  it("never throws on any header, and answers ko or en", () => {
    fc.assert(fc.property(fc.string(), (header) => ["ko", "en"].includes(languageOf(header))));
  });

  it("words an expected failure and its field in English when asked", () => {
    const refusal = refusalOf(ERROR_TABLE.EmailTaken);
    expect(localised(refusal, "ko")).toEqual({
      code: "EMAIL_TAKEN",
      message: "이미 가입된 이메일이에요.",
      fieldErrors: { email: ["이미 가입된 이메일이에요."] },
    });
    expect(localised(refusal, "en")).toEqual({
      code: "EMAIL_TAKEN",
      message: ENGLISH_MESSAGES.EMAIL_TAKEN,
      fieldErrors: { email: [ENGLISH_MESSAGES.EMAIL_TAKEN] },
    });
    expect(messageIn(GENERIC.UNAUTHENTICATED, "en")).toBe("Please sign in first.");
  });

  it("words input issues in English by parsing again with zod's English messages; nothing Korean is left", () => {
    const schema = procedures().find((p) => p.name === "question.ask")?.inputs[0] as z.ZodType;
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, title) => {
        for (const input of [value, { title, content: 3 }, { title: "\u0000" }]) {
          const parsed = schema.safeParse(input);
          if (parsed.success) continue;
          const english = localised(inputRefusalOf(parsed.error), "en", { error: parsed.error, schema, value: input });
          expect(JSON.stringify(english)).not.toMatch(HANGUL);
          expect(Object.keys(english.fieldErrors).sort()).toEqual(Object.keys(inputRefusalOf(parsed.error).fieldErrors).sort());
        }
      }),
      { numRuns: 100 },
    );
  });

  it("reaches a tRPC client in English when its context asks for it", () => {
    const shape = getErrorShape({
      config: appRouter._def._config,
      error: trpcErrorOf(new ApiFailure(ERROR_TABLE.QuestionNotFound)),
      type: "query",
      path: "question.get",
      input: undefined,
      ctx: { language: "en" } as never,
    });
    expect([shape.message, shape.data.code]).toEqual([ENGLISH_MESSAGES.QUESTION_NOT_FOUND, "QUESTION_NOT_FOUND"]);
    const zod = z.strictObject({ id: z.uuid() }).safeParse({ id: 1 });
    const invalid = getErrorShape({
      config: appRouter._def._config,
      error: new TRPCError({ code: "BAD_REQUEST", cause: zod.error }),
      type: "query",
      path: "question.get",
      input: undefined,
      ctx: { language: "en" } as never,
    });
    expect(JSON.stringify(invalid)).not.toMatch(HANGUL);
  });
});
