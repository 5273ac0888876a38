// Long loops in a request (thousands of rows checked one by one) run on the event loop like everything
// else: without a pause, every other request waits for the whole loop, route decisions included.

/**
 * A pause for a long loop: each call returns at once until `sliceMs` of work has passed since the last
 * turn, then gives the event loop a turn (setImmediate) before the loop goes on.
 */
export function slices(sliceMs = 8): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
