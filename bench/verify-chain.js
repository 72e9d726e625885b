#!/usr/bin/env node
// Benchmark (not a test): verification of a long signature-record chain with the compiled
// core (no Strapi, no database). Seals N records over interleaved runs in memory, then times
// verifyChains synchronously and with signature checks on the libuv pool.
// Writes bench/results/verify-chain.json; prints one line per mode, then one JSON line (the
// last line, read by bench/run.js).
//   node bench/verify-chain.js [N=100000]
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { performance } = require('perf_hooks');

const ROOT = path.resolve(__dirname, '..');
// The core compiled by plain tsc (the package's bundle exports only the plugin object).
const OUT = path.join(ROOT, '.cache', 'ppid-tsc');
const CORE = path.join(OUT, 'server/src/core/signature');

function loadCore() {
  if (!fs.existsSync(path.join(CORE, 'index.js'))) {
    // Only the plugin's tsc step of scripts/build-server.js is needed here.
    console.error('[bench] compiling the plugin core (tsc)');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'packages/strapi-plugin-ppid/server/tsconfig.json', '--outDir', OUT], { cwd: ROOT, stdio: 'inherit' });
  }
  return require(CORE);
}

const KINDS = ['complete', 'submit', 'paraf', 'tanda_tangan', 'tanda_tangan', 'handover', 'publish'];

function input(seq, runId, runSeq) {
  return {
    seq,
    runSeq,
    itemUid: 'api::information-item.information-item',
    itemDocumentId: `doc-${runId}`,
    itemLocale: null,
    itemVersion: runSeq,
    sopCode: 'palaran-publikasi-website',
    sopVersion: '1',
    runId,
    stepNumber: ((runSeq - 1) % 7) + 1,
    kind: KINDS[(runSeq - 1) % KINDS.length],
    decision: 'approved',
    note: null,
    signer: { userId: String(seq % 50), nama: `Pejabat ${seq % 50}`, nip: '198005072005011001', jabatan: 'Sekretaris Kecamatan', unit: 'Kecamatan Palaran' },
    capacity: 'definitif',
    onBehalfOf: null,
    delegationId: null,
    signedAt: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
    method: 'login',
    externalRef: null,
    ip: '127.0.0.1',
    userAgent: 'bench',
    contentHash: 'c'.repeat(64),
  };
}

async function main(n = Number(process.argv[2] || 100000)) {
  const core = loadCore();
  const ring = core.createKeyRing(core.generateKeyPair().privateKey);
  const runs = Math.max(1, Math.floor(n / 7)); // seed 000 writes about seven records per run
  const runState = new Map();
  const records = [];
  let prevHash = null;
  const t0 = performance.now();
  for (let seq = 1; seq <= n; seq++) {
    const runId = `run-${seq % runs}`;
    const prev = runState.get(runId);
    const rec = core.sealRecord(input(seq, runId, (prev ? prev.runSeq : 0) + 1), prevHash, prev ? prev.hash : null, ring.active);
    runState.set(runId, { runSeq: rec.runSeq, hash: rec.hash });
    prevHash = rec.hash;
    records.push(rec);
  }
  const sealMs = performance.now() - t0;
  const head = { seq: n, hash: prevHash };

  // Wall time depends on what else the machine runs; CPU time (this process, all threads) and
  // the load average are kept beside it so runs on a shared machine can be compared.
  const modes = [];
  let last = null;
  for (const concurrency of [0, 64]) {
    const load = os.loadavg()[0];
    const cpu = process.cpuUsage();
    const t = performance.now();
    const report = await core.verifyChains(records, ring, { concurrency, expectedHead: head });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const mode = {
      concurrency,
      ok: report.ok,
      checked: report.checked,
      verifyMs: Math.round(ms),
      cpuMs: Math.round((used.user + used.system) / 1000),
      recordsPerSecond: Math.round(n / (ms / 1000)),
      loadAverage1m: Number(load.toFixed(2)),
    };
    modes.push(mode);
    last = mode;
    console.log(
      `verify-chain: ${n} records, ${runs} runs, concurrency ${concurrency}: ${mode.verifyMs} ms wall, ${mode.cpuMs} ms CPU, ${mode.recordsPerSecond} records/s, load ${mode.loadAverage1m}${report.ok ? '' : ' NOT OK'}`
    );
  }

  // The summary is the default mode (the pool, as the app verifies).
  const result = {
    records: n,
    runs,
    ok: modes.every((m) => m.ok),
    checked: last.checked,
    sealMs: Math.round(sealMs),
    verifyMs: last.verifyMs,
    cpuMs: last.cpuMs,
    recordsPerSecond: last.recordsPerSecond,
    modes,
    date: new Date().toISOString(),
    machine: { node: process.version, cores: os.cpus().length, cpu: os.cpus()[0] && os.cpus()[0].model, uvThreadpoolSize: Number(process.env.UV_THREADPOOL_SIZE || 4) },
  };
  // BENCH_RESULT_FILE: where `npm run bench` wants it (a quick run never overwrites the committed file).
  const file = process.env.BENCH_RESULT_FILE || path.join(__dirname, 'results', 'verify-chain.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return result;
}

module.exports = { main };
if (require.main === module) {
  main().then(
    (r) => {
      console.log(JSON.stringify(r));
      if (!r.ok) process.exit(1);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    }
  );
}
