// Bulk registration (一括登録, features.md §13, files.md): what the lines of a checked file would change against
// the current memberships, line by line (追加 / 変更 / 変更なし / 競合), with the group rules of §8, §10 and §11.
import { catalogue, type ErrorCode } from "../errors.ts";
import { groupView, rebaseForwarding, rebaseScheduleRules, type GroupView } from "../extension-group/extension-group.ts";
import { maxMembers, type Distribution } from "../hunt-group/hunt-group.ts";
import type { ScheduleRule } from "../schedule/schedule.ts";
import type { Forwarding } from "../subscriber/subscriber.ts";
import { lineIssue, sortIssues, type LineIssue } from "../line-issue.ts";
import { runSteps, stepSize, type Steps } from "../steps.ts";

export const importKinds = ["VPN", "HUNT", "PICKUP"] as const;
export type ImportKind = (typeof importKinds)[number];

export function isImportKind(value: string): value is ImportKind {
  return (importKinds as readonly string[]).includes(value);
}

/** files.md: at most 20,000 data lines and 5 MB a file. */
export const maxImportLines = 20_000;
export const maxImportBytes = 5 * 1024 * 1024;

/** One data line of a file, its values checked (the parser's work). VPN with both group and extension empty removes. */
export type ImportLine =
  | { readonly kind: "VPN"; readonly line: number; readonly subscriberId: string; readonly groupName: string; readonly extension: string }
  | { readonly kind: "HUNT"; readonly line: number; readonly subscriberId: string; readonly groupName: string; readonly order: number }
  | { readonly kind: "PICKUP"; readonly line: number; readonly subscriberId: string; readonly groupName: string };

/** A subscriber's current memberships, as the planner needs them. */
export interface MemberState {
  readonly extensionGroupId: number | null;
  readonly extension: string | null;
  readonly huntGroupId: number | null;
  readonly huntOrder: number | null;
  readonly pickupGroupId: number | null;
}

export interface GroupRef {
  readonly id: number;
  readonly name: string;
}

export interface HuntGroupRef extends GroupRef {
  readonly distribution: Distribution;
}

/** The enterprise's data the lines are checked against: its subscribers (by ID) and its groups. */
export interface ImportState {
  readonly subscribers: ReadonlyMap<string, MemberState>;
  readonly extensionGroups: readonly GroupRef[];
  readonly huntGroups: readonly HuntGroupRef[];
  readonly pickupGroups: readonly GroupRef[];
}

/** Where a line puts its subscriber: the group (null: none) and, by kind, the extension or the order. */
export interface Placement {
  readonly group: string | null;
  readonly extension?: string | null;
  readonly order?: number | null;
}

/** 追加 / 変更 / 変更なし / 競合 */
export type LineAction = "add" | "change" | "unchanged" | "conflict";

export interface LinePlan {
  readonly line: number;
  readonly subscriberId: string;
  readonly action: LineAction;
  readonly before: Placement;
  readonly after: Placement;
  readonly errors: readonly LineIssue[];
}

/** A membership the apply writes: the group (null: leave the extension group) and the extension or order. */
export type MembershipChange =
  | { readonly kind: "VPN"; readonly subscriberId: string; readonly groupId: number | null; readonly extension: string | null }
  | { readonly kind: "HUNT"; readonly subscriberId: string; readonly groupId: number; readonly order: number }
  | { readonly kind: "PICKUP"; readonly subscriberId: string; readonly groupId: number };

export interface ImportPlan {
  readonly lines: readonly LinePlan[];
  /** Every error of every line, in line order. */
  readonly errors: readonly LineIssue[];
  /** What applying writes: the lines that add or change, in file order. */
  readonly changes: readonly MembershipChange[];
  /** The groups whose memberships the changes touch (for their locks): before and after. */
  readonly groupIds: readonly number[];
  readonly summary: Readonly<Record<LineAction, number>>;
}

const labels = {
  subscriberId: "加入者ID",
  VPN: "内線グループ名",
  HUNT: "代表グループ名",
  PICKUP: "ピックアップグループ名",
  extension: "内線番号",
  order: "着信順序",
} as const;

/** The code of an unknown group, by kind: 8051 extension group, 8053 hunt group, 8048 pickup group. */
const unknownGroup: Record<ImportKind, ErrorCode> = { VPN: "8051", HUNT: "8053", PICKUP: "8048" };

