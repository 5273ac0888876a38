// features.md §7: admin-group names (8008, 8009), the member filter of two IDs, member lists, deletion while in use (8114).
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkAdminGroupDeletable, checkAdminGroupName, checkMemberIds, memberFilterTerms } from "../../src/domain/account/admin-group.ts";
import { DomainError } from "../../src/domain/errors.ts";

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : "thrown";
  }
}

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.field : "thrown";
  }
}

const cases: [string, () => unknown, string | undefined][] = [
  ["name: Japanese and ASCII are accepted", () => checkAdminGroupName("営業部 group-01"), undefined],
  ["name: required, empty is 8008", () => checkAdminGroupName(""), "8008"],
  ["name: required, blank is 8008", () => checkAdminGroupName("  \u3000 "), "8008"],
  ["name: 64 characters are accepted", () => checkAdminGroupName("あ".repeat(64)), undefined],
  ["name: 65 characters are 8009", () => checkAdminGroupName("a".repeat(65)), "8009"],
  ["name: length counts characters, not UTF-16 units (64 emoji are accepted)", () => checkAdminGroupName("😀".repeat(64)), undefined],
  ["name: one line only, a line break is 8009", () => checkAdminGroupName("a\nb"), "8009"],
  ["name: a tab is 8009", () => checkAdminGroupName("a\tb"), "8009"],
  ["name: control characters are 8009", () => checkAdminGroupName("a\u0000b"), "8009"],
  ["name: markup is kept as text (no refusal)", () => checkAdminGroupName("<b>x</b>"), undefined],
  ["members: valid subscriber IDs are accepted", () => checkMemberIds(["abc001", "81990012345"]), undefined],
  ["members: an empty list is accepted (the group is emptied)", () => checkMemberIds([]), undefined],
  ["members: an empty ID is 8008", () => checkMemberIds(["abc001", ""]), "8008"],
  ["members: an ID with a space is 8009", () => checkMemberIds(["abc 001"]), "8009"],
  ["members: an ID of 33 characters is 8009", () => checkMemberIds(["a".repeat(33)]), "8009"],
  ["members: full-width characters are 8009", () => checkMemberIds(["ａｂｃ００１"]), "8009"],
  ["deletion: a group without login accounts can be deleted", () => checkAdminGroupDeletable([]), undefined],
  ["deletion: a group a login account is assigned to is 8114", () => checkAdminGroupDeletable(["sales-admin"]), "8114"],
];

for (const [name, fn, expected] of cases) {
  test(name, () => assert.equal(code(fn), expected));
}

test("members: the refused item is named by its index", () => {
  assert.equal(fieldOf(() => checkMemberIds(["abc001", "abc002", "bad id"])), "subscriberIds.2");
});

test("members: each subscriber once, in the order given", () => {
  assert.deepEqual(checkMemberIds(["b", "a", "b", "c", "a"]), ["b", "a", "c"]);
});

test("deletion: the accounts that use the group are named in the details", () => {
  try {
    checkAdminGroupDeletable(["a1", "a2"]);
    assert.fail("expected 8114");
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.deepEqual(error.details, { loginIds: ["a1", "a2"] });
  }
});

const filters: [string, string, string[]][] = [
  ["member filter: empty shows everyone", "", []],
  ["member filter: blanks only show everyone", "  ,  ", []],
  ["member filter: one ID", "abc001", ["abc001"]],
  ["member filter: two IDs separated by a comma (either matches)", "abc001,abc002", ["abc001", "abc002"]],
  ["member filter: two IDs separated by a space", "abc001 abc002", ["abc001", "abc002"]],
  ["member filter: comma and spaces together", " abc001 ,  abc002 ", ["abc001", "abc002"]],
  ["member filter: a Japanese comma or full-width space separates too", "abc001、abc002\u3000abc003", ["abc001", "abc002", "abc003"]],
];

for (const [name, q, expected] of filters) {
  test(name, () => assert.deepEqual(memberFilterTerms(q), expected));
}
