// Sessions (kept in the database so several server processes share them), login attempts and API tokens.
import type { Selectable } from "kysely";
import type { Db } from "./database.ts";
import type { ApiTokenTable, SessionTable } from "./schema.ts";

export type SessionRow = Selectable<SessionTable>;

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

export async function findSession(db: Db, idHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom("sessions").selectAll().where("id_hash", "=", idHash).executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: at }).where("id_hash", "=", idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

/** Other sessions of the same login end when its password changes. */
export async function deleteOtherSessions(db: Db, keep: string, who: { role: string; loginId: string; enterpriseId: string | null }): Promise<void> {
  let q = db.deleteFrom("sessions").where("id_hash", "!=", keep).where("role", "=", who.role).where("login_id", "=", who.loginId);
  q = who.enterpriseId === null ? q.where("enterprise_id", "is", null) : q.where("enterprise_id", "=", who.enterpriseId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db, idleBefore: string, createdBefore: string): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("last_seen_at", "<", idleBefore), eb("created_at", "<", createdBefore)]))
    .execute();
}

/**
 * Counts an attempt before the password is checked, in one statement, so that a burst of parallel
 * attempts can't test more passwords than the threshold: the count is taken first, then verified.
 * An expired lock starts the count again.
 */
export async function reserveLoginAttempt(db: Db, key: string, now: string): Promise<{ failures: number; lockedUntil: string | null }> {
  const row = await db
    .insertInto("login_attempts")
    .values({ key, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when(eb.and([eb("login_attempts.locked_until", "is not", null), eb("login_attempts.locked_until", "<=", now)]))
          .then(1)
          .else(eb("login_attempts.failures", "+", 1))
          .end(),
        locked_until: eb
          .case()
          .when(eb.and([eb("login_attempts.locked_until", "is not", null), eb("login_attempts.locked_until", "<=", now)]))
          .then(null)
          .else(eb.ref("login_attempts.locked_until"))
          .end(),
        updated_at: now,
      })),
    )
    .returning(["failures", "locked_until"])
    .executeTakeFirstOrThrow();
  return { failures: Number(row.failures), lockedUntil: row.locked_until };
}

export async function lockLogin(db: Db, key: string, until: string): Promise<void> {
  await db.updateTable("login_attempts").set({ locked_until: until }).where("key", "=", key).where("locked_until", "is", null).execute();
}

export async function clearLoginAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom("login_attempts").where("key", "=", key).execute();
}

export type ApiTokenRow = Selectable<ApiTokenTable>;

export async function insertApiToken(db: Db, row: Omit<ApiTokenRow, "id">): Promise<number> {
  const { id } = await db.insertInto("api_tokens").values(row).returning("id").executeTakeFirstOrThrow();
  return id;
}

export async function findApiTokenByHash(db: Db, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("token_hash", "=", hash).executeTakeFirst();
}

/** Tokens with the name of their enterprise (null for tokens of no enterprise). */
export async function listApiTokens(db: Db, enterpriseId: string | null): Promise<(ApiTokenRow & { enterprise_name: string | null })[]> {
  let q = db.selectFrom("api_tokens as t").leftJoin("enterprises as e", "e.id", "t.enterprise_id").selectAll("t").select("e.name as enterprise_name").orderBy("t.id");
  if (enterpriseId !== null) q = q.where("t.enterprise_id", "=", enterpriseId);
  return q.execute();
}

export async function findApiToken(db: Db, id: number): Promise<(ApiTokenRow & { enterprise_name: string | null }) | undefined> {
  return db.selectFrom("api_tokens as t").leftJoin("enterprises as e", "e.id", "t.enterprise_id").selectAll("t").select("e.name as enterprise_name").where("t.id", "=", id).executeTakeFirst();
}

export async function deleteApiToken(db: Db, id: number): Promise<void> {
  await db.deleteFrom("api_tokens").where("id", "=", id).execute();
}

export async function touchApiToken(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
}
