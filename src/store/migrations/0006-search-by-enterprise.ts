// Migration 0006 (embedded database only): the trigram search index knows each number's enterprise.
//
// A partial search ("田 健" in the display names of one enterprise) asked FTS5 for the matches in every
// enterprise and then read each matching subscriber row to keep its own: about 3.5 µs a row, so a common
// substring cost tens of milliseconds in a large installation. With the enterprise as an indexed column,
// one FTS5 query intersects the enterprise's posting list with the substring's, and only the enterprise's
// own matches are read. The value is the id between STX and ETX, so the phrase matches that id exactly
// and never a longer id that contains it.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../schema.ts";

export function searchByEnterprise(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== "sqlite") return;
      await sql`drop trigger subscribers_search_insert`.execute(db);
      await sql`drop trigger subscribers_search_delete`.execute(db);
      await sql`drop trigger subscribers_search_update`.execute(db);
      await sql`drop table subscriber_search`.execute(db);
      await sql`create virtual table subscriber_search using fts5(id_text, number, extension, display_name, enterprise, tokenize = 'trigram')`.execute(db);
      await sql`create trigger subscribers_search_insert after insert on subscribers begin
        insert into subscriber_search (rowid, id_text, number, extension, display_name, enterprise)
        values (new.rowid, new.id, new.number, coalesce(new.extension, ''), new.display_name, char(2) || new.enterprise_id || char(3)); end`.execute(db);
      await sql`create trigger subscribers_search_delete after delete on subscribers begin
        delete from subscriber_search where rowid = old.rowid; end`.execute(db);
      await sql`create trigger subscribers_search_update after update of id, number, extension, display_name, enterprise_id on subscribers begin
        update subscriber_search set id_text = new.id, number = new.number, extension = coalesce(new.extension, ''), display_name = new.display_name,
          enterprise = char(2) || new.enterprise_id || char(3)
        where rowid = new.rowid; end`.execute(db);
      await sql`insert into subscriber_search (rowid, id_text, number, extension, display_name, enterprise)
        select rowid, id, number, coalesce(extension, ''), display_name, char(2) || enterprise_id || char(3) from subscribers`.execute(db);
    },
  };
}
