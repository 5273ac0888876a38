// Bulk registration and bulk forwarding run on a worker thread with its own connection to the database
// (services/bulk-jobs.ts, services/bulk-worker.ts). What a user notices must not change: the routing
// follows the change at once (the worker's commits reach the server's routing snapshot, which refreshes in
// place what they changed), a refused change answers with its catalogue error and changes nothing, and a
// worker that ended when idle starts again for the next job.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { platform } from "node:os";
import { after, before, describe, test } from "node:test";
import iconv from "iconv-lite";
import { DomainError } from "../../src/domain/errors.ts";
import type { RoutingSnapshot } from "../../src/domain/routing/types.ts";
import { bulkHeaders } from "../../src/files/bulk-file.ts";
import { BulkJobs } from "../../src/services/bulk-jobs.ts";
import { createServices } from "../../src/services/index.ts";
import { fromWire, toWire } from "../../src/services/bulk-protocol.ts";
import { loadRoutingSnapshot } from "../../src/store/routing.store.ts";
import { backgroundNice } from "../../src/store/thread-priority.ts";
import { dialects } from "../support/db.ts";
import { assertRefreshedInPlace } from "../support/routing.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const operator = { principal: { role: "operator", loginId: "operator" } as const, ip: "127.0.0.1" };

describe("errors from the bulk worker", () => {
  test("a catalogue error crosses whole; a database error keeps its code (a unique violation is still told apart)", () => {
    const domain = fromWire(toWire(new DomainError("8062", { field: "file", details: { id: 7 } })));
    assert.ok(domain instanceof DomainError);
    assert.deepEqual([domain.code, domain.status, domain.field, domain.details], ["8062", 409, "file", { id: 7 }]);
    const unique = fromWire(toWire(Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" })));
    assert.equal((unique as Error & { code?: string }).code, "23505");
    assert.equal(unique.message, "duplicate key value violates unique constraint");
  });
});

for (const dialect of dialects()) {
  describe(`bulk work on its own thread (${dialect})`, () => {
    let server: TestServer;
    let snapshot: RoutingSnapshot;
    before(async () => {
      server = await startTestServer({ dialect, demo: "full", web: false });
      await server.services.routing.settled();
      snapshot = await server.services.routing.snapshot();
    });
    after(async () => server?.close());

    test("bulk forwarding: the numbers forward at once", async () => {
      const routed = async () => (await server.services.routing.decide(operator, { call: { direction: "inbound", from: "0698765432", dialed: "0312345002" } })).plan.steps;
      assert.equal((await routed())[0]?.kind, "ring");
      const result = await server.services.forwarding.bulk(operator, "demo", [
        { subscriberId: "demo002", unconditional: { enabled: true, destination: "009012345678" } },
        { subscriberId: "demo003", unconditional: { enabled: true, destination: "009012345679" } },
      ]);
      assert.equal(result.updated, 2);
      await assertRefreshedInPlace(server, snapshot, "bulk forwarding");
      assert.equal((await routed())[0]?.kind, "forward");
      assert.equal(snapshot.subscribers.get("demo003")?.forwarding.unconditional.destination, "009012345679");
    });

    test("a bulk registration's upload and apply: the pickup group has its new members at once", async () => {
      const group = [...snapshot.pickupGroups.values()][0];
      assert.ok(group !== undefined, "the demo enterprise has a pickup group");
      const q = (...fields: string[]) => fields.map((f) => `"${f}"`).join(",");
      const bytes = iconv.encode(`${[q("PICKUP"), q(...bulkHeaders.PICKUP), q("demo012", group.name), q("demo013", group.name)].join("\r\n")}\r\n`, "cp932");
      const { record, summary } = await server.services.imports.upload(operator, "demo", { fileName: "pickup.csv", bytes });
      assert.equal(summary.add + summary.unchanged, 2);
      const applied = await server.services.imports.apply(operator, "demo", record.id);
      assert.equal(applied.record.status, "applied");
      await assertRefreshedInPlace(server, snapshot, "pickup registration");
      const members = snapshot.pickupGroups.get(group.id)?.memberIds ?? [];
      assert.ok(members.includes("demo012") && members.includes("demo013"), `members now: ${members.join(", ")}`);
    });

    test("a refused bulk change answers with its catalogue error, and changes nothing", async () => {
      const before = await loadRoutingSnapshot(server.testStore.store.db);
      const refused = await server.services.forwarding
        .bulk(operator, "demo", [
          { subscriberId: "demo004", unconditional: { enabled: true, destination: "009012345670" } },
          { subscriberId: "nobody", unconditional: { enabled: true, destination: "009012345671" } },
        ])
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      assert.ok(refused instanceof DomainError, "a catalogue error, as on the server's own thread");
      assert.equal(refused.code, "8049");
      assert.equal(refused.status, 404);
      assert.deepEqual((refused.details as { rows: { subscriberId: string }[] }).rows.map((r) => r.subscriberId), ["nobody"]);
      assert.deepEqual(await loadRoutingSnapshot(server.testStore.store.db), before, "nothing changed");
    });

    /** The whole file of an export. */
    async function read(file: { fileName: string; chunks: AsyncIterable<Buffer> }): Promise<{ fileName: string; bytes: Buffer }> {
      const parts: Buffer[] = [];
      for await (const chunk of file.chunks) parts.push(chunk);
      return { fileName: file.fileName, bytes: Buffer.concat(parts) };
    }

    test("the subscriber list export made on the worker is byte for byte the one made on the server's thread", async () => {
      // The same services without the worker, over the same database and clock.
      const local = createServices(server.testStore.store, { clock: server.clock.now, sessionPolicy: { idleMs: 60_000, absoluteMs: 60_000, lockoutThreshold: 5, lockoutMs: 1 } });
      for (const query of [
        { field: "id", q: "", match: "prefix", sort: "extension", encoding: "shift_jis" },
        { field: "id", q: "", match: "prefix", sort: "number", encoding: "utf-8", numberFrom: "0312345003" },
      ] as const) {
        const there = await read(await server.services.subscribers.export(operator.principal, "demo", query));
        const here = await read(await local.subscribers.export(operator.principal, "demo", query));
        assert.equal(there.fileName, here.fileName);
        assert.ok(there.bytes.length > 500, `a file with the demo's numbers (${there.bytes.length} bytes)`);
        assert.ok(there.bytes.equals(here.bytes), `${query.sort}, ${query.encoding}: the same bytes`);
      }
    });

    test("an export refused before its first byte answers with its catalogue error", async () => {
      const query = { field: "id", q: "", match: "prefix", sort: "number", encoding: "shift_jis", numberFrom: "abc" } as const;
      const local = createServices(server.testStore.store, { clock: server.clock.now, sessionPolicy: { idleMs: 60_000, absoluteMs: 60_000, lockoutThreshold: 5, lockoutMs: 1 } });
      const expected = await local.subscribers.export(operator.principal, "demo", query).then(() => undefined, (error: unknown) => error);
      assert.ok(expected instanceof DomainError);
      const refused = await server.services.subscribers.export(operator.principal, "demo", query).then(() => undefined, (error: unknown) => error);
      assert.ok(refused instanceof DomainError);
      assert.deepEqual([refused.code, refused.status, refused.field], [expected.code, expected.status, expected.field]);
      const elsewhere = await server.services.subscribers.export(operator.principal, "nowhere", { ...query, numberFrom: undefined }).then(() => undefined, (error: unknown) => error);
      assert.ok(elsewhere instanceof DomainError);
      assert.equal(elsewhere.code, "8016");
    });

    test("an export its reader stops early leaves the worker free for the next job and export", async () => {
      const query = { field: "id", q: "", match: "prefix", sort: "number", encoding: "utf-8" } as const;
      const file = await server.services.subscribers.export(operator.principal, "demo", query);
      for await (const chunk of file.chunks) {
        assert.ok(chunk.length > 0);
        break;
      }
      assert.deepEqual(await server.services.forwarding.bulk(operator, "demo", [{ subscriberId: "demo006", busy: { enabled: true, destination: "009012340006" } }]), { updated: 1 });
      const again = await read(await server.services.subscribers.export(operator.principal, "demo", query));
      assert.ok(again.bytes.length > 500);
    });

    test("bulk work and V8's helper threads run below the server thread's CPU priority, and the server thread keeps its own", { skip: platform() !== "linux" }, async () => {
      /** Each thread of this process: its name and its nice value (/proc/self/task/<tid>/stat, field 19). */
      const threads = () =>
        readdirSync("/proc/self/task").map((tid) => {
          const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
          const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
          return { tid: Number(tid), name, nice: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]) };
        });
      const own = threads().find((t) => t.tid === process.pid)?.nice ?? Number.NaN;
      const jobs = new BulkJobs(server.testStore.store, () => new Date());
      try {
        const before = new Set(threads().map((t) => t.tid));
        assert.deepEqual(await jobs.run("forwarding.bulk", operator, "demo", [{ subscriberId: "demo007", busy: { enabled: true, destination: "009012340007" } }]), { updated: 1 });
        const started = threads().filter((t) => !before.has(t.tid) && t.name === "WorkerThread");
        assert.equal(started.length, 1, `one worker thread started: ${JSON.stringify(threads())}`);
        assert.equal(started[0]?.nice, Math.min(19, own + backgroundNice), "the worker runs ten steps below");
        assert.equal(threads().find((t) => t.tid === process.pid)?.nice, own, "the server's thread is where it was");
        const helpers = threads().filter((t) => t.name === "V8Worker");
        assert.ok(helpers.length > 0, "V8's helper threads are there to see");
        assert.deepEqual(
          helpers.map((t) => t.nice),
          helpers.map(() => Math.min(19, own + backgroundNice)),
          "V8's helper threads (the worker's garbage collection) run ten steps below too",
        );
      } finally {
        await jobs.stop();
      }
    });

    test("a worker that ended when idle starts again for the next job", async () => {
      const jobs = new BulkJobs(server.testStore.store, () => new Date(), { idleMs: 20 });
      try {
        const row = (destination: string) => [{ subscriberId: "demo005", noAnswer: { enabled: true, destination, timerSec: 20 } }];
        assert.deepEqual(await jobs.run("forwarding.bulk", operator, "demo", row("009012340001")), { updated: 1 });
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.deepEqual(await jobs.run("forwarding.bulk", operator, "demo", row("009012340002")), { updated: 1 });
        await server.services.routing.settled();
        assert.equal((await server.services.routing.snapshot()).subscribers.get("demo005")?.forwarding.noAnswer.destination, "009012340002");
      } finally {
        await jobs.stop();
      }
    });
  });
}