function byName<G extends GroupRef>(groups: readonly G[]): { byName: Map<string, G>; nameOf: Map<number, string> } {
  return { byName: new Map(groups.map((g) => [g.name, g])), nameOf: new Map(groups.map((g) => [g.id, g.name])) };
}

/**
 * Checks the lines against the current data and says what each would do. Rules (features.md, the group
 * services' own): the subscriber is one of the enterprise's (8072: another enterprise's number answers as one
 * that does not exist); the group exists by name (8051 / 8053 / 8048); a subscriber appears once in a file
 * (VPN / PICKUP 8070; HUNT 8031 in the same group, 8022 in another); extensions unique in a group after the
 * file (8052); a number in another hunt group is not moved (8022); orders unique in a hunt group (8032); at
 * most 5 members for 同報, 32 for the others (8084 / 8085). A number in another extension or pickup group
 * moves, as in the group screens. Members the file does not name keep their places.
 */
export function planImport(kind: ImportKind, lines: readonly ImportLine[], state: ImportState): ImportPlan {
  return runSteps(planImportSteps(kind, lines, state));
}

/** planImport in steps that may pause every few thousand lines (steps.ts). */
export function planImportSteps(kind: ImportKind, lines: readonly ImportLine[], state: ImportState): Steps<ImportPlan> {
  switch (kind) {
    case "VPN":
      return planExtension(lines.filter((l): l is Extract<ImportLine, { kind: "VPN" }> => l.kind === "VPN"), state);
    case "HUNT":
      return planHunt(lines.filter((l): l is Extract<ImportLine, { kind: "HUNT" }> => l.kind === "HUNT"), state);
    case "PICKUP":
      return planPickup(lines.filter((l): l is Extract<ImportLine, { kind: "PICKUP" }> => l.kind === "PICKUP"), state);
  }
}

/** True every stepSize calls: where a loop may pause. */
function pacer(): () => boolean {
  let n = 0;
  return () => {
    n += 1;
    return n % stepSize === 0;
  };
}

interface Draft {
  line: number;
  subscriberId: string;
  before: Placement;
  after: Placement;
  errors: LineIssue[];
}

function finish(drafts: readonly Draft[], changesOf: (d: Draft) => MembershipChange | undefined, groupIds: Iterable<number>): ImportPlan {
  const summary: Record<LineAction, number> = { add: 0, change: 0, unchanged: 0, conflict: 0 };
  const changes: MembershipChange[] = [];
  const plans: LinePlan[] = drafts.map((d) => {
    let action: LineAction;
    if (d.errors.length > 0) action = "conflict";
    else if (samePlacement(d.before, d.after)) action = "unchanged";
    else if (d.before.group === null) action = "add";
    else action = "change";
    summary[action] += 1;
    if (action === "add" || action === "change") {
      const change = changesOf(d);
      if (change !== undefined) changes.push(change);
    }
    return { line: d.line, subscriberId: d.subscriberId, action, before: d.before, after: d.after, errors: d.errors };
  });
  return { lines: plans, errors: sortIssues(plans.flatMap((p) => p.errors)), changes, groupIds: [...new Set(groupIds)].sort((a, b) => a - b), summary };
}

function samePlacement(a: Placement, b: Placement): boolean {
  return a.group === b.group && (a.extension ?? null) === (b.extension ?? null) && (a.order ?? null) === (b.order ?? null);
}

function subscriberMissing(line: number, subscriberId: string): LineIssue {
  return lineIssue(line, "8072", {
    field: labels.subscriberId,
    details: { subscriberId },
    message: { ja: `加入者ID「${subscriberId}」の加入者情報が存在しません。`, en: `Subscriber "${subscriberId}" does not exist.` },
  });
}

function groupMissing(kind: ImportKind, line: number, name: string): LineIssue {
  const code = unknownGroup[kind];
  return lineIssue(line, code, {
    field: labels[kind],
    details: { group: name },
    message: { ja: `${catalogue[code].ja}(「${name}」)`, en: `${catalogue[code].en} ("${name}")` },
  });
}

