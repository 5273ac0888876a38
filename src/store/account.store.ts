// Login accounts (enterprise and group administrators) and the operator accounts.
import type { Selectable } from "kysely";
import type { AccountRole } from "../domain/account/account.ts";
import type { Db } from "./database.ts";
import { flag, isSet } from "./json.ts";
import { like, likePattern, type Match } from "./search.ts";
import type { AccountTable, Dialect } from "./schema.ts";

export type { AccountRole };

export interface Account {
  id: number;
  enterpriseId: string;
  loginId: string;
  role: AccountRole;
  adminGroupId: number | null;
  memo: string;
  builtIn: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toAccount(row: Selectable<AccountTable>): Account {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    loginId: row.login_id,
    role: row.role as AccountRole,
    adminGroupId: row.admin_group_id,
    memo: row.memo,
    builtIn: isSet(row.built_in),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findAccountForLogin(
  db: Db,
  enterpriseId: string,
  loginId: string,
): Promise<{ account: Account; hash: string } | undefined> {
  const row = await db
    .selectFrom("accounts")
    .selectAll()
    .where("enterprise_id", "=", enterpriseId)
    .where("login_id", "=", loginId)
    .executeTakeFirst();
  return row === undefined ? undefined : { account: toAccount(row), hash: row.password_hash };
}

export async function findAccountById(db: Db, id: number): Promise<{ account: Account; hash: string } | undefined> {
  const row = await db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : { account: toAccount(row), hash: row.password_hash };
}

export async function insertAccount(
  db: Db,
  a: Omit<Account, "id">,
  passwordHash: string,
): Promise<number> {
  const row = await db
    .insertInto("accounts")
    .values({
      enterprise_id: a.enterpriseId,
      login_id: a.loginId,
      password_hash: passwordHash,
      role: a.role,
      admin_group_id: a.adminGroupId,
      memo: a.memo,
      built_in: flag(a.builtIn),
      version: a.version,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setAccountPasswordHash(db: Db, id: number, hash: string, at: string): Promise<void> {
  await db.updateTable("accounts").set((eb) => ({ password_hash: hash, updated_at: at, version: eb("version", "+", 1) })).where("id", "=", id).execute();
}

/** An account of the enterprise as the list and detail screens show it: with its group's name, never its hash. */
export interface AccountView extends Account {
  adminGroupName: string | null;
}

function accountViews(db: Db) {
  return db
    .selectFrom("accounts as a")
    .leftJoin("admin_groups as g", "g.id", "a.admin_group_id")
    .selectAll("a")
    .select("g.name as admin_group_name");
}

function toAccountView(row: Selectable<AccountTable> & { admin_group_name: string | null }): AccountView {
  return { ...toAccount(row), adminGroupName: row.admin_group_name };
}

export interface AccountListOptions {
  role?: AccountRole | undefined;
  adminGroupId?: number | undefined;
  /** Login-ID search text. */
  q: string;
  match: Match;
  sort: "loginId" | "role" | "createdAt";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

const accountSortColumn = { loginId: "a.login_id", role: "a.role", createdAt: "a.created_at" } as const;

export async function listAccounts(db: Db, dialect: Dialect, enterpriseId: string, o: AccountListOptions): Promise<{ total: number; items: AccountView[] }> {
  let filtered = db.selectFrom("accounts as a").where("a.enterprise_id", "=", enterpriseId);
  if (o.role !== undefined) filtered = filtered.where("a.role", "=", o.role);
  if (o.adminGroupId !== undefined) filtered = filtered.where("a.admin_group_id", "=", o.adminGroupId);
  if (o.q !== "") filtered = filtered.where((eb) => like(eb.ref("a.login_id"), likePattern(o.q, o.match), dialect));
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();

  let query = accountViews(db).where("a.enterprise_id", "=", enterpriseId);
  if (o.role !== undefined) query = query.where("a.role", "=", o.role);
  if (o.adminGroupId !== undefined) query = query.where("a.admin_group_id", "=", o.adminGroupId);
  if (o.q !== "") query = query.where((eb) => like(eb.ref("a.login_id"), likePattern(o.q, o.match), dialect));
  const rows = await query.orderBy(accountSortColumn[o.sort], o.order).orderBy("a.login_id").offset(o.offset).limit(o.limit).execute();
  return { total: Number(total), items: rows.map(toAccountView) };
}

/** One account of the enterprise by its login ID (exact, case-sensitive like the login itself). */
export async function findAccount(db: Db, enterpriseId: string, loginId: string): Promise<AccountView | undefined> {
  const row = await accountViews(db).where("a.enterprise_id", "=", enterpriseId).where("a.login_id", "=", loginId).executeTakeFirst();
  return row === undefined ? undefined : toAccountView(row);
}

/** Login ID, group, memo and version; the password has its own function and the role does not change. */
export async function updateAccount(db: Db, a: Account): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ login_id: a.loginId, admin_group_id: a.adminGroupId, memo: a.memo, version: a.version, updated_at: a.updatedAt })
    .where("id", "=", a.id)
    .execute();
}

/** The account's sessions end with it (sessions.account_id cascades). */
export async function deleteAccount(db: Db, id: number): Promise<void> {
  await db.deleteFrom("accounts").where("id", "=", id).execute();
}

export async function countEnterpriseAdmins(db: Db, enterpriseId: string): Promise<number> {
  const { n } = await db
    .selectFrom("accounts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("enterprise_id", "=", enterpriseId)
    .where("role", "=", "enterpriseAdmin")
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Login IDs of the accounts assigned to an admin group (a group in use can't be deleted). */
export async function listLoginIdsOfAdminGroup(db: Db, adminGroupId: number): Promise<string[]> {
  const rows = await db.selectFrom("accounts").select("login_id").where("admin_group_id", "=", adminGroupId).orderBy("login_id").execute();
  return rows.map((r) => r.login_id);
}

/** A renamed account's sessions carry its new login ID, so the audit trail and the session answer name it right. */
export async function renameAccountSessions(db: Db, accountId: number, loginId: string): Promise<void> {
  await db.updateTable("sessions").set({ login_id: loginId }).where("account_id", "=", accountId).execute();
}

/** Ends the account's sessions (its password was set by an administrator). */
export async function deleteAccountSessions(db: Db, accountId: number): Promise<void> {
  await db.deleteFrom("sessions").where("account_id", "=", accountId).execute();
}

export async function findOperator(db: Db, loginId: string): Promise<{ loginId: string; hash: string } | undefined> {
  const row = await db.selectFrom("operators").selectAll().where("login_id", "=", loginId).executeTakeFirst();
  return row === undefined ? undefined : { loginId: row.login_id, hash: row.password_hash };
}

export async function countOperators(db: Db): Promise<number> {
  const { n } = await db.selectFrom("operators").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertOperator(db: Db, loginId: string, hash: string, at: string): Promise<void> {
  await db.insertInto("operators").values({ login_id: loginId, password_hash: hash, created_at: at }).execute();
}

export async function setOperatorPasswordHash(db: Db, loginId: string, hash: string): Promise<void> {
  await db.updateTable("operators").set({ password_hash: hash }).where("login_id", "=", loginId).execute();
}
