// routing.md, one case per rule, named after it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { route } from "../../../src/domain/routing/engine.ts";
import type { Call, Decision, RoutingState, Step } from "../../../src/domain/routing/types.ts";
import { World, numbers } from "./fixture.ts";

const tuesday10 = "2026-11-24T01:00:00Z"; // 10:00 Tuesday in Tokyo
const holiday10 = "2026-11-23T01:00:00Z"; // 10:00 on 勤労感謝の日 (Monday)

function inbound(world: World, dialed: string, from = "0698765432", at = tuesday10, state: RoutingState = {}): Decision {
  return route(world.snapshot(), { direction: "inbound", from, dialed, at }, state);
}
function outbound(world: World, caller: string, dialed: string, state: RoutingState = {}): Decision {
  const call: Call = { direction: "outbound", from: world.subscribers.get(caller)?.number ?? "", caller, dialed, at: tuesday10 };
  return route(world.snapshot(), call, state);
}
const kinds = (d: Decision) => d.plan.steps.map((s) => s.kind);
const last = (d: Decision): Step | undefined => d.plan.steps.at(-1);
const rung = (d: Decision) => d.plan.steps.filter((s) => s.kind === "ring").map((s) => (s.kind === "ring" ? s.targets.map((t) => ("subscriberId" in t ? t.subscriberId : t.external)).join("+") : ""));

// ---------------------------------------------------------------- outbound

test("outbound 1: an emergency-stopped caller is rejected 403", () => {
  const w = numbers(new World());
  w.add({ id: "x", number: "0312349999", emergencyStopped: true });
  assert.deepEqual(last(outbound(w, "x", "0612345678")), { kind: "reject", sip: 403, code: "8119" });
});

test("outbound 2: 184 withholds the caller ID for this call", () => {
  const d = outbound(numbers(new World()), "s1", "1840612345678");
  assert.equal(d.plan.presentation, "restricted");
  assert.deepEqual(rung(d), ["0612345678"]);
});

test("outbound 2: 186 presents the caller ID despite withholdCallerId", () => {
  const w = new World().add({ id: "s1", number: "0312340001", callSettings: { withholdCallerId: true } });
  assert.equal(outbound(w, "s1", "0612345678").plan.presentation, "restricted");
  assert.equal(outbound(w, "s1", "1860612345678").plan.presentation, "allowed");
});

test("outbound 2: emergency numbers always present the caller ID and pass every block", () => {
  const w = new World().add({ id: "s1", number: "0312340001", callSettings: { withholdCallerId: true, externalBlock: true } });
  for (const n of ["110", "118", "119", "184110"]) {
    const d = outbound(w, "s1", n);
    assert.equal(d.plan.presentation, "allowed", n);
    assert.deepEqual(rung(d), [n.replace(/^184/, "")], n);
  }
});

test("outbound 3: 1421 + destination sets and enables unconditional forwarding", () => {
  const d = outbound(numbers(new World()), "s1", "14210612345678");
  assert.deepEqual(d.plan.steps, [{ kind: "feature", action: "cfu-on", destination: "0612345678", result: "ok" }]);
  const effect = d.effects[0];
  assert.ok(effect?.kind === "forwarding");
  assert.deepEqual(effect.forwarding.unconditional, { enabled: true, destination: "0612345678" });
});

test("outbound 3: 1421 alone enables the stored destination; none stored is an error", () => {
  const w = new World().add({ id: "s1", number: "0312340001", forwarding: { unconditional: { enabled: false, destination: "0612345678" } } }).add({ id: "s2", number: "0312340002" });
  assert.equal(outbound(w, "s1", "1421").plan.steps[0]?.kind === "feature" && (outbound(w, "s1", "1421").plan.steps[0] as { result: string }).result, "ok");
  const none = outbound(w, "s2", "1421");
  assert.deepEqual(none.plan.steps[0], { kind: "feature", action: "cfu-on", result: "error", code: "8008" });
  assert.equal(none.effects.length, 0);
});

