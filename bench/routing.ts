// Benchmark: in-process route decisions per second (quality.md: ≥ 100,000/s for an ordinary number,
// ≥ 20,000/s for a 32-member hunt group with a schedule). Not a test: it prints figures.
import { performance } from "node:perf_hooks";
import { defaultSelfService, defaultServices } from "../src/domain/enterprise/enterprise.ts";
import { route } from "../src/domain/routing/engine.ts";
import type { Call, RoutingHuntGroup, RoutingSnapshot, RoutingSubscriber } from "../src/domain/routing/types.ts";
import { defaultCallSettings, defaultForwarding, type Forwarding } from "../src/domain/subscriber/subscriber.ts";

import type { Figure } from "./figures.ts";

function subscriber(i: number, patch: Partial<RoutingSubscriber> = {}): RoutingSubscriber {
  const number = `03${String(10_000_000 + i)}`;
  return {
    id: `s${i}`,
    enterpriseId: "e1",
    number,
    numberKind: "oabj",
    displayName: `加入者${i}`,
    callSettings: { ...defaultCallSettings },
    forwarding: structuredClone(defaultForwarding),
    emergencyStopped: false,
    extensionGroupId: null,
    extension: "",
    pickupGroupId: null,
    huntGroupId: null,
    notifyNumber: number,
    originNumbers: [],
    ...patch,
  };
}

export function benchSnapshot(size = 1000): RoutingSnapshot {
  const subscribers = new Map<string, RoutingSubscriber>();
  for (let i = 0; i < size; i += 1) {
    const f: Forwarding = structuredClone(defaultForwarding);
    f.noAnswer = { enabled: true, destination: "09012345678", timerSec: 20 };
    f.busy = { enabled: true, destination: "0612345678" };
    subscribers.set(`s${i}`, subscriber(i, { forwarding: f }));
  }
  const hunt: RoutingHuntGroup = {
    id: 1,
    name: "代表",
    enterpriseId: "e1",
    pilotSubscriberId: "s0",
    distribution: "roundRobin",
    slideTimerSec: 10,
    scheduleId: 1,
    scheduleEnabled: true,
    members: Array.from({ length: 32 }, (_, i) => ({ subscriberId: `s${i + 1}`, order: i + 1 })),
  };
  const byNumber = new Map([...subscribers.values()].map((s) => [s.number, s]));
  return {
    subscribers,
    byNumber,
    enterprises: new Map([["e1", { id: "e1", timeZone: "Asia/Tokyo", services: { ...defaultServices }, selfService: { ...defaultSelfService } }]]),
    schedules: new Map([
      [
        1,
        {
          id: 1,
          name: "夜間",
          cfnaTimeoutSec: 20,
          extensionGroupId: null,
          rules: [
            { type: "weekday", weekdays: [1, 2, 3, 4, 5], start: "18:00", end: "24:00", action: "unconditional", destination: "0612345678" },
            { type: "holiday", start: "00:00", end: "24:00", action: "unconditional", destination: "0612345678" },
          ],
        },
      ],
    ]),
    huntGroups: new Map([[1, hunt]]),
    huntByPilot: new Map([["s0", hunt]]),
    extensionGroups: new Map(),
    pickupGroups: new Map(),
  };
}

function rate(fn: () => unknown, ms = 1500): number {
  for (let i = 0; i < 2000; i += 1) fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 500; i += 1) fn();
    n += 500;
    now = performance.now();
  }
  return Math.round((n * 1000) / (now - start));
}

export function routingFigures(): Figure[] {
  const snapshot = benchSnapshot();
  const ordinary: Call = { direction: "inbound", from: "0698765432", dialed: snapshot.subscribers.get("s500")?.number ?? "", at: "2026-11-24T01:00:00Z" };
  const huntCall: Call = { direction: "inbound", from: "0698765432", dialed: snapshot.subscribers.get("s0")?.number ?? "", at: "2026-11-24T01:00:00Z" };
  const state = { busy: ["s3", "s7"], roundRobinCursor: { "1": "s5" } };
  const a = rate(() => route(snapshot, ordinary, state));
  const b = rate(() => route(snapshot, huntCall, state));
  return [
    { name: "route decision, ordinary number (in process)", value: a, unit: "plans/s", target: "≥ 100000", pass: a >= 100_000 },
    { name: "route decision, 32-member hunt group with a schedule (in process)", value: b, unit: "plans/s", target: "≥ 20000", pass: b >= 20_000 },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of routingFigures()) console.log(`${f.pass ? "✔" : "✖"} ${f.name}: ${f.value.toLocaleString("en")} ${f.unit} (target ${f.target})`);
}
