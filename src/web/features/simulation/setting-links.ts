// Where a rule of the plan is set (SettingLink of routing/types.ts) → the screen that sets it,
// when the role has that screen; otherwise the place is named as text. The screens follow the
// role menus of app/menu.ts (a feature doesn't import the menu, which loads the features).
import { useCallback } from "react";
import type { Role } from "../../api/types";
import { useAccount } from "../../app/session";
import { subscriberDetailHref, type DetailTab } from "../subscribers/paths";
import { useSimulationTexts } from "./i18n";
import type { SettingLink } from "./types";

export interface SettingPlace {
  /** The address of the screen, when the role can open it. */
  readonly href?: string;
  readonly label: string;
}

type Section = "forwarding" | "callSettings" | "terminal";

const detailTab: Record<Section, DetailTab> = { forwarding: "forwarding", callSettings: "callSettings", terminal: "info" };

/** The end user's own pages (features.md §16). */
const ownPages: Record<Section, string> = { forwarding: "/my/forwarding", callSettings: "/my/call-settings", terminal: "/my/number" };

/** Roles whose menu has 時間帯転送 (/schedules). */
const scheduleRoles: ReadonlySet<Role> = new Set(["enterpriseAdmin"]);

function isSection(value: string | undefined): value is Section {
  return value === "forwarding" || value === "callSettings" || value === "terminal";
}

export function schedulePath(role: Role, scheduleId: number, row?: number): string | undefined {
  if (!scheduleRoles.has(role)) return undefined;
  const search = new URLSearchParams({ id: String(scheduleId) });
  if (row !== undefined) search.set("row", String(row));
  return `/schedules?${search.toString()}`;
}

/**
 * The place of a setting for the logged-in role; `who` names a subscriber (its number, or its ID
 * when the number is not known).
 */
export function useSettingPlace(enterpriseId: string, who: (subscriberId: string) => string): (link: SettingLink) => SettingPlace {
  const text = useSimulationTexts();
  const account = useAccount();
  return useCallback(
    (link: SettingLink): SettingPlace => {
      switch (link.kind) {
        case "subscriber": {
          const sid = link.subscriberId ?? "";
          const section: Section = isSection(link.section) ? link.section : "forwarding";
          const name = who(sid);
          const label = text(`links.${section}`, { who: name });
          if (account.role === "subscriber") {
            return sid === account.subscriberId ? { href: ownPages[section], label } : { label: text("links.subscriberText", { who: name }) };
          }
          return { href: subscriberDetailHref(account.role, enterpriseId, sid, { tab: detailTab[section] }), label };
        }
        case "schedule": {
          const href = link.scheduleId === undefined ? undefined : schedulePath(account.role, link.scheduleId, link.row);
          if (href === undefined) return { label: text("links.scheduleText", { row: link.row ?? "" }) };
          return { href, label: link.row === undefined ? text("links.scheduleNoRow") : text("links.schedule", { row: link.row }) };
        }
        // No screens for the groups yet: named as text.
        case "huntGroup":
          return { label: text("links.huntGroup", { id: link.huntGroupId ?? "" }) };
        case "extensionGroup":
          return { label: text("links.extensionGroup", { id: link.extensionGroupId ?? "" }) };
        case "pickupGroup":
          return { label: text("links.pickupGroup", { id: link.pickupGroupId ?? "" }) };
        default:
          return { label: link.kind };
      }
    },
    [account.role, account.subscriberId, enterpriseId, text, who],
  );
}
