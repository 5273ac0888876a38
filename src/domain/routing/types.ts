// The routing engine's inputs and outputs (routing.md): snapshot + call + state → plan + explanation.
import type { SelfService, Services } from "../enterprise/enterprise.ts";
import type { NumberKind } from "../phone-number.ts";
import type { ScheduleRule } from "../schedule/schedule.ts";
import type { CallSettings, Forwarding } from "../subscriber/subscriber.ts";

export interface RoutingSubscriber {
  readonly id: string;
  readonly enterpriseId: string;
  readonly number: string;
  readonly numberKind: NumberKind;
  readonly displayName: string;
  readonly callSettings: CallSettings;
  readonly forwarding: Forwarding;
  readonly emergencyStopped: boolean;
  readonly extensionGroupId: number | null;
  readonly extension: string;
  readonly pickupGroupId: number | null;
  readonly huntGroupId: number | null;
  readonly notifyNumber: string;
  readonly originNumbers: readonly string[];
}

export interface RoutingEnterprise {
  readonly id: string;
  readonly timeZone: string;
  readonly services: Services;
  readonly selfService: SelfService;
}

export interface RoutingSchedule {
  readonly id: number;
  readonly name: string;
  readonly cfnaTimeoutSec: number;
  readonly extensionGroupId: number | null;
  readonly rules: readonly ScheduleRule[];
}

export type Distribution = "sequential" | "roundRobin" | "uniform" | "random" | "simultaneous";

export interface RoutingHuntGroup {
  readonly id: number;
  readonly name: string;
  readonly enterpriseId: string;
  readonly pilotSubscriberId: string;
  readonly distribution: Distribution;
  readonly slideTimerSec: number;
  readonly scheduleId: number | null;
  readonly scheduleEnabled: boolean;
  /** By 着信順序. */
  readonly members: readonly { readonly subscriberId: string; readonly order: number }[];
}

export interface RoutingExtensionGroup {
  readonly id: number;
  readonly name: string;
  readonly externalPrefix: string;
  /** extension → subscriber ID */
  readonly members: ReadonlyMap<string, string>;
}

export interface RoutingPickupGroup {
  readonly id: number;
  readonly name: string;
  readonly number: string;
  readonly memberIds: readonly string[];
}

/** What the engine needs of the store, indexed for lookups. */
export interface RoutingSnapshot {
  readonly subscribers: ReadonlyMap<string, RoutingSubscriber>;
  readonly byNumber: ReadonlyMap<string, RoutingSubscriber>;
  readonly enterprises: ReadonlyMap<string, RoutingEnterprise>;
  readonly schedules: ReadonlyMap<number, RoutingSchedule>;
  readonly huntGroups: ReadonlyMap<number, RoutingHuntGroup>;
  /** pilot subscriber ID → hunt group */
  readonly huntByPilot: ReadonlyMap<string, RoutingHuntGroup>;
  readonly extensionGroups: ReadonlyMap<number, RoutingExtensionGroup>;
  readonly pickupGroups: ReadonlyMap<number, RoutingPickupGroup>;
}

export interface Call {
  readonly direction: "inbound" | "outbound";
  /** inbound: the caller as received, or "anonymous" */
  readonly from: string;
  /** outbound: the subscriber who dials */
  readonly caller?: string | undefined;
  readonly dialed: string;
  /** ISO-8601 instant */
  readonly at: string;
}

export interface RoutingState {
  readonly busy?: readonly string[];
  readonly unregistered?: readonly string[];
  readonly roundRobinCursor?: Readonly<Record<string, string>>;
  readonly usage?: Readonly<Record<string, number>>;
  readonly seed?: number;
  /** Calls ringing now, for pickup: the oldest first. */
  readonly ringing?: readonly { readonly callId: string; readonly subscriberId: string }[];
}

export type RingTarget = { readonly subscriberId: string; readonly number: string } | { readonly external: string };

export type ForwardReason = "unconditional" | "busy" | "noAnswer" | "schedule";

export type FeatureAction = "cfu-on" | "cfu-off" | "cfb-on" | "cfb-off" | "cfna-on" | "cfna-off";

export type Step =
  | { readonly kind: "ring"; readonly targets: readonly RingTarget[]; readonly timeoutSec?: number; readonly parallel: boolean }
  | {
      readonly kind: "forward";
      readonly to: string;
      readonly reason: ForwardReason;
      /** The number of the platform the call continues at (its steps follow), when it is one. */
      readonly subscriberId?: string;
      /** Every number the call was diverted from, in order (the original caller ID is kept). */
      readonly diversion: readonly string[];
    }
  | { readonly kind: "reject"; readonly sip: 403 | 404 | 433 | 480 | 486 | 482 | 484; readonly code?: string; readonly announcement?: string }
  | { readonly kind: "feature"; readonly action: FeatureAction; readonly destination?: string; readonly result: "ok" | "error"; readonly code?: string }
  | { readonly kind: "pickup"; readonly ringing: string; readonly subscriberId: string };

export interface Plan {
  readonly steps: readonly Step[];
  readonly presentation?: "allowed" | "restricted";
  readonly presentedNumber?: string;
}

/** Where a rule is set, so the screen can link to it. */
export type SettingLink =
  | { readonly kind: "subscriber"; readonly subscriberId: string; readonly section: "forwarding" | "callSettings" | "terminal" }
  | { readonly kind: "schedule"; readonly scheduleId: number; readonly row?: number }
  | { readonly kind: "huntGroup"; readonly huntGroupId: number }
  | { readonly kind: "extensionGroup"; readonly extensionGroupId: number }
  | { readonly kind: "pickupGroup"; readonly pickupGroupId: number };

export interface Explanation {
  readonly rule: string;
  /** 1-based index of the step this explains, when it explains one. */
  readonly step?: number;
  readonly detail: string;
  readonly detailEn: string;
  readonly link?: SettingLink;
}

/** What a committed decision changes: feature codes and the hunt groups' state. */
export type Effect =
  | { readonly kind: "forwarding"; readonly subscriberId: string; readonly forwarding: Forwarding; readonly action: FeatureAction }
  | { readonly kind: "roundRobin"; readonly huntGroupId: number; readonly subscriberId: string }
  | { readonly kind: "usage"; readonly subscriberId: string };

export interface Decision {
  readonly plan: Plan;
  readonly explain: readonly Explanation[];
  readonly effects: readonly Effect[];
}
