// Bulk registration (一括登録, features.md §13, files.md): upload a checked file, preview it against the current
// data, apply it in one transaction, delete it; the templates.
import { cp932NameResolver } from "../domain/cp932-fold.ts";
import { DomainError } from "../domain/errors.ts";
import { externalPrefix } from "../domain/extension-group/extension-group.ts";
import {
  followScheduleRules,
  moveExtensionMembersSteps,
  planImportSteps,
  type ImportKind,
  type ImportLine,
  type ImportPlan,
  type ImportState,
  type LineAction,
  type LinePlan,
  type MembershipChange,
  type Placement,
} from "../domain/import/import-plan.ts";
import { fileRefusal, lineIssue, type LineIssue } from "../domain/line-issue.ts";
import type { Principal } from "../domain/roles.ts";
import type { ScheduleRule } from "../domain/schedule/schedule.ts";
import { defaultForwarding, type Forwarding } from "../domain/subscriber/subscriber.ts";
import { runStepsPausing } from "../domain/steps.ts";
import { bulkTemplate, parseBulkFileSteps } from "../files/bulk-file.ts";
import type { Db } from "../store/database.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import { schedulesOfExtensionGroup, updateScheduleRules } from "../store/extension-group.store.ts";
import {
  deleteImport,
  findImport,
  findImportBySha256,
  findImportContent,
  insertImport,
  listImports,
  loadImportData,
  lockGroups,
  lockImport,
  setImportResult,
  writeExtensionMemberships,
  writeHuntMemberships,
  writePickupMemberships,
  type ImportData,
  type ImportListOptions,
  type ImportRecord,
} from "../store/import.store.ts";
import { fromJson } from "../store/json.ts";
import type { Dialect } from "../store/schema.ts";
import { uniqueViolation } from "../store/unique.ts";
import { requireEnterpriseScope, requireRole } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import type { BulkJobs } from "./bulk-jobs.ts";
import { inTransaction } from "./unit-of-work.ts";
import { cleanFileName, sha256Of, type UploadedFile } from "./uploaded-file.ts";

export type { ImportRecord };
export type ImportListQuery = ImportListOptions;

export interface PreviewQuery {
  action?: LineAction | undefined;
  offset: number;
  limit: number;
}

export interface ImportDetail {
  readonly record: ImportRecord;
  /** The stored bytes still have the SHA-256 taken at upload (an apply refuses them otherwise: 8073). */
  readonly fileIntact: boolean;
  readonly summary: Readonly<Record<LineAction, number>>;
  /** What applying would do now, line by line (追加 / 変更 / 変更なし / 競合), filtered and paged. */
  readonly preview: { total: number; items: LinePlan[] };
}

export interface ApplyResult {
  readonly record: ImportRecord;
  readonly summary: Readonly<Record<LineAction, number>>;
  /** Numbers whose stored forwarding followed an extension-group change (as the group screen does). */
  readonly adjustedForwarding: { subscriberId: string; cleared: string[] }[];
  readonly adjustedSchedules: { id: number; name: string }[];
}

/** product.md §Roles: imports are for operators and the enterprise's admins; another enterprise answers 404. */
function requireAdministrator(principal: Principal, enterpriseId: string): void {
  requireEnterpriseScope(principal, enterpriseId);
  requireRole(principal, ["operator", "enterpriseAdmin"]);
}

async function requireEnterprise(db: Db, enterpriseId: string): Promise<void> {
  if ((await findEnterprise(db, enterpriseId)) === undefined) throw new DomainError("8016");
}

/** Who uploaded, as the audit trail names actors. */
function actorOf(principal: Principal): string {
  return principal.enterpriseId !== undefined && principal.role !== "subscriber" ? `${principal.enterpriseId}/${principal.loginId}` : principal.loginId;
}

function stateOf(data: ImportData): ImportState {
  return {
    subscribers: new Map(data.subscribers.map((s) => [s.id, s])),
    extensionGroups: data.extensionGroups,
    huntGroups: data.huntGroups,
    pickupGroups: data.pickupGroups,
  };
}

