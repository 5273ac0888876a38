// The screens of the portal and the side menu of each role (features.md §1–16, product.md
// roles table), in one place: a screen whose page exists has `load`; one without it is
// listed disabled as 準備中 until its page is written and `load` is added here.
import type { ComponentType } from "react";
import type { Role } from "../api/types";

/** Services of the operator's plan that switch menu entries off (product.md §Service plan). */
export type ServiceKey = "forwarding" | "scheduleForwarding" | "voicemail" | "dynamicNumber" | "app";

export interface Screen {
  /** Route path inside the portal layout. */
  readonly path: string;
  /** Loads the page (a separate chunk); absent while the screen is not available yet. */
  readonly load?: () => Promise<ComponentType>;
  /** Open to every logged-in role, whatever its menu says (top page, password change). */
  readonly everyone?: boolean;
  /** Hidden when the enterprise's plan lacks this service. */
  readonly service?: ServiceKey;
  /** The page also serves the addresses below its path: its detail views (`/subscribers/demo001`). */
  readonly nested?: boolean;
}

export const screens = {
  top: { path: "/top", everyone: true, load: () => import("../features/top/top-page").then((m) => m.TopPage) },
  password: {
    path: "/password",
    everyone: true,
    load: () => import("../features/password/password-page").then((m) => m.PasswordPage),
  },
  // operator
  enterprises: {
    path: "/enterprises",
    load: () => import("../features/enterprises/enterprises-page").then((m) => m.EnterprisesPage),
  },
  notices: { path: "/notices", load: () => import("../features/notices/notices-page").then((m) => m.NoticesPage) },
  operatorSubscribers: {
    path: "/operator/subscribers",
    nested: true,
    load: () => import("../features/subscribers/subscribers-page").then((m) => m.SubscribersPage),
  },
  apiTokens: { path: "/api-tokens", load: () => import("../features/api-tokens/api-tokens-page").then((m) => m.ApiTokensPage) },
  // enterprise and group administrators (features.md §2–15)
  subscribers: {
    path: "/subscribers",
    nested: true,
    load: () => import("../features/subscribers/subscribers-page").then((m) => m.SubscribersPage),
  },
  callRestrictions: {
    path: "/call-restrictions",
    load: () => import("../features/call-settings/call-restrictions-page").then((m) => m.CallRestrictionsPage),
  },
  forwarding: {
    path: "/forwarding",
    service: "forwarding",
    load: () => import("../features/forwarding/voicemail-forwarding-page").then((m) => m.VoicemailForwardingPage),
  },
  forwardDestinations: {
    path: "/forward-destinations",
    service: "forwarding",
    load: () => import("../features/forwarding/forward-destinations-page").then((m) => m.ForwardDestinationsPage),
  },
  bulkForwarding: {
    path: "/bulk-forwarding",
    service: "forwarding",
    load: () => import("../features/forwarding/bulk-forwarding-page").then((m) => m.BulkForwardingPage),
  },
  schedules: {
    path: "/schedules",
    service: "scheduleForwarding",
    load: () => import("../features/schedules/schedules-page").then((m) => m.SchedulesPage),
  },
  huntGroups: { path: "/hunt-groups", load: () => import("../features/hunt-groups/hunt-groups-page").then((m) => m.HuntGroupsPage) },
  extensionGroups: {
    path: "/extension-groups",
    load: () => import("../features/extension-groups/extension-groups-page").then((m) => m.ExtensionGroupsPage),
  },
  pickupGroups: {
    path: "/pickup-groups",
    load: () => import("../features/pickup-groups/pickup-groups-page").then((m) => m.PickupGroupsPage),
  },
  phonebooks: { path: "/phonebooks", load: () => import("../features/phonebooks/phonebooks-page").then((m) => m.PhonebooksPage) },
  imports: { path: "/imports", load: () => import("../features/imports/imports-page").then((m) => m.ImportsPage) },
  terminals: {
    path: "/terminals",
    service: "app",
    load: () => import("../features/terminal/terminals-page").then((m) => m.TerminalsPage),
  },
  terminalFeatures: {
    path: "/terminal-features",
    service: "app",
    load: () => import("../features/terminal/callkit-page").then((m) => m.CallKitPage),
  },
  backups: { path: "/backups", service: "app", load: () => import("../features/terminal/backups-page").then((m) => m.BackupsPage) },
  subscriberExport: {
    path: "/subscriber-export",
    load: () => import("../features/subscriber-export/subscriber-export-page").then((m) => m.SubscriberExportPage),
  },
  adminGroups: {
    path: "/admin-groups",
    load: () => import("../features/admin-groups/admin-groups-page").then((m) => m.AdminGroupsPage),
  },
  accounts: { path: "/accounts", load: () => import("../features/accounts/accounts-page").then((m) => m.AccountsPage) },
  simulation: { path: "/simulation", load: () => import("../features/simulation/simulation-page").then((m) => m.SimulationPage) },
  audit: { path: "/audit", load: () => import("../features/audit/audit-page").then((m) => m.AuditPage) },
  // end users (features.md §16)
  myNumber: { path: "/my/number", load: () => import("../features/my/my-number-page").then((m) => m.MyNumberPage) },
  myCallSettings: {
    path: "/my/call-settings",
    load: () => import("../features/my/my-call-settings-page").then((m) => m.MyCallSettingsPage),
  },
  myForwarding: {
    path: "/my/forwarding",
    service: "forwarding",
    load: () => import("../features/my/my-forwarding-page").then((m) => m.MyForwardingPage),
  },
} as const satisfies Record<string, Screen>;

