// Sums the results of every suite (xUnit CTRF files, vitest JSON) into one line: "N passed, N failed, N skipped".
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;
for (const file of readdirSync(dir)) {
  const data = JSON.parse(readFileSync(join(dir, file), "utf8"));
  if (file.endsWith(".ctrf.json")) {
    const s = data.results.summary;
    passed += s.passed; failed += s.failed; skipped += s.skipped + (s.pending ?? 0) + (s.other ?? 0);
  } else if (file.startsWith("vitest")) {
    passed += data.numPassedTests; failed += data.numFailedTests;
    skipped += data.numPendingTests + data.numTodoTests;
    // a suite that failed to load has no tests but must still count as a failure
    failed += data.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0).length;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
