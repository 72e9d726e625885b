#!/usr/bin/env node
// `npm run bench`: the product measured against plain Strapi, in the same run, on the same
// machine and data. Writes bench/results/latest.json and latest.md.
//   BENCH_QUICK=1        smoke run: fewer rows, 3-second load runs
//   BENCH_DBS=sqlite,postgres   engines for the workflow acts (default both; postgres skipped
//                        with a note when unreachable)
//   BENCH_READS_DB=sqlite|postgres   engine for the public reads (default sqlite)
// Servers bind 127.0.0.1 only; every request loop is bounded in count and time.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { execFileSync } = require('child_process');
const { performance } = require('perf_hooks');
const autocannon = require('autocannon');
const { startServer, baseEnv, ROOT } = require('./lib/child');
const { createDatabase } = require('./lib/db');

const QUICK = process.env.BENCH_QUICK === '1';
const CFG = {
  rows: Number(process.env.BENCH_ROWS || (QUICK ? 2000 : 10000)),
  duration: QUICK ? 3 : 10,
  connections: 10,
  reviewers: 20,
  actsPerReviewer: QUICK ? 2 : 5,
  singleActs: QUICK ? 10 : 30,
  chain: Number(process.env.BENCH_CHAIN || 100000),
  dipEntries: 10000,
  readsDb: process.env.BENCH_READS_DB || 'sqlite',
  actDbs: (process.env.BENCH_DBS || 'sqlite,postgres').split(',').map((s) => s.trim()).filter(Boolean),
  deadline: Date.now() + (QUICK ? 8 : 15) * 60 * 1000,
};
const SETUP = 'bench/lib/setup.js';
const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const results = { date: new Date().toISOString(), quick: QUICK, machine: machine(), config: { ...CFG, deadline: undefined }, reads: null, acts: [], verify: null, dip: null, boot: null, notes: [] };

function machine() {
  const cpus = os.cpus();
  return { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpu: cpus[0] && cpus[0].model, cores: cpus.length, memGb: Math.round(os.totalmem() / 2 ** 30) };
}

function request(base, method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body ? JSON.stringify(body) : null;
    const req = http.request(base + urlPath, { method, headers: { 'content-type': 'application/json', ...(data ? { 'content-length': Buffer.byteLength(data) } : {}), ...headers }, timeout: 60000 }, (res) => {
      let buf = '';
      res.on('data', (d) => (buf += d));
      res.on('end', () => {
        let json = null;
        try {
          json = JSON.parse(buf);
        } catch {}
        resolve({ status: res.statusCode, body: json });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

function cannon(url, paths) {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CFG.connections,
        duration: CFG.duration,
        requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
      },
      (err, r) => (err ? reject(err) : resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, total: r.requests.total }))
    );
  });
}

