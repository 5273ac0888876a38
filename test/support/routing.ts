// Checks of the routing snapshot that more than one test file makes.
import assert from "node:assert/strict";
import type { RoutingSnapshot } from "../../src/domain/routing/types.ts";
import { loadRoutingSnapshot } from "../../src/store/routing.store.ts";
import type { TestServer } from "./server.ts";

/** After a write: the server's snapshot is the same object as `snapshot`, refreshed in place, and equal to one read whole. */
export async function assertRefreshedInPlace(server: TestServer, snapshot: RoutingSnapshot, what: string): Promise<void> {
  await server.services.routing.settled();
  const current = await server.services.routing.snapshot();
  assert.equal(current, snapshot, `${what}: refreshed in place, not read whole`);
  assert.deepEqual(current, await loadRoutingSnapshot(server.testStore.store.db), what);
}
