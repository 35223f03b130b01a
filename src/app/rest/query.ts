import type { FieldKind } from "./inputShape.js";

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

// A value that does not fit stays the text it was, for the schema to refuse with its own message.
const scalar = (kind: "string" | "number" | "boolean", text: string): unknown => {
  if (kind === "number") return NUMBER.test(text) ? Number(text) : text;
  if (kind === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
};

const json = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const one = (field: FieldKind | undefined, values: readonly string[]): unknown => {
  if (field?.kind === "array") return values.map((v) => scalar(field.of, v));
  // A single field sent twice is an array, which its schema refuses.
  if (values.length > 1) return values;
  const [text = ""] = values;
  if (field === undefined) return text;
  return field.kind === "json" ? json(text) : scalar(field.kind, text);
};

/**
 * A query string as a procedure's input, by the kind of each field: numbers and booleans from their text, an array
 * from the parameter repeated (`hashtags=a&hashtags=b`), an object field from JSON. Unknown parameters are passed
 * on, so the strict input schema refuses them; nothing here throws.
 */
export const decodeQuery = (fields: Readonly<Record<string, FieldKind>>, search: URLSearchParams): Record<string, unknown> =>
  // fromEntries, not assignment: a parameter named __proto__ stays a plain field.
  Object.fromEntries([...new Set(search.keys())].map((key) => [key, one(fields[key], search.getAll(key))]));
