// Logging in (the three kinds), the session cookie, rotation, timeouts, logout and the own password change.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client, codeOf, type Answer } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const minute = 60_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timed(run: () => Promise<Answer>): Promise<{ answer: Answer; ms: number }> {
  const start = performance.now();
  const answer = await run();
  return { answer, ms: performance.now() - start };
}

function sessionCookieOf(answer: Answer): string | undefined {
  return answer.headers.getSetCookie().find((c) => c.startsWith("centrex_session="));
}

for (const dialect of dialects()) {
  describe(`session: login, cookie, timeouts, logout, own password (${dialect})`, () => {
    let server: TestServer;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
    });
    after(async () => {
      await server?.close();
    });

    const client = () => new Client(server.url);

    describe("login of the three kinds", () => {
      test("an enterprise admin logs in with enterpriseId and GET /session returns the same account", async () => {
        const c = client();
        const login = await c.login("Administrator", server.demo.adminPassword, "demo");
        assert.equal(login.status, 200);
        const body = login.body as { account: Record<string, unknown>; csrfToken: string };
        assert.equal(body.account.loginId, "Administrator");
        assert.equal(body.account.role, "enterpriseAdmin");
        assert.equal(body.account.enterpriseId, "demo");
        assert.equal(body.account.subscriberId, undefined);
        assert.ok(typeof body.csrfToken === "string" && body.csrfToken.length >= 20);

        const me = await c.get<{ account: unknown; csrfToken: string }>("/api/v1/session");
        assert.equal(me.status, 200);
        assert.deepEqual(me.body.account, body.account);
        assert.equal(me.body.csrfToken, body.csrfToken);
      });

      test("the operator logs in without enterpriseId", async () => {
        const c = client();
        const login = await c.login("operator", server.operatorPassword);
        assert.equal(login.status, 200);
        const account = (login.body as { account: Record<string, unknown> }).account;
        assert.equal(account.loginId, "operator");
        assert.equal(account.role, "operator");
        assert.equal(account.enterpriseId, undefined);
        const me = await c.get<{ account: unknown }>("/api/v1/session");
        assert.equal(me.status, 200);
        assert.deepEqual(me.body.account, account);
      });

      test("an end user logs in with the subscriber ID, without enterpriseId", async () => {
        const c = client();
        const login = await c.login("demo001", server.demo.subscriberPassword);
        assert.equal(login.status, 200);
        const account = (login.body as { account: Record<string, unknown> }).account;
        assert.equal(account.loginId, "demo001");
        assert.equal(account.role, "subscriber");
        assert.equal(account.subscriberId, "demo001");
        assert.equal(account.enterpriseId, "demo");
        const me = await c.get<{ account: unknown }>("/api/v1/session");
        assert.equal(me.status, 200);
        assert.deepEqual(me.body.account, account);
      });

      test("the operator ID with an enterpriseId is not the operator", async () => {
        const answer = await client().login("operator", server.operatorPassword, "demo");
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8000");
      });

      test("passwords are case-sensitive", async () => {
        const answer = await client().login("Administrator", server.demo.adminPassword.toLowerCase(), "demo");
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8000");
      });

      test("GET /session without a cookie answers 401 8110", async () => {
        const answer = await client().get("/api/v1/session");
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8110");
      });

      test("a failed login sets no session cookie", async () => {
        const answer = await client().login("demo002", "Wrong-Password-1");
        assert.equal(answer.status, 401);
        assert.equal(sessionCookieOf(answer), undefined);
      });
    });

    describe("wrong credentials", () => {
      test("a wrong password answers 401 8000", async () => {
        const answer = await client().login("Administrator", "Not-The-Password-1", "demo");
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8000");
      });

      test("an unknown ID answers exactly like a wrong password (operator/end-user form and enterprise form)", async () => {
        const wrong = await client().login("demo003", "Not-The-Password-1");
        const unknown = await client().login("no-such-user", "Not-The-Password-1");
        assert.equal(wrong.status, 401);
        assert.equal(unknown.status, 401);
        assert.equal(codeOf(unknown), "8000");
        assert.equal(unknown.text, wrong.text);

        const wrongAdmin = await client().login("Administrator", "Not-The-Password-1", "demo");
        const unknownAdmin = await client().login("NoSuchAdmin", "Not-The-Password-1", "demo");
        const unknownEnterprise = await client().login("Administrator", "Not-The-Password-1", "no-such-enterprise");
        assert.equal(unknownAdmin.status, 401);
        assert.equal(unknownEnterprise.status, 401);
        assert.equal(unknownAdmin.text, wrongAdmin.text);
        assert.equal(unknownEnterprise.text, wrongAdmin.text);
        assert.equal(wrongAdmin.text, wrong.text);
      });

      test("an unknown ID takes about as long as a wrong password (its password is hashed too)", async () => {
        // Warm both paths once, then the median of five tries each (distinct IDs, so no lockout is reached).
        await client().login("demo004", "Not-The-Password-0");
        await client().login("ghost-warm", "Not-The-Password-0");
        const wrong: number[] = [];
        const unknown: number[] = [];
        for (let i = 0; i < 4; i += 1) {
          const w = await timed(() => client().login("demo004", `Not-The-Password-${i + 1}`));
          assert.equal(codeOf(w.answer), "8000");
          wrong.push(w.ms);
          const u = await timed(() => client().login(`ghost-${i}`, `Not-The-Password-${i + 1}`));
          assert.equal(codeOf(u.answer), "8000");
          unknown.push(u.ms);
        }
        const w = await timed(() => client().login("demo005", "Not-The-Password-9"));
        wrong.push(w.ms);
        const u = await timed(() => client().login("ghost-9", "Not-The-Password-9"));
        unknown.push(u.ms);
        const ratio = median(unknown) / median(wrong);
        assert.ok(ratio > 1 / 3 && ratio < 3, `median unknown ${median(unknown).toFixed(1)} ms vs wrong ${median(wrong).toFixed(1)} ms`);
      });

      test("empty loginId or password answers 400 8008", async () => {
        for (const body of [
          { loginId: "", password: "Some-Password-1" },
          { loginId: "operator", password: "" },
          { enterpriseId: "demo", loginId: "", password: "Some-Password-1" },
          { password: "Some-Password-1" },
          { loginId: "operator" },
        ]) {
          const answer = await client().post("/api/v1/session", body);
          assert.equal(answer.status, 400, JSON.stringify(body));
          assert.equal(codeOf(answer), "8008", JSON.stringify(body));
        }
      });
    });

    describe("the session cookie", () => {
      test("is HttpOnly, SameSite=Strict, for the whole site, and not Secure over plain http", async () => {
        const answer = await client().login("operator", server.operatorPassword);
        const cookie = sessionCookieOf(answer);
        assert.ok(cookie !== undefined, "a session cookie is set");
        const attributes = cookie.split(";").map((a) => a.trim().toLowerCase());
        assert.ok(attributes.includes("httponly"), cookie);
        assert.ok(attributes.includes("samesite=strict"), cookie);
        assert.ok(attributes.includes("path=/"), cookie);
        assert.ok(!attributes.includes("secure"), cookie);
        // The cookie value is a long random secret, not something guessable.
        assert.ok((cookie.split(";")[0] ?? "").length > "centrex_session=".length + 30);
      });

      test("the value changes at every login and the cookie from before a re-login stops working", async () => {
        const c = client();
        assert.equal((await c.login("demo006", server.demo.subscriberPassword)).status, 200);
        const first = c.cookie;
        const firstCsrf = c.csrfToken;
        assert.ok(first !== undefined);
        assert.equal((await c.login("demo006", server.demo.subscriberPassword)).status, 200);
        const second = c.cookie;
        assert.ok(second !== undefined);
        assert.notEqual(second, first);
        assert.notEqual(c.csrfToken, firstCsrf);
        assert.equal((await c.get("/api/v1/session")).status, 200);

        const old = new Client(server.url);
        old.cookie = first;
        const replay = await old.get("/api/v1/session");
        assert.equal(replay.status, 401);
        assert.equal(codeOf(replay), "8110");
      });

      test("a session id planted before login is never adopted", async () => {
        const c = client();
        c.cookie = "centrex_session=planted-by-someone-else";
        assert.equal((await c.login("demo006", server.demo.subscriberPassword)).status, 200);
        assert.notEqual(c.cookie, "centrex_session=planted-by-someone-else");
        const planted = new Client(server.url);
        planted.cookie = "centrex_session=planted-by-someone-else";
        assert.equal(codeOf(await planted.get("/api/v1/session")), "8110");
      });

      test("a made-up cookie answers 401 8110", async () => {
        const c = client();
        c.cookie = "centrex_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        const answer = await c.get("/api/v1/session");
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8110");
      });
    });

    describe("timeouts", () => {
      test("after 31 idle minutes the session is over (401 8110)", async () => {
        const c = client();
        assert.equal((await c.login("demo007", server.demo.subscriberPassword)).status, 200);
        server.clock.advance(31 * minute);
        const answer = await c.get("/api/v1/session");
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8110");
        // And it stays over even if the clock is not moved again.
        assert.equal(codeOf(await c.get("/api/v1/notices")), "8110");
      });

      test("activity keeps it alive: 20 min, a request, 20 min → still logged in", async () => {
        const c = client();
        assert.equal((await c.login("demo007", server.demo.subscriberPassword)).status, 200);
        server.clock.advance(20 * minute);
        assert.equal((await c.get("/api/v1/session")).status, 200);
        server.clock.advance(20 * minute);
        assert.equal((await c.get("/api/v1/session")).status, 200);
      });

      test("an active session still ends 12 h after login (absolute timeout)", async () => {
        const c = client();
        assert.equal((await c.login("demo008", server.demo.subscriberPassword)).status, 200);
        // Active every 20 minutes for 11 h 40 min: never idle, still inside 12 h.
        for (let elapsed = 20; elapsed <= 700; elapsed += 20) {
          server.clock.advance(20 * minute);
          const answer = await c.get("/api/v1/session");
          assert.equal(answer.status, 200, `after ${elapsed} min`);
        }
        // 12 h 1 min after login, 21 min after the last request (not idle): over.
        server.clock.advance(21 * minute);
        const answer = await c.get("/api/v1/session");
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8110");
      });

      test("after the absolute timeout, logging in again works", async () => {
        const c = client();
        assert.equal((await c.login("demo008", server.demo.subscriberPassword)).status, 200);
        assert.equal((await c.get("/api/v1/session")).status, 200);
      });
    });

    describe("logout", () => {
      test("DELETE /session answers 204, ends the session on the server, and the old cookie is refused", async () => {
        const c = client();
        assert.equal((await c.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
        const cookie = c.cookie;
        const logout = await c.delete("/api/v1/session");
        assert.equal(logout.status, 204);
        const cleared = sessionCookieOf(logout);
        assert.ok(cleared !== undefined, "the cookie is cleared in the browser too");

        const replay = new Client(server.url);
        replay.cookie = cookie;
        replay.csrfToken = c.csrfToken;
        const me = await replay.get("/api/v1/session");
        assert.equal(me.status, 401);
        assert.equal(codeOf(me), "8110");
        const write = await replay.put("/api/v1/enterprises/demo/bulletin", { text: "after logout" });
        assert.equal(write.status, 401);
        assert.equal(codeOf(write), "8110");
        const stored = await server.testStore.store.db.selectFrom("enterprises").select("bulletin_text").where("id", "=", "demo").executeTakeFirstOrThrow();
        assert.notEqual(stored.bulletin_text, "after logout");
      });

      test("logout without the CSRF header is refused (403 8109) and the session lives on", async () => {
        const c = client();
        assert.equal((await c.login("demo009", server.demo.subscriberPassword)).status, 200);
        const answer = await c.delete("/api/v1/session", { "x-csrf-token": "" });
        assert.equal(answer.status, 403);
        assert.equal(codeOf(answer), "8109");
        assert.equal((await c.get("/api/v1/session")).status, 200);
      });

      test("logout when not logged in answers 401 8110", async () => {
        const answer = await client().delete("/api/v1/session");
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8110");
      });
    });

    describe("own password change", () => {
      const user = "demo011";
      const oldPassword = () => server.demo.subscriberPassword;
      const newPassword = "Fresh-Secret-2026";

      async function storedHash(): Promise<string | null> {
        const row = await server.testStore.store.db.selectFrom("subscribers").select("password_hash").where("id", "=", user).executeTakeFirstOrThrow();
        return row.password_hash;
      }

      test("refusals: 8108 wrong current, 8105 mismatch, 8107 format or common; nothing changes", async () => {
        const c = client();
        assert.equal((await c.login(user, oldPassword())).status, 200);
        const hashBefore = await storedHash();
        const cases: [Record<string, string>, string][] = [
          [{ currentPassword: "Not-The-Password-1", newPassword, newPasswordConfirm: newPassword }, "8108"],
          [{ currentPassword: oldPassword(), newPassword, newPasswordConfirm: `${newPassword}x` }, "8105"],
          [{ currentPassword: oldPassword(), newPassword: "Ab1-xyz", newPasswordConfirm: "Ab1-xyz" }, "8107"],
          [{ currentPassword: oldPassword(), newPassword: "A".repeat(16) + "b".repeat(17), newPasswordConfirm: "A".repeat(16) + "b".repeat(17) }, "8107"],
          [{ currentPassword: oldPassword(), newPassword: "パスワード-Secret-1", newPasswordConfirm: "パスワード-Secret-1" }, "8107"],
          [{ currentPassword: oldPassword(), newPassword: "Fresh Secret 2026", newPasswordConfirm: "Fresh Secret 2026" }, "8107"],
          [{ currentPassword: oldPassword(), newPassword: "password1", newPasswordConfirm: "password1" }, "8107"],
        ];
        for (const [body, code] of cases) {
          const answer = await c.put("/api/v1/session/password", body);
          assert.equal(answer.status, 400, `${code} ${JSON.stringify(body)}`);
          assert.equal(codeOf(answer), code, JSON.stringify(body));
        }
        assert.equal(await storedHash(), hashBefore);
        // The old password still works.
        assert.equal((await client().login(user, oldPassword())).status, 200);
      });

      test("32 characters are allowed, 8 too (the limits themselves)", async () => {
        const c = client();
        assert.equal((await c.login("demo012", server.demo.subscriberPassword)).status, 200);
        const longest = "Aa1-".repeat(8);
        assert.equal(longest.length, 32);
        const first = await c.put("/api/v1/session/password", { currentPassword: server.demo.subscriberPassword, newPassword: longest, newPasswordConfirm: longest });
        assert.equal(first.status, 204);
        const shortest = "Zq7-Wx9!";
        const second = await c.put("/api/v1/session/password", { currentPassword: longest, newPassword: shortest, newPasswordConfirm: shortest });
        assert.equal(second.status, 204);
        assert.equal((await client().login("demo012", shortest)).status, 200);
      });

      test("success: the new password logs in, the old one doesn't, and other sessions of the login end", async () => {
        const c = client();
        const other = client();
        assert.equal((await c.login(user, oldPassword())).status, 200);
        assert.equal((await other.login(user, oldPassword())).status, 200);
        const bystander = client();
        assert.equal((await bystander.login("demo013", server.demo.subscriberPassword)).status, 200);

        const answer = await c.put("/api/v1/session/password", { currentPassword: oldPassword(), newPassword, newPasswordConfirm: newPassword });
        assert.equal(answer.status, 204);

        // The session that changed it goes on; the other session of the same login is over.
        assert.equal((await c.get("/api/v1/session")).status, 200);
        const ended = await other.get("/api/v1/session");
        assert.equal(ended.status, 401);
        assert.equal(codeOf(ended), "8110");
        // Another user's session is not touched.
        assert.equal((await bystander.get("/api/v1/session")).status, 200);

        const withOld = await client().login(user, oldPassword());
        assert.equal(withOld.status, 401);
        assert.equal(codeOf(withOld), "8000");
        assert.equal((await client().login(user, newPassword)).status, 200);
      });

      test("an enterprise admin changes its own password", async () => {
        const c = client();
        assert.equal((await c.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
        const wrong = await c.put("/api/v1/session/password", { currentPassword: "Not-The-Password-1", newPassword, newPasswordConfirm: newPassword });
        assert.equal(codeOf(wrong), "8108");
        const ok = await c.put("/api/v1/session/password", { currentPassword: server.demo.adminPassword, newPassword, newPasswordConfirm: newPassword });
        assert.equal(ok.status, 204);
        assert.equal(codeOf(await client().login("Administrator", server.demo.adminPassword, "demo")), "8000");
        assert.equal((await client().login("Administrator", newPassword, "demo")).status, 200);
        // Put it back for whoever comes next.
        const back = await c.put("/api/v1/session/password", { currentPassword: newPassword, newPasswordConfirm: server.demo.adminPassword, newPassword: server.demo.adminPassword });
        assert.equal(back.status, 204);
      });

      test("not logged in: 401 8110", async () => {
        const answer = await client().put("/api/v1/session/password", { currentPassword: "x", newPassword, newPasswordConfirm: newPassword });
        assert.equal(answer.status, 401);
        assert.equal(codeOf(answer), "8110");
      });
    });
  });
}
