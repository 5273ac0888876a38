// quality.md §Reliability: two server processes on one PostgreSQL serve the same users — a session
// opened on one works on the other, logout on one ends it on both, and routing follows a change made
// on the other process.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { Client } from "../support/client.ts";
import { createTestStore, dialects, type TestStore } from "../support/db.ts";

const operatorPassword = "Two-Process-2026";

async function startProcess(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["src/main.ts", "serve"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", LOG_LEVEL: "warn", CENTREX_DEMO: "1", CENTREX_OPERATOR_PASSWORD: operatorPassword, CENTREX_WEB_DIR: "/nonexistent" },
  });
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 120_000);
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /Centrex is ready: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { url, child };
}

for (const dialect of dialects().filter((d) => d === "postgres")) {
  describe(`two server processes on one database (${dialect})`, () => {
    let store: TestStore;
    let a: { url: string; child: ChildProcess };
    let b: { url: string; child: ChildProcess };
    before(async () => {
      store = await createTestStore("postgres");
      const url = store.databaseUrl ?? "";
      // The first process creates the operator and the demo; the second finds them there.
      a = await startProcess(url);
      b = await startProcess(url);
    });
    after(async () => {
      for (const p of [a, b]) p?.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      await store.dispose();
    });

    test("a session opened on one process works on the other; logout on one ends it on both", async () => {
      const onA = new Client(a.url);
      assert.equal((await onA.login("Administrator", "Demo-Admin-2026", "demo")).status, 200);
      const onB = new Client(b.url);
      onB.cookie = onA.cookie;
      onB.csrfToken = onA.csrfToken;
      assert.equal((await onB.get("/api/v1/session")).status, 200);
      assert.equal((await onB.put("/api/v1/enterprises/demo/bulletin", { text: "二台目から" })).status, 200);
      assert.equal((await onA.get<{ text: string }>("/api/v1/enterprises/demo/bulletin")).body.text, "二台目から");
      assert.equal((await onB.delete("/api/v1/session")).status, 204);
      assert.equal((await onA.get("/api/v1/session")).status, 401);
    });

    test("routing on one process follows a forwarding change saved on the other", async () => {
      const admin = new Client(a.url);
      await admin.login("Administrator", "Demo-Admin-2026", "demo");
      const other = new Client(b.url);
      await other.login("Administrator", "Demo-Admin-2026", "demo");
      const call = { call: { direction: "inbound", from: "0612345678", dialed: "05012345015" } };
      const first = await other.post<{ plan: { steps: { kind: string }[] } }>("/api/v1/route", call);
      assert.equal(first.body.plan.steps[0]?.kind, "ring");
      assert.equal((await admin.put("/api/v1/enterprises/demo/subscribers/demo015/forwarding", { unconditional: { enabled: true, destination: "09012345678" } })).status, 200);
      // The other process checks the data version at most every 200 ms.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const after = await other.post<{ plan: { steps: { kind: string; to?: string }[] } }>("/api/v1/route", call);
      assert.deepEqual([after.body.plan.steps[0]?.kind, after.body.plan.steps[0]?.to], ["forward", "09012345678"]);
    });
  });
}
