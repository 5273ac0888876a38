// Extension groups (内線グループ, features.md §10): the group's fields, its members' extensions, and how the
// members' stored forwarding follows a membership change so that the prefix rule (features.md §4) still holds.
import { DomainError } from "../errors.ts";
import type { ScheduleRule } from "../schedule/schedule.ts";
import type { Forwarding } from "../subscriber/subscriber.ts";
import { checkSubscriberId } from "../subscriber/subscriber.ts";
import { checkMemo, checkText } from "../text.ts";

/** M2 ch.5: the external prefix is fixed to "0". */
export const externalPrefix = "0";
export const extensionGroupNameMaxLength = 64;

export interface ExtensionGroupInput {
  name: string;
  siteNumber: string;
  memo: string;
}

/** Name: required (8008), one line, at most 64 characters (8009). Uniqueness (8017 / 8018) needs the store. */
export function checkExtensionGroupName(name: string, field = "name"): string {
  return checkText(name, { field, max: extensionGroupNameMaxLength, required: true });
}

/** 拠点番号: required (8008), half-width digits, 1–8 of them (8009). */
export function checkSiteNumber(value: string, field = "siteNumber"): string {
  if (value === "") throw new DomainError("8008", { field });
  if (!/^\d{1,8}$/.test(value)) throw new DomainError("8009", { field, details: { rule: "digits", min: 1, max: 8 } });
  return value;
}

export function checkExtensionGroup(input: ExtensionGroupInput): ExtensionGroupInput {
  return { name: checkExtensionGroupName(input.name), siteNumber: checkSiteNumber(input.siteNumber), memo: checkMemo(input.memo, "memo") };
}

/**
 * 内線番号 of a member: required (8012), 2–8 half-width digits (8009), and not starting with the external
 * prefix: a member dialling "0…" reaches an external number (routing.md outbound 4), so such an extension
 * could never be dialled.
 */
export function checkExtension(value: string | null | undefined, field = "extension"): string {
  if (value === undefined || value === null || value === "") throw new DomainError("8012", { field });
  if (!/^\d{2,8}$/.test(value)) throw new DomainError("8009", { field, details: { rule: "digits", min: 2, max: 8 } });
  if (value.startsWith(externalPrefix)) {
    throw new DomainError("8009", {
      field,
      details: { rule: "externalPrefix" },
      message: { ja: "内線番号は外線プレフィックス「0」で始めることはできません。", en: "An extension can't start with the external prefix 0." },
    });
  }
  return value;
}

export interface ExtensionMemberInput {
  subscriberId: string;
  extension?: string | null | undefined;
}

export interface ExtensionMember {
  subscriberId: string;
  extension: string;
}

/**
 * The new member list of a group: each item a valid subscriber ID with an extension; a subscriber listed
 * twice is 8009 (which extension would it get?); an extension used twice is 8052. Items are named by index.
 */
export function checkExtensionMembers(items: readonly ExtensionMemberInput[]): ExtensionMember[] {
  const bySubscriber = new Map<string, number>();
  const byExtension = new Map<string, number>();
  return items.map((item, i) => {
    checkSubscriberId(item.subscriberId, `${i}.subscriberId`);
    const extension = checkExtension(item.extension, `${i}.extension`);
    const sameSubscriber = bySubscriber.get(item.subscriberId);
    if (sameSubscriber !== undefined) throw new DomainError("8009", { field: `${i}.subscriberId`, details: { duplicateOf: sameSubscriber } });
    const sameExtension = byExtension.get(extension);
    if (sameExtension !== undefined) throw new DomainError("8052", { field: `${i}.extension`, details: { extension, duplicateOf: sameExtension } });
    bySubscriber.set(item.subscriberId, i);
    byExtension.set(extension, i);
    return { subscriberId: item.subscriberId, extension };
  });
}

/** Deleting a group: not while numbers are members or schedules refer to it (8122, saying which). */
export function checkExtensionGroupDeletable(name: string, memberCount: number, schedules: readonly { id: number; name: string }[]): void {
  if (memberCount > 0) {
    throw new DomainError("8122", {
      details: { members: memberCount },
      message: {
        ja: `内線グループ「${name}」にはメンバが${memberCount}件登録されているため削除できません。先にメンバを外してください。`,
        en: `Extension group "${name}" has ${memberCount} member(s); remove them first.`,
      },
    });
  }
  if (schedules.length > 0) {
    const names = schedules.map((s) => s.name);
    throw new DomainError("8122", {
      details: { schedules },
      message: {
        ja: `内線グループ「${name}」は時間帯転送「${names.join("」「")}」で使用中のため削除できません。`,
        en: `Extension group "${name}" is used by schedule(s) ${names.map((n) => `"${n}"`).join(", ")}; it can't be deleted.`,
      },
    });
  }
}

