// The enterprise's forward-destination list (転送先番号リスト), at most 30 entries in order.
import type { Db } from "./database.ts";

export interface ForwardDestination {
  number: string;
  memo: string;
}

export async function listForwardDestinations(db: Db, enterpriseId: string): Promise<ForwardDestination[]> {
  const rows = await db.selectFrom("forward_destinations").select(["number", "memo"]).where("enterprise_id", "=", enterpriseId).orderBy("position").execute();
  return rows.map((r) => ({ number: r.number, memo: r.memo }));
}

export async function replaceForwardDestinations(db: Db, enterpriseId: string, items: readonly ForwardDestination[]): Promise<void> {
  await db.deleteFrom("forward_destinations").where("enterprise_id", "=", enterpriseId).execute();
  if (items.length === 0) return;
  await db
    .insertInto("forward_destinations")
    .values(items.map((d, position) => ({ enterprise_id: enterpriseId, position, number: d.number, memo: d.memo })))
    .execute();
}
