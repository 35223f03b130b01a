import "../runtimeGuard.js";
import { migrate } from "../../adapters/postgres/migrate.js";
import { loadJejuRegions } from "../../adapters/region-data/jejuRegions.js";
import { loadConfig } from "../config.js";
import { openToolDatabase, runTool } from "./bootstrap.js";

/** `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database under DATA_DIR (running or not). */
await runTool(async () => {
  const db = await openToolDatabase(loadConfig());
  try {
    const applied = await migrate(db.url, loadJejuRegions(), (msg) => console.log(msg));
    console.log(applied.length === 0 ? "Database is up to date." : `Applied: ${applied.join(", ")}`);
  } finally {
    await db.stop();
  }
});
