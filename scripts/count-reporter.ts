// A node:test reporter that only counts: the test run prints one closing line over both of its phases.
import { writeFileSync } from "node:fs";

export default async function* countReporter(source: AsyncIterable<{ type: string; data: { details?: { type?: string }; skip?: unknown; todo?: unknown } }>): AsyncGenerator<string> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    // Suites report too; count only tests.
    if (event.data.details?.type === "suite") continue;
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    // As node's own summary counts: a skipped or todo test is neither passed nor failed, whichever way it
    // ended (a todo test that fails is expected to, and does not fail the run).
    if (event.data.skip !== undefined || event.data.todo !== undefined) skipped += 1;
    else if (event.type === "test:pass") passed += 1;
    else failed += 1;
  }
  const file = process.env.CENTREX_COUNT_FILE;
  if (file !== undefined) writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
  yield "";
}
