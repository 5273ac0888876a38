// Long pure work in steps: a generator yields where it may pause, so a server can give its event loop a turn
// (quality.md: event-loop delay p99 ≤ 20 ms) while the same code runs straight through anywhere else.

/** Work that may pause at each `yield` and returns T. */
export type Steps<T> = Generator<void, T, void>;

/** How many items a loop handles between two pauses. */
export const stepSize = 2_000;

/** Runs the steps straight through. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/** Runs the steps, awaiting `pause` (a turn of the event loop) at each one. */
export async function runStepsPausing<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
    await pause();
  }
}