function* planExtension(lines: readonly Extract<ImportLine, { kind: "VPN" }>[], state: ImportState): Steps<ImportPlan> {
  const pause = pacer();
  const groups = byName(state.extensionGroups);
  const drafts: Draft[] = [];
  const firstLineOf = new Map<string, number>();
  // subscriber → the placement the file gives it (lines without errors so far)
  const target = new Map<string, { draft: Draft; groupId: number | null; extension: string | null }>();
  const groupIds = new Set<number>();

  for (const l of lines) {
    if (pause()) yield;
    const current = state.subscribers.get(l.subscriberId);
    const groupId = current?.extensionGroupId ?? null;
    const before: Placement = groupId === null ? { group: null, extension: null } : { group: groups.nameOf.get(groupId) ?? null, extension: current?.extension ?? null };
    const removing = l.groupName === "" && l.extension === "";
    const after: Placement = removing ? { group: null, extension: null } : { group: l.groupName, extension: l.extension };
    const draft: Draft = { line: l.line, subscriberId: l.subscriberId, before, after, errors: [] };
    drafts.push(draft);

    const earlier = firstLineOf.get(l.subscriberId);
    if (earlier !== undefined) {
      draft.errors.push(
        lineIssue(l.line, "8070", {
          field: labels.subscriberId,
          details: { subscriberId: l.subscriberId, duplicateOf: earlier },
          message: { ja: `加入者ID「${l.subscriberId}」が${earlier}行目と重複しています。`, en: `Subscriber "${l.subscriberId}" is also on line ${earlier}.` },
        }),
      );
      continue;
    }
    firstLineOf.set(l.subscriberId, l.line);
    if (current === undefined) draft.errors.push(subscriberMissing(l.line, l.subscriberId));
    const group = removing ? undefined : groups.byName.get(l.groupName);
    if (!removing && group === undefined) draft.errors.push(groupMissing("VPN", l.line, l.groupName));
    if (draft.errors.length > 0 || current === undefined) continue;
    target.set(l.subscriberId, { draft, groupId: group?.id ?? null, extension: removing ? null : l.extension });
    if (current.extensionGroupId !== null) groupIds.add(current.extensionGroupId);
    if (group !== undefined) groupIds.add(group.id);
  }

  // 8052: extensions unique in each group once the file is applied; members the file does not name stay.
  const holders = new Map<string, { subscriberId: string; draft?: Draft }>();
  const key = (groupId: number, extension: string) => `${groupId}\u0000${extension}`;
  for (const [id, s] of state.subscribers) {
    if (pause()) yield;
    if (s.extensionGroupId === null || s.extension === null || target.has(id)) continue;
    holders.set(key(s.extensionGroupId, s.extension), { subscriberId: id });
  }
  for (const [id, t] of target) {
    if (pause()) yield;
    if (t.groupId === null || t.extension === null) continue;
    const k = key(t.groupId, t.extension);
    const holder = holders.get(k);
    if (holder === undefined) {
      holders.set(k, { subscriberId: id, draft: t.draft });
      continue;
    }
    const where = holder.draft === undefined ? { ja: `加入者「${holder.subscriberId}」`, en: `subscriber "${holder.subscriberId}"` } : { ja: `${holder.draft.line}行目`, en: `line ${holder.draft.line}` };
    t.draft.errors.push(
      lineIssue(t.draft.line, "8052", {
        field: labels.extension,
        details: { extension: t.extension, group: t.draft.after.group, heldBy: holder.subscriberId, ...(holder.draft === undefined ? {} : { duplicateOf: holder.draft.line }) },
        message: {
          ja: `内線グループ「${t.draft.after.group ?? ""}」の内線番号「${t.extension}」は${where.ja}と重複しています。`,
          en: `Extension ${t.extension} in group "${t.draft.after.group ?? ""}" is also used by ${where.en}.`,
        },
      }),
    );
  }

  return finish(
    drafts,
    (d) => {
      const t = target.get(d.subscriberId);
      return t === undefined ? undefined : { kind: "VPN", subscriberId: d.subscriberId, groupId: t.groupId, extension: t.extension };
    },
    groupIds,
  );
}

