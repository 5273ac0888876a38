// features.md §1, §7: login IDs (8106), passwords (8107), confirmation (8105), common passwords refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkLoginId, checkNewPassword, checkPassword } from "../../src/domain/account/credentials.ts";
import { DomainError } from "../../src/domain/errors.ts";

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : "thrown";
  }
}

const cases: [string, () => unknown, string | undefined][] = [
  ["login ID: half-width letters, digits and symbols are accepted", () => checkLoginId("sales_admin-01.x@y"), undefined],
  ["login ID: empty is 8008", () => checkLoginId(""), "8008"],
  ["login ID: 33 characters is 8106", () => checkLoginId("a".repeat(33)), "8106"],
  ["login ID: 32 characters is accepted", () => checkLoginId("a".repeat(32)), undefined],
  ["login ID: full-width characters are 8106", () => checkLoginId("管理者"), "8106"],
  ["login ID: a space is 8106", () => checkLoginId("a b"), "8106"],
  ["password: 8 half-width characters are accepted", () => checkPassword("Xy7#pq2w"), undefined],
  ["password: 7 characters are 8107", () => checkPassword("Xy7#pq2"), "8107"],
  ["password: 33 characters are 8107", () => checkPassword("Xy7#pq2w".repeat(4) + "z"), "8107"],
  ["password: full-width characters are 8107", () => checkPassword("パスワード１２３４"), "8107"],
  ["password: a common password is 8107", () => checkPassword("password1"), "8107"],
  ["password: common passwords are refused whatever their case", () => checkPassword("PassWord123"), "8107"],
  ["password: one repeated character is 8107", () => checkPassword("aaaaaaaaaa"), "8107"],
  ["password: confirmation must match (8105)", () => checkNewPassword("Xy7#pq2w", "Xy7#pq2W"), "8105"],
  ["password: the format is checked before the confirmation", () => checkNewPassword("short", "other"), "8107"],
];

for (const [name, fn, expected] of cases) {
  test(name, () => assert.equal(code(fn), expected));
}
