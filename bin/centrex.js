#!/usr/bin/env node
// The `centrex` command: runs src/main.ts on the project's Node.js 24 (TypeScript runs as is, types stripped).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [major, minor] = process.versions.node.split(".").map(Number);
const stripsTypes = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
const bundled = path.join(root, "node_modules", "node", "bin", "node");
const node = stripsTypes || !existsSync(bundled) ? process.execPath : bundled;
// The server runs with a small young generation (1 MB semi-spaces) and two malloc arenas: an idle server
// then holds about 60 MB less (docs/performance.md); the routing figures do not change measurably.
const serving = process.argv[2] === "serve";
const flags = serving ? ["--max-semi-space-size=1"] : [];
const env = serving ? { MALLOC_ARENA_MAX: "2", ...process.env } : process.env;
const result = spawnSync(node, [...flags, path.join(root, "src", "main.ts"), ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
