import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { API_DOC_PATH, renderApiDoc } from "./api-doc/render.js";

/** `npm run docs:api`: writes docs/api.md from the router (test/app/api-doc.test.ts checks it is current). */
const target = resolve(import.meta.dirname, "..", API_DOC_PATH);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, await renderApiDoc());
console.log(`wrote ${API_DOC_PATH}`);
