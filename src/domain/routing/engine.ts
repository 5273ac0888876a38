// The routing engine (routing.md): pure — snapshot + call + state → plan + explanation + effects.
// No I/O, no clock (the call carries its instant), randomness from the seed in the state.
import { DomainError } from "../errors.ts";
import { checkDestination } from "../forwarding/destination-policy.ts";
import { ruleInForce, type ScheduleRule } from "../schedule/schedule.ts";
import type { Forwarding } from "../subscriber/subscriber.ts";
import { holidayOf, localTime } from "../time.ts";
import { seededRandom, shuffle } from "./random.ts";
import type {
  Call,
  Decision,
  Effect,
  Explanation,
  FeatureAction,
  ForwardReason,
  Plan,
  RingTarget,
  RoutingHuntGroup,
  RoutingSchedule,
  RoutingSnapshot,
  RoutingState,
  RoutingSubscriber,
  SettingLink,
  Step,
} from "./types.ts";

/** routing.md inbound 6: at most 5 hops. */
export const maxHops = 5;
/** routing.md inbound 5: an unanswered call keeps ringing until 180 s. */
export const maxRingSec = 180;
export const emergencyNumbers: ReadonlySet<string> = new Set(["110", "118", "119"]);
const noNumbers: ReadonlySet<string> = new Set();

const actionLabel: Record<string, [string, string]> = {
  unconditional: ["無条件転送", "unconditional forwarding"],
  busy: ["話中時転送", "busy forwarding"],
  noAnswer: ["無応答転送", "no-answer forwarding"],
  none: ["何もしない", "no change"],
};
const typeLabel: Record<string, [string, string]> = { date: ["特定日", "date"], weekday: ["曜日", "weekday"], holiday: ["祝祭日", "holiday"] };

interface Effective {
  enabled: boolean;
  destination: string;
  /** Where it comes from, for the explanation. */
  source: { kind: "static" } | { kind: "schedule"; schedule: RoutingSchedule; row: number };
}

interface EffectiveForwarding {
  unconditional: Effective;
  busy: Effective;
  noAnswer: Effective & { timerSec: number };
}

class Run {
  readonly steps: Step[] = [];
  readonly explain: Explanation[] = [];
  readonly effects: Effect[] = [];
  presentation: "allowed" | "restricted" | undefined;
  presentedNumber: string | undefined;
  readonly busy: ReadonlySet<string>;
  readonly unregistered: ReadonlySet<string>;
  readonly instant: Date;
  #random: (() => number) | undefined;

  readonly snapshot: RoutingSnapshot;
  readonly call: Call;
  readonly state: RoutingState;

  constructor(snapshot: RoutingSnapshot, call: Call, state: RoutingState) {
    this.snapshot = snapshot;
    this.call = call;
    this.state = state;
    // Most calls carry no state: they share one empty set rather than make two.
    this.busy = state.busy === undefined || state.busy.length === 0 ? noNumbers : new Set(state.busy);
    this.unregistered = state.unregistered === undefined || state.unregistered.length === 0 ? noNumbers : new Set(state.unregistered);
    this.instant = new Date(call.at);
  }

  get random(): () => number {
    this.#random ??= seededRandom(this.state.seed ?? 0);
    return this.#random;
  }

  step(step: Step): number {
    this.steps.push(step);
    return this.steps.length;
  }

  note(rule: string, detail: string, detailEn: string, link?: SettingLink, step?: number): void {
    this.explain.push({ rule, detail, detailEn, ...(link === undefined ? {} : { link }), ...(step === undefined ? {} : { step }) });
  }

  reject(sip: 403 | 404 | 433 | 480 | 486 | 482 | 484, rule: string, detail: string, detailEn: string, extra: { code?: string; announcement?: string; link?: SettingLink } = {}): void {
    const n = this.step({ kind: "reject", sip, ...(extra.code === undefined ? {} : { code: extra.code }), ...(extra.announcement === undefined ? {} : { announcement: extra.announcement }) });
    this.note(rule, detail, detailEn, extra.link, n);
  }

  decision(): Decision {
    const plan: Plan = {
      steps: this.steps,
      ...(this.presentation === undefined ? {} : { presentation: this.presentation }),
      ...(this.presentedNumber === undefined ? {} : { presentedNumber: this.presentedNumber }),
    };
    return { plan, explain: this.explain, effects: this.effects };
  }
}

