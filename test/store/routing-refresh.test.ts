// The routing snapshot is brought up to date in place after a write of this process, reading only what the
// write changed (the numbers whose settings changed, or the enterprise it changed): after every kind of
// write it must equal a snapshot read whole. A write this process didn't make is read whole.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { RoutingSnapshot } from "../../src/domain/routing/types.ts";
import iconv from "iconv-lite";
import { bulkHeaders } from "../../src/files/bulk-file.ts";
import { onCommit, type ChangeScope } from "../../src/services/unit-of-work.ts";
import { loadRoutingSnapshot, refreshRoutingSnapshot } from "../../src/store/routing.store.ts";
import { dialects } from "../support/db.ts";
import { assertRefreshedInPlace } from "../support/routing.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const operator = { principal: { role: "operator", loginId: "operator" } as const, ip: "127.0.0.1" };

for (const dialect of dialects()) {
  describe(`routing snapshot refresh (${dialect})`, () => {
    let server: TestServer;
    let snapshot: RoutingSnapshot;
    before(async () => {
      server = await startTestServer({ dialect, demo: "full", web: false });
      await server.services.enterprises.create(operator, { id: "other", name: "他社株式会社", lineId1: "OTHER-1", administratorPassword: "Other-Admin-2026" });
      await server.services.subscribers.create(operator, "other", { id: "other001", number: "0398765001" });
      await server.services.routing.settled();
      snapshot = await server.services.routing.snapshot();
    });
    after(async () => server?.close());

    const huntGroupOf = (s: RoutingSnapshot) => [...s.huntGroups.values()].find((g) => g.enterpriseId === "demo" && g.distribution !== "simultaneous");

    test("a number's forwarding: the number alone is read again, and the decision follows", async () => {
      const routed = async () => (await server.services.routing.decide(operator, { call: { direction: "inbound", from: "0698765432", dialed: "0312345002" } })).plan.steps;
      assert.equal((await routed())[0]?.kind, "ring");
      await server.services.forwarding.put(operator, "demo", "demo002", { unconditional: { enabled: true, destination: "009012345678" } });
      await assertRefreshedInPlace(server, snapshot, "forwarding");
      assert.equal((await routed())[0]?.kind, "forward");
      assert.equal(snapshot.subscribers.get("demo002")?.forwarding.unconditional.enabled, true);
    });

    test("a number's information: the number alone is read again", async () => {
      await server.services.subscribers.updateInfo(operator, "demo", "demo005", { displayName: "名前 変更", originNumbers: ["0312345006"] });
      await assertRefreshedInPlace(server, snapshot, "information");
      assert.equal(snapshot.subscribers.get("demo005")?.displayName, "名前 変更");
      assert.equal(snapshot.byNumber.get(snapshot.subscribers.get("demo005")?.number ?? "")?.displayName, "名前 変更", "by its number too");
      assert.deepEqual(snapshot.subscribers.get("demo005")?.originNumbers, ["0312345006"]);
    });

    test("hunt and pickup group members, a new number and a deleted one: the enterprise is read again", async () => {
      const hunt = huntGroupOf(snapshot);
      assert.ok(hunt !== undefined, "the demo enterprise has a hunt group");
      const members = [...hunt.members].reverse().map((m, i) => ({ subscriberId: m.subscriberId, order: i + 1 }));
      await server.services.huntGroups.setMembers(operator, "demo", hunt.id, members);
      await assertRefreshedInPlace(server, snapshot, "hunt members");
      assert.deepEqual(
        snapshot.huntGroups.get(hunt.id)?.members.map((m) => m.subscriberId),
        members.map((m) => m.subscriberId),
      );

      const pickup = [...snapshot.pickupGroups.values()][0];
      assert.ok(pickup !== undefined, "the demo enterprise has a pickup group");
      await server.services.pickupGroups.setMembers(operator, "demo", pickup.id, ["demo010", "demo011"]);
      await assertRefreshedInPlace(server, snapshot, "pickup members");
      assert.deepEqual(snapshot.pickupGroups.get(pickup.id)?.memberIds, ["demo010", "demo011"]);

      await server.services.subscribers.create(operator, "demo", { id: "demo099", number: "0312345099" });
      await assertRefreshedInPlace(server, snapshot, "new number");
      assert.equal(snapshot.byNumber.get("0312345099")?.id, "demo099");

      await server.services.subscribers.remove(operator, "demo", "demo099");
      await assertRefreshedInPlace(server, snapshot, "deleted number");
      assert.equal(snapshot.byNumber.get("0312345099"), undefined);
      assert.equal(snapshot.subscribers.get("other001")?.number, "0398765001", "the other enterprise's numbers stay");
    });

    test("an enterprise's services and its deletion", async () => {
      await server.services.enterprises.update(operator, "other", { services: { forwarding: false } });
      await assertRefreshedInPlace(server, snapshot, "enterprise services");
      assert.equal(snapshot.enterprises.get("other")?.services.forwarding, false);

      await server.services.subscribers.remove(operator, "other", "other001");
      await server.services.enterprises.remove(operator, "other");
      await assertRefreshedInPlace(server, snapshot, "enterprise deleted");
      assert.equal(snapshot.enterprises.get("other"), undefined);
      assert.equal(snapshot.byNumber.get("0398765001"), undefined);
    });

    test("writes outside the routing data (an upload, an API token, the destination list) read nothing again", async () => {
      const scopes: ChangeScope[] = [];
      const stop = onCommit(server.testStore.store.db, { prepared: (_version, scope) => void scopes.push(scope), committed: () => undefined, rolledBack: () => undefined });
      try {
        const group = [...snapshot.pickupGroups.values()][0];
        assert.ok(group !== undefined, "the demo enterprise has a pickup group");
        const q = (...fields: string[]) => fields.map((f) => `"${f}"`).join(",");
        const bytes = iconv.encode(`${[q("PICKUP"), q(...bulkHeaders.PICKUP), q("demo012", group.name)].join("\r\n")}\r\n`, "cp932");
        const { record } = await server.services.imports.upload(operator, "demo", { fileName: "pickup.csv", bytes });
        await server.services.apiTokens.create(operator, { name: "proxy", role: "sipProxy" });
        await server.services.forwarding.setDestinations(operator, "demo", [{ number: "0612345678", memo: "大阪" }]);
        assert.equal(scopes.length, 3, "three writes");
        for (const scope of scopes) assert.deepEqual(scope, { enterprises: new Set(), subscribers: new Set() });
        await assertRefreshedInPlace(server, snapshot, "outside the routing data");
        // Applying the upload changes the pickup group: the memberships of the enterprise's numbers are read again.
        scopes.length = 0;
        await server.services.imports.apply(operator, "demo", record.id);
        assert.deepEqual(
          scopes.map((scope) => (scope === "everything" ? scope : { enterprises: [...scope.enterprises], memberships: [...(scope.memberships ?? [])] })),
          [{ enterprises: [], memberships: ["demo"] }],
        );
        await assertRefreshedInPlace(server, snapshot, "upload applied");
        assert.ok(snapshot.pickupGroups.get(group.id)?.memberIds.includes("demo012"));
      } finally {
        stop();
      }
    });

    test("a write another process made is noticed and the snapshot is read whole", async () => {
      const db = server.testStore.store.db;
      // As another server process on the same database would: the row and the data version, nothing told here.
      await db.updateTable("subscribers").set({ display_name: "別プロセス" }).where("id", "=", "demo003").execute();
      await db.updateTable("data_version").set((eb) => ({ version: eb("version", "+", 1) })).where("id", "=", 1).execute();
      // And a write of this process's after it, which makes the snapshot stale (on SQLite nothing else does).
      await server.services.forwarding.put(operator, "demo", "demo004", { busy: { enabled: true, destination: "009011112222" } });
      await server.services.routing.settled();
      const current = await server.services.routing.snapshot();
      assert.notEqual(current, snapshot, "read whole");
      assert.equal(current.subscribers.get("demo003")?.displayName, "別プロセス");
      assert.equal(current.subscribers.get("demo004")?.forwarding.busy.enabled, true);
      assert.deepEqual(current, await loadRoutingSnapshot(db));
    });

    test("an enterprise read again: numbers kept, a number moved to another id, a new and a deleted one", async () => {
      const db = server.testStore.store.db;
      const own = await loadRoutingSnapshot(db);
      const kept = own.subscribers.get("demo006");
      const moved = own.subscribers.get("demo007");
      assert.ok(kept !== undefined && moved !== undefined);
      // As a bulk change leaves the rows: demo006 renamed, demo007 gone and its number on a new id, demo008's number changed.
      await db.updateTable("subscribers").set({ display_name: "一括 変更" }).where("id", "=", "demo006").execute();
      const row = await db.selectFrom("subscribers").selectAll().where("id", "=", "demo007").executeTakeFirstOrThrow();
      await db.deleteFrom("subscribers").where("id", "=", "demo007").execute();
      await db.insertInto("subscribers").values({ ...row, id: "demo097" }).execute();
      const oldNumber = own.subscribers.get("demo008")?.number ?? "";
      await db.updateTable("subscribers").set({ number: "0312345098" }).where("id", "=", "demo008").execute();

      assert.equal(await refreshRoutingSnapshot(db, own, { enterprises: new Set(["demo"]), subscribers: new Set() }), true);
      assert.deepEqual(own, await loadRoutingSnapshot(db), "equal to a snapshot read whole");
      assert.equal(own.subscribers.get("demo006")?.displayName, "一括 変更");
      assert.equal(own.byNumber.get(kept.number)?.displayName, "一括 変更", "by its number too");
      assert.equal(own.subscribers.get("demo007"), undefined);
      assert.equal(own.byNumber.get(moved.number)?.id, "demo097");
      assert.equal(own.byNumber.get(oldNumber), undefined, "the old number is free");
      assert.equal(own.byNumber.get("0312345098")?.id, "demo008");
    });

    test("memberships alone: pickup and hunt groups follow; a number that moved otherwise has its enterprise read whole", async () => {
      const db = server.testStore.store.db;
      const own = await loadRoutingSnapshot(db);
      const pickup = [...own.pickupGroups.values()].find((g) => own.subscribers.get(g.memberIds[0] ?? "")?.enterpriseId === "demo") ?? [...own.pickupGroups.values()][0];
      const hunt = huntGroupOf(own);
      assert.ok(pickup !== undefined && hunt !== undefined);
      const forwardingBefore = own.subscribers.get("demo013")?.forwarding;
      // As a PICKUP and a HUNT file leave the rows; demo013's forwarding changes too, told as its own change.
      await db.updateTable("subscribers").set({ pickup_group_id: pickup.id }).where("id", "in", ["demo013", "demo014"]).execute();
      await db.updateTable("subscribers").set({ hunt_group_id: null, hunt_order: null }).where("id", "=", hunt.members[0]?.subscriberId ?? "").execute();
      await db.updateTable("subscribers").set({ forwarding: JSON.stringify({ ...forwardingBefore, busy: { enabled: true, destination: "0612345678" } }) }).where("id", "=", "demo013").execute();
      assert.equal(await refreshRoutingSnapshot(db, own, { enterprises: new Set(), subscribers: new Set(["demo013"]), memberships: new Set(["demo"]) }), true);
      assert.deepEqual(own, await loadRoutingSnapshot(db), "equal to a snapshot read whole");
      assert.ok(own.pickupGroups.get(pickup.id)?.memberIds.includes("demo014"));
      assert.equal(own.subscribers.get("demo013")?.forwarding.busy.destination, "0612345678");

      // A number whose extension changed cannot be placed from its memberships alone.
      await db.updateTable("subscribers").set({ extension: "9876" }).where("id", "=", "demo015").execute();
      assert.equal(await refreshRoutingSnapshot(db, own, { enterprises: new Set(), subscribers: new Set(), memberships: new Set(["demo"]) }), true);
      assert.deepEqual(own, await loadRoutingSnapshot(db), "read whole instead");
      assert.equal(own.subscribers.get("demo015")?.extension, "9876");
    });
  });
}
