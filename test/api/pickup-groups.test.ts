// Pickup groups (ピックアップグループ, features.md §11) over HTTP on both databases: add, list, edit, delete,
// members (8043–8049, 8081), the site's initial value, roles and tenancy.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { refused } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface PickupGroup {
  id: number;
  enterpriseId: string;
  name: string;
  number: string;
  site: string;
  memo: string;
  memberCount: number;
  version: number;
}

interface Member {
  subscriberId: string;
  pickupGroupId: number | null;
  member: boolean;
}

interface List<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

const base = "/api/v1/enterprises/demo/pickup-groups";
const otherPassword = "Other-Admin-2026";
const groupAdminPassword = "Group-Admin-2026";

for (const dialect of dialects()) {
  describe(`pickup groups (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let admin: Client;
    let endUser: Client;
    let groupAdmin: Client;
    let otherAdmin: Client;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      operator = new Client(server.url);
      admin = new Client(server.url);
      endUser = new Client(server.url);
      groupAdmin = new Client(server.url);
      otherAdmin = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await admin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await endUser.login("demo001", server.demo.subscriberPassword)).status, 200);
      const adminGroup = await admin.post<{ id: number }>("/api/v1/enterprises/demo/admin-groups", { name: "受付" });
      const account = await admin.post("/api/v1/enterprises/demo/accounts", { loginId: "reception", role: "groupAdmin", adminGroupId: adminGroup.body.id, password: groupAdminPassword, passwordConfirm: groupAdminPassword });
      assert.equal(account.status, 201, account.text);
      assert.equal((await groupAdmin.login("reception", groupAdminPassword, "demo")).status, 200);
      assert.equal((await operator.post("/api/v1/enterprises", { id: "other", name: "他社", administratorPassword: otherPassword })).status, 201);
      assert.equal((await operator.post("/api/v1/enterprises/other/subscribers", { id: "oth001", number: "0612345601" })).status, 201);
      assert.equal((await otherAdmin.login("Administrator", otherPassword, "other")).status, 200);
    });
    after(async () => {
      await server?.close();
    });

    const create = async (body: object) => {
      const answer = await admin.post<PickupGroup>(base, body);
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    };
    const pickupOf = async (id: string) => (await db.selectFrom("subscribers").select("pickup_group_id").where("id", "=", id).executeTakeFirstOrThrow()).pickup_group_id;

    describe("add", () => {
      test('201 with the group; the site is "default" unless given; an ETag; stored and audited', async () => {
        const answer = await admin.post<PickupGroup>(base, { name: "営業", number: "11", memo: "2F" });
        assert.equal(answer.status, 201, answer.text);
        assert.equal(answer.body.site, "default");
        assert.equal(answer.body.number, "11");
        assert.equal(answer.headers.get("etag"), `"${answer.body.version}"`);
        const row = await db.selectFrom("pickup_groups").selectAll().where("id", "=", answer.body.id).executeTakeFirstOrThrow();
        assert.equal(row.site, "default");
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "pickupGroup.create").where("target_id", "=", String(answer.body.id)).executeTakeFirst();
        assert.equal(event?.actor_id, "demo/Administrator");
        assert.equal((await create({ name: "東京", number: "11", site: "tokyo" })).site, "tokyo");
      });

      test("a name in use is 409 8043", async () => {
        await refused(db, () => admin.post(base, { name: "営業", number: "12" }), 409, "8043");
      });

      test("a number in use in the same site is 409 8043; in another site it is fine", async () => {
        await refused(db, () => admin.post(base, { name: "営業2", number: "11" }), 409, "8043");
        await refused(db, () => admin.post(base, { name: "営業2", number: "11", site: "default" }), 409, "8043");
        assert.equal((await admin.post(base, { name: "大阪", number: "11", site: "osaka" })).status, 201);
      });

      const invalid: [string, unknown, number, string][] = [
        ["a missing name", { number: "12" }, 400, "8008"],
        ["an empty name", { name: "", number: "12" }, 400, "8008"],
        ["a missing number", { name: "x" }, 400, "8008"],
        ["an empty number", { name: "x", number: "" }, 400, "8008"],
        ["an empty site", { name: "x", number: "12", site: "" }, 400, "8008"],
        ["a number as the name", { name: 1, number: "12" }, 400, "8009"],
        ["a number given as a number", { name: "x", number: 12 }, 400, "8009"],
        ["a name of 65 characters", { name: "a".repeat(65), number: "12" }, 400, "8009"],
        ["a name with a control character", { name: "a\u0002", number: "12" }, 400, "8009"],
        ["a pickup number with a symbol", { name: "x", number: "*8" }, 400, "8009"],
        ["a pickup number of 9 digits", { name: "x", number: "123456789" }, 400, "8009"],
        ["a site of 65 characters", { name: "x", number: "12", site: "s".repeat(65) }, 400, "8009"],
        ["a site with a line break", { name: "x", number: "12", site: "a\nb" }, 400, "8009"],
        ["a memo over 256 Shift_JIS bytes", { name: "x", number: "12", memo: "あ".repeat(129) }, 400, "8101"],
        ["an array as the body", [{ name: "x", number: "12" }], 400, "8009"],
        ["a body that is not JSON", "{", 400, "8009"],
      ];
      for (const [what, body, status, code] of invalid) {
        test(`${what} answers ${status} ${code} and nothing is stored`, async () => {
          await refused(db, () => admin.post(base, body), status, code);
        });
      }
    });

    describe("list and read", () => {
      before(async () => {
        await create({ name: "list-b", number: "801" });
        await create({ name: "list-a", number: "803" });
        await create({ name: "list_c", number: "802" });
      });
      const names = (a: { body: List<PickupGroup> }) => a.body.items.map((g) => g.name);

      test("prefix (default), exact and partial match on the name", async () => {
        assert.deepEqual(names(await admin.get<List<PickupGroup>>(`${base}?q=list-`)), ["list-a", "list-b"]);
        assert.deepEqual(names(await admin.get<List<PickupGroup>>(`${base}?q=list-a&match=exact`)), ["list-a"]);
        assert.deepEqual(names(await admin.get<List<PickupGroup>>(`${base}?q=${encodeURIComponent("%t_c")}`)), ["list_c"]);
      });

      test("sort by number with paging", async () => {
        const page = await admin.get<List<PickupGroup>>(`${base}?q=list&sort=number&offset=1&limit=1`);
        assert.equal(page.body.total, 3);
        assert.deepEqual(names(page), ["list_c"]);
      });

      test("one group with its ETag; a missing one is 404 8048", async () => {
        const g = (await admin.get<List<PickupGroup>>(`${base}?q=list-a&match=exact`)).body.items[0];
        const one = await admin.get<PickupGroup>(`${base}/${g?.id}`);
        assert.equal(one.headers.get("etag"), `"${one.body.version}"`);
        assert.equal(codeOf(await admin.get(`${base}/999999`)), "8048");
      });
    });

    describe("edit", () => {
      test("replaces the group; a site left out stays; a stale If-Match is 409 8111", async () => {
        const g = await create({ name: "edit-me", number: "701", site: "kobe" });
        const tag = (await admin.get(`${base}/${g.id}`)).headers.get("etag") ?? "";
        const ok = await admin.put<PickupGroup>(`${base}/${g.id}`, { name: "edited", number: "702" }, { "if-match": tag });
        assert.equal(ok.status, 200, ok.text);
        assert.equal(ok.body.site, "kobe");
        assert.equal(ok.body.version, g.version + 1);
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "again", number: "702" }, { "if-match": tag }), 409, "8111");
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "pickupGroup.update").where("target_id", "=", String(g.id)).executeTakeFirst();
        assert.match(event?.after ?? "", /edited/);
      });

      test("a name, or number + site, another group uses is 409 8044", async () => {
        const g = await create({ name: "edit-dup", number: "711" });
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "営業", number: "711" }), 409, "8044");
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "edit-dup", number: "11" }), 409, "8044");
      });

      test("a missing group is 404 8045; invalid bodies are refused", async () => {
        await refused(db, () => admin.put(`${base}/999999`, { name: "x", number: "5" }), 404, "8045");
        const g = await create({ name: "edit-invalid", number: "721" });
        await refused(db, () => admin.put(`${base}/${g.id}`, { number: "5" }), 400, "8008");
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "x", number: "５" }), 400, "8009");
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "x", number: "5", site: 3 }), 400, "8009");
      });

      test("the site of a group with members can't change: 409 8081; without members it can", async () => {
        const g = await create({ name: "site-change", number: "731" });
        assert.equal((await admin.put(`${base}/${g.id}/members`, { subscriberIds: ["demo010"] })).status, 200);
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "site-change", number: "731", site: "nagoya" }), 409, "8081");
        assert.equal((await admin.put(`${base}/${g.id}`, { name: "site-change renamed", number: "731" })).status, 200);
        assert.equal((await admin.put(`${base}/${g.id}/members`, { subscriberIds: [] })).status, 200);
        const moved = await admin.put<PickupGroup>(`${base}/${g.id}`, { name: "site-change", number: "731", site: "nagoya" });
        assert.equal(moved.status, 200, moved.text);
        assert.equal(moved.body.site, "nagoya");
      });
    });

    describe("members", () => {
      let g: PickupGroup;
      before(async () => {
        g = await create({ name: "members", number: "601" });
      });
      const put = (body: unknown, id = g.id) => admin.put<{ subscriberIds: string[] }>(`${base}/${id}/members`, body);

      test("replaces the members; the list shows メンバ / 非メンバ; audited", async () => {
        const answer = await put({ subscriberIds: ["demo003", "demo002", "demo003"] });
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(answer.body.subscriberIds, ["demo002", "demo003"]);
        assert.equal(await pickupOf("demo002"), g.id);
        const members = await admin.get<List<Member>>(`${base}/${g.id}/members?membership=member`);
        assert.deepEqual(members.body.items.map((m) => m.subscriberId), ["demo002", "demo003"]);
        const nonMembers = await admin.get<List<Member>>(`${base}/${g.id}/members?membership=nonMember&limit=500`);
        assert.equal(nonMembers.body.total, 18);
        const filtered = await admin.get<List<Member>>(`${base}/${g.id}/members?q=0312345002&match=exact`);
        assert.deepEqual(filtered.body.items.map((m) => [m.subscriberId, m.member]), [["demo002", true]]);
        assert.equal((await admin.get<PickupGroup>(`${base}/${g.id}`)).body.memberCount, 2);
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "pickupGroup.members.update").where("target_id", "=", String(g.id)).executeTakeFirst();
        assert.match(event?.after ?? "", /demo003/);
      });

      test("a number in another pickup group moves here; one left out leaves", async () => {
        const other = await create({ name: "members-other", number: "602" });
        assert.equal((await put({ subscriberIds: ["demo004"] }, other.id)).status, 200);
        assert.equal((await put({ subscriberIds: ["demo002", "demo004"] })).status, 200);
        assert.equal(await pickupOf("demo004"), g.id);
        assert.equal(await pickupOf("demo003"), null);
        assert.equal((await admin.get<PickupGroup>(`${base}/${other.id}`)).body.memberCount, 0);
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "pickupGroup.members.update").where("target_id", "=", String(g.id)).orderBy("id", "desc").executeTakeFirst();
        assert.match(event?.after ?? "", /fromGroupId/);
      });

      test("an unknown subscriber, or another enterprise's, is 404 8049", async () => {
        await refused(db, () => put({ subscriberIds: ["nobody"] }), 404, "8049");
        await refused(db, () => put({ subscriberIds: ["demo005", "oth001"] }), 404, "8049");
      });

      test("a missing group is 404 8048 (members read and write)", async () => {
        await refused(db, () => put({ subscriberIds: [] }, 999999), 404, "8048");
        assert.equal(codeOf(await admin.get(`${base}/999999/members`)), "8048");
      });

      test("invalid bodies are refused and nothing is stored", async () => {
        await refused(db, () => put({}), 400, "8008");
        await refused(db, () => put(["demo005"]), 400, "8009");
        await refused(db, () => put({ subscriberIds: "demo005" }), 400, "8009");
        await refused(db, () => put({ subscriberIds: [5] }), 400, "8009");
        await refused(db, () => put({ subscriberIds: [""] }), 400, "8008");
        await refused(db, () => put({ subscriberIds: ["demo 005"] }), 400, "8009");
        await refused(db, () => put({ subscriberIds: ["x".repeat(65)] }), 400, "8009");
      });
    });

    describe("delete", () => {
      test("a group with members is 409 8046; emptied, it is deleted (204) and audited", async () => {
        const g = await create({ name: "delete-me", number: "401" });
        assert.equal((await admin.put(`${base}/${g.id}/members`, { subscriberIds: ["demo009"] })).status, 200);
        await refused(db, () => admin.delete(`${base}/${g.id}`), 409, "8046");
        assert.equal((await admin.put(`${base}/${g.id}/members`, { subscriberIds: [] })).status, 200);
        assert.equal((await admin.delete(`${base}/${g.id}`)).status, 204);
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "pickupGroup.delete").where("target_id", "=", String(g.id)).executeTakeFirst();
        assert.match(event?.before ?? "", /delete-me/);
      });

      test("a missing group is 404 8047", async () => {
        await refused(db, () => admin.delete(`${base}/999999`), 404, "8047");
      });
    });

    describe("roles and tenancy", () => {
      let g: PickupGroup;
      before(async () => {
        g = await create({ name: "tenancy", number: "301" });
      });

      test("end users and group admins are 403 8109 on every endpoint, and nothing is stored", async () => {
        for (const client of [endUser, groupAdmin]) {
          assert.equal(codeOf(await client.get(base)), "8109");
          assert.equal(codeOf(await client.get(`${base}/${g.id}`)), "8109");
          assert.equal(codeOf(await client.get(`${base}/${g.id}/members`)), "8109");
          await refused(db, () => client.post(base, { name: "x", number: "5" }), 403, "8109");
          await refused(db, () => client.put(`${base}/${g.id}`, { name: "x", number: "5" }), 403, "8109");
          await refused(db, () => client.delete(`${base}/${g.id}`), 403, "8109");
          await refused(db, () => client.put(`${base}/${g.id}/members`, { subscriberIds: [] }), 403, "8109");
        }
      });

      test("another enterprise's admin gets 404 8016 on every endpoint, and nothing is stored", async () => {
        assert.equal(codeOf(await otherAdmin.get(base)), "8016");
        assert.equal(codeOf(await otherAdmin.get(`${base}/${g.id}`)), "8016");
        assert.equal(codeOf(await otherAdmin.get(`${base}/${g.id}/members`)), "8016");
        await refused(db, () => otherAdmin.post(base, { name: "x", number: "5" }), 404, "8016");
        await refused(db, () => otherAdmin.put(`${base}/${g.id}`, { name: "x", number: "5" }), 404, "8016");
        await refused(db, () => otherAdmin.delete(`${base}/${g.id}`), 404, "8016");
        await refused(db, () => otherAdmin.put(`${base}/${g.id}/members`, { subscriberIds: ["oth001"] }), 404, "8016");
      });

      test("a demo group asked for under another enterprise is not found there", async () => {
        assert.equal(codeOf(await otherAdmin.get(`/api/v1/enterprises/other/pickup-groups/${g.id}`)), "8048");
        await refused(db, () => otherAdmin.put(`/api/v1/enterprises/other/pickup-groups/${g.id}`, { name: "x", number: "5" }), 404, "8045");
      });

      test("the operator reaches every enterprise's groups", async () => {
        assert.equal((await operator.get(`${base}/${g.id}`)).status, 200);
      });
    });
  });
}