const pct = (arr, p) => {
  if (!arr.length) return null;
  const s = [...arr].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function withServer(client, env, fn) {
  const db = await createDatabase(client);
  let server;
  try {
    server = await startServer({ ...baseEnv(), ...db.env, ...env });
    return await fn(server, db);
  } finally {
    if (server) await server.stop();
    await db.drop();
  }
}

async function postgresReachable() {
  try {
    const db = await createDatabase('postgres');
    await db.drop();
    return true;
  } catch (e) {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Public reads: the guarded governed type against the plain (ungoverned) type.
async function reads() {
  log(`reads on ${CFG.readsDb}: seeding ${CFG.rows} rows in each type`);
  return withServer(CFG.readsDb, {}, async (server) => {
    const seed = await server.call(SETUP, 'seedReads', { n: CFG.rows });
    const base = '?pagination[pageSize]=25&populate[unit][fields][0]=name&sort=publishedAt:desc';
    const list = (type) => [`/api/${type}${base}`, `/api/${type}${base}&pagination[page]=2`, `/api/${type}${base}&pagination[page]=7`];
    const byClass = (type) => ['berkala', 'serta_merta', 'setiap_saat'].map((c) => `/api/${type}${base}&filters[classification][$eq]=${c}`);
    const byUnit = (type) => seed.unitIds.slice(0, 5).map((u) => `/api/${type}${base}&filters[unit][id][$eq]=${u}`);
    const one = (type) => seed.sample.map((d) => `/api/${type}/${d}?populate=unit`);

    // Sanity: both types answer the same rows.
    for (const [a, b] of [[list('information-items')[0], list('plain-items')[0]], [byClass('information-items')[0], byClass('plain-items')[0]]]) {
      const [ra, rb] = [await request(server.url, 'GET', a), await request(server.url, 'GET', b)];
      if (ra.status !== 200 || rb.status !== 200 || ra.body.meta.pagination.total !== rb.body.meta.pagination.total) {
        throw new Error(`reads: governed and plain answers differ (${ra.status} ${rb.status} ${JSON.stringify(ra.body && ra.body.meta)} vs ${JSON.stringify(rb.body && rb.body.meta)})`);
      }
    }
    const cases = [
      ['find-one', one],
      ['list (25, populate unit)', list],
      ['list filtered by class', byClass],
      ['list filtered by unit', byUnit],
    ];
    const out = [];
    for (const [name, paths] of cases) {
      // Warm both once, then measure plain first and governed second.
      await cannonQuick(server.url, paths('plain-items'));
      await cannonQuick(server.url, paths('information-items'));
      const plain = await cannon(server.url, paths('plain-items'));
      const governed = await cannon(server.url, paths('information-items'));
      out.push({ case: name, plain, governed, ratio: governed.rps / plain.rps });
      log(`  ${name}: plain ${plain.rps.toFixed(0)} req/s, governed ${governed.rps.toFixed(0)} req/s (×${(governed.rps / plain.rps).toFixed(2)})`);
    }
    return { db: CFG.readsDb, rows: CFG.rows, connections: CFG.connections, durationS: CFG.duration, cases: out };
  });
}

function cannonQuick(url, paths) {
  let i = 0;
  return new Promise((resolve) => autocannon({ url, connections: 2, amount: 20, requests: [{ setupRequest: (r) => ({ ...r, path: paths[i++ % paths.length] }) }] }, () => resolve()));
}

// ---------------------------------------------------------------------------------------------
// 2. Workflow acts: approve-with-signature (seed 000 step 4, tanda tangan) over HTTP with real
//    logins, single reviewer and 20 concurrent reviewers; baseline: plain Strapi's publish of a
//    plain item through the Content Manager by a super admin, at the same concurrency.
async function timed(fn) {
  const t = performance.now();
  const r = await fn();
  return { ms: performance.now() - t, r };
}

function summarize(lat, wallMs, ok, total) {
  return { acts: total, ok, wallMs, perSecond: ok / (wallMs / 1000), p50: pct(lat, 50), p99: pct(lat, 99), mean: lat.reduce((a, b) => a + b, 0) / (lat.length || 1) };
}

async function acts(client) {
  log(`acts on ${client}`);
  return withServer(client, {}, async (server) => {
    const reviewers = await server.call(SETUP, 'seedActs', { reviewers: CFG.reviewers + 1, perReviewer: CFG.actsPerReviewer, single: CFG.singleActs });
    const plain = await server.call(SETUP, 'seedPlainPublish', { n: CFG.singleActs + CFG.reviewers * CFG.actsPerReviewer });
    const loginOf = async (email, password) => {
      const r = await request(server.url, 'POST', '/admin/login', { email, password });
      if (r.status !== 200) throw new Error(`login ${email}: ${r.status}`);
      return r.body.data.token;
    };
    for (const rv of reviewers) rv.token = await loginOf(rv.email, rv.password);
    const adminToken = await loginOf(plain.email, plain.password);

    const sign = (rv, runId) => request(server.url, 'POST', `/ppid/runs/${runId}/acts`, { act: 'approve', password: rv.password, confirmIntent: true }, { Authorization: `Bearer ${rv.token}` });
    const publish = (docId) => request(server.url, 'POST', `/content-manager/collection-types/api::plain-item.plain-item/${docId}/actions/publish`, {}, { Authorization: `Bearer ${adminToken}` });

    const runSeq = async (jobs) => {
      const lat = [];
      let ok = 0;
      const t0 = performance.now();
      for (const job of jobs) {
        if (Date.now() > CFG.deadline) break;
        const { ms, r } = await timed(job);
        lat.push(ms);
        if (r.status === 200) ok++;
        else if (ok === 0 && lat.length === 1) results.notes.push(`${client}: first act answered ${r.status} ${JSON.stringify(r.body && r.body.error)}`);
      }
      return { lat, ok, wall: performance.now() - t0, total: jobs.length };
    };
    const runPar = async (lanes) => {
      const all = await Promise.all(lanes.map((jobs) => runSeq(jobs)));
      const wall = Math.max(...all.map((a) => a.wall));
      return summarize(all.flatMap((a) => a.lat), wall, all.reduce((s, a) => s + a.ok, 0), all.reduce((s, a) => s + a.total, 0));
    };

    const [solo, ...crowd] = reviewers;
    const plainDocs = [...plain.documentIds];
    const single = await runSeq(solo.runs.map((id) => () => sign(solo, id)));
    const plainSingle = await runSeq(plainDocs.splice(0, solo.runs.length).map((d) => () => publish(d)));
    const concurrent = await runPar(crowd.map((rv) => rv.runs.map((id) => () => sign(rv, id))));
    const plainConcurrent = await runPar(crowd.map((rv) => plainDocs.splice(0, rv.runs.length).map((d) => () => publish(d))));
    const verify = await server.call(SETUP, 'verifyChains');
    const out = {
      db: client,
      single: { governed: summarize(single.lat, single.wall, single.ok, single.total), plain: summarize(plainSingle.lat, plainSingle.wall, plainSingle.ok, plainSingle.total) },
      concurrent: { reviewers: crowd.length, governed: concurrent, plain: plainConcurrent },
      chainOk: verify.ok,
    };
    log(`  single: ${out.single.governed.p50?.toFixed(0)} ms p50 (plain publish ${out.single.plain.p50?.toFixed(0)} ms); 20 reviewers: ${concurrent.perSecond.toFixed(1)} acts/s (plain ${plainConcurrent.perSecond.toFixed(1)}/s); chain ok ${verify.ok}`);
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// 3. Verification of a long chain, DIP exports, boot time.
function verifyChain() {
  log(`verify chain of ${CFG.chain} records`);
  const out = execFileSync(process.execPath, [path.join(__dirname, 'verify-chain.js'), String(CFG.chain)], { cwd: ROOT, encoding: 'utf8', timeout: 300000 });
  return JSON.parse(out.trim().split('\n').pop());
}

function dipExport() {
  const script = path.join(__dirname, 'dip-export.js');
  if (!fs.existsSync(script)) return null;
  log(`DIP export of ${CFG.dipEntries} entries`);
  execFileSync(process.execPath, [script, String(CFG.dipEntries)], { cwd: ROOT, encoding: 'utf8', timeout: 300000, env: { ...process.env, DIP_BENCH_ENTRIES: String(CFG.dipEntries) } });
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'results', 'dip-export.json'), 'utf8'));
}

async function boot() {
  // Warm boot (schema already created by a first boot), SQLite, with and without the plugin.
  const out = {};
  for (const [name, enabled] of [['plain Strapi (PPID_ENABLED=false)', 'false'], ['with ppid plugin', 'true']]) {
    const db = await createDatabase('sqlite');
    try {
      const env = { ...baseEnv(), ...db.env, PPID_ENABLED: enabled };
      const first = await startServer(env);
      await first.stop();
      const times = [];
      for (let i = 0; i < (QUICK ? 1 : 3); i++) {
        const s = await startServer(env);
        times.push(s.bootMs);
        await s.stop();
      }
      out[name] = { firstBootMs: first.bootMs, warmBootMs: pct(times, 50) };
      log(`  boot ${name}: ${out[name].warmBootMs.toFixed(0)} ms warm`);
    } finally {
      await db.drop();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
function fmt(n, d = 0) {
  return n == null || Number.isNaN(n) ? '–' : Number(n).toFixed(d);
}

function markdown(r) {
  const L = [];
  L.push(`# PPID benchmarks${r.quick ? ' (QUICK smoke run: BENCH_QUICK=1)' : ''}`, '');
  L.push(`${r.date} · Node ${r.machine.node} · ${r.machine.platform} · ${r.machine.cpu} × ${r.machine.cores} · ${r.machine.memGb} GB`, '');
  L.push('Every comparison runs against plain Strapi in the same run, on the same machine and data. Reproduce with `npm run bench` (full) or `BENCH_QUICK=1 npm run bench`.', '');
  if (r.reads) {
    L.push(`## Public reads (${r.reads.db}, ${r.reads.rows} published rows per type, ${r.reads.connections} connections, ${r.reads.durationS} s each)`, '');
    L.push('Governed = `api::information-item` through the public guard; plain = `api::plain-item` (same attributes, no governance). Ratio = governed ÷ plain requests/s.', '');
    L.push('| case | plain req/s | plain p50 / p99 ms | governed req/s | governed p50 / p99 ms | ratio |', '|---|---:|---:|---:|---:|---:|');
    for (const c of r.reads.cases) {
      L.push(`| ${c.case} | ${fmt(c.plain.rps)} | ${fmt(c.plain.p50)} / ${fmt(c.plain.p99)} | ${fmt(c.governed.rps)} | ${fmt(c.governed.p50)} / ${fmt(c.governed.p99)} | ×${fmt(c.ratio, 2)} |`);
    }
    L.push('', 'Goals: find-one and plain lists ≥ ×0.95 (guard costs < 5 %); lists filtered by class or unit ≥ ×1.5 (product indexes, services/indexes.ts).', '');
  }
  if (r.acts.length) {
    L.push('## Workflow acts: approve with signature (seed 000 step 4, password + intent), over HTTP with real logins', '');
    L.push('Baseline: plain Strapi publish of a plain item through the Content Manager (super admin), same concurrency.', '');
    L.push('| db | load | governed acts/s | governed p50 / p99 ms | plain publish/s | plain p50 / p99 ms | ok / total | chain verified |', '|---|---|---:|---:|---:|---:|---:|---|');
    for (const a of r.acts) {
      if (a.error) {
        L.push(`| ${a.db} | – | – | – | – | – | – | ${a.error} |`);
        continue;
      }
      for (const [load, g, p] of [['1 reviewer', a.single.governed, a.single.plain], [`${a.concurrent.reviewers} concurrent reviewers`, a.concurrent.governed, a.concurrent.plain]]) {
        L.push(`| ${a.db} | ${load} | ${fmt(g.perSecond, 1)} | ${fmt(g.p50)} / ${fmt(g.p99)} | ${fmt(p.perSecond, 1)} | ${fmt(p.p50)} / ${fmt(p.p99)} | ${g.ok} / ${g.acts} | ${a.chainOk ? 'yes' : 'NO'} |`);
      }
    }
    L.push('');
  }
  if (r.verify) {
    L.push('## Signature chain verification (compiled core, no Strapi)', '');
    L.push('| records | runs | ok | seal (generate) s | verify s | records/s |', '|---:|---:|---|---:|---:|---:|');
    L.push(`| ${r.verify.records} | ${r.verify.runs} | ${r.verify.ok} | ${fmt(r.verify.sealMs / 1000, 1)} | ${fmt(r.verify.verifyMs / 1000, 1)} | ${fmt(r.verify.recordsPerSecond)} |`, '');
  }
  if (r.dip) {
    L.push(`## DIP export (bench/dip-export.js, ${r.config.dipEntries} entries, one process per format)`, '');
    L.push('| format | seconds | bytes | start RSS MB | peak RSS MB |', '|---|---:|---:|---:|---:|');
    for (const d of r.dip.results || []) L.push(`| ${d.format} | ${fmt(d.seconds, 2)} | ${d.bytes} | ${fmt(d.startRssMB, 1)} | ${fmt(d.peakRssMB, 1)} |`);
    L.push('');
  }
  if (r.boot) {
    L.push('## App boot (SQLite, warm database, load + listen)', '');
    L.push('| app | first boot ms (creates schema) | warm boot ms |', '|---|---:|---:|');
    for (const [k, v] of Object.entries(r.boot)) L.push(`| ${k} | ${fmt(v.firstBootMs)} | ${fmt(v.warmBootMs)} |`);
    L.push('');
  }
  if (r.notes.length) L.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  return L.join('\n');
}

async function step(name, fn) {
  if (Date.now() > CFG.deadline) {
    results.notes.push(`${name}: skipped, the run's time budget was used up`);
    return null;
  }
  try {
    return await fn();
  } catch (e) {
    log(`${name} FAILED: ${String(e.stack || e).slice(0, 1500)}`);
    results.notes.push(`${name} failed: ${String(e.message || e).slice(0, 300)}`);
    return null;
  }
}

async function main() {
  const t0 = Date.now();
  if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-server.js')], { cwd: ROOT, stdio: 'inherit' });
  const only = (process.env.BENCH_ONLY || 'reads,acts,verify,dip,boot').split(',');
  if (only.includes('reads')) results.reads = await step('reads', reads);
  if (only.includes('acts')) {
    const pg = await postgresReachable();
    for (const client of CFG.actDbs) {
      if (client === 'postgres' && !pg) {
        results.notes.push('acts on postgres: skipped, PostgreSQL not reachable (PGHOST_TEST/PGPORT_TEST/PGUSER_TEST)');
        continue;
      }
      const a = await step(`acts on ${client}`, () => acts(client));
      results.acts.push(a || { db: client, error: 'failed (see notes)' });
    }
  }
  if (only.includes('verify')) results.verify = await step('verify', async () => verifyChain());
  if (only.includes('dip')) results.dip = await step('dip', async () => dipExport());
  if (only.includes('boot')) results.boot = await step('boot', boot);
  results.totalSeconds = (Date.now() - t0) / 1000;
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'latest.md'), markdown(results) + `\nTotal bench time: ${fmt(results.totalSeconds)} s.\n`);
  log(`done in ${fmt(results.totalSeconds)} s → bench/results/latest.md`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
