// node:sqlite runs each statement synchronously on the event loop. A long transaction (a 20,000-line bulk
// apply, bulk forwarding) is thousands of statements chained by already-resolved promises, which never let
// the loop turn: every other request would wait for the whole transaction. This plugin yields to the loop
// between statements once `sliceMs` of uninterrupted work has passed, so requests that need no database
// (route decisions over the cached snapshot, static files) are answered meanwhile; requests that need the
// single connection still wait for the transaction, as they must.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";

export class YieldPlugin implements KyselyPlugin {
  readonly #sliceMs: number;
  #since = performance.now();

  constructor(sliceMs = 8) {
    this.#sliceMs = sliceMs;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const now = performance.now();
    if (now - this.#since > this.#sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.#since = performance.now();
    }
    return args.result;
  }
}
