// Prints one closing line for the whole `npm test` run ("tests: N passed, N failed"), summed
// over the vitest JSON reports each tier writes to test-results/. CI reads that line.
import { readFileSync, existsSync, rmSync } from 'node:fs';

// `--clean` runs first in `npm test`, so a stale report from an earlier run can never count.
if (process.argv.includes('--clean')) {
  rmSync('test-results', { recursive: true, force: true });
  process.exit(0);
}

// interop: real Kamailio + rtpengine + sipp + baresip (scripts/rig installs them with apt-get).
const tiers = ['unit', 'integration', 'e2e', 'interop'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const tier of tiers) {
  const file = `test-results/${tier}.json`;
  if (!existsSync(file)) {
    console.error(`test-summary: ${file} is missing; did the ${tier} tier run?`);
    process.exitCode = 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  console.log(`${tier}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
if (passed === 0) {
  console.error('test-summary: no test ran');
  process.exitCode = 1;
}
if (failed > 0) process.exitCode = 1;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
