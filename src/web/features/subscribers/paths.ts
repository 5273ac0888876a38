// Addresses of the subscriber screens, for links between them.
// (The paths are those of app/menu.ts; the features don't import the menu, which loads them.)
import type { Role } from "../../api/types";
import { enterpriseParam } from "../../app/enterprise-scope";

export const paths = {
  subscribers: "/subscribers",
  operatorSubscribers: "/operator/subscribers",
  forwardDestinations: "/forward-destinations",
  bulkForwarding: "/bulk-forwarding",
  pickupGroups: "/pickup-groups",
  huntGroups: "/hunt-groups",
} as const;

/** The subscriber list of the role: operators search under their own menu entry (加入者検索). */
export function subscriberListPath(role: Role): string {
  return role === "operator" ? paths.operatorSubscribers : paths.subscribers;
}

export type DetailTab = "info" | "callSettings" | "forwarding" | "terminal";
export type ForwardingView = "detailed" | "simple";

/** The detail (照会と変更) of a number, on a tab; operators keep the enterprise in the address. */
export function subscriberDetailHref(
  role: Role,
  enterpriseId: string,
  subscriberId: string,
  options: { tab?: DetailTab; view?: ForwardingView; search?: string } = {},
): string {
  const search = new URLSearchParams(options.search ?? "");
  if (role === "operator") search.set(enterpriseParam, enterpriseId);
  if (options.tab) search.set("tab", options.tab);
  else search.delete("tab");
  if (options.view) search.set("view", options.view);
  else search.delete("view");
  const query = search.toString();
  return `${subscriberListPath(role)}/${encodeURIComponent(subscriberId)}${query ? `?${query}` : ""}`;
}
