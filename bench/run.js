#!/usr/bin/env node
// `npm run bench`: the product measured against plain Strapi, in the same run, on the same
// machine and data, each comparison's arms alternating over several rounds. A case that meets an
// invalid answer (non-2xx, a transport error, the arms answering different rows) stops there,
// prints the first bad answer and is reported as aborted, with no numbers.
//   BENCH_QUICK=1        smoke run (a few minutes on a quiet machine): 1,000 rows, 2-second load
//                        runs, 10 concurrent reviewers instead of 20; writes
//                        bench/results/quick.{json,md}, never latest.*
//   BENCH_ROUNDS=n       alternating rounds per arm (default 3)
//   BENCH_ONLY=reads,conditional,acts,tasks,verify,dip,boot,instances   cases to run
//   BENCH_DBS=sqlite,postgres   engines for the acts and the task list (default both; postgres
//                        skipped with a note when unreachable)
//   BENCH_READS_DB=sqlite|postgres   engine for the public reads (default sqlite)
//   BENCH_OUT=name       write bench/results/name.{json,md} (default latest, quick for QUICK)
// Full runs write bench/results/latest.{json,md}; `node bench/readme.js` then puts the figures
// in README.md. Servers bind 127.0.0.1 only; every request loop is bounded in count and time.
//
// Another case in its own file: bench/instances.js (several instances behind nginx), when present,
// exports `run(ctx)`; ctx = { quick, rounds, log, BenchAbort, ROOT, deadline }. It returns a JSON
// result with optional `markdown` (lines for latest.md) and `readme` ([measure, result] rows for
// README), or throws BenchAbort.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { performance } = require('perf_hooks');
const { startServer, baseEnv, ROOT } = require('./lib/child');
const { createDatabase } = require('./lib/db');
const { request, load, warm } = require('./lib/load');
const { BenchAbort, expectStatus, alternate, spreadOf, spread, ratio, summarizeBatch, percentile } = require('./lib/measure');
const { markdown } = require('./lib/render');

const QUICK = process.env.BENCH_QUICK === '1';
const CFG = {
  rounds: Number(process.env.BENCH_ROUNDS || 3),
  rows: Number(process.env.BENCH_ROWS || (QUICK ? 1000 : 10000)),
  duration: QUICK ? 2 : 5,
  connections: 10,
  reviewers: QUICK ? 10 : 20,
  singlePerRound: QUICK ? 3 : 10,
  perReviewerPerRound: QUICK ? 1 : 3,
  tasksRuns: Number(process.env.BENCH_TASKS_RUNS || 10000),
  tasksSamples: QUICK ? 9 : 30,
  chain: Number(process.env.BENCH_CHAIN || (QUICK ? 20000 : 100000)),
  dipEntries: 10000,
  readsDb: process.env.BENCH_READS_DB || 'sqlite',
  actDbs: (process.env.BENCH_DBS || 'sqlite,postgres').split(',').map((s) => s.trim()).filter(Boolean),
  deadline: Date.now() + (QUICK ? 30 : 90) * 60 * 1000,
};
const OUT = process.env.BENCH_OUT || (QUICK ? 'quick' : 'latest');
const SETUP = 'bench/lib/setup.js';
const II_API = 'information-items';
const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const results = {
  schema: 2,
  date: new Date().toISOString(),
  quick: QUICK,
  machine: machine(),
  config: { ...CFG, deadline: undefined },
  reads: null,
  conditional: null,
  acts: [],
  tasks: [],
  verify: null,
  dip: null,
  boot: null,
  instances: null,
  notes: [],
};

function machine() {
  const cpus = os.cpus();
  return { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpu: cpus[0] && cpus[0].model, cores: cpus.length, memGb: Math.round(os.totalmem() / 2 ** 30), loadAvg: os.loadavg() };
}

function checkDeadline(what) {
  if (Date.now() > CFG.deadline) throw new BenchAbort(`${what}: the run's time budget was used up`);
}