/** The stored parts of an upload the audit trail records. */
function audited(r: ImportRecord) {
  return { id: r.id, kind: r.kind, fileName: r.fileName, sha256: r.sha256, status: r.status, rows: r.rows };
}

const memberColumns: Record<ImportKind, string[]> = { VPN: ["subscriberId", "extensionGroup", "extension"], HUNT: ["subscriberId", "huntGroup", "order"], PICKUP: ["subscriberId", "pickupGroup"] };

function memberRow(kind: ImportKind, subscriberId: string, p: Placement): (string | number | null)[] {
  switch (kind) {
    case "VPN":
      return [subscriberId, p.group, p.extension ?? null];
    case "HUNT":
      return [subscriberId, p.group, p.order ?? null];
    case "PICKUP":
      return [subscriberId, p.group];
  }
}

/** Gives the event loop a turn between the long steps of an apply (node:sqlite and the checks run synchronously). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The file read and its lines planned with turns of the event loop in between (domain/steps.ts). */
const parse = (fileName: string, bytes: Uint8Array) => runStepsPausing(parseBulkFileSteps(fileName, bytes), turn);
const plan = (kind: ImportKind, lines: readonly ImportLine[], state: ImportState) => runStepsPausing(planImportSteps(kind, withStoredGroupNames(kind, lines, state), state), turn);

/**
 * The lines with each group name as the group is stored. A Shift_JIS file can only say ～ where a group was
 * named 〜 (and ∥ for ‖, － for −, …: domain/cp932-fold.ts), and the subscriber list writes it so; the planner
 * finds groups by their exact names, so a file made of the export would not find its own groups otherwise.
 * A name that matches no group, or several alike, is left as the file says (the planner reports it).
 */
function withStoredGroupNames(kind: ImportKind, lines: readonly ImportLine[], state: ImportState): readonly ImportLine[] {
  const groups = kind === "VPN" ? state.extensionGroups : kind === "HUNT" ? state.huntGroups : state.pickupGroups;
  const storedName = cp932NameResolver(groups.map((g) => g.name));
  return lines.map((l) => {
    if (l.groupName === "") return l;
    const name = storedName(l.groupName);
    return name === undefined || name === l.groupName ? l : { ...l, groupName: name };
  });
}

/** A non-empty destination in a number's stored forwarding (JSON text), found without parsing it. */
const storedDestination = /"destination":"[^"]/;

/** A refusal of an apply that is recorded on the upload (status failed, with its errors) once rolled back. */
class ApplyFailure extends Error {
  readonly error: DomainError;
  readonly issues: LineIssue[];
  constructor(error: DomainError, issues: LineIssue[]) {
    super(error.message);
    this.error = error;
    this.issues = issues;
  }
}

