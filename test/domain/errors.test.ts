// The catalogue in the code and docs/errors.md agree in both directions (code, HTTP status, ja, en).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { DomainError, catalogue, errorBody, isErrorCode } from "../../src/domain/errors.ts";

const documented = new Map(
  readFileSync("docs/errors.md", "utf8")
    .split("\n")
    .filter((line) => /^\| 8\d{3} \|/.test(line))
    .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()))
    .map(([code, status, ja, en]) => [code ?? "", { status: Number(status), ja, en }]),
);

test("every documented code is in the catalogue with the same status and messages", () => {
  assert.ok(documented.size >= 90);
  for (const [code, doc] of documented) {
    assert.ok(isErrorCode(code), `${code} missing from the catalogue`);
    assert.deepEqual({ ...catalogue[code] }, doc, code);
  }
});

test("every catalogue code is documented", () => {
  for (const code of Object.keys(catalogue)) assert.ok(documented.has(code), `${code} missing from docs/errors.md`);
});

test("the specified codes of the product spec are all present", () => {
  const spec = readFileSync("../shared/spec/errors.md", "utf8").match(/^\| (8\d{3}) \|/gm) ?? [];
  for (const row of spec) assert.ok(isErrorCode(row.slice(2, 6)), row);
});

test("a DomainError renders api.md's error body", () => {
  const error = new DomainError("8039", { field: "unconditional.destination", details: { class: "0570" } });
  assert.equal(error.status, 400);
  assert.deepEqual(errorBody(error), {
    error: { code: "8039", message: catalogue["8039"].ja, messageEn: catalogue["8039"].en, field: "unconditional.destination", details: { class: "0570" } },
  });
});
