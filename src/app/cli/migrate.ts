import { resolve } from "node:path";
import { startEmbeddedPostgres } from "../../adapters/postgres/EmbeddedPostgres.js";
import { migrate } from "../../adapters/postgres/migrate.js";
import { loadJejuRegions } from "../../adapters/region-data/jejuRegions.js";
import { loadConfig } from "../config.js";

/** `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database under DATA_DIR. */
const config = loadConfig();
const db = config.DATABASE_URL ? { url: config.DATABASE_URL, stop: async () => {} } : await startEmbeddedPostgres(resolve(config.DATA_DIR));
try {
  const applied = await migrate(db.url, loadJejuRegions(), (msg) => console.log(msg));
  console.log(applied.length === 0 ? "Database is up to date." : `Applied: ${applied.join(", ")}`);
} finally {
  await db.stop();
}