function digitsOf(input: string): string {
  const trimmed = input.trim();
  return (trimmed.startsWith("+") ? "+" : "") + trimmed.replace(/\D/g, "");
}

/** Decides what happens to one call. */
export function route(snapshot: RoutingSnapshot, call: Call, state: RoutingState = {}): Decision {
  const run = new Run(snapshot, call, state);
  if (Number.isNaN(run.instant.getTime())) {
    run.reject(404, "invalidCall", "発信日時が不正です。", "The call's time is invalid.", { code: "8009" });
    return run.decision();
  }
  if (call.direction === "outbound") outbound(run);
  else {
    const target = snapshot.byNumber.get(digitsOf(call.dialed));
    if (target === undefined) run.reject(404, "unknownNumber", `${call.dialed} はこの基盤の番号ではありません。`, `${call.dialed} is not a number of this platform.`, { code: "8049" });
    else inbound(run, target, call.from === "anonymous" ? "anonymous" : digitsOf(call.from), [], new Set());
  }
  return run.decision();
}

// ---------------------------------------------------------------------------------------------
// Outbound (routing.md outbound 1–6)

function outbound(run: Run): void {
  const { snapshot, call } = run;
  const caller = (call.caller === undefined ? undefined : snapshot.subscribers.get(call.caller)) ?? snapshot.byNumber.get(digitsOf(call.from));
  if (caller === undefined) {
    run.reject(403, "unknownCaller", "発信者がこの基盤の加入者ではありません。", "The caller is not a subscriber of this platform.", { code: "8049" });
    return;
  }
  // 1. emergency stop
  if (caller.emergencyStopped) {
    run.reject(403, "emergencyStop", `${caller.number} は緊急停止中のため発信できません。`, `${caller.number} is under emergency stop and can't call.`, {
      code: "8119",
      link: { kind: "subscriber", subscriberId: caller.id, section: "terminal" },
    });
    return;
  }
  const enterprise = snapshot.enterprises.get(caller.enterpriseId);
  let digits = digitsOf(call.dialed);

  // 2. caller-ID presentation: 184 / 186 per call, else the number's setting
  run.presentation = caller.callSettings.withholdCallerId ? "restricted" : "allowed";
  if (caller.callSettings.withholdCallerId) {
    run.note("withholdCallerId", "回線毎非通知が設定されているため、番号を通知しません。", "Caller ID is withheld for this number (回線毎非通知).", { kind: "subscriber", subscriberId: caller.id, section: "callSettings" });
  }
  if (digits.startsWith("184") && digits.length > 3) {
    digits = digits.slice(3);
    run.presentation = "restricted";
    run.note("184", "184 が付いているため、この通話は番号を通知しません。", "184: caller ID withheld for this call.");
  } else if (digits.startsWith("186") && digits.length > 3) {
    digits = digits.slice(3);
    run.presentation = "allowed";
    run.note("186", "186 が付いているため、この通話は番号を通知します。", "186: caller ID presented for this call.");
  }
  if (emergencyNumbers.has(digits)) {
    run.presentation = "allowed";
    run.presentedNumber = caller.number;
    const n = run.step({ kind: "ring", targets: [{ external: digits }], parallel: false });
    run.note("emergency", `緊急通報 ${digits} は規制にかかわらず発信し、番号を必ず通知します。`, `Emergency number ${digits}: always connected, caller ID always presented.`, undefined, n);
    return;
  }

  // 3. feature codes 1421–1426
  if (/^142[1-6]/.test(digits)) {
    featureCode(run, caller, digits);
    return;
  }

  // 4. extension group dialling and the pickup number
  let external = digits;
  const group = caller.extensionGroupId === null ? undefined : snapshot.extensionGroups.get(caller.extensionGroupId);
  const pickup = caller.pickupGroupId === null ? undefined : snapshot.pickupGroups.get(caller.pickupGroupId);
  if (group !== undefined) {
    const memberId = group.members.get(digits);
    if (memberId !== undefined) {
      const member = snapshot.subscribers.get(memberId);
      if (member !== undefined) {
        run.note("extension", `内線 ${digits} は内線グループ「${group.name}」の ${member.number} です。`, `Extension ${digits} of group "${group.name}" is ${member.number}.`, { kind: "extensionGroup", extensionGroupId: group.id });
        internalCall(run, caller, member);
        return;
      }
    }
    if (pickup !== undefined && digits === pickup.number) {
      pickUp(run, caller, pickup.id);
      return;
    }
    if (digits.startsWith(group.externalPrefix) && digits.length > group.externalPrefix.length + 2) {
      external = digits.slice(group.externalPrefix.length);
      run.note("externalPrefix", `外線プレフィックス「${group.externalPrefix}」を除いた ${external} に外線発信します。`, `External prefix "${group.externalPrefix}" removed: calling ${external}.`, { kind: "extensionGroup", extensionGroupId: group.id });
    } else {
      const partial = [...group.members.keys()].some((ext) => ext.startsWith(digits) && ext !== digits);
      if (partial) run.reject(484, "incompleteExtension", `${digits} は内線番号の途中です。`, `${digits} is an incomplete extension.`, { link: { kind: "extensionGroup", extensionGroupId: group.id } });
      else run.reject(404, "unknownExtension", `${digits} は内線グループ「${group.name}」の内線番号でも外線(先頭 ${group.externalPrefix})でもありません。`, `${digits} is neither an extension of "${group.name}" nor an external number (prefix ${group.externalPrefix}).`, { link: { kind: "extensionGroup", extensionGroupId: group.id } });
      return;
    }
  } else if (pickup !== undefined && digits === pickup.number) {
    pickUp(run, caller, pickup.id);
    return;
  }

  // 5. restrictions
  const international = external.startsWith("010") || external.startsWith("+");
  if (caller.callSettings.externalBlock) {
    run.reject(403, "externalBlock", "外線発信規制のため、内線と緊急通報以外には発信できません。", "External calls are blocked for this number (外線発信規制).", { link: { kind: "subscriber", subscriberId: caller.id, section: "callSettings" } });
    return;
  }
  if (international && caller.callSettings.internationalBlock) {
    run.reject(403, "internationalBlock", "国際発信規制のため、国際電話は発信できません。", "International calls are blocked for this number (国際発信規制).", { link: { kind: "subscriber", subscriberId: caller.id, section: "callSettings" } });
    return;
  }

  // 6. a number of the platform, or the PSTN
  const onNet = run.snapshot.byNumber.get(external);
  if (onNet !== undefined) {
    run.note("onNet", `${external} はこの基盤の番号のため、内線通話として着信処理します。`, `${external} is a number of this platform: handled as an internal call.`);
    internalCall(run, caller, onNet);
    return;
  }
  run.presentedNumber = presentedNumber(run, caller, external, enterprise?.services.dynamicNumber ?? false);
  const n = run.step({ kind: "ring", targets: [{ external }], parallel: false });
  run.note("pstn", `${external} へ外線発信します(通知番号 ${run.presentedNumber}${run.presentation === "restricted" ? "、非通知" : ""})。`, `Calling ${external} on the PSTN (presented number ${run.presentedNumber}${run.presentation === "restricted" ? ", withheld" : ""}).`, undefined, n);
}

