#!/usr/bin/env node
// Verification of a long signature-record chain with the compiled core (no Strapi): generates
// N sealed records over interleaved runs, then times verifyChains. Prints one JSON line.
// Usage: node bench/verify-chain.js [N=100000]
const path = require('path');
const { performance } = require('perf_hooks');

const core = require(path.resolve(__dirname, '..', 'src/plugins/ppid/dist/server/src/core/signature'));

async function main(n = Number(process.argv[2] || 100000)) {
  const ring = core.createKeyRing(core.generateKeyPair().privateKey);
  const runs = Math.max(1, Math.floor(n / 7)); // seed 000 writes about seven records per run
  const runState = new Map();
  const records = [];
  let prevHash = null;
  const t0 = performance.now();
  for (let seq = 1; seq <= n; seq++) {
    const runId = `run-${seq % runs}`;
    const prev = runState.get(runId);
    const runSeq = (prev ? prev.runSeq : 0) + 1;
    const rec = core.sealRecord(
      {
        seq,
        runSeq,
        itemUid: 'api::information-item.information-item',
        itemDocumentId: `doc-${runId}`,
        itemLocale: null,
        itemVersion: runSeq,
        sopCode: 'palaran-publikasi-website',
        sopVersion: '1',
        runId,
        stepNumber: runSeq,
        kind: runSeq % 2 ? 'paraf' : 'tanda_tangan',
        decision: 'approved',
        note: null,
        signer: { userId: String(seq % 50), nama: `Pejabat ${seq % 50}`, nip: '198005072005011001', jabatan: 'Sekretaris', unit: 'Kecamatan' },
        capacity: 'definitif',
        onBehalfOf: null,
        delegationId: null,
        signedAt: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
        method: 'login',
        externalRef: null,
        ip: '127.0.0.1',
        userAgent: 'bench',
        contentHash: 'c'.repeat(64),
      },
      prevHash,
      prev ? prev.hash : null,
      ring.active
    );
    runState.set(runId, { runSeq, hash: rec.hash });
    prevHash = rec.hash;
    records.push(rec);
  }
  const sealMs = performance.now() - t0;
  const t1 = performance.now();
  const report = await core.verifyChains(records, ring);
  const verifyMs = performance.now() - t1;
  return { records: n, runs, ok: report.ok, checked: report.checked, sealMs, verifyMs, recordsPerSecond: n / (verifyMs / 1000) };
}

module.exports = { main };
if (require.main === module) main().then((r) => console.log(JSON.stringify(r)), (e) => (console.error(e), process.exit(1)));