export type ScreenId = keyof typeof screens;

/** Menu labels are `menu.<label>` in the i18n files; `home` is the end user's way back to the top. */
export type MenuLabel = ScreenId | "home";
export type SectionTitle = "operator" | "subscribers" | "forwarding" | "groups" | "others" | "myNumber";

export interface MenuEntry {
  readonly screen: ScreenId;
  readonly label: MenuLabel;
}

export interface MenuSection {
  /** `menu.sections.<title>`; a section without a title is listed as plain items. */
  readonly title?: SectionTitle;
  readonly entries: readonly MenuEntry[];
}

function entries(...ids: readonly ScreenId[]): MenuEntry[] {
  return ids.map((screen) => ({ screen, label: screen }));
}

export const menus: Record<Role, readonly MenuSection[]> = {
  operator: [
    { entries: entries("top") },
    // Operators choose the enterprise on the subscriber screens (M1 企業選択).
    {
      title: "operator",
      entries: entries(
        "enterprises",
        "notices",
        "operatorSubscribers",
        "forwardDestinations",
        "bulkForwarding",
        "subscriberExport",
        "schedules",
        "huntGroups",
        "extensionGroups",
        "pickupGroups",
        "terminals",
        "terminalFeatures",
        "backups",
        "phonebooks",
        "imports",
        "adminGroups",
        "accounts",
        "apiTokens",
        "simulation",
        "audit",
      ),
    },
  ],
  enterpriseAdmin: [
    { entries: entries("top") },
    {
      title: "subscribers",
      entries: entries("subscribers", "callRestrictions", "forwarding", "terminals", "terminalFeatures", "backups", "subscriberExport"),
    },
    { title: "forwarding", entries: entries("forwardDestinations", "bulkForwarding", "schedules") },
    { title: "groups", entries: entries("huntGroups", "extensionGroups", "pickupGroups", "adminGroups") },
    { title: "others", entries: entries("phonebooks", "imports", "accounts", "apiTokens", "simulation", "audit") },
  ],
  // product.md: group admins work on the numbers of their admin groups only.
  groupAdmin: [
    { entries: entries("top") },
    {
      title: "subscribers",
      entries: entries("subscribers", "callRestrictions", "forwarding", "terminals", "bulkForwarding", "subscriberExport", "simulation"),
    },
  ],
  // features.md §16, in the order of the manual's end-user menu.
  subscriber: [
    {
      entries: [
        ...entries("myNumber", "myCallSettings", "myForwarding", "simulation", "password"),
        { screen: "top", label: "home" },
      ],
    },
  ],
};

/** Whether `role` may open `screen`: it is in the role's menu or open to everyone. */
export function mayOpen(role: Role, screen: ScreenId): boolean {
  const definition: Screen = screens[screen];
  if (definition.everyone) return true;
  return menus[role].some((section) => section.entries.some((entry) => entry.screen === screen));
}

/**
 * The menu of a role, without the entries the plan switches off. `services` is unknown
 * (undefined) until the enterprise's plan is loaded; nothing is hidden then.
 */
export function menuOf(role: Role, services?: Partial<Record<ServiceKey, boolean>>): MenuSection[] {
  return menus[role]
    .map((section) => ({
      ...section,
      entries: section.entries.filter((entry) => {
        const service = (screens[entry.screen] as Screen).service;
        return service === undefined || services?.[service] !== false;
      }),
    }))
    .filter((section) => section.entries.length > 0);
}

/** Whether the page of a screen exists yet. */
export function isAvailable(screen: ScreenId): boolean {
  return (screens[screen] as Screen).load !== undefined;
}
