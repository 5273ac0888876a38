// Online backup of the embedded database (SQLite's backup API through node:sqlite): safe while serving.
import { backup } from "node:sqlite";
import type { NodeSqliteDatabase } from "./sqlite-driver.ts";

export async function backupSqlite(database: NodeSqliteDatabase, file: string): Promise<number> {
  return backup(database.raw, file);
}