/** routing.md outbound 6: notifyNumber, or with dynamic number selection the 050 number for a 050 destination and the 0AB-J otherwise. */
function presentedNumber(run: Run, caller: RoutingSubscriber, destination: string, dynamic: boolean): string {
  const fallback = caller.notifyNumber === "" ? caller.number : caller.notifyNumber;
  if (!dynamic) return fallback;
  const owned = [caller.number, ...caller.originNumbers].filter((n) => n !== "");
  const want050 = destination.startsWith("050");
  const pick = owned.find((n) => (want050 ? n.startsWith("050") : !n.startsWith("050")));
  if (pick !== undefined && pick !== fallback) {
    run.note("dynamicNumber", `発番号自動選択により ${pick} を通知します。`, `Dynamic number selection presents ${pick}.`, { kind: "subscriber", subscriberId: caller.id, section: "callSettings" });
  }
  return pick ?? fallback;
}

function internalCall(run: Run, caller: RoutingSubscriber, target: RoutingSubscriber): void {
  run.presentedNumber = caller.number;
  inbound(run, target, run.presentation === "restricted" ? "anonymous" : caller.number, [], new Set());
}

function pickUp(run: Run, caller: RoutingSubscriber, pickupGroupId: number): void {
  const group = run.snapshot.pickupGroups.get(pickupGroupId);
  const members = new Set(group?.memberIds ?? []);
  const ringing = (run.state.ringing ?? []).find((r) => members.has(r.subscriberId) && r.subscriberId !== caller.id);
  if (group === undefined || ringing === undefined) {
    run.reject(404, "pickupNone", "ピックアップできる着信はありません。", "No call to pick up.", group === undefined ? {} : { link: { kind: "pickupGroup", pickupGroupId } });
    return;
  }
  const n = run.step({ kind: "pickup", ringing: ringing.callId, subscriberId: ringing.subscriberId });
  run.note("pickup", `ピックアップグループ「${group.name}」で ${ringing.subscriberId} への着信を代理応答します。`, `Picking up the call ringing at ${ringing.subscriberId} (pickup group "${group.name}").`, { kind: "pickupGroup", pickupGroupId }, n);
}

