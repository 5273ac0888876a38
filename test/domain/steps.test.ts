// domain/steps.ts: long work runs in steps; a server gives its event loop a turn by time, not by count.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runSteps, runStepsPausing, type Steps } from "../../src/domain/steps.ts";

function* counting(steps: number): Steps<number> {
  let done = 0;
  for (let i = 0; i < steps; i += 1) {
    done += 1;
    yield;
  }
  return done;
}

describe("steps", () => {
  test("run straight through, they give the same result as with pauses", async () => {
    assert.equal(runSteps(counting(1_000)), 1_000);
    assert.equal(await runStepsPausing(counting(1_000), async () => undefined), 1_000);
  });

  test("quick steps take no turn before a slice of work has passed", async () => {
    let pauses = 0;
    const result = await runStepsPausing(counting(1_000), async () => void (pauses += 1), 60_000);
    assert.equal(result, 1_000);
    assert.equal(pauses, 0);
  });

  test("with no slice, every step is followed by a turn", async () => {
    let pauses = 0;
    await runStepsPausing(counting(25), async () => void (pauses += 1), 0);
    assert.equal(pauses, 25);
  });
});
