// Forwarding and voicemail per number and in bulk, the destination list (features.md §4–5), over HTTP on both databases.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { refused } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const base = "/api/v1/enterprises/demo";

for (const dialect of dialects()) {
  describe(`forwarding (${dialect})`, () => {
    let server: TestServer;
    let admin: Client;
    let user: Client;
    let operator: Client;
    before(async () => {
      server = await startTestServer({ dialect, web: false });
      admin = new Client(server.url);
      await admin.login("Administrator", server.demo.adminPassword, "demo");
      user = new Client(server.url);
      await user.login("demo005", server.demo.subscriberPassword);
      operator = new Client(server.url);
      await operator.login("operator", server.operatorPassword);
    });
    after(async () => server.close());
    const db = () => server.testStore.store.db;

    test("no-answer forwarding with a timer is stored and read back", async () => {
      const put = await admin.put(`${base}/subscribers/demo001/forwarding`, { noAnswer: { enabled: true, destination: "090-1234-5678", timerSec: 25 } });
      assert.equal(put.status, 200, put.text);
      const got = await admin.get<{ noAnswer: { enabled: boolean; destination: string; timerSec: number }; busy: { enabled: boolean } }>(`${base}/subscribers/demo001/forwarding`);
      assert.deepEqual(got.body.noAnswer, { enabled: true, destination: "09012345678", timerSec: 25 });
      assert.equal(got.body.busy.enabled, false, "parts left out keep their values");
    });

    test("a restricted destination is refused with its class, nothing stored", async () => {
      await refused(db(), () => admin.put(`${base}/subscribers/demo002/forwarding`, { unconditional: { enabled: true, destination: "0570123456" } }), 400, "8039");
      await refused(db(), () => admin.put(`${base}/subscribers/demo002/forwarding`, { busy: { enabled: true, destination: "0103912345678" } }), 400, "8102");
      await refused(db(), () => admin.put(`${base}/subscribers/demo002/forwarding`, { busy: { enabled: true, destination: "06-12" } }), 400, "8117");
      await refused(db(), () => admin.put(`${base}/subscribers/demo002/forwarding`, { noAnswer: { enabled: true, destination: "0612345678", timerSec: 181 } }), 400, "8103");
      await refused(db(), () => admin.put(`${base}/subscribers/demo002/forwarding`, { busy: { enabled: true, destination: "" } }), 400, "8008");
    });

    test("invalid bodies: wrong type, missing part fields, too long → 400 with a code, nothing stored", async () => {
      await refused(db(), () => admin.put(`${base}/subscribers/demo002/forwarding`, { busy: { enabled: "yes", destination: "0612345678" } }), 400, "8009");
      await refused(db(), () => admin.put(`${base}/subscribers/demo002/forwarding`, { busy: { enabled: true } }), 400, "8008");
      await refused(db(), () => admin.put(`${base}/subscribers/demo002/forwarding`, { busy: { enabled: true, destination: "0".repeat(40) } }), 400, "8009");
      await refused(db(), () => admin.put(`${base}/subscribers/demo002/forwarding`, { voicemail: { enabled: true, condition: "sometimes", ringSec: 20 } }), 400, "8009");
    });

    test("a loop A → B → A is refused at save time with the loop spelled out", async () => {
      const first = await admin.put(`${base}/subscribers/demo003/forwarding`, { unconditional: { enabled: true, destination: "0312345004" } });
      assert.equal(first.status, 200, first.text);
      const before = await admin.get(`${base}/subscribers/demo004/forwarding`);
      const answer = await admin.put<{ error: { code: string; details: { loop: string[] } } }>(`${base}/subscribers/demo004/forwarding`, { busy: { enabled: true, destination: "0312345003" } });
      assert.equal(answer.status, 409);
      assert.equal(answer.body.error.code, "8118");
      assert.deepEqual(answer.body.error.details.loop, ["0312345004", "0312345003", "0312345004"]);
      assert.deepEqual((await admin.get(`${base}/subscribers/demo004/forwarding`)).body, before.body);
    });

    test("a loop through a schedule is refused", async () => {
      const schedule = await admin.post<{ id: number }>(`${base}/schedules`, {
        name: "ループ検査",
        cfnaTimeoutSec: 20,
        rules: [{ type: "weekday", weekdays: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00", action: "unconditional", destination: "0312345006" }],
      });
      assert.equal(schedule.status, 201, schedule.text);
      const a = await admin.put(`${base}/subscribers/demo007/forwarding`, { schedule: { enabled: true, scheduleId: schedule.body.id } });
      assert.equal(a.status, 200, a.text);
      const b = await admin.put(`${base}/subscribers/demo006/forwarding`, { noAnswer: { enabled: true, destination: "0312345007", timerSec: 20 } });
      assert.equal(b.status, 409);
      assert.equal(codeOf(b), "8118");
    });

    test("an unknown schedule is 8023", async () => {
      await refused(db(), () => admin.put(`${base}/subscribers/demo008/forwarding`, { schedule: { enabled: true, scheduleId: 9999 } }), 404, "8023");
    });

    test("ETag / If-Match: a stale write is 8111", async () => {
      const got = await admin.get(`${base}/subscribers/demo009/forwarding`);
      const tag = got.headers.get("etag") ?? "";
      assert.equal((await admin.put(`${base}/subscribers/demo009/forwarding`, { busy: { enabled: true, destination: "0612345678" } }, { "if-match": tag })).status, 200);
      await refused(db(), () => admin.put(`${base}/subscribers/demo009/forwarding`, { busy: { enabled: false, destination: "" } }, { "if-match": tag }), 409, "8111");
    });

    test("an end user changes their own forwarding but not another number's", async () => {
      const own = await user.put(`${base}/subscribers/demo005/forwarding`, { voicemail: { enabled: true, condition: "busyOrNoAnswer", ringSec: 15 } });
      assert.equal(own.status, 200, own.text);
      assert.equal(codeOf(await user.get(`${base}/subscribers/demo006/forwarding`)), "8049");
      assert.equal((await user.put(`${base}/subscribers/demo006/forwarding`, { busy: { enabled: false, destination: "" } })).status, 404);
    });

    test("without the forwarding service contract the API answers 8115", async () => {
      assert.equal((await operator.patch(`${base}`, { services: { forwarding: false } })).status, 200);
      try {
        assert.equal(codeOf(await admin.get(`${base}/subscribers/demo010/forwarding`)), "8115");
        await refused(db(), () => admin.put(`${base}/subscribers/demo010/forwarding`, { busy: { enabled: true, destination: "0612345678" } }), 403, "8115");
      } finally {
        await operator.patch(`${base}`, { services: { forwarding: true } });
      }
    });

    test("bulk forwarding applies every row in one go", async () => {
      const answer = await admin.put(`${base}/forwarding`, [
        { subscriberId: "demo011", unconditional: { enabled: true, destination: "0612340011" } },
        { subscriberId: "demo012", busy: { enabled: true, destination: "0612340012" }, noAnswer: { enabled: true, destination: "0612340012", timerSec: 30 } },
      ]);
      assert.equal(answer.status, 200, answer.text);
      const got = await admin.get<{ busy: { destination: string }; noAnswer: { timerSec: number } }>(`${base}/subscribers/demo012/forwarding`);
      assert.equal(got.body.busy.destination, "0612340012");
      assert.equal(got.body.noAnswer.timerSec, 30);
    });

    test("bulk forwarding with one bad row changes nothing and lists the row", async () => {
      let body: unknown;
      await refused(
        db(),
        async () => {
          const a = await admin.put(`${base}/forwarding`, [
            { subscriberId: "demo013", unconditional: { enabled: true, destination: "0612340013" } },
            { subscriberId: "demo014", unconditional: { enabled: true, destination: "0120123456" } },
            { subscriberId: "nobody", unconditional: { enabled: true, destination: "0612340013" } },
          ]);
          body = a.body;
          return a;
        },
        400,
        "8039",
      );
      const rows = (body as { error: { details: { rows: { index: number; code: string }[] } } }).error.details.rows;
      assert.deepEqual(rows.map((r) => [r.index, r.code]), [[1, "8039"], [2, "8049"]]);
    });

    test("destination list: ≤ 30 entries (8100), memo ≤ 256 Shift_JIS bytes (8101), no international (8102)", async () => {
      const ok = await admin.put<{ number: string; memo: string }[]>(`${base}/forward-destinations`, [{ number: "06-1234-5678", memo: "大阪本社" }, { number: "09012345678", memo: "" }]);
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.body[0], { number: "0612345678", memo: "大阪本社" });
      const many = Array.from({ length: 31 }, (_, i) => ({ number: `06123450${String(i).padStart(2, "0")}`, memo: "" }));
      await refused(db(), () => admin.put(`${base}/forward-destinations`, many), 400, "8100");
      await refused(db(), () => admin.put(`${base}/forward-destinations`, [{ number: "0612345678", memo: "あ".repeat(129) }]), 400, "8101");
      await refused(db(), () => admin.put(`${base}/forward-destinations`, [{ number: "+3912345678", memo: "" }]), 400, "8102");
      await refused(db(), () => admin.put(`${base}/forward-destinations`, [{ number: "0120123456", memo: "" }]), 400, "8039");
      const list = await admin.get<unknown[]>(`${base}/forward-destinations`);
      assert.equal(list.body.length, 2);
      assert.equal((await user.put(`${base}/forward-destinations`, [])).status, 403);
    });

    test("every change is audited with before and after", async () => {
      const rows = await db().selectFrom("audit_events").selectAll().where("action", "=", "subscriber.forwarding.update").where("target_id", "=", "demo001").execute();
      assert.equal(rows.length, 1);
      assert.match(rows[0]?.after ?? "", /09012345678/);
      assert.equal(rows[0]?.actor_id, "demo/Administrator");
    });
  });
}

for (const dialect of dialects()) {
  describe(`forwarding warnings and hunt pilots (${dialect})`, () => {
    let server: TestServer;
    let admin: Client;
    before(async () => {
      server = await startTestServer({ dialect, web: false });
      admin = new Client(server.url);
      await admin.login("Administrator", server.demo.adminPassword, "demo");
    });
    after(async () => server.close());

    test("forwarding to a stopped or anonymous-rejecting number is saved with warnings", async () => {
      await admin.put(`${base}/subscribers/demo012/emergency-stop`, { stopped: true });
      await admin.put(`${base}/subscribers/demo013/call-settings`, { anonymousRejection: true });
      const a = await admin.put<{ warnings: { code: string }[] }>(`${base}/subscribers/demo011/forwarding`, {
        busy: { enabled: true, destination: "05012345012" },
        noAnswer: { enabled: true, destination: "05012345013", timerSec: 20 },
      });
      assert.equal(a.status, 200, a.text);
      assert.deepEqual(a.body.warnings.map((w) => w.code).sort(), ["anonymousRejection", "emergencyStopped"]);
      const quiet = await admin.put<{ warnings: unknown[] }>(`${base}/subscribers/demo014/forwarding`, { busy: { enabled: true, destination: "0612345678" } });
      assert.deepEqual(quiet.body.warnings, []);
    });

    test("a loop through a hunt pilot is refused (pilot → member → pilot)", async () => {
      const hg = await admin.post<{ id: number }>(`${base}/hunt-groups`, { name: "代表1", pilotSubscriberId: "demo015", distribution: "sequential", slideTimerSec: 10, schedule: { enabled: false, scheduleId: null }, memo: "" });
      assert.equal(hg.status, 201, hg.text);
      assert.equal((await admin.put(`${base}/hunt-groups/${hg.body.id}/members`, [{ subscriberId: "demo016", order: 1 }])).status, 200);
      const loop = await admin.put(`${base}/subscribers/demo016/forwarding`, { noAnswer: { enabled: true, destination: "05012345015", timerSec: 20 } });
      assert.equal(loop.status, 409, loop.text);
      assert.equal(codeOf(loop), "8118");
    });
  });
}
