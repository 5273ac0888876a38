// The bulk registration rules against the current data (features.md §8, §10, §11, §13): one case per rule, named
// after it, and the preview's actions (追加 / 変更 / 変更なし / 競合).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { groupView } from "../../src/domain/extension-group/extension-group.ts";
import { moveExtensionMembers, planImport, type ImportLine, type ImportState, type MemberState } from "../../src/domain/import/import-plan.ts";
import { fileRefusal, lineIssue } from "../../src/domain/line-issue.ts";
import { defaultForwarding, type Forwarding } from "../../src/domain/subscriber/subscriber.ts";

const nobody: MemberState = { extensionGroupId: null, extension: null, huntGroupId: null, huntOrder: null, pickupGroupId: null };

function state(subscribers: Record<string, Partial<MemberState>>): ImportState {
  return {
    subscribers: new Map(Object.entries(subscribers).map(([id, s]) => [id, { ...nobody, ...s }])),
    extensionGroups: [
      { id: 1, name: "本社" },
      { id: 2, name: "支店" },
    ],
    huntGroups: [
      { id: 10, name: "代表", distribution: "sequential" },
      { id: 11, name: "同報", distribution: "simultaneous" },
    ],
    pickupGroups: [
      { id: 20, name: "受付" },
      { id: 21, name: "営業" },
    ],
  };
}

const vpn = (line: number, subscriberId: string, groupName: string, extension: string): ImportLine => ({ kind: "VPN", line, subscriberId, groupName, extension });
const hunt = (line: number, subscriberId: string, groupName: string, order: number): ImportLine => ({ kind: "HUNT", line, subscriberId, groupName, order });
const pickup = (line: number, subscriberId: string, groupName: string): ImportLine => ({ kind: "PICKUP", line, subscriberId, groupName });
const errorsOf = (plan: ReturnType<typeof planImport>) => plan.errors.map((e) => [e.line, e.code]);

describe("VPN (extension groups, features.md §10)", () => {
  const data = state({ a: { extensionGroupId: 1, extension: "101" }, b: { extensionGroupId: 1, extension: "102" }, c: {}, d: { extensionGroupId: 2, extension: "201" } });

  test("actions: 追加 (no group before), 変更 (another extension, another group, leaving), 変更なし", () => {
    const plan = planImport("VPN", [vpn(3, "a", "本社", "101"), vpn(4, "b", "本社", "112"), vpn(5, "c", "支店", "202"), vpn(6, "d", "", ""), vpn(7, "c2", "", "")], { ...data, subscribers: new Map([...data.subscribers, ["c2", nobody]]) });
    assert.deepEqual(
      plan.lines.map((l) => [l.subscriberId, l.action]),
      [
        ["a", "unchanged"],
        ["b", "change"],
        ["c", "add"],
        ["d", "change"],
        ["c2", "unchanged"],
      ],
    );
    assert.deepEqual(plan.summary, { add: 1, change: 2, unchanged: 2, conflict: 0 });
    assert.deepEqual(plan.changes, [
      { kind: "VPN", subscriberId: "b", groupId: 1, extension: "112" },
      { kind: "VPN", subscriberId: "c", groupId: 2, extension: "202" },
      { kind: "VPN", subscriberId: "d", groupId: null, extension: null },
    ]);
    assert.deepEqual(plan.groupIds, [1, 2]);
  });

  test("8072: a subscriber the enterprise doesn't have", () => {
    assert.deepEqual(errorsOf(planImport("VPN", [vpn(3, "zzz", "本社", "150")], data)), [[3, "8072"]]);
  });

  test("8051: an extension group that doesn't exist", () => {
    assert.deepEqual(errorsOf(planImport("VPN", [vpn(3, "c", "東京", "150")], data)), [[3, "8051"]]);
  });

  test("8052: an extension a member keeps", () => {
    assert.deepEqual(errorsOf(planImport("VPN", [vpn(3, "c", "本社", "101")], data)), [[3, "8052"]]);
  });

  test("8052: the same extension on two lines of the file (the later line)", () => {
    assert.deepEqual(errorsOf(planImport("VPN", [vpn(3, "c", "本社", "150"), vpn(4, "d", "本社", "150")], data)), [[4, "8052"]]);
  });

  test("an extension freed by another line of the file can be taken (a swap)", () => {
    assert.deepEqual(errorsOf(planImport("VPN", [vpn(3, "a", "本社", "102"), vpn(4, "b", "本社", "101")], data)), []);
  });

  test("the same extension in another group is fine", () => {
    assert.deepEqual(errorsOf(planImport("VPN", [vpn(3, "c", "支店", "101")], data)), []);
  });

  test("8070: a subscriber on two lines", () => {
    assert.deepEqual(errorsOf(planImport("VPN", [vpn(3, "c", "本社", "150"), vpn(4, "c", "支店", "250")], data)), [[4, "8070"]]);
  });
});

