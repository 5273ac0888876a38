// Admin groups (グループ設定): search, create, rename, delete (8113, 8114, 8126), members (8049), roles and tenancy.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { assertUnchanged, snapshot } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";




interface AdminGroup {
  id: number;
  enterpriseId: string;
  name: string;
  memberCount: number;
  createdAt: string;
}

interface Member {
  subscriberId: string;
  number: string;
  displayName: string;
  member: boolean;
}

interface List<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

const base = "/api/v1/enterprises/demo/admin-groups";
const otherPassword = "Other-Admin-2026";
const groupAdminPassword = "Group-Admin-2026";

for (const dialect of dialects()) {
  describe(`admin groups (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let demoAdmin: Client;
    let endUser: Client;
    let otherAdmin: Client;
    let groupAdmin: Client;
    /** A group the group admin account is assigned to. */
    let assigned: AdminGroup;
    let otherGroup: AdminGroup;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      operator = new Client(server.url);
      demoAdmin = new Client(server.url);
      endUser = new Client(server.url);
      otherAdmin = new Client(server.url);
      groupAdmin = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await demoAdmin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await endUser.login("demo001", server.demo.subscriberPassword)).status, 200);
      assert.equal((await operator.post("/api/v1/enterprises", { id: "other", name: "Other", administratorPassword: otherPassword })).status, 201);
      assert.equal((await operator.post("/api/v1/enterprises/other/subscribers", { id: "oth001", number: "0612345601" })).status, 201);
      assert.equal((await otherAdmin.login("Administrator", otherPassword, "other")).status, 200);

      assigned = (await demoAdmin.post<AdminGroup>(base, { name: "受付チーム" })).body;
      const account = await demoAdmin.post("/api/v1/enterprises/demo/accounts", {
        loginId: "reception",
        role: "groupAdmin",
        adminGroupId: assigned.id,
        password: groupAdminPassword,
        passwordConfirm: groupAdminPassword,
      });
      assert.equal(account.status, 201);
      assert.equal((await groupAdmin.login("reception", groupAdminPassword, "demo")).status, 200);
      otherGroup = (await otherAdmin.post<AdminGroup>("/api/v1/enterprises/other/admin-groups", { name: "Other group" })).body;
      assert.ok(otherGroup.id > 0);
    });
    after(async () => {
      await server?.close();
    });

    const groupsNamed = async (name: string) => db.selectFrom("admin_groups").selectAll().where("name", "=", name).execute();
    const memberRows = async (id: number) =>
      (await db.selectFrom("admin_group_members").select("subscriber_id").where("admin_group_id", "=", id).execute()).map((r) => r.subscriber_id).sort();

    describe("create", () => {
      test("201 with the group, stored and audited in the same change", async () => {
        const answer = await demoAdmin.post<AdminGroup>(base, { name: "営業部" });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.name, "営業部");
        assert.equal(answer.body.enterpriseId, "demo");
        assert.equal(answer.body.memberCount, 0);
        assert.ok(Number.isInteger(answer.body.id) && answer.body.id > 0);
        assert.ok(!Number.isNaN(Date.parse(answer.body.createdAt)));
        const rows = await groupsNamed("営業部");
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.enterprise_id, "demo");
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "adminGroup.create").where("target_id", "=", String(answer.body.id)).executeTakeFirst();
        assert.equal(event?.enterprise_id, "demo");
        assert.equal(event?.actor_id, "demo/Administrator");
        assert.equal(event?.target_type, "adminGroup");
      });

      test("a name of 64 characters is accepted", async () => {
        const answer = await demoAdmin.post<AdminGroup>(base, { name: "名".repeat(64) });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.name, "名".repeat(64));
      });

      test("the operator creates groups in any enterprise", async () => {
        const answer = await operator.post<AdminGroup>(base, { name: "operator-made" });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.enterpriseId, "demo");
      });

      test("a duplicate name in the enterprise answers 409 8113 and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await demoAdmin.post(base, { name: "営業部" });
        assert.equal(answer.status, 409);
        assert.equal(codeOf(answer), "8113");
        assert.equal((answer.body as { error: { field?: string } }).error.field, "name");
        await assertUnchanged(db, before);
      });

      test("the same name in another enterprise is fine", async () => {
        const answer = await otherAdmin.post<AdminGroup>("/api/v1/enterprises/other/admin-groups", { name: "営業部" });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.enterpriseId, "other");
      });

      const refusals: [string, unknown, number, string][] = [
        ["a missing name", {}, 400, "8008"],
        ["an empty name", { name: "" }, 400, "8008"],
        ["a blank name", { name: "   " }, 400, "8008"],
        ["a name of 65 characters", { name: "a".repeat(65) }, 400, "8009"],
        ["a name far too long for the schema", { name: "a".repeat(5000) }, 400, "8009"],
        ["a name with a line break", { name: "a\nb" }, 400, "8009"],
        ["a name with a control character", { name: "a\u0001b" }, 400, "8009"],
        ["a number as the name", { name: 12 }, 400, "8009"],
        ["null as the name", { name: null }, 400, "8009"],
        ["an array as the body", [{ name: "x" }], 400, "8009"],
        ["a body that is not JSON", "{name:", 400, "8009"],
      ];
      for (const [what, body, status, code] of refusals) {
        test(`${what} answers ${status} ${code} and nothing is stored`, async () => {
          const before = await snapshot(db);
          const answer = await demoAdmin.post(base, body);
          assert.equal(answer.status, status);
          assert.equal(codeOf(answer), code);
          await assertUnchanged(db, before);
        });
      }

      test("an enterprise that doesn't exist answers 404 8016 to the operator and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await operator.post("/api/v1/enterprises/no-such-enterprise/admin-groups", { name: "x" });
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8016");
        await assertUnchanged(db, before);
      });
    });

    describe("list", () => {
      before(async () => {
        for (const name of ["list-alpha", "list-beta", "list_gamma", "listing"]) {
          assert.equal((await demoAdmin.post(base, { name })).status, 201);
        }
      });

      const names = (answer: { body: List<AdminGroup> }) => answer.body.items.map((g) => g.name);

      test("without q: every group of the enterprise (none of another), sorted by name, default limit 50", async () => {
        const answer = await demoAdmin.get<List<AdminGroup>>(base);
        assert.equal(answer.status, 200);
        const count = (await db.selectFrom("admin_groups").select("id").where("enterprise_id", "=", "demo").execute()).length;
        assert.equal(answer.body.total, count);
        assert.equal(answer.body.offset, 0);
        assert.equal(answer.body.limit, 50);
        assert.ok(answer.body.items.every((g) => g.enterpriseId === "demo"));
        assert.ok(!names(answer).includes("Other group"));
        const sorted = [...names(answer)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        assert.deepEqual(names(answer).filter((n) => n.startsWith("list")), sorted.filter((n) => n.startsWith("list")));
      });

      test("prefix match (the default) on the name", async () => {
        const answer = await demoAdmin.get<List<AdminGroup>>(`${base}?q=list-`);
        assert.deepEqual(names(answer), ["list-alpha", "list-beta"]);
        assert.equal(answer.body.total, 2);
      });

      test("exact and partial match, and a q starting with % means partial", async () => {
        assert.deepEqual(names(await demoAdmin.get<List<AdminGroup>>(`${base}?q=listing&match=exact`)), ["listing"]);
        assert.deepEqual(names(await demoAdmin.get<List<AdminGroup>>(`${base}?q=list&match=exact`)), []);
        assert.deepEqual(names(await demoAdmin.get<List<AdminGroup>>(`${base}?q=amm&match=partial`)), ["list_gamma"]);
        assert.deepEqual(names(await demoAdmin.get<List<AdminGroup>>(`${base}?q=${encodeURIComponent("%amm")}`)), ["list_gamma"]);
      });

      test("_ typed by the user matches itself", async () => {
        assert.deepEqual(names(await demoAdmin.get<List<AdminGroup>>(`${base}?q=list_`)), ["list_gamma"]);
      });

      test("paging and descending order", async () => {
        const page = await demoAdmin.get<List<AdminGroup>>(`${base}?q=list&sort=name&order=desc&offset=1&limit=2`);
        assert.equal(page.body.total, 4);
        assert.equal(page.body.offset, 1);
        assert.equal(page.body.limit, 2);
        assert.deepEqual(names(page), ["list_gamma", "list-beta"]);
        const all = names(await demoAdmin.get<List<AdminGroup>>(`${base}?q=list&sort=name&order=desc`));
        assert.deepEqual(names(page), all.slice(1, 3));
      });

      test("memberCount counts the members", async () => {
        const group = (await demoAdmin.post<AdminGroup>(base, { name: "counted" })).body;
        assert.equal((await demoAdmin.put(`${base}/${group.id}/members`, { subscriberIds: ["demo001", "demo002", "demo003"] })).status, 200);
        const listed = (await demoAdmin.get<List<AdminGroup>>(`${base}?q=counted&match=exact`)).body.items[0];
        assert.equal(listed?.memberCount, 3);
        assert.equal((await demoAdmin.get<AdminGroup>(`${base}/${group.id}`)).body.memberCount, 3);
      });

      test("bad list parameters answer 400 8009", async () => {
        for (const query of ["sort=createdAt", "match=fuzzy", "order=up", "limit=0", "limit=501", "offset=-1", "limit=ten"]) {
          const answer = await demoAdmin.get(`${base}?${query}`);
          assert.equal(answer.status, 400, query);
          assert.equal(codeOf(answer), "8009", query);
        }
      });
    });

    describe("read and rename", () => {
      let group: AdminGroup;
      before(async () => {
        group = (await demoAdmin.post<AdminGroup>(base, { name: "総務" })).body;
      });

      test("GET answers the group", async () => {
        const answer = await demoAdmin.get<AdminGroup>(`${base}/${group.id}`);
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, group);
      });

      test("a group that doesn't exist answers 404 8126", async () => {
        for (const run of [
          () => demoAdmin.get(`${base}/999999`),
          () => demoAdmin.patch(`${base}/999999`, { name: "x" }),
          () => demoAdmin.delete(`${base}/999999`),
          () => demoAdmin.get(`${base}/999999/members`),
          () => demoAdmin.put(`${base}/999999/members`, { subscriberIds: [] }),
        ]) {
          const answer = await run();
          assert.equal(answer.status, 404);
          assert.equal(codeOf(answer), "8126");
        }
      });

      test("another enterprise's group through this enterprise's path answers 404 8126, also to the operator", async () => {
        const before = await snapshot(db);
        for (const client of [demoAdmin, operator]) {
          for (const run of [
            () => client.get(`${base}/${otherGroup.id}`),
            () => client.patch(`${base}/${otherGroup.id}`, { name: "taken over" }),
            () => client.delete(`${base}/${otherGroup.id}`),
            () => client.put(`${base}/${otherGroup.id}/members`, { subscriberIds: ["demo001"] }),
          ]) {
            const answer = await run();
            assert.equal(answer.status, 404);
            assert.equal(codeOf(answer), "8126");
          }
        }
        await assertUnchanged(db, before);
      });

      test("an id that is not a positive integer answers 400 8009", async () => {
        for (const id of ["abc", "0", "1.5", "-3"]) {
          const answer = await demoAdmin.get(`${base}/${id}`);
          assert.equal(answer.status, 400, id);
          assert.equal(codeOf(answer), "8009", id);
        }
      });

      test("PATCH renames, audited with before and after", async () => {
        const answer = await demoAdmin.patch<AdminGroup>(`${base}/${group.id}`, { name: "総務部" });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.name, "総務部");
        assert.equal((await db.selectFrom("admin_groups").select("name").where("id", "=", group.id).executeTakeFirst())?.name, "総務部");
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "adminGroup.update").where("target_id", "=", String(group.id)).executeTakeFirst();
        assert.equal((JSON.parse(event?.before ?? "{}") as AdminGroup).name, "総務");
        assert.equal((JSON.parse(event?.after ?? "{}") as AdminGroup).name, "総務部");
      });

      test("PATCH to its own name, or without a name, changes nothing", async () => {
        const before = await snapshot(db);
        assert.equal((await demoAdmin.patch<AdminGroup>(`${base}/${group.id}`, { name: "総務部" })).body.name, "総務部");
        assert.equal((await demoAdmin.patch<AdminGroup>(`${base}/${group.id}`, {})).body.name, "総務部");
        await assertUnchanged(db, before);
      });

      test("PATCH to another group's name answers 409 8113 and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await demoAdmin.patch(`${base}/${group.id}`, { name: "営業部" });
        assert.equal(answer.status, 409);
        assert.equal(codeOf(answer), "8113");
        await assertUnchanged(db, before);
      });

      const refusals: [string, unknown, string][] = [
        ["an empty name", { name: "" }, "8008"],
        ["a blank name", { name: " " }, "8008"],
        ["a name of 65 characters", { name: "b".repeat(65) }, "8009"],
        ["a name with a line break", { name: "x\r\ny" }, "8009"],
        ["a number as the name", { name: 5 }, "8009"],
        ["null as the name", { name: null }, "8009"],
      ];
      for (const [what, body, code] of refusals) {
        test(`PATCH with ${what} answers 400 ${code} and nothing is stored`, async () => {
          const before = await snapshot(db);
          const answer = await demoAdmin.patch(`${base}/${group.id}`, body);
          assert.equal(answer.status, 400);
          assert.equal(codeOf(answer), code);
          await assertUnchanged(db, before);
        });
      }
    });

    describe("members", () => {
      let group: AdminGroup;
      const membersUrl = () => `${base}/${group.id}/members`;

      before(async () => {
        group = (await demoAdmin.post<AdminGroup>(base, { name: "members-test" })).body;
      });

      test("a new group has no members: all 20 numbers are non-members", async () => {
        const answer = await demoAdmin.get<List<Member>>(membersUrl());
        assert.equal(answer.status, 200);
        assert.equal(answer.body.total, 20);
        assert.ok(answer.body.items.every((m) => !m.member));
        assert.equal((await demoAdmin.get<List<Member>>(`${membersUrl()}?membership=member`)).body.total, 0);
      });

      test("PUT sets the members; the items carry number, display name and membership", async () => {
        const answer = await demoAdmin.put<{ subscriberIds: string[] }>(membersUrl(), { subscriberIds: ["demo003", "demo001", "demo015", "demo001"] });
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body.subscriberIds, ["demo001", "demo003", "demo015"]);
        assert.deepEqual(await memberRows(group.id), ["demo001", "demo003", "demo015"]);

        const members = await demoAdmin.get<List<Member>>(`${membersUrl()}?membership=member`);
        assert.equal(members.body.total, 3);
        assert.deepEqual(ids(members), ["demo001", "demo003", "demo015"]);
        assert.deepEqual(members.body.items[0], { subscriberId: "demo001", number: "0312345001", displayName: "総務 太郎", member: true });

        const nonMembers = await demoAdmin.get<List<Member>>(`${membersUrl()}?membership=nonMember`);
        assert.equal(nonMembers.body.total, 17);
        assert.ok(nonMembers.body.items.every((m) => !m.member));
        assert.ok(!ids(nonMembers).includes("demo001"));

        const all = await demoAdmin.get<List<Member>>(`${membersUrl()}?membership=all`);
        assert.equal(all.body.total, 20);
        assert.deepEqual(all.body.items.filter((m) => m.member).map((m) => m.subscriberId), ["demo001", "demo003", "demo015"]);
      });

      test("the membership change is audited with the lists before and after", async () => {
        const event = await db
          .selectFrom("audit_events")
          .selectAll()
          .where("action", "=", "adminGroup.members.update")
          .where("target_id", "=", String(group.id))
          .orderBy("id", "desc")
          .executeTakeFirst();
        assert.deepEqual((JSON.parse(event?.before ?? "{}") as { subscriberIds: string[] }).subscriberIds, []);
        assert.deepEqual((JSON.parse(event?.after ?? "{}") as { subscriberIds: string[] }).subscriberIds, ["demo001", "demo003", "demo015"]);
      });

      test("q filters by subscriber-ID prefix; two IDs separated by a comma or a space mean either", async () => {
        assert.deepEqual(ids(await demoAdmin.get<List<Member>>(`${membersUrl()}?q=demo01`)), [
          "demo010", "demo011", "demo012", "demo013", "demo014", "demo015", "demo016", "demo017", "demo018", "demo019",
        ]);
        assert.deepEqual(ids(await demoAdmin.get<List<Member>>(`${membersUrl()}?q=${encodeURIComponent("demo003,demo020")}`)), ["demo003", "demo020"]);
        assert.deepEqual(ids(await demoAdmin.get<List<Member>>(`${membersUrl()}?q=${encodeURIComponent("demo003 demo020")}`)), ["demo003", "demo020"]);
        assert.deepEqual(ids(await demoAdmin.get<List<Member>>(`${membersUrl()}?membership=member&q=${encodeURIComponent("demo003,demo020")}`)), ["demo003"]);
        assert.deepEqual(ids(await demoAdmin.get<List<Member>>(`${membersUrl()}?membership=nonMember&q=${encodeURIComponent("demo003,demo020")}`)), ["demo020"]);
        assert.deepEqual(ids(await demoAdmin.get<List<Member>>(`${membersUrl()}?q=demo00&match=exact`)), []);
        assert.deepEqual(ids(await demoAdmin.get<List<Member>>(`${membersUrl()}?q=${encodeURIComponent("%15")}`)), ["demo015"]);
      });

      test("paging and sorting of the member list", async () => {
        const page = await demoAdmin.get<List<Member>>(`${membersUrl()}?offset=5&limit=5&order=desc`);
        assert.equal(page.body.total, 20);
        assert.equal(page.body.limit, 5);
        assert.deepEqual(ids(page), ["demo015", "demo014", "demo013", "demo012", "demo011"]);
        const byNumber = await demoAdmin.get<List<Member>>(`${membersUrl()}?sort=number&limit=1`);
        assert.equal(byNumber.body.items[0]?.number, "0312345001");
      });

      test("PUT replaces the whole membership at once", async () => {
        const answer = await demoAdmin.put<{ subscriberIds: string[] }>(membersUrl(), { subscriberIds: ["demo003", "demo004"] });
        assert.equal(answer.status, 200);
        assert.deepEqual(await memberRows(group.id), ["demo003", "demo004"]);
      });

      test("a subscriber may be in several groups", async () => {
        const second = (await demoAdmin.post<AdminGroup>(base, { name: "members-second" })).body;
        assert.equal((await demoAdmin.put(`${base}/${second.id}/members`, { subscriberIds: ["demo003"] })).status, 200);
        assert.deepEqual(await memberRows(second.id), ["demo003"]);
        assert.deepEqual(await memberRows(group.id), ["demo003", "demo004"]);
      });

      test("an unknown subscriber answers 404 8049 naming it, and nothing changes", async () => {
        const before = await snapshot(db);
        const answer = await demoAdmin.put(membersUrl(), { subscriberIds: ["demo005", "ghost999", "demo006"] });
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8049");
        assert.deepEqual((answer.body as { error: { details: unknown } }).error.details, { subscriberIds: ["ghost999"] });
        await assertUnchanged(db, before);
      });

      test("another enterprise's subscriber answers like an unknown one (8049), and nothing changes", async () => {
        const before = await snapshot(db);
        const answer = await demoAdmin.put(membersUrl(), { subscriberIds: ["demo005", "oth001"] });
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8049");
        await assertUnchanged(db, before);
      });

      const refusals: [string, unknown, string][] = [
        ["a missing subscriberIds", {}, "8008"],
        ["subscriberIds that is not an array", { subscriberIds: "demo001" }, "8009"],
        ["a number among the IDs", { subscriberIds: ["demo001", 2] }, "8009"],
        ["an empty ID", { subscriberIds: ["demo001", ""] }, "8008"],
        ["an ID with a space", { subscriberIds: ["demo 001"] }, "8009"],
        ["an ID with full-width characters", { subscriberIds: ["ｄｅｍｏ００１"] }, "8009"],
        ["an ID of 33 characters", { subscriberIds: ["d".repeat(33)] }, "8009"],
        ["an ID far too long for the schema", { subscriberIds: ["d".repeat(100)] }, "8009"],
        ["null", { subscriberIds: null }, "8009"],
      ];
      for (const [what, body, code] of refusals) {
        test(`PUT with ${what} answers 400 ${code} and nothing changes`, async () => {
          const before = await snapshot(db);
          const answer = await demoAdmin.put(membersUrl(), body);
          assert.equal(answer.status, 400);
          assert.equal(codeOf(answer), code);
          await assertUnchanged(db, before);
        });
      }

      test("bad member-list parameters answer 400 8009", async () => {
        for (const query of ["membership=members", "sort=name", "limit=501"]) {
          const answer = await demoAdmin.get(`${membersUrl()}?${query}`);
          assert.equal(answer.status, 400, query);
          assert.equal(codeOf(answer), "8009", query);
        }
      });

      test("PUT with the same members changes nothing, not even the trail", async () => {
        const before = await snapshot(db);
        const answer = await demoAdmin.put<{ subscriberIds: string[] }>(membersUrl(), { subscriberIds: ["demo004", "demo003"] });
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body.subscriberIds, ["demo003", "demo004"]);
        await assertUnchanged(db, before);
      });

      test("an empty list empties the group", async () => {
        assert.equal((await demoAdmin.put(membersUrl(), { subscriberIds: [] })).status, 200);
        assert.deepEqual(await memberRows(group.id), []);
      });

      test("a deleted subscriber leaves the group with it", async () => {
        assert.equal((await operator.post("/api/v1/enterprises/demo/subscribers", { id: "temp001", number: "0612345602" })).status, 201);
        assert.equal((await demoAdmin.put(membersUrl(), { subscriberIds: ["temp001", "demo002"] })).status, 200);
        assert.equal((await operator.delete("/api/v1/enterprises/demo/subscribers/temp001")).status, 204);
        assert.deepEqual(await memberRows(group.id), ["demo002"]);
      });
    });

    describe("delete", () => {
      test("204: the group and its members are gone, and the deletion is audited with the members", async () => {
        const group = (await demoAdmin.post<AdminGroup>(base, { name: "to-delete" })).body;
        assert.equal((await demoAdmin.put(`${base}/${group.id}/members`, { subscriberIds: ["demo007", "demo008"] })).status, 200);
        const answer = await demoAdmin.delete(`${base}/${group.id}`);
        assert.equal(answer.status, 204);
        assert.equal((await groupsNamed("to-delete")).length, 0);
        assert.deepEqual(await memberRows(group.id), []);
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "adminGroup.delete").where("target_id", "=", String(group.id)).executeTakeFirst();
        assert.deepEqual((JSON.parse(event?.before ?? "{}") as { subscriberIds: string[] }).subscriberIds, ["demo007", "demo008"]);
        const again = await demoAdmin.delete(`${base}/${group.id}`);
        assert.equal(again.status, 404);
        assert.equal(codeOf(again), "8126");
      });

      test("a group a login account is assigned to answers 409 8114 naming the account, and nothing changes", async () => {
        const before = await snapshot(db);
        const answer = await demoAdmin.delete(`${base}/${assigned.id}`);
        assert.equal(answer.status, 409);
        assert.equal(codeOf(answer), "8114");
        assert.deepEqual((answer.body as { error: { details: unknown } }).error.details, { loginIds: ["reception"] });
        await assertUnchanged(db, before);
      });

      test("once its account is moved to another group, the group can be deleted", async () => {
        const spare = (await demoAdmin.post<AdminGroup>(base, { name: "spare" })).body;
        const temp = (await demoAdmin.post<AdminGroup>(base, { name: "temporary" })).body;
        const password = "Temp-Admin-2026";
        assert.equal(
          (await demoAdmin.post("/api/v1/enterprises/demo/accounts", { loginId: "temp-admin", role: "groupAdmin", adminGroupId: temp.id, password, passwordConfirm: password })).status,
          201,
        );
        assert.equal(codeOf(await demoAdmin.delete(`${base}/${temp.id}`)), "8114");
        assert.equal((await demoAdmin.patch("/api/v1/enterprises/demo/accounts/temp-admin", { adminGroupId: spare.id })).status, 200);
        assert.equal((await demoAdmin.delete(`${base}/${temp.id}`)).status, 204);
      });

      test("deleting an enterprise takes its groups, their members and its group admins with it", async () => {
        assert.equal((await operator.post("/api/v1/enterprises", { id: "short-lived", name: "Short", administratorPassword: otherPassword })).status, 201);
        assert.equal((await operator.post("/api/v1/enterprises/short-lived/subscribers", { id: "sl001", number: "0612345603" })).status, 201);
        const group = (await operator.post<AdminGroup>("/api/v1/enterprises/short-lived/admin-groups", { name: "g" })).body;
        assert.equal((await operator.put(`/api/v1/enterprises/short-lived/admin-groups/${group.id}/members`, { subscriberIds: ["sl001"] })).status, 200);
        const account = { loginId: "g-admin", role: "groupAdmin", adminGroupId: group.id, password: groupAdminPassword, passwordConfirm: groupAdminPassword };
        assert.equal((await operator.post("/api/v1/enterprises/short-lived/accounts", account)).status, 201);

        assert.equal((await operator.delete("/api/v1/enterprises/short-lived")).status, 204);
        assert.equal((await db.selectFrom("admin_groups").select("id").where("enterprise_id", "=", "short-lived").execute()).length, 0);
        assert.deepEqual(await memberRows(group.id), []);
        assert.equal((await db.selectFrom("accounts").select("id").where("enterprise_id", "=", "short-lived").execute()).length, 0);
      });
    });

    describe("roles and tenancy", () => {
      const attempts = (group: AdminGroup) =>
        [
          ["list", (c: Client) => c.get(base)],
          ["create", (c: Client) => c.post(base, { name: "not allowed" })],
          ["read", (c: Client) => c.get(`${base}/${group.id}`)],
          ["rename", (c: Client) => c.patch(`${base}/${group.id}`, { name: "renamed" })],
          ["delete", (c: Client) => c.delete(`${base}/${group.id}`)],
          ["list members", (c: Client) => c.get(`${base}/${group.id}/members`)],
          ["set members", (c: Client) => c.put(`${base}/${group.id}/members`, { subscriberIds: ["demo001"] })],
        ] as const;

      test("a group admin gets 403 8109 for everything, even for its own group, and nothing changes", async () => {
        const before = await snapshot(db);
        for (const [what, run] of attempts(assigned)) {
          const answer = await run(groupAdmin);
          assert.equal(answer.status, 403, what);
          assert.equal(codeOf(answer), "8109", what);
        }
        await assertUnchanged(db, before);
      });

      test("an end user gets 403 8109 for everything, and nothing changes", async () => {
        const before = await snapshot(db);
        for (const [what, run] of attempts(assigned)) {
          const answer = await run(endUser);
          assert.equal(answer.status, 403, what);
          assert.equal(codeOf(answer), "8109", what);
        }
        await assertUnchanged(db, before);
      });

      test("another enterprise's admin gets 404 8016 for everything, like an enterprise that doesn't exist", async () => {
        const before = await snapshot(db);
        for (const [what, run] of attempts(assigned)) {
          const answer = await run(otherAdmin);
          assert.equal(answer.status, 404, what);
          assert.equal(codeOf(answer), "8016", what);
        }
        await assertUnchanged(db, before);
      });

      test("not logged in: 401 8110 for everything", async () => {
        const before = await snapshot(db);
        for (const [what, run] of attempts(assigned)) {
          const answer = await run(new Client(server.url));
          assert.equal(answer.status, 401, what);
          assert.equal(codeOf(answer), "8110", what);
        }
        await assertUnchanged(db, before);
      });

      test("a change without the CSRF header answers 403 8109 and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await demoAdmin.post(base, { name: "no-csrf" }, { "x-csrf-token": "wrong" });
        assert.equal(answer.status, 403);
        assert.equal(codeOf(answer), "8109");
        await assertUnchanged(db, before);
      });

      test("the other enterprise's admin sees only its own groups", async () => {
        const answer = await otherAdmin.get<List<AdminGroup>>("/api/v1/enterprises/other/admin-groups");
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body.items.map((g) => g.name).sort(), ["Other group", "営業部"].sort());
        const members = await otherAdmin.get<List<Member>>(`/api/v1/enterprises/other/admin-groups/${otherGroup.id}/members`);
        assert.deepEqual(ids(members), ["oth001"]);
      });
    });
  });
}

function ids(answer: { body: List<Member> }): string[] {
  return answer.body.items.map((m) => m.subscriberId);
}