test("outbound 3: 1422/1424/1426 turn each type off; 1423/1425 turn busy and no answer on", () => {
  const w = new World().add({ id: "s1", number: "0312340001", forwarding: { busy: { enabled: true, destination: "0612345678" } } });
  const actions = ["1422", "1424", "1426", "14230612345678", "14250612345678"].map((c) => (outbound(w, "s1", c).plan.steps[0] as { action: string }).action);
  assert.deepEqual(actions, ["cfu-off", "cfb-off", "cfna-off", "cfb-on", "cfna-on"]);
});

test("outbound 3: feature codes may set international destinations (Italy keeps its 0)", () => {
  const d = outbound(numbers(new World()), "s1", "142101039061234567");
  assert.deepEqual(d.plan.steps[0], { kind: "feature", action: "cfu-on", destination: "01039061234567", result: "ok" });
});

test("outbound 3: feature codes refuse restricted classes (8039)", () => {
  assert.deepEqual(outbound(numbers(new World()), "s1", "14210570123456").plan.steps[0], { kind: "feature", action: "cfu-on", destination: "0570123456", result: "error", code: "8039" });
});

test("outbound 4: in an extension group, an extension calls that member", () => {
  const w = new World().extensionGroup(1, "本社").add({ id: "a", number: "0312340001", extensionGroupId: 1, extension: "201" }).add({ id: "b", number: "0312340002", extensionGroupId: 1, extension: "202" });
  assert.deepEqual(rung(outbound(w, "a", "202")), ["b"]);
});

test("outbound 4: digits after the external prefix are an external number", () => {
  const w = new World().extensionGroup(1, "本社").add({ id: "a", number: "0312340001", extensionGroupId: 1, extension: "201" });
  assert.deepEqual(rung(outbound(w, "a", "00612345678")), ["0612345678"]);
});

test("outbound 4: an incomplete extension is 484, anything else 404", () => {
  const w = new World().extensionGroup(1, "本社").add({ id: "a", number: "0312340001", extensionGroupId: 1, extension: "2011" });
  assert.equal((last(outbound(w, "a", "20")) as { sip: number }).sip, 484);
  assert.equal((last(outbound(w, "a", "999")) as { sip: number }).sip, 404);
});

test("pickup: a member dialling the pickup number answers the oldest call ringing at another member", () => {
  const w = new World().pickupGroup(1, "営業", "7").add({ id: "a", number: "0312340001", pickupGroupId: 1 }).add({ id: "b", number: "0312340002", pickupGroupId: 1 }).add({ id: "c", number: "0312340003" });
  const d = outbound(w, "a", "7", { ringing: [{ callId: "old-c", subscriberId: "c" }, { callId: "call-b", subscriberId: "b" }, { callId: "newer-b", subscriberId: "b" }] });
  assert.deepEqual(d.plan.steps, [{ kind: "pickup", ringing: "call-b", subscriberId: "b" }]);
  assert.equal((last(outbound(w, "a", "7", { ringing: [] })) as { sip: number }).sip, 404);
});

test("outbound 5: externalBlock allows only extensions and emergency numbers", () => {
  const w = new World().extensionGroup(1, "本社").add({ id: "a", number: "0312340001", extensionGroupId: 1, extension: "201", callSettings: { externalBlock: true } }).add({ id: "b", number: "0312340002", extensionGroupId: 1, extension: "202" });
  assert.equal((last(outbound(w, "a", "00612345678")) as { sip: number }).sip, 403);
  assert.deepEqual(rung(outbound(w, "a", "202")), ["b"]);
  assert.deepEqual(rung(outbound(w, "a", "119")), ["119"]);
});

