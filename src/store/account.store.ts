// Login accounts (enterprise and group administrators) and the operator accounts.
import type { Selectable } from "kysely";
import type { Db } from "./database.ts";
import { flag, isSet } from "./json.ts";
import type { AccountTable } from "./schema.ts";

export type AccountRole = "enterpriseAdmin" | "groupAdmin";

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
