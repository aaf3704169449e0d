// Prints one plain closing line that any CI log reader understands: "Tests: N passed, N failed, N skipped".
// It is written synchronously as the process exits, so it comes after jest's own summary.
const {writeSync} = require('node:fs');

class SummaryLineReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `\nTests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => writeSync(1, line));
  }
}
module.exports = SummaryLineReporter;
