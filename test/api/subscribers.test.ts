// Subscribers: operators create (number validated, IDs and numbers unique) and delete; customers can't.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { assertUnchanged, snapshot } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface Subscriber {
  id: string;
  enterpriseId: string;
  number: string;
  numberKind: string;
  displayName: string;
  passwordSet: boolean;
  provisioningPasswordSet: boolean;
  notifyNumber: string;
  emergencyStopped: boolean;
  version: number;
}

const userPassword = "Sub-Secret-2026";
const provisioningPassword = "Prov-Secret-2026";

for (const dialect of dialects()) {
  describe(`subscribers (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let demoAdmin: Client;
    let endUser: Client;
    let otherAdmin: Client;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      operator = new Client(server.url);
      demoAdmin = new Client(server.url);
      endUser = new Client(server.url);
      otherAdmin = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await demoAdmin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await endUser.login("demo001", server.demo.subscriberPassword)).status, 200);
      assert.equal((await operator.post("/api/v1/enterprises", { id: "other", name: "Other", administratorPassword: "Other-Admin-2026" })).status, 201);
      assert.equal((await otherAdmin.login("Administrator", "Other-Admin-2026", "other")).status, 200);
    });
    after(async () => {
      await server?.close();
    });

    const stored = (id: string) => db.selectFrom("subscribers").selectAll().where("id", "=", id).executeTakeFirst();

    describe("create (operator)", () => {
      test("a 0AB-J number: 201, secrets write-only, and the subscriber logs in with its password", async () => {
        const answer = await operator.post<Subscriber>("/api/v1/enterprises/demo/subscribers", {
          id: "osaka001",
          number: "0612345678",
          displayName: "大阪 太郎",
          password: userPassword,
          provisioningPassword,
        });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.id, "osaka001");
        assert.equal(answer.body.enterpriseId, "demo");
        assert.equal(answer.body.number, "0612345678");
        assert.equal(answer.body.numberKind, "oabj");
        assert.equal(answer.body.displayName, "大阪 太郎");
        assert.equal(answer.body.passwordSet, true);
        assert.equal(answer.body.provisioningPasswordSet, true);
        assert.equal(answer.body.emergencyStopped, false);
        assert.ok(answer.headers.get("etag"));
        assert.ok(!answer.text.includes(userPassword) && !answer.text.includes(provisioningPassword), "secrets are never returned");
        const row = await stored("osaka001");
        assert.ok(row !== undefined);
        assert.ok(row.password_hash !== null && !row.password_hash.includes(userPassword), "only a hash is stored");
        assert.ok(!answer.text.includes(row.password_hash), "not even the hash is returned");

        const user = new Client(server.url);
        const login = await user.login("osaka001", userPassword);
        assert.equal(login.status, 200);
        const account = (login.body as { account: Record<string, unknown> }).account;
        assert.equal(account.role, "subscriber");
        assert.equal(account.enterpriseId, "demo");
        assert.equal(account.subscriberId, "osaka001");
      });

      test("a 050 number is accepted as kind 050; hyphens and +81 are normalised to national digits", async () => {
        const ip = await operator.post<Subscriber>("/api/v1/enterprises/demo/subscribers", { id: "voip001", number: "050-9876-5432" });
        assert.equal(ip.status, 201);
        assert.equal(ip.body.number, "05098765432");
        assert.equal(ip.body.numberKind, "050");
        assert.equal(ip.body.passwordSet, false);
        const intl = await operator.post<Subscriber>("/api/v1/enterprises/demo/subscribers", { id: "osaka002", number: "+81 6 1234 5679" });
        assert.equal(intl.status, 201);
        assert.equal(intl.body.number, "0612345679");
      });

      test("a subscriber without a password can't log in", async () => {
        const answer = await new Client(server.url).login("voip001", "Any-Password-2026");
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8000");
      });

      const refusals: [string, Record<string, unknown>, number, string][] = [
        ["a five-digit number", { id: "bad001", number: "12345" }, 400, "8117"],
        ["a number with letters", { id: "bad001", number: "06-ABCD-5678" }, 400, "8117"],
        ["a number one digit short", { id: "bad001", number: "061234567" }, 400, "8117"],
        ["a free-dial number", { id: "bad001", number: "0120123456" }, 400, "8117"],
        ["an empty number", { id: "bad001", number: "" }, 400, "8008"],
        ["a missing number", { id: "bad001" }, 400, "8008"],
        ["an empty id", { id: "", number: "0612340001" }, 400, "8008"],
        ["an id with a space", { id: "bad 001", number: "0612340001" }, 400, "8009"],
        ["an id of 33 characters", { id: "s".repeat(33), number: "0612340001" }, 400, "8009"],
        ["a display name with a control character", { id: "bad001", number: "0612340001", displayName: "a\u0000b" }, 400, "8009"],
        ["a short password", { id: "bad001", number: "0612340001", password: "short" }, 400, "8107"],
        ["a common password", { id: "bad001", number: "0612340001", password: "password1" }, 400, "8107"],
        ["a full-width provisioning password", { id: "bad001", number: "0612340001", provisioningPassword: "プロビジョニング用パスワード" }, 400, "8107"],
        ["a number sent as a JSON number", { id: "bad001", number: 612340001 }, 400, "8009"],
        ["a duplicate id (demo001)", { id: "demo001", number: "0612340001" }, 409, "8125"],
        ["a duplicate number (osaka001's)", { id: "osaka999", number: "0612345678" }, 409, "8125"],
        ["a duplicate number written differently", { id: "osaka999", number: "06-1234-5678" }, 409, "8125"],
      ];
      for (const [what, body, status, code] of refusals) {
        test(`${what} answers ${status} ${code} and nothing is stored`, async () => {
          const before = await snapshot(db);
          const answer = await operator.post("/api/v1/enterprises/demo/subscribers", body);
          assert.equal(answer.status, status);
          assert.equal(codeOf(answer), code);
          await assertUnchanged(db, before);
        });
      }

      test("a number already used in another enterprise answers 409 8125", async () => {
        const before = await snapshot(db);
        const answer = await operator.post("/api/v1/enterprises/other/subscribers", { id: "other001", number: "0612345678" });
        assert.equal(answer.status, 409);
        assert.equal(codeOf(answer), "8125");
        await assertUnchanged(db, before);
      });

      test("an enterprise that doesn't exist answers 404 8016 and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await operator.post("/api/v1/enterprises/no-such-enterprise/subscribers", { id: "ghost001", number: "0612340002" });
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8016");
        await assertUnchanged(db, before);
      });
    });

    describe("create by customers", () => {
      for (const [who, client] of [
        ["the enterprise admin", () => demoAdmin],
        ["an end user", () => endUser],
      ] as const) {
        test(`${who} gets 403 8109 and nothing is stored`, async () => {
          const before = await snapshot(db);
          const answer = await client().post("/api/v1/enterprises/demo/subscribers", { id: "self001", number: "0612340003", password: userPassword });
          assert.equal(answer.status, 403);
          assert.equal(codeOf(answer), "8109");
          await assertUnchanged(db, before);
        });
      }

      test("not logged in: 401 8110 and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await new Client(server.url).post("/api/v1/enterprises/demo/subscribers", { id: "anon001", number: "0612340004" });
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8110");
        await assertUnchanged(db, before);
      });
    });

    describe("delete", () => {
      test("the enterprise admin gets 403 8109; another enterprise's admin 404 8016; nothing is removed", async () => {
        const before = await snapshot(db);
        const own = await demoAdmin.delete("/api/v1/enterprises/demo/subscribers/demo002");
        assert.equal(own.status, 403);
        assert.equal(codeOf(own), "8109");
        const foreign = await otherAdmin.delete("/api/v1/enterprises/demo/subscribers/demo002");
        assert.equal(foreign.status, 404);
        assert.equal(codeOf(foreign), "8016");
        const user = await endUser.delete("/api/v1/enterprises/demo/subscribers/demo001");
        assert.ok(user.status === 403 || user.status === 404, String(user.status));
        await assertUnchanged(db, before);
      });

      test("through another enterprise's path the operator gets 404 8049 and the subscriber stays", async () => {
        const before = await snapshot(db);
        const answer = await operator.delete("/api/v1/enterprises/other/subscribers/demo002");
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8049");
        await assertUnchanged(db, before);
      });

      test("the operator deletes: 204, then 404 8049 the second time; the number can't log in any more", async () => {
        const user = new Client(server.url);
        assert.equal((await user.login("osaka001", userPassword)).status, 200);
        const first = await operator.delete("/api/v1/enterprises/demo/subscribers/osaka001");
        assert.equal(first.status, 204);
        assert.equal(await stored("osaka001"), undefined);
        const second = await operator.delete("/api/v1/enterprises/demo/subscribers/osaka001");
        assert.equal(second.status, 404);
        assert.equal(codeOf(second), "8049");

        const session = await user.get("/api/v1/session");
        assert.equal(session.status, 401);
        assert.equal(codeOf(session), "8110");
        const login = await new Client(server.url).login("osaka001", userPassword);
        assert.equal(login.status, 401);
        assert.equal(codeOf(login), "8000");
      });

      test("the ID and the number of a deleted subscriber can be used again", async () => {
        const answer = await operator.post<Subscriber>("/api/v1/enterprises/demo/subscribers", { id: "osaka001", number: "0612345678" });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.passwordSet, false);
        // The old password is gone with the old subscriber.
        assert.equal(codeOf(await new Client(server.url).login("osaka001", userPassword)), "8000");
      });

      test("deleting in an enterprise that doesn't exist answers 404 8016", async () => {
        const answer = await operator.delete("/api/v1/enterprises/no-such-enterprise/subscribers/demo002");
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8016");
      });
    });
  });
}
