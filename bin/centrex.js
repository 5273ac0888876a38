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
const result = spawnSync(node, [path.join(root, "src", "main.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
