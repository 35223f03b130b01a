/** The composition root lives in layers/ (one file per capability); this path stays for its importers. */
export * from "./layers/index.js";
