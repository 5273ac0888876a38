// The full demo enterprise for people trying the portal: groups, a schedule, a hunt group, destinations, app data.
import type { Services } from "./index.ts";
import { demoLogins } from "./setup.service.ts";
import type { ActionContext } from "./context.ts";
import { inTransaction } from "./unit-of-work.ts";
import { findSubscriber } from "../store/subscriber.store.ts";
import { updateTerminal } from "../store/terminal.store.ts";

export const demoGroupAdmin = { loginId: "eigyo", password: "Demo-Group-2026" } as const;

/**
 * On top of the 20 numbers of SetupService.loadDemo: admin group 営業部 with a group administrator,
 * extension group 本社 (201–210), pickup group 総務, a schedule 営業時間外, hunt group 代表 on demo010,
 * the forward-destination list, and backup data for the app numbers. Everything goes through the
 * use cases, so the demo obeys the same rules as anything an administrator would enter.
 */
export async function loadDemoExtras(services: Services): Promise<void> {
  const eid = demoLogins.enterpriseId;
  const ctx: ActionContext = { principal: { role: "operator", loginId: "system" }, ip: "127.0.0.1" };
  const sid = (i: number) => `demo${String(i).padStart(3, "0")}`;

  const group = await services.adminGroups.create(ctx, eid, { name: "営業部" });
  await services.adminGroups.setMembers(ctx, eid, group.id, [sid(3), sid(4), sid(5)]);
  await services.accounts.create(ctx, eid, {
    loginId: demoGroupAdmin.loginId,
    role: "groupAdmin",
    adminGroupId: group.id,
    password: demoGroupAdmin.password,
    passwordConfirm: demoGroupAdmin.password,
    memo: "営業部のグループ管理者",
  });

  const office = await services.extensionGroups.create(ctx, eid, { name: "本社", siteNumber: "1", memo: "東京本社" });
  await services.extensionGroups.setMembers(ctx, eid, office.id, Array.from({ length: 10 }, (_, i) => ({ subscriberId: sid(i + 1), extension: String(201 + i) })));

  const pickup = await services.pickupGroups.create(ctx, eid, { name: "総務", number: "7", memo: "総務の代理応答" });
  await services.pickupGroups.setMembers(ctx, eid, pickup.id, [sid(1), sid(2)]);

  await services.forwarding.setDestinations(ctx, eid, [
    { number: "0612345678", memo: "大阪営業所" },
    { number: "09012345678", memo: "当番携帯" },
    { number: "0312340000", memo: "コールセンター" },
  ]);

  const afterHours = await services.schedules.create(ctx, eid, {
    name: "営業時間外",
    cfnaTimeoutSec: 20,
    memo: "平日9時〜18時以外と祝祭日は当番携帯へ",
    rules: [
      { type: "weekday", weekdays: [1, 2, 3, 4, 5], start: "00:00", end: "09:00", action: "unconditional", destination: "09012345678" },
      { type: "weekday", weekdays: [1, 2, 3, 4, 5], start: "18:00", end: "24:00", action: "unconditional", destination: "09012345678" },
      { type: "weekday", weekdays: [0, 6], start: "00:00", end: "24:00", action: "unconditional", destination: "09012345678" },
      { type: "holiday", start: "00:00", end: "24:00", action: "unconditional", destination: "09012345678" },
      { type: "date", month: 12, day: 31, start: "00:00", end: "24:00", action: "unconditional", destination: "09012345678", memo: "大晦日" },
    ],
  });

  const hunt = await services.huntGroups.create(ctx, eid, {
    name: "代表",
    pilotSubscriberId: sid(10),
    distribution: "sequential",
    slideTimerSec: 15,
    schedule: { enabled: true, scheduleId: afterHours.id },
    memo: "代表番号 03-1234-5010",
  });
  await services.huntGroups.setMembers(ctx, eid, hunt.id, [3, 4, 5, 6].map((n, i) => ({ subscriberId: sid(n), order: i + 1 })));

  await services.forwarding.put(ctx, eid, sid(2), { noAnswer: { enabled: true, destination: "201", timerSec: 20 } });
  await services.forwarding.put(ctx, eid, sid(11), { voicemail: { enabled: true, condition: "busyOrNoAnswer", ringSec: 25 } });

  // The app numbers have backup data on the server, as they would after some use.
  await inTransaction(services.store.db, async ({ tx }) => {
    for (let i = 11; i <= 15; i += 1) {
      const s = await findSubscriber(tx, sid(i));
      if (s === undefined) continue;
      await updateTerminal(tx, s.id, { ...s.terminal, callKit: i % 2 === 1, backup: { sizeBytes: 180_000 + i * 7_311, updatedAt: `2026-11-${10 + i}T09:00:00.000Z` } }, s.version + 1, new Date().toISOString());
    }
  });
}
