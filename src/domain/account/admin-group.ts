// Admin groups (グループ設定, features.md §7): the name rules, the member filter and the member list.
import { DomainError } from "../errors.ts";
import { checkText } from "../text.ts";
import { checkSubscriberId } from "../subscriber/subscriber.ts";

export const adminGroupNameMaxLength = 64;

/** Required (8008), one line without control characters, at most 64 characters (8009). Uniqueness (8113) needs the store. */
export function checkAdminGroupName(name: string, field = "name"): string {
  return checkText(name, { field, max: adminGroupNameMaxLength, required: true });
}

export type Membership = "member" | "nonMember" | "all";

/**
 * The member screen's subscriber-ID filter: two fields where either may match (M1 4-2). In one text the
 * IDs are separated by commas or spaces; empty parts are ignored, so an empty filter shows everyone.
 */
export function memberFilterTerms(q: string): string[] {
  return q.split(/[\s,、，]+/u).filter((term) => term !== "");
}

/** The new member list of a group: valid subscriber IDs (8008 / 8009 per item), each once, in the order given. */
export function checkMemberIds(ids: readonly string[], field = "subscriberIds"): string[] {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    checkSubscriberId(id, `${field}.${i}`);
    seen.add(id);
  });
  return [...seen];
}

/** A group a login account is assigned to can't be deleted (8114); the accounts are named in the details. */
export function checkAdminGroupDeletable(assignedLoginIds: readonly string[]): void {
  if (assignedLoginIds.length > 0) throw new DomainError("8114", { details: { loginIds: [...assignedLoginIds] } });
}