describe("HUNT (hunt groups, features.md §8)", () => {
  const data = state({ a: { huntGroupId: 10, huntOrder: 1 }, b: { huntGroupId: 11, huntOrder: 1 }, c: {}, d: {}, e: {}, f: {}, g: {}, h: {} });

  test("actions: 追加, 変更 (another order), 変更なし", () => {
    const plan = planImport("HUNT", [hunt(3, "a", "代表", 1), hunt(4, "c", "代表", 2)], data);
    assert.deepEqual(
      plan.lines.map((l) => [l.subscriberId, l.action, l.before, l.after]),
      [
        ["a", "unchanged", { group: "代表", order: 1 }, { group: "代表", order: 1 }],
        ["c", "add", { group: null, order: null }, { group: "代表", order: 2 }],
      ],
    );
    assert.equal(planImport("HUNT", [hunt(3, "a", "代表", 5)], data).lines[0]?.action, "change");
  });

  test("8072 unknown subscriber, 8053 unknown hunt group", () => {
    assert.deepEqual(errorsOf(planImport("HUNT", [hunt(3, "zzz", "代表", 2), hunt(4, "c", "なし", 2)], data)), [
      [3, "8072"],
      [4, "8053"],
    ]);
  });

  test("8022: a number in another hunt group is not moved", () => {
    assert.deepEqual(errorsOf(planImport("HUNT", [hunt(3, "b", "代表", 2)], data)), [[3, "8022"]]);
  });

  test("8022: one number put in two hunt groups by the file", () => {
    assert.deepEqual(errorsOf(planImport("HUNT", [hunt(3, "c", "代表", 2), hunt(4, "c", "同報", 2)], data)), [[4, "8022"]]);
  });

  test("8031: the same member twice in a group", () => {
    assert.deepEqual(errorsOf(planImport("HUNT", [hunt(3, "c", "代表", 2), hunt(4, "c", "代表", 3)], data)), [[4, "8031"]]);
  });

  test("8032: an order a member keeps, or an earlier line's", () => {
    assert.deepEqual(errorsOf(planImport("HUNT", [hunt(3, "c", "代表", 1)], data)), [[3, "8032"]]);
    assert.deepEqual(errorsOf(planImport("HUNT", [hunt(3, "c", "代表", 2), hunt(4, "d", "代表", 2)], data)), [[4, "8032"]]);
  });

  test("8084: at most 5 members for 同報 (the lines past the limit)", () => {
    const lines = ["c", "d", "e", "f", "g"].map((s, i) => hunt(3 + i, s, "同報", i + 2));
    assert.deepEqual(errorsOf(planImport("HUNT", lines, data)), [[7, "8084"]]);
  });

  test("8085: at most 32 members for the others", () => {
    const many: Record<string, Partial<MemberState>> = {};
    for (let i = 0; i < 33; i += 1) many[`m${i}`] = {};
    const lines = Object.keys(many).map((s, i) => hunt(3 + i, s, "代表", i + 1));
    assert.deepEqual(errorsOf(planImport("HUNT", lines, state(many))), [[35, "8085"]]);
  });
});

describe("PICKUP (pickup groups, features.md §11)", () => {
  const data = state({ a: { pickupGroupId: 20 }, b: {} });

  test("actions: 変更 (moves from another group), 追加, 変更なし", () => {
    assert.deepEqual(
      planImport("PICKUP", [pickup(3, "a", "営業"), pickup(4, "b", "受付")], data).lines.map((l) => [l.subscriberId, l.action]),
      [
        ["a", "change"],
        ["b", "add"],
      ],
    );
    assert.equal(planImport("PICKUP", [pickup(3, "a", "受付")], data).lines[0]?.action, "unchanged");
  });

  test("8072 unknown subscriber, 8048 unknown pickup group, 8070 a subscriber twice", () => {
    assert.deepEqual(errorsOf(planImport("PICKUP", [pickup(3, "zzz", "受付"), pickup(4, "b", "経理"), pickup(5, "a", "受付"), pickup(6, "a", "営業")], data)), [
      [3, "8072"],
      [4, "8048"],
      [6, "8070"],
    ]);
  });

  test("競合: a line with an error is a conflict and writes nothing", () => {
    const plan = planImport("PICKUP", [pickup(3, "b", "経理")], data);
    assert.equal(plan.lines[0]?.action, "conflict");
    assert.deepEqual(plan.changes, []);
  });
});

describe("forwarding follows an extension-group change (features.md §4)", () => {
  const forwarding = (destination: string): Forwarding => ({ ...structuredClone(defaultForwarding), unconditional: { enabled: true, destination } });
  const member = (id: string, number: string, groupId: number | null, extension: string | null, f: Forwarding = defaultForwarding) => ({
    id,
    number,
    extensionGroupId: groupId,
    extension,
    hasDestination: f.unconditional.destination !== "",
    forwarding: () => f,
  });

  test("a forward to a colleague's extension follows the colleague's new extension", () => {
    const moved = moveExtensionMembers([{ kind: "VPN", subscriberId: "b", groupId: 1, extension: "202" }], [member("a", "0311111111", 1, "101", forwarding("102")), member("b", "0322222222", 1, "102")], () => "0");
    assert.deepEqual(
      moved.updates.map((u) => [u.subscriberId, u.extension, u.forwarding?.unconditional.destination]),
      [
        ["a", "101", "202"],
        ["b", "202", undefined],
      ],
    );
  });

  test("an external number loses the prefix 0 when its owner leaves the group", () => {
    const moved = moveExtensionMembers([{ kind: "VPN", subscriberId: "a", groupId: null, extension: null }], [member("a", "0311111111", 1, "101", forwarding("0090123456789"))], () => "0");
    assert.deepEqual(moved.updates[0]?.forwarding?.unconditional.destination, "090123456789");
    assert.equal(moved.views.get(1)?.to.numberOf.size, 0);
    assert.deepEqual(groupView("0", []).numberOf.size, 0);
  });
});

describe("refusals", () => {
  test("the first error's code and message, every error in details, the asked status; 413 when a limit is the first", () => {
    const error = fileRefusal([lineIssue(5, "8072"), lineIssue(3, "8058"), lineIssue(null, "8056")], 400);
    assert.equal(error.code, "8056");
    assert.equal(error.status, 400);
    assert.deepEqual(
      (error.details as { errors: { line: number | null }[] }).errors.map((e) => e.line),
      [null, 3, 5],
    );
    assert.equal(fileRefusal([lineIssue(9, "8123")], 400).status, 413);
    assert.equal(fileRefusal([lineIssue(4, "8022")], 409).status, 409);
  });
});
