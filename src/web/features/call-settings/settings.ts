// The four call settings of features.md §3, in the order of the manuals, and who may change them.
import type { Role } from "../../api/types";
import type { CallSettingKey } from "../subscribers/types";

export const callSettingKeys: readonly CallSettingKey[] = ["anonymousRejection", "withholdCallerId", "internationalBlock", "externalBlock"];

/**
 * product.md §Service plan: operators change every setting; enterprise and group administrators
 * those the plan's self-service allows (the others are shown read-only; the server answers 8116).
 */
export function isLocked(role: Role, selfService: Partial<Record<CallSettingKey, boolean>> | undefined, key: CallSettingKey): boolean {
  if (role === "operator") return false;
  return selfService?.[key] === false;
}
