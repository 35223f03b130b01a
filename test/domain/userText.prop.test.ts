import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { hasForbiddenCharacters, normalizeUserText } from "../../src/domain/shared/userText.js";

const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad", "\u3164", "\uffa0", "\ufe0f", "\u2800"];
const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"];
const CONTROLS = ["\u0000", "\u0001", "\u0008", "\u000b", "\u001f", "\u007f", "\u0085", "\u009f"];
const SPACES = [" ", "\t", "\n", "\r", "\u00a0", "\u3000", "\u2028"];

const piece = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 4 }),
  fc.string({ unit: "binary", maxLength: 4 }),
  fc.constantFrom("제주", "한라산", "ᄒᆞᆫ", "👩🏽‍💻", "❤️‍🔥", "🇰🇷", "e\u0301", ...INVISIBLE, ...BIDI, ...SPACES),
);
const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(""));
const clean = text.filter((s) => !hasForbiddenCharacters(s));
const invisibleOnly = fc.array(fc.constantFrom(...INVISIBLE, ...BIDI, ...SPACES), { minLength: 1, maxLength: 20 }).map((a) => a.join(""));

describe("user text at the edge", () => {
  test.prop([clean])("is idempotent", (s) => {
    const once = normalizeUserText(s);
    expect(normalizeUserText(once)).toBe(once);
  });

  test.prop([clean])("leaves no bidi control, zero-width space or Hangul filler, and is NFC and trimmed", (s) => {
    const out = normalizeUserText(s);
    expect(out).not.toMatch(/[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u3164\uffa0\ufeff]/u);
    expect(out).toBe(out.normalize("NFC"));
    expect(out).toBe(out.trim());
  });

  test.prop([invisibleOnly])("text with nothing visible is empty (so length rules refuse it)", (s) => {
    expect(normalizeUserText(s)).toBe("");
  });

  test.prop([clean, fc.array(fc.constantFrom(...INVISIBLE, ...BIDI), { maxLength: 6 })])(
    "what is left is visible: empty, or with at least one character that is not space or format",
    (s, junk) => {
      const out = normalizeUserText(junk.join("") + s + junk.join(""));
      if (out !== "") expect(out.replace(/[\s\p{Cf}\u2800]|\p{Variation_Selector}|\u034f|\u17b4|\u17b5/gu, "")).not.toBe("");
    },
  );

  test.prop([fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom(...INVISIBLE.slice(0, 1), ...BIDI), fc.nat()])(
    "padding and bidi controls inside text are dropped; the visible text stays as written",
    (s, junk, at) => {
      const i = at % (s.length + 1);
      const visible = s.replace(/[\s\p{Cf}\u3164\uffa0\u115f\u1160\u00ad]/gu, "");
      fc.pre(visible.length > 0);
      const padded = visible.slice(0, i) + junk + visible.slice(i);
      expect(normalizeUserText(padded)).toBe(normalizeUserText(visible));
    },
  );

  test("keeps emoji sequences and Korean whole, composes decomposed Hangul", () => {
    expect(normalizeUserText("  애월 카페 👩🏽‍💻 ❤️‍🔥  ")).toBe("애월 카페 👩🏽‍💻 ❤️‍🔥");
    expect(normalizeUserText("\u1112\u1161\u11ab\u1105\u1161\u1109\u1161\u11ab")).toBe("한라산");
    expect(normalizeUserText("\u202e협재 해변\u202c")).toBe("협재 해변");
    expect(normalizeUserText("\u200b".repeat(12))).toBe("");
    expect(normalizeUserText("\u200f\u200b")).toBe("");
    expect(normalizeUserText("\u3164")).toBe("");
  });

  test.prop([clean, fc.constantFrom(...CONTROLS, "\ud800", "\udfff"), fc.nat()])(
    "a control character or lone surrogate anywhere is refused",
    (s, bad, at) => {
      const i = at % (s.length + 1);
      // Splitting a surrogate pair would itself make a lone surrogate: insert at a code point boundary.
      const head = [...s].slice(0, i).join("");
      expect(hasForbiddenCharacters(head + bad + s.slice(head.length))).toBe(true);
    },
  );

  test.prop([fc.string({ unit: "grapheme", maxLength: 40 })])("ordinary text, tabs and line breaks are allowed", (s) => {
    expect(hasForbiddenCharacters(`${s}\t줄\n바꿈\r\n`)).toBe(hasForbiddenCharacters(s));
  });
});