/** How destinations are read in one extension group: its prefix and which member has which extension. */
export interface GroupView {
  readonly prefix: string;
  /** extension → the member's number */
  readonly numberOf: ReadonlyMap<string, string>;
  /** the member's number → its extension */
  readonly extensionOf: ReadonlyMap<string, string>;
}

export function groupView(prefix: string, members: readonly { number: string; extension: string }[]): GroupView {
  const withExtension = members.filter((m) => m.extension !== "");
  return {
    prefix,
    numberOf: new Map(withExtension.map((m) => [m.extension, m.number])),
    extensionOf: new Map(withExtension.map((m) => [m.number, m.extension])),
  };
}

/** What a stored destination reaches: a number (national or 010 international), possibly as a member's extension. */
type Target = { readonly digits: string; readonly viaExtension: boolean };

/** Reads a stored destination as checkDestination wrote it: an extension of the group, or prefix + number. */
function resolve(destination: string, view: GroupView | undefined): Target | undefined {
  if (view === undefined) return { digits: destination, viaExtension: false };
  const member = view.numberOf.get(destination);
  if (member !== undefined) return { digits: member, viaExtension: true };
  const rest = destination.slice(view.prefix.length);
  if (destination.startsWith(view.prefix) && rest.length > 2 && rest.startsWith("0")) return { digits: rest, viaExtension: false };
  return undefined;
}

/** Writes a target the way checkDestination would store it in the group (or outside any group). */
function express(target: Target, view: GroupView | undefined): string {
  if (view === undefined) return target.digits;
  const extension = target.viaExtension ? view.extensionOf.get(target.digits) : undefined;
  return extension ?? `${view.prefix}${target.digits}`;
}

/**
 * One stored destination carried from one way of reading to another, so that it still reaches the same
 * number: a forward to a colleague's extension follows the colleague (new extension, or prefix + number
 * once they left the group); an external number gains or loses the prefix as its owner joins or leaves.
 * Undefined when the destination can't be read under `from` (an extension no member has).
 */
export function rebaseDestination(destination: string, from: GroupView | undefined, to: GroupView | undefined): string | undefined {
  const target = resolve(destination, from);
  return target === undefined ? undefined : express(target, to);
}

const forwardTypes = ["unconditional", "busy", "noAnswer"] as const;

export interface RebasedForwarding {
  readonly forwarding: Forwarding;
  readonly changed: boolean;
  /** Types whose destination could not be read: switched off and cleared rather than left to mean another number. */
  readonly cleared: readonly string[];
}

/**
 * A number's forwarding after a membership change (features.md §4 prefix rule). `sameGroup` says the number
 * stays in the group it was in: a destination that can't be read is then left as it was (it was already
 * dangling); when the number changes group it would be read differently, so it is switched off and cleared.
 */
export function rebaseForwarding(forwarding: Forwarding, from: GroupView | undefined, to: GroupView | undefined, sameGroup: boolean): RebasedForwarding {
  const next: Forwarding = structuredClone(forwarding);
  const cleared: string[] = [];
  let changed = false;
  for (const type of forwardTypes) {
    const part = next[type];
    if (part.destination === "") continue;
    const rebased = rebaseDestination(part.destination, from, to);
    if (rebased === undefined) {
      if (sameGroup) continue;
      part.destination = "";
      part.enabled = false;
      cleared.push(type);
      changed = true;
    } else if (rebased !== part.destination) {
      part.destination = rebased;
      changed = true;
    }
  }
  return { forwarding: next, changed, cleared };
}

/** The rules of a schedule that belongs to the group, after a membership change; unreadable destinations stay. */
export function rebaseScheduleRules(rules: readonly ScheduleRule[], from: GroupView, to: GroupView): { rules: ScheduleRule[]; changed: boolean } {
  let changed = false;
  const out = rules.map((rule) => {
    if (rule.action === "none" || rule.destination === undefined || rule.destination === "") return rule;
    const rebased = rebaseDestination(rule.destination, from, to);
    if (rebased === undefined || rebased === rule.destination) return rule;
    changed = true;
    return { ...rule, destination: rebased };
  });
  return { rules: out, changed };
}
