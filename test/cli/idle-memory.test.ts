// The server gives memory back once it falls idle (src/cli/idle-memory.ts): one memory-reducing
// collection after a quiet interval that followed work, none while requests keep arriving, none again
// until there has been new work.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { afterEach, beforeEach, describe, mock, test } from "node:test";
import { giveBackMemoryWhenIdle } from "../../src/cli/idle-memory.ts";

describe("memory given back when idle", () => {
  const original = globalThis.gc;
  let calls: unknown[];
  beforeEach(() => {
    calls = [];
    globalThis.gc = ((options?: unknown) => {
      calls.push(options);
    }) as typeof globalThis.gc;
    mock.timers.enable({ apis: ["setInterval"] });
  });
  afterEach(() => {
    mock.timers.reset();
    globalThis.gc = original;
  });

  const request = (server: ReturnType<typeof createServer>) => server.emit("request", {}, {});

  test("after start-up and a quiet interval, one memory-reducing collection", () => {
    const server = createServer();
    const stop = giveBackMemoryWhenIdle(server, 2000);
    mock.timers.tick(2000);
    assert.deepEqual(calls, [{ type: "major", execution: "sync", flavor: "last-resort" }]);
    // Still quiet: nothing new to give back.
    mock.timers.tick(10_000);
    assert.equal(calls.length, 1);
    stop();
  });

  test("none while requests keep arriving; one once they stop; one again only after new work", () => {
    const server = createServer();
    const stop = giveBackMemoryWhenIdle(server, 2000);
    for (let t = 0; t < 10; t += 1) {
      request(server);
      mock.timers.tick(1000);
    }
    assert.equal(calls.length, 0, "a busy server is never paused for a collection");
    mock.timers.tick(2000);
    assert.equal(calls.length, 1);
    request(server);
    mock.timers.tick(4000);
    assert.equal(calls.length, 2);
    stop();
    request(server);
    mock.timers.tick(10_000);
    assert.equal(calls.length, 2, "stopped: no more collections");
  });

  test("without an exposed gc nothing is scheduled", () => {
    globalThis.gc = undefined;
    const server = createServer();
    giveBackMemoryWhenIdle(server, 2000)();
    assert.equal(server.listenerCount("request"), 0);
  });
});
