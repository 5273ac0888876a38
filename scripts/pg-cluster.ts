// A throwaway PostgreSQL cluster for the test run: a temp folder, a loopback port, removed at the end.
// initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

export interface PgCluster {
  readonly url: string;
  stop(): void;
}

function findBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], "bin");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster, or says why it can't (the caller reports it loudly). `cpus` (a taskset list, e.g. "1")
 * keeps the server and every process it forks on those CPUs: the benchmarks keep PostgreSQL off the core
 * the server under test is pinned to, as a database on a machine of its own would be.
 */
export async function startPgCluster(options: { cpus?: string } = {}): Promise<PgCluster | { skipped: string }> {
  const bin = findBinDir();
  if (bin === undefined) return { skipped: "PostgreSQL binaries not found under /usr/lib/postgresql (install the Debian package postgresql)" };
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "centrex-pg-"));
  const data = path.join(dir, "data");
  if (asRoot) {
    const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    if (id.status !== 0) return { skipped: "running as root but there is no postgres user to own the cluster" };
    const uid = Number(id.stdout.trim());
    const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[], cpus?: string) => {
    const full = path.join(bin, cmd);
    const command = asRoot ? ["runuser", "-u", "postgres", "--", full, ...args] : [full, ...args];
    const pinned = cpus === undefined ? command : ["taskset", "-c", cpus, ...command];
    execFileSync(pinned[0] ?? "", pinned.slice(1), { stdio: "pipe", cwd: dir });
  };
  const port = await freePort();
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
    // Durability is not what these tests measure; speed is welcome.
    const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
    run("pg_ctl", ["-D", data, "-o", serverOptions, "-l", path.join(dir, "log"), "-w", "start"], options.cpus);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    return { skipped: `the cluster did not start: ${stderr.trim().split("\n").slice(-3).join(" ")}` };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
