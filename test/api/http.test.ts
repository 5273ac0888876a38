// HTTP behaviour every client sees: error bodies, malformed input, size limits, headers, rate limit, docs, health.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Ajv } from "ajv";
import { Client, codeOf, type Answer } from "../support/client.ts";
import { dialects } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

/** api.md: an error is a status and a catalogue code, never a stack trace or an internal detail. */
function assertCleanError(answer: Answer, what: string): void {
  assert.ok(answer.status >= 400 && answer.status < 500, `${what}: status ${answer.status} ${answer.text.slice(0, 200)}`);
  assert.match(answer.headers.get("content-type") ?? "", /application\/json/, what);
  assert.match(codeOf(answer) ?? "", /^8\d{3}$/, `${what}: ${answer.text.slice(0, 200)}`);
  assert.doesNotMatch(answer.text, /\bat \S+ \(|\n\s+at /, `${what}: a stack trace`);
  assert.doesNotMatch(answer.text, /Error:/, `${what}: an error text`);
  assert.doesNotMatch(answer.text, /node_modules|\/src\/|\.ts:\d+/, `${what}: a file path`);
  assert.doesNotMatch(answer.text, /FST_|SQLITE|syntax error|relation "/i, `${what}: an internal code`);
}

/** A request the server can't serve may be answered normally or refused with a 4xx, but never with a 5xx. */
function assertNoServerError(answer: Answer, what: string): void {
  assert.ok(answer.status < 500, `${what}: status ${answer.status} ${answer.text.slice(0, 200)}`);
  if (answer.status >= 400) assertCleanError(answer, what);
}

function assertSecurityHeaders(answer: Answer, what: string): void {
  const csp = answer.headers.get("content-security-policy") ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter((d) => d !== "")
      .map((d) => {
        const [name = "", ...values] = d.split(/\s+/);
        return [name.toLowerCase(), values] as const;
      }),
  );
  const scriptSrc = directives.get("script-src") ?? directives.get("default-src");
  assert.ok(scriptSrc !== undefined, `${what}: CSP has a script-src (${csp})`);
  // Pages run the portal's own scripts; API answers (JSON, files) allow none at all.
  assert.ok(scriptSrc.includes("'self'") || scriptSrc.join(" ") === "'none'", `${what}: script-src 'self' or 'none' (${csp})`);
  assert.ok(!scriptSrc.includes("'unsafe-inline'") && !scriptSrc.includes("'unsafe-eval'") && !scriptSrc.includes("*"), `${what}: no inline scripts (${csp})`);
  assert.equal(answer.headers.get("x-frame-options"), "DENY", what);
  assert.equal(answer.headers.get("x-content-type-options"), "nosniff", what);
}

for (const dialect of dialects()) {
  describe(`http (${dialect})`, () => {
    let server: TestServer;
    let operator: Client;
    let admin: Client;

    before(async () => {
      server = await startTestServer({ dialect, web: false });
      operator = new Client(server.url);
      admin = new Client(server.url);
      assert.equal((await operator.login("operator", server.operatorPassword)).status, 200);
      assert.equal((await admin.login("Administrator", server.demo.adminPassword, "demo")).status, 200);
    });
    after(async () => {
      await server?.close();
    });

    const anonymous = () => new Client(server.url);

    describe("unknown paths and malformed requests", () => {
      test("an unknown /api path answers 404 8126, whatever the method", async () => {
        for (const [method, path] of [
          ["GET", "/api/v1/nope"],
          ["POST", "/api/v1/nope"],
          ["DELETE", "/api/v1/enterprises/demo/nope"],
          ["GET", "/api/v2/session"],
        ] as const) {
          const answer = await operator.request(method, path, method === "GET" || method === "DELETE" ? undefined : {});
          assert.equal(answer.status, 404, `${method} ${path}`);
          assert.equal(codeOf(answer), "8126", `${method} ${path}`);
          assertCleanError(answer, `${method} ${path}`);
        }
      });

      test("invalid JSON answers 400 8009", async () => {
        for (const body of ["{bad", '{"loginId": "a",}', "", "nul", '{"loginId":"a","password":"b"'] as const) {
          const answer = await anonymous().request("POST", "/api/v1/session", body, { "content-type": "application/json" });
          assert.equal(answer.status, 400, JSON.stringify(body));
          assert.equal(codeOf(answer), "8009", JSON.stringify(body));
          assertCleanError(answer, JSON.stringify(body));
        }
      });

      test("a body that is not JSON answers 400 8009", async () => {
        for (const type of ["text/plain", "application/xml", "application/x-www-form-urlencoded"]) {
          const answer = await anonymous().request("POST", "/api/v1/session", "loginId=operator&password=x", { "content-type": type });
          assert.ok(answer.status === 400 || answer.status === 415, `${type}: ${answer.status}`);
          assertCleanError(answer, type);
        }
      });

      test("a 2 MB body answers 413 8123", async () => {
        const answer = await anonymous().post("/api/v1/session", { loginId: "x".repeat(2 * 1024 * 1024), password: "y" });
        assert.equal(answer.status, 413);
        assert.equal(codeOf(answer), "8123");
        assertCleanError(answer, "2 MB");
        const put = await admin.put("/api/v1/enterprises/demo/bulletin", { text: "x".repeat(2 * 1024 * 1024) });
        assert.equal(put.status, 413);
        assert.equal(codeOf(put), "8123");
      });

      test("wrong JSON types answer 400 8009", async () => {
        for (const body of [
          { loginId: 123, password: "x" },
          { loginId: "operator", password: true },
          { loginId: ["operator"], password: "x" },
          { loginId: { $ne: "" }, password: "x" },
          { loginId: null, password: "x" },
          [],
          "just a string",
          42,
        ]) {
          const answer = await anonymous().post("/api/v1/session", body);
          assert.equal(answer.status, 400, JSON.stringify(body));
          assert.equal(codeOf(answer), "8009", JSON.stringify(body));
          assertCleanError(answer, JSON.stringify(body));
        }
      });

      test("prototype-pollution keys are refused or ignored, never obeyed", async () => {
        for (const text of ['{"__proto__":{"role":"operator"},"loginId":"demo001","password":"x"}', '{"constructor":{"prototype":{"role":"operator"}},"loginId":"demo001","password":"x"}']) {
          const answer = await anonymous().request("POST", "/api/v1/session", text, { "content-type": "application/json" });
          assertCleanError(answer, text);
        }
        const me = await operator.get<{ account: { role: string } }>("/api/v1/session");
        assert.equal(me.body.account.role, "operator");
        const user = await anonymous().login("demo001", server.demo.subscriberPassword);
        assert.equal((user.body as { account: { role: string } }).account.role, "subscriber");
      });

      test("deeply nested JSON (10,000 levels) answers 4xx, never 5xx", async () => {
        const depth = 10_000;
        const bodies = [
          "[".repeat(depth) + "]".repeat(depth),
          '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
          `{"loginId":${"[".repeat(depth)}${"]".repeat(depth)},"password":"x"}`,
        ];
        for (const body of bodies) {
          const answer = await anonymous().request("POST", "/api/v1/session", body, { "content-type": "application/json" });
          assertCleanError(answer, `deep ${body.slice(0, 12)}`);
          const put = await admin.request("PUT", "/api/v1/enterprises/demo/bulletin", body, { "content-type": "application/json" });
          assertCleanError(put, `deep bulletin ${body.slice(0, 12)}`);
        }
      });

      test("over-long fields answer 400 8009", async () => {
        const answer = await anonymous().post("/api/v1/session", { loginId: "a".repeat(65), password: "x" });
        assert.equal(answer.status, 400);
        assert.equal(codeOf(answer), "8009");
        assertCleanError(answer, "long loginId");
      });

      test("a NUL character in the login form answers 4xx, never 500", async () => {
        for (const body of [
          { loginId: "demo\u0000001", password: "x" },
          { enterpriseId: "de\u0000mo", loginId: "Administrator", password: "x" },
          { loginId: "operator", password: "pass\u0000word" },
        ]) {
          const answer = await anonymous().post("/api/v1/session", body);
          assertCleanError(answer, JSON.stringify(body));
        }
      });

      test("a NUL character in a path parameter or a search never answers 5xx", async () => {
        for (const [method, path] of [
          ["GET", "/api/v1/enterprises/%00"],
          ["GET", "/api/v1/enterprises/de%00mo/bulletin"],
          ["GET", "/api/v1/enterprises?q=%00"],
          ["DELETE", "/api/v1/enterprises/demo/subscribers/demo%00001"],
        ] as const) {
          const answer = await operator.request(method, path);
          assertNoServerError(answer, `${method} ${path}`);
        }
      });

      test("bad percent-encoding in the path answers 400 with a catalogue code (and the usual headers)", async () => {
        const answer = await operator.get("/api/v1/enterprises/%E0%A4%A/bulletin");
        assert.equal(answer.status, 400);
        assertCleanError(answer, "bad percent-encoding");
        assertSecurityHeaders(answer, "bad percent-encoding");
      });

      test("an over-long path parameter answers 4xx with a catalogue code", async () => {
        const answer = await operator.get(`/api/v1/enterprises/${"a".repeat(300)}/bulletin`);
        assertCleanError(answer, "long path parameter");
      });

      test("a bad query parameter answers 400 8009", async () => {
        const answer = await operator.get("/api/v1/enterprises?limit=many");
        assert.equal(answer.status, 400);
        assert.equal(codeOf(answer), "8009");
        assertCleanError(answer, "limit=many");
      });
    });

    describe("headers", () => {
      test("security headers on API answers, errors, health and docs", async () => {
        const answers: [string, Answer][] = [
          ["GET /api/v1/session", await operator.get("/api/v1/session")],
          ["401", await anonymous().get("/api/v1/session")],
          ["404", await anonymous().get("/api/v1/nope")],
          ["400", await anonymous().post("/api/v1/session", "{bad")],
          ["/healthz", await anonymous().get("/healthz")],
          ["/api/openapi.json", await anonymous().get("/api/openapi.json")],
          ["/api/docs", await anonymous().get("/api/docs")],
          ["non-API 404", await anonymous().get("/some/page")],
        ];
        for (const [what, answer] of answers) assertSecurityHeaders(answer, what);
      });

      test("the CSP also forbids framing and plugins", async () => {
        const csp = (await anonymous().get("/healthz")).headers.get("content-security-policy") ?? "";
        assert.match(csp, /frame-ancestors 'none'/);
        assert.match(csp, /object-src 'none'/);
      });

      test("REST API answers carry the API policy: no content of any kind, no framing, same-origin reads", async () => {
        const answers: [string, Answer][] = [
          ["a JSON answer", await operator.get("/api/v1/session")],
          ["an API error", await anonymous().get("/api/v1/enterprises")],
        ];
        for (const [what, answer] of answers) {
          assert.equal(answer.headers.get("content-security-policy"), "default-src 'none'; frame-ancestors 'none'", what);
          assert.equal(answer.headers.get("x-frame-options"), "DENY", what);
          assert.equal(answer.headers.get("x-content-type-options"), "nosniff", what);
          assert.equal(answer.headers.get("cross-origin-resource-policy"), "same-origin", what);
          assert.equal(answer.headers.get("referrer-policy"), "no-referrer", what);
        }
        // The documentation pages keep the portal's policy, which lets their own scripts run.
        assert.match((await anonymous().get("/api/docs")).headers.get("content-security-policy") ?? "", /script-src 'self'/);
      });

      test("answers with a session's data are not cached by shared caches", async () => {
        const answer = await operator.get("/api/v1/session");
        const cacheControl = answer.headers.get("cache-control");
        // Either no caching header at all (fetch's default: private to the browser) or one that forbids shared caching.
        assert.ok(cacheControl === null || /no-store|private|no-cache/.test(cacheControl), String(cacheControl));
      });
    });

    describe("docs and health", () => {
      test("GET /api/openapi.json is OpenAPI 3.1 with the session and bulletin paths", async () => {
        const answer = await anonymous().get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>("/api/openapi.json");
        assert.equal(answer.status, 200);
        assert.match(answer.body.openapi, /^3\.1\./);
        for (const path of ["/api/v1/session", "/api/v1/enterprises/{eid}/bulletin", "/api/v1/enterprises", "/api/v1/notices", "/api/v1/api-tokens"]) {
          assert.ok(answer.body.paths[path] !== undefined, path);
        }
        assert.ok(answer.body.paths["/api/v1/session"]?.post !== undefined);
        assert.ok(answer.body.paths["/api/v1/enterprises/{eid}/bulletin"]?.put !== undefined);
      });

      test("every parameter and request body schema is a valid JSON Schema", async () => {
        // The server compiles them without checking them against the meta-schema (src/api/validation.ts).
        type Operation = { parameters?: { name: string; schema: object }[]; requestBody?: { content: Record<string, { schema: object }> } };
        const answer = await anonymous().get<{ paths: Record<string, Record<string, Operation>> }>("/api/openapi.json");
        const ajv = new Ajv({ strict: false });
        let checked = 0;
        for (const [path, operations] of Object.entries(answer.body.paths)) {
          for (const [method, operation] of Object.entries(operations)) {
            const schemas = [...(operation.parameters ?? []).map((p) => [p.name, p.schema] as const), ...Object.entries(operation.requestBody?.content ?? {}).map(([type, c]) => [type, c.schema] as const)];
            for (const [name, schema] of schemas) {
              assert.ok(ajv.validateSchema(schema), `${method} ${path} ${name}: ${ajv.errorsText()}`);
              checked += 1;
            }
          }
        }
        assert.ok(checked > 100, `${checked} schemas`);
        assert.equal(ajv.validateSchema({ type: "object", properties: { q: { type: "string", maxLength: -1 } } }), false, "a broken schema is told");
      });

      test("/api/docs answers HTML", async () => {
        const answer = await anonymous().get("/api/docs");
        assert.equal(answer.status, 200);
        assert.match(answer.headers.get("content-type") ?? "", /text\/html/);
        assert.match(answer.text, /<html/i);
      });

      test("/healthz answers 200", async () => {
        const answer = await anonymous().get<{ status: string }>("/healthz");
        assert.equal(answer.status, 200);
        assert.equal(answer.body.status, "ok");
      });

      test("/readyz answers 200 with the database in use", async () => {
        const answer = await anonymous().get<{ status: string; database: string }>("/readyz");
        assert.equal(answer.status, 200);
        assert.equal(answer.body.status, "ready");
        assert.equal(answer.body.database, dialect);
      });
    });
  });

  describe(`http: per-IP login rate limit (${dialect})`, () => {
    let server: TestServer;

    before(async () => {
      server = await startTestServer({ dialect, web: false, demo: false, loginRateLimit: 3 });
    });
    after(async () => {
      await server?.close();
    });

    test("the 4th POST /session within a minute answers 429 8121, even with the right password", async () => {
      for (let i = 1; i <= 3; i += 1) {
        const answer = await new Client(server.url).login(`someone-${i}`, "Wrong-Password-1");
        assert.equal(answer.status, 401, `attempt ${i}`);
        assert.equal(codeOf(answer), "8000");
      }
      const fourth = await new Client(server.url).login("operator", server.operatorPassword);
      assert.equal(fourth.status, 429);
      assert.equal(codeOf(fourth), "8121");
      assertCleanError(fourth, "429");
      assert.equal(fourth.headers.getSetCookie().some((c) => c.startsWith("centrex_session=")), false);
    });

    test("the limit is on logging in only: other requests still answer", async () => {
      const health = await new Client(server.url).get("/healthz");
      assert.equal(health.status, 200);
      const session = await new Client(server.url).get("/api/v1/session");
      assert.equal(session.status, 401);
      assert.equal(codeOf(session), "8110");
    });
  });
}
