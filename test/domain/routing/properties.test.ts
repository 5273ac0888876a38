// routing.md properties (fast-check): deterministic, at most 5 hops, never rings a stopped number.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { route } from "../../../src/domain/routing/engine.ts";
import type { Decision } from "../../../src/domain/routing/types.ts";
import { World } from "./fixture.ts";

const count = 8;
const numberOf = (i: number) => `031234000${i}`;
const destination = fc.oneof(fc.integer({ min: 1, max: count }).map(numberOf), fc.constant("0612345678"), fc.constant("09012345678"));
const part = fc.record({ enabled: fc.boolean(), destination });

const worldArb = fc
  .record({
    subscribers: fc.array(
      fc.record({
        stopped: fc.boolean(),
        anonymousRejection: fc.boolean(),
        unconditional: part,
        busy: part,
        noAnswer: fc.record({ enabled: fc.boolean(), destination, timerSec: fc.integer({ min: 1, max: 180 }) }),
        voicemail: fc.record({ enabled: fc.boolean(), condition: fc.constantFrom("all", "noAnswer", "busy", "busyOrNoAnswer" as const), ringSec: fc.integer({ min: 1, max: 180 }) }),
      }),
      { minLength: count, maxLength: count },
    ),
    hunt: fc.option(
      fc.record({
        distribution: fc.constantFrom("sequential", "roundRobin", "uniform", "random", "simultaneous" as const),
        members: fc.uniqueArray(fc.integer({ min: 2, max: count }), { minLength: 1, maxLength: 5 }),
      }),
    ),
  })
  .map(({ subscribers, hunt }) => {
    const w = new World();
    subscribers.forEach((s, i) => {
      w.add({
        id: `s${i + 1}`,
        number: numberOf(i + 1),
        emergencyStopped: s.stopped,
        callSettings: { anonymousRejection: s.anonymousRejection },
        forwarding: { unconditional: s.unconditional, busy: s.busy, noAnswer: s.noAnswer, voicemail: s.voicemail },
      });
    });
    if (hunt !== null) {
      w.hunt({ id: 1, name: "代表", pilotSubscriberId: "s1", distribution: hunt.distribution, slideTimerSec: 10, members: hunt.members.map((m, i) => ({ subscriberId: `s${m}`, order: i + 1 })) });
    }
    return w;
  });

const callArb = fc.record({
  dialed: fc.integer({ min: 1, max: count }).map(numberOf),
  from: fc.oneof(fc.constant("anonymous"), fc.constant("0698765432")),
  at: fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
  busy: fc.subarray(Array.from({ length: count }, (_, i) => `s${i + 1}`)),
  seed: fc.integer(),
});

function decide(w: World, c: { dialed: string; from: string; at: string; busy: string[]; seed: number }): Decision {
  return route(w.snapshot(), { direction: "inbound", from: c.from, dialed: c.dialed, at: c.at }, { busy: c.busy, seed: c.seed });
}

test("property: the same input and seed give the same plan", () => {
  fc.assert(
    fc.property(worldArb, callArb, (w, c) => {
      assert.deepEqual(decide(w, c), decide(w, c));
    }),
    { numRuns: 300 },
  );
});

test("property: no plan has more than 5 hops", () => {
  fc.assert(
    fc.property(worldArb, callArb, (w, c) => {
      const forwards = decide(w, c).plan.steps.filter((s) => s.kind === "forward" && s.subscriberId !== undefined);
      assert.ok(forwards.length <= 5, `${forwards.length} hops`);
    }),
    { numRuns: 300 },
  );
});

test("property: no plan rings a stopped number", () => {
  fc.assert(
    fc.property(worldArb, callArb, (w, c) => {
      for (const step of decide(w, c).plan.steps) {
        if (step.kind !== "ring") continue;
        for (const t of step.targets) if ("subscriberId" in t) assert.equal(w.subscribers.get(t.subscriberId)?.emergencyStopped, false, `rang stopped ${t.subscriberId}`);
      }
    }),
    { numRuns: 300 },
  );
});

test("property: every plan ends (its last step connects, forwards out, rejects or picks up)", () => {
  fc.assert(
    fc.property(worldArb, callArb, (w, c) => {
      const steps = decide(w, c).plan.steps;
      assert.ok(steps.length > 0);
      const last = steps.at(-1);
      assert.ok(last?.kind !== "forward" || last.subscriberId === undefined, "a plan does not end on an internal hop");
    }),
    { numRuns: 300 },
  );
});
