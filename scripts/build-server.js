// Builds the server (src/, without the web app) into one JavaScript module, dist/server/main.js.
// Packages stay external: only our own modules are joined, with their types removed at build time, so
// the running server needs no TypeScript stripping and keeps no second copy of every source file
// (docs/performance.md, idle memory). `centrex serve` and `npm start` rebuild it when a source is newer.
//
//   node scripts/build-server.js
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

await build({
  input: path.join(root, "src", "main.ts"),
  platform: "node",
  // Every bare specifier (packages and node: built-ins) is imported at run time as it is.
  external: [/^[^./]/],
  logLevel: "warn",
  output: { file: path.join(root, "dist", "server", "main.js"), format: "esm" },
});
