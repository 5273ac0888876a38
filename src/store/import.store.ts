// Bulk registration uploads (一括登録): rows ↔ domain objects, the data a file is checked against, and the batched
// membership writes of an apply.
import { sql, type Selectable } from "kysely";
import type { Distribution } from "../domain/hunt-group/hunt-group.ts";
import type { ImportKind } from "../domain/import/import-plan.ts";
import type { LineIssue } from "../domain/line-issue.ts";
import type { Db } from "./database.ts";
import { fromJson, toJson } from "./json.ts";
import type { ImportTable } from "./schema.ts";

export type ImportStatus = "uploaded" | "applied" | "failed";

// Rows a write statement: a statement is synchronous on the embedded database, and one that changes an
// extension also re-indexes the row's search text (FTS5 trigger); 125 rows keep one under about 10 ms.
const batchSize = 125;
// Rows a read: 1,000 keep a page's read and conversion within the event-loop budget.
const pageSize = 1_000;

/** Gives the event loop a turn between batches: node:sqlite runs each statement synchronously. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ImportRecord {
  id: number;
  enterpriseId: string;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  status: ImportStatus;
  rows: number;
  errors: LineIssue[];
  uploadedBy: string;
  uploadedAt: string;
  appliedAt: string | null;
  version: number;
}

type ImportRow = Omit<Selectable<ImportTable>, "content">;

export function toImport(row: ImportRow): ImportRecord {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    kind: row.kind as ImportKind,
    fileName: row.file_name,
    sha256: row.sha256,
    status: row.status as ImportStatus,
    rows: row.rows,
    errors: fromJson<LineIssue[]>(row.errors) ?? [],
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
    appliedAt: row.applied_at,
    version: row.version,
  };
}

const columns = ["id", "enterprise_id", "kind", "file_name", "sha256", "status", "rows", "errors", "uploaded_by", "uploaded_at", "applied_at", "version"] as const;

export interface NewImport {
  enterpriseId: string;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  rows: number;
  content: Uint8Array;
  uploadedBy: string;
  uploadedAt: string;
}

export async function insertImport(db: Db, i: NewImport): Promise<number> {
  const row = await db
    .insertInto("imports")
    .values({
      enterprise_id: i.enterpriseId,
      kind: i.kind,
      file_name: i.fileName,
      sha256: i.sha256,
      status: "uploaded",
      rows: i.rows,
      errors: "[]",
      content: i.content,
      uploaded_by: i.uploadedBy,
      uploaded_at: i.uploadedAt,
      applied_at: null,
      version: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An upload of the enterprise (another enterprise's is not found), without its bytes. */
export async function findImport(db: Db, enterpriseId: string, id: number): Promise<ImportRecord | undefined> {
  const row = await db.selectFrom("imports").select(columns).where("enterprise_id", "=", enterpriseId).where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toImport(row);
}

/** The stored bytes of an upload. */
export async function findImportContent(db: Db, enterpriseId: string, id: number): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom("imports").select("content").where("enterprise_id", "=", enterpriseId).where("id", "=", id).executeTakeFirst();
  return row?.content;
}

/** The upload of the enterprise with these bytes (files.md 8062), if one is kept. */
export async function findImportBySha256(db: Db, enterpriseId: string, sha256: string): Promise<{ id: number; fileName: string } | undefined> {
  const row = await db.selectFrom("imports").select(["id", "file_name"]).where("enterprise_id", "=", enterpriseId).where("sha256", "=", sha256).executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, fileName: row.file_name };
}