function* planHunt(lines: readonly Extract<ImportLine, { kind: "HUNT" }>[], state: ImportState): Steps<ImportPlan> {
  const pause = pacer();
  const groups = byName(state.huntGroups);
  const drafts: Draft[] = [];
  const firstOf = new Map<string, { line: number; group: string }>();
  const target = new Map<string, { draft: Draft; group: HuntGroupRef; order: number }>();

  for (const l of lines) {
    if (pause()) yield;
    const current = state.subscribers.get(l.subscriberId);
    const groupId = current?.huntGroupId ?? null;
    const before: Placement = groupId === null ? { group: null, order: null } : { group: groups.nameOf.get(groupId) ?? null, order: current?.huntOrder ?? null };
    const draft: Draft = { line: l.line, subscriberId: l.subscriberId, before, after: { group: l.groupName, order: l.order }, errors: [] };
    drafts.push(draft);

    const earlier = firstOf.get(l.subscriberId);
    if (earlier !== undefined) {
      const same = earlier.group === l.groupName;
      draft.errors.push(
        lineIssue(l.line, same ? "8031" : "8022", {
          field: labels.subscriberId,
          details: { subscriberId: l.subscriberId, duplicateOf: earlier.line },
          message: same
            ? { ja: `代表グループ「${l.groupName}」で加入者「${l.subscriberId}」が${earlier.line}行目と重複しています。`, en: `Subscriber "${l.subscriberId}" is in hunt group "${l.groupName}" on line ${earlier.line} too.` }
            : { ja: `加入者「${l.subscriberId}」は${earlier.line}行目で別の代表グループ「${earlier.group}」に設定されています。`, en: `Subscriber "${l.subscriberId}" is put in hunt group "${earlier.group}" on line ${earlier.line}.` },
        }),
      );
      continue;
    }
    firstOf.set(l.subscriberId, { line: l.line, group: l.groupName });
    if (current === undefined) draft.errors.push(subscriberMissing(l.line, l.subscriberId));
    const group = groups.byName.get(l.groupName);
    if (group === undefined) draft.errors.push(groupMissing("HUNT", l.line, l.groupName));
    if (current !== undefined && group !== undefined && current.huntGroupId !== null && current.huntGroupId !== group.id) {
      // hunt-groups.service: a number in another hunt group is refused, not moved.
      const other = groups.nameOf.get(current.huntGroupId) ?? String(current.huntGroupId);
      draft.errors.push(
        lineIssue(l.line, "8022", {
          field: labels.subscriberId,
          details: { subscriberId: l.subscriberId, huntGroup: other },
          message: { ja: `加入者「${l.subscriberId}」は既に別の代表グループ「${other}」に設定されています。`, en: `Subscriber "${l.subscriberId}" is already in hunt group "${other}".` },
        }),
      );
    }
    if (draft.errors.length > 0 || group === undefined) continue;
    target.set(l.subscriberId, { draft, group, order: l.order });
  }

  // The orders of each group the file names, once applied: the current members', then the file's.
  const ordersOf = new Map<number, Map<number, { subscriberId: string; draft?: Draft }>>();
  const countBefore = new Map<number, number>();
  for (const t of target.values()) ordersOf.set(t.group.id, new Map());
  for (const [id, s] of state.subscribers) {
    if (pause()) yield;
    if (s.huntGroupId === null || !ordersOf.has(s.huntGroupId)) continue;
    countBefore.set(s.huntGroupId, (countBefore.get(s.huntGroupId) ?? 0) + 1);
    if (!target.has(id)) ordersOf.get(s.huntGroupId)?.set(s.huntOrder ?? 0, { subscriberId: id });
  }
  for (const [id, t] of target) {
    if (pause()) yield;
    const orders = ordersOf.get(t.group.id) as Map<number, { subscriberId: string; draft?: Draft }>;
    // 8032: an order used by a member the file leaves in place, or by an earlier line.
    const holder = orders.get(t.order);
    if (holder === undefined) {
      orders.set(t.order, { subscriberId: id, draft: t.draft });
      continue;
    }
    const where = holder.draft === undefined ? { ja: `加入者「${holder.subscriberId}」`, en: `subscriber "${holder.subscriberId}"` } : { ja: `${holder.draft.line}行目`, en: `line ${holder.draft.line}` };
    t.draft.errors.push(
      lineIssue(t.draft.line, "8032", {
        field: labels.order,
        details: { order: t.order, group: t.group.name, heldBy: holder.subscriberId, ...(holder.draft === undefined ? {} : { duplicateOf: holder.draft.line }) },
        message: { ja: `代表グループ「${t.group.name}」の着信順序「${t.order}」は${where.ja}と重複しています。`, en: `Order ${t.order} in hunt group "${t.group.name}" is also used by ${where.en}.` },
      }),
    );
  }
  // 8084 / 8085: the lines that add members beyond the group's limit.
  const added = new Map<number, number>();
  for (const [id, t] of target) {
    if (pause()) yield;
    const current = state.subscribers.get(id);
    if (current?.huntGroupId === t.group.id) continue;
    const count = (countBefore.get(t.group.id) ?? 0) + (added.get(t.group.id) ?? 0) + 1;
    added.set(t.group.id, (added.get(t.group.id) ?? 0) + 1);
    const limit = maxMembers(t.group.distribution);
    if (count <= limit) continue;
    const code: ErrorCode = t.group.distribution === "simultaneous" ? "8084" : "8085";
    t.draft.errors.push(
      lineIssue(t.draft.line, code, {
        field: labels.HUNT,
        details: { group: t.group.name, members: count, max: limit },
        message: { ja: `${catalogue[code].ja}(代表グループ「${t.group.name}」: ${count}人目)`, en: `${catalogue[code].en} (hunt group "${t.group.name}": member ${count})` },
      }),
    );
  }

  const groupIds = [...target.values()].map((t) => t.group.id);
  return finish(
    drafts,
    (d) => {
      const t = target.get(d.subscriberId);
      return t === undefined ? undefined : { kind: "HUNT", subscriberId: d.subscriberId, groupId: t.group.id, order: t.order };
    },
    groupIds,
  );
}

