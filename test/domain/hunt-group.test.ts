// features.md §8: hunt-group fields (8008, 8009, 8103, 8101), members and orders (8031, 8032, 8009), size
// limits per distribution (8084, 8085), distribution changes with members (8082, 8083), deletion (8030).
import assert from "node:assert/strict";
import { test } from "node:test";
import { DomainError } from "../../src/domain/errors.ts";
import {
  checkDistributionChange,
  checkHuntGroup,
  checkHuntGroupDeletable,
  checkHuntMembers,
  distributions,
  maxMembers,
  type Distribution,
  type HuntGroupInput,
} from "../../src/domain/hunt-group/hunt-group.ts";

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : "thrown";
  }
}

const group = (over: Partial<HuntGroupInput> = {}): HuntGroupInput => ({
  name: "代表",
  pilotSubscriberId: "demo001",
  distribution: "sequential",
  slideTimerSec: 10,
  schedule: { enabled: false, scheduleId: null },
  memo: "",
  ...over,
});

const members = (n: number) => Array.from({ length: n }, (_, i) => ({ subscriberId: `s${i + 1}`, order: i + 1 }));

const cases: [string, () => unknown, string | undefined][] = [
  ["group: a complete group is accepted", () => checkHuntGroup(group()), undefined],
  ["name: required, empty is 8008", () => checkHuntGroup(group({ name: "" })), "8008"],
  ["name: 64 characters are accepted", () => checkHuntGroup(group({ name: "代".repeat(64) })), undefined],
  ["name: 65 characters are 8009", () => checkHuntGroup(group({ name: "代".repeat(65) })), "8009"],
  ["name: a control character is 8009", () => checkHuntGroup(group({ name: "a\u0000" })), "8009"],
  ["pilot: required, empty is 8008", () => checkHuntGroup(group({ pilotSubscriberId: "" })), "8008"],
  ["pilot: a malformed subscriber ID is 8009", () => checkHuntGroup(group({ pilotSubscriberId: "demo 001" })), "8009"],
  ["distribution: an unknown one is 8009", () => checkHuntGroup(group({ distribution: "broadcast" as Distribution })), "8009"],
  ["slide timer: 1 s is accepted", () => checkHuntGroup(group({ slideTimerSec: 1 })), undefined],
  ["slide timer: 180 s is accepted", () => checkHuntGroup(group({ slideTimerSec: 180 })), undefined],
  ["slide timer: 0 s is 8103", () => checkHuntGroup(group({ slideTimerSec: 0 })), "8103"],
  ["slide timer: 181 s is 8103", () => checkHuntGroup(group({ slideTimerSec: 181 })), "8103"],
  ["slide timer: a fraction is 8103", () => checkHuntGroup(group({ slideTimerSec: 1.5 })), "8103"],
  ["schedule: on without a schedule is 8008", () => checkHuntGroup(group({ schedule: { enabled: true, scheduleId: null } })), "8008"],
  ["schedule: off with a schedule kept is accepted", () => checkHuntGroup(group({ schedule: { enabled: false, scheduleId: 3 } })), undefined],
  ["memo: 257 Shift_JIS bytes are 8101", () => checkHuntGroup(group({ memo: `${"あ".repeat(128)}a` })), "8101"],
  ["members: an empty list is accepted", () => checkHuntMembers([], "sequential"), undefined],
  ["members: a subscriber twice is 8031", () => checkHuntMembers([{ subscriberId: "a", order: 1 }, { subscriberId: "a", order: 2 }], "sequential"), "8031"],
  ["members: an order twice is 8032", () => checkHuntMembers([{ subscriberId: "a", order: 1 }, { subscriberId: "b", order: 1 }], "sequential"), "8032"],
  ["members: order 0 is 8009", () => checkHuntMembers([{ subscriberId: "a", order: 0 }], "sequential"), "8009"],
  ["members: order 1000 is 8009", () => checkHuntMembers([{ subscriberId: "a", order: 1000 }], "sequential"), "8009"],
  ["members: order 999 is accepted", () => checkHuntMembers([{ subscriberId: "a", order: 999 }], "sequential"), undefined],
  ["members: a fractional order is 8009", () => checkHuntMembers([{ subscriberId: "a", order: 1.5 }], "sequential"), "8009"],
  ["members: an order is required even for 同報 (0 is 8009)", () => checkHuntMembers([{ subscriberId: "a", order: 0 }], "simultaneous"), "8009"],
  ["members: an empty subscriber ID is 8008", () => checkHuntMembers([{ subscriberId: "", order: 1 }], "sequential"), "8008"],
  ["members: 同報 takes 5 members", () => checkHuntMembers(members(5), "simultaneous"), undefined],
  ["members: 同報 with 6 members is 8084", () => checkHuntMembers(members(6), "simultaneous"), "8084"],
  ["members: the others take 32 members", () => checkHuntMembers(members(32), "roundRobin"), undefined],
  ["members: the others with 33 members are 8085", () => checkHuntMembers(members(33), "uniform"), "8085"],
  ["distribution change: to 同報 with 5 members is accepted", () => checkDistributionChange("sequential", "simultaneous", 5), undefined],
  ["distribution change: to 同報 with 6 members is 8082", () => checkDistributionChange("sequential", "simultaneous", 6), "8082"],
  ["distribution change: away from 同報 with 32 members is accepted", () => checkDistributionChange("simultaneous", "random", 32), undefined],
  ["distribution change: away from 同報 with 33 members is 8083", () => checkDistributionChange("simultaneous", "random", 33), "8083"],
  ["distribution change: between the others is not limited here", () => checkDistributionChange("sequential", "random", 32), undefined],
  ["distribution change: no change, no check", () => checkDistributionChange("simultaneous", "simultaneous", 40), undefined],
  ["deletion: a group without members can be deleted", () => checkHuntGroupDeletable(0), undefined],
  ["deletion: a group with members is 8030", () => checkHuntGroupDeletable(1), "8030"],
];

for (const [name, fn, expected] of cases) {
  test(name, () => assert.equal(code(fn), expected));
}

test("members: sorted by order, the list itself untouched", () => {
  const input = [{ subscriberId: "b", order: 20 }, { subscriberId: "a", order: 10 }];
  assert.deepEqual(checkHuntMembers(input, "sequential"), [{ subscriberId: "a", order: 10 }, { subscriberId: "b", order: 20 }]);
  assert.equal(input[0]?.subscriberId, "b");
});

test("every distribution has a member limit", () => {
  assert.deepEqual(distributions.map((d) => maxMembers(d)), [32, 32, 32, 32, 5]);
});