export class ImportService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;

  /** Uploads and applies run on the bulk worker's thread when there is one (services/bulk-jobs.ts). */
  readonly #jobs: BulkJobs | undefined;

  constructor(db: Db, clock: Clock, dialect: Dialect, jobs?: BulkJobs) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
    this.#jobs = jobs;
  }

  async list(principal: Principal, enterpriseId: string, query: ImportListQuery): Promise<{ total: number; items: ImportRecord[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return listImports(this.#db, enterpriseId, query);
  }

  /** The template of a kind (一括登録用フォーマット): a valid Shift_JIS file with the header and one example line. */
  async template(principal: Principal, enterpriseId: string, kind: ImportKind): Promise<{ fileName: string; bytes: Buffer }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return { fileName: `bulk-${kind.toLowerCase()}.csv`, bytes: bulkTemplate(kind) };
  }

  /**
   * Checks the file completely (files.md) and against the current data, then stores it (アップロード完了). A file
   * with errors is refused with every error and its line, nothing stored: 400 with the first error's code (413
   * over the limits). The same bytes already uploaded and kept: 409 8062.
   */
  async upload(ctx: ActionContext, enterpriseId: string, file: UploadedFile): Promise<{ record: ImportRecord; summary: Readonly<Record<LineAction, number>> }> {
    requireAdministrator(ctx.principal, enterpriseId);
    if (this.#jobs !== undefined) return (await this.#jobs.run("imports.upload", ctx, enterpriseId, file)) as { record: ImportRecord; summary: Readonly<Record<LineAction, number>> };
    await requireEnterprise(this.#db, enterpriseId);
    const fileName = cleanFileName(file.fileName);
    const parsed = await parse(fileName, file.bytes);
    if (parsed.errors.length > 0 || parsed.kind === undefined) throw fileRefusal(parsed.errors, 400);
    const kind = parsed.kind;
    const sha256 = sha256Of(file.bytes);
    const now = this.#clock().toISOString();
    await turn();
    return inTransaction(this.#db, async ({ tx }) => {
      const same = await findImportBySha256(tx, enterpriseId, sha256);
      if (same !== undefined) throw new DomainError("8062", { details: { importId: same.id, fileName: same.fileName } });
      const planned = await plan(kind, parsed.lines, stateOf(await loadImportData(tx, enterpriseId, kind, false)));
      if (planned.errors.length > 0) throw fileRefusal(planned.errors, 400);
      let id: number;
      try {
        id = await insertImport(tx, { enterpriseId, kind, fileName, sha256, rows: parsed.dataLines, content: file.bytes, uploadedBy: actorOf(ctx.principal), uploadedAt: now });
      } catch (error) {
        // The same file uploaded by another request after the check above.
        if (uniqueViolation(error) !== undefined) throw new DomainError("8062");
        throw error;
      }
      const record: ImportRecord = { id, enterpriseId, kind, fileName, sha256, status: "uploaded", rows: parsed.dataLines, errors: [], uploadedBy: actorOf(ctx.principal), uploadedAt: now, appliedAt: null, version: 1 };
      await audit(tx, ctx, this.#clock(), { action: "import.create", enterpriseId, targetType: "import", targetId: String(id), after: { ...audited(record), summary: planned.summary } });
      return { record, summary: planned.summary };
    });
  }

  /** The upload with the preview of what applying would change now; a missing upload is 8077. */
  async get(principal: Principal, enterpriseId: string, id: number, query: PreviewQuery): Promise<ImportDetail> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    const record = await findImport(this.#db, enterpriseId, id);
    const content = await findImportContent(this.#db, enterpriseId, id);
    if (record === undefined || content === undefined) throw new DomainError("8077");
    const parsed = await parse(record.fileName, content);
    const planned = await plan(record.kind, parsed.lines, stateOf(await loadImportData(this.#db, enterpriseId, record.kind, false)));
    const lines = query.action === undefined ? planned.lines : planned.lines.filter((l) => l.action === query.action);
    return {
      record,
      fileIntact: sha256Of(content) === record.sha256 && parsed.errors.length === 0,
      summary: planned.summary,
      preview: { total: lines.length, items: lines.slice(query.offset, query.offset + query.limit) },
    };
  }

  /** Deletes an upload (its file may then be uploaded again); a missing one is 8075. */
  async remove(ctx: ActionContext, enterpriseId: string, id: number): Promise<void> {
    requireAdministrator(ctx.principal, enterpriseId);
    await inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      const record = await findImport(tx, enterpriseId, id);
      if (record === undefined || !(await deleteImport(tx, enterpriseId, id))) throw new DomainError("8075");
      await audit(tx, ctx, this.#clock(), { action: "import.delete", enterpriseId, targetType: "import", targetId: String(id), before: audited(record) });
    });
  }

  /**
   * 即時投入: re-checks the stored bytes against their SHA-256 (8073) and every line against the current data,
   * then applies every line in one transaction (投入完了, status applied). A refusal changes none of the data:
   * the upload is marked failed with its errors, and the answer says why (409, the first error's code, every
   * error in details.errors). Applying an applied upload again is 8111.
   */
  async apply(ctx: ActionContext, enterpriseId: string, id: number): Promise<ApplyResult> {
    requireAdministrator(ctx.principal, enterpriseId);
    if (this.#jobs !== undefined) return (await this.#jobs.run("imports.apply", ctx, enterpriseId, id)) as ApplyResult;
    try {
      return await inTransaction(this.#db, ({ tx }) => this.#apply(tx, ctx, enterpriseId, id));
    } catch (error) {
      if (!(error instanceof ApplyFailure)) throw error;
      await this.#recordFailure(ctx, enterpriseId, id, error.issues);
      throw error.error;
    }
  }

  async #apply(tx: Db, ctx: ActionContext, enterpriseId: string, id: number): Promise<ApplyResult> {
    const now = this.#clock().toISOString();
    await requireEnterprise(tx, enterpriseId);
    if (!(await lockImport(tx, enterpriseId, id))) throw new DomainError("8077");
    const record = (await findImport(tx, enterpriseId, id)) as ImportRecord;
    if (record.status === "applied") {
      throw new DomainError("8111", {
        details: { reason: "applied", appliedAt: record.appliedAt },
        message: { ja: "この一括投入用データは既に投入済みです。", en: "This upload has already been applied." },
      });
    }
    const content = (await findImportContent(tx, enterpriseId, id)) as Uint8Array;
    const parsed = await parse(record.fileName, content);
    if (sha256Of(content) !== record.sha256 || parsed.errors.length > 0 || parsed.kind !== record.kind) {
      const issue = lineIssue(null, "8073", { details: { sha256: record.sha256 } });
      throw new ApplyFailure(fileRefusal([issue], 409), [issue]);
    }
    const kind = record.kind;
    let data = await loadImportData(tx, enterpriseId, kind, kind === "VPN");
    let planned = await plan(kind, parsed.lines, stateOf(data));
    await lockGroups(tx, kind, enterpriseId, planned.groupIds);
    if (this.#dialect === "postgres") {
      // Read again under the groups' locks: a membership change committed before them is seen now. (SQLite's
      // one writer refuses a write after a read that another process's commit made stale.)
      data = await loadImportData(tx, enterpriseId, kind, kind === "VPN");
      planned = await plan(kind, parsed.lines, stateOf(data));
    }
    if (planned.errors.length > 0) throw new ApplyFailure(fileRefusal(planned.errors, 409), [...planned.errors]);

    const result = await this.#write(tx, kind, planned, data, now);
    const after: ImportRecord = { ...record, status: "applied", errors: [], appliedAt: now, version: record.version + 1 };
    await setImportResult(tx, id, { status: "applied", errors: [], appliedAt: now, version: after.version });
    const changed = planned.lines.filter((l) => l.action === "add" || l.action === "change");
    // A table rather than an object a line: a 20,000-line file is one event the trail can still write quickly.
    const members = (side: "before" | "after") => ({ columns: memberColumns[kind], rows: changed.map((l) => memberRow(kind, l.subscriberId, l[side])) });
    await audit(tx, ctx, this.#clock(), {
      action: "import.apply",
      enterpriseId,
      targetType: "import",
      targetId: String(id),
      // A HUNT or PICKUP file changes the numbers' groups and nothing else of theirs; a VPN file moves
      // extensions, and forwarding and schedules follow.
      ...(kind === "VPN" ? {} : { routing: "memberships" as const }),
      before: { ...audited(record), members: members("before") },
      after: {
        ...audited(after),
        summary: planned.summary,
        members: members("after"),
        forwarding: { columns: ["subscriberId", "type", "before", "after"], rows: result.forwardingChanges },
        schedules: result.scheduleChanges,
      },
    });
    return { record: after, summary: planned.summary, adjustedForwarding: result.adjustedForwarding, adjustedSchedules: result.adjustedSchedules };
  }

  /** The memberships of the plan, in batches; for VPN the forwarding and schedule rules that follow. */
  async #write(tx: Db, kind: ImportKind, planned: ImportPlan, data: ImportData, now: string) {
    const adjustedForwarding: ApplyResult["adjustedForwarding"] = [];
    const adjustedSchedules: ApplyResult["adjustedSchedules"] = [];
    // subscriberId, forwarding type, destination before, destination after ("" once cleared)
    const forwardingChanges: [string, string, string, string][] = [];
    const scheduleChanges: { id: number; name: string; before: ScheduleRule[]; after: ScheduleRule[] }[] = [];
    switch (kind) {
      case "VPN": {
        const prefixes = new Map(data.extensionGroups.map((g) => [g.id, g.externalPrefix]));
        const changes = planned.changes.filter((c): c is Extract<MembershipChange, { kind: "VPN" }> => c.kind === "VPN");
        const members = data.subscribers.map((s) => ({
          ...s,
          hasDestination: s.forwarding !== undefined && storedDestination.test(s.forwarding),
          forwarding: () => fromJson<Forwarding>(s.forwarding ?? null) ?? structuredClone(defaultForwarding),
        }));
        const moved = await runStepsPausing(moveExtensionMembersSteps(changes, members, (g) => prefixes.get(g) ?? externalPrefix), turn);
        await writeExtensionMemberships(
          tx,
          moved.updates.map((u) => ({ id: u.subscriberId, groupId: u.groupId, extension: u.extension, forwarding: u.forwarding === undefined ? null : JSON.stringify(u.forwarding) })),
          now,
        );
        for (const u of moved.updates) {
          if (u.forwarding === undefined || u.before.forwarding === undefined) continue;
          adjustedForwarding.push({ subscriberId: u.subscriberId, cleared: [...u.cleared] });
          for (const type of ["unconditional", "busy", "noAnswer"] as const) {
            const was = u.before.forwarding[type].destination;
            const is = u.forwarding[type].destination;
            if (was !== is) forwardingChanges.push([u.subscriberId, type, was, is]);
          }
        }
        for (const [groupId, view] of [...moved.views].sort((a, b) => a[0] - b[0])) {
          for (const schedule of await schedulesOfExtensionGroup(tx, groupId)) {
            const rules = fromJson<ScheduleRule[]>(schedule.rules) ?? [];
            const followed = followScheduleRules(rules, view);
            if (!followed.changed) continue;
            await updateScheduleRules(tx, schedule.id, followed.rules, schedule.version + 1, now);
            adjustedSchedules.push({ id: schedule.id, name: schedule.name });
            scheduleChanges.push({ id: schedule.id, name: schedule.name, before: rules, after: followed.rules });
          }
        }
        break;
      }
      case "HUNT": {
        const rows = planned.changes.flatMap((c) => (c.kind === "HUNT" ? [{ id: c.subscriberId, groupId: c.groupId, order: c.order }] : []));
        const written = await writeHuntMemberships(tx, rows, now);
        // hunt-groups.service: the condition is part of the write; a number another group took meanwhile is refused.
        if (written !== rows.length) throw new DomainError("8022", { details: { reason: "concurrent" } });
        break;
      }
      case "PICKUP": {
        const rows = planned.changes.flatMap((c) => (c.kind === "PICKUP" ? [{ id: c.subscriberId, groupId: c.groupId }] : []));
        await writePickupMemberships(tx, rows, now);
        break;
      }
    }
    return { adjustedForwarding, adjustedSchedules, forwardingChanges, scheduleChanges };
  }

  /** After the rollback of a refused apply: the upload says it failed, and why (nothing else changed). */
  async #recordFailure(ctx: ActionContext, enterpriseId: string, id: number, issues: readonly LineIssue[]): Promise<void> {
    await inTransaction(this.#db, async ({ tx }) => {
      if (!(await lockImport(tx, enterpriseId, id))) return;
      const record = (await findImport(tx, enterpriseId, id)) as ImportRecord;
      if (record.status === "applied") return;
      const after: ImportRecord = { ...record, status: "failed", errors: [...issues], version: record.version + 1 };
      await setImportResult(tx, id, { status: "failed", errors: issues, appliedAt: null, version: after.version });
      await audit(tx, ctx, this.#clock(), {
        action: "import.apply",
        enterpriseId,
        targetType: "import",
        targetId: String(id),
        before: audited(record),
        after: { ...audited(after), errors: issues.slice(0, 100), errorCount: issues.length },
      });
    });
  }
}
