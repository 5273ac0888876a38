// Extension groups (内線グループ, features.md §10) over HTTP on both databases: add, list, edit, delete,
// members with extensions (8012, 8009, 8049, 8051, 8052), forwarding that follows a membership change
// (features.md §4), roles and tenancy.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { refused } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface ExtensionGroup {
  id: number;
  enterpriseId: string;
  name: string;
  siteNumber: string;
  externalPrefix: string;
  memo: string;
  memberCount: number;
  version: number;
}

interface Member {
  subscriberId: string;
  number: string;
  displayName: string;
  extension: string;
  extensionGroupId: number | null;
  member: boolean;
}

interface List<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

interface MembersResult {
  members: { subscriberId: string; extension: string }[];
  adjustedForwarding: { subscriberId: string; cleared: string[] }[];
  adjustedSchedules: { id: number; name: string }[];
}

const base = "/api/v1/enterprises/demo/extension-groups";
const otherPassword = "Other-Admin-2026";
const groupAdminPassword = "Group-Admin-2026";

for (const dialect of dialects()) {
  describe(`extension groups (${dialect})`, () => {
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
      const account = await admin.post("/api/v1/enterprises/demo/accounts", {
        loginId: "reception",
        role: "groupAdmin",
        adminGroupId: adminGroup.body.id,
        password: groupAdminPassword,
        passwordConfirm: groupAdminPassword,
      });
      assert.equal(account.status, 201, account.text);
      assert.equal((await groupAdmin.login("reception", groupAdminPassword, "demo")).status, 200);
      assert.equal((await operator.post("/api/v1/enterprises", { id: "other", name: "他社", administratorPassword: otherPassword })).status, 201);
      assert.equal((await operator.post("/api/v1/enterprises/other/subscribers", { id: "oth001", number: "0612345601" })).status, 201);
      assert.equal((await otherAdmin.login("Administrator", otherPassword, "other")).status, 200);
    });
    after(async () => {
      await server?.close();
    });

    const create = async (name: string, siteNumber: string, memo?: string) => {
      const answer = await admin.post<ExtensionGroup>(base, { name, siteNumber, ...(memo === undefined ? {} : { memo }) });
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    };
    const subscriberRow = (id: string) => db.selectFrom("subscribers").select(["extension_group_id", "extension", "forwarding", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
    const forwardingOf = async (id: string) => JSON.parse((await subscriberRow(id)).forwarding) as Record<string, { enabled: boolean; destination: string }>;

    describe("add", () => {
      test("201 with the group: external prefix 0, an ETag, stored and audited", async () => {
        const answer = await admin.post<ExtensionGroup>(base, { name: "本社", siteNumber: "1", memo: "大阪" });
        assert.equal(answer.status, 201, answer.text);
        assert.equal(answer.body.externalPrefix, "0");
        assert.equal(answer.body.siteNumber, "1");
        assert.equal(answer.body.memberCount, 0);
        assert.equal(answer.headers.get("etag"), `"${answer.body.version}"`);
        const row = await db.selectFrom("extension_groups").selectAll().where("id", "=", answer.body.id).executeTakeFirstOrThrow();
        assert.equal(row.enterprise_id, "demo");
        assert.equal(row.external_prefix, "0");
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "extensionGroup.create").where("target_id", "=", String(answer.body.id)).executeTakeFirst();
        assert.equal(event?.actor_id, "demo/Administrator");
      });

      test("the operator adds groups too", async () => {
        const answer = await operator.post<ExtensionGroup>(base, { name: "operator-made", siteNumber: "99" });
        assert.equal(answer.status, 201, answer.text);
      });

      test("a name in use is 409 8017 and nothing is stored", async () => {
        await refused(db, () => admin.post(base, { name: "本社", siteNumber: "2" }), 409, "8017");
      });

      test("a site number in use is 409 8017 and nothing is stored", async () => {
        await refused(db, () => admin.post(base, { name: "支社", siteNumber: "1" }), 409, "8017");
      });

      test("the same name and site number in another enterprise are fine", async () => {
        assert.equal((await otherAdmin.post("/api/v1/enterprises/other/extension-groups", { name: "本社", siteNumber: "1" })).status, 201);
      });

      const invalid: [string, unknown, number, string][] = [
        ["a missing name", { siteNumber: "5" }, 400, "8008"],
        ["an empty name", { name: "", siteNumber: "5" }, 400, "8008"],
        ["a missing site number", { name: "x" }, 400, "8008"],
        ["an empty site number", { name: "x", siteNumber: "" }, 400, "8008"],
        ["a number as the name", { name: 5, siteNumber: "5" }, 400, "8009"],
        ["a number as the site number", { name: "x", siteNumber: 5 }, 400, "8009"],
        ["a name of 65 characters", { name: "a".repeat(65), siteNumber: "5" }, 400, "8009"],
        ["a name far too long for the schema", { name: "a".repeat(5000), siteNumber: "5" }, 400, "8009"],
        ["a name with a control character", { name: "a\u0001", siteNumber: "5" }, 400, "8009"],
        ["a site number with letters", { name: "x", siteNumber: "5a" }, 400, "8009"],
        ["a site number of 9 digits", { name: "x", siteNumber: "123456789" }, 400, "8009"],
        ["another external prefix", { name: "x", siteNumber: "5", externalPrefix: "9" }, 400, "8009"],
        ["a memo over 256 Shift_JIS bytes", { name: "x", siteNumber: "5", memo: "あ".repeat(129) }, 400, "8101"],
        ["an array as the body", [{ name: "x", siteNumber: "5" }], 400, "8009"],
        ["a body that is not JSON", "{name:", 400, "8009"],
      ];
      for (const [what, body, status, code] of invalid) {
        test(`${what} answers ${status} ${code} and nothing is stored`, async () => {
          await refused(db, () => admin.post(base, body), status, code);
        });
      }

      test("an enterprise that doesn't exist is 404 8016 to the operator", async () => {
        await refused(db, () => operator.post("/api/v1/enterprises/nope/extension-groups", { name: "x", siteNumber: "5" }), 404, "8016");
      });
    });

    describe("list and read", () => {
      before(async () => {
        await create("list-b", "802");
        await create("list-a", "803");
        await create("list_c", "801");
      });
      const names = (a: { body: List<ExtensionGroup> }) => a.body.items.map((g) => g.name);

      test("prefix (default), exact and partial match on the name; % means partial; none of another enterprise", async () => {
        assert.deepEqual(names(await admin.get<List<ExtensionGroup>>(`${base}?q=list-`)), ["list-a", "list-b"]);
        assert.deepEqual(names(await admin.get<List<ExtensionGroup>>(`${base}?q=list-a&match=exact`)), ["list-a"]);
        assert.deepEqual(names(await admin.get<List<ExtensionGroup>>(`${base}?q=st_&match=partial`)), ["list_c"]);
        assert.deepEqual(names(await admin.get<List<ExtensionGroup>>(`${base}?q=${encodeURIComponent("%st_")}`)), ["list_c"]);
        const all = await admin.get<List<ExtensionGroup>>(base);
        assert.ok(all.body.items.every((g) => g.enterpriseId === "demo"));
        assert.equal(all.body.limit, 50);
      });

      test("sort by site number, descending, with paging", async () => {
        const page = await admin.get<List<ExtensionGroup>>(`${base}?q=list&sort=siteNumber&order=desc&offset=1&limit=1`);
        assert.equal(page.body.total, 3);
        assert.deepEqual(names(page), ["list-b"]);
      });

      test("bad list parameters are 400 8009", async () => {
        for (const query of ["sort=memo", "match=fuzzy", "limit=0", "limit=501", "offset=-1"]) {
          assert.equal(codeOf(await admin.get(`${base}?${query}`)), "8009", query);
        }
      });

      test("one group with its ETag; a missing one is 404 8014", async () => {
        const listed = (await admin.get<List<ExtensionGroup>>(`${base}?q=list-a&match=exact`)).body.items[0];
        const one = await admin.get<ExtensionGroup>(`${base}/${listed?.id}`);
        assert.equal(one.status, 200);
        assert.equal(one.body.name, "list-a");
        assert.equal(one.headers.get("etag"), `"${one.body.version}"`);
        const missing = await admin.get(`${base}/999999`);
        assert.equal(missing.status, 404);
        assert.equal(codeOf(missing), "8014");
      });
    });

    describe("edit", () => {
      test("replaces name, site number and memo; a stale If-Match is 409 8111", async () => {
        const g = await create("edit-me", "701");
        const tag = (await admin.get(`${base}/${g.id}`)).headers.get("etag") ?? "";
        const ok = await admin.put<ExtensionGroup>(`${base}/${g.id}`, { name: "edited", siteNumber: "702", memo: "m" }, { "if-match": tag });
        assert.equal(ok.status, 200, ok.text);
        assert.equal(ok.body.name, "edited");
        assert.equal(ok.body.version, g.version + 1);
        assert.equal(ok.headers.get("etag"), `"${g.version + 1}"`);
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "again", siteNumber: "702" }, { "if-match": tag }), 409, "8111");
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "extensionGroup.update").where("target_id", "=", String(g.id)).executeTakeFirst();
        assert.match(event?.before ?? "", /edit-me/);
        assert.match(event?.after ?? "", /edited/);
      });

      test("a name or site number another group uses is 409 8018", async () => {
        const g = await create("edit-dup", "711");
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "本社", siteNumber: "711" }), 409, "8018");
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "edit-dup", siteNumber: "1" }), 409, "8018");
      });

      test("a missing group is 404 8019", async () => {
        await refused(db, () => admin.put(`${base}/999999`, { name: "x", siteNumber: "5" }), 404, "8019");
      });

      test("invalid bodies are refused and nothing is stored", async () => {
        const g = await create("edit-invalid", "721");
        await refused(db, () => admin.put(`${base}/${g.id}`, { siteNumber: "5" }), 400, "8008");
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "x", siteNumber: "５" }), 400, "8009");
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: ["x"], siteNumber: "5" }), 400, "8009");
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "x\ny", siteNumber: "5" }), 400, "8009");
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "x", siteNumber: "5", memo: "あ".repeat(129) }), 400, "8101");
        await refused(db, () => admin.put(`${base}/${g.id}`, { name: "x", siteNumber: "5" }, { "if-match": "garbage" }), 409, "8111");
      });
    });

    describe("members", () => {
      let g: ExtensionGroup;
      before(async () => {
        g = await create("members", "601");
      });
      const put = (body: unknown, id = g.id) => admin.put<MembersResult>(`${base}/${id}/members`, body);

      test("replaces the membership: members get their extensions, the list shows メンバ / 非メンバ, audited", async () => {
        const answer = await put([{ subscriberId: "demo002", extension: "202" }, { subscriberId: "demo003", extension: "203" }]);
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(answer.body.members, [{ subscriberId: "demo002", extension: "202" }, { subscriberId: "demo003", extension: "203" }]);
        assert.deepEqual(await subscriberRow("demo002").then((r) => [r.extension_group_id, r.extension]), [g.id, "202"]);
        const members = await admin.get<List<Member>>(`${base}/${g.id}/members?membership=member`);
        assert.deepEqual(members.body.items.map((m) => [m.subscriberId, m.extension, m.member]), [["demo002", "202", true], ["demo003", "203", true]]);
        const nonMembers = await admin.get<List<Member>>(`${base}/${g.id}/members?membership=nonMember&limit=500`);
        assert.equal(nonMembers.body.total, 18);
        assert.ok(nonMembers.body.items.every((m) => !m.member));
        const all = await admin.get<List<Member>>(`${base}/${g.id}/members?q=demo00&sort=subscriberId`);
        assert.equal(all.body.total, 9);
        assert.equal((await admin.get<ExtensionGroup>(`${base}/${g.id}`)).body.memberCount, 2);
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "extensionGroup.members.update").where("target_id", "=", String(g.id)).executeTakeFirst();
        assert.match(event?.after ?? "", /demo003/);
      });

      test("q matches the extension and the display name too", async () => {
        assert.deepEqual((await admin.get<List<Member>>(`${base}/${g.id}/members?q=203&match=exact`)).body.items.map((m) => m.subscriberId), ["demo003"]);
        assert.deepEqual((await admin.get<List<Member>>(`${base}/${g.id}/members?q=${encodeURIComponent("総務 花")}`)).body.items.map((m) => m.subscriberId), ["demo002"]);
      });

      test("a member left out leaves the group and loses its extension", async () => {
        assert.equal((await put([{ subscriberId: "demo002", extension: "202" }])).status, 200);
        assert.deepEqual(await subscriberRow("demo003").then((r) => [r.extension_group_id, r.extension]), [null, null]);
      });

      test("a number in another extension group moves here", async () => {
        const other = await create("members-other", "602");
        assert.equal((await put([{ subscriberId: "demo004", extension: "404" }], other.id)).status, 200);
        assert.equal((await put([{ subscriberId: "demo002", extension: "202" }, { subscriberId: "demo004", extension: "204" }])).status, 200);
        assert.deepEqual(await subscriberRow("demo004").then((r) => [r.extension_group_id, r.extension]), [g.id, "204"]);
        assert.equal((await admin.get<ExtensionGroup>(`${base}/${other.id}`)).body.memberCount, 0);
      });

      test("the same list again changes nothing (no new audit event)", async () => {
        const count = async () => (await db.selectFrom("audit_events").select("id").where("action", "=", "extensionGroup.members.update").execute()).length;
        const n = await count();
        assert.equal((await put([{ subscriberId: "demo004", extension: "204" }, { subscriberId: "demo002", extension: "202" }])).status, 200);
        assert.equal(await count(), n);
      });

      test("a member without an extension is 400 8012 and nothing is stored", async () => {
        await refused(db, () => put([{ subscriberId: "demo005" }]), 400, "8012");
        await refused(db, () => put([{ subscriberId: "demo005", extension: null }]), 400, "8012");
        await refused(db, () => put([{ subscriberId: "demo005", extension: "" }]), 400, "8012");
      });

      test("an extension used twice in the group is 409 8052 and nothing is stored", async () => {
        await refused(db, () => put([{ subscriberId: "demo005", extension: "205" }, { subscriberId: "demo006", extension: "205" }]), 409, "8052");
      });

      test("a malformed extension is 400 8009 (digits only, 2–8, not starting with the prefix 0)", async () => {
        for (const extension of ["2", "123456789", "20a", "２０５", "0205"]) {
          await refused(db, () => put([{ subscriberId: "demo005", extension }]), 400, "8009");
        }
      });

      test("an unknown subscriber, or another enterprise's, is 404 8049 and nothing is stored", async () => {
        await refused(db, () => put([{ subscriberId: "nobody", extension: "205" }]), 404, "8049");
        await refused(db, () => put([{ subscriberId: "oth001", extension: "205" }]), 404, "8049");
      });

      test("a missing group is 404 8051 (members read and write)", async () => {
        await refused(db, () => put([], 999999), 404, "8051");
        assert.equal(codeOf(await admin.get(`${base}/999999/members`)), "8051");
      });

      test("invalid bodies are refused and nothing is stored", async () => {
        await refused(db, () => put({ subscriberIds: ["demo005"] }), 400, "8009");
        await refused(db, () => put([{ extension: "205" }]), 400, "8008");
        await refused(db, () => put([{ subscriberId: 5, extension: "205" }]), 400, "8009");
        await refused(db, () => put([{ subscriberId: "demo005", extension: 205 }]), 400, "8009");
        await refused(db, () => put([{ subscriberId: "a".repeat(65), extension: "205" }]), 400, "8009");
        await refused(db, () => put([{ subscriberId: "demo 005", extension: "205" }]), 400, "8009");
        await refused(db, () => put([{ subscriberId: "demo005", extension: "205" }, { subscriberId: "demo005", extension: "206" }]), 400, "8009");
        await refused(db, () => put("[{"), 400, "8009");
      });

      test("bad member-list parameters are 400 8009", async () => {
        for (const query of ["membership=some", "sort=order", "limit=501"]) assert.equal(codeOf(await admin.get(`${base}/${g.id}/members?${query}`)), "8009", query);
      });
    });

    describe("forwarding follows the prefix rule (features.md §4)", () => {
      let g: ExtensionGroup;
      before(async () => {
        g = await create("forwarding", "501");
      });
      const setForwarding = async (id: string, body: object) => {
        const answer = await admin.put(`/api/v1/enterprises/demo/subscribers/${id}/forwarding`, body);
        assert.equal(answer.status, 200, answer.text);
      };

      test("a number joining keeps its external destination, now stored with the prefix 0", async () => {
        await setForwarding("demo011", { unconditional: { enabled: true, destination: "09012345678" } });
        const answer = await admin.put<MembersResult>(`${base}/${g.id}/members`, [{ subscriberId: "demo011", extension: "511" }, { subscriberId: "demo012", extension: "512" }]);
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(answer.body.adjustedForwarding, [{ subscriberId: "demo011", cleared: [] }]);
        assert.equal((await forwardingOf("demo011")).unconditional?.destination, "009012345678");
      });

      test("a forward to a colleague's extension follows the colleague; leaving takes the prefix off", async () => {
        await setForwarding("demo011", { busy: { enabled: true, destination: "512" } });
        // demo012 gets another extension: demo011's busy forward follows it.
        assert.equal((await admin.put(`${base}/${g.id}/members`, [{ subscriberId: "demo011", extension: "511" }, { subscriberId: "demo012", extension: "522" }])).status, 200);
        assert.equal((await forwardingOf("demo011")).busy?.destination, "522");
        // demo012 leaves: the forward still reaches its number, as prefix + number.
        assert.equal((await admin.put(`${base}/${g.id}/members`, [{ subscriberId: "demo011", extension: "511" }])).status, 200);
        assert.equal((await forwardingOf("demo011")).busy?.destination, "005012345012");
        // demo011 leaves: its destinations lose the prefix and are what the number would store outside a group.
        assert.equal((await admin.put(`${base}/${g.id}/members`, [])).status, 200);
        const f = await forwardingOf("demo011");
        assert.equal(f.unconditional?.destination, "09012345678");
        assert.equal(f.busy?.destination, "05012345012");
        assert.equal(f.busy?.enabled, true);
        const read = await admin.get<{ unconditional: { destination: string } }>("/api/v1/enterprises/demo/subscribers/demo011/forwarding");
        assert.equal(read.body.unconditional.destination, "09012345678");
      });

      test("a schedule of the group follows its members too", async () => {
        assert.equal((await admin.put(`${base}/${g.id}/members`, [{ subscriberId: "demo013", extension: "513" }, { subscriberId: "demo014", extension: "514" }])).status, 200);
        const schedule = await admin.post<{ id: number }>("/api/v1/enterprises/demo/schedules", {
          name: "group-schedule",
          cfnaTimeoutSec: 20,
          extensionGroupId: g.id,
          rules: [{ type: "holiday", start: "00:00", end: "24:00", action: "unconditional", destination: "514" }],
        });
        assert.equal(schedule.status, 201, schedule.text);
        const answer = await admin.put<MembersResult>(`${base}/${g.id}/members`, [{ subscriberId: "demo013", extension: "513" }]);
        assert.deepEqual(answer.body.adjustedSchedules.map((s) => s.name), ["group-schedule"]);
        const read = await admin.get<{ rules: { destination: string }[] }>(`/api/v1/enterprises/demo/schedules/${schedule.body.id}`);
        assert.equal(read.body.rules[0]?.destination, "005012345014");
      });
    });

    describe("delete", () => {
      test("a group with members is 409 8122 saying how many; emptied, it is deleted (204) and audited", async () => {
        const g = await create("delete-me", "401");
        assert.equal((await admin.put(`${base}/${g.id}/members`, [{ subscriberId: "demo015", extension: "415" }, { subscriberId: "demo016", extension: "416" }])).status, 200);
        let message = "";
        await refused(
          db,
          async () => {
            const a = await admin.delete<{ error: { message: string; details: unknown } }>(`${base}/${g.id}`);
            message = a.body.error.message;
            return a;
          },
          409,
          "8122",
        );
        assert.match(message, /2件/);
        assert.equal((await admin.put(`${base}/${g.id}/members`, [])).status, 200);
        assert.equal((await admin.delete(`${base}/${g.id}`)).status, 204);
        assert.equal(await db.selectFrom("extension_groups").select("id").where("id", "=", g.id).executeTakeFirst(), undefined);
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "extensionGroup.delete").where("target_id", "=", String(g.id)).executeTakeFirst();
        assert.match(event?.before ?? "", /delete-me/);
      });

      test("a group a schedule refers to is 409 8122 naming the schedule", async () => {
        const g = await create("delete-scheduled", "402");
        assert.equal((await admin.post("/api/v1/enterprises/demo/schedules", { name: "uses-group", cfnaTimeoutSec: 20, extensionGroupId: g.id, rules: [] })).status, 201);
        let message = "";
        await refused(
          db,
          async () => {
            const a = await admin.delete<{ error: { message: string } }>(`${base}/${g.id}`);
            message = a.body.error.message;
            return a;
          },
          409,
          "8122",
        );
        assert.match(message, /uses-group/);
      });

      test("a missing group is 404 8020", async () => {
        await refused(db, () => admin.delete(`${base}/999999`), 404, "8020");
      });
    });

    describe("roles and tenancy", () => {
      let g: ExtensionGroup;
      before(async () => {
        g = await create("tenancy", "301");
      });

      test("end users and group admins are 403 8109 on every endpoint, and nothing is stored", async () => {
        for (const client of [endUser, groupAdmin]) {
          assert.equal(codeOf(await client.get(base)), "8109");
          assert.equal(codeOf(await client.get(`${base}/${g.id}`)), "8109");
          assert.equal(codeOf(await client.get(`${base}/${g.id}/members`)), "8109");
          await refused(db, () => client.post(base, { name: "x", siteNumber: "5" }), 403, "8109");
          await refused(db, () => client.put(`${base}/${g.id}`, { name: "x", siteNumber: "5" }), 403, "8109");
          await refused(db, () => client.delete(`${base}/${g.id}`), 403, "8109");
          await refused(db, () => client.put(`${base}/${g.id}/members`, []), 403, "8109");
        }
      });

      test("another enterprise's admin gets 404 8016 on every endpoint, and nothing is stored", async () => {
        assert.equal(codeOf(await otherAdmin.get(base)), "8016");
        assert.equal(codeOf(await otherAdmin.get(`${base}/${g.id}`)), "8016");
        assert.equal(codeOf(await otherAdmin.get(`${base}/${g.id}/members`)), "8016");
        await refused(db, () => otherAdmin.post(base, { name: "x", siteNumber: "5" }), 404, "8016");
        await refused(db, () => otherAdmin.put(`${base}/${g.id}`, { name: "x", siteNumber: "5" }), 404, "8016");
        await refused(db, () => otherAdmin.delete(`${base}/${g.id}`), 404, "8016");
        await refused(db, () => otherAdmin.put(`${base}/${g.id}/members`, [{ subscriberId: "oth001", extension: "201" }]), 404, "8016");
      });

      test("a demo group asked for under another enterprise is not found there", async () => {
        assert.equal(codeOf(await otherAdmin.get(`/api/v1/enterprises/other/extension-groups/${g.id}`)), "8014");
        await refused(db, () => otherAdmin.put(`/api/v1/enterprises/other/extension-groups/${g.id}/members`, []), 404, "8051");
      });
    });
  });
}