// ---------------------------------------------------------------------------------------------
// Feature codes (routing.md outbound 3, features.md §17)

const featureTable: Record<string, { type: "unconditional" | "busy" | "noAnswer"; on: boolean; action: FeatureAction }> = {
  "1421": { type: "unconditional", on: true, action: "cfu-on" },
  "1422": { type: "unconditional", on: false, action: "cfu-off" },
  "1423": { type: "busy", on: true, action: "cfb-on" },
  "1424": { type: "busy", on: false, action: "cfb-off" },
  "1425": { type: "noAnswer", on: true, action: "cfna-on" },
  "1426": { type: "noAnswer", on: false, action: "cfna-off" },
};

function featureCode(run: Run, caller: RoutingSubscriber, digits: string): void {
  const code = digits.slice(0, 4);
  const spec = featureTable[code];
  if (spec === undefined) return;
  const rest = digits.slice(4);
  const [ja, en] = actionLabel[spec.type] ?? ["", ""];
  const fail = (errorCode: string, why: string, whyEn: string) => {
    const n = run.step({ kind: "feature", action: spec.action, ...(rest === "" ? {} : { destination: rest }), result: "error", code: errorCode });
    run.note(`feature:${code}`, `${code}: ${ja}の設定に失敗しました(${why})。`, `${code}: ${en} not changed (${whyEn}).`, { kind: "subscriber", subscriberId: caller.id, section: "forwarding" }, n);
  };
  const enterprise = run.snapshot.enterprises.get(caller.enterpriseId);
  if (enterprise !== undefined && !enterprise.services.forwarding) {
    fail("8115", "転送サービスのご契約がありません", "no forwarding contract");
    return;
  }
  const next: Forwarding = structuredClone(caller.forwarding);
  if (!spec.on) {
    if (rest !== "") {
      fail("8009", "番号は不要です", "no number expected");
      return;
    }
    next[spec.type].enabled = false;
  } else if (rest === "") {
    if (next[spec.type].destination === "") {
      fail("8008", "転送先が登録されていません", "no stored destination");
      return;
    }
    next[spec.type].enabled = true;
  } else {
    const group = caller.extensionGroupId === null ? undefined : run.snapshot.extensionGroups.get(caller.extensionGroupId);
    try {
      // features.md §17: international destinations are allowed from the phone.
      const checked = checkDestination(rest, "destination", {
        allowInternational: true,
        extensionGroup: group === undefined ? undefined : { externalPrefix: group.externalPrefix, extensions: new Set(group.members.keys()) },
      });
      next[spec.type].enabled = true;
      next[spec.type].destination = checked.dialed;
    } catch (error) {
      if (error instanceof DomainError) {
        fail(error.code, error.messageJa, error.messageEn);
        return;
      }
      throw error;
    }
  }
  const destination = next[spec.type].destination;
  const n = run.step({ kind: "feature", action: spec.action, ...(spec.on ? { destination } : {}), result: "ok" });
  run.note(
    `feature:${code}`,
    spec.on ? `${code}: ${ja}を ${destination} で開始します。` : `${code}: ${ja}を停止します。`,
    spec.on ? `${code}: ${en} on to ${destination}.` : `${code}: ${en} off.`,
    { kind: "subscriber", subscriberId: caller.id, section: "forwarding" },
    n,
  );
  run.effects.push({ kind: "forwarding", subscriberId: caller.id, forwarding: next, action: spec.action });
}

