// Terminal controls and device provisioning over HTTP on both databases (features.md §9, api.md /provision).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { refused } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const base = "/api/v1/enterprises/demo";
const secret = (id: string) => `Prov-${id}-2026`;

for (const dialect of dialects()) {
  describe(`terminal and provisioning (${dialect})`, () => {
    let server: TestServer;
    let admin: Client;
    let device: Client;
    before(async () => {
      server = await startTestServer({ dialect, web: false });
      admin = new Client(server.url);
      await admin.login("Administrator", server.demo.adminPassword, "demo");
      device = new Client(server.url);
    });
    after(async () => server.close());
    const db = () => server.testStore.store.db;
    const provision = (id: string, deviceId: string, password = secret(id)) => device.post<{ sip: { username: string; password: string } }>("/api/v1/provision", { subscriberId: id, provisioningPassword: password, deviceId });

    test("provisioning gives the SIP settings; the secret is never stored in clear", async () => {
      const answer = await provision("demo011", "phone-1");
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.sip.username, "05012345011");
      const row = await db().selectFrom("subscribers").select("terminal").where("id", "=", "demo011").executeTakeFirstOrThrow();
      assert.ok(!row.terminal.includes(answer.body.sip.password));
      const t = await admin.get<{ boundDeviceId: string; sipHa1?: string }>(`${base}/subscribers/demo011/terminal`);
      assert.equal(t.body.boundDeviceId, "phone-1");
      assert.equal(t.body.sipHa1, undefined, "the digest secret is not shown");
    });

    test("terminal authentication locks the number to its device; a one-time release allows exactly one more setup", async () => {
      assert.equal((await provision("demo012", "old-phone")).status, 200);
      assert.equal((await admin.put(`${base}/subscribers/demo012/terminal`, { authentication: true })).status, 200);
      assert.equal(codeOf(await provision("demo012", "new-phone")), "8120");
      assert.equal((await provision("demo012", "old-phone")).status, 200, "the bound device may set up again");
      const released = await admin.put<{ oneTimeRelease: boolean }>(`${base}/subscribers/demo012/terminal`, { oneTimeRelease: true });
      assert.equal(released.body.oneTimeRelease, true);
      assert.equal((await provision("demo012", "new-phone")).status, 200);
      const after = await admin.get<{ oneTimeRelease: boolean; boundDeviceId: string }>(`${base}/subscribers/demo012/terminal`);
      assert.deepEqual([after.body.oneTimeRelease, after.body.boundDeviceId], [false, "new-phone"]);
      assert.equal(codeOf(await provision("demo012", "third-phone")), "8120");
      assert.equal(codeOf(await provision("demo012", "old-phone")), "8120");
    });

    test("a one-time release without terminal authentication is refused (8009), nothing stored", async () => {
      await refused(db(), () => admin.put(`${base}/subscribers/demo013/terminal`, { oneTimeRelease: true }), 400, "8009");
      await refused(db(), () => admin.put(`${base}/subscribers/demo013/terminal`, { callKit: "yes" }), 400, "8009");
    });

    test("emergency stop refuses provisioning (8119) and calls both ways until released", async () => {
      assert.equal((await admin.put(`${base}/subscribers/demo014/emergency-stop`, { stopped: true })).status, 200);
      assert.equal(codeOf(await provision("demo014", "p")), "8119");
      const inbound = await admin.post<{ plan: { steps: { sip?: number }[] } }>("/api/v1/route", { call: { direction: "inbound", from: "0612345678", dialed: "05012345014" } });
      assert.equal(inbound.body.plan.steps[0]?.sip, 480);
      const outbound = await admin.post<{ plan: { steps: { sip?: number }[] } }>("/api/v1/route", { call: { direction: "outbound", from: "05012345014", caller: "demo014", dialed: "0612345678" } });
      assert.equal(outbound.body.plan.steps[0]?.sip, 403);
      const list = await admin.get<{ items: { id: string; emergencyStopped: boolean }[] }>(`${base}/subscribers?q=demo014&match=exact`);
      assert.equal(list.body.items[0]?.emergencyStopped, true);
      assert.equal((await admin.put(`${base}/subscribers/demo014/emergency-stop`, { stopped: false })).status, 200);
      assert.equal((await provision("demo014", "p")).status, 200);
    });

    test("wrong provisioning secrets answer 8000 and lock after 5 (8001), even with the right secret", async () => {
      for (let i = 0; i < 5; i += 1) assert.equal(codeOf(await provision("demo015", "x", "wrong-secret")), "8000");
      assert.equal(codeOf(await provision("demo015", "x")), "8001");
      assert.equal(codeOf(await provision("nobody", "x", "whatever-1")), "8000", "an unknown subscriber answers the same");
    });

    test("initialise clears the bound device and backup; the device must set up again", async () => {
      assert.equal((await provision("demo016", "dev")).status, 200);
      const t = await admin.post<{ boundDeviceId: string | null; initializedAt: string }>(`${base}/subscribers/demo016/initialize`);
      assert.equal(t.status, 200, t.text);
      assert.equal(t.body.boundDeviceId, null);
      assert.ok(t.body.initializedAt);
    });

    test("CallKit and backup deletion in bulk are atomic", async () => {
      assert.equal((await admin.put(`${base}/terminal`, [{ subscriberId: "demo017", callKit: true }, { subscriberId: "demo018", callKit: true }])).status, 200);
      assert.equal((await admin.get<{ callKit: boolean }>(`${base}/subscribers/demo018/terminal`)).body.callKit, true);
      await refused(db(), () => admin.put(`${base}/terminal`, [{ subscriberId: "demo019", callKit: true }, { subscriberId: "ghost", callKit: true }]), 404, "8049");
    });

    test("end users can't use terminal controls; without the app service it's 8116", async () => {
      const user = new Client(server.url);
      await user.login("demo001", server.demo.subscriberPassword);
      assert.equal(codeOf(await user.put(`${base}/subscribers/demo001/terminal`, { callKit: true })), "8109");
      const operator = new Client(server.url);
      await operator.login("operator", server.operatorPassword);
      await operator.patch(base, { services: { app: false } });
      try {
        await refused(db(), () => admin.put(`${base}/subscribers/demo020/emergency-stop`, { stopped: true }), 403, "8116");
      } finally {
        await operator.patch(base, { services: { app: true } });
      }
    });
  });
}