test("outbound 5: internationalBlock refuses 010 and +", () => {
  const w = new World().add({ id: "a", number: "0312340001", callSettings: { internationalBlock: true } });
  assert.equal((last(outbound(w, "a", "0103912345678")) as { sip: number }).sip, 403);
  assert.equal((last(outbound(w, "a", "+3912345678")) as { sip: number }).sip, 403);
  assert.deepEqual(rung(outbound(w, "a", "0612345678")), ["0612345678"]);
});

test("outbound 6: a number of the platform gets its inbound treatment (internal call)", () => {
  const w = numbers(new World());
  (w.subscribers.get("s2")?.forwarding as { unconditional: { enabled: boolean; destination: string } }).unconditional = { enabled: true, destination: "0612345678" };
  const d = outbound(w, "s1", "0312340002");
  assert.deepEqual(kinds(d), ["forward"]);
});

test("outbound 6: the presented number is notifyNumber; dynamic selection picks the 050 number for 050 destinations", () => {
  const w = new World().add({ id: "a", number: "0312340001", originNumbers: ["05012340001"] });
  assert.equal(outbound(w, "a", "05099998888").plan.presentedNumber, "05012340001");
  assert.equal(outbound(w, "a", "0612345678").plan.presentedNumber, "0312340001");
  w.services = { ...w.services, dynamicNumber: false };
  assert.equal(outbound(w, "a", "05099998888").plan.presentedNumber, "0312340001");
});

// ---------------------------------------------------------------- inbound

test("inbound 1: an emergency-stopped number answers 480", () => {
  const w = new World().add({ id: "a", number: "0312340001", emergencyStopped: true });
  assert.deepEqual(last(inbound(w, "0312340001")), { kind: "reject", sip: 480, code: "8119" });
});

test("inbound 2: an anonymous caller to a number with anonymous rejection gets 433 with the announcement", () => {
  const w = new World().add({ id: "a", number: "0312340001", callSettings: { anonymousRejection: true } });
  assert.deepEqual(last(inbound(w, "0312340001", "anonymous")), { kind: "reject", sip: 433, announcement: "anonymous-rejection" });
  assert.deepEqual(kinds(inbound(w, "0312340001", "0698765432")), ["ring", "reject"]);
});

