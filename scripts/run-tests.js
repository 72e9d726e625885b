#!/usr/bin/env node
// The whole test suite: unit tests once, the plugin package's own check (`strapi-plugin
// verify` on the built package), the integration suite on SQLite, PostgreSQL and MariaDB (each
// file on its own fresh database), then the browser tests. Ends with the
// totals as `N passed, N failed`.
//   node scripts/run-tests.js                  everything
//   TEST_DATABASES=sqlite node scripts/run-tests.js   one engine only
//   TEST_SUITES=unit,integration ...           a subset
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const jest = require.resolve('jest/bin/jest');
const databases = (process.env.TEST_DATABASES || 'sqlite,postgres,mysql').split(',').filter(Boolean);
const suites = (process.env.TEST_SUITES || 'unit,package,integration,browser').split(',').filter(Boolean);
const outDir = path.join(root, 'tests', 'artifacts');
fs.mkdirSync(outDir, { recursive: true });

const totals = { passed: 0, failed: 0, suitesFailed: 0 };
const lines = [];

function run(label, args, env) {
  const outputFile = path.join(outDir, `jest-${label}.json`);
  fs.rmSync(outputFile, { force: true });
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [jest, ...args, '--forceExit', '--json', `--outputFile=${outputFile}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let passed = 0;
  let failed = 0;
  let failedSuites = 0;
  if (fs.existsSync(outputFile)) {
    const res = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    passed = res.numPassedTests;
    failed = res.numFailedTests;
    failedSuites = res.numFailedTestSuites; // runtime-error suites are among the failed ones
  }
  // A crashed run (no report, or a suite that failed to load) counts as a failure.
  if (r.status !== 0 && failed === 0) failedSuites = Math.max(failedSuites, 1);
  totals.passed += passed;
  totals.failed += failed;
  totals.suitesFailed += failedSuites;
  lines.push(`${label.padEnd(24)} ${passed} passed, ${failed} failed${failedSuites ? `, ${failedSuites} suite(s) broken` : ''} (${Math.round((Date.now() - started) / 1000)} s)`);
}

// Compile once; the jest global setup and the browser files (tests/helpers/browser.ts) then skip it.
if (suites.some((s) => s !== 'unit')) {
  const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-server.js')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    console.log('\nbuild failed\n0 passed, 1 failed');
    process.exit(1);
  }
}
// The browser tests need the built admin panel too (`npm run build` makes it); build it once here
// if it is missing, since under PPID_SKIP_BUILD=1 the browser files build nothing themselves.
if (suites.includes('browser') && !fs.existsSync(path.join(root, 'dist', 'build', 'index.html'))) {
  const b = spawnSync('npx', ['strapi', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    console.log('\nadmin build failed\n0 passed, 1 failed');
    process.exit(1);
  }
}
const env = { PPID_SKIP_BUILD: '1' };

if (suites.includes('unit')) run('unit', ['--selectProjects', 'unit'], env);
if (suites.includes('package')) {
  // The package as a host app would install it: exports resolve to built files (CJS and ESM).
  console.log('\n=== package ===');
  const started = Date.now();
  const sdk = path.join(path.dirname(require.resolve('@strapi/sdk-plugin/package.json')), 'bin', 'strapi-plugin.js');
  const v = spawnSync(process.execPath, [sdk, 'verify'], { cwd: path.join(root, 'packages', 'strapi-plugin-ppid'), stdio: 'inherit' });
  const ok = v.status === 0;
  totals.passed += ok ? 1 : 0;
  totals.failed += ok ? 0 : 1;
  lines.push(`${'package (verify)'.padEnd(24)} ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed (${Math.round((Date.now() - started) / 1000)} s)`);
}
if (suites.includes('integration')) {
  // Files whose subject does not depend on the engine (HTTP authorization, printed documents,
  // file downloads) run on the first engine only, to keep the suite within its time.
  // The four seeds end to end, the demo body, the setup checklist, bindings and safe defaults
  // are plain reads and writes (their engine-dependent parts have files of their own).
  const ENGINE_INDEPENDENT = ['admin-authorization', 'documents-kop', 'admin-files', 'decision-pdfs', 'hardening-input', 'hardening-permissions', 'cli-help', 'uploads-s3', 'time-zones',
    'workflow-seeds', 'setup-checklist', 'admin-bindings', 'safe-defaults', 'demo-seed',
    // The request service's papers, answers and registers (PDFs, mails, routes, exports); its
    // engine-dependent parts (numbering constraint, rate-limit upsert) are requests and
    // requests-abuse, on every engine.
    'requests-notice', 'objections', 'registers',
    // The officials' desk (entry through requests.file, list, facts): plain reads and writes.
    'requests-desk',
    // Reading an uploaded PDF's signatures (no SQL beyond two lookups by SHA-256).
    'verify-pdf',
    // The packed plugin installed in a foreign host: packaging, not SQL (its host boots on SQLite).
    'foreign-app',
    // Classification rules, the excluded-information register and bulk acts: rules over plain
    // reads and writes (the guard's SQL on each engine is public-doors and public-api-guard).
    'classification', 'exclusions', 'bulk-acts'];
  // MariaDB runs the files where the engine changes behaviour (locks, constraints, generated
  // columns, the public guard's SQL, concurrency, migrations); the workflow's rules over plain
  // reads and writes are proven on SQLite and PostgreSQL (the excluded-information register,
  // bulk acts, the signing lock's counts and HTTP caching's version bumps included; MariaDB's
  // locking under contention is hardening-concurrency's).
  const ALSO_NOT_ON_MYSQL = ['classification', 'tasks', 'demo-seed', 'integrity-sealing', 'safe-defaults', 'time-notifications', 'workflow-seed-000', 'admin-bindings',
    'exclusions', 'bulk-acts', 'signing', 'http-caching'];
  // Files about several app instances on one database run on PostgreSQL only: the deployment
  // docs/deployment.md describes (nginx in front of N instances), and the engine whose locks
  // they exercise; the lease's per-engine behaviour is jobs-lease (every engine).
  const ONLY_ON_POSTGRES = ['instances'];
  databases.forEach((db, i) => {
    const names = [...(i === 0 ? [] : ENGINE_INDEPENDENT), ...(db === 'mysql' ? ALSO_NOT_ON_MYSQL : []), ...(db === 'postgres' ? [] : ONLY_ON_POSTGRES)];
    const skip = names.length ? ['--testPathIgnorePatterns', ...names.map((f) => `${f}\\.test\\.ts$`)] : [];
    run(`integration-${db}`, ['--selectProjects', 'integration', '--runInBand', ...skip], { ...env, DATABASE_CLIENT: db });
  });
}
if (suites.includes('browser')) run('browser', ['--selectProjects', 'browser', '--runInBand', '--passWithNoTests'], env);

console.log('\n=== summary ===');
for (const l of lines) console.log(l);
const failed = totals.failed + (totals.failed === 0 ? totals.suitesFailed : 0);
console.log(`${totals.passed} passed, ${failed} failed`);
process.exit(failed === 0 && totals.suitesFailed === 0 ? 0 : 1);
