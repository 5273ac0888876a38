// The destination context of a number or schedule: its extension group's prefix and extensions, if any.
import type { DestinationContext } from "../domain/forwarding/destination-policy.ts";
import type { Db } from "../store/database.ts";
import { findExtensionGroupPrefix } from "../store/extension-group.store.ts";
import { extensionGroupMembers } from "../store/subscriber.store.ts";

export interface Site {
  /** The prefix its members dial before an external number. */
  readonly prefix: string;
  readonly members: readonly { id: string; number: string; extension: string }[];
}

/**
 * Extension groups read once for one change: a bulk change checks each row's destinations against its
 * site and then follows the same sites' extensions in the forwarding-loop check. A 1,000-member site
 * would otherwise be read twice for every bulk change of its numbers.
 */
export class SiteReader {
  readonly #db: Db;
  readonly #sites = new Map<number, Promise<Site>>();

  constructor(db: Db) {
    this.#db = db;
  }

  read(id: number): Promise<Site> {
    let site = this.#sites.get(id);
    if (site === undefined) {
      site = (async () => ({ prefix: (await findExtensionGroupPrefix(this.#db, id)) ?? "0", members: await extensionGroupMembers(this.#db, id) }))();
      this.#sites.set(id, site);
    }
    return site;
  }
}

export async function destinationContext(db: Db, extensionGroupId: number | null, allowInternational = false, sites = new SiteReader(db)): Promise<DestinationContext> {
  if (extensionGroupId === null) return { allowInternational };
  const { prefix, members } = await sites.read(extensionGroupId);
  return { allowInternational, extensionGroup: { externalPrefix: prefix, extensions: new Set(members.map((m) => m.extension).filter((e) => e !== "")) } };
}
