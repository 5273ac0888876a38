// Migration 0012 (embedded database only): extensions get a trigram index of their own.
//
// FTS5 has no column update: changing any indexed column of a row deletes and re-tokenizes all of it. A
// bulk registration of sites (VPN) sets the extension of thousands of numbers, and re-indexing their ids,
// numbers and names with it was half the cost of its UPDATE statements. Extensions now live in
// subscriber_extension_search (with the enterprise, as in migration 0006), the rest stays in
// subscriber_search, and each table's trigger fires only for the columns it holds.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../schema.ts";

export function extensionSearch(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== "sqlite") return;
      await sql`drop trigger subscribers_search_insert`.execute(db);
      await sql`drop trigger subscribers_search_delete`.execute(db);
      await sql`drop trigger subscribers_search_update`.execute(db);
      await sql`drop table subscriber_search`.execute(db);
      await sql`create virtual table subscriber_search using fts5(id_text, number, display_name, enterprise, tokenize = 'trigram')`.execute(db);
      await sql`create virtual table subscriber_extension_search using fts5(extension, enterprise, tokenize = 'trigram')`.execute(db);
      await sql`create trigger subscribers_search_insert after insert on subscribers begin
        insert into subscriber_search (rowid, id_text, number, display_name, enterprise)
        values (new.rowid, new.id, new.number, new.display_name, char(2) || new.enterprise_id || char(3));
        insert into subscriber_extension_search (rowid, extension, enterprise)
        values (new.rowid, coalesce(new.extension, ''), char(2) || new.enterprise_id || char(3)); end`.execute(db);
      await sql`create trigger subscribers_search_delete after delete on subscribers begin
        delete from subscriber_search where rowid = old.rowid;
        delete from subscriber_extension_search where rowid = old.rowid; end`.execute(db);
      await sql`create trigger subscribers_search_update after update of id, number, display_name, enterprise_id on subscribers begin
        update subscriber_search set id_text = new.id, number = new.number, display_name = new.display_name,
          enterprise = char(2) || new.enterprise_id || char(3)
        where rowid = new.rowid; end`.execute(db);
      await sql`create trigger subscribers_extension_search_update after update of extension, enterprise_id on subscribers begin
        update subscriber_extension_search set extension = coalesce(new.extension, ''), enterprise = char(2) || new.enterprise_id || char(3)
        where rowid = new.rowid; end`.execute(db);
      await sql`insert into subscriber_search (rowid, id_text, number, display_name, enterprise)
        select rowid, id, number, display_name, char(2) || enterprise_id || char(3) from subscribers`.execute(db);
      await sql`insert into subscriber_extension_search (rowid, extension, enterprise)
        select rowid, coalesce(extension, ''), char(2) || enterprise_id || char(3) from subscribers`.execute(db);
    },
  };
}
