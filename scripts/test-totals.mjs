// Sums vitest JSON reports into the one line CI reads: "N passed, N failed".
// A report that is missing (its suite never ran: it crashed, or an earlier step of npm test such
// as lint or format:check failed) counts as one failure, never as green.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.error(`${file}: no report (the suite did not run: it crashed, or an earlier step of npm test such as lint failed)`);
    failed += 1;
    continue;
  }
  passed += report.numPassedTests ?? 0;
  const failedTests = report.numFailedTests ?? 0;
  // A file that failed to load has no failed test but a failed suite: count it once.
  failed += failedTests > 0 ? failedTests : (report.numFailedTestSuites ?? 0);
  const pending = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (pending > 0) {
    console.error(`${file}: ${pending} skipped or todo tests — not allowed`);
    failed += pending;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
