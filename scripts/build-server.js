// Builds the server (src/, without the web app) into dist/server/main.js, with the
// worker threads' modules beside it (what they share with the server is a chunk of its own).
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
  // The worker threads' modules are entries of their own: the server starts each from its file.
  input: {
    main: path.join(root, "src", "main.ts"),
    "checkpoint-worker": path.join(root, "src", "store", "checkpoint-worker.ts"),
    "bulk-worker": path.join(root, "src", "services", "bulk-worker.ts"),
  },
  platform: "node",
  // Every bare specifier (packages and node: built-ins) is imported at run time as it is.
  external: [/^[^./]/],
  logLevel: "warn",
  output: { dir: path.join(root, "dist", "server"), entryFileNames: "[name].js", format: "esm" },
});
