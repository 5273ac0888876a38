// Schedules (時間帯転送, features.md §6) over HTTP on both databases: add, edit, delete in use, preview.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { refused } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const base = "/api/v1/enterprises/demo";
const businessDay = { type: "weekday", weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00", action: "unconditional", destination: "0612345678" };

interface Preview {
  from: string;
  days: { date: string; holiday: string | null; hours: { hour: number; rule: number | null; action: string; destination: string | null }[] }[];
}

for (const dialect of dialects()) {
  describe(`schedules (${dialect})`, () => {
    let server: TestServer;
    let admin: Client;
    let user: Client;
    before(async () => {
      server = await startTestServer({ dialect, web: false });
      admin = new Client(server.url);
      await admin.login("Administrator", server.demo.adminPassword, "demo");
      user = new Client(server.url);
      await user.login("demo001", server.demo.subscriberPassword);
    });
    after(async () => server.close());
    const db = () => server.testStore.store.db;

    test("add a schedule with weekday and holiday rows, read it, find it by name", async () => {
      const created = await admin.post<{ id: number; rules: unknown[] }>(`${base}/schedules`, {
        name: "businessday",
        cfnaTimeoutSec: 20,
        memo: "平日",
        rules: [businessDay, { type: "holiday", start: "00:00", end: "24:00", action: "busy", destination: "09012345678" }],
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.rules.length, 2);
      const list = await admin.get<{ total: number; items: { name: string }[] }>(`${base}/schedules?q=busi`);
      assert.deepEqual(list.body.items.map((s) => s.name), ["businessday"]);
      const all = await admin.get<{ total: number }>(`${base}/schedules`);
      assert.equal(all.body.total, 1);
    });

    test("preview: a Tuesday 10:00 is forwarded, the holiday 2026-11-23 is marked and follows the holiday row", async () => {
      const list = await admin.get<{ items: { id: number }[] }>(`${base}/schedules?q=businessday&match=exact`);
      const id = list.body.items[0]?.id;
      const p = await admin.get<Preview>(`${base}/schedules/${id}/preview?from=2026-11-22&days=28`);
      assert.equal(p.status, 200, p.text);
      assert.equal(p.body.days.length, 28);
      const monday = p.body.days.find((d) => d.date === "2026-11-23");
      assert.equal(monday?.holiday, "勤労感謝の日");
      assert.equal(monday?.hours[10]?.action, "busy");
      const tuesday = p.body.days.find((d) => d.date === "2026-11-24");
      assert.equal(tuesday?.hours[10]?.action, "unconditional");
      assert.equal(tuesday?.hours[10]?.rule, 1);
      assert.equal(tuesday?.hours[8]?.rule, null);
    });

    test("rules are checked: 8041, 8078, 8037, 8039, 8103, duplicate name 8034 — nothing stored", async () => {
      const make = (rules: unknown[], extra: object = {}) => admin.post(`${base}/schedules`, { name: "x", cfnaTimeoutSec: 20, rules, ...extra });
      await refused(db(), () => make([{ ...businessDay, start: "18:00", end: "09:00" }]), 400, "8041");
      await refused(db(), () => make([{ type: "date", month: 2, day: 30, start: "00:00", end: "24:00", action: "none" }]), 400, "8078");
      await refused(db(), () => make([businessDay, businessDay]), 409, "8037");
      await refused(db(), () => make([{ ...businessDay, destination: "0990123456" }]), 400, "8039");
      await refused(db(), () => make([], { cfnaTimeoutSec: 0 }), 400, "8103");
      await refused(db(), () => make([], { name: "businessday" }), 409, "8034");
      await refused(db(), () => make([], { name: "" }), 400, "8008");
      await refused(db(), () => admin.post(`${base}/schedules`, { name: "x", rules: [] }), 400, "8008");
      await refused(db(), () => admin.post(`${base}/schedules`, { name: 3, cfnaTimeoutSec: 20, rules: [] }), 400, "8009");
      await refused(db(), () => make([{ ...businessDay, type: "monthly" }]), 400, "8009");
    });

    test("edit with If-Match; a stale edit is 8111", async () => {
      const created = await admin.post<{ id: number }>(`${base}/schedules`, { name: "edit-me", cfnaTimeoutSec: 30, rules: [] });
      const got = await admin.get(`${base}/schedules/${created.body.id}`);
      const tag = got.headers.get("etag") ?? "";
      const ok = await admin.put(`${base}/schedules/${created.body.id}`, { name: "edited", cfnaTimeoutSec: 40, rules: [businessDay] }, { "if-match": tag });
      assert.equal(ok.status, 200, ok.text);
      await refused(db(), () => admin.put(`${base}/schedules/${created.body.id}`, { name: "again", cfnaTimeoutSec: 40, rules: [] }, { "if-match": tag }), 409, "8111");
      assert.equal(codeOf(await admin.put(`${base}/schedules/99999`, { name: "z", cfnaTimeoutSec: 40, rules: [] })), "8035");
    });

    test("a schedule in use can't be deleted, and the answer names the number that uses it", async () => {
      const created = await admin.post<{ id: number }>(`${base}/schedules`, { name: "in-use", cfnaTimeoutSec: 20, rules: [] });
      assert.equal((await admin.put(`${base}/subscribers/demo002/forwarding`, { schedule: { enabled: true, scheduleId: created.body.id } })).status, 200);
      let message = "";
      await refused(
        db(),
        async () => {
          const a = await admin.delete<{ error: { message: string } }>(`${base}/schedules/${created.body.id}`);
          message = a.body.error.message;
          return a;
        },
        409,
        "8122",
      );
      assert.match(message, /demo002/);
      assert.equal((await admin.put(`${base}/subscribers/demo002/forwarding`, { schedule: { enabled: false, scheduleId: null } })).status, 200);
      assert.equal((await admin.delete(`${base}/schedules/${created.body.id}`)).status, 204);
      assert.equal(codeOf(await admin.delete(`${base}/schedules/${created.body.id}`)), "8038");
    });

    test("end users and other enterprises can't reach schedules", async () => {
      assert.equal(codeOf(await user.get(`${base}/schedules`)), "8109");
      const operator = new Client(server.url);
      await operator.login("operator", server.operatorPassword);
      await operator.post("/api/v1/enterprises", { id: "other", name: "他社", administratorPassword: "Other-Admin-2026" });
      const other = new Client(server.url);
      await other.login("Administrator", "Other-Admin-2026", "other");
      assert.equal(codeOf(await other.get(`${base}/schedules`)), "8016");
      assert.equal(codeOf(await other.post(`${base}/schedules`, { name: "x", cfnaTimeoutSec: 20, rules: [] })), "8016");
    });
  });
}
