// Extension groups (内線グループ): what other aggregates need of them.
import type { Db } from "./database.ts";

export async function findExtensionGroupPrefix(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom("extension_groups").select("external_prefix").where("id", "=", id).executeTakeFirst();
  return row?.external_prefix;
}

export async function findExtensionGroupRef(db: Db, id: number): Promise<{ id: number; enterpriseId: string; name: string; externalPrefix: string } | undefined> {
  const row = await db.selectFrom("extension_groups").select(["id", "enterprise_id", "name", "external_prefix"]).where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, enterpriseId: row.enterprise_id, name: row.name, externalPrefix: row.external_prefix };
}
