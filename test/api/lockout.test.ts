// Lockout after five failed logins (8001), its expiry, a burst of parallel attempts, and its scope.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const minute = 60_000;

for (const dialect of dialects()) {
  describe(`lockout (${dialect})`, () => {
    let server: TestServer;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
    });
    after(async () => {
      await server?.close();
    });

    const login = (loginId: string, password: string, enterpriseId?: string) => new Client(server.url).login(loginId, password, enterpriseId);

    test("five wrong passwords lock the ID: the right password then answers 423 8001, until 15 minutes have passed", async () => {
      for (let i = 1; i <= 5; i += 1) {
        const answer = await login("demo001", `Wrong-Password-${i}`);
        assert.equal(answer.status, 401, `attempt ${i}`);
        assert.equal(codeOf(answer), "8000", `attempt ${i}`);
      }
      const locked = await login("demo001", server.demo.subscriberPassword);
      assert.equal(locked.status, 423);
      assert.equal(codeOf(locked), "8001");
      // No session cookie for a locked ID.
      assert.equal(locked.headers.getSetCookie().some((c) => c.startsWith("centrex_session=")), false);

      server.clock.advance(14 * minute);
      assert.equal(codeOf(await login("demo001", server.demo.subscriberPassword)), "8001");

      server.clock.advance(minute + 1_000);
      const unlocked = await login("demo001", server.demo.subscriberPassword);
      assert.equal(unlocked.status, 200);
    });

    test("after the lock expires the count starts again from zero", async () => {
      // demo001 logged in successfully above: four wrong, the right one still works.
      for (let i = 1; i <= 4; i += 1) assert.equal(codeOf(await login("demo001", `Wrong-Password-${i}`)), "8000");
      assert.equal((await login("demo001", server.demo.subscriberPassword)).status, 200);
    });

    test("a successful login resets the count of failures", async () => {
      for (let i = 1; i <= 4; i += 1) assert.equal(codeOf(await login("demo002", `Wrong-Password-${i}`)), "8000");
      assert.equal((await login("demo002", server.demo.subscriberPassword)).status, 200);
      for (let i = 1; i <= 4; i += 1) assert.equal(codeOf(await login("demo002", `Wrong-Password-${i}`)), "8000");
      assert.equal((await login("demo002", server.demo.subscriberPassword)).status, 200);
    });

    test("100 parallel wrong attempts: at most 5 are checked (8000), the rest 8001, and the right password is then refused", async () => {
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => login("demo003", `Wrong-Password-${i}`)));
      const codes = answers.map(codeOf);
      const checked = codes.filter((c) => c === "8000").length;
      const locked = codes.filter((c) => c === "8001").length;
      assert.ok(checked <= 5, `${checked} attempts were checked`);
      assert.ok(checked >= 1, "the first attempts are checked");
      assert.equal(checked + locked, 100, JSON.stringify(codes));
      for (const answer of answers) assert.equal(answer.status, codeOf(answer) === "8000" ? 401 : 423);

      const right = await login("demo003", server.demo.subscriberPassword);
      assert.equal(right.status, 423);
      assert.equal(codeOf(right), "8001");
    });

    test("locking one ID doesn't lock another", async () => {
      // demo003 is locked now; its neighbours are not.
      assert.equal((await login("demo005", server.demo.subscriberPassword)).status, 200);
      assert.equal((await login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await login("operator", server.operatorPassword)).status, 200);
    });

    test("the same login ID in another enterprise has its own count", async () => {
      const operator = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      const created = await operator.post("/api/v1/enterprises", { id: "acme", name: "Acme", administratorPassword: "Acme-Admin-2026" });
      assert.equal(created.status, 201);
      for (let i = 1; i <= 5; i += 1) assert.equal(codeOf(await login("Administrator", `Wrong-Password-${i}`, "acme")), "8000");
      assert.equal(codeOf(await login("Administrator", "Acme-Admin-2026", "acme")), "8001");
      assert.equal((await login("Administrator", server.demo.adminPassword, "demo")).status, 200);
    });

    test("an unknown ID is locked the same way (the answer never tells whether an ID exists)", async () => {
      for (let i = 1; i <= 5; i += 1) assert.equal(codeOf(await login("nobody-here", `Wrong-Password-${i}`)), "8000");
      const sixth = await login("nobody-here", "Wrong-Password-6");
      assert.equal(sixth.status, 423);
      assert.equal(codeOf(sixth), "8001");
    });

    test("the operator account is locked too, and only its own login", async () => {
      for (let i = 1; i <= 5; i += 1) assert.equal(codeOf(await login("operator", `Wrong-Password-${i}`)), "8000");
      assert.equal(codeOf(await login("operator", server.operatorPassword)), "8001");
      assert.equal((await login("demo006", server.demo.subscriberPassword)).status, 200);
      server.clock.advance(15 * minute + 1_000);
      assert.equal((await login("operator", server.operatorPassword)).status, 200);
    });
  });
}
