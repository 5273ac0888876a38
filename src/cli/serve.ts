// `centrex serve`: start-up (migrations, first operator, demo), listen, and shut down gracefully.
import { buildApp } from "../api/app.ts";
import type { Config } from "../config/config.ts";
import { migrateToLatest, openStore, storeWarnings } from "../store/database.ts";
import { deleteExpiredSessions } from "../store/session.store.ts";
import { createServices } from "../services/index.ts";
import { printDemo } from "./output.ts";
import { loadDemoExtras } from "../services/demo.service.ts";
import { giveBackMemoryWhenIdle } from "./idle-memory.ts";

export async function serve(config: Config): Promise<number> {
  const store = openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onIdleError: (error) => console.error(`PostgreSQL closed an idle connection (${error.message}); a new one is opened for the next query.`),
  });
  await migrateToLatest(store);
  for (const warning of await storeWarnings(store)) console.warn(`Warning: ${warning}`);
  const services = createServices(store, {
    bulkWorker: true,
    sessionPolicy: { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs, lockoutThreshold: config.lockoutThreshold, lockoutMs: config.lockoutMs },
  });

  const wasEmpty = await services.setup.isEmpty();
  const operator = await services.setup.ensureOperator(config.operatorPassword);
  if (operator.generatedPassword !== undefined) {
    console.log(`Operator account created: ログインID operator (企業ID empty) / パスワード ${operator.generatedPassword}  (shown once; set CENTREX_OPERATOR_PASSWORD to choose it)`);
  } else if (operator.created) {
    console.log("Operator account created: ログインID operator, with the password of CENTREX_OPERATOR_PASSWORD.");
  }
  // api.md: the demo loads by default on an empty embedded database only.
  const demo = config.demo ?? (wasEmpty && store.dialect === "sqlite");
  if (demo) {
    const summary = await services.setup.loadDemo();
    if (summary !== undefined) {
      await loadDemoExtras(services);
      printDemo(summary);
    }
  }

  const app = await buildApp({
    services,
    cookies: { secure: config.secureCookies },
    loginRateLimit: config.loginRateLimit,
    apiRateLimit: config.apiRateLimit,
    trustProxy: config.trustProxy,
    webDir: config.webDir,
    logger: {
      level: config.logLevel,
      redact: ["req.headers.cookie", "req.headers.authorization", 'req.headers["x-csrf-token"]', "res.headers['set-cookie']"],
    },
  });

  const sweep = setInterval(() => {
    const now = Date.now();
    deleteExpiredSessions(store.db, new Date(now - config.sessionIdleMs).toISOString(), new Date(now - config.sessionAbsoluteMs).toISOString()).catch((error: unknown) =>
      app.log.warn({ err: error }, "session sweep failed"),
    );
  }, 10 * 60_000);
  sweep.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    clearInterval(sweep);
    // Stop accepting, finish the requests in flight, then close the database.
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  giveBackMemoryWhenIdle(app.server);
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  console.log(`Centrex is ready: http://${host}:${port}/  (database: ${store.location})`);
  return new Promise<number>(() => undefined);
}
