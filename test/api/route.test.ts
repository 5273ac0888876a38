// POST /api/v1/route over HTTP on both databases: what-ifs change nothing, commits apply feature codes at once.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { snapshot, assertUnchanged } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface RouteAnswer {
  plan: { steps: { kind: string; to?: string; result?: string; targets?: { subscriberId?: string }[] }[]; presentation?: string };
  explain: { rule: string; detail: string; link?: { kind: string } }[];
}

const base = "/api/v1/enterprises/demo";

for (const dialect of dialects()) {
  describe(`route (${dialect})`, () => {
    let server: TestServer;
    let admin: Client;
    let operator: Client;
    let user: Client;
    let proxy: Client;
    before(async () => {
      server = await startTestServer({ dialect, web: false });
      admin = new Client(server.url);
      await admin.login("Administrator", server.demo.adminPassword, "demo");
      operator = new Client(server.url);
      await operator.login("operator", server.operatorPassword);
      user = new Client(server.url);
      await user.login("demo001", server.demo.subscriberPassword);
      const token = await operator.post<{ token: string }>("/api/v1/api-tokens", { name: "kamailio", role: "sipProxy" });
      proxy = new Client(server.url);
      proxy.bearer = token.body.token;
    });
    after(async () => server.close());
    const db = () => server.testStore.store.db;

    test("a what-if follows the settings saved through the API, at once, and changes nothing", async () => {
      assert.equal((await admin.put(`${base}/subscribers/demo002/forwarding`, { noAnswer: { enabled: true, destination: "09012345678", timerSec: 12 } })).status, 200);
      const before = await snapshot(db());
      const answer = await admin.post<RouteAnswer>("/api/v1/route", { call: { direction: "inbound", from: "0612345678", dialed: "0312345002" } });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.plan.steps.map((s) => s.kind), ["ring", "forward"]);
      assert.equal(answer.body.plan.steps[1]?.to, "09012345678");
      assert.ok(answer.body.explain.some((e) => e.rule === "cfna" && e.link?.kind === "subscriber"));
      await assertUnchanged(db(), before);
    });

    test("a schedule saved through the API forwards a Tuesday 10:00 call and rings on the holiday", async () => {
      const s = await admin.post<{ id: number }>(`${base}/schedules`, {
        name: "businessday",
        cfnaTimeoutSec: 20,
        rules: [{ type: "weekday", weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00", action: "unconditional", destination: "0612345678" }, { type: "holiday", start: "00:00", end: "24:00", action: "none" }],
      });
      await admin.put(`${base}/subscribers/demo003/forwarding`, { schedule: { enabled: true, scheduleId: s.body.id } });
      const tuesday = await admin.post<RouteAnswer>("/api/v1/route", { call: { direction: "inbound", from: "0698765432", dialed: "0312345003", at: "2026-11-24T10:00:00+09:00" } });
      assert.deepEqual(tuesday.body.plan.steps[0], { kind: "forward", to: "0612345678", reason: "schedule", diversion: ["0312345003"] });
      assert.ok(tuesday.body.explain.some((e) => e.detail.includes("スケジュール『businessday』1行目")));
      const holiday = await admin.post<RouteAnswer>("/api/v1/route", { call: { direction: "inbound", from: "0698765432", dialed: "0312345003", at: "2026-11-23T10:00:00+09:00" } });
      assert.equal(holiday.body.plan.steps[0]?.kind, "ring");
    });

    test("commit with the SIP proxy token applies a feature code, visible at once in the forwarding API", async () => {
      const what = await admin.post<RouteAnswer>("/api/v1/route", { call: { direction: "outbound", from: "0312345004", caller: "demo004", dialed: "14210612345678" } });
      assert.equal(what.body.plan.steps[0]?.result, "ok");
      const unchanged = await admin.get<{ unconditional: { enabled: boolean } }>(`${base}/subscribers/demo004/forwarding`);
      assert.equal(unchanged.body.unconditional.enabled, false, "a what-if changes nothing");
      const committed = await proxy.post<RouteAnswer>("/api/v1/route", { call: { direction: "outbound", from: "0312345004", caller: "demo004", dialed: "14210612345678" }, commit: true });
      assert.equal(committed.status, 200, committed.text);
      const now = await admin.get<{ unconditional: { enabled: boolean; destination: string } }>(`${base}/subscribers/demo004/forwarding`);
      assert.deepEqual(now.body.unconditional, { enabled: true, destination: "0612345678" });
      const audited = await db().selectFrom("audit_events").select(["action", "actor_role"]).where("target_id", "=", "demo004").where("action", "like", "featureCode%").execute();
      assert.deepEqual(audited.map((r) => ({ ...r })), [{ action: "featureCode.cfu-on", actor_role: "sipProxy" }]);
      const routed = await admin.post<RouteAnswer>("/api/v1/route", { call: { direction: "inbound", from: "0698765432", dialed: "0312345004" } });
      assert.equal(routed.body.plan.steps[0]?.to, "0612345678", "the next decision follows the change");
    });

    test("only the SIP proxy may commit", async () => {
      assert.equal(codeOf(await admin.post("/api/v1/route", { call: { direction: "outbound", from: "0312345005", caller: "demo005", dialed: "1422" }, commit: true })), "8109");
    });

    test("end users route only their own calls; others' numbers are not found", async () => {
      assert.equal((await user.post("/api/v1/route", { call: { direction: "inbound", from: "anonymous", dialed: "0312345001" } })).status, 200);
      assert.equal(codeOf(await user.post("/api/v1/route", { call: { direction: "inbound", from: "anonymous", dialed: "0312345002" } })), "8049");
      await operator.post("/api/v1/enterprises", { id: "other", name: "他社", administratorPassword: "Other-Admin-2026" });
      const other = new Client(server.url);
      await other.login("Administrator", "Other-Admin-2026", "other");
      assert.equal(codeOf(await other.post("/api/v1/route", { call: { direction: "inbound", from: "anonymous", dialed: "0312345002" } })), "8049");
    });

    test("bad input: wrong direction, bad time, missing dialed → 400 with a code", async () => {
      assert.equal(codeOf(await admin.post("/api/v1/route", { call: { direction: "sideways", from: "x", dialed: "1" } })), "8009");
      assert.equal(codeOf(await admin.post("/api/v1/route", { call: { direction: "inbound", from: "x", dialed: "0312345001", at: "yesterday" } })), "8009");
      assert.equal(codeOf(await admin.post("/api/v1/route", { call: { direction: "inbound", from: "x" } })), "8008");
    });
  });
}
