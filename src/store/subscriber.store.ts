// Subscribers: rows ↔ domain objects, and the queries the services need.
import type { Selectable } from "kysely";
import type { NumberKind } from "../domain/phone-number.ts";
import type { CallSettings, Forwarding, Subscriber, Terminal } from "../domain/subscriber/subscriber.ts";
import type { Db } from "./database.ts";
import { flag, fromJson, isSet, toJson } from "./json.ts";
import type { SubscriberTable } from "./schema.ts";

export type { Subscriber };


export function toSubscriber(row: Selectable<SubscriberTable>): Subscriber {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    number: row.number,
    numberKind: row.number_kind as NumberKind,
    displayName: row.display_name,
    info: row.info,
    memo: row.memo,
    hasProvisioningPassword: row.provisioning_password_hash !== null,
    hasPassword: row.password_hash !== null,
    originNumbers: [row.origin_number1 ?? "", row.origin_number2 ?? ""],
    notifyNumber: row.notify_number ?? "",
    callSettings: fromJson<CallSettings>(row.call_settings) as CallSettings,
    forwarding: fromJson<Forwarding>(row.forwarding) as Forwarding,
    terminal: fromJson<Terminal>(row.terminal) as Terminal,
    emergencyStopped: isSet(row.emergency_stopped),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewSubscriber {
  subscriber: Subscriber;
  passwordHash: string | null;
  provisioningPasswordHash: string | null;
}

export async function insertSubscriber(db: Db, { subscriber: s, passwordHash, provisioningPasswordHash }: NewSubscriber): Promise<void> {
  await db
    .insertInto("subscribers")
    .values({
      id: s.id,
      enterprise_id: s.enterpriseId,
      number: s.number,
      number_kind: s.numberKind,
      display_name: s.displayName,
      info: s.info,
      memo: s.memo,
      provisioning_password_hash: provisioningPasswordHash,
      password_hash: passwordHash,
      origin_number1: s.originNumbers[0] || null,
      origin_number2: s.originNumbers[1] || null,
      notify_number: s.notifyNumber || null,
      call_settings: toJson(s.callSettings),
      forwarding: toJson(s.forwarding),
      terminal: toJson(s.terminal),
      emergency_stopped: flag(s.emergencyStopped),
      version: s.version,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    })
    .execute();
}

export async function findSubscriber(db: Db, id: string): Promise<Subscriber | undefined> {
  const row = await db.selectFrom("subscribers").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toSubscriber(row);
}

export async function findSubscriberByNumber(db: Db, number: string): Promise<Subscriber | undefined> {
  const row = await db.selectFrom("subscribers").selectAll().where("number", "=", number).executeTakeFirst();
  return row === undefined ? undefined : toSubscriber(row);
}

export async function findSubscriberPasswordHash(db: Db, id: string): Promise<{ enterpriseId: string; hash: string | null } | undefined> {
  const row = await db.selectFrom("subscribers").select(["enterprise_id", "password_hash"]).where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : { enterpriseId: row.enterprise_id, hash: row.password_hash };
}

export async function setSubscriberPasswordHash(db: Db, id: string, hash: string, at: string): Promise<void> {
  await db.updateTable("subscribers").set((eb) => ({ password_hash: hash, updated_at: at, version: eb("version", "+", 1) })).where("id", "=", id).execute();
}

export async function deleteSubscriber(db: Db, id: string): Promise<void> {
  await db.deleteFrom("subscribers").where("id", "=", id).execute();
}

export async function countSubscribers(db: Db, enterpriseId: string): Promise<number> {
  const { n } = await db
    .selectFrom("subscribers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("enterprise_id", "=", enterpriseId)
    .executeTakeFirstOrThrow();
  return Number(n);
}
