// Login accounts (ログインアカウント): search, create (8106, 8112, 8105, 8107), change, password, delete (8104, 8122), sessions, roles and tenancy.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { assertUnchanged, snapshot } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";




interface Account {
  enterpriseId: string;
  loginId: string;
  role: "enterpriseAdmin" | "groupAdmin";
  adminGroupId: number | null;
  adminGroupName: string | null;
  memo: string;
  builtIn: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface List<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

interface SessionAnswer {
  account: { loginId: string; role: string; enterpriseId?: string; adminGroupIds?: number[] };
}

const base = "/api/v1/enterprises/demo/accounts";
const url = (loginId: string) => `${base}/${encodeURIComponent(loginId)}`;
const password = "Account-Pass-2026";
const otherPassword = "Other-Admin-2026";

function newAccount(fields: Record<string, unknown>): Record<string, unknown> {
  return { password, passwordConfirm: password, ...fields };
}

for (const dialect of dialects()) {
  describe(`login accounts (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let demoAdmin: Client;
    let endUser: Client;
    let otherAdmin: Client;
    let sales: number;
    let support: number;
    let otherGroup: number;

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
      assert.equal((await operator.post("/api/v1/enterprises", { id: "other", name: "Other", administratorPassword: otherPassword })).status, 201);
      assert.equal((await otherAdmin.login("Administrator", otherPassword, "other")).status, 200);
      sales = (await demoAdmin.post<{ id: number }>("/api/v1/enterprises/demo/admin-groups", { name: "営業" })).body.id;
      support = (await demoAdmin.post<{ id: number }>("/api/v1/enterprises/demo/admin-groups", { name: "サポート" })).body.id;
      otherGroup = (await otherAdmin.post<{ id: number }>("/api/v1/enterprises/other/admin-groups", { name: "Other group" })).body.id;
    });
    after(async () => {
      await server?.close();
    });

    const stored = (loginId: string, enterpriseId = "demo") =>
      db.selectFrom("accounts").selectAll().where("enterprise_id", "=", enterpriseId).where("login_id", "=", loginId).executeTakeFirst();
    const loginAs = async (loginId: string, secret: string, enterpriseId = "demo") => {
      const client = new Client(server.url);
      const answer = await client.login(loginId, secret, enterpriseId);
      return { client, answer };
    };

    describe("the built-in Administrator", () => {
      test("is listed as a built-in enterprise admin, without any password or hash", async () => {
        const answer = await demoAdmin.get<List<Account>>(base);
        assert.equal(answer.status, 200);
        const admin = answer.body.items.find((a) => a.loginId === "Administrator");
        assert.ok(admin !== undefined);
        assert.equal(admin.role, "enterpriseAdmin");
        assert.equal(admin.builtIn, true);
        assert.equal(admin.adminGroupId, null);
        assert.ok(!/password|hash|scrypt/i.test(answer.text), answer.text);
      });

      test("can't be renamed: 403 8104 and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await demoAdmin.patch(url("Administrator"), { loginId: "Boss" });
        assert.equal(answer.status, 403);
        assert.equal(codeOf(answer), "8104");
        await assertUnchanged(db, before);
      });

      test("can't be deleted: 403 8104 and nothing is removed, also for the operator", async () => {
        const before = await snapshot(db);
        for (const client of [demoAdmin, operator]) {
          const answer = await client.delete(url("Administrator"));
          assert.equal(answer.status, 403);
          assert.equal(codeOf(answer), "8104");
        }
        await assertUnchanged(db, before);
      });

      test("its memo can be changed", async () => {
        const answer = await demoAdmin.patch<Account>(url("Administrator"), { memo: "標準の企業管理者" });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.memo, "標準の企業管理者");
        assert.equal(answer.body.loginId, "Administrator");
      });
    });

    describe("create", () => {
      test("an enterprise admin: 201 without secrets, it logs in, and the creation is audited without the password", async () => {
        const answer = await demoAdmin.post<Account>(base, newAccount({ loginId: "sub-admin", role: "enterpriseAdmin", memo: "副管理者" }));
        assert.equal(answer.status, 201);
        assert.equal(answer.body.loginId, "sub-admin");
        assert.equal(answer.body.role, "enterpriseAdmin");
        assert.equal(answer.body.adminGroupId, null);
        assert.equal(answer.body.memo, "副管理者");
        assert.equal(answer.body.builtIn, false);
        assert.equal(answer.body.enterpriseId, "demo");
        assert.ok(answer.headers.get("etag"));
        assert.ok(!answer.text.includes(password));
        assert.ok(!/hash|scrypt/i.test(answer.text));

        const { answer: login } = await loginAs("sub-admin", password);
        assert.equal(login.status, 200);
        assert.equal((login.body as SessionAnswer).account.role, "enterpriseAdmin");

        const row = await stored("sub-admin");
        assert.ok(row !== undefined && row.password_hash.startsWith("scrypt$") && !row.password_hash.includes(password));
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "account.create").where("target_id", "=", "sub-admin").executeTakeFirst();
        assert.ok(event !== undefined);
        assert.ok(!(event.after ?? "").includes(password));
        assert.ok(!(event.after ?? "").includes("scrypt"));
      });

      test("a group admin logs in with enterpriseId + loginId and its session lists its admin group", async () => {
        const answer = await demoAdmin.post<Account>(base, newAccount({ loginId: "sales-lead", role: "groupAdmin", adminGroupId: sales }));
        assert.equal(answer.status, 201);
        assert.equal(answer.body.role, "groupAdmin");
        assert.equal(answer.body.adminGroupId, sales);
        assert.equal(answer.body.adminGroupName, "営業");

        const { client, answer: login } = await loginAs("sales-lead", password);
        assert.equal(login.status, 200);
        const account = (login.body as SessionAnswer).account;
        assert.equal(account.role, "groupAdmin");
        assert.equal(account.enterpriseId, "demo");
        assert.deepEqual(account.adminGroupIds, [sales]);
        const me = await client.get<SessionAnswer>("/api/v1/session");
        assert.deepEqual(me.body.account.adminGroupIds, [sales]);
        // Without the enterprise ID it is not found: enterprise accounts are named by both.
        assert.equal(codeOf(await new Client(server.url).login("sales-lead", password)), "8000");
      });

      test("the operator creates accounts in any enterprise", async () => {
        const answer = await operator.post<Account>("/api/v1/enterprises/other/accounts", newAccount({ loginId: "by-operator", role: "enterpriseAdmin" }));
        assert.equal(answer.status, 201);
        assert.equal(answer.body.enterpriseId, "other");
        assert.equal((await loginAs("by-operator", password, "other")).answer.status, 200);
      });

      test("a login ID of 32 half-width letters, digits and symbols is accepted, and its URL works", async () => {
        const loginId = "a.b-c_d@e+f/g%h?i#j~k!l$m&n*o=p:";
        assert.equal(loginId.length, 32);
        const answer = await demoAdmin.post<Account>(base, newAccount({ loginId, role: "enterpriseAdmin" }));
        assert.equal(answer.status, 201);
        const read = await demoAdmin.get<Account>(url(loginId));
        assert.equal(read.status, 200);
        assert.equal(read.body.loginId, loginId);
        assert.equal((await loginAs(loginId, password)).answer.status, 200);
        assert.equal((await demoAdmin.delete(url(loginId))).status, 204);
      });

      test("a login ID already in the enterprise answers 409 8112 and nothing is stored", async () => {
        const before = await snapshot(db);
        for (const loginId of ["sub-admin", "Administrator"]) {
          const answer = await demoAdmin.post(base, newAccount({ loginId, role: "enterpriseAdmin" }));
          assert.equal(answer.status, 409, loginId);
          assert.equal(codeOf(answer), "8112", loginId);
        }
        await assertUnchanged(db, before);
        // The first account's password is untouched.
        assert.equal((await loginAs("sub-admin", password)).answer.status, 200);
      });

      test("the same login ID in another enterprise is fine", async () => {
        const answer = await otherAdmin.post<Account>("/api/v1/enterprises/other/accounts", newAccount({ loginId: "sub-admin", role: "enterpriseAdmin" }));
        assert.equal(answer.status, 201);
      });

      const refusals: [string, () => unknown, number, string][] = [
        ["a missing loginId", () => newAccount({ role: "enterpriseAdmin" }), 400, "8008"],
        ["an empty loginId", () => newAccount({ loginId: "", role: "enterpriseAdmin" }), 400, "8008"],
        ["a loginId of 33 characters", () => newAccount({ loginId: "a".repeat(33), role: "enterpriseAdmin" }), 400, "8106"],
        ["a loginId far too long for the schema", () => newAccount({ loginId: "a".repeat(500), role: "enterpriseAdmin" }), 400, "8009"],
        ["a loginId with full-width characters", () => newAccount({ loginId: "管理者", role: "enterpriseAdmin" }), 400, "8106"],
        ["a loginId with a space", () => newAccount({ loginId: "sub admin", role: "enterpriseAdmin" }), 400, "8106"],
        ["a loginId with a control character", () => newAccount({ loginId: "sub\u0007admin", role: "enterpriseAdmin" }), 400, "8106"],
        ["a loginId with NUL (refused before anything else)", () => newAccount({ loginId: "sub\u0000admin", role: "enterpriseAdmin" }), 400, "8009"],
        ["a number as the loginId", () => newAccount({ loginId: 42, role: "enterpriseAdmin" }), 400, "8009"],
        ["a missing role", () => newAccount({ loginId: "norole" }), 400, "8008"],
        ["an unknown role", () => newAccount({ loginId: "oprole", role: "operator" }), 400, "8009"],
        ["a group admin without a group", () => newAccount({ loginId: "nogroup", role: "groupAdmin" }), 400, "8008"],
        ["a group admin with a null group", () => newAccount({ loginId: "nullgroup", role: "groupAdmin", adminGroupId: null }), 400, "8008"],
        ["a group admin with a group ID that is text", () => newAccount({ loginId: "textgroup", role: "groupAdmin", adminGroupId: "1" }), 400, "8009"],
        ["a group admin with a group that doesn't exist", () => newAccount({ loginId: "ghostgroup", role: "groupAdmin", adminGroupId: 999999 }), 404, "8126"],
        ["a group admin with another enterprise's group", () => newAccount({ loginId: "foreigngroup", role: "groupAdmin", adminGroupId: otherGroup }), 404, "8126"],
        ["an enterprise admin with a group", () => newAccount({ loginId: "entgroup", role: "enterpriseAdmin", adminGroupId: sales }), 400, "8009"],
        ["a missing password", () => ({ loginId: "nopass", role: "enterpriseAdmin", passwordConfirm: password }), 400, "8008"],
        ["an empty password", () => newAccount({ loginId: "emptypass", role: "enterpriseAdmin", password: "", passwordConfirm: "" }), 400, "8008"],
        ["a missing confirmation", () => ({ loginId: "noconfirm", role: "enterpriseAdmin", password }), 400, "8008"],
        ["a password of 7 characters", () => newAccount({ loginId: "shortpass", role: "enterpriseAdmin", password: "Ab1#xyz", passwordConfirm: "Ab1#xyz" }), 400, "8107"],
        ["a password of 33 characters", () => newAccount({ loginId: "longpass", role: "enterpriseAdmin", password: "Ab1#xyz9".repeat(4) + "Q", passwordConfirm: "Ab1#xyz9".repeat(4) + "Q" }), 400, "8107"],
        ["a full-width password", () => newAccount({ loginId: "widepass", role: "enterpriseAdmin", password: "パスワード１２３４", passwordConfirm: "パスワード１２３４" }), 400, "8107"],
        ["a common password", () => newAccount({ loginId: "commonpass", role: "enterpriseAdmin", password: "password123", passwordConfirm: "password123" }), 400, "8107"],
        ["a confirmation that differs", () => newAccount({ loginId: "mismatch", role: "enterpriseAdmin", passwordConfirm: `${password}x` }), 400, "8105"],
        ["a number as the password", () => newAccount({ loginId: "numpass", role: "enterpriseAdmin", password: 12345678, passwordConfirm: 12345678 }), 400, "8009"],
        ["a memo of 257 characters", () => newAccount({ loginId: "longmemo", role: "enterpriseAdmin", memo: "m".repeat(257) }), 400, "8009"],
        ["a memo with a control character", () => newAccount({ loginId: "ctlmemo", role: "enterpriseAdmin", memo: "a\u0007b" }), 400, "8009"],
        ["a memo that is not text", () => newAccount({ loginId: "nummemo", role: "enterpriseAdmin", memo: 1 }), 400, "8009"],
      ];
      for (const [what, body, status, code] of refusals) {
        test(`${what} answers ${status} ${code} and nothing is stored`, async () => {
          const before = await snapshot(db);
          const answer = await demoAdmin.post(base, body());
          assert.equal(answer.status, status);
          assert.equal(codeOf(answer), code);
          await assertUnchanged(db, before);
        });
      }

      test("a memo of 256 characters is accepted", async () => {
        const answer = await demoAdmin.post<Account>(base, newAccount({ loginId: "fullmemo", role: "enterpriseAdmin", memo: "備".repeat(256) }));
        assert.equal(answer.status, 201);
        assert.equal(answer.body.memo.length, 256);
      });

      test("an enterprise that doesn't exist answers 404 8016 to the operator and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await operator.post("/api/v1/enterprises/no-such-enterprise/accounts", newAccount({ loginId: "ghost", role: "enterpriseAdmin" }));
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8016");
        await assertUnchanged(db, before);
      });
    });

    describe("search", () => {
      before(async () => {
        for (const [loginId, role, adminGroupId] of [
          ["find-a", "groupAdmin", sales],
          ["find-b", "groupAdmin", support],
          ["find_c", "enterpriseAdmin", null],
        ] as const) {
          assert.equal((await demoAdmin.post(base, newAccount({ loginId, role, adminGroupId }))).status, 201);
        }
      });

      const loginIds = (answer: { body: List<Account> }) => answer.body.items.map((a) => a.loginId);

      test("by role: 企業 (enterpriseAdmin) or グループ (groupAdmin), and by group", async () => {
        const enterprise = await demoAdmin.get<List<Account>>(`${base}?role=enterpriseAdmin`);
        assert.ok(enterprise.body.items.every((a) => a.role === "enterpriseAdmin"));
        assert.ok(loginIds(enterprise).includes("Administrator") && loginIds(enterprise).includes("find_c"));
        const group = await demoAdmin.get<List<Account>>(`${base}?role=groupAdmin`);
        assert.ok(group.body.items.every((a) => a.role === "groupAdmin"));
        assert.ok(loginIds(group).includes("find-a") && loginIds(group).includes("find-b"));
        assert.deepEqual(loginIds(await demoAdmin.get<List<Account>>(`${base}?role=groupAdmin&adminGroupId=${support}`)), ["find-b"]);
        const inSales = await demoAdmin.get<List<Account>>(`${base}?role=groupAdmin&adminGroupId=${sales}`);
        assert.ok(inSales.body.items.every((a) => a.adminGroupId === sales && a.adminGroupName === "営業"));
      });

      test("by login ID: prefix (default), exact, partial and a leading %", async () => {
        assert.deepEqual(loginIds(await demoAdmin.get<List<Account>>(`${base}?q=find-`)), ["find-a", "find-b"]);
        assert.deepEqual(loginIds(await demoAdmin.get<List<Account>>(`${base}?q=find_`)), ["find_c"]);
        assert.deepEqual(loginIds(await demoAdmin.get<List<Account>>(`${base}?q=find&match=exact`)), []);
        assert.deepEqual(loginIds(await demoAdmin.get<List<Account>>(`${base}?q=ind-b&match=partial`)), ["find-b"]);
        assert.deepEqual(loginIds(await demoAdmin.get<List<Account>>(`${base}?q=${encodeURIComponent("%ind-a")}`)), ["find-a"]);
        assert.deepEqual(loginIds(await demoAdmin.get<List<Account>>(`${base}?q=find&role=enterpriseAdmin`)), ["find_c"]);
      });

      test("paging and sorting", async () => {
        const page = await demoAdmin.get<List<Account>>(`${base}?q=find&sort=loginId&order=desc&offset=1&limit=1`);
        assert.equal(page.body.total, 3);
        assert.deepEqual(loginIds(page), ["find-b"]);
      });

      test("only the enterprise's own accounts are listed", async () => {
        const answer = await demoAdmin.get<List<Account>>(`${base}?limit=500`);
        assert.ok(answer.body.items.every((a) => a.enterpriseId === "demo"));
        assert.ok(!loginIds(answer).includes("by-operator"));
      });

      test("bad search parameters answer 400 8009", async () => {
        for (const query of ["role=operator", "adminGroupId=x", "sort=password", "limit=501"]) {
          const answer = await demoAdmin.get(`${base}?${query}`);
          assert.equal(answer.status, 400, query);
          assert.equal(codeOf(answer), "8009", query);
        }
      });
    });

    describe("read and change", () => {
      before(async () => {
        assert.equal((await demoAdmin.post(base, newAccount({ loginId: "changer", role: "groupAdmin", adminGroupId: sales }))).status, 201);
      });

      test("GET answers the account with an ETag; an unknown login ID answers 404 8126", async () => {
        const answer = await demoAdmin.get<Account>(url("changer"));
        assert.equal(answer.status, 200);
        assert.equal(answer.headers.get("etag"), `"${answer.body.version}"`);
        assert.ok(!/password|hash/i.test(answer.text));
        const missing = await demoAdmin.get(url("nobody"));
        assert.equal(missing.status, 404);
        assert.equal(codeOf(missing), "8126");
      });

      test("login IDs are case-sensitive", async () => {
        const answer = await demoAdmin.get(url("CHANGER"));
        assert.equal(answer.status, 404);
      });

      test("PATCH memo and group; the group admin's session follows the new group", async () => {
        const { client } = await loginAs("changer", password);
        const answer = await demoAdmin.patch<Account>(url("changer"), { memo: "営業→サポート", adminGroupId: support });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.memo, "営業→サポート");
        assert.equal(answer.body.adminGroupId, support);
        assert.equal(answer.body.adminGroupName, "サポート");
        const me = await client.get<SessionAnswer>("/api/v1/session");
        assert.deepEqual(me.body.account.adminGroupIds, [support]);
      });

      test("PATCH with the current ETag succeeds; with a stale one answers 409 8111 and nothing is stored", async () => {
        const current = await demoAdmin.get<Account>(url("changer"));
        const etag = current.headers.get("etag") ?? "";
        const ok = await demoAdmin.patch<Account>(url("changer"), { memo: "v-next" }, { "if-match": etag });
        assert.equal(ok.status, 200);
        assert.equal(ok.body.version, current.body.version + 1);
        const before = await snapshot(db);
        const stale = await demoAdmin.patch(url("changer"), { memo: "stale" }, { "if-match": etag });
        assert.equal(stale.status, 409);
        assert.equal(codeOf(stale), "8111");
        await assertUnchanged(db, before);
      });

      const refusals: [string, string, () => unknown, number, string][] = [
        ["a group admin's group cleared", "changer", () => ({ adminGroupId: null }), 400, "8008"],
        ["a group that doesn't exist", "changer", () => ({ adminGroupId: 999999 }), 404, "8126"],
        ["another enterprise's group", "changer", () => ({ adminGroupId: otherGroup }), 404, "8126"],
        ["a group ID that is text", "changer", () => ({ adminGroupId: String(sales) }), 400, "8009"],
        ["a group for an enterprise admin", "sub-admin", () => ({ adminGroupId: sales }), 400, "8009"],
        ["a login ID of 33 characters", "changer", () => ({ loginId: "c".repeat(33) }), 400, "8106"],
        ["an empty login ID", "changer", () => ({ loginId: "" }), 400, "8008"],
        ["a login ID with full-width characters", "changer", () => ({ loginId: "変更者" }), 400, "8106"],
        ["a number as the login ID", "changer", () => ({ loginId: 7 }), 400, "8009"],
        ["a login ID already used", "changer", () => ({ loginId: "sub-admin" }), 409, "8112"],
        ["a memo of 257 characters", "changer", () => ({ memo: "x".repeat(257) }), 400, "8009"],
        ["a memo with a control character", "changer", () => ({ memo: "\u001b[31m" }), 400, "8009"],
        ["a memo that is not text", "changer", () => ({ memo: ["x"] }), 400, "8009"],
      ];
      for (const [what, loginId, body, status, code] of refusals) {
        test(`PATCH with ${what} answers ${status} ${code} and nothing is stored`, async () => {
          const before = await snapshot(db);
          const answer = await demoAdmin.patch(url(loginId), body());
          assert.equal(answer.status, status);
          assert.equal(codeOf(answer), code);
          await assertUnchanged(db, before);
        });
      }

      test("PATCH of an account that doesn't exist answers 404 8126", async () => {
        const answer = await demoAdmin.patch(url("nobody"), { memo: "x" });
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8126");
      });

      test("rename: the new login ID logs in, the old one doesn't, and an open session follows the rename", async () => {
        const { client } = await loginAs("changer", password);
        const answer = await demoAdmin.patch<Account>(url("changer"), { loginId: "renamed" });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.loginId, "renamed");
        assert.equal((await demoAdmin.get(url("changer"))).status, 404);
        assert.equal((await demoAdmin.get(url("renamed"))).status, 200);
        assert.equal(codeOf((await loginAs("changer", password)).answer), "8000");
        assert.equal((await loginAs("renamed", password)).answer.status, 200);
        const me = await client.get<SessionAnswer>("/api/v1/session");
        assert.equal(me.status, 200);
        assert.equal(me.body.account.loginId, "renamed");
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "account.update").where("target_id", "=", "changer").orderBy("id", "desc").executeTakeFirst();
        assert.equal((JSON.parse(event?.after ?? "{}") as Account).loginId, "renamed");
      });
    });

    describe("password set by an administrator", () => {
      const newPassword = "Reset-Pass-2026";
      before(async () => {
        assert.equal((await demoAdmin.post(base, newAccount({ loginId: "forgetful", role: "groupAdmin", adminGroupId: sales }))).status, 201);
      });

      const refusals: [string, unknown, string][] = [
        ["a missing new password", { newPasswordConfirm: newPassword }, "8008"],
        ["a missing confirmation", { newPassword }, "8008"],
        ["an empty new password", { newPassword: "", newPasswordConfirm: "" }, "8008"],
        ["a password of 7 characters", { newPassword: "Ab1#xyz", newPasswordConfirm: "Ab1#xyz" }, "8107"],
        ["a password with a space", { newPassword: "Reset Pass 2026", newPasswordConfirm: "Reset Pass 2026" }, "8107"],
        ["a common password", { newPassword: "qwerty123", newPasswordConfirm: "qwerty123" }, "8107"],
        ["a confirmation that differs", { newPassword, newPasswordConfirm: "Reset-Pass-2027" }, "8105"],
        ["a number as the password", { newPassword: 123456789, newPasswordConfirm: 123456789 }, "8009"],
        ["a password far too long for the schema", { newPassword: "x".repeat(200), newPasswordConfirm: "x".repeat(200) }, "8009"],
      ];
      for (const [what, body, code] of refusals) {
        test(`${what} answers 400 ${code} and nothing is stored`, async () => {
          const before = await snapshot(db);
          const answer = await demoAdmin.put(`${url("forgetful")}/password`, body);
          assert.equal(answer.status, 400);
          assert.equal(codeOf(answer), code);
          await assertUnchanged(db, before);
        });
      }

      test("204: the new password works, the old one doesn't, and the account's open sessions end", async () => {
        const { client } = await loginAs("forgetful", password);
        const answer = await demoAdmin.put(`${url("forgetful")}/password`, { newPassword, newPasswordConfirm: newPassword });
        assert.equal(answer.status, 204);
        assert.equal(codeOf(await client.get("/api/v1/session")), "8110");
        assert.equal(codeOf((await loginAs("forgetful", password)).answer), "8000");
        assert.equal((await loginAs("forgetful", newPassword)).answer.status, 200);
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "account.password.set").where("target_id", "=", "forgetful").executeTakeFirst();
        assert.ok(event !== undefined);
        assert.ok(!(event.after ?? "").includes(newPassword));
      });

      test("another enterprise admin may set the built-in Administrator's password; the caller's own session stays", async () => {
        const { client: second } = await loginAs("sub-admin", password);
        const temporary = "Temporary-Admin-2026";
        assert.equal((await second.put(`${url("Administrator")}/password`, { newPassword: temporary, newPasswordConfirm: temporary })).status, 204);
        assert.equal(codeOf(await demoAdmin.get("/api/v1/session")), "8110");
        assert.equal((await second.get("/api/v1/session")).status, 200);
        assert.equal((await demoAdmin.login("Administrator", temporary, "demo")).status, 200);
        // Setting one's own password this way keeps one's sessions.
        const restore = { newPassword: server.demo.adminPassword, newPasswordConfirm: server.demo.adminPassword };
        assert.equal((await demoAdmin.put(`${url("Administrator")}/password`, restore)).status, 204);
        assert.equal((await demoAdmin.get("/api/v1/session")).status, 200);
      });

      test("an account that doesn't exist answers 404 8126", async () => {
        const answer = await demoAdmin.put(`${url("nobody")}/password`, { newPassword, newPasswordConfirm: newPassword });
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8126");
      });
    });

    describe("delete", () => {
      test("204: the account can't log in any more, its open sessions end, and the deletion is audited", async () => {
        assert.equal((await demoAdmin.post(base, newAccount({ loginId: "leaver", role: "groupAdmin", adminGroupId: sales }))).status, 201);
        const { client } = await loginAs("leaver", password);
        const id = (await stored("leaver"))?.id;
        assert.ok(id !== undefined);
        assert.equal((await db.selectFrom("sessions").select("id_hash").where("account_id", "=", id).execute()).length, 1);

        const answer = await demoAdmin.delete(url("leaver"));
        assert.equal(answer.status, 204);
        assert.equal(await stored("leaver"), undefined);
        assert.equal((await db.selectFrom("sessions").select("id_hash").where("account_id", "=", id).execute()).length, 0);
        assert.equal(codeOf(await client.get("/api/v1/session")), "8110");
        assert.equal(codeOf((await loginAs("leaver", password)).answer), "8000");
        const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "account.delete").where("target_id", "=", "leaver").executeTakeFirst();
        assert.equal((JSON.parse(event?.before ?? "{}") as Account).loginId, "leaver");

        const again = await demoAdmin.delete(url("leaver"));
        assert.equal(again.status, 404);
        assert.equal(codeOf(again), "8126");
      });

      test("the session row cascade: deleting an account row takes its sessions with it", async () => {
        assert.equal((await demoAdmin.post(base, newAccount({ loginId: "cascade", role: "enterpriseAdmin" }))).status, 201);
        await loginAs("cascade", password);
        await loginAs("cascade", password);
        const id = (await stored("cascade"))?.id ?? 0;
        assert.equal((await db.selectFrom("sessions").select("id_hash").where("account_id", "=", id).execute()).length, 2);
        await db.deleteFrom("accounts").where("id", "=", id).execute();
        assert.equal((await db.selectFrom("sessions").select("id_hash").where("account_id", "=", id).execute()).length, 0);
      });

      test("the last other enterprise admin can be deleted while the Administrator remains; the last enterprise admin can't (409 8122)", async () => {
        const firmPassword = "Firm-Admin-2026";
        assert.equal((await operator.post("/api/v1/enterprises", { id: "firm", name: "Firm", administratorPassword: firmPassword })).status, 201);
        const firm = "/api/v1/enterprises/firm/accounts";
        assert.equal((await operator.post(firm, newAccount({ loginId: "second", role: "enterpriseAdmin" }))).status, 201);
        // With the Administrator there, the other enterprise admin goes.
        assert.equal((await operator.delete(`${firm}/second`)).status, 204);

        // An enterprise whose built-in Administrator is gone (e.g. restored from an old backup): its last admin stays.
        assert.equal((await operator.post(firm, newAccount({ loginId: "third", role: "enterpriseAdmin" }))).status, 201);
        assert.equal((await operator.post(firm, newAccount({ loginId: "helper", role: "enterpriseAdmin" }))).status, 201);
        await db.deleteFrom("accounts").where("enterprise_id", "=", "firm").where("login_id", "=", "Administrator").execute();
        const { client: third } = await loginAs("third", password, "firm");
        assert.equal((await third.delete(`${firm}/helper`)).status, 204);

        const before = await snapshot(db);
        for (const client of [third, operator]) {
          const answer = await client.delete(`${firm}/third`);
          assert.equal(answer.status, 409);
          assert.equal(codeOf(answer), "8122");
          assert.deepEqual((answer.body as { error: { details: unknown } }).error.details, { reason: "lastEnterpriseAdmin" });
        }
        await assertUnchanged(db, before);

        // Group admins are not enterprise admins: they can always be deleted.
        const group = (await operator.post<{ id: number }>("/api/v1/enterprises/firm/admin-groups", { name: "g" })).body.id;
        assert.equal((await operator.post(firm, newAccount({ loginId: "grp", role: "groupAdmin", adminGroupId: group }))).status, 201);
        assert.equal((await third.delete(`${firm}/grp`)).status, 204);
      });

      test("an enterprise admin may delete its own account (not the last one); its session ends", async () => {
        assert.equal((await demoAdmin.post(base, newAccount({ loginId: "self-delete", role: "enterpriseAdmin" }))).status, 201);
        const { client } = await loginAs("self-delete", password);
        assert.equal((await client.delete(url("self-delete"))).status, 204);
        assert.equal(codeOf(await client.get("/api/v1/session")), "8110");
      });
    });

    describe("roles and tenancy", () => {
      let groupAdmin: Client;
      before(async () => {
        assert.equal((await demoAdmin.post(base, newAccount({ loginId: "limited", role: "groupAdmin", adminGroupId: sales }))).status, 201);
        groupAdmin = (await loginAs("limited", password)).client;
      });

      const attempts = [
        ["list", (c: Client) => c.get(base)],
        ["create", (c: Client) => c.post(base, newAccount({ loginId: "intruder", role: "enterpriseAdmin" }))],
        ["read", (c: Client) => c.get(url("sub-admin"))],
        ["change", (c: Client) => c.patch(url("sub-admin"), { memo: "changed" })],
        ["set a password", (c: Client) => c.put(`${url("sub-admin")}/password`, { newPassword: "Hijack-Pass-2026", newPasswordConfirm: "Hijack-Pass-2026" })],
        ["delete", (c: Client) => c.delete(url("sub-admin"))],
      ] as const;

      test("a group admin gets 403 8109 for everything, even for its own account, and nothing changes", async () => {
        const before = await snapshot(db);
        for (const [what, run] of attempts) {
          const answer = await run(groupAdmin);
          assert.equal(answer.status, 403, what);
          assert.equal(codeOf(answer), "8109", what);
        }
        assert.equal(codeOf(await groupAdmin.put(`${url("limited")}/password`, { newPassword: "Hijack-Pass-2026", newPasswordConfirm: "Hijack-Pass-2026" })), "8109");
        await assertUnchanged(db, before);
      });

      test("an end user gets 403 8109 for everything, and nothing changes", async () => {
        const before = await snapshot(db);
        for (const [what, run] of attempts) {
          const answer = await run(endUser);
          assert.equal(answer.status, 403, what);
          assert.equal(codeOf(answer), "8109", what);
        }
        await assertUnchanged(db, before);
      });

      test("another enterprise's admin gets 404 8016 for everything, and nothing changes", async () => {
        const before = await snapshot(db);
        for (const [what, run] of attempts) {
          const answer = await run(otherAdmin);
          assert.equal(answer.status, 404, what);
          assert.equal(codeOf(answer), "8016", what);
        }
        await assertUnchanged(db, before);
      });

      test("not logged in: 401 8110 for everything", async () => {
        const before = await snapshot(db);
        for (const [what, run] of attempts) {
          const answer = await run(new Client(server.url));
          assert.equal(answer.status, 401, what);
          assert.equal(codeOf(answer), "8110", what);
        }
        await assertUnchanged(db, before);
      });

      test("a change without the CSRF header answers 403 8109 and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await demoAdmin.delete(url("sub-admin"), { "x-csrf-token": "" });
        assert.equal(answer.status, 403);
        assert.equal(codeOf(answer), "8109");
        await assertUnchanged(db, before);
      });

      test("an enterprise admin's API token manages accounts like the admin", async () => {
        const created = await demoAdmin.post<{ token: string }>("/api/v1/api-tokens", { name: "accounts script", role: "enterpriseAdmin" });
        assert.equal(created.status, 201);
        const script = new Client(server.url);
        script.bearer = created.body.token;
        assert.equal((await script.get<List<Account>>(base)).status, 200);
        assert.equal((await script.get("/api/v1/enterprises/other/accounts")).status, 404);
      });
    });
  });
}
