import { z } from "zod";

/** The part of JSON Schema (draft 2020-12) that zod's toJSONSchema writes for our inputs. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly prefixItems?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly format?: string;
  readonly pattern?: string;
  readonly default?: unknown;
  readonly description?: string;
  readonly $ref?: string;
}

/** One documented field: a dotted path (`location.lat`, `items[].id`), its type, whether it must be sent, its rules. */
export interface FieldRow {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly rules: readonly string[];
}

/** The input side of a schema (what a client sends), with whatever JSON Schema cannot say left open. */
export const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any", reused: "inline" }) as JsonSchema;

const code = (value: unknown) => `\`${JSON.stringify(value)}\``;
const NULL_TYPE = "null";

// zod states `.int()` as bounds of the safe integers: nothing a reader needs to be told.
const meaningful = (n: number | undefined) => (n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);

const FORMATS: Record<string, string> = {
  "date-time": "an ISO-8601 date-time",
  date: "an ISO-8601 date",
  email: "an e-mail address",
  uuid: "a UUID",
  uri: "a URL",
};

const types = (s: JsonSchema) => (s.type === undefined ? [] : typeof s.type === "string" ? [s.type] : s.type);
const alternatives = (s: JsonSchema) => s.anyOf ?? s.oneOf;

/** A short type name: `string`, `integer`, `array of string`, one of the enum's values, `string or null`. */
export const typeName = (s: JsonSchema): string => {
  if (s.$ref !== undefined) return `see \`${s.$ref.split("/").at(-1)}\``;
  if (s.const !== undefined) return code(s.const);
  if (s.enum !== undefined) return `one of ${s.enum.map(code).join(", ")}`;
  const union = alternatives(s);
  if (union !== undefined) return [...new Set(union.map(typeName))].join(" or ");
  const named = types(s).map((t) => {
    if (t === "array") return s.items ? `array of ${typeName(s.items)}` : "array";
    return t;
  });
  return named.length > 0 ? named.join(" or ") : "any JSON value";
};

const range = (unit: "character" | "item", min: number | undefined, max: number | undefined) => {
  const units = (n: number) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${units(max)}` : `${min}–${units(max)}`;
  if (max !== undefined) return `at most ${units(max)}`;
  if (min !== undefined) return `at least ${units(min)}`;
  return undefined;
};

const bounds = (s: JsonSchema) => {
  const min = meaningful(s.minimum);
  const max = meaningful(s.maximum);
  const parts = [
    min !== undefined ? `≥ ${min}` : undefined,
    meaningful(s.exclusiveMinimum) !== undefined ? `> ${s.exclusiveMinimum}` : undefined,
    max !== undefined ? `≤ ${max}` : undefined,
    meaningful(s.exclusiveMaximum) !== undefined ? `< ${s.exclusiveMaximum}` : undefined,
  ].filter((p) => p !== undefined);
  if (min !== undefined && max !== undefined && parts.length === 2) return `${min} to ${max}`;
  return parts.length > 0 ? parts.join(", ") : undefined;
};

/** The constraints on one value, in words; an array's element rules come after "each:". */
export const rulesOf = (s: JsonSchema): string[] => {
  const rules: (string | undefined)[] = [s.description];
  rules.push(range("character", s.minLength, s.maxLength));
  rules.push(bounds(s));
  if (s.format !== undefined) rules.push(FORMATS[s.format] ?? `format \`${s.format}\``);
  // A format comes with its own pattern; only a bare pattern says something more.
  else if (s.pattern !== undefined) rules.push(`matches \`${s.pattern}\``);
  rules.push(range("item", s.minItems, s.maxItems));
  if (s.uniqueItems) rules.push("no duplicates");
  if (s.items !== undefined && !isObjectSchema(s.items)) {
    const each = rulesOf(s.items);
    if (each.length > 0) rules.push(`each: ${each.join(", ")}`);
  }
  const union = alternatives(s);
  if (union !== undefined) for (const alternative of union) rules.push(...rulesOf(alternative));
  if (s.default !== undefined) rules.push(`default ${code(s.default)}`);
  return rules.filter((r): r is string => r !== undefined && r !== "");
};

/** An object with listed fields (rendered as rows of its own). */
export const isObjectSchema = (s: JsonSchema) => types(s).includes("object") && s.properties !== undefined;
const withoutNull = (s: JsonSchema): JsonSchema => {
  const union = alternatives(s)?.filter((a) => !types(a).includes(NULL_TYPE) || types(a).length > 1);
  return union?.length === 1 && union[0] !== undefined ? union[0] : s;
};

/** Rows for every field of an object schema, nested objects (and arrays of objects) flattened into dotted paths. */
export const fieldRows = (s: JsonSchema, prefix = ""): FieldRow[] => {
  const rows: FieldRow[] = [];
  const required = new Set(s.required ?? []);
  for (const [name, field] of Object.entries(s.properties ?? {})) {
    const path = `${prefix}${name}`;
    rows.push({ path, type: typeName(field), required: required.has(name), rules: rulesOf(field) });
    const inner = withoutNull(field);
    if (isObjectSchema(inner)) rows.push(...fieldRows(inner, `${path}.`));
    else if (inner.items !== undefined && isObjectSchema(inner.items)) rows.push(...fieldRows(inner.items, `${path}[].`));
  }
  return rows;
};

/** True when the object refuses fields it does not list (zod's strictObject). */
export const refusesUnknownFields = (s: JsonSchema) => s.additionalProperties === false;
