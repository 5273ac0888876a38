// Shared phonebooks (共通電話帳, features.md §12): list, add with a file, rename / replace the file, delete, the
// numbers whose apps receive it (members), the CSV template.
import type { Membership } from "../domain/account/admin-group.ts";
import { DomainError } from "../domain/errors.ts";
import { fileRefusal } from "../domain/line-issue.ts";
import { checkPhonebookName, type PhonebookEntry, type PhonebookWarning } from "../domain/phonebook/phonebook.ts";
import type { Principal } from "../domain/roles.ts";
import { checkSubscriberId } from "../domain/subscriber/subscriber.ts";
import { parsePhonebookFile, phonebookTemplate } from "../files/phonebook.ts";
import type { Db } from "../store/database.ts";
import { findEnterprise } from "../store/enterprise.store.ts";
import {
  changePhonebookMembers,
  deletePhonebook,
  enterpriseSubscriberIds,
  findPhonebook,
  findPhonebookEntries,
  findPhonebookIdByName,
  insertPhonebook,
  listPhonebookMembers,
  listPhonebooks,
  lockPhonebook,
  phonebookMemberIds,
  updatePhonebook,
  type Phonebook,
  type PhonebookContent,
  type PhonebookListOptions,
  type PhonebookMember,
} from "../store/phonebook.store.ts";
import type { Dialect } from "../store/schema.ts";
import type { Match } from "../store/search.ts";
import { uniqueViolation } from "../store/unique.ts";
import { requireEnterpriseScope, requireRole } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { inTransaction } from "./unit-of-work.ts";
import { cleanFileName, type UploadedFile } from "./uploaded-file.ts";

export type { Phonebook, PhonebookMember };
export type PhonebookListQuery = PhonebookListOptions;