const businessDay = (dest: string) => ({ type: "weekday" as const, weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00", action: "unconditional" as const, destination: dest });

test("inbound 3: a weekday rule forwards a Tuesday 10:00 call", () => {
  const w = new World().schedule(1, "businessday", [businessDay("0612345678")]).add({ id: "a", number: "0312340001", forwarding: { schedule: { enabled: true, scheduleId: 1 } } });
  const d = inbound(w, "0312340001");
  assert.deepEqual(d.plan.steps[0], { kind: "forward", to: "0612345678", reason: "schedule", diversion: ["0312340001"] });
  assert.ok(d.explain.some((e) => e.rule === "scheduleRule#1" && e.detail.includes("スケジュール『businessday』1行目")));
});

test("inbound 3: the same schedule rings on the holiday 2026-11-23 (勤労感謝の日)", () => {
  const w = new World()
    .schedule(1, "businessday", [businessDay("0612345678"), { type: "holiday", start: "00:00", end: "24:00", action: "none" }])
    .add({ id: "a", number: "0312340001", forwarding: { schedule: { enabled: true, scheduleId: 1 } } });
  assert.deepEqual(kinds(inbound(w, "0312340001", "0698765432", holiday10)), ["ring", "reject"]);
});

test("inbound 3: a 特定日 rule beats a 祝祭日 rule", () => {
  const w = new World()
    .schedule(1, "s", [
      { type: "holiday", start: "00:00", end: "24:00", action: "unconditional", destination: "0611111111" },
      { type: "date", month: 11, day: 23, start: "00:00", end: "24:00", action: "unconditional", destination: "0622222222" },
    ])
    .add({ id: "a", number: "0312340001", forwarding: { schedule: { enabled: true, scheduleId: 1 } } });
  assert.equal((inbound(w, "0312340001", "0698765432", holiday10).plan.steps[0] as { to: string }).to, "0622222222");
});

test("inbound 3: a 祝祭日 rule beats a 曜日 rule, including 2027-01-11 成人の日", () => {
  const w = new World()
    .schedule(1, "s", [businessDay("0611111111"), { type: "holiday", start: "00:00", end: "24:00", action: "unconditional", destination: "0622222222" }])
    .add({ id: "a", number: "0312340001", forwarding: { schedule: { enabled: true, scheduleId: 1 } } });
  assert.equal((inbound(w, "0312340001", "0698765432", "2027-01-11T01:00:00Z").plan.steps[0] as { to: string }).to, "0622222222");
});

test("inbound 3: a substitute holiday counts as 祝祭日 (2025-05-06 振替休日)", () => {
  const w = new World()
    .schedule(1, "s", [businessDay("0611111111"), { type: "holiday", start: "00:00", end: "24:00", action: "unconditional", destination: "0622222222" }])
    .add({ id: "a", number: "0312340001", forwarding: { schedule: { enabled: true, scheduleId: 1 } } });
  assert.equal((inbound(w, "0312340001", "0698765432", "2025-05-06T01:00:00Z").plan.steps[0] as { to: string }).to, "0622222222");
});

test("inbound 3: schedules follow the enterprise's time zone", () => {
  const w = new World().schedule(1, "s", [businessDay("0611111111")]).add({ id: "a", number: "0312340001", forwarding: { schedule: { enabled: true, scheduleId: 1 } } });
  w.timeZone = "America/New_York"; // 2026-11-24T01:00Z is Monday 20:00 there
  assert.deepEqual(kinds(inbound(w, "0312340001")), ["ring", "reject"]);
  assert.deepEqual(kinds(inbound(w, "0312340001", "0698765432", "2026-11-24T15:00:00Z")), ["forward"]);
});

test("inbound 3: a no-answer rule uses the schedule's CFNA timeout; 何もしない leaves the static settings", () => {
  const w = new World()
    .schedule(1, "s", [{ type: "weekday", weekdays: [2], start: "09:00", end: "12:00", action: "noAnswer", destination: "0611111111" }], 45)
    .schedule(2, "n", [{ type: "weekday", weekdays: [2], start: "09:00", end: "12:00", action: "none" }])
    .add({ id: "a", number: "0312340001", forwarding: { schedule: { enabled: true, scheduleId: 1 } } })
    .add({ id: "b", number: "0312340002", forwarding: { schedule: { enabled: true, scheduleId: 2 }, busy: { enabled: true, destination: "0622222222" } } });
  const a = inbound(w, "0312340001");
  assert.equal((a.plan.steps[0] as { timeoutSec: number }).timeoutSec, 45);
  assert.equal((a.plan.steps[1] as { to: string }).to, "0611111111");
  assert.equal((inbound(w, "0312340002", "0698765432", tuesday10, { busy: ["b"] }).plan.steps[0] as { to: string }).to, "0622222222");
});

function huntWorld(distribution: "sequential" | "roundRobin" | "uniform" | "random" | "simultaneous", size = 4): World {
  const w = numbers(new World(), size + 1);
  w.hunt({ id: 1, name: "代表", pilotSubscriberId: "s1", distribution, slideTimerSec: 10, members: Array.from({ length: size }, (_, i) => ({ subscriberId: `s${i + 2}`, order: i + 1 })) });
  return w;
}

test("inbound 4: sequential rings the members by order, each for the slide timer, then 480", () => {
  const d = inbound(huntWorld("sequential"), "0312340001");
  assert.deepEqual(rung(d), ["s2", "s3", "s4", "s5"]);
  assert.ok(d.plan.steps.filter((s) => s.kind === "ring").every((s) => s.kind === "ring" && s.timeoutSec === 10));
  assert.deepEqual(last(d), { kind: "reject", sip: 480 });
});

test("inbound 4: busy, unregistered and stopped members are skipped; all busy is 486", () => {
  const w = huntWorld("sequential");
  assert.deepEqual(rung(inbound(w, "0312340001", "0698765432", tuesday10, { busy: ["s2"], unregistered: ["s4"] })), ["s3", "s5"]);
  assert.deepEqual(last(inbound(w, "0312340001", "0698765432", tuesday10, { busy: ["s2", "s3", "s4", "s5"] })), { kind: "reject", sip: 486 });
});

test("inbound 4: roundRobin starts after the member last offered, over several calls", () => {
  const w = huntWorld("roundRobin");
  let cursor: Record<string, string> = {};
  const firsts: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const d = inbound(w, "0312340001", "0698765432", tuesday10, { roundRobinCursor: cursor });
    firsts.push(rung(d)[0] ?? "");
    const effect = d.effects.find((e) => e.kind === "roundRobin");
    cursor = { "1": effect?.kind === "roundRobin" ? effect.subscriberId : "" };
  }
  assert.deepEqual(firsts, ["s2", "s3", "s4", "s5", "s2"]);
});

test("inbound 4: uniform offers the least-used member first (ties by order), over several calls", () => {
  const w = huntWorld("uniform");
  const usage: Record<string, number> = { s2: 3, s3: 1, s4: 1, s5: 2 };
  const firsts: string[] = [];
  for (let i = 0; i < 4; i += 1) {
    const d = inbound(w, "0312340001", "0698765432", tuesday10, { usage });
    const first = rung(d)[0] ?? "";
    firsts.push(first);
    usage[first] = (usage[first] ?? 0) + 1;
  }
  assert.deepEqual(firsts, ["s3", "s4", "s3", "s4"]);
});

test("inbound 4: random is a seeded order: the same seed the same order, other seeds other orders", () => {
  const w = huntWorld("random", 6);
  const order = (seed: number) => rung(inbound(w, "0312340001", "0698765432", tuesday10, { seed })).join(",");
  assert.equal(order(42), order(42));
  const orders = new Set(Array.from({ length: 20 }, (_, seed) => order(seed)));
  assert.ok(orders.size > 5, `${orders.size} different orders`);
  assert.deepEqual(order(7).split(",").sort(), ["s2", "s3", "s4", "s5", "s6", "s7"]);
});

test("inbound 4: simultaneous rings every available member at once", () => {
  const d = inbound(huntWorld("simultaneous"), "0312340001", "0698765432", tuesday10, { busy: ["s3"] });
  assert.equal(d.plan.steps[0]?.kind === "ring" && d.plan.steps[0].parallel, true);
  assert.deepEqual(rung(d), ["s2+s4+s5"]);
});

test("inbound 4: a hunt group's schedule with 無条件転送 forwards before distribution", () => {
  const w = huntWorld("sequential").schedule(1, "夜間", [businessDay("0611111111")]);
  const group = w.huntGroups.get(1);
  assert.ok(group !== undefined);
  w.hunt({ ...group, scheduleId: 1 });
  assert.deepEqual(kinds(inbound(w, "0312340001")), ["forward"]);
});

test("inbound 5: unconditional forwarding forwards at once", () => {
  const w = new World().add({ id: "a", number: "0312340001", forwarding: { unconditional: { enabled: true, destination: "0611111111" } } });
  assert.deepEqual(inbound(w, "0312340001").plan.steps, [{ kind: "forward", to: "0611111111", reason: "unconditional", diversion: ["0312340001"] }]);
});

test("inbound 5: busy → busy forwarding, else voicemail covering busy, else 486", () => {
  const w = new World()
    .add({ id: "a", number: "0312340001", forwarding: { busy: { enabled: true, destination: "0611111111" } } })
    .add({ id: "b", number: "0312340002", forwarding: { voicemail: { enabled: true, condition: "busy" } } })
    .add({ id: "c", number: "0312340003" });
  const busy = { busy: ["a", "b", "c"] };
  assert.equal((inbound(w, "0312340001", "x", tuesday10, busy).plan.steps[0] as { to: string }).to, "0611111111");
  assert.equal((inbound(w, "0312340002", "x", tuesday10, busy).plan.steps[0] as { to: string }).to, "voicemail");
  assert.deepEqual(last(inbound(w, "0312340003", "x", tuesday10, busy)), { kind: "reject", sip: 486 });
});

test("inbound 5: an unregistered number is treated as busy", () => {
  const w = new World().add({ id: "a", number: "0312340001", forwarding: { busy: { enabled: true, destination: "0611111111" } } });
  assert.equal((inbound(w, "0312340001", "x", tuesday10, { unregistered: ["a"] }).plan.steps[0] as { to: string }).to, "0611111111");
});

test("inbound 5: no answer within the timer → no-answer forwarding; else voicemail; else ring 180 s then 480", () => {
  const w = new World()
    .add({ id: "a", number: "0312340001", forwarding: { noAnswer: { enabled: true, destination: "0611111111", timerSec: 25 } } })
    .add({ id: "b", number: "0312340002", forwarding: { voicemail: { enabled: true, condition: "busyOrNoAnswer", ringSec: 12 } } })
    .add({ id: "c", number: "0312340003" });
  const a = inbound(w, "0312340001");
  assert.equal((a.plan.steps[0] as { timeoutSec: number }).timeoutSec, 25);
  assert.equal((a.plan.steps[1] as { reason: string }).reason, "noAnswer");
  const b = inbound(w, "0312340002");
  assert.equal((b.plan.steps[0] as { timeoutSec: number }).timeoutSec, 12);
  assert.equal((b.plan.steps[1] as { to: string }).to, "voicemail");
  const c = inbound(w, "0312340003");
  assert.equal((c.plan.steps[0] as { timeoutSec: number }).timeoutSec, 180);
  assert.deepEqual(last(c), { kind: "reject", sip: 480 });
});

test("inbound 6: a forward to another number of the platform continues there, recording the diversion", () => {
  const w = new World()
    .add({ id: "a", number: "0312340001", forwarding: { unconditional: { enabled: true, destination: "0312340002" } } })
    .add({ id: "b", number: "0312340002", forwarding: { busy: { enabled: true, destination: "0611111111" } } });
  const d = inbound(w, "0312340001", "0698765432", tuesday10, { busy: ["b"] });
  assert.deepEqual(d.plan.steps, [
    { kind: "forward", to: "0312340002", reason: "unconditional", subscriberId: "b", diversion: ["0312340001"] },
    { kind: "forward", to: "0611111111", reason: "busy", diversion: ["0312340001", "0312340002"] },
  ]);
});

test("inbound 6: a loop ends the chain with 482 and names it", () => {
  const w = new World()
    .add({ id: "a", number: "0312340001", forwarding: { unconditional: { enabled: true, destination: "0312340002" } } })
    .add({ id: "b", number: "0312340002", forwarding: { unconditional: { enabled: true, destination: "0312340001" } } });
  const d = inbound(w, "0312340001");
  assert.deepEqual(last(d), { kind: "reject", sip: 482, code: "8118" });
  assert.ok(d.explain.some((e) => e.rule === "loop" && e.detail.includes("0312340001 → 0312340002 → 0312340001")));
});

test("inbound 6: at most 5 hops", () => {
  const w = new World();
  for (let i = 1; i <= 8; i += 1) w.add({ id: `h${i}`, number: `031234100${i}`, forwarding: { unconditional: { enabled: true, destination: `031234100${i + 1}` } } });
  const d = inbound(w, "0312341001");
  assert.ok(d.plan.steps.filter((s) => s.kind === "forward").length <= 5);
  assert.deepEqual(last(d), { kind: "reject", sip: 482, code: "8118" });
});

test("inbound: an unknown number is 404", () => {
  assert.equal((last(inbound(new World(), "0399999999")) as { sip: number }).sip, 404);
});
