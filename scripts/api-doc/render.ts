import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { ENGLISH_MESSAGES, ERROR_TABLE, GENERIC, HTTP_STATUS, INPUT_ISSUES } from "../../src/app/api/errorCatalogue.js";
import { NOTES } from "../../src/app/api/procedureNotes.js";
import { restPathOf } from "../../src/app/rest/routes.js";
import { TRPC_CODE } from "../../src/app/trpc/errorCodes.js";
import { type ProcedureInfo, procedures } from "../../src/app/trpc/procedures.js";
import { appRouter } from "../../src/app/trpc/router.js";
import { examples, type Situation } from "./examples.js";
import { header } from "./header.js";
import {
  type FieldRow,
  fieldRows,
  isObjectSchema,
  type JsonSchema,
  jsonSchemaOf,
  refusesUnknownFields,
  rulesOf,
  typeName,
} from "./inputShape.js";

/** Where the document lives, from the repository's root. */
export const API_DOC_PATH = "docs/api.md";

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
const code = (text: string) => `\`${text}\``;

/** Several `.input()` calls are merged by tRPC into one object: merge their schemas the same way. */
const inputSchema = (p: ProcedureInfo): JsonSchema | undefined => {
  const schemas = p.inputs.map(jsonSchemaOf);
  if (schemas.length <= 1) return schemas[0];
  return {
    type: "object",
    properties: Object.assign({}, ...schemas.map((s) => s.properties ?? {})),
    required: schemas.flatMap((s) => s.required ?? []),
    additionalProperties: schemas.some((s) => s.additionalProperties === false) ? false : undefined,
  };
};

const noteOf = (p: ProcedureInfo) => {
  const note = NOTES[p.name];
  if (!note) throw new Error(`api-doc: ${p.name} has no note in src/app/api/procedureNotes.ts: say what it is for and what it returns`);
  return note;
};

const inputSection = (p: ProcedureInfo) => {
  const schema = inputSchema(p);
  if (schema === undefined) return "No input.";
  const presence = p.inputOptional ? "may be left out" : "required";
  if (!isObjectSchema(schema)) {
    const row: FieldRow = { path: "(the input)", type: typeName(schema), required: !p.inputOptional, rules: rulesOf(schema) };
    return [`Input (${presence}):`, "", fieldTable([row])].join("\n");
  }
  const strict = refusesUnknownFields(schema) ? "; fields not listed are refused" : "";
  return [`Input: an object (${presence}${strict}).`, "", fieldTable(fieldRows(schema))].join("\n");
};

const fieldTable = (rows: readonly FieldRow[]) =>
  rows.length === 0
    ? "(no fields)"
    : table(
        ["field", "type", "required", "rules"],
        rows.map((r) => [code(r.path), r.type, r.required ? "yes" : "no", r.rules.join("; ") || "—"]),
      );

const method = (p: ProcedureInfo) => (p.kind === "mutation" ? "POST" : "GET");

const section = (p: ProcedureInfo) => {
  const note = noteOf(p);
  const returns = `Returns at least ${note.returns.map(code).join(", ")}${note.orNull ? ", or `null`" : ""}.`;
  const line = [
    `**${p.kind}**`,
    p.needsSession ? "**session**" : "no session needed",
    code(`${method(p)} /trpc/${p.name}`),
    ...(p.kind === "subscription" ? [] : [`REST ${code(`${method(p)} ${restPathOf(p.name)}`)}`]),
  ].join(" · ");
  return [`### ${code(p.name)}`, "", line, "", `${note.summary} ${returns}`, "", inputSection(p)].join("\n");
};

const procedureIndex = (list: readonly ProcedureInfo[]) =>
  table(
    ["procedure", "kind", "session", "what it does"],
    list.map((p) => [
      `[${code(p.name)}](#${p.name.replaceAll(".", "").toLowerCase()})`,
      p.kind,
      p.needsSession ? "yes" : "—",
      noteOf(p).summary,
    ]),
  );

/** The HTTP status the router's own error formatter gives each generic code, for codes no situation showed. */
const statusByCode = () => {
  const formatter = appRouter._def._config.errorFormatter;
  const statuses = new Map<string, number>();
  for (const key of Object.keys(TRPC_ERROR_CODES_BY_KEY) as TRPCError["code"][]) {
    const error = new TRPCError({ code: key });
    const httpStatus = getHTTPStatusCodeFromError(error);
    const shape = { message: key, code: TRPC_ERROR_CODES_BY_KEY[key], data: { code: key, httpStatus, path: undefined } };
    const formatted = formatter({ error, type: "unknown", path: undefined, input: undefined, ctx: undefined, shape });
    if (!statuses.has(formatted.data.code)) statuses.set(formatted.data.code, httpStatus);
  }
  return statuses;
};

const english = (errorCode: string) => ENGLISH_MESSAGES[errorCode] ?? "—";

const errorTables = (situations: readonly Situation[]) => {
  const shown = new Set(situations.map((s) => s.code));
  const ruleCodes = new Set(Object.values(ERROR_TABLE).map((e) => e.code));
  const statuses = statusByCode();
  // Generic codes and input issues no situation produced; input issues are tagged on a failed parse, so their kind is the status.
  const others = [
    ...Object.values(GENERIC).map((e) => ({ ...e, status: statuses.get(e.code) })),
    ...Object.values(INPUT_ISSUES).map((e) => ({ ...e, status: HTTP_STATUS[e.kind] })),
  ].filter((e) => !shown.has(e.code) && !ruleCodes.has(e.code));
  const generic = table(
    ["`data.code`", "HTTP", "when", "message (shown to users)", "`Accept-Language: en`"],
    [
      ...situations.map((s) => [code(s.code), String(s.status), s.when, s.message, english(s.code)]),
      ...others.map((e) => [code(e.code), e.status === undefined ? "—" : String(e.status), "—", e.message, english(e.code)]),
    ],
  );
  const seen = new Set<string>();
  const domain = Object.values(ERROR_TABLE).flatMap((e) => {
    const row = [code(e.code), String(HTTP_STATUS[e.kind]), TRPC_CODE[e.kind], e.field ? code(e.field) : "—", e.message, english(e.code)];
    const key = row.join("\u0000");
    if (seen.has(key)) return [];
    seen.add(key);
    return [row];
  });
  return [
    "### Codes any procedure may answer",
    "",
    generic,
    "",
    "### Codes of the service's rules",
    "",
    "From `src/app/api/errorCatalogue.ts`; `field` is the input field the error is about, also the key in `data.fieldErrors`.",
    "",
    table(["`data.code`", "HTTP", "tRPC code", "field", "message (shown to users)", "`Accept-Language: en`"], domain),
  ].join("\n");
};

const checkNotes = (list: readonly ProcedureInfo[]) => {
  const names = new Set(list.map((p) => p.name));
  const stale = Object.keys(NOTES).filter((n) => !names.has(n));
  if (stale.length > 0) throw new Error(`api-doc: notes for procedures the router does not serve: ${stale.join(", ")}`);
};

/** The whole document, as `npm run docs:api` writes it. */
export const renderApiDoc = async (): Promise<string> => {
  const list = procedures();
  checkNotes(list);
  const ex = await examples();
  return [
    header(ex),
    errorTables(ex.situations),
    "",
    "## Procedures",
    "",
    procedureIndex(list),
    "",
    list.map(section).join("\n\n"),
    "",
  ].join("\n");
};
