// features.md §11: pickup-group fields (8008, 8009, 8101), the site rule (8081), deletion (8046), members.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DomainError } from "../../src/domain/errors.ts";
import { checkPickupGroup, checkPickupGroupDeletable, checkPickupMemberIds, checkPickupNumber, checkSiteChange, defaultSite } from "../../src/domain/pickup-group/pickup-group.ts";

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : "thrown";
  }
}

const group = (over: Partial<{ name: string; number: string; site: string; memo: string }> = {}) => ({ name: "営業", number: "11", site: defaultSite, memo: "", ...over });

const cases: [string, () => unknown, string | undefined][] = [
  ["group: a complete group is accepted", () => checkPickupGroup(group()), undefined],
  ["name: required, empty is 8008", () => checkPickupGroup(group({ name: "" })), "8008"],
  ["name: 65 characters are 8009", () => checkPickupGroup(group({ name: "p".repeat(65) })), "8009"],
  ["name: a line break is 8009", () => checkPickupGroup(group({ name: "a\r\nb" })), "8009"],
  ["number: required, empty is 8008", () => checkPickupNumber(""), "8008"],
  ["number: one digit is accepted", () => checkPickupNumber("1"), undefined],
  ["number: eight digits are accepted", () => checkPickupNumber("12345678"), undefined],
  ["number: nine digits are 8009", () => checkPickupNumber("123456789"), "8009"],
  ["number: letters or symbols are 8009", () => checkPickupNumber("*8"), "8009"],
  ["site: required, empty is 8008", () => checkPickupGroup(group({ site: "" })), "8008"],
  ["site: 65 characters are 8009", () => checkPickupGroup(group({ site: "s".repeat(65) })), "8009"],
  ["site: a control character is 8009", () => checkPickupGroup(group({ site: "a\u001fb" })), "8009"],
  ["memo: 257 Shift_JIS bytes are 8101", () => checkPickupGroup(group({ memo: `${"あ".repeat(128)}a` })), "8101"],
  ["site change: without members is accepted", () => checkSiteChange("default", "tokyo", 0), undefined],
  ["site change: with members is 8081", () => checkSiteChange("default", "tokyo", 2), "8081"],
  ["site change: the same site with members is no change", () => checkSiteChange("default", "default", 2), undefined],
  ["deletion: a group without members can be deleted", () => checkPickupGroupDeletable(0), undefined],
  ["deletion: a group with members is 8046", () => checkPickupGroupDeletable(1), "8046"],
  ["members: an empty ID is 8008", () => checkPickupMemberIds(["a1", ""]), "8008"],
  ["members: a malformed ID is 8009", () => checkPickupMemberIds(["a 1"]), "8009"],
];

for (const [name, fn, expected] of cases) {
  test(name, () => assert.equal(code(fn), expected));
}

test('site: the initial value is "default"', () => assert.equal(defaultSite, "default"));

test("members: each subscriber once, in the order given", () => {
  assert.deepEqual(checkPickupMemberIds(["b", "a", "b"]), ["b", "a"]);
});
