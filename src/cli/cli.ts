// `centrex serve | migrate | backup FILE | demo | enterprise create …` over the services.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig, type Config } from "../config/config.ts";
import { DomainError } from "../domain/errors.ts";
import { migrateToLatest, openStore, type Store } from "../store/database.ts";
import { backupSqlite } from "../store/backup.ts";
import { createServices, type Services } from "../services/index.ts";
import { printDemo } from "./output.ts";
import { loadDemoExtras } from "../services/demo.service.ts";
import { parseRouteArgs, routeCommand, routeUsage } from "./route.ts";
import { serve } from "./serve.ts";

const usage = `Usage: centrex <command>

Commands:
  serve                         start the portal and the API (default)
  migrate                       bring the database schema up to date and exit
  backup FILE                   copy the embedded database to FILE while it is in use
  demo                          load the demo enterprise "demo" (if it is not there yet)
  route --to NUMBER [--from N|anonymous] [--caller ID] [--at TIME] [--busy IDS] [--lang ja|en]
                                the call plan for a call, step by step with the rule behind each
  enterprise create --id ID --name NAME --admin-password PASSWORD [--line-id1 L] [--line-id2 L] [--time-zone TZ]
                                create an enterprise with its built-in Administrator

Configuration comes from the environment (see the README): PORT, HOST, DATABASE_URL, CENTREX_DATA_DIR, …`;

export async function runCli(argv: readonly string[]): Promise<number> {
  const [command = "serve", ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    console.log(usage);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  try {
    switch (command) {
      case "serve":
        return await serve(config);
      case "migrate":
        return await migrateCommand(config);
      case "backup": {
        const file = rest[0];
        if (file === undefined) {
          console.error("Usage: centrex backup FILE");
          return 2;
        }
        return await backupCommand(config, file);
      }
      case "demo":
        return await withServices(config, async (services) => {
          await services.setup.ensureOperator(config.operatorPassword);
          const demo = await services.setup.loadDemo();
          if (demo === undefined) console.log('The demo enterprise "demo" is already there.');
          else {
            await loadDemoExtras(services);
            printDemo(demo);
          }
          return 0;
        });
      case "enterprise":
        return await enterpriseCommand(config, rest);
      case "route": {
        const parsed = parseRouteArgs(rest);
        if (typeof parsed === "string") {
          console.error(`${parsed}\n\nUsage: ${routeUsage}`);
          return 2;
        }
        return await withServices(config, async (services) => {
          console.log(await routeCommand(services, parsed));
          return 0;
        });
      }
      default:
        console.error(`Unknown command: ${command}\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(`エラー ${error.code}: ${error.messageJa} (${error.messageEn})${error.field === undefined ? "" : ` [${error.field}]`}`);
      return 1;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

export async function withServices<T>(config: Config, body: (services: Services, store: Store) => Promise<T>): Promise<T> {
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(store);
    const services = createServices(store, {
      sessionPolicy: { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs, lockoutThreshold: config.lockoutThreshold, lockoutMs: config.lockoutMs },
    });
    return await body(services, store);
  } finally {
    await store.close();
  }
}

async function migrateCommand(config: Config): Promise<number> {
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const results = await migrateToLatest(store);
    console.log(results.length === 0 ? "The database is up to date." : results.map((r) => `${r.migrationName}: ${r.status}`).join("\n"));
    return 0;
  } finally {
    await store.close();
  }
}

async function backupCommand(config: Config, file: string): Promise<number> {
  if (config.databaseUrl !== undefined) {
    console.error("backup copies the embedded database; for PostgreSQL use pg_dump (see docs/operations.md).");
    return 2;
  }
  return withServices(config, async (_services, store) => {
    if (store.sqlite === undefined) return 2;
    const pages = await backupSqlite(store.sqlite, file);
    console.log(`Backed up ${store.location} to ${file} (${pages} pages).`);
    return 0;
  });
}

async function enterpriseCommand(config: Config, args: readonly string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "create") {
    console.error(usage);
    return 2;
  }
  const { values } = parseArgs({
    args: [...rest],
    options: {
      id: { type: "string" },
      name: { type: "string" },
      "admin-password": { type: "string" },
      "admin-password-file": { type: "string" },
      "line-id1": { type: "string" },
      "line-id2": { type: "string" },
      "time-zone": { type: "string" },
    },
    strict: true,
  });
  const password = values["admin-password"] ?? (values["admin-password-file"] === undefined ? undefined : readFileSync(values["admin-password-file"], "utf8").trim());
  if (values.id === undefined || values.name === undefined || password === undefined) {
    console.error("enterprise create needs --id, --name and --admin-password (or --admin-password-file)");
    return 2;
  }
  return withServices(config, async (services) => {
    const created = await services.enterprises.create(
      { principal: { role: "operator", loginId: "cli" }, ip: "127.0.0.1" },
      { id: values.id ?? "", name: values.name ?? "", lineId1: values["line-id1"], lineId2: values["line-id2"], timeZone: values["time-zone"], administratorPassword: password },
    );
    console.log(`Created enterprise ${created.id} (${created.name}) with its built-in login Administrator.`);
    return 0;
  });
}
