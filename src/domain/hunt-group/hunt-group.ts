// Hunt groups (代表グループ, features.md §8): the group's fields, distributions, member orders and size limits.
import { DomainError } from "../errors.ts";
import { checkTimer } from "../forwarding/forwarding.ts";
import { checkSubscriberId } from "../subscriber/subscriber.ts";
import { checkMemo, checkText } from "../text.ts";

export const distributions = ["sequential", "roundRobin", "uniform", "random", "simultaneous"] as const;
export type Distribution = (typeof distributions)[number];

export const huntGroupNameMaxLength = 64;
/** 着信順序: an integer 1–999, required even when the distribution ignores it (M2 ch.4). */
export const orderRange = { min: 1, max: 999 } as const;

/** features.md §8: 同報 rings everyone at once, at most 5; the others take at most 32 members (8084 / 8085). */
export function maxMembers(distribution: Distribution): number {
  switch (distribution) {
    case "simultaneous":
      return 5;
    case "sequential":
    case "roundRobin":
    case "uniform":
    case "random":
      return 32;
  }
}

export function isDistribution(value: string): value is Distribution {
  return (distributions as readonly string[]).includes(value);
}

export interface HuntGroupInput {
  name: string;
  pilotSubscriberId: string;
  distribution: Distribution;
  slideTimerSec: number;
  schedule: { enabled: boolean; scheduleId: number | null };
  memo: string;
}

/**
 * The group's own fields: name required (8008) ≤ 64 characters (8009); the pilot a valid subscriber ID;
 * a known distribution (8009); slide timer 1–180 s (8103); schedule forwarding on needs a schedule (8008);
 * memo ≤ 256 Shift_JIS bytes (8101). Whether the pilot and the schedule exist needs the store.
 */
export function checkHuntGroup(input: HuntGroupInput): HuntGroupInput {
  const name = checkText(input.name, { field: "name", max: huntGroupNameMaxLength, required: true });
  const pilotSubscriberId = checkSubscriberId(input.pilotSubscriberId, "pilotSubscriberId");
  if (!isDistribution(input.distribution)) throw new DomainError("8009", { field: "distribution" });
  const slideTimerSec = checkTimer(input.slideTimerSec, "slideTimerSec");
  if (input.schedule.enabled && input.schedule.scheduleId === null) throw new DomainError("8008", { field: "schedule.scheduleId" });
  return { name, pilotSubscriberId, distribution: input.distribution, slideTimerSec, schedule: { ...input.schedule }, memo: checkMemo(input.memo, "memo") };
}

/** Changing the distribution of a group that has members: 同報 with 6+ members is 8082; leaving 同報 with 33+ is 8083. */
export function checkDistributionChange(from: Distribution, to: Distribution, memberCount: number): void {
  if (from === to) return;
  if (to === "simultaneous" && memberCount > maxMembers("simultaneous")) throw new DomainError("8082", { field: "distribution", details: { members: memberCount } });
  if (from === "simultaneous" && memberCount > maxMembers(to)) throw new DomainError("8083", { field: "distribution", details: { members: memberCount } });
}

export interface HuntMember {
  subscriberId: string;
  order: number;
}

/**
 * The new member list: valid subscriber IDs; an order 1–999 for each (8009); no subscriber twice (8031) and
 * no order twice (8032); at most 5 members for 同報 (8084), 32 for the others (8085). Sorted by order.
 */
export function checkHuntMembers(items: readonly HuntMember[], distribution: Distribution): HuntMember[] {
  const bySubscriber = new Map<string, number>();
  const byOrder = new Map<number, number>();
  items.forEach((item, i) => {
    checkSubscriberId(item.subscriberId, `${i}.subscriberId`);
    if (!Number.isInteger(item.order) || item.order < orderRange.min || item.order > orderRange.max) {
      throw new DomainError("8009", { field: `${i}.order`, details: { min: orderRange.min, max: orderRange.max } });
    }
    const sameSubscriber = bySubscriber.get(item.subscriberId);
    if (sameSubscriber !== undefined) throw new DomainError("8031", { field: `${i}.subscriberId`, details: { subscriberId: item.subscriberId, duplicateOf: sameSubscriber } });
    const sameOrder = byOrder.get(item.order);
    if (sameOrder !== undefined) throw new DomainError("8032", { field: `${i}.order`, details: { order: item.order, duplicateOf: sameOrder } });
    bySubscriber.set(item.subscriberId, i);
    byOrder.set(item.order, i);
  });
  const limit = maxMembers(distribution);
  if (items.length > limit) throw new DomainError(distribution === "simultaneous" ? "8084" : "8085", { details: { members: items.length, max: limit } });
  return items.map((m) => ({ subscriberId: m.subscriberId, order: m.order })).sort((a, b) => a.order - b.order);
}

/** A hunt group with members can't be deleted (8030). */
export function checkHuntGroupDeletable(memberCount: number): void {
  if (memberCount > 0) throw new DomainError("8030", { details: { members: memberCount } });
}
