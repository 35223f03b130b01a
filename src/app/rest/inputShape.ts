import { z } from "zod";
import type { ProcedureInfo } from "../trpc/procedures.js";

/** How one top-level input field travels in a query string. */
export type FieldKind =
  | { readonly kind: "string" | "number" | "boolean" }
  | { readonly kind: "array"; readonly of: "string" | "number" | "boolean" }
  /** Anything else (an object, a mixed array): the parameter's value is JSON. */
  | { readonly kind: "json" };

/** A procedure's input as REST sees it: the object's fields, and whether the whole input may be left out. */
export interface InputShape {
  readonly object: z.ZodObject;
  readonly fields: Readonly<Record<string, FieldKind>>;
  readonly optional: boolean;
}

interface Json {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly Json[];
  readonly items?: Json;
}

const scalarOf = (s: Json): "string" | "number" | "boolean" | undefined => {
  if (s.anyOf) {
    const kinds = new Set(s.anyOf.map(scalarOf));
    const [only] = kinds;
    return kinds.size === 1 ? only : undefined;
  }
  if (s.type === "string" || (s.type === undefined && (s.enum ?? [s.const]).every((v) => typeof v === "string"))) return "string";
  if (s.type === "number" || s.type === "integer") return "number";
  if (s.type === "boolean") return "boolean";
  return undefined;
};

const kindOf = (field: z.ZodType): FieldKind => {
  const json = z.toJSONSchema(field, { io: "input", unrepresentable: "any" }) as Json;
  const scalar = scalarOf(json);
  if (scalar) return { kind: scalar };
  const item = json.type === "array" && json.items ? scalarOf(json.items) : undefined;
  return item ? { kind: "array", of: item } : { kind: "json" };
};

/** The object a procedure takes, or undefined when it takes no input. REST needs an object: a test holds every procedure to it. */
export const inputShapeOf = (p: ProcedureInfo): InputShape | undefined => {
  if (p.inputs.length === 0) return undefined;
  if (p.inputs.length > 1) throw new Error(`${p.name}: REST takes one .input() per procedure`);
  const [input] = p.inputs;
  const object = input instanceof z.ZodOptional ? input.unwrap() : input;
  if (!(object instanceof z.ZodObject)) throw new Error(`${p.name}: REST needs an object input`);
  const fields = Object.fromEntries(Object.entries(object.shape as Record<string, z.ZodType>).map(([k, v]) => [k, kindOf(v)]));
  return { object, fields, optional: p.inputOptional };
};
