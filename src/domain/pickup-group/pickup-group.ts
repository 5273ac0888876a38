// Pickup groups (ピックアップグループ, features.md §11): the group's fields, the site rule and deletion.
import { DomainError } from "../errors.ts";
import { checkSubscriberId } from "../subscriber/subscriber.ts";
import { checkMemo, checkText } from "../text.ts";

/** サイト名: "初期値の固定" (M2 ch.6). A new group is in the site "default" unless another is given. */
export const defaultSite = "default";
export const pickupGroupNameMaxLength = 64;
export const siteMaxLength = 64;

export interface PickupGroupInput {
  name: string;
  number: string;
  site: string;
  memo: string;
}

/** ピックアップグループ番号: required (8008), half-width digits, 1–8 of them (8009). */
export function checkPickupNumber(value: string, field = "number"): string {
  if (value === "") throw new DomainError("8008", { field });
  if (!/^\d{1,8}$/.test(value)) throw new DomainError("8009", { field, details: { rule: "digits", min: 1, max: 8 } });
  return value;
}

/**
 * Name required (8008), one line ≤ 64 characters (8009); number as above; site required, one line ≤ 64
 * characters; memo ≤ 256 Shift_JIS bytes (8101). Uniqueness of the name and of number + site needs the store.
 */
export function checkPickupGroup(input: PickupGroupInput): PickupGroupInput {
  return {
    name: checkText(input.name, { field: "name", max: pickupGroupNameMaxLength, required: true }),
    number: checkPickupNumber(input.number),
    site: checkText(input.site, { field: "site", max: siteMaxLength, required: true }),
    memo: checkMemo(input.memo, "memo"),
  };
}

/** The site of a group with members can't change (8081). */
export function checkSiteChange(before: string, after: string, memberCount: number): void {
  if (before !== after && memberCount > 0) throw new DomainError("8081", { field: "site", details: { members: memberCount } });
}

/** A pickup group with members can't be deleted (8046). */
export function checkPickupGroupDeletable(memberCount: number): void {
  if (memberCount > 0) throw new DomainError("8046", { details: { members: memberCount } });
}

/** The new member list: valid subscriber IDs (8008 / 8009, named by index), each once, in the order given. */
export function checkPickupMemberIds(ids: readonly string[], field = "subscriberIds"): string[] {
  ids.forEach((id, i) => checkSubscriberId(id, `${field}.${i}`));
  return [...new Set(ids)];
}
