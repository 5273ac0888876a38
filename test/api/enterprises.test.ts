// Enterprises (operators): create with the built-in Administrator, search, change the plan, concurrency, delete.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Db } from "../../src/store/database.ts";
import { Client, codeOf } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { assertUnchanged, snapshot } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

interface Enterprise {
  id: string;
  name: string;
  lineId1: string;
  lineId2: string;
  timeZone: string;
  services: Record<string, boolean>;
  selfService: Record<string, boolean>;
  version: number;
}

interface List<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

const password = "Acme-Admin-2026";

for (const dialect of dialects()) {
  describe(`enterprises (${dialect})`, () => {
    let server: TestServer;
    let db: Db;
    let operator: Client;
    let demoAdmin: Client;
    let endUser: Client;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      db = server.testStore.store.db;
      operator = new Client(server.url);
      demoAdmin = new Client(server.url);
      endUser = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await demoAdmin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      assert.equal((await endUser.login("demo001", server.demo.subscriberPassword)).status, 200);
    });
    after(async () => {
      await server?.close();
    });

    const ids = async () => (await db.selectFrom("enterprises").select("id").orderBy("id").execute()).map((r) => r.id);

    describe("create", () => {
      test("201 with the defaults of a new enterprise, and its Administrator can log in", async () => {
        const answer = await operator.post<Enterprise>("/api/v1/enterprises", { id: "acme", name: "Acme 株式会社", lineId1: "LINE-1", administratorPassword: password });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.id, "acme");
        assert.equal(answer.body.name, "Acme 株式会社");
        assert.equal(answer.body.lineId1, "LINE-1");
        assert.equal(answer.body.lineId2, "");
        assert.equal(answer.body.timeZone, "Asia/Tokyo");
        assert.deepEqual(answer.body.services, { forwarding: true, scheduleForwarding: true, voicemail: true, dynamicNumber: true, app: true });
        assert.deepEqual(answer.body.selfService, { anonymousRejection: true, withholdCallerId: false, internationalBlock: true, externalBlock: true });
        assert.ok(answer.headers.get("etag"));
        assert.ok(!answer.text.includes(password), "the password is never echoed");

        const admin = new Client(server.url);
        const login = await admin.login("Administrator", password, "acme");
        assert.equal(login.status, 200);
        const account = (login.body as { account: Record<string, unknown> }).account;
        assert.equal(account.role, "enterpriseAdmin");
        assert.equal(account.enterpriseId, "acme");
        const own = await admin.get<Enterprise>("/api/v1/enterprises/acme");
        assert.equal(own.status, 200);
        assert.equal(own.body.name, "Acme 株式会社");
      });

      test("a given time zone and partial plan are kept", async () => {
        const answer = await operator.post<Enterprise>("/api/v1/enterprises", {
          id: "acme-west",
          name: "Acme West",
          timeZone: "America/Los_Angeles",
          administratorPassword: password,
          services: { voicemail: false },
          selfService: { withholdCallerId: true },
        });
        assert.equal(answer.status, 201);
        assert.equal(answer.body.timeZone, "America/Los_Angeles");
        assert.equal(answer.body.services.voicemail, false);
        assert.equal(answer.body.services.forwarding, true);
        assert.equal(answer.body.selfService.withholdCallerId, true);
        assert.equal(answer.body.selfService.anonymousRejection, true);
      });

      test("a duplicate id answers 409 8124 and nothing is stored", async () => {
        const before = await snapshot(db);
        const answer = await operator.post("/api/v1/enterprises", { id: "acme", name: "Another Acme", administratorPassword: "Another-Pass-2026" });
        assert.equal(answer.status, 409);
        assert.equal(codeOf(answer), "8124");
        await assertUnchanged(db, before);
        // The first Administrator's password is untouched.
        assert.equal((await new Client(server.url).login("Administrator", password, "acme")).status, 200);
      });

      const refusals: [string, Record<string, unknown>, number, string][] = [
        ["an id with a space", { id: "a b", name: "X", administratorPassword: password }, 400, "8009"],
        ["an id of 33 characters", { id: "a".repeat(33), name: "X", administratorPassword: password }, 400, "8009"],
        ["an id with full-width characters", { id: "ａｃｍｅ", name: "X", administratorPassword: password }, 400, "8009"],
        ["an id with a slash", { id: "ac/me", name: "X", administratorPassword: password }, 400, "8009"],
        ["an empty id", { id: "", name: "X", administratorPassword: password }, 400, "8008"],
        ["a missing name", { id: "nameless", administratorPassword: password }, 400, "8008"],
        ["an empty name", { id: "nameless", name: "", administratorPassword: password }, 400, "8008"],
        ["a blank name", { id: "nameless", name: "   ", administratorPassword: password }, 400, "8008"],
        ["a name with a control character", { id: "ctrl", name: "Acme\u0007", administratorPassword: password }, 400, "8009"],
        ["a name with a line break", { id: "ctrl", name: "Acme\nInc", administratorPassword: password }, 400, "8009"],
        ["a bad time zone", { id: "tz", name: "X", timeZone: "Mars/Olympus", administratorPassword: password }, 400, "8009"],
        ["a bad line ID", { id: "line", name: "X", lineId1: "line 1", administratorPassword: password }, 400, "8009"],
        ["a short administratorPassword", { id: "weak", name: "X", administratorPassword: "Ab1-" }, 400, "8107"],
        ["a common administratorPassword", { id: "weak", name: "X", administratorPassword: "password1" }, 400, "8107"],
        ["a missing administratorPassword", { id: "weak", name: "X" }, 400, "8008"],
        ["a number for the name", { id: "typed", name: 42, administratorPassword: password }, 400, "8009"],
        ["a string for services", { id: "typed", name: "X", administratorPassword: password, services: "all" }, 400, "8009"],
      ];
      for (const [what, body, status, code] of refusals) {
        test(`${what} answers ${status} ${code} and nothing is stored`, async () => {
          const before = await snapshot(db);
          const answer = await operator.post("/api/v1/enterprises", body);
          assert.equal(answer.status, status);
          assert.equal(codeOf(answer), code);
          await assertUnchanged(db, before);
        });
      }

      test("32 characters of [A-Za-z0-9_-] are a valid id", async () => {
        const id = "Ab_-9".repeat(6) + "xy";
        assert.equal(id.length, 32);
        const answer = await operator.post<Enterprise>("/api/v1/enterprises", { id, name: "Longest", administratorPassword: password });
        assert.equal(answer.status, 201);
        assert.equal((await operator.delete(`/api/v1/enterprises/${id}`)).status, 204);
      });
    });

    describe("list", () => {
      before(async () => {
        for (const [id, name] of [
          ["beta", "Beta Corp"],
          ["beta2", "Beta Two"],
          ["gamma", "Gamma (acme group)"],
          ["x_y", "Underscore"],
          ["xzy", "No underscore"],
        ]) {
          assert.equal((await operator.post("/api/v1/enterprises", { id, name, administratorPassword: password })).status, 201);
        }
      });

      test("without q: every enterprise, sorted by id, default limit 50", async () => {
        const answer = await operator.get<List<Enterprise>>("/api/v1/enterprises");
        assert.equal(answer.status, 200);
        const all = await ids();
        assert.equal(answer.body.total, all.length);
        assert.equal(answer.body.offset, 0);
        assert.equal(answer.body.limit, 50);
        assert.deepEqual(answer.body.items.map((e) => e.id), [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      });

      test("prefix match (the default) on id or name", async () => {
        const answer = await operator.get<List<Enterprise>>("/api/v1/enterprises?q=beta");
        assert.equal(answer.status, 200);
        assert.equal(answer.body.total, 2);
        assert.deepEqual(answer.body.items.map((e) => e.id), ["beta", "beta2"]);
        const byName = await operator.get<List<Enterprise>>(`/api/v1/enterprises?q=${encodeURIComponent("Gamma")}`);
        assert.deepEqual(byName.body.items.map((e) => e.id), ["gamma"]);
      });

      test("case does not matter, on either database", async () => {
        const upper = await operator.get<List<Enterprise>>("/api/v1/enterprises?q=GAMMA");
        assert.deepEqual(upper.body.items.map((e) => e.id), ["gamma"]);
        const partial = await operator.get<List<Enterprise>>("/api/v1/enterprises?q=ACME&match=partial");
        assert.deepEqual(partial.body.items.map((e) => e.id), ["acme", "acme-west", "gamma"]);
      });

      test("exact match", async () => {
        const answer = await operator.get<List<Enterprise>>("/api/v1/enterprises?q=beta&match=exact");
        assert.equal(answer.body.total, 1);
        assert.deepEqual(answer.body.items.map((e) => e.id), ["beta"]);
      });

      test("partial match, and a q starting with % means partial", async () => {
        const partial = await operator.get<List<Enterprise>>("/api/v1/enterprises?q=acme&match=partial");
        assert.deepEqual(partial.body.items.map((e) => e.id), ["acme", "acme-west", "gamma"]);
        const shortcut = await operator.get<List<Enterprise>>(`/api/v1/enterprises?q=${encodeURIComponent("%acme")}`);
        assert.deepEqual(shortcut.body.items.map((e) => e.id), ["acme", "acme-west", "gamma"]);
        const prefixOnly = await operator.get<List<Enterprise>>("/api/v1/enterprises?q=acme");
        assert.deepEqual(prefixOnly.body.items.map((e) => e.id), ["acme", "acme-west"]);
      });

      test("_ and % typed by the user match themselves", async () => {
        const answer = await operator.get<List<Enterprise>>(`/api/v1/enterprises?q=${encodeURIComponent("x_")}`);
        assert.deepEqual(answer.body.items.map((e) => e.id), ["x_y"]);
      });

      test("paging: offset and limit, total unchanged", async () => {
        const all = await operator.get<List<Enterprise>>("/api/v1/enterprises");
        const page = await operator.get<List<Enterprise>>("/api/v1/enterprises?offset=2&limit=3");
        assert.equal(page.status, 200);
        assert.equal(page.body.total, all.body.total);
        assert.equal(page.body.offset, 2);
        assert.equal(page.body.limit, 3);
        assert.deepEqual(page.body.items.map((e) => e.id), all.body.items.slice(2, 5).map((e) => e.id));
        const beyond = await operator.get<List<Enterprise>>("/api/v1/enterprises?offset=1000");
        assert.equal(beyond.body.total, all.body.total);
        assert.deepEqual(beyond.body.items, []);
      });

      test("sort by name, descending", async () => {
        const answer = await operator.get<List<Enterprise>>("/api/v1/enterprises?q=beta&sort=name&order=desc");
        assert.deepEqual(answer.body.items.map((e) => e.name), ["Beta Two", "Beta Corp"]);
      });

      test("bad list parameters answer 400 8009", async () => {
        for (const query of ["limit=501", "limit=0", "offset=-1", "limit=abc", "match=fuzzy", "sort=password_hash", "order=sideways"]) {
          const answer = await operator.get(`/api/v1/enterprises?${query}`);
          assert.equal(answer.status, 400, query);
          assert.equal(codeOf(answer), "8009", query);
        }
      });

      test("limit 500 is allowed", async () => {
        const answer = await operator.get<List<Enterprise>>("/api/v1/enterprises?limit=500");
        assert.equal(answer.status, 200);
        assert.equal(answer.body.limit, 500);
      });
    });

    describe("change", () => {
      test("PATCH services and selfService: sent flags change, the others keep their values", async () => {
        const before = await operator.get<Enterprise>("/api/v1/enterprises/acme");
        const answer = await operator.patch<Enterprise>("/api/v1/enterprises/acme", { services: { forwarding: false }, selfService: { withholdCallerId: true } });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.services.forwarding, false);
        assert.equal(answer.body.services.voicemail, true);
        assert.equal(answer.body.selfService.withholdCallerId, true);
        assert.equal(answer.body.selfService.anonymousRejection, true);
        assert.equal(answer.body.name, before.body.name);
        assert.equal(answer.body.version, before.body.version + 1);
        const reread = await operator.get<Enterprise>("/api/v1/enterprises/acme");
        assert.deepEqual(reread.body.services, answer.body.services);
        assert.deepEqual(reread.body.selfService, answer.body.selfService);
        assert.equal(reread.headers.get("etag"), answer.headers.get("etag"));
      });

      test("PATCH with the current ETag in If-Match succeeds", async () => {
        const current = await operator.get<Enterprise>("/api/v1/enterprises/acme");
        const etag = current.headers.get("etag") ?? "";
        const answer = await operator.patch<Enterprise>("/api/v1/enterprises/acme", { name: "Acme Renamed" }, { "if-match": etag });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.name, "Acme Renamed");
        assert.notEqual(answer.headers.get("etag"), etag);
      });

      test("PATCH with a stale If-Match answers 409 8111 and nothing is stored", async () => {
        const first = await operator.get<Enterprise>("/api/v1/enterprises/acme");
        const stale = first.headers.get("etag") ?? "";
        // Someone else saves first.
        assert.equal((await operator.patch("/api/v1/enterprises/acme", { lineId2: "LINE-2" }, { "if-match": stale })).status, 200);
        const before = await snapshot(db);
        const answer = await operator.patch("/api/v1/enterprises/acme", { name: "Lost update" }, { "if-match": stale });
        assert.equal(answer.status, 409);
        assert.equal(codeOf(answer), "8111");
        await assertUnchanged(db, before);
      });

      test("invalid PATCH values answer 400 and nothing is stored", async () => {
        const before = await snapshot(db);
        for (const [body, code] of [
          [{ name: "" }, "8008"],
          [{ timeZone: "Nowhere/Else" }, "8009"],
          [{ services: { forwarding: "no" } }, "8009"],
          [{ name: "x".repeat(65) }, "8009"],
        ] as const) {
          const answer = await operator.patch("/api/v1/enterprises/acme", body);
          assert.equal(answer.status, 400, JSON.stringify(body));
          assert.equal(codeOf(answer), code, JSON.stringify(body));
        }
        await assertUnchanged(db, before);
      });

      test("PATCH of an enterprise that doesn't exist answers 404 8016", async () => {
        const answer = await operator.patch("/api/v1/enterprises/no-such-enterprise", { name: "X" });
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8016");
      });
    });

    describe("non-operators", () => {
      test("GET /enterprises answers 403 8109 to an enterprise admin and to an end user", async () => {
        for (const client of [demoAdmin, endUser]) {
          const answer = await client.get("/api/v1/enterprises");
          assert.equal(answer.status, 403);
          assert.equal(codeOf(answer), "8109");
        }
      });

      test("an enterprise admin reads its own enterprise", async () => {
        const answer = await demoAdmin.get<Enterprise>("/api/v1/enterprises/demo");
        assert.equal(answer.status, 200);
        assert.equal(answer.body.id, "demo");
      });

      test("another enterprise answers 404 8016, like one that doesn't exist", async () => {
        const other = await demoAdmin.get("/api/v1/enterprises/acme");
        assert.equal(other.status, 404);
        assert.equal(codeOf(other), "8016");
        assert.ok(!other.text.includes("Acme"));
        const missing = await demoAdmin.get("/api/v1/enterprises/no-such-enterprise");
        assert.equal(missing.text, other.text);
      });

      test("create, change and delete answer 403 8109 and nothing is stored", async () => {
        const before = await snapshot(db);
        const create = await demoAdmin.post("/api/v1/enterprises", { id: "sneaky", name: "Sneaky", administratorPassword: password });
        assert.equal(create.status, 403);
        assert.equal(codeOf(create), "8109");
        const patch = await demoAdmin.patch("/api/v1/enterprises/demo", { services: { voicemail: false } });
        assert.equal(patch.status, 403);
        assert.equal(codeOf(patch), "8109");
        const remove = await demoAdmin.delete("/api/v1/enterprises/demo");
        assert.equal(remove.status, 403);
        assert.equal(codeOf(remove), "8109");
        const byUser = await endUser.post("/api/v1/enterprises", { id: "sneaky", name: "Sneaky", administratorPassword: password });
        assert.equal(byUser.status, 403);
        assert.equal(codeOf(byUser), "8109");
        await assertUnchanged(db, before);
      });

      test("not logged in: 401 8110", async () => {
        const anonymous = new Client(server.url);
        for (const answer of [await anonymous.get("/api/v1/enterprises"), await anonymous.get("/api/v1/enterprises/demo"), await anonymous.post("/api/v1/enterprises", { id: "anon", name: "Anon", administratorPassword: password })]) {
          assert.equal(answer.status, 401);
          assert.equal(codeOf(answer), "8110");
        }
        assert.ok(!(await ids()).includes("anon"));
      });
    });

    describe("delete", () => {
      test("204; its Administrator can no longer log in and its open sessions end", async () => {
        const admin = new Client(server.url);
        assert.equal((await admin.login("Administrator", password, "beta")).status, 200);
        const answer = await operator.delete("/api/v1/enterprises/beta");
        assert.equal(answer.status, 204);
        assert.ok(!(await ids()).includes("beta"));
        const session = await admin.get("/api/v1/session");
        assert.equal(session.status, 401);
        assert.equal(codeOf(session), "8110");
        const login = await new Client(server.url).login("Administrator", password, "beta");
        assert.equal(login.status, 401);
        assert.equal(codeOf(login), "8000");
        const read = await operator.get("/api/v1/enterprises/beta");
        assert.equal(read.status, 404);
        assert.equal(codeOf(read), "8016");
        const remaining = await db.selectFrom("accounts").select("id").where("enterprise_id", "=", "beta").execute();
        assert.deepEqual(remaining, []);
      });

      test("deleting an enterprise takes its subscribers with it", async () => {
        assert.equal((await operator.post("/api/v1/enterprises/beta2/subscribers", { id: "beta2-001", number: "0311112222", password: "Beta-User-2026" })).status, 201);
        assert.equal((await operator.delete("/api/v1/enterprises/beta2")).status, 204);
        assert.deepEqual(await db.selectFrom("subscribers").select("id").where("enterprise_id", "=", "beta2").execute(), []);
        assert.equal(codeOf(await new Client(server.url).login("beta2-001", "Beta-User-2026")), "8000");
        // The number is free again.
        assert.equal((await operator.post("/api/v1/enterprises/gamma/subscribers", { id: "gamma-001", number: "0311112222" })).status, 201);
      });

      test("deleting twice, or an unknown enterprise, answers 404 8016", async () => {
        const answer = await operator.delete("/api/v1/enterprises/beta");
        assert.equal(answer.status, 404);
        assert.equal(codeOf(answer), "8016");
      });

      test("the demo enterprise is untouched by all of this", async () => {
        const demo = await operator.get<Enterprise>("/api/v1/enterprises/demo");
        assert.equal(demo.status, 200);
        assert.equal((await new Client(server.url).login("Administrator", server.demo.adminPassword, "demo")).status, 200);
      });
    });
  });
}