// ---------------------------------------------------------------------------------------------
// Inbound (routing.md inbound 1–6)

function scheduleInForce(run: Run, schedule: RoutingSchedule, timeZone: string): { rule: ScheduleRule; row: number } | undefined {
  const local = localTime(run.instant, timeZone);
  const holiday = holidayOf(local.date);
  const found = ruleInForce(schedule.rules, local, holiday !== undefined);
  if (found === undefined) return undefined;
  const r = found.rule;
  const [type] = typeLabel[r.type] ?? [r.type];
  const [typeEn] = (typeLabel[r.type] ?? ["", r.type]).slice(1);
  const [act, actEn] = actionLabel[r.action] ?? [r.action, r.action];
  const dest = r.action === "none" ? "" : ` → ${r.destination ?? ""}`;
  run.note(
    `scheduleRule#${found.index + 1}`,
    `スケジュール『${schedule.name}』${found.index + 1}行目: ${type}${holiday === undefined || r.type !== "holiday" ? "" : `(${holiday.name})`} ${r.start}–${r.end} ${act}${r.action === "none" ? "" : " ON"}${dest}`,
    `Schedule "${schedule.name}" row ${found.index + 1}: ${typeEn ?? r.type}${holiday === undefined || r.type !== "holiday" ? "" : ` (${holiday.nameEn})`} ${r.start}–${r.end} ${actEn}${dest}`,
    { kind: "schedule", scheduleId: schedule.id, row: found.index + 1 },
  );
  return { rule: r, row: found.index + 1 };
}

function effectiveForwarding(run: Run, target: RoutingSubscriber): EffectiveForwarding {
  const f = target.forwarding;
  const enterprise = run.snapshot.enterprises.get(target.enterpriseId);
  const contracted = enterprise?.services.forwarding ?? true;
  const eff: EffectiveForwarding = {
    unconditional: { enabled: contracted && f.unconditional.enabled, destination: f.unconditional.destination, source: { kind: "static" } },
    busy: { enabled: contracted && f.busy.enabled, destination: f.busy.destination, source: { kind: "static" } },
    noAnswer: { enabled: contracted && f.noAnswer.enabled, destination: f.noAnswer.destination, timerSec: f.noAnswer.timerSec, source: { kind: "static" } },
  };
  // 3. a schedule rule in force overrides the static setting of its type for this call
  if (contracted && f.schedule.enabled && f.schedule.scheduleId !== null && (enterprise?.services.scheduleForwarding ?? true)) {
    const schedule = run.snapshot.schedules.get(f.schedule.scheduleId);
    if (schedule !== undefined) {
      const found = scheduleInForce(run, schedule, enterprise?.timeZone ?? "Asia/Tokyo");
      if (found !== undefined && found.rule.action !== "none") {
        const override = { enabled: true, destination: found.rule.destination ?? "", source: { kind: "schedule" as const, schedule, row: found.row } };
        if (found.rule.action === "noAnswer") eff.noAnswer = { ...override, timerSec: schedule.cfnaTimeoutSec };
        else eff[found.rule.action] = override;
      }
    }
  }
  return eff;
}

function inbound(run: Run, target: RoutingSubscriber, from: string, diversion: readonly string[], visited: Set<string>): void {
  visited.add(target.id);
  // 1. emergency stop
  if (target.emergencyStopped) {
    run.reject(480, "emergencyStop", `${target.number} は緊急停止中です(現在使われておりません)。`, `${target.number} is under emergency stop (not in service).`, {
      code: "8119",
      link: { kind: "subscriber", subscriberId: target.id, section: "terminal" },
    });
    return;
  }
  // 2. anonymous rejection
  if (from === "anonymous" && target.callSettings.anonymousRejection) {
    run.reject(433, "anonymousRejection", "非通知着信拒否: 番号を通知しておかけ直しくださいとアナウンスします。", "Anonymous call rejected: the caller is asked to call again with their number shown.", {
      announcement: "anonymous-rejection",
      link: { kind: "subscriber", subscriberId: target.id, section: "callSettings" },
    });
    return;
  }
  // 4. a hunt pilot
  const hunt = run.snapshot.huntByPilot.get(target.id);
  if (hunt !== undefined) {
    huntGroup(run, hunt, target, from, diversion, visited);
    return;
  }
  single(run, target, from, diversion, visited);
}

