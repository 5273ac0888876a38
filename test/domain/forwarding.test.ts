// features.md §4: forwarding checks, the simple view, loop detection.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DomainError } from "../../src/domain/errors.ts";
import { checkForwarding, fromSimpleView, toSimpleView } from "../../src/domain/forwarding/forwarding.ts";
import { describeLoop, findLoop, type ForwardEdge } from "../../src/domain/forwarding/loop.ts";
import { copyForwarding, defaultForwarding, sameForwarding, type Forwarding } from "../../src/domain/subscriber/subscriber.ts";

const web = { allowInternational: false };
const base = (): Forwarding => structuredClone(defaultForwarding);

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? `${error.code}@${error.field ?? ""}` : "thrown";
  }
}

const cases: [string, (f: Forwarding) => void, string | undefined][] = [
  ["defaults are valid (no-answer timer 20 s)", () => undefined, undefined],
  ["an enabled type needs a destination (8008)", (f) => (f.busy.enabled = true), "8008@busy.destination"],
  ["the no-answer timer of 0 s is 8103", (f) => (f.noAnswer.timerSec = 0), "8103@noAnswer.timerSec"],
  ["the no-answer timer of 181 s is 8103", (f) => (f.noAnswer.timerSec = 181), "8103@noAnswer.timerSec"],
  ["the no-answer timer of 180 s is allowed", (f) => (f.noAnswer.timerSec = 180), undefined],
  ["the voicemail ring time follows the same range", (f) => (f.voicemail.ringSec = 500), "8103@voicemail.ringSec"],
  ["a disabled type's destination is still checked", (f) => (f.unconditional.destination = "0120123456"), "8039@unconditional.destination"],
  ["schedule forwarding needs a schedule", (f) => (f.schedule.enabled = true), "8008@schedule.scheduleId"],
  ["international forwarding is refused on the web", (f) => Object.assign(f.unconditional, { enabled: true, destination: "0103912345678" }), "8102@unconditional.destination"],
];

for (const [name, change, expected] of cases) {
  test(`forwarding: ${name}`, () => {
    const f = base();
    change(f);
    assert.equal(code(() => checkForwarding(f, web)), expected);
  });
}

test("simple view: off, voicemail and each forward condition round-trip", () => {
  for (const view of [
    { mode: "off", condition: "noAnswer", destination: "", ringSec: 20 },
    { mode: "voicemail", condition: "busyOrNoAnswer", destination: "", ringSec: 15 },
    { mode: "forward", condition: "all", destination: "0612345678", ringSec: 20 },
    { mode: "forward", condition: "busy", destination: "0612345678", ringSec: 20 },
    { mode: "forward", condition: "noAnswer", destination: "0612345678", ringSec: 30 },
    { mode: "forward", condition: "busyOrNoAnswer", destination: "0612345678", ringSec: 25 },
  ] as const) {
    assert.deepEqual(toSimpleView(fromSimpleView(base(), view)), view, `${view.mode}/${view.condition}`);
  }
});

test("simple view: different destinations per type can't be shown (the detailed view is needed)", () => {
  const f = base();
  f.busy = { enabled: true, destination: "0612345678" };
  f.noAnswer = { enabled: true, destination: "0698765432", timerSec: 20 };
  assert.equal(toSimpleView(f), undefined);
});

const graph = (edges: Record<string, [string, string][]>) =>
  new Map<string, ForwardEdge[]>(Object.entries(edges).map(([k, v]) => [k, v.map(([to, via]) => ({ to, via }))]));

test("loop: A → B → A is found and spelled out", () => {
  const loop = findLoop(graph({ A: [["B", "unconditional"]], B: [["A", "busy"]] }), "A");
  assert.deepEqual(loop?.numbers, ["A", "B", "A"]);
  assert.equal(describeLoop(loop!, { unconditional: "無条件転送", busy: "話中時転送" }), "A →(無条件転送) B →(話中時転送) A");
});

test("loop: a chain without a cycle is fine", () => {
  assert.equal(findLoop(graph({ A: [["B", "busy"]], B: [["C", "busy"]], C: [] }), "A"), undefined);
});

test("loop: a cycle further down the chain is found from the start", () => {
  assert.deepEqual(findLoop(graph({ A: [["B", "busy"]], B: [["C", "noAnswer"]], C: [["B", "schedule"]] }), "A")?.numbers, ["B", "C", "B"]);
});

test("loop: a number forwarding to itself is a loop", () => {
  assert.deepEqual(findLoop(graph({ A: [["A", "noAnswer"]] }), "A")?.numbers, ["A", "A"]);
});

test("same forwarding: equal settings are the same whatever the objects; any one field changed is not", () => {
  assert.equal(sameForwarding(base(), copyForwarding(defaultForwarding)), true);
  assert.equal(sameForwarding(JSON.parse(JSON.stringify(base())) as Forwarding, base()), true);
  const changes: ((f: Forwarding) => void)[] = [
    (f) => (f.unconditional.enabled = true),
    (f) => (f.unconditional.destination = "0312345678"),
    (f) => (f.busy.enabled = true),
    (f) => (f.busy.destination = "0312345678"),
    (f) => (f.noAnswer.enabled = true),
    (f) => (f.noAnswer.destination = "0312345678"),
    (f) => (f.noAnswer.timerSec = 25),
    (f) => (f.schedule.enabled = true),
    (f) => (f.schedule.scheduleId = 3),
    (f) => (f.voicemail.enabled = true),
    (f) => (f.voicemail.condition = "all"),
    (f) => (f.voicemail.ringSec = 30),
  ];
  for (const [i, change] of changes.entries()) {
    const changed = base();
    change(changed);
    assert.equal(sameForwarding(changed, base()), false, `change ${i}`);
    assert.equal(sameForwarding(base(), changed), false, `change ${i}, the other way`);
  }
});
