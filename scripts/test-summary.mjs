// Prints vitest's totals as one plain closing line ("tests: N passed, N failed") for CI logs.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-report.json';
const r = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exitCode = r.numTotalTests > 0 && r.numFailedTests === 0 ? 0 : 1;