/** A schedule's destinations follow the schedule's extension group; static ones the number's. */
function groupOf(target: RoutingSubscriber, e: Effective): number | null {
  return e.source.kind === "schedule" ? e.source.schedule.extensionGroupId : target.extensionGroupId;
}

function forwardLink(target: RoutingSubscriber, e: Effective): SettingLink {
  return e.source.kind === "schedule"
    ? { kind: "schedule", scheduleId: e.source.schedule.id, row: e.source.row }
    : { kind: "subscriber", subscriberId: target.id, section: "forwarding" };
}

/** 5. a single number: unconditional, busy, ring + no answer, voicemail. */
function single(run: Run, target: RoutingSubscriber, from: string, diversion: readonly string[], visited: Set<string>): void {
  const eff = effectiveForwarding(run, target);
  const enterprise = run.snapshot.enterprises.get(target.enterpriseId);
  const vm = target.forwarding.voicemail;
  const voicemail = vm.enabled && (enterprise?.services.voicemail ?? true) ? vm.condition : undefined;

  if (eff.unconditional.enabled) {
    forward(run, target, eff.unconditional.destination, eff.unconditional.source.kind === "schedule" ? "schedule" : "unconditional", forwardLink(target, eff.unconditional), from, diversion, visited, groupOf(target, eff.unconditional));
    return;
  }
  if (voicemail === "all") {
    toVoicemail(run, target, "unconditional", diversion);
    return;
  }
  const busy = run.busy.has(target.id);
  const unregistered = run.unregistered.has(target.id);
  if (busy || unregistered) {
    run.note(busy ? "busy" : "unregistered", busy ? `${target.number} は話中です。` : `${target.number} は端末が登録されていません。`, busy ? `${target.number} is busy.` : `${target.number} has no registered device.`);
    if (eff.busy.enabled) forward(run, target, eff.busy.destination, eff.busy.source.kind === "schedule" ? "schedule" : "busy", forwardLink(target, eff.busy), from, diversion, visited, groupOf(target, eff.busy));
    else if (voicemail === "busy" || voicemail === "busyOrNoAnswer") toVoicemail(run, target, "busy", diversion);
    else run.reject(486, "busyNoForward", "話中時転送・留守番電話の設定がないため、話中で終了します。", "No busy forwarding or voicemail: the call ends busy.", { link: { kind: "subscriber", subscriberId: target.id, section: "forwarding" } });
    return;
  }
  const vmOnNoAnswer = voicemail === "noAnswer" || voicemail === "busyOrNoAnswer";
  const timeout = eff.noAnswer.enabled ? eff.noAnswer.timerSec : vmOnNoAnswer ? vm.ringSec : maxRingSec;
  const n = run.step({ kind: "ring", targets: [{ subscriberId: target.id, number: target.number }], timeoutSec: timeout, parallel: false });
  run.note("ring", `${target.number}(${target.displayName || target.id})を ${timeout} 秒呼び出します。`, `Ringing ${target.number} (${target.displayName || target.id}) for ${timeout} s.`, eff.noAnswer.enabled ? forwardLink(target, eff.noAnswer) : undefined, n);
  if (eff.noAnswer.enabled) forward(run, target, eff.noAnswer.destination, eff.noAnswer.source.kind === "schedule" ? "schedule" : "noAnswer", forwardLink(target, eff.noAnswer), from, diversion, visited, groupOf(target, eff.noAnswer));
  else if (vmOnNoAnswer) toVoicemail(run, target, "noAnswer", diversion);
  else run.reject(480, "noAnswer", `${maxRingSec} 秒応答がないため終了します。`, `No answer within ${maxRingSec} s.`);
}

function toVoicemail(run: Run, target: RoutingSubscriber, reason: ForwardReason, diversion: readonly string[]): void {
  const n = run.step({ kind: "forward", to: "voicemail", reason, diversion: [...diversion, target.number] });
  run.note(`voicemail:${reason}`, "留守番電話に接続します。", "Connecting to voicemail.", { kind: "subscriber", subscriberId: target.id, section: "forwarding" }, n);
}

