// A real `centrex serve` child process on a loopback port, for what an in-process server can't show: several
// server processes on one database, or a server killed with SIGKILL in the middle of a request.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ready = /Centrex is ready: (http:\/\/127\.0\.0\.1:\d+)\//;

export interface ServeOptions {
  /** A postgres:// URL; unset: the embedded database in dataDir. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  /** Creates the operator account on an empty database. */
  readonly operatorPassword?: string;
  /** Loads the demo enterprise on an empty database (default: no). */
  readonly demo?: boolean;
  /** More variables for the process (CENTREX_*, PGAPPNAME to name its PostgreSQL connections, …). */
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
  /** Through `bin/centrex.js` (the launcher `npm start` uses) instead of `src/main.ts` itself. */
  readonly launcher?: boolean;
}

export interface ServeProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** What the process printed so far (stdout and stderr). */
  output(): string;
  /** kill -9, as a crash or an out-of-memory kill would end it; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (the graceful shutdown of `serve`); SIGKILL if it has not ended in time. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Starts `centrex serve` and resolves once it listens (the line "Centrex is ready: http://127.0.0.1:PORT/"). */
export async function startServe(options: ServeOptions): Promise<ServeProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // An empty DATABASE_URL means the embedded database (config.ts), whatever the parent's environment says.
    DATABASE_URL: options.databaseUrl ?? "",
    CENTREX_DATA_DIR: options.dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "warn",
    CENTREX_DEMO: options.demo === true ? "1" : "0",
    CENTREX_WEB_DIR: "/nonexistent",
    ...(options.operatorPassword === undefined ? {} : { CENTREX_OPERATOR_PASSWORD: options.operatorPassword }),
    ...options.env,
  };
  const child = spawn(process.execPath, [options.launcher === true ? "bin/centrex.js" : "src/main.ts", "serve"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (d: string) => (out += d));
  child.stderr.on("data", (d: string) => (out += d));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`centrex serve printed no ready line within ${options.readyTimeoutMs ?? 60_000} ms:\n${out}`));
    }, options.readyTimeoutMs ?? 60_000);
    const onData = () => {
      const m = ready.exec(out);
      if (m?.[1] === undefined) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolve(m[1]);
    };
    child.stdout.on("data", onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`centrex serve exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${out}`));
    });
  });

  return {
    url,
    pid: child.pid ?? 0,
    child,
    output: () => out,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop(timeoutMs = 10_000) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
