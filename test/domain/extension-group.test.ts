// features.md §10 and §4: extension-group fields (8008, 8009, 8101), members and extensions (8012, 8009, 8052),
// deletion (8122), and how stored forwarding follows a membership change so that the prefix rule still holds.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  checkExtension,
  checkExtensionGroup,
  checkExtensionGroupDeletable,
  checkExtensionMembers,
  checkSiteNumber,
  groupView,
  rebaseDestination,
  rebaseForwarding,
  rebaseScheduleRules,
} from "../../src/domain/extension-group/extension-group.ts";
import { DomainError } from "../../src/domain/errors.ts";
import { checkDestination } from "../../src/domain/forwarding/destination-policy.ts";
import type { ScheduleRule } from "../../src/domain/schedule/schedule.ts";
import { defaultForwarding, type Forwarding } from "../../src/domain/subscriber/subscriber.ts";

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

const group = (over: Partial<{ name: string; siteNumber: string; memo: string }> = {}) => ({ name: "本社", siteNumber: "1", memo: "", ...over });

const cases: [string, () => unknown, string | undefined][] = [
  ["group: a name, a site number and a memo are accepted", () => checkExtensionGroup(group({ memo: "大阪本社" })), undefined],
  ["name: required, empty is 8008", () => checkExtensionGroup(group({ name: "" })), "8008"],
  ["name: required, blank is 8008", () => checkExtensionGroup(group({ name: " \u3000" })), "8008"],
  ["name: 64 characters are accepted", () => checkExtensionGroup(group({ name: "内".repeat(64) })), undefined],
  ["name: 65 characters are 8009", () => checkExtensionGroup(group({ name: "内".repeat(65) })), "8009"],
  ["name: a line break is 8009", () => checkExtensionGroup(group({ name: "a\nb" })), "8009"],
  ["name: a control character is 8009", () => checkExtensionGroup(group({ name: "a\u0007b" })), "8009"],
  ["site number: required, empty is 8008", () => checkSiteNumber(""), "8008"],
  ["site number: one digit is accepted", () => checkSiteNumber("7"), undefined],
  ["site number: eight digits are accepted", () => checkSiteNumber("12345678"), undefined],
  ["site number: nine digits are 8009", () => checkSiteNumber("123456789"), "8009"],
  ["site number: letters are 8009", () => checkSiteNumber("12a"), "8009"],
  ["site number: full-width digits are 8009", () => checkSiteNumber("１２"), "8009"],
  ["site number: a sign or a space is 8009", () => checkSiteNumber("-1"), "8009"],
  ["memo: 256 Shift_JIS bytes are accepted", () => checkExtensionGroup(group({ memo: "あ".repeat(128) })), undefined],
  ["memo: 257 Shift_JIS bytes are 8101", () => checkExtensionGroup(group({ memo: `${"あ".repeat(128)}a` })), "8101"],
  ["extension: two digits are accepted", () => checkExtension("20"), undefined],
  ["extension: eight digits are accepted", () => checkExtension("12345678"), undefined],
  ["extension: a member needs one, missing is 8012", () => checkExtension(undefined), "8012"],
  ["extension: a member needs one, null is 8012", () => checkExtension(null), "8012"],
  ["extension: a member needs one, empty is 8012", () => checkExtension(""), "8012"],
  ["extension: one digit is 8009", () => checkExtension("5"), "8009"],
  ["extension: nine digits are 8009", () => checkExtension("123456789"), "8009"],
  ["extension: letters or symbols are 8009", () => checkExtension("20#"), "8009"],
  ["extension: full-width digits are 8009", () => checkExtension("２０１"), "8009"],
  ["extension: starting with the external prefix 0 is 8009", () => checkExtension("0201"), "8009"],
  ["members: an empty list is accepted (the group is emptied)", () => checkExtensionMembers([]), undefined],
  ["members: subscribers with distinct extensions are accepted", () => checkExtensionMembers([{ subscriberId: "a1", extension: "201" }, { subscriberId: "a2", extension: "202" }]), undefined],
  ["members: a member without an extension is 8012", () => checkExtensionMembers([{ subscriberId: "a1" }]), "8012"],
  ["members: an extension used twice in the group is 8052", () => checkExtensionMembers([{ subscriberId: "a1", extension: "201" }, { subscriberId: "a2", extension: "201" }]), "8052"],
  ["members: a subscriber listed twice is 8009", () => checkExtensionMembers([{ subscriberId: "a1", extension: "201" }, { subscriberId: "a1", extension: "202" }]), "8009"],
  ["members: an empty subscriber ID is 8008", () => checkExtensionMembers([{ subscriberId: "", extension: "201" }]), "8008"],
  ["members: a malformed subscriber ID is 8009", () => checkExtensionMembers([{ subscriberId: "a b", extension: "201" }]), "8009"],
  ["deletion: an empty group nothing refers to can be deleted", () => checkExtensionGroupDeletable("本社", 0, []), undefined],
  ["deletion: a group with members is 8122", () => checkExtensionGroupDeletable("本社", 3, []), "8122"],
  ["deletion: a group a schedule refers to is 8122", () => checkExtensionGroupDeletable("本社", 0, [{ id: 1, name: "平日" }]), "8122"],
];

