// How ctest runs one browser test file (st_browser_test in CMakeLists.txt):
//   node tests/browser/run.mjs tests/browser/<capability>.test.mjs
// Checks the prerequisites first (harness.skipReason(); with ST_BASE_URL the suite uses a running server and
// needs none of ours), then runs the file with `node --test`. A missing prerequisite, or a run in which a test
// was skipped, exits kSkipExitCode (ctest shows "Skipped", never "Passed") on a developer's machine and fails
// with the reason under CI=true or ST_REQUIRE_ALL=1. Otherwise the exit status is node --test's.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as H from './harness.mjs';

function skipOrFailRun(reason) {
  if (H.requireAll()) {
    console.error(`FAIL prerequisite missing (CI=true or ST_REQUIRE_ALL=1): ${reason}`);
    process.exit(1);
  }
  console.log(`# SKIP ${reason}`);
  process.exit(H.kSkipExitCode);
}

// "ok 3 - name # SKIP reason" lines of a TAP report (node's reporter indents subtests).
function skippedTests(tap) {
  return [...tap.matchAll(/^\s*ok \d+ - (.*?) # (?:SKIP|TODO)\b ?(.*)$/gm)].map((m) => `${m[1]}: ${m[2] || '(no reason)'}`);
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node tests/browser/run.mjs tests/browser/<capability>.test.mjs');
  process.exit(2);
}
const reason = process.env.ST_BASE_URL ? '' : H.skipReason();
if (reason) skipOrFailRun(`${path.basename(file)}: ${reason}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'superteam-browser-run-'));
const tap = path.join(dir, 'report.tap');
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`, file], {stdio: 'inherit'});
const report = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
fs.rmSync(dir, {recursive: true, force: true});
if (r.error) {
  console.error(`could not run node --test ${file}: ${r.error.message}`);
  process.exit(1);
}
if (r.status !== 0) process.exit(r.status ?? 1);
const skipped = skippedTests(report);
if (skipped.length) skipOrFailRun(`${path.basename(file)}: ${skipped.length} skipped: ${skipped.join('; ')}`);
