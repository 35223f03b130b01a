/**
 * The hexagon's rules, checked with the tests (test/architecture/layers.test.ts).
 * Dependencies point inward: app → adapters → application → domain.
 */
/** npm packages the pure domain may use: error values and pure geometry. */
const DOMAIN_PACKAGES = ["neverthrow", "@turf/area", "@turf/boolean-point-in-polygon", "@turf/point-to-polygon-distance", "@turf/helpers", "geojson", "es-hangul"];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "src/domain imports nothing from the outer layers.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^src/(application|adapters|app)/" },
    },
    {
      name: "domain-no-packages",
      comment: "src/domain uses no npm package or Node built-in beyond the pure ones listed.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: {
        dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown", "core"],
        pathNot: `node_modules/(${DOMAIN_PACKAGES.map(escape).join("|")}|@types/geojson)/`,
      },
    },
    {
      name: "application-inward",
      comment: "src/application imports the domain only, never an adapter or the app.",
      severity: "error",
      from: { path: "^src/application/" },
      to: { path: "^src/(adapters|app)/" },
    },
    {
      name: "application-no-drivers",
      comment: "src/application talks to infrastructure through its ports only.",
      severity: "error",
      from: { path: "^src/application/" },
      to: { dependencyTypes: ["npm", "core"], pathNot: "node_modules/(effect|neverthrow)/" },
    },
    {
      name: "neverthrow-in-domain-and-bridge",
      comment: "neverthrow lives in the domain; the application crosses over in fromDomain.ts only.",
      severity: "error",
      from: { path: "^src/(application|adapters|app)/", pathNot: "^src/application/fromDomain\\.ts$" },
      to: { path: "node_modules/neverthrow/" },
    },
    {
      name: "adapters-not-app",
      comment: "Adapters implement ports; the composition root wires them, never the other way round.",
      severity: "error",
      from: { path: "^src/adapters/" },
      to: { path: "^src/app/" },
    },
    {
      name: "transports-not-adapters",
      comment:
        "Transports (tRPC, the HTTP server, later REST and web) reach use cases through src/app/api and types from the composition root (src/app/layers.ts), never an adapter.",
      severity: "error",
      from: { path: "^src/app/(trpc|http|rest|web)/" },
      to: { path: "^src/adapters/" },
    },
    {
      name: "web-client-stays-in-the-browser",
      comment:
        "The browser bundle (src/app/web/client) uses the pure domain, the web app's route table and the router's types only: nothing that runs on the server ends up in it.",
      severity: "error",
      from: { path: "^src/app/web/client/" },
      to: { path: "^src/(application|adapters|app/(?!web/))", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "web-client-no-node",
      severity: "error",
      from: { path: "^src/app/web/client/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "opensearch-only-in-search-engine-adapter",
      comment: "The OpenSearch driver stays behind the search ports.",
      severity: "error",
      // Temporary: the search worker and admin CLI still talk to the engine themselves until they move behind ports (issue 9).
      from: { path: "^src/", pathNot: "^src/adapters/search-engine/" },
      to: { path: "node_modules/@opensearch-project/opensearch/" },
    },
    {
      name: "pg-only-in-postgres-adapter",
      severity: "error",
      from: { pathNot: "^src/adapters/postgres/" },
      to: { path: "node_modules/(pg|postgres)/" },
    },
    {
      name: "ioredis-only-in-redis-adapter",
      comment: "One Redis client layer (src/adapters/redis): its time budget, breaker and metrics cover every use.",
      severity: "error",
      from: { pathNot: "^src/adapters/redis/" },
      to: { path: "node_modules/ioredis/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
