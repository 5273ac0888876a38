// loadConfig(): the environment → one frozen, typed configuration object; fails fast by name.
import path from "node:path";

/** One configuration key: its variable, default and meaning (the README's table is built from this list). */
export interface ConfigKey {
  readonly name: string;
  readonly default: string;
  readonly meaning: string;
}

export const configKeys: readonly ConfigKey[] = [
  { name: "PORT", default: "8080", meaning: "TCP port the server listens on" },
  { name: "HOST", default: "127.0.0.1", meaning: "address the server listens on" },
  { name: "DATABASE_URL", default: "unset → the embedded SQLite file", meaning: "`postgres://…` selects PostgreSQL" },
  { name: "CENTREX_DATA_DIR", default: "./data", meaning: "the embedded database, uploads, backups" },
  { name: "CENTREX_OPERATOR_PASSWORD", default: "unset → generated and printed once", meaning: "on an empty database, creates the operator account `operator` with this password" },
  { name: "CENTREX_DEMO", default: "1 on an empty embedded database, else 0", meaning: "loads the demo enterprise `demo` and prints its logins" },
  { name: "CENTREX_SESSION_IDLE_MINUTES", default: "30", meaning: "a session ends after this long without a request" },
  { name: "CENTREX_SESSION_ABSOLUTE_HOURS", default: "12", meaning: "a session ends this long after login, whatever its use" },
  { name: "CENTREX_LOCKOUT_THRESHOLD", default: "5", meaning: "consecutive failed logins that lock an ID" },
  { name: "CENTREX_LOCKOUT_MINUTES", default: "15", meaning: "how long a locked ID stays locked" },
  { name: "CENTREX_LOGIN_RATE_LIMIT", default: "60", meaning: "login and provisioning attempts per minute from one IP address (8121 beyond)" },
  { name: "CENTREX_API_RATE_LIMIT", default: "6000", meaning: "API requests per minute from one IP address with a browser session or none (API tokens are not limited); 0 turns it off" },
  { name: "CENTREX_TRUST_PROXY", default: "0", meaning: "1 when behind a reverse proxy that sets X-Forwarded-For / X-Forwarded-Proto (client IP, Secure cookies)" },
  { name: "CENTREX_SECURE_COOKIES", default: "auto (when the request came over TLS)", meaning: "1 forces the Secure cookie flag, 0 never sets it" },
  { name: "CENTREX_WEB_DIR", default: "./dist/web", meaning: "the built single-page app served at /" },
  { name: "LOG_LEVEL", default: "info", meaning: "pino log level (fatal, error, warn, info, debug, trace, silent)" },
];

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly operatorPassword: string | undefined;
  /** undefined: decide at start-up (demo on an empty embedded database). */
  readonly demo: boolean | undefined;
  readonly sessionIdleMs: number;
  readonly sessionAbsoluteMs: number;
  readonly lockoutThreshold: number;
  readonly lockoutMs: number;
  readonly loginRateLimit: number;
  readonly apiRateLimit: number;
  readonly trustProxy: boolean;
  readonly secureCookies: "auto" | boolean;
  readonly webDir: string;
  readonly logLevel: string;
}

/** A configuration value that can't be used, named so the operator can fix it. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(raw);
  };
  const flag = (name: string): boolean | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    if (["1", "true", "yes", "on"].includes(raw.toLowerCase())) return true;
    if (["0", "false", "no", "off"].includes(raw.toLowerCase())) return false;
    problems.push(`${name}=${raw}: expected 1 or 0`);
    return undefined;
  };

  const databaseUrl = value("DATABASE_URL");
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push("DATABASE_URL: expected a postgres:// or postgresql:// URL (leave it unset for the embedded database)");
  }
  const operatorPassword = value("CENTREX_OPERATOR_PASSWORD");
  if (operatorPassword !== undefined && !/^[\x21-\x7e]{8,32}$/.test(operatorPassword)) {
    problems.push("CENTREX_OPERATOR_PASSWORD: expected 8–32 half-width letters, digits and symbols");
  }
  const logLevel = value("LOG_LEVEL") ?? "info";
  if (!logLevels.includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel}: expected one of ${logLevels.join(", ")}`);
  const secure = flag("CENTREX_SECURE_COOKIES");

  const config: Config = {
    port: integer("PORT", 8080, 0, 65535),
    host: value("HOST") ?? "127.0.0.1",
    databaseUrl,
    dataDir: path.resolve(value("CENTREX_DATA_DIR") ?? "data"),
    operatorPassword,
    demo: flag("CENTREX_DEMO"),
    sessionIdleMs: integer("CENTREX_SESSION_IDLE_MINUTES", 30, 1, 24 * 60) * 60_000,
    sessionAbsoluteMs: integer("CENTREX_SESSION_ABSOLUTE_HOURS", 12, 1, 24 * 30) * 3_600_000,
    lockoutThreshold: integer("CENTREX_LOCKOUT_THRESHOLD", 5, 1, 100),
    lockoutMs: integer("CENTREX_LOCKOUT_MINUTES", 15, 1, 24 * 60) * 60_000,
    loginRateLimit: integer("CENTREX_LOGIN_RATE_LIMIT", 60, 1, 1_000_000),
    apiRateLimit: integer("CENTREX_API_RATE_LIMIT", 6000, 0, 10_000_000),
    trustProxy: flag("CENTREX_TRUST_PROXY") ?? false,
    secureCookies: secure ?? "auto",
    webDir: path.resolve(value("CENTREX_WEB_DIR") ?? "dist/web"),
    logLevel,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
