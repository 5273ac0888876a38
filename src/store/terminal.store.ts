// The terminal side of a subscriber: terminal state, emergency stop, forwarding reset at initialisation.
import type { Forwarding, Terminal } from "../domain/subscriber/subscriber.ts";
import type { Db } from "./database.ts";
import { flag, toJson } from "./json.ts";

export async function updateTerminal(db: Db, id: string, terminal: Terminal, version: number, at: string): Promise<void> {
  await db.updateTable("subscribers").set({ terminal: toJson(terminal), version, updated_at: at }).where("id", "=", id).execute();
}

export async function setEmergencyStopped(db: Db, id: string, stopped: boolean, terminal: Terminal, version: number, at: string): Promise<void> {
  await db.updateTable("subscribers").set({ emergency_stopped: flag(stopped), terminal: toJson(terminal), version, updated_at: at }).where("id", "=", id).execute();
}

export async function resetForInitialize(db: Db, id: string, terminal: Terminal, forwarding: Forwarding, version: number, at: string): Promise<void> {
  await db.updateTable("subscribers").set({ terminal: toJson(terminal), forwarding: toJson(forwarding), version, updated_at: at }).where("id", "=", id).execute();
}

export async function findProvisioningSecret(db: Db, id: string): Promise<string | null | undefined> {
  const row = await db.selectFrom("subscribers").select("provisioning_password_hash").where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : row.provisioning_password_hash;
}

/** 初期化 also ends the number's shared-phonebook membership (features.md §9). */
export async function leaveAllPhonebooks(db: Db, subscriberId: string): Promise<void> {
  await db.deleteFrom("phonebook_members").where("subscriber_id", "=", subscriberId).execute();
}
