// Builds routing snapshots for the engine's tests: a small enterprise with numbers, groups and schedules.
import { defaultSelfService, defaultServices } from "../../../src/domain/enterprise/enterprise.ts";
import type { RoutingHuntGroup, RoutingSchedule, RoutingSnapshot, RoutingSubscriber } from "../../../src/domain/routing/types.ts";
import type { ScheduleRule } from "../../../src/domain/schedule/schedule.ts";
import { defaultCallSettings, defaultForwarding, type CallSettings, type Forwarding } from "../../../src/domain/subscriber/subscriber.ts";

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

export interface SubscriberSpec {
  id: string;
  number: string;
  callSettings?: Partial<CallSettings>;
  forwarding?: DeepPartial<Forwarding>;
  emergencyStopped?: boolean;
  extensionGroupId?: number;
  extension?: string;
  pickupGroupId?: number;
  originNumbers?: string[];
  notifyNumber?: string;
}

export class World {
  readonly subscribers = new Map<string, RoutingSubscriber>();
  readonly byNumber = new Map<string, RoutingSubscriber>();
  readonly schedules = new Map<number, RoutingSchedule>();
  readonly huntGroups = new Map<number, RoutingHuntGroup>();
  readonly huntByPilot = new Map<string, RoutingHuntGroup>();
  readonly extensionGroups = new Map<number, { id: number; name: string; externalPrefix: string; members: Map<string, string> }>();
  readonly pickupGroups = new Map<number, { id: number; name: string; number: string; memberIds: string[] }>();
  services = { ...defaultServices };
  timeZone = "Asia/Tokyo";

  add(spec: SubscriberSpec): this {
    const f = structuredClone(defaultForwarding);
    for (const [k, v] of Object.entries(spec.forwarding ?? {})) Object.assign(f[k as keyof Forwarding], v);
    const s: RoutingSubscriber = {
      id: spec.id,
      enterpriseId: "e1",
      number: spec.number,
      numberKind: spec.number.startsWith("050") ? "050" : "oabj",
      displayName: spec.id,
      callSettings: { ...defaultCallSettings, ...spec.callSettings },
      forwarding: f,
      emergencyStopped: spec.emergencyStopped ?? false,
      extensionGroupId: spec.extensionGroupId ?? null,
      extension: spec.extension ?? "",
      pickupGroupId: spec.pickupGroupId ?? null,
      huntGroupId: null,
      notifyNumber: spec.notifyNumber ?? spec.number,
      originNumbers: spec.originNumbers ?? [],
    };
    this.subscribers.set(s.id, s);
    this.byNumber.set(s.number, s);
    if (spec.extensionGroupId !== undefined && spec.extension !== undefined) this.extensionGroups.get(spec.extensionGroupId)?.members.set(spec.extension, s.id);
    if (spec.pickupGroupId !== undefined) this.pickupGroups.get(spec.pickupGroupId)?.memberIds.push(s.id);
    return this;
  }

  schedule(id: number, name: string, rules: ScheduleRule[], cfnaTimeoutSec = 20): this {
    this.schedules.set(id, { id, name, cfnaTimeoutSec, extensionGroupId: null, rules });
    return this;
  }

  extensionGroup(id: number, name: string): this {
    this.extensionGroups.set(id, { id, name, externalPrefix: "0", members: new Map() });
    return this;
  }

  pickupGroup(id: number, name: string, number: string): this {
    this.pickupGroups.set(id, { id, name, number, memberIds: [] });
    return this;
  }

  hunt(g: Omit<RoutingHuntGroup, "enterpriseId" | "scheduleId" | "scheduleEnabled"> & { scheduleId?: number }): this {
    const group: RoutingHuntGroup = { ...g, enterpriseId: "e1", scheduleId: g.scheduleId ?? null, scheduleEnabled: g.scheduleId !== undefined };
    this.huntGroups.set(group.id, group);
    this.huntByPilot.set(group.pilotSubscriberId, group);
    return this;
  }

  snapshot(): RoutingSnapshot {
    return {
      subscribers: this.subscribers,
      byNumber: this.byNumber,
      enterprises: new Map([["e1", { id: "e1", timeZone: this.timeZone, services: this.services, selfService: { ...defaultSelfService } }]]),
      schedules: this.schedules,
      huntGroups: this.huntGroups,
      huntByPilot: this.huntByPilot,
      extensionGroups: this.extensionGroups,
      pickupGroups: this.pickupGroups,
    };
  }
}

/** Numbers A…H of one enterprise, 03-1234-000N. */
export function numbers(world: World, count = 8): World {
  for (let i = 1; i <= count; i += 1) world.add({ id: `s${i}`, number: `031234000${i}` });
  return world;
}