/** Where a stored destination leads: the extension-group prefix is removed; an extension is a member. */
function resolve(run: Run, owner: RoutingSubscriber, destination: string, groupId: number | null): { digits: string; target?: RoutingSubscriber } {
  const group = groupId === null ? undefined : run.snapshot.extensionGroups.get(groupId);
  let digits = destination;
  if (group !== undefined) {
    const member = group.members.get(destination);
    if (member !== undefined) {
      const target = run.snapshot.subscribers.get(member);
      return target === undefined ? { digits } : { digits: target.number, target };
    }
    if (destination.startsWith(group.externalPrefix)) digits = destination.slice(group.externalPrefix.length);
  }
  void owner;
  const target = run.snapshot.byNumber.get(digits);
  return target === undefined ? { digits } : { digits, target };
}

/** 6. forward: to the PSTN ends the plan; to a number of the platform continues with its treatment. */
function forward(
  run: Run,
  from: RoutingSubscriber,
  destination: string,
  reason: ForwardReason,
  link: SettingLink,
  caller: string,
  diversion: readonly string[],
  visited: Set<string>,
  groupId: number | null = from.extensionGroupId,
): void {
  const { digits, target } = resolve(run, from, destination, groupId);
  const chain = [...diversion, from.number];
  const [label, labelEn] = actionLabel[reason === "schedule" ? "unconditional" : reason] ?? ["転送", "forwarding"];
  const n = run.step({ kind: "forward", to: digits, reason, ...(target === undefined ? {} : { subscriberId: target.id }), diversion: chain });
  run.note(
    reason === "schedule" ? "scheduleForward" : reason === "unconditional" ? "cfu" : reason === "busy" ? "cfb" : "cfna",
    `${reason === "schedule" ? "スケジュール転送" : label}: ${from.number} → ${digits}`,
    `${reason === "schedule" ? "schedule forwarding" : labelEn}: ${from.number} → ${digits}`,
    link,
    n,
  );
  if (target === undefined) return;
  if (visited.has(target.id)) {
    run.reject(482, "loop", `転送がループしています: ${[...chain, digits].join(" → ")}`, `Forwarding loop: ${[...chain, digits].join(" → ")}`, { code: "8118", link });
    return;
  }
  if (chain.length >= maxHops) {
    run.reject(482, "hopLimit", `転送が ${maxHops} 回を超えるため終了します。`, `More than ${maxHops} forwarding hops.`, { code: "8118" });
    return;
  }
  inbound(run, target, caller, chain, visited);
}

// ---------------------------------------------------------------------------------------------
// Hunt groups (routing.md inbound 4)

