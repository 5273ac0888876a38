// The destination context of a number or schedule: its extension group's prefix and extensions, if any.
import type { DestinationContext } from "../domain/forwarding/destination-policy.ts";
import type { Db } from "../store/database.ts";
import { findExtensionGroupPrefix } from "../store/extension-group.store.ts";
import { extensionGroupMembers } from "../store/subscriber.store.ts";

export async function destinationContext(db: Db, extensionGroupId: number | null, allowInternational = false): Promise<DestinationContext> {
  if (extensionGroupId === null) return { allowInternational };
  const prefix = (await findExtensionGroupPrefix(db, extensionGroupId)) ?? "0";
  const members = await extensionGroupMembers(db, extensionGroupId);
  return { allowInternational, extensionGroup: { externalPrefix: prefix, extensions: new Set(members.map((m) => m.extension).filter((e) => e !== "")) } };
}
