// The dependency direction of architecture.md: api, cli → services → store, files → domain; web → generated types (+ domain).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "domain-is-pure", severity: "error", comment: "domain/ imports nothing outside domain/ (libraries are fine)", from: { path: "^src/domain/" }, to: { path: "^src/", pathNot: "^src/domain/" } },
    { name: "store-below-services", severity: "error", from: { path: "^src/store/" }, to: { path: "^src/(services|api|cli|files|web|config)/|^src/main\\.ts$" } },
    { name: "files-below-services", severity: "error", from: { path: "^src/files/" }, to: { path: "^src/(services|api|cli|store|web|config)/|^src/main\\.ts$" } },
    { name: "services-below-api", severity: "error", from: { path: "^src/services/" }, to: { path: "^src/(api|cli|web|config)/|^src/main\\.ts$" } },
    { name: "api-not-cli", severity: "error", from: { path: "^src/api/" }, to: { path: "^src/(cli|web|store)/|^src/main\\.ts$" } },
    { name: "web-over-http-only", severity: "error", comment: "the web app talks to the server over HTTP; it may use pure domain rules", from: { path: "^src/web/" }, to: { path: "^src/", pathNot: "^src/(web|domain)/" } },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.d\\.ts$" },
  },
};
