import { z } from "zod";
import { appRouter } from "./router.js";
import { authedProcedure, publicProcedure } from "./trpc.js";

export type ProcedureKind = "query" | "mutation" | "subscription";

/** One procedure as the router serves it. */
export interface ProcedureInfo {
  readonly name: string;
  readonly kind: ProcedureKind;
  readonly needsSession: boolean;
  /** The zod schemas of its `.input(…)` calls, in order (tRPC merges them); empty when it takes no input. */
  readonly inputs: readonly z.ZodType[];
  /** True when the input may be left out altogether. */
  readonly inputOptional: boolean;
}

/** What tRPC keeps on every procedure and builder at run time; its public types leave these fields out. */
interface RuntimeDef {
  readonly type?: ProcedureKind;
  readonly inputs: readonly unknown[];
  readonly middlewares: readonly unknown[];
}
const defOf = (p: { readonly _def: unknown }) => p._def as RuntimeDef;

// A session is required exactly where the middleware authedProcedure adds on top of publicProcedure runs.
const sessionCheck = defOf(authedProcedure).middlewares.at(-1);
if (sessionCheck === undefined || defOf(publicProcedure).middlewares.includes(sessionCheck)) {
  throw new Error("authedProcedure no longer adds its own middleware to publicProcedure; teach procedures.ts the new shape");
}

/** Every procedure of the app router, in the order the router declares them. */
export const procedures = (): ProcedureInfo[] =>
  // At run time `procedures` is flat, keyed by the dotted name; its type describes the nested record.
  Object.entries(appRouter._def.procedures as unknown as Record<string, { readonly _def: unknown }>).map(([name, procedure]) => {
    const def = defOf(procedure);
    if (def.type === undefined) throw new Error(`${name} has no procedure type`);
    const inputs = def.inputs.map((input) => {
      if (!(input instanceof z.ZodType)) throw new Error(`the input of ${name} is not a zod schema`);
      return input;
    });
    return {
      name,
      kind: def.type,
      needsSession: def.middlewares.includes(sessionCheck),
      inputs,
      inputOptional: inputs.every((schema) => schema.safeParse(undefined).success),
    };
  });
