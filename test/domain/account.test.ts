// features.md §7, product.md §Roles: a login account's group (8008, 8009), memo, the built-in Administrator (8104), the last enterprise admin (8122).
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkAccountGroup, checkAccountMemo, checkRemovable, checkRenamable } from "../../src/domain/account/account.ts";
import { DomainError } from "../../src/domain/errors.ts";

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : "thrown";
  }
}

const builtIn = { role: "enterpriseAdmin" as const, builtIn: true };
const enterpriseAdmin = { role: "enterpriseAdmin" as const, builtIn: false };
const groupAdmin = { role: "groupAdmin" as const, builtIn: false };

const cases: [string, () => unknown, string | undefined][] = [
  ["group: a group admin with its group is accepted", () => checkAccountGroup("groupAdmin", 7), undefined],
  ["group: a group admin needs a group (8008)", () => checkAccountGroup("groupAdmin", undefined), "8008"],
  ["group: a group admin's group can't be cleared (8008)", () => checkAccountGroup("groupAdmin", null), "8008"],
  ["group: an enterprise admin without a group is accepted", () => checkAccountGroup("enterpriseAdmin", undefined), undefined],
  ["group: an enterprise admin with null is accepted", () => checkAccountGroup("enterpriseAdmin", null), undefined],
  ["group: an enterprise admin has no group (8009)", () => checkAccountGroup("enterpriseAdmin", 7), "8009"],
  ["memo: empty is accepted", () => checkAccountMemo(""), undefined],
  ["memo: 256 characters are accepted", () => checkAccountMemo("備".repeat(256)), undefined],
  ["memo: 257 characters are 8009", () => checkAccountMemo("a".repeat(257)), "8009"],
  ["memo: control characters are 8009", () => checkAccountMemo("a\u0007"), "8009"],
  ["rename: the built-in Administrator can't be renamed (8104)", () => checkRenamable(builtIn), "8104"],
  ["rename: any other account can", () => checkRenamable(enterpriseAdmin), undefined],
  ["delete: the built-in Administrator can't be deleted (8104)", () => checkRemovable(builtIn, 3), "8104"],
  ["delete: the built-in Administrator can't be deleted even as the last admin (8104 first)", () => checkRemovable(builtIn, 1), "8104"],
  ["delete: an enterprise admin while another remains", () => checkRemovable(enterpriseAdmin, 2), undefined],
  ["delete: the last enterprise admin can't be deleted (8122)", () => checkRemovable(enterpriseAdmin, 1), "8122"],
  ["delete: a group admin whatever the number of enterprise admins", () => checkRemovable(groupAdmin, 1), undefined],
];

for (const [name, fn, expected] of cases) {
  test(name, () => assert.equal(code(fn), expected));
}

test("delete: the refusal of the last enterprise admin says why in its details", () => {
  try {
    checkRemovable(enterpriseAdmin, 1);
    assert.fail("expected 8122");
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.deepEqual(error.details, { reason: "lastEnterpriseAdmin" });
  }
});