function* planPickup(lines: readonly Extract<ImportLine, { kind: "PICKUP" }>[], state: ImportState): Steps<ImportPlan> {
  const pause = pacer();
  const groups = byName(state.pickupGroups);
  const drafts: Draft[] = [];
  const firstLineOf = new Map<string, number>();
  const target = new Map<string, number>();
  const groupIds = new Set<number>();

  for (const l of lines) {
    if (pause()) yield;
    const current = state.subscribers.get(l.subscriberId);
    const groupId = current?.pickupGroupId ?? null;
    const before: Placement = { group: groupId === null ? null : (groups.nameOf.get(groupId) ?? null) };
    const draft: Draft = { line: l.line, subscriberId: l.subscriberId, before, after: { group: l.groupName }, errors: [] };
    drafts.push(draft);
    const earlier = firstLineOf.get(l.subscriberId);
    if (earlier !== undefined) {
      draft.errors.push(
        lineIssue(l.line, "8070", {
          field: labels.subscriberId,
          details: { subscriberId: l.subscriberId, duplicateOf: earlier },
          message: { ja: `加入者ID「${l.subscriberId}」が${earlier}行目と重複しています。`, en: `Subscriber "${l.subscriberId}" is also on line ${earlier}.` },
        }),
      );
      continue;
    }
    firstLineOf.set(l.subscriberId, l.line);
    if (current === undefined) draft.errors.push(subscriberMissing(l.line, l.subscriberId));
    const group = groups.byName.get(l.groupName);
    if (group === undefined) draft.errors.push(groupMissing("PICKUP", l.line, l.groupName));
    if (draft.errors.length > 0 || group === undefined || current === undefined) continue;
    target.set(l.subscriberId, group.id);
    groupIds.add(group.id);
    if (current.pickupGroupId !== null) groupIds.add(current.pickupGroupId);
  }
  return finish(
    drafts,
    (d) => {
      const groupId = target.get(d.subscriberId);
      return groupId === undefined ? undefined : { kind: "PICKUP", subscriberId: d.subscriberId, groupId };
    },
    groupIds,
  );
}

/** A subscriber of an affected extension group, with what follows a membership change. */
export interface ExtensionMemberRecord {
  readonly id: string;
  readonly number: string;
  readonly extensionGroupId: number | null;
  readonly extension: string | null;
  /** Whether any forwarding destination is stored (a cheap test, so most numbers' settings are never read). */
  readonly hasDestination: boolean;
  /** Read only when the number has a destination that may have to follow. */
  readonly forwarding: () => Forwarding;
}

export interface ExtensionMoveResult {
  /** Every number whose group, extension or forwarding changes, with its new values. */
  readonly updates: readonly {
    subscriberId: string;
    groupId: number | null;
    extension: string | null;
    forwarding?: Forwarding;
    before: { groupId: number | null; extension: string | null; forwarding?: Forwarding };
    cleared: readonly string[];
  }[];
  /** Old and new views of each affected group, for the schedules that belong to it. */
  readonly views: ReadonlyMap<number, { from: GroupView; to: GroupView }>;
}