/** An aborted case as the report keeps it (and printed now, with the first bad answer). */
function abortOf(name, e) {
  const a = e instanceof BenchAbort ? e.toJSON() : { reason: `error: ${String((e && e.message) || e).slice(0, 500)}` };
  log(`${name} ABORTED: ${a.reason}`);
  if (a.url || a.status !== undefined) log(`  first bad answer: ${a.method || 'GET'} ${a.url || '?'} → ${a.status ?? '?'}${a.body ? `\n  body: ${a.body}` : ''}`);
  if (!(e instanceof BenchAbort) && e && e.stack) log(String(e.stack).slice(0, 1500));
  return a;
}

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
// 1. Public reads: governed (guard) vs ungoverned with the same indexes vs Strapi's defaults.
const ARMS = { governed: II_API, indexed: 'indexed-items', plain: 'plain-items' };
const LIST = '?pagination[pageSize]=25&populate[unit][fields][0]=name&sort=publishedAt:desc';

/** What must be equal across arms for them to be "the same rows". */
function rowsOf(body) {
  if (!body || body.data === undefined) return null;
  const data = Array.isArray(body.data) ? body.data : [body.data];
  return {
    total: body.meta && body.meta.pagination ? body.meta.pagination.total : null,
    rows: data.map((d) => `${d.documentId}|${d.title}|${d.classification}|${d.unit ? d.unit.name : ''}`),
  };
}

async function validateSameRows(server, pathsOf, arms, { withUnit = false, headers = {} } = {}) {
  const n = pathsOf(arms[0]).length;
  for (let j = 0; j < n; j++) {
    const answers = [];
    for (const arm of arms) {
      const url = pathsOf(arm)[j];
      const res = expectStatus(await request(server.url, 'GET', url, null, headers), { url });
      const rows = rowsOf(res.body);
      if (!rows || !rows.rows.length) throw new BenchAbort(`GET ${url} answered no rows`, { url, status: res.status, body: res.text });
      // A populate the public may not make is dropped silently by Strapi: the case would not measure it.
      if (withUnit && rows.rows.some((r) => !r.split('|')[3])) throw new BenchAbort(`GET ${url} answered rows without their unit (populate dropped)`, { url, status: res.status, body: res.text });
      answers.push({ arm, url, rows, res });
    }
    // documentIds differ by type; compare what the rows say (title, class, unit) and the totals.
    const key = (a) => JSON.stringify({ total: a.rows.total, rows: a.rows.rows.map((r) => r.split('|').slice(1).join('|')) });
    for (const a of answers.slice(1)) {
      if (key(a) !== key(answers[0])) {
        throw new BenchAbort(`${a.arm} and ${answers[0].arm} answer different rows for the same query (${answers[0].url} vs ${a.url})`, { url: a.url, status: a.res.status, body: a.res.text });
      }
    }
  }
}

