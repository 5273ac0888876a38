// Operator notices: every logged-in user reads them; operators replace the list.
import { DomainError } from "../domain/errors.ts";
import type { Principal } from "../domain/roles.ts";
import { checkText } from "../domain/text.ts";
import type { Db } from "../store/database.ts";
import { listNotices, replaceNotices, type Notice } from "../store/notice.store.ts";
import { requireOperator } from "./access.ts";
import { audit } from "./audit.ts";
import type { ActionContext, Clock } from "./context.ts";
import { inTransaction } from "./unit-of-work.ts";

export const maxNotices = 50;

export class NoticeService {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  async list(_principal: Principal): Promise<Notice[]> {
    return listNotices(this.#db);
  }

  /** Replaces the list; a notice that is kept unchanged keeps its publication time. */
  async replace(ctx: ActionContext, items: { title: string; body: string }[]): Promise<Notice[]> {
    requireOperator(ctx.principal);
    if (items.length > maxNotices) throw new DomainError("8009", { field: "items", details: { max: maxNotices } });
    items.forEach((n, i) => {
      checkText(n.title, { field: `items.${i}.title`, max: 100, required: true });
      checkText(n.body, { field: `items.${i}.body`, max: 2000, multiline: true });
    });
    const now = this.#clock();
    return inTransaction(this.#db, async ({ tx }) => {
      const before = await listNotices(tx);
      const published = new Map(before.map((n) => [`${n.title}\u0000${n.body}`, n.publishedAt]));
      await replaceNotices(
        tx,
        items.map((n) => ({ ...n, publishedAt: published.get(`${n.title}\u0000${n.body}`) ?? now.toISOString() })),
      );
      const after = await listNotices(tx);
      await audit(tx, ctx, now, { action: "notices.replace", enterpriseId: null, targetType: "notices", targetId: "notices", before, after });
      return after;
    });
  }
}
