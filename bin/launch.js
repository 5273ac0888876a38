// How a `centrex` command is started: which Node.js, which entry, with which flags and environment.
// Plain JavaScript, so it runs on any Node.js that `npm` or the shell finds.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const built = path.join(root, "dist", "server", "main.js");

/** This Node.js if it runs TypeScript as is (22.18+, 23.6+), else the project's own Node.js 24. */
export function nodeBinary() {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  const stripsTypes = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
  const bundled = path.join(root, "node_modules", "node", "bin", "node");
  return stripsTypes || !existsSync(bundled) ? process.execPath : bundled;
}

/** @param {string} dir @returns {number} */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== path.join(root, "src", "web")) newest = Math.max(newest, newestSource(full));
    } else if (entry.name.endsWith(".ts")) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/**
 * The server's entry: dist/server/main.js, built first when missing or older than a source file; the
 * TypeScript entry when it cannot be built (no rolldown, as in an install without dev dependencies).
 */
export function serverEntry(node = nodeBinary()) {
  const fresh = existsSync(built) && statSync(built).mtimeMs >= newestSource(path.join(root, "src"));
  if (fresh) return built;
  if (existsSync(path.join(root, "node_modules", "rolldown"))) {
    const result = spawnSync(node, [path.join(root, "scripts", "build-server.js")], { stdio: "inherit" });
    if (result.status === 0) return built;
  }
  return path.join(root, "src", "main.ts");
}

/**
 * The command line and environment of a `centrex` command. The server runs with `gc` exposed, for the
 * one memory-reducing collection it makes when it falls idle (src/cli/idle-memory.ts), and glibc's
 * malloc told to keep two arenas and give freed memory back (a fixed trim / mmap threshold of 128 KB):
 * start-up's garbage (password hashing for the demo, schema compilation) is then returned to the system
 * (docs/performance.md, idle memory).
 * @param {readonly string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ command: string, args: string[], env: NodeJS.ProcessEnv }}
 */
export function commandLine(args, env = process.env) {
  const node = nodeBinary();
  if (args[0] !== "serve") return { command: node, args: [path.join(root, "src", "main.ts"), ...args], env };
  return { command: node, args: [...serverRuntime.flags, serverEntry(node), ...args], env: { ...serverRuntime.env, ...env } };
}

/**
 * The server process's V8 flags and malloc settings (see commandLine). The benchmarks run their
 * in-process phases with the same, so a figure is what `centrex serve` does.
 */
export const serverRuntime = {
  flags: ["--expose-gc"],
  env: { MALLOC_ARENA_MAX: "2", MALLOC_TRIM_THRESHOLD_: "131072", MALLOC_MMAP_THRESHOLD_: "131072" },
};

/**
 * Runs a `centrex` command in a child process and exits as it exits. SIGTERM (a service manager
 * stopping the launcher) is passed on; Ctrl-C already reaches the child with the terminal's process
 * group, so the launcher only waits for it to finish its graceful shutdown.
 * @param {readonly string[]} args
 */
export function launch(args) {
  const { command, args: argv, env } = commandLine(args);
  const child = spawn(command, argv, { stdio: "inherit", env });
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  process.on("SIGINT", () => undefined);
  child.on("exit", (code, signal) => process.exit(code ?? 128 + (signal === null ? 0 : constants.signals[signal])));
}