/**
 * The extension-group membership changes of a VPN file, with stored forwarding following them as the group
 * screens do (features.md §4, extension-groups.service setMembers): every destination of the numbers of the
 * affected groups is read under the old memberships and written under the new ones, so it reaches the same
 * number; one that can't be read is cleared when its owner changes group and left alone otherwise.
 */
export function moveExtensionMembers(
  changes: readonly Extract<MembershipChange, { kind: "VPN" }>[],
  members: readonly ExtensionMemberRecord[],
  prefixOf: (groupId: number) => string,
): ExtensionMoveResult {
  return runSteps(moveExtensionMembersSteps(changes, members, prefixOf));
}

/** moveExtensionMembers in steps that may pause every few thousand numbers (steps.ts). */
export function* moveExtensionMembersSteps(
  changes: readonly Extract<MembershipChange, { kind: "VPN" }>[],
  members: readonly ExtensionMemberRecord[],
  prefixOf: (groupId: number) => string,
): Steps<ExtensionMoveResult> {
  const pause = pacer();
  const next = new Map(changes.map((c) => [c.subscriberId, c]));
  const affected = new Set<number>();
  for (const m of members) {
    if (pause()) yield;
    const c = next.get(m.id);
    if (c === undefined) continue;
    if (m.extensionGroupId !== null) affected.add(m.extensionGroupId);
    if (c.groupId !== null) affected.add(c.groupId);
  }
  const oldMembers = new Map<number, { number: string; extension: string }[]>();
  const newMembers = new Map<number, { number: string; extension: string }[]>();
  for (const g of affected) {
    oldMembers.set(g, []);
    newMembers.set(g, []);
  }
  for (const m of members) {
    if (pause()) yield;
    if (m.extensionGroupId !== null && affected.has(m.extensionGroupId)) oldMembers.get(m.extensionGroupId)?.push({ number: m.number, extension: m.extension ?? "" });
    const c = next.get(m.id);
    const groupId = c === undefined ? m.extensionGroupId : c.groupId;
    const extension = c === undefined ? m.extension : c.extension;
    if (groupId !== null && affected.has(groupId)) newMembers.get(groupId)?.push({ number: m.number, extension: extension ?? "" });
  }
  const views = new Map<number, { from: GroupView; to: GroupView }>();
  for (const g of affected) views.set(g, { from: groupView(prefixOf(g), oldMembers.get(g) ?? []), to: groupView(prefixOf(g), newMembers.get(g) ?? []) });

  const updates: ExtensionMoveResult["updates"][number][] = [];
  for (const m of members) {
    if (pause()) yield;
    const c = next.get(m.id);
    const inAffected = (m.extensionGroupId !== null && affected.has(m.extensionGroupId)) || c !== undefined;
    if (!inAffected) continue;
    const groupId = c === undefined ? m.extensionGroupId : c.groupId;
    const extension = c === undefined ? m.extension : c.extension;
    const from = m.extensionGroupId === null ? undefined : views.get(m.extensionGroupId)?.from;
    const to = groupId === null ? undefined : views.get(groupId)?.to;
    const membershipChanged = groupId !== m.extensionGroupId || (extension ?? null) !== (m.extension ?? null);
    const forwarding = m.hasDestination ? m.forwarding() : undefined;
    const rebased = forwarding !== undefined && hasDestination(forwarding) ? rebaseForwarding(forwarding, from, to, groupId === m.extensionGroupId) : undefined;
    if (!membershipChanged && rebased?.changed !== true) continue;
    updates.push({
      subscriberId: m.id,
      groupId,
      extension: groupId === null ? null : extension,
      ...(rebased?.changed === true ? { forwarding: rebased.forwarding } : {}),
      before: { groupId: m.extensionGroupId, extension: m.extension, ...(rebased?.changed === true && forwarding !== undefined ? { forwarding } : {}) },
      cleared: rebased?.cleared ?? [],
    });
  }
  return { updates, views };
}

function hasDestination(f: Forwarding): boolean {
  return f.unconditional.destination !== "" || f.busy.destination !== "" || f.noAnswer.destination !== "";
}

/** The rules of a schedule of an affected group after the moves (destinations follow as for forwarding). */
export function followScheduleRules(rules: readonly ScheduleRule[], view: { from: GroupView; to: GroupView }): { rules: ScheduleRule[]; changed: boolean } {
  return rebaseScheduleRules(rules, view.from, view.to);
}
