// Long pure work in steps: a generator yields where it may pause, so a server can give its event loop a turn
// (quality.md: event-loop delay p99 ≤ 20 ms) while the same code runs straight through anywhere else.

/** Work that may pause at each `yield` and returns T. */
export type Steps<T> = Generator<void, T, void>;

/** How many items a loop handles between two places where it may pause. */
export const stepSize = 250;

/** Runs the steps straight through. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/**
 * Runs the steps, awaiting `pause` (a turn of the event loop) at the first step after each `sliceMs` of
 * work: the steps are small (an item costs from under a microsecond to tens of them, so a fixed count
 * held the loop anywhere from 1 to 100 ms), and a turn is taken by time, not by count.
 */
export async function runStepsPausing<T>(steps: Steps<T>, pause: () => Promise<void>, sliceMs = 8): Promise<T> {
  let since = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
    if (performance.now() - since < sliceMs) continue;
    await pause();
    since = performance.now();
  }
}
