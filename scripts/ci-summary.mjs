// Reads the vitest and Playwright JSON reports and prints "N passed, N failed, N skipped".
// A missing report (the runner crashed or never started) or a failed install/build counts as a failure.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.ci-reports';
let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

function read(name) {
  const p = path.join(dir, name);
  if (!existsSync(p)) return null;
  try {
    return JSON.parse(readFileSync(p, 'utf8'));
  } catch (e) {
    notes.push(`${name} unreadable: ${e.message}`);
    return null;
  }
}

const vitest = read('vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0);
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  for (const f of vitest.testResults ?? []) {
    if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) {
      failed += 1;
      notes.push(`suite failed to run: ${f.name}`);
    }
  }
} else {
  failed += 1;
  notes.push('no vitest report');
}

function walk(suite) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      if (t.status === 'expected' || t.status === 'flaky') passed++;
      else if (t.status === 'skipped') skipped++;
      else failed++;
    }
  }
  for (const s of suite.suites ?? []) walk(s);
}
const pw = read('playwright.json');
if (pw) {
  for (const s of pw.suites ?? []) walk(s);
  for (const e of pw.errors ?? []) {
    failed++;
    notes.push(`playwright error: ${(e.message ?? '').split('\n')[0]}`);
  }
} else {
  failed += 1;
  notes.push('no Playwright report (build failed or Playwright did not start)');
}
for (const f of ['install-failed', 'typecheck-failed', 'lint-failed', 'build-failed']) {
  if (existsSync(path.join(dir, f))) {
    failed += 1;
    notes.push(f);
  }
}
for (const n of notes) console.log(`note: ${n}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
