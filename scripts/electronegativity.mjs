// Runs Electronegativity (@doyensec/electronegativity) over the app's sources and fails on any
// finding that build/electronegativity-accepted.json does not accept with a reason, on any
// accepted entry that no longer matches a finding (the list only shrinks), and on any file the
// scanner could not read (a file it did not parse is a file it did not check).
//
// Scanned: src-main, src-shared and src-renderer (TypeScript and the renderer's HTML), without
// tests and test stand-ins, which never ship and may build insecure configurations on purpose.
// It runs through the package's own API rather than its CLI: the CLI's JSON (SARIF) output drops
// parse errors silently. The report is written to test-results/electronegativity.json.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const acceptedFile = path.join(root, 'build/electronegativity-accepted.json');
const reportFile = path.join(root, 'test-results/electronegativity.json');
const scanned = ['src-main', 'src-shared', 'src-renderer'];
const notShipped = /\.test\.tsx?$|[\\/]test-support([\\/]|$)/;

const { skippedChecks, accepted } = JSON.parse(readFileSync(acceptedFile, 'utf8'));
for (const entry of [...skippedChecks, ...accepted]) {
  if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
    console.error(
      `electronegativity: ${acceptedFile} has an entry without a reason: ${JSON.stringify(entry)}`,
    );
    process.exit(1);
  }
}

// The scanner reads a directory: give it a copy of exactly what it should read, with the same
// relative paths as in the repository.
const stage = mkdtempSync(path.join(os.tmpdir(), 'sallyport-electronegativity-'));
let result;
try {
  for (const folder of scanned) {
    cpSync(path.join(root, folder), path.join(stage, folder), {
      recursive: true,
      filter: (source) => !notShipped.test(path.relative(root, source)),
    });
  }
  const run = require('@doyensec/electronegativity');
  result = await run(
    {
      input: stage,
      isRelative: true,
      // The Electron this app is built with, not the scanner's guess from a version range.
      electronVersionOverride: require('electron/package.json').version,
      customScan: [],
      excludeFromScan: skippedChecks.map((skipped) => skipped.check.toLowerCase()),
      parserPlugins: [],
    },
    false,
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}

const findings = result.issues.map((issue) => ({
  check: issue.id,
  file: issue.file,
  line: issue.location.line,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  manualReview: issue.manualReview,
  description: issue.description,
}));
mkdirSync(path.dirname(reportFile), { recursive: true });
writeFileSync(
  reportFile,
  `${JSON.stringify({ checks: result.atomicChecks + result.globalChecks, findings, errors: result.errors }, null, 2)}\n`,
);

const matches = (entry, finding) => entry.check === finding.check && entry.file === finding.file;
const unaccepted = findings.filter((finding) => !accepted.some((entry) => matches(entry, finding)));
const stale = accepted.filter((entry) => !findings.some((finding) => matches(entry, finding)));
const where = (finding) =>
  finding.file === 'N/A' ? 'the app as a whole' : `${finding.file}:${finding.line}`;

for (const finding of unaccepted) {
  console.error(
    `electronegativity: ${finding.check} in ${where(finding)} (${finding.severity}, ${finding.confidence}` +
      `${finding.manualReview ? ', needs review' : ''}): ${finding.description}. Fix it in the code, or add it ` +
      `to build/electronegativity-accepted.json with the reason it is safe.`,
  );
}
for (const entry of stale) {
  console.error(
    `electronegativity: the accepted ${entry.check} in ${entry.file} is no longer found; remove it from ` +
      'build/electronegativity-accepted.json.',
  );
}
// Tolerable errors are the parser's warnings about a file it did read; the others mean it did not.
const unread = result.errors.filter((error) => !error.tolerable);
for (const error of result.errors) {
  const what = error.tolerable ? 'note: while reading' : 'could not read';
  console.error(`electronegativity: ${what} ${path.relative(stage, error.file)}: ${error.message}`);
}
const failed = unaccepted.length + stale.length + unread.length;
console.log(
  `electronegativity: ${result.atomicChecks + result.globalChecks} checks over ${scanned.join(', ')}; ` +
    `${findings.length} findings, ${findings.length - unaccepted.length} accepted with a reason, ` +
    `${unaccepted.length} not accepted; ${skippedChecks.length} checks skipped (see the accepted list).`,
);
process.exit(failed === 0 ? 0 : 1);