export interface PhonebookMemberListQuery {
  membership: Membership;
  /** Matches the subscriber ID, number, extension or display name. */
  q: string;
  match: Match;
  sort: "subscriberId" | "number" | "extension" | "displayName";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface EntryQuery {
  /** Matches name, furigana, company, department or a number (partial). */
  q: string;
  offset: number;
  limit: number;
}

export interface PhonebookDetail {
  readonly phonebook: Phonebook;
  readonly entries: { total: number; items: PhonebookEntry[] };
  readonly warnings: PhonebookWarning[];
}

/** product.md §Roles: phonebooks are for operators and the enterprise's admins; another enterprise answers 404. */
function requireAdministrator(principal: Principal, enterpriseId: string): void {
  requireEnterpriseScope(principal, enterpriseId);
  requireRole(principal, ["operator", "enterpriseAdmin"]);
}

async function requireEnterprise(db: Db, enterpriseId: string): Promise<void> {
  if ((await findEnterprise(db, enterpriseId)) === undefined) throw new DomainError("8016");
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** 共通電話帳名 in use: the group-name code, saying what is taken. */
function nameTaken(name: string): DomainError {
  return new DomainError("8113", { field: "name", message: { ja: `共通電話帳名「${name}」は既に使われています。`, en: `A phonebook named "${name}" already exists.` } });
}

function noFile(): DomainError {
  return new DomainError("8068", { field: "file", message: { ja: "共通電話帳ファイルがありません。", en: "No phonebook file was given." } });
}

/** The file read completely: refused with every error of every line (400, the first error's code; 413 over the limits). */
function readFile(file: UploadedFile): PhonebookContent {
  const fileName = cleanFileName(file.fileName);
  const parsed = parsePhonebookFile(fileName, file.bytes);
  if (parsed.errors.length > 0 || parsed.format === undefined) throw fileRefusal(parsed.errors, 400);
  return { fileName, format: parsed.format, entries: parsed.entries, warnings: parsed.warnings };
}

function audited(p: Phonebook) {
  const { id, no, name, fileName, format, entryCount, warningCount, version } = p;
  return { id, no, name, fileName, format, entryCount, warningCount, version };
}

function matches(entry: PhonebookEntry, q: string): boolean {
  const needle = q.normalize("NFKC").toLowerCase();
  const digits = needle.replace(/[\s\-()]/g, "");
  return (
    [entry.name, entry.kana, entry.company, entry.department, entry.email].some((v) => v.normalize("NFKC").toLowerCase().includes(needle)) ||
    (digits !== "" && /^\+?\d+$/.test(digits) && entry.phones.some((p) => p.includes(digits)))
  );
}

export class PhonebookService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #dialect: Dialect;

  constructor(db: Db, clock: Clock, dialect: Dialect) {
    this.#db = db;
    this.#clock = clock;
    this.#dialect = dialect;
  }

  async list(principal: Principal, enterpriseId: string, query: PhonebookListQuery): Promise<{ total: number; items: Phonebook[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return listPhonebooks(this.#db, this.#dialect, enterpriseId, query);
  }

  async template(principal: Principal, enterpriseId: string): Promise<{ fileName: string; bytes: Buffer }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    return { fileName: "phonebook.csv", bytes: phonebookTemplate() };
  }

  /** One phonebook with a page of its entries (q filters them) and every warning; a missing one is 8077. */
  async get(principal: Principal, enterpriseId: string, id: number, query: EntryQuery): Promise<PhonebookDetail> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    const phonebook = await findPhonebook(this.#db, enterpriseId, id);
    if (phonebook === undefined) throw new DomainError("8077");
    const { entries, warnings } = await findPhonebookEntries(this.#db, id);
    const found = query.q === "" ? entries : entries.filter((e) => matches(e, query.q));
    return { phonebook, entries: { total: found.length, items: found.slice(query.offset, query.offset + query.limit) }, warnings };
  }

  /**
   * Adds a phonebook (追加): a name (required, unique in the enterprise: 8113) and a file read completely
   * (files.md). Entries with characters outside JIS X 0208 are kept, and reported as warnings.
   */
  async create(ctx: ActionContext, enterpriseId: string, input: { name: string | undefined; file: UploadedFile | undefined }): Promise<PhonebookDetail> {
    requireAdministrator(ctx.principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    const name = checkPhonebookName(input.name ?? "");
    if (input.file === undefined) throw noFile();
    const content = readFile(input.file);
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      if ((await findPhonebookIdByName(tx, enterpriseId, name)) !== undefined) throw nameTaken(name);
      let created: { id: number; no: number };
      try {
        created = await insertPhonebook(tx, { enterpriseId, name, at: now, ...content });
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint === undefined) throw error;
        // The same name, or the same No. taken by another request at the same moment.
        if (/name/.test(constraint)) throw nameTaken(name);
        throw new DomainError("8111", { details: { reason: "conflict" } });
      }
      const phonebook: Phonebook = {
        id: created.id,
        enterpriseId,
        no: created.no,
        name,
        fileName: content.fileName,
        format: content.format,
        entryCount: content.entries.length,
        warningCount: content.warnings.length,
        memberCount: 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await audit(tx, ctx, this.#clock(), { action: "phonebook.create", enterpriseId, targetType: "phonebook", targetId: String(created.id), after: audited(phonebook) });
      return { phonebook, entries: { total: content.entries.length, items: content.entries.slice(0, 50) }, warnings: [...content.warnings] };
    });
  }

  /** Renames and/or replaces the file (変更); missing 8077, name taken 8113, stale If-Match 8111. */
  async update(ctx: ActionContext, enterpriseId: string, id: number, input: { name?: string | undefined; file?: UploadedFile | undefined }, ifMatch?: number): Promise<PhonebookDetail> {
    requireAdministrator(ctx.principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    const name = input.name === undefined ? undefined : checkPhonebookName(input.name);
    const content = input.file === undefined ? undefined : readFile(input.file);
    const now = this.#clock().toISOString();
    return inTransaction(this.#db, async ({ tx }) => {
      if (!(await lockPhonebook(tx, enterpriseId, id))) throw new DomainError("8077");
      const before = (await findPhonebook(tx, enterpriseId, id)) as Phonebook;
      if (ifMatch !== undefined && ifMatch !== before.version) throw new DomainError("8111");
      const nextName = name ?? before.name;
      if (nextName !== before.name) {
        const holder = await findPhonebookIdByName(tx, enterpriseId, nextName);
        if (holder !== undefined && holder !== id) throw nameTaken(nextName);
      }
      if (nextName === before.name && content === undefined) {
        const { entries, warnings } = await findPhonebookEntries(tx, id);
        return { phonebook: before, entries: { total: entries.length, items: entries.slice(0, 50) }, warnings };
      }
      const after: Phonebook = {
        ...before,
        name: nextName,
        ...(content === undefined ? {} : { fileName: content.fileName, format: content.format, entryCount: content.entries.length, warningCount: content.warnings.length }),
        version: before.version + 1,
        updatedAt: now,
      };
      try {
        await updatePhonebook(tx, id, { name: nextName, content, version: after.version, at: now });
      } catch (error) {
        if (uniqueViolation(error) !== undefined) throw nameTaken(nextName);
        throw error;
      }
      await audit(tx, ctx, this.#clock(), { action: "phonebook.update", enterpriseId, targetType: "phonebook", targetId: String(id), before: audited(before), after: audited(after) });
      const { entries, warnings } = content ?? (await findPhonebookEntries(tx, id));
      return { phonebook: after, entries: { total: entries.length, items: entries.slice(0, 50) }, warnings: [...warnings] };
    });
  }

  /** Deletes a phonebook and its memberships; a missing one is 8077. */
  async remove(ctx: ActionContext, enterpriseId: string, id: number): Promise<void> {
    requireAdministrator(ctx.principal, enterpriseId);
    await inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if (!(await lockPhonebook(tx, enterpriseId, id))) throw new DomainError("8077");
      const phonebook = (await findPhonebook(tx, enterpriseId, id)) as Phonebook;
      const members = await phonebookMemberIds(tx, id);
      await deletePhonebook(tx, id);
      await audit(tx, ctx, this.#clock(), { action: "phonebook.delete", enterpriseId, targetType: "phonebook", targetId: String(id), before: { ...audited(phonebook), subscriberIds: members } });
    });
  }

  /** The enterprise's numbers with whether their apps receive the phonebook (メンバ / 非メンバ / both). */
  async members(principal: Principal, enterpriseId: string, id: number, query: PhonebookMemberListQuery): Promise<{ total: number; items: PhonebookMember[] }> {
    requireAdministrator(principal, enterpriseId);
    await requireEnterprise(this.#db, enterpriseId);
    if ((await findPhonebook(this.#db, enterpriseId, id)) === undefined) throw new DomainError("8077");
    return listPhonebookMembers(this.#db, this.#dialect, enterpriseId, id, query);
  }

  /** Replaces the members at once (all or nothing); unknown numbers (or another enterprise's) are 8049. A number may receive several phonebooks. */
  async setMembers(ctx: ActionContext, enterpriseId: string, id: number, subscriberIds: readonly string[]): Promise<{ subscriberIds: string[] }> {
    requireAdministrator(ctx.principal, enterpriseId);
    subscriberIds.forEach((sid, i) => checkSubscriberId(sid, `subscriberIds.${i}`));
    const wanted = [...new Set(subscriberIds)].sort(byCodePoint);
    return inTransaction(this.#db, async ({ tx }) => {
      await requireEnterprise(tx, enterpriseId);
      if (!(await lockPhonebook(tx, enterpriseId, id))) throw new DomainError("8077");
      const phonebook = (await findPhonebook(tx, enterpriseId, id)) as Phonebook;
      const known = await enterpriseSubscriberIds(tx, enterpriseId, wanted);
      const unknown = wanted.filter((sid) => !known.has(sid));
      if (unknown.length > 0) throw new DomainError("8049", { field: "subscriberIds", details: { subscriberIds: unknown } });
      const before = await phonebookMemberIds(tx, id);
      const had = new Set(before);
      const keep = new Set(wanted);
      const add = wanted.filter((sid) => !had.has(sid));
      const remove = before.filter((sid) => !keep.has(sid));
      if (add.length === 0 && remove.length === 0) return { subscriberIds: wanted };
      await changePhonebookMembers(tx, id, add, remove);
      await audit(tx, ctx, this.#clock(), {
        action: "phonebook.members.update",
        enterpriseId,
        targetType: "phonebook",
        targetId: String(id),
        before: { name: phonebook.name, subscriberIds: before },
        after: { name: phonebook.name, subscriberIds: wanted },
      });
      return { subscriberIds: wanted };
    });
  }
}