function huntGroup(run: Run, hg: RoutingHuntGroup, pilot: RoutingSubscriber, from: string, diversion: readonly string[], visited: Set<string>): void {
  const link: SettingLink = { kind: "huntGroup", huntGroupId: hg.id };
  const enterprise = run.snapshot.enterprises.get(hg.enterpriseId);
  let busyOverride: string | undefined;
  let noAnswerOverride: string | undefined;
  let scheduleLink: SettingLink | undefined;
  let overrideGroup: number | null = null;
  if (hg.scheduleEnabled && hg.scheduleId !== null) {
    const schedule = run.snapshot.schedules.get(hg.scheduleId);
    const found = schedule === undefined ? undefined : scheduleInForce(run, schedule, enterprise?.timeZone ?? "Asia/Tokyo");
    if (schedule !== undefined && found !== undefined && found.rule.action !== "none") {
      scheduleLink = { kind: "schedule", scheduleId: schedule.id, row: found.row };
      const destination = found.rule.destination ?? "";
      if (found.rule.action === "unconditional") {
        forward(run, pilot, destination, "schedule", scheduleLink, from, diversion, visited, schedule.extensionGroupId);
        return;
      }
      overrideGroup = schedule.extensionGroupId;
      if (found.rule.action === "busy") busyOverride = destination;
      else noAnswerOverride = destination;
    }
  }
  const members = hg.members.map((m) => ({ order: m.order, s: run.snapshot.subscribers.get(m.subscriberId) })).filter((m): m is { order: number; s: RoutingSubscriber } => m.s !== undefined);
  const available: { order: number; s: RoutingSubscriber }[] = [];
  let anyBusy = false;
  for (const m of members) {
    const reason = m.s.emergencyStopped ? "stopped" : run.busy.has(m.s.id) ? "busy" : run.unregistered.has(m.s.id) ? "unregistered" : undefined;
    if (reason === undefined) available.push(m);
    else {
      if (reason !== "stopped") anyBusy = true;
      const ja = reason === "stopped" ? "緊急停止中" : reason === "busy" ? "話中" : "未登録";
      run.note(`skip:${reason}`, `${m.s.number} は${ja}のため飛ばします。`, `${m.s.number} is skipped (${reason}).`, link);
    }
  }
  const [distJa] = { sequential: ["シーケンシャル"], roundRobin: ["ラウンドロビン"], uniform: ["ユニフォーム"], random: ["ランダム"], simultaneous: ["同報"] }[hg.distribution];
  run.note("huntGroup", `代表グループ「${hg.name}」(${distJa}、スライドタイマ ${hg.slideTimerSec} 秒)に着信します。`, `Hunt group "${hg.name}" (${hg.distribution}, slide timer ${hg.slideTimerSec} s).`, link);
  if (available.length === 0) {
    if (anyBusy && busyOverride !== undefined && scheduleLink !== undefined) forward(run, pilot, busyOverride, "schedule", scheduleLink, from, diversion, visited, overrideGroup);
    else if (anyBusy) run.reject(486, "huntAllBusy", "代表グループの全員が話中です。", "Every member of the hunt group is busy.", { link });
    else run.reject(480, "huntNoMember", "呼び出せるメンバがいません。", "No member can be rung.", { link });
    return;
  }
  let ordered: { order: number; s: RoutingSubscriber }[];
  switch (hg.distribution) {
    case "sequential":
    case "simultaneous":
      ordered = available;
      break;
    case "roundRobin": {
      // Start after the member last offered a call (the cursor), in 着信順序.
      const cursor = run.state.roundRobinCursor?.[String(hg.id)];
      const position = cursor === undefined ? -1 : members.findIndex((m) => m.s.id === cursor);
      const after = available.filter((m) => members.indexOf(m) > position);
      const before = available.filter((m) => members.indexOf(m) <= position);
      ordered = [...after, ...before];
      break;
    }
    case "uniform": {
      const usage = run.state.usage ?? {};
      ordered = [...available].sort((a, b) => (usage[a.s.id] ?? 0) - (usage[b.s.id] ?? 0) || a.order - b.order);
      break;
    }
    case "random":
      ordered = shuffle(available, run.random);
      break;
  }
  const first = ordered[0];
  if (first !== undefined) {
    run.effects.push({ kind: "roundRobin", huntGroupId: hg.id, subscriberId: first.s.id });
    run.effects.push({ kind: "usage", subscriberId: first.s.id });
  }
  if (hg.distribution === "simultaneous") {
    const targets: RingTarget[] = ordered.map((m) => ({ subscriberId: m.s.id, number: m.s.number }));
    const n = run.step({ kind: "ring", targets, timeoutSec: hg.slideTimerSec, parallel: true });
    run.note("ring", `${ordered.map((m) => m.s.number).join("、")} を同時に ${hg.slideTimerSec} 秒呼び出します。`, `Ringing ${ordered.map((m) => m.s.number).join(", ")} at once for ${hg.slideTimerSec} s.`, link, n);
  } else {
    for (const m of ordered) {
      const n = run.step({ kind: "ring", targets: [{ subscriberId: m.s.id, number: m.s.number }], timeoutSec: hg.slideTimerSec, parallel: false });
      run.note("ring", `${m.s.number}(着信順序 ${m.order})を ${hg.slideTimerSec} 秒呼び出します。`, `Ringing ${m.s.number} (order ${m.order}) for ${hg.slideTimerSec} s.`, link, n);
    }
  }
  if (noAnswerOverride !== undefined && scheduleLink !== undefined) forward(run, pilot, noAnswerOverride, "schedule", scheduleLink, from, diversion, visited, overrideGroup);
  else run.reject(480, "huntNoAnswer", "代表グループのメンバが応答しませんでした。", "No member of the hunt group answered.", { link });
}