async function reads() {
  log(`reads on ${CFG.readsDb}: seeding ${CFG.rows} rows in each of three types`);
  return withServer(CFG.readsDb, {}, async (server) => {
    const seed = await server.call(SETUP, 'seedReads', { n: CFG.rows });
    const out = { db: CFG.readsDb, rows: CFG.rows, connections: CFG.connections, durationS: CFG.duration, rounds: CFG.rounds, indexes: seed.indexes, cases: [] };
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    if (!same(seed.indexes.governed, seed.indexes.indexed)) {
      out.aborted = abortOf('reads', new BenchAbort(`the same-indexes baseline's indexes differ from the governed type's: ${JSON.stringify(seed.indexes.indexed)} vs ${JSON.stringify(seed.indexes.governed)}`));
      return out;
    }
    // The guard is really applied: a governed document published without a run is not found.
    for (const d of seed.hiddenDocumentIds || []) {
      const url = `/api/${II_API}/${d}`;
      const res = await request(server.url, 'GET', url);
      if (res.status !== 404) {
        out.aborted = abortOf('reads', new BenchAbort(`the public guard is not applied: ${url}, published without a run, answered ${res.status} (expected 404)`, { url, status: res.status, body: res.text }));
        return out;
      }
    }
    // Anonymous (a visitor on the REST API) and with a read-only API token (a website's front end):
    // only the latter may populate or filter by the unit (see seedReads).
    const PLAIN_LIST = '?pagination[pageSize]=25&sort=publishedAt:desc';
    const pages = (type) => [`/api/${type}${PLAIN_LIST}`, `/api/${type}${PLAIN_LIST}&pagination[page]=2`, `/api/${type}${PLAIN_LIST}&pagination[page]=7`];
    const token = { Authorization: `Bearer ${seed.readToken}` };
    const cases = [
      ['find-one (anonymous)', null, {}, 'find-one'],
      ['list of 25 (anonymous)', pages, {}],
      ['list of 25 filtered by class (anonymous)', (type) => ['berkala', 'serta_merta', 'setiap_saat'].map((c) => `/api/${type}${PLAIN_LIST}&filters[classification][$eq]=${c}`), {}],
      ['list of 25, unit populated (read-only token)', (type) => [`/api/${type}${LIST}`, `/api/${type}${LIST}&pagination[page]=2`, `/api/${type}${LIST}&pagination[page]=7`], token, 'unit'],
      ['list of 25 filtered by unit (read-only token)', (type) => seed.unitDocumentIds.slice(0, 5).map((u) => `/api/${type}${LIST}&filters[unit][documentId][$eq]=${u}`), token, 'unit'],
    ];
    // find-one: the same documents exist in each type under their own documentIds; map by title.
    const docIdsByType = {};
    for (const type of Object.values(ARMS)) {
      const res = expectStatus(await request(server.url, 'GET', `/api/${type}?pagination[pageSize]=100&sort=title:asc&fields[0]=title`), { url: `/api/${type}` });
      docIdsByType[type] = res.body.data.map((d) => d.documentId);
    }
    for (const [name, pathsOf, headers, kind] of wanted('reads') ? cases : []) {
      const paths = kind === 'find-one' ? (type) => docIdsByType[type].slice(0, 50).map((d) => `/api/${type}/${d}`) : pathsOf;
      try {
        checkDeadline(name);
        await validateSameRows(server, (arm) => paths(ARMS[arm]), Object.keys(ARMS), { withUnit: kind === 'unit', headers });
        const opts = (arm) => ({ url: server.url, paths: paths(ARMS[arm]), duration: CFG.duration, connections: CFG.connections, headersFor: () => headers });
        for (const arm of Object.keys(ARMS)) await warm(opts(arm));
        const runs = await alternate(Object.fromEntries(Object.keys(ARMS).map((arm) => [arm, () => (checkDeadline(name), load(opts(arm)))])), CFG.rounds);
        const c = {
          case: name,
          arms: Object.fromEntries(Object.keys(ARMS).map((arm) => [arm, spreadOf(runs[arm], ['rps', 'p50', 'p99'])])),
          guardOverhead: ratio(runs.governed.map((r) => r.rps), runs.indexed.map((r) => r.rps)),
          speedUp: ratio(runs.governed.map((r) => r.rps), runs.plain.map((r) => r.rps)),
        };
        out.cases.push(c);
        log(`  ${name}: governed ${c.arms.governed.rps.median.toFixed(0)} req/s; guard overhead ×${c.guardOverhead.ratio.toFixed(2)} (${c.guardOverhead.min.toFixed(2)}–${c.guardOverhead.max.toFixed(2)}); speed-up ×${c.speedUp.ratio.toFixed(2)} (${c.speedUp.min.toFixed(2)}–${c.speedUp.max.toFixed(2)})`);
      } catch (e) {
        out.cases.push({ case: name, aborted: abortOf(`reads: ${name}`, e) });
      }
    }
    if (wanted('conditional')) results.conditional = await conditional(server, pages(II_API));
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Conditional GETs: If-None-Match with the ETag of a first answer, against full reads.
async function conditional(server, paths) {
  log('conditional GETs (If-None-Match) against full reads');
  try {
    const etags = {};
    for (const url of paths) {
      const first = expectStatus(await request(server.url, 'GET', url), { url });
      const etag = first.headers.etag;
      if (!etag) throw new BenchAbort(`no ETag on this response (GET ${url} → ${first.status})`, { url, status: first.status, body: `headers: ${Object.keys(first.headers).join(', ')}` });
      const again = await request(server.url, 'GET', url, null, { 'if-none-match': etag });
      expectStatus(again, { url: `${url} (If-None-Match: ${etag})`, expected: [304] });
      etags[url] = etag;
    }
    const base = { url: server.url, paths, duration: CFG.duration, connections: CFG.connections };
    const full = { ...base, expected: [200] };
    const cond = { ...base, expected: [304], headersFor: (p) => ({ 'if-none-match': etags[p] }) };
    await warm(full);
    await warm(cond);
    const runs = await alternate({ full: () => load(full), conditional: () => load(cond) }, CFG.rounds);
    const out = {
      db: CFG.readsDb,
      paths,
      connections: CFG.connections,
      durationS: CFG.duration,
      rounds: CFG.rounds,
      arms: { full: spreadOf(runs.full, ['rps', 'p50', 'p99']), conditional: spreadOf(runs.conditional, ['rps', 'p50', 'p99']) },
      ratio: ratio(runs.conditional.map((r) => r.rps), runs.full.map((r) => r.rps)),
    };
    log(`  conditional ${out.arms.conditional.rps.median.toFixed(0)} req/s vs full ${out.arms.full.rps.median.toFixed(0)} req/s (×${out.ratio.ratio.toFixed(2)})`);
    return out;
  } catch (e) {
    return { aborted: abortOf('conditional GETs', e) };
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Workflow acts: paraf (no password) and signature (password + intent) over HTTP with real
//    logins, one reviewer and 20 concurrent reviewers, alternating with a plain Content Manager
//    publish; the password check timed alone inside the server. Then the task list at 10,000
//    open runs, on the same server.
async function timed(fn) {
  const t = performance.now();
  const r = await fn();
  return { ms: performance.now() - t, r };
}

async function acts(client) {
  return withServer(client, {}, async (server) => {
    let out = null;
    if (wanted('acts')) {
      try {
        out = await actsOn(server, client);
      } catch (e) {
        out = { aborted: abortOf(`acts on ${client}`, e) };
      }
    }
    // The task list on the same server (its own users, units and runs), whatever the acts did.
    if (wanted('tasks')) results.tasks.push(await tasks(server, client));
    return out;
  });
}

async function actsOn(server, client) {
  {
    log(`acts on ${client}: seeding`);
    const R = CFG.rounds;
    const perLane = [R * CFG.singlePerRound, ...Array(CFG.reviewers).fill(R * CFG.perReviewerPerRound)];
    const t0 = Date.now();
    const { signers, parafers } = await server.call(SETUP, 'seedActs', { perLane });
    const nPlain = perLane.reduce((a, b) => a + b, 0);
    const plain = await server.call(SETUP, 'seedPlainPublish', { n: nPlain });
    log(`  seeded ${2 * nPlain} runs and ${nPlain} plain items in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const loginOf = async (email, password) => {
      const r = expectStatus(await request(server.url, 'POST', '/admin/login', { email, password }), { method: 'POST', url: '/admin/login' });
      return r.body.data.token;
    };
    for (const p of [...signers, ...parafers]) p.token = await loginOf(p.email, p.password);
    const adminToken = await loginOf(plain.email, plain.password);

    const act = (who, runId, body) => async () => {
      const url = `/ppid/runs/${runId}/acts`;
      return expectStatus(await request(server.url, 'POST', url, body, { Authorization: `Bearer ${who.token}` }), { method: 'POST', url });
    };
    const sign = (who, runId) => act(who, runId, { act: 'approve', password: who.password, confirmIntent: true });
    const paraf = (who, runId) => act(who, runId, { act: 'approve' });
    const publish = (docId) => async () => {
      const url = `/content-manager/collection-types/api::plain-item.plain-item/${docId}/actions/publish`;
      return expectStatus(await request(server.url, 'POST', url, {}, { Authorization: `Bearer ${adminToken}` }), { method: 'POST', url });
    };
    const runSeq = async (jobs) => {
      const lat = [];
      const t = performance.now();
      for (const job of jobs) {
        checkDeadline(`acts on ${client}`);
        lat.push((await timed(job)).ms);
      }
      return { lat, wall: performance.now() - t };
    };
    const batch = async (jobs) => {
      const b = await runSeq(jobs);
      return summarizeBatch(b.lat, b.wall);
    };
    const parallel = async (lanes) => {
      const all = await Promise.all(lanes.map((jobs) => runSeq(jobs)));
      return summarizeBatch(all.flatMap((a) => a.lat), Math.max(...all.map((a) => a.wall)));
    };
    // Round r of lane l: its r-th slice of runs (or plain documents).
    const slice = (arr, r, k) => arr.slice(r * k, (r + 1) * k);
    const plainDocs = [...plain.documentIds];
    const plainLanes = perLane.map((n) => plainDocs.splice(0, n));
    const k1 = CFG.singlePerRound;
    const kc = CFG.perReviewerPerRound;
    const [soloS, ...crowdS] = signers;
    const [soloP, ...crowdP] = parafers;
    const [soloD, ...crowdD] = plainLanes;

    log(`  1 reviewer: ${R} rounds × ${k1} acts per arm`);
    const single = await alternate(
      {
        paraf: (r) => batch(slice(soloP.runs, r, k1).map((id) => paraf(soloP, id))),
        signature: (r) => batch(slice(soloS.runs, r, k1).map((id) => sign(soloS, id))),
        plainPublish: (r) => batch(slice(soloD, r, k1).map((d) => publish(d))),
        passwordCheck: async () => {
          const lat = await server.call(SETUP, 'timePasswordCheck', { userId: soloS.id, password: soloS.password, n: k1 });
          if (!lat) throw new BenchAbort('this version of the product has no signing.verifyPassword service to time');
          return summarizeBatch(lat, lat.reduce((a, b) => a + b, 0));
        },
      },
      R
    );
    log(`  ${CFG.reviewers} concurrent reviewers: ${R} rounds × ${kc} acts each per arm`);
    const concurrent = await alternate(
      {
        paraf: (r) => parallel(crowdP.map((p) => slice(p.runs, r, kc).map((id) => paraf(p, id)))),
        signature: (r) => parallel(crowdS.map((s) => slice(s.runs, r, kc).map((id) => sign(s, id)))),
        plainPublish: (r) => parallel(crowdD.map((docs) => slice(docs, r, kc).map((d) => publish(d)))),
      },
      R
    );
    const verify = await server.call(SETUP, 'verifyChains');
    const F = ['perSecond', 'p50', 'p99'];
    const rate = (runs) => runs.map((x) => x.perSecond);
    const out = {
      db: client,
      rounds: R,
      reviewers: CFG.reviewers,
      singlePerRound: k1,
      perReviewerPerRound: kc,
      single: {
        paraf: spreadOf(single.paraf, F),
        signature: spreadOf(single.signature, F),
        plainPublish: spreadOf(single.plainPublish, F),
        passwordCheck: spreadOf(single.passwordCheck, F),
        split: {
          passwordMs: spread(single.passwordCheck.map((x) => x.p50)),
          restMs: spread(single.signature.map((x, r) => x.p50 - single.passwordCheck[r].p50)),
        },
        ratios: { paraf: ratio(rate(single.paraf), rate(single.plainPublish)), signature: ratio(rate(single.signature), rate(single.plainPublish)) },
      },
      concurrent: {
        paraf: spreadOf(concurrent.paraf, F),
        signature: spreadOf(concurrent.signature, F),
        plainPublish: spreadOf(concurrent.plainPublish, F),
        ratios: { paraf: ratio(rate(concurrent.paraf), rate(concurrent.plainPublish)), signature: ratio(rate(concurrent.signature), rate(concurrent.plainPublish)) },
      },
      chainOk: !!(verify && verify.ok),
    };
    if (!out.chainOk) throw new BenchAbort(`the signature chain does not verify after the acts: ${JSON.stringify(verify).slice(0, 300)}`);
    const s = out.single;
    log(`  1 reviewer p50: paraf ${s.paraf.p50.median.toFixed(0)} ms, signature ${s.signature.p50.median.toFixed(0)} ms (password check ${s.split.passwordMs.median.toFixed(0)} + rest ${s.split.restMs.median.toFixed(0)}), plain publish ${s.plainPublish.p50.median.toFixed(0)} ms`);
    log(`  ${CFG.reviewers} reviewers: signature ${out.concurrent.signature.perSecond.median.toFixed(1)} acts/s p99 ${out.concurrent.signature.p99.median.toFixed(0)} ms; paraf ${out.concurrent.paraf.perSecond.median.toFixed(1)}/s; plain publish ${out.concurrent.plainPublish.perSecond.median.toFixed(1)}/s`);
    return out;
  }
}

async function tasks(server, client) {
  try {
    checkDeadline(`tasks on ${client}`);
    log(`tasks on ${client}: seeding ${CFG.tasksRuns} open runs`);
    const t0 = Date.now();
    const seed = await server.call(SETUP, 'seedTasks', { openRuns: CFG.tasksRuns });
    log(`  seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${seed.mine} are the reviewer's`);
    const login = expectStatus(await request(server.url, 'POST', '/admin/login', { email: seed.email, password: seed.password }), { method: 'POST', url: '/admin/login' });
    const auth = { Authorization: `Bearer ${login.body.data.token}` };
    const url = '/ppid/tasks';
    const get = async () => {
      const { ms, r } = await timed(() => request(server.url, 'GET', url, null, auth));
      expectStatus(r, { url });
      const count = r.body && r.body.meta && r.body.meta.pagination ? r.body.meta.pagination.total : r.body && Array.isArray(r.body.data) ? r.body.data.length : null;
      if (count !== seed.mine) throw new BenchAbort(`GET ${url} listed ${count} tasks, the reviewer holds ${seed.mine} of the ${seed.openRuns} open runs (the answer took ${ms.toFixed(0)} ms)`, { url, status: r.status, body: r.text });
      return ms;
    };
    await get(); // validated warm-up
    const lat = [];
    const until = Date.now() + (QUICK ? 60 : 300) * 1000;
    for (let i = 0; i < CFG.tasksSamples; i++) {
      if (Date.now() > until) throw new BenchAbort(`GET ${url}: ${i} of ${CFG.tasksSamples} samples in the case's time limit (last ${lat[lat.length - 1]?.toFixed(0)} ms)`, { url });
      lat.push(await get());
    }
    const out = { db: client, openRuns: seed.openRuns, mine: seed.mine, samples: lat.length, p50: percentile(lat, 50), p99: percentile(lat, 99), min: Math.min(...lat), max: Math.max(...lat) };
    log(`  GET /ppid/tasks: p50 ${out.p50.toFixed(0)} ms, p99 ${out.p99.toFixed(0)} ms`);
    return out;
  } catch (e) {
    return { db: client, aborted: abortOf(`tasks on ${client}`, e) };
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Verification of a long chain, DIP exports, boot time, several instances.
/** The stand-alone scripts' own result files: bench/results/NAME.json in a full run, OUT-NAME.json otherwise. */
const sideFile = (name) => path.join(__dirname, 'results', OUT === 'latest' ? `${name}.json` : `${OUT}-${name}.json`);

function verifyChain() {
  log(`verify chain of ${CFG.chain} records`);
  const out = execFileSync(process.execPath, [path.join(__dirname, 'verify-chain.js'), String(CFG.chain)], { cwd: ROOT, encoding: 'utf8', timeout: 300000, env: { ...process.env, BENCH_RESULT_FILE: sideFile('verify-chain') } });
  return JSON.parse(out.trim().split('\n').pop());
}

function dipExport() {
  const script = path.join(__dirname, 'dip-export.js');
  if (!fs.existsSync(script)) return null;
  log(`DIP export of ${CFG.dipEntries} entries`);
  execFileSync(process.execPath, [script, String(CFG.dipEntries)], { cwd: ROOT, encoding: 'utf8', timeout: 300000, env: { ...process.env, DIP_BENCH_ENTRIES: String(CFG.dipEntries), BENCH_RESULT_FILE: sideFile('dip-export') } });
  return JSON.parse(fs.readFileSync(sideFile('dip-export'), 'utf8'));
}

async function boot() {
  // Warm boots (schema created by a first boot), SQLite, the app as shipped (no bench fixtures),
  // without and with the plugin, alternating.
  log(`boot: ${CFG.rounds} alternating warm boots without and with the plugin`);
  const dbs = {};
  try {
    const arms = { off: 'false', on: 'true' };
    const env = {};
    const first = {};
    for (const [arm, enabled] of Object.entries(arms)) {
      dbs[arm] = await createDatabase('sqlite');
      env[arm] = { ...baseEnv(), ...dbs[arm].env, PPID_ENABLED: enabled, BENCH_NO_FIXTURES: '1' };
      const s = await startServer(env[arm]);
      first[arm] = s.bootMs;
      await s.stop();
    }
    const runs = await alternate(
      Object.fromEntries(
        Object.keys(arms).map((arm) => [
          arm,
          async () => {
            checkDeadline('boot');
            const s = await startServer(env[arm]);
            await s.stop();
            return s.bootMs;
          },
        ])
      ),
      CFG.rounds
    );
    const out = { rounds: CFG.rounds, off: { firstBootMs: first.off, warmBootMs: spread(runs.off) }, on: { firstBootMs: first.on, warmBootMs: spread(runs.on) }, ratio: ratio(runs.on, runs.off) };
    log(`  warm boot: without ${out.off.warmBootMs.median.toFixed(0)} ms, with ${out.on.warmBootMs.median.toFixed(0)} ms (×${out.ratio.ratio.toFixed(2)})`);
    return out;
  } catch (e) {
    return { aborted: abortOf('boot', e) };
  } finally {
    for (const db of Object.values(dbs)) await db.drop();
  }
}

async function instances() {
  const file = path.join(__dirname, 'instances.js');
  if (!fs.existsSync(file)) return null;
  log('several instances (bench/instances.js)');
  try {
    const mod = require(file);
    const r = await mod.run({ quick: QUICK, rounds: CFG.rounds, log, BenchAbort, ROOT, deadline: CFG.deadline });
    if (r && !r.markdown && typeof mod.markdown === 'function') r.markdown = String(mod.markdown(r)).split('\n');
    // README's row, from the shape bench/instances.js returns ({ one, three, ratio } of req/s).
    if (r && !r.readme && r.one && r.three && typeof r.ratio === 'number') {
      const f = (x) => Number(x).toFixed(0);
      r.readme = [[`public reads through nginx, 1 → 3 instances (${r.config && r.config.database}), req/s`, `${f(r.one.rps)} (${f(r.one.rpsMin)}–${f(r.one.rpsMax)}) → ${f(r.three.rps)} (${f(r.three.rpsMin)}–${f(r.three.rpsMax)}), ×${r.ratio.toFixed(2)}`]];
    }
    return r;
  } catch (e) {
    return { aborted: abortOf('instances', e) };
  }
}

// ---------------------------------------------------------------------------------------------
const ONLY = (process.env.BENCH_ONLY || 'reads,conditional,acts,tasks,verify,dip,boot,instances').split(',').map((s) => s.trim());
const wanted = (name) => ONLY.includes(name);

async function step(name, fn) {
  if (Date.now() > CFG.deadline) {
    results.notes.push(`${name}: skipped, the run's time budget was used up`);
    return null;
  }
  try {
    return await fn();
  } catch (e) {
    return { aborted: abortOf(name, e) };
  }
}

async function main() {
  const t0 = Date.now();
  if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-server.js')], { cwd: ROOT, stdio: 'inherit' });
  if (CFG.rounds < 3) results.notes.push(`BENCH_ROUNDS=${CFG.rounds}: fewer than 3 rounds per arm; spreads say little`);
  if (wanted('reads') || wanted('conditional')) {
    const r = await step('reads', reads);
    if (wanted('reads')) results.reads = r;
    if (wanted('conditional') && !results.conditional) results.conditional = { aborted: { reason: `not run: the reads server failed (${r && r.aborted ? r.aborted.reason : 'skipped'})` } };
  }
  if (wanted('acts') || wanted('tasks')) {
    const pg = await postgresReachable();
    for (const client of CFG.actDbs) {
      if (client === 'postgres' && !pg) {
        results.notes.push('acts and tasks on postgres: skipped, PostgreSQL not reachable (PGHOST_TEST/PGPORT_TEST/PGUSER_TEST)');
        continue;
      }
      const a = await step(`acts on ${client}`, () => acts(client));
      if (wanted('acts')) results.acts.push({ db: client, ...a });
      if (wanted('tasks') && !results.tasks.some((t) => t.db === client)) results.tasks.push({ db: client, aborted: { reason: `not run: the server failed (${a && a.aborted ? a.aborted.reason : 'skipped'})` } });
    }
  }
  if (wanted('verify')) results.verify = await step('verify', async () => verifyChain());
  if (wanted('dip')) results.dip = await step('dip', async () => dipExport());
  if (wanted('boot')) results.boot = await step('boot', boot);
  if (wanted('instances')) results.instances = await step('instances', instances);
  results.totalSeconds = (Date.now() - t0) / 1000;
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${OUT}.json`), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, `${OUT}.md`), markdown(results).replace(/\n*$/, '\n'));
  if (OUT === 'latest') {
    // README's figures follow the run (the same as `node bench/readme.js` after committing it).
    const { expected } = require('./readme');
    fs.writeFileSync(path.join(ROOT, 'README.md'), expected().next);
  }
  log(`done in ${results.totalSeconds.toFixed(0)} s → bench/results/${OUT}.md${OUT === 'latest' ? ' (and README.md figures)' : ''}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