export interface ImportListOptions {
  status?: ImportStatus | undefined;
  kind?: ImportKind | undefined;
  sort: "uploadedAt" | "fileName" | "kind" | "status";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const sortColumn = { uploadedAt: "uploaded_at", fileName: "file_name", kind: "kind", status: "status" } as const;

export async function listImports(db: Db, enterpriseId: string, o: ImportListOptions): Promise<{ total: number; items: ImportRecord[] }> {
  let query = db.selectFrom("imports").where("enterprise_id", "=", enterpriseId);
  if (o.status !== undefined) query = query.where("status", "=", o.status);
  if (o.kind !== undefined) query = query.where("kind", "=", o.kind);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await query.select(columns).orderBy(sortColumn[o.sort], o.order).orderBy("id", o.order).offset(o.offset).limit(o.limit).execute();
  return { total: Number(total), items: rows.map(toImport) };
}

/**
 * Takes the upload's row lock for the rest of the transaction (a write that changes nothing), so two applies of
 * one upload run one after the other. False when there is no such upload.
 */
export async function lockImport(db: Db, enterpriseId: string, id: number): Promise<boolean> {
  const result = await db.updateTable("imports").set((eb) => ({ version: eb.ref("version") })).where("enterprise_id", "=", enterpriseId).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setImportResult(db: Db, id: number, result: { status: ImportStatus; errors: readonly LineIssue[]; appliedAt: string | null; version: number }): Promise<void> {
  await db.updateTable("imports").set({ status: result.status, errors: toJson(result.errors), applied_at: result.appliedAt, version: result.version }).where("id", "=", id).execute();
}

export async function deleteImport(db: Db, enterpriseId: string, id: number): Promise<boolean> {
  const result = await db.deleteFrom("imports").where("enterprise_id", "=", enterpriseId).where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One number of the enterprise with its memberships of one kind (and its forwarding text, for a VPN apply). */
export interface ImportSubscriberRow {
  id: string;
  number: string;
  extensionGroupId: number | null;
  extension: string | null;
  huntGroupId: number | null;
  huntOrder: number | null;
  pickupGroupId: number | null;
  forwarding: string | undefined;
}

export interface ImportData {
  subscribers: ImportSubscriberRow[];
  extensionGroups: { id: number; name: string; externalPrefix: string }[];
  huntGroups: { id: number; name: string; distribution: Distribution }[];
  pickupGroups: { id: number; name: string }[];
}

/**
 * Everything a file of this kind is checked against, in a few queries and only the columns the kind needs
 * (files.md: ≥ 20,000 lines/s); the other memberships are left null.
 */
export async function loadImportData(db: Db, enterpriseId: string, kind: ImportKind, withForwarding: boolean): Promise<ImportData> {
  const none = { number: "", extensionGroupId: null, extension: null, huntGroupId: null, huntOrder: null, pickupGroupId: null, forwarding: undefined };
  const subscribers: ImportSubscriberRow[] = [];
  // In pages by ID, with a turn of the event loop between them (a read of 20,000 rows is synchronous on SQLite).
  let after = "";
  for (;;) {
    const of = db.selectFrom("subscribers").where("enterprise_id", "=", enterpriseId).where("id", ">", after).orderBy("id").limit(pageSize);
    let page: ImportSubscriberRow[];
    switch (kind) {
      case "VPN": {
        const rows = withForwarding
          ? await of.select(["id", "number", "extension_group_id", "extension", "forwarding"]).execute()
          : (await of.select(["id", "number", "extension_group_id", "extension"]).execute()).map((r) => ({ ...r, forwarding: undefined }));
        page = rows.map((r) => ({ ...none, id: r.id, number: r.number, extensionGroupId: r.extension_group_id, extension: r.extension, forwarding: r.forwarding }));
        break;
      }
      case "HUNT":
        page = (await of.select(["id", "hunt_group_id", "hunt_order"]).execute()).map((r) => ({ ...none, id: r.id, huntGroupId: r.hunt_group_id, huntOrder: r.hunt_order }));
        break;
      case "PICKUP":
        page = (await of.select(["id", "pickup_group_id"]).execute()).map((r) => ({ ...none, id: r.id, pickupGroupId: r.pickup_group_id }));
        break;
    }
    subscribers.push(...page);
    if (page.length < pageSize) break;
    after = page[page.length - 1]?.id ?? after;
    await turn();
  }
  const extensionGroups =
    kind === "VPN"
      ? (await db.selectFrom("extension_groups").select(["id", "name", "external_prefix"]).where("enterprise_id", "=", enterpriseId).execute()).map((g) => ({ id: g.id, name: g.name, externalPrefix: g.external_prefix }))
      : [];
  const huntGroups =
    kind === "HUNT"
      ? (await db.selectFrom("hunt_groups").select(["id", "name", "distribution"]).where("enterprise_id", "=", enterpriseId).execute()).map((g) => ({ id: g.id, name: g.name, distribution: g.distribution as Distribution }))
      : [];
  const pickupGroups = kind === "PICKUP" ? await db.selectFrom("pickup_groups").select(["id", "name"]).where("enterprise_id", "=", enterpriseId).execute() : [];
  return { subscribers, extensionGroups, huntGroups, pickupGroups };
}

/** Takes the row locks of the groups an apply changes, in id order (so two applies can't deadlock). */
export async function lockGroups(db: Db, kind: ImportKind, enterpriseId: string, ids: readonly number[]): Promise<void> {
  const table = kind === "VPN" ? "extension_groups" : kind === "HUNT" ? "hunt_groups" : "pickup_groups";
  for (const id of [...ids].sort((a, b) => a - b)) {
    await db.updateTable(table).set((eb) => ({ version: eb.ref("version") })).where("enterprise_id", "=", enterpriseId).where("id", "=", id).execute();
  }
}


/**
 * Sets group and extension of many numbers, and their forwarding where it had to follow (null: unchanged), as
 * batched UPDATE … FROM (VALUES …) statements (the same SQL on SQLite ≥ 3.33 and PostgreSQL).
 */
export async function writeExtensionMemberships(db: Db, rows: readonly { id: string; groupId: number | null; extension: string | null; forwarding: string | null }[], at: string): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const values = rows.slice(i, i + batchSize).map((r) => sql`(${r.id}, cast(${r.groupId} as integer), ${r.extension}, ${r.forwarding})`);
    await sql`update subscribers set extension_group_id = v.column2, extension = v.column3, forwarding = coalesce(v.column4, subscribers.forwarding),
      version = subscribers.version + 1, updated_at = ${at}
      from (values ${sql.join(values)}) as v where subscribers.id = v.column1`.execute(db);
    await turn();
  }
}

/**
 * Puts many numbers in hunt groups with their orders. The condition "in no other hunt group" is part of the
 * write, as in joinHuntGroup: the count of numbers written says whether another group took one meanwhile.
 */
export async function writeHuntMemberships(db: Db, rows: readonly { id: string; groupId: number; order: number }[], at: string): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const values = rows.slice(i, i + batchSize).map((r) => sql`(${r.id}, cast(${r.groupId} as integer), cast(${r.order} as integer))`);
    const result = await sql`update subscribers set hunt_group_id = v.column2, hunt_order = v.column3, version = subscribers.version + 1, updated_at = ${at}
      from (values ${sql.join(values)}) as v
      where subscribers.id = v.column1 and (subscribers.hunt_group_id is null or subscribers.hunt_group_id = v.column2)`.execute(db);
    written += Number(result.numAffectedRows ?? 0);
    await turn();
  }
  return written;
}

/** Puts many numbers in pickup groups (a number in another group moves). */
export async function writePickupMemberships(db: Db, rows: readonly { id: string; groupId: number }[], at: string): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const values = rows.slice(i, i + batchSize).map((r) => sql`(${r.id}, cast(${r.groupId} as integer))`);
    await sql`update subscribers set pickup_group_id = v.column2, version = subscribers.version + 1, updated_at = ${at}
      from (values ${sql.join(values)}) as v where subscribers.id = v.column1`.execute(db);
    await turn();
  }
}
