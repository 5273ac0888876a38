// The versioned, forward-only migrations, in order; run at start-up.
import type { Migration } from "kysely";
import type { Dialect } from "../schema.ts";
import { foundation } from "./0001-foundation.ts";
import { telephony } from "./0002-telephony.ts";
import { routing } from "./0003-routing.ts";
import { files } from "./0004-files.ts";
import { bulkWrites } from "./0005-bulk-writes.ts";
import { searchByEnterprise } from "./0006-search-by-enterprise.ts";
import { extensionOrder } from "./0007-extension-order.ts";
import { trigramOnLower } from "./0008-trigram-on-lower.ts";
import { roomForUpdates } from "./0009-room-for-updates.ts";
import { trigramPendingList } from "./0010-trigram-pending-list.ts";
import { trigramByEnterprise } from "./0011-trigram-by-enterprise.ts";

export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    "0001-foundation": foundation(dialect),
    "0002-telephony": telephony(dialect),
    "0003-routing": routing(dialect),
    "0004-files": files(dialect),
    "0005-bulk-writes": bulkWrites(dialect),
    "0006-search-by-enterprise": searchByEnterprise(dialect),
    "0007-extension-order": extensionOrder(dialect),
    "0008-trigram-on-lower": trigramOnLower(dialect),
    "0009-room-for-updates": roomForUpdates(dialect),
    "0010-trigram-pending-list": trigramPendingList(dialect),
    "0011-trigram-by-enterprise": trigramByEnterprise(dialect),
  };
}
