// Subscriber search, detail and edit, call settings (features.md §2–3) over HTTP on both databases.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { refused } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const base = "/api/v1/enterprises/demo";
interface Page {
  total: number;
  items: { id: string; number: string; displayName: string }[];
}

for (const dialect of dialects()) {
  describe(`subscriber search and edit (${dialect})`, () => {
    let server: TestServer;
    let admin: Client;
    let user: Client;
    let operator: Client;
    before(async () => {
      server = await startTestServer({ dialect, web: false });
      admin = new Client(server.url);
      await admin.login("Administrator", server.demo.adminPassword, "demo");
      user = new Client(server.url);
      await user.login("demo001", server.demo.subscriberPassword);
      operator = new Client(server.url);
      await operator.login("operator", server.operatorPassword);
    });
    after(async () => server.close());
    const db = () => server.testStore.store.db;

    test("an empty search shows every number, paged, with the total", async () => {
      const page = await admin.get<Page>(`${base}/subscribers?limit=5&offset=5`);
      assert.equal(page.body.total, 20);
      assert.deepEqual(page.body.items.map((s) => s.id), ["demo006", "demo007", "demo008", "demo009", "demo010"]);
    });

    test("a group admin's partial search finds only the members of their groups, and counts only them", async () => {
      const developers = await admin.get<Page>(`${base}/subscribers?field=displayName&q=${encodeURIComponent("開発")}&match=partial`);
      assert.equal(developers.body.total, 3);
      const [first, second] = developers.body.items.map((s) => s.id).sort();
      const group = (await admin.post<{ id: number }>(`${base}/admin-groups`, { name: "開発の一部" })).body.id;
      assert.equal((await admin.put(`${base}/admin-groups/${group}/members`, { subscriberIds: [first, second, "demo001"] })).status, 200);
      const password = "Group-Lead-2026";
      const created = await admin.post(`${base}/accounts`, { loginId: "dev-lead", role: "groupAdmin", adminGroupId: group, password, passwordConfirm: password });
      assert.equal(created.status, 201);
      const lead = new Client(server.url);
      assert.equal((await lead.login("dev-lead", password, "demo")).status, 200);
      for (const q of ["開発", "発 "]) {
        const page = await lead.get<Page>(`${base}/subscribers?field=displayName&q=${encodeURIComponent(q)}&match=partial&sort=displayName`);
        assert.equal(page.status, 200, q);
        assert.equal(page.body.total, 2, q);
        assert.deepEqual(page.body.items.map((s) => s.id).sort(), [first, second], q);
      }
      const second2 = await lead.get<Page>(`${base}/subscribers?field=displayName&q=${encodeURIComponent("開発")}&match=partial&offset=1&limit=1`);
      assert.equal(second2.body.total, 2);
      assert.equal(second2.body.items.length, 1);
    });

    test("prefix (default), exact and partial match; a leading % means partial", async () => {
      const prefix = await admin.get<Page>(`${base}/subscribers?field=number&q=050`);
      assert.equal(prefix.body.total, 10);
      const exact = await admin.get<Page>(`${base}/subscribers?field=id&q=demo01&match=exact`);
      assert.equal(exact.body.total, 0);
      const partial = await admin.get<Page>(`${base}/subscribers?field=displayName&q=${encodeURIComponent("%開発")}`);
      assert.deepEqual(partial.body.items.map((s) => s.displayName).sort(), ["開発 五郎", "開発 六子", "開発 四郎"]);
      const partialNumber = await admin.get<Page>(`${base}/subscribers?field=number&q=345001&match=partial`);
      assert.deepEqual(partialNumber.body.items.map((s) => s.id), ["demo001", "demo011"].filter((id) => partialNumber.body.items.some((s) => s.id === id)));
      assert.ok(partialNumber.body.total >= 1);
      const literal = await admin.get<Page>(`${base}/subscribers?field=id&q=${encodeURIComponent("%_")}`);
      assert.equal(literal.body.total, 0, "_ is matched literally");
    });

    test("sorting from the allow-list; anything else is 8009", async () => {
      const desc = await admin.get<Page>(`${base}/subscribers?sort=number&order=desc&limit=1`);
      assert.equal(desc.body.items[0]?.number, "05012345020");
      assert.equal(codeOf(await admin.get(`${base}/subscribers?sort=password_hash`)), "8009");
      assert.equal(codeOf(await admin.get(`${base}/subscribers?limit=501`)), "8009");
    });

    test("end users see only themselves", async () => {
      const page = await user.get<Page>(`${base}/subscribers`);
      assert.deepEqual(page.body.items.map((s) => s.id), ["demo001"]);
      assert.equal(codeOf(await user.get(`${base}/subscribers/demo002`)), "8049");
    });

    test("detail: secrets are write-only; edit with If-Match; a stale edit is 8111", async () => {
      const got = await admin.get<Record<string, unknown>>(`${base}/subscribers/demo003`);
      assert.equal(got.body.provisioningPasswordSet, true);
      assert.ok(!JSON.stringify(got.body).includes("Prov-"), "no secret in the answer");
      const tag = got.headers.get("etag") ?? "";
      const ok = await admin.patch<{ displayName: string; originNumbers: string[] }>(`${base}/subscribers/demo003`, { displayName: "営業 一郎(課長)", originNumbers: ["0312345003", "05012345013"] }, { "if-match": tag });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.displayName, "営業 一郎(課長)");
      await refused(db(), () => admin.patch(`${base}/subscribers/demo003`, { displayName: "x" }, { "if-match": tag }), 409, "8111");
      await refused(db(), () => admin.patch(`${base}/subscribers/demo003`, { originNumbers: ["12345"] }), 400, "8117");
      await refused(db(), () => admin.patch(`${base}/subscribers/demo003`, { notifyNumber: "0698765432" }), 400, "8117");
      await refused(db(), () => admin.patch(`${base}/subscribers/demo003`, { displayName: "a\u0000b" }), 400, "8009");
      await refused(db(), () => admin.patch(`${base}/subscribers/demo003`, { provisioningPassword: "short" }), 400, "8107");
      await refused(db(), () => user.patch(`${base}/subscribers/demo001`, { displayName: "me" }), 403, "8109");
      const renamed = await admin.get<Page>(`${base}/subscribers?field=displayName&q=${encodeURIComponent("%課長")}`);
      assert.deepEqual(renamed.body.items.map((s) => s.id), ["demo003"], "the search index follows the edit");
    });

    test("an administrator sets the end user's password; the user logs in with it", async () => {
      await refused(db(), () => admin.put(`${base}/subscribers/demo004/password`, { newPassword: "New-Pass-2026", newPasswordConfirm: "New-Pass-2027" }), 400, "8105");
      assert.equal((await admin.put(`${base}/subscribers/demo004/password`, { newPassword: "New-Pass-2026", newPasswordConfirm: "New-Pass-2026" })).status, 204);
      assert.equal((await new Client(server.url).login("demo004", "New-Pass-2026")).status, 200);
    });

    test("call settings: self-service locks (8116), end users only anonymous rejection, operators anything", async () => {
      const got = await admin.get<{ withholdCallerId: boolean; selfService: { withholdCallerId: boolean } }>(`${base}/subscribers/demo005/call-settings`);
      assert.equal(got.body.selfService.withholdCallerId, false);
      assert.equal((await admin.put(`${base}/subscribers/demo005/call-settings`, { anonymousRejection: true, internationalBlock: true })).status, 200);
      await refused(db(), () => admin.put(`${base}/subscribers/demo005/call-settings`, { withholdCallerId: true }), 403, "8116");
      assert.equal((await admin.put(`${base}/subscribers/demo005/call-settings`, { withholdCallerId: false, anonymousRejection: true })).status, 200, "unchanged locked values may be sent back");
      assert.equal((await operator.put(`${base}/subscribers/demo005/call-settings`, { withholdCallerId: true })).status, 200);
      assert.equal((await user.put(`${base}/subscribers/demo001/call-settings`, { anonymousRejection: true })).status, 200);
      await refused(db(), () => user.put(`${base}/subscribers/demo001/call-settings`, { externalBlock: true }), 403, "8109");
      await refused(db(), () => admin.put(`${base}/subscribers/demo005/call-settings`, { anonymousRejection: "on" }), 400, "8009");
    });

    test("bulk call settings are atomic", async () => {
      assert.equal((await admin.put(`${base}/call-settings`, [{ subscriberId: "demo006", externalBlock: true }, { subscriberId: "demo007", internationalBlock: true }])).status, 200);
      const got = await admin.get<{ externalBlock: boolean }>(`${base}/subscribers/demo006/call-settings`);
      assert.equal(got.body.externalBlock, true);
      await refused(db(), () => admin.put(`${base}/call-settings`, [{ subscriberId: "demo008", externalBlock: true }, { subscriberId: "demo009", withholdCallerId: true }]), 403, "8116");
    });

    test("operators create and delete; the search index follows", async () => {
      assert.equal((await operator.post(`${base}/subscribers`, { id: "demo100", number: "0312349999", displayName: "新人 太郎" })).status, 201);
      const found = await admin.get<Page>(`${base}/subscribers?field=displayName&q=${encodeURIComponent("%新人")}`);
      assert.deepEqual(found.body.items.map((s) => s.id), ["demo100"]);
      assert.equal((await operator.delete(`${base}/subscribers/demo100`)).status, 204);
      const gone = await admin.get<Page>(`${base}/subscribers?field=displayName&q=${encodeURIComponent("%新人")}`);
      assert.equal(gone.body.total, 0);
    });
  });
}
