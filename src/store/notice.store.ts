// Operator notices shown on every top page.
import type { Db } from "./database.ts";

export interface Notice {
  id: number;
  title: string;
  body: string;
  publishedAt: string;
}

export async function listNotices(db: Db): Promise<Notice[]> {
  const rows = await db.selectFrom("notices").selectAll().orderBy("position").execute();
  return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, publishedAt: r.published_at }));
}

export async function replaceNotices(db: Db, notices: { title: string; body: string; publishedAt: string }[]): Promise<void> {
  await db.deleteFrom("notices").execute();
  if (notices.length === 0) return;
  await db
    .insertInto("notices")
    .values(notices.map((n, i) => ({ title: n.title, body: n.body, published_at: n.publishedAt, position: i })))
    .execute();
}
