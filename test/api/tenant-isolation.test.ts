// quality.md §Security: the tenant-isolation matrix. Every endpoint of the OpenAPI document × every
// role × own / other enterprise: nothing of another enterprise is ever returned or changed.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { assertUnchanged, snapshot } from "../support/snapshot.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

type Method = "get" | "post" | "put" | "patch" | "delete";
const methods: readonly Method[] = ["get", "post", "put", "patch", "delete"];

/** What only the other enterprise has: none of it may appear in an answer to anyone else. */
const markers = ["other001", "0698760001", "他社株式会社", "他社スケジュール", "他社グループ"];

for (const dialect of dialects()) {
  describe(`tenant isolation matrix (${dialect})`, () => {
    let server: TestServer;
    const ids: Record<string, string> = {};
    const roles: Record<string, Client> = {};

    before(async () => {
      server = await startTestServer({ dialect, web: false, demo: "full" });
      const operator = new Client(server.url);
      await operator.login("operator", server.operatorPassword);
      assert.equal((await operator.post("/api/v1/enterprises", { id: "other", name: "他社株式会社", administratorPassword: "Other-Admin-2026" })).status, 201);
      assert.equal((await operator.post("/api/v1/enterprises/other/subscribers", { id: "other001", number: "0698760001", displayName: "他社 太郎", password: "Other-User-2026" })).status, 201);
      assert.equal((await operator.post("/api/v1/enterprises/other/subscribers", { id: "other002", number: "0698760002", password: "Other-User-2026" })).status, 201);
      const other = new Client(server.url);
      await other.login("Administrator", "Other-Admin-2026", "other");
      const created = async (path: string, body: unknown): Promise<string> => {
        const answer = await other.post<{ id: number }>(`/api/v1/enterprises/other/${path}`, body);
        assert.equal(answer.status, 201, `${path}: ${answer.text}`);
        return String(answer.body.id);
      };
      ids["schedules"] = await created("schedules", { name: "他社スケジュール", cfnaTimeoutSec: 20, rules: [] });
      ids["admin-groups"] = await created("admin-groups", { name: "他社グループ" });
      ids["extension-groups"] = await created("extension-groups", { name: "他社グループ", siteNumber: "9" });
      ids["pickup-groups"] = await created("pickup-groups", { name: "他社グループ", number: "9" });
      ids["hunt-groups"] = await created("hunt-groups", { name: "他社グループ", pilotSubscriberId: "other002", distribution: "sequential", slideTimerSec: 10 });

      roles.enterpriseAdmin = new Client(server.url);
      await roles.enterpriseAdmin.login("Administrator", server.demo.adminPassword, "demo");
      roles.groupAdmin = new Client(server.url);
      await roles.groupAdmin.login("eigyo", "Demo-Group-2026", "demo");
      roles.endUser = new Client(server.url);
      await roles.endUser.login("demo001", server.demo.subscriberPassword);
      roles.anonymous = new Client(server.url);
      const token = await operator.post<{ token: string }>("/api/v1/api-tokens", { name: "proxy", role: "sipProxy" });
      roles.sipProxy = new Client(server.url);
      roles.sipProxy.bearer = token.body.token;
    });
    after(async () => server.close());

    test("no endpoint answers another enterprise's data to any role, and nothing of it changes", async () => {
      const document = await new Client(server.url).get<{ paths: Record<string, Partial<Record<Method, unknown>>> }>("/api/openapi.json");
      const paths = Object.entries(document.body.paths).filter(([path]) => path.includes("{eid}"));
      assert.ok(paths.length >= 40, `${paths.length} enterprise-scoped paths`);
      const fill = (path: string, eid: string, own: boolean) =>
        path
          .replace("{eid}", eid)
          .replace("{sid}", own ? "demo001" : "other001")
          .replace("{loginId}", "Administrator")
          .replace(/\/([a-z-]+)\/\{id\}/, (_m, resource: string) => `/${resource}/${own ? "1" : (ids[resource] ?? "1")}`);

      const before = await snapshot(server.testStore.store.db);
      let cells = 0;
      const leaks: string[] = [];
      for (const [path, operations] of paths) {
        for (const method of methods) {
          if (operations[method] === undefined) continue;
          for (const [role, client] of Object.entries(roles)) {
            // The other enterprise: every method. Their own enterprise: reads only (writes there are theirs to make).
            for (const own of [false, true]) {
              if (own && method !== "get") continue;
              cells += 1;
              const url = fill(path, own ? "demo" : "other", own);
              const body = method === "get" || method === "delete" ? undefined : path.endsWith("/members") || path.endsWith("/forwarding") && !path.includes("{sid}") ? [] : {};
              const answer = await client.request(method.toUpperCase(), url, body);
              const shown = markers.find((m) => answer.text.includes(m));
              if (shown !== undefined) leaks.push(`${role} ${method.toUpperCase()} ${url} → ${answer.status} shows ${shown}`);
              if (!own && method !== "get" && answer.status < 400) leaks.push(`${role} ${method.toUpperCase()} ${url} → ${answer.status}`);
              if (answer.status >= 500) leaks.push(`${role} ${method.toUpperCase()} ${url} → ${answer.status}`);
            }
          }
        }
      }
      console.log(`tenant isolation (${dialect}): ${cells} cells tried, ${leaks.length} leaks`);
      assert.deepEqual(leaks, []);
      await assertUnchanged(server.testStore.store.db, before);
    });
  });
}
