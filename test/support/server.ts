// A real Centrex server for tests: in process, on a loopback port, its own fresh database, a clock the test moves.
import path from "node:path";
import { buildApp } from "../../src/api/app.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import { demoLogins } from "../../src/services/setup.service.ts";
import { loadDemoExtras } from "../../src/services/demo.service.ts";
import type { Dialect } from "../../src/store/schema.ts";
import { createTestStore, type TestStore } from "./db.ts";

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
  set(at: Date): void;
}

export function testClock(): TestClock {
  let offset = 0;
  let fixed: Date | undefined;
  return {
    now: () => new Date((fixed?.getTime() ?? Date.now()) + offset),
    advance: (ms) => {
      offset += ms;
    },
    set: (at) => {
      fixed = at;
      offset = 0;
    },
  };
}

export interface TestServerOptions {
  readonly dialect?: Dialect;
  /** Load the demo enterprise: its 20 numbers (default), with its groups and schedule too ("full"), or none (false). */
  readonly demo?: boolean | "full";
  readonly loginRateLimit?: number;
  readonly apiRateLimit?: number;
  readonly lockoutThreshold?: number;
  /** Serve the built web app from dist/web (default true). */
  readonly web?: boolean;
}

export interface TestServer {
  readonly url: string;
  readonly dialect: Dialect;
  readonly operatorPassword: string;
  readonly demo: {
    enterpriseId: "demo";
    adminLoginId: "Administrator";
    adminPassword: string;
    subscriberId: "demo001";
    subscriberPassword: string;
  };
  readonly services: Services;
  readonly testStore: TestStore;
  readonly clock: TestClock;
  close(): Promise<void>;
}

export const testOperatorPassword = "Operator-Test-2026";

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dialect = options.dialect ?? "sqlite";
  const testStore = await createTestStore(dialect);
  const clock = testClock();
  const services = createServices(testStore.store, {
    clock: clock.now,
    // As `centrex serve` runs them: bulk registration and bulk forwarding on their worker thread.
    bulkWorker: true,
    sessionPolicy: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, lockoutThreshold: options.lockoutThreshold ?? 5, lockoutMs: 15 * 60_000 },
  });
  await services.setup.ensureOperator(testOperatorPassword);
  if (options.demo ?? true) await services.setup.loadDemo();
  if (options.demo === "full") await loadDemoExtras(services);
  const app = await buildApp({
    services,
    loginRateLimit: options.loginRateLimit ?? 100_000,
    apiRateLimit: options.apiRateLimit ?? 0,
    webDir: options.web === false ? undefined : path.resolve("dist/web"),
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    dialect,
    operatorPassword: testOperatorPassword,
    demo: {
      enterpriseId: "demo",
      adminLoginId: "Administrator",
      adminPassword: demoLogins.adminPassword,
      subscriberId: "demo001",
      subscriberPassword: demoLogins.subscriberPassword,
    },
    services,
    testStore,
    clock,
    async close() {
      await app.close();
      await testStore.dispose();
    },
  };
}