for (const [name, fn, expected] of cases) {
  test(name, () => assert.equal(code(fn), expected));
}

test("members: the refused item is named by its index and field", () => {
  assert.equal(fieldOf(() => checkExtensionMembers([{ subscriberId: "a1", extension: "201" }, { subscriberId: "a2", extension: "x" }])), "1.extension");
  assert.equal(fieldOf(() => checkExtensionMembers([{ subscriberId: "a1", extension: "201" }, { subscriberId: "a2", extension: "201" }])), "1.extension");
});

test("deletion: the refusal says how many members the group has", () => {
  try {
    checkExtensionGroupDeletable("本社", 3, []);
    assert.fail("expected 8122");
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.deepEqual(error.details, { members: 3 });
    assert.match(error.messageJa, /3件/);
  }
});

// Rebasing: a destination keeps reaching the same number when the way it is read changes.
const old = groupView("0", [
  { number: "0612340001", extension: "201" },
  { number: "0612340002", extension: "202" },
]);
const moved = groupView("0", [
  { number: "0612340001", extension: "301" },
  { number: "0612340003", extension: "202" },
]);

const rebases: [string, string, Parameters<typeof rebaseDestination>[1], Parameters<typeof rebaseDestination>[2], string | undefined][] = [
  ["joining: an external number gains the prefix", "09012345678", undefined, old, "009012345678"],
  ["joining: an international number gains the prefix", "0101234567890", undefined, old, "00101234567890"],
  ["leaving: an external number loses the prefix", "009012345678", old, undefined, "09012345678"],
  ["leaving: a colleague's extension becomes the colleague's number", "202", old, undefined, "0612340002"],
  ["staying: a colleague's extension follows the colleague's new extension", "201", old, moved, "301"],
  ["staying: a colleague who left is reached by prefix + number (not by the extension someone else took)", "202", old, moved, "00612340002"],
  ["staying: an external number with the prefix stays as it is", "009012345678", old, moved, "009012345678"],
  ["an extension no member has can't be read", "999", old, moved, undefined],
];

for (const [name, destination, from, to, expected] of rebases) {
  test(`rebase: ${name}`, () => assert.equal(rebaseDestination(destination, from, to), expected));
}

test("rebase: what a member's rebased destination says is what checkDestination would store for it", () => {
  const view = { externalPrefix: "0", extensions: new Set(["301", "202"]) };
  for (const destination of ["009012345678", "301"]) {
    assert.equal(checkDestination(destination, "d", { allowInternational: false, extensionGroup: view }).dialed, destination);
  }
});

function forwarding(parts: Partial<Record<"unconditional" | "busy" | "noAnswer", string>>): Forwarding {
  const f: Forwarding = structuredClone(defaultForwarding) as Forwarding;
  for (const [type, destination] of Object.entries(parts) as ["unconditional" | "busy" | "noAnswer", string][]) {
    f[type].enabled = true;
    f[type].destination = destination;
  }
  return f;
}

test("forwarding: a number joining a group keeps its destinations, now with the prefix", () => {
  const r = rebaseForwarding(forwarding({ unconditional: "09012345678", noAnswer: "0612345678" }), undefined, old, false);
  assert.equal(r.changed, true);
  assert.equal(r.forwarding.unconditional.destination, "009012345678");
  assert.equal(r.forwarding.noAnswer.destination, "00612345678");
  assert.deepEqual(r.cleared, []);
});

test("forwarding: a number leaving its group with an unreadable destination has that type switched off and cleared", () => {
  const r = rebaseForwarding(forwarding({ busy: "999" }), old, undefined, false);
  assert.equal(r.forwarding.busy.enabled, false);
  assert.equal(r.forwarding.busy.destination, "");
  assert.deepEqual(r.cleared, ["busy"]);
});

test("forwarding: a number staying in its group keeps an unreadable destination as it was", () => {
  const r = rebaseForwarding(forwarding({ busy: "999" }), old, moved, true);
  assert.equal(r.changed, false);
  assert.equal(r.forwarding.busy.destination, "999");
});

test("forwarding: nothing to follow, nothing changed (timers, schedule and voicemail untouched)", () => {
  const f = forwarding({ unconditional: "009012345678" });
  const r = rebaseForwarding(f, old, moved, true);
  assert.equal(r.changed, false);
  assert.deepEqual(r.forwarding, f);
});

test("schedules: rule destinations of the group follow its members; rules without a destination stay", () => {
  const rules: ScheduleRule[] = [
    { type: "holiday", start: "00:00", end: "24:00", action: "unconditional", destination: "201" },
    { type: "holiday", start: "00:00", end: "24:00", action: "none" },
    { type: "holiday", start: "00:00", end: "24:00", action: "busy", destination: "999" },
  ];
  const r = rebaseScheduleRules(rules, old, moved);
  assert.equal(r.changed, true);
  assert.equal(r.rules[0]?.destination, "301");
  assert.deepEqual(r.rules[1], rules[1]);
  assert.equal(r.rules[2]?.destination, "999");
});
