#!/usr/bin/env node
// Acts under contention, the task list at scale and boot cost (issue #17), measured where the
// time goes. Not part of `npm run bench`; run by hand:
//   node bench/contention.js acts     20 reviewers signing vs plain publishes, alternately, on
//                                     PostgreSQL, with a server-side split of each act (password
//                                     check, transaction before the chain lock, lock wait, lock
//                                     held until commit) and pool / pg_stat_activity samples
//   node bench/contention.js tasks    GET /ppid/tasks with CONTENTION_OPEN_RUNS (10,000) open runs
//   node bench/contention.js boot     median boot with and without the plugin, SQLite and PostgreSQL
// CONTENTION_ROUNDS (default 2), CONTENTION_PER_REVIEWER (default 3), CONTENTION_DB (postgres).
// The exported functions run INSIDE the bench server (bench/server.js calls them over IPC).
const crypto = require('crypto');
const http = require('http');
const { performance } = require('perf_hooks');

const ME = 'bench/contention.js';
const SETUP = 'bench/lib/setup.js';
const pct = (arr, p) => {
  if (!arr.length) return null;
  const s = [...arr].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const r0 = (n) => (n == null ? null : Math.round(n));

// ------------------------------------------------------------------ in-server probe
let probe = null;

/** Wraps the act path's services to time each part; samples the pool. */
function probeStart(strapi, opts = {}) {
  if (probe) probeStop();
  const knex = strapi.db.connection;
  const svc = (n) => strapi.plugin('ppid').service(n);
  const p = { acts: [], pool: [], restore: [], lockQ: new Map(), tables: new Map() };
  const wrap = (obj, name, fn) => {
    const orig = obj[name];
    obj[name] = fn(orig);
    p.restore.push(() => (obj[name] = orig));
  };
  const cur = () => p.current && p.current.getStore();
  const { AsyncLocalStorage } = require('async_hooks');
  p.current = new AsyncLocalStorage();
  // `legacy`: the act as before issue #17, for back-to-back comparisons in one server: records
  // appended (and the chain lock taken) where the act makes them, bcrypt on the main thread.
  if (opts.legacy) {
    wrap(svc('records'), 'appendingLast', () => (fn) => strapi.db.transaction(() => fn()));
    const env = process.env.PPID_PASSWORD_THREADS;
    process.env.PPID_PASSWORD_THREADS = '0';
    p.restore.push(() => (env === undefined ? delete process.env.PPID_PASSWORD_THREADS : (process.env.PPID_PASSWORD_THREADS = env)));
  }
  wrap(svc('workflow'), 'act', (orig) => async function (...args) {
    const t = { start: performance.now() };
    try {
      return await p.current.run(t, () => orig.apply(this, args));
    } finally {
      t.end = performance.now();
      p.acts.push(t);
    }
  });
  wrap(svc('signing'), 'verifyPassword', (orig) => async function (...args) {
    const t = cur();
    const s = performance.now();
    try {
      return await orig.apply(this, args);
    } finally {
      if (t) t.password = performance.now() - s;
    }
  });
  wrap(svc('records'), 'append', (orig) => async function (...args) {
    const t = cur();
    if (t && !t.appendStart) t.appendStart = performance.now();
    const res = await orig.apply(this, args);
    if (t && !t.registered) {
      t.registered = true;
      await strapi.db.transaction(async ({ onCommit }) => onCommit(() => (t.commit = performance.now())));
    }
    return res;
  });
  const onQuery = (q) => {
    const t = cur();
    if (!t) return;
    if (!t.firstQuery) t.firstQuery = performance.now();
    t.queries = (t.queries || 0) + 1;
    const m = /\b(from|into|update)\s+(?:[`"]?public[`"]?\.)?[`"]?([a-z_0-9]+)/i.exec(q.sql);
    const key = m ? `${m[1].toLowerCase()} ${m[2]}` : q.sql.slice(0, 20);
    p.tables.set(key, (p.tables.get(key) || 0) + 1);
    if (/for update|pg_advisory_xact_lock|get_lock/i.test(q.sql)) p.lockQ.set(q.__knexQueryUid, { t, s: performance.now() });
  };
  const onResp = (_r, q) => {
    const e = p.lockQ.get(q.__knexQueryUid);
    if (!e) return;
    p.lockQ.delete(q.__knexQueryUid);
    if (e.t.lockWait == null) {
      e.t.lockWait = performance.now() - e.s;
      e.t.lockAt = performance.now();
    }
  };
  knex.on('query', onQuery);
  knex.on('query-response', onResp);
  p.restore.push(() => {
    knex.removeListener('query', onQuery);
    knex.removeListener('query-response', onResp);
  });
  const pool = knex.client.pool;
  if (pool && pool.numUsed) {
    const timer = setInterval(() => p.pool.push({ used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() }), 25);
    p.restore.push(() => clearInterval(timer));
  }
  if (process.env.CONTENTION_PROFILE) {
    // A CPU profile of the measured round (chrome devtools format), summarised by probeStop.
    const inspector = require('inspector');
    p.session = new inspector.Session();
    p.session.connect();
    p.session.post('Profiler.enable', () => p.session.post('Profiler.start'));
  }
  probe = p;
  return { ok: true, poolMax: pool && pool.max };
}

/** Self time by function and by package, from a CPU profile. */
function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) || 0) + (dt[i] || 0));
  const fn = new Map();
  const pkg = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id);
    const cf = n.callFrame;
    total += us;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(cf.url);
    const where = cf.url ? (m ? m[1] : cf.url.includes('strapi-plugin-ppid') ? 'ppid' : cf.url.replace(/^.*\//, '')) : '(native)';
    const k = `${cf.functionName || '(anon)'} ${where}:${cf.lineNumber}`;
    fn.set(k, (fn.get(k) || 0) + us);
    pkg.set(where, (pkg.get(where) || 0) + us);
  }
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => `${(us / 1000).toFixed(0)}ms ${name}`);
  return { totalMs: Math.round(total / 1000), byPackage: top(pkg, 15), byFunction: top(fn, 25) };
}

async function probeStop() {
  if (!probe) return null;
  const p = probe;
  probe = null;
  for (const r of p.restore.reverse()) r();
  let profile = null;
  if (p.session) {
    profile = await new Promise((res) => p.session.post('Profiler.stop', (err, r) => res(err ? null : summariseProfile(r.profile))));
    p.session.disconnect();
  }
  const acts = p.acts.filter((a) => a.commit);
  const part = (f) => {
    const v = acts.map(f).filter((x) => x != null && !Number.isNaN(x));
    return { p50: r0(pct(v, 50)), p90: r0(pct(v, 90)), max: r0(pct(v, 100)), mean: r0(v.reduce((a, b) => a + b, 0) / (v.length || 1)) };
  };
  return {
    acts: p.acts.length,
    committed: acts.length,
    totalMs: part((a) => a.end - a.start),
    passwordMs: part((a) => a.password),
    beforeLockMs: part((a) => (a.appendStart ?? a.lockAt) - a.start - (a.password || 0)),
    lockWaitMs: part((a) => a.lockWait),
    lockHeldMs: part((a) => a.commit - a.lockAt),
    afterCommitMs: part((a) => a.end - a.commit),
    profile,
    queriesPerAct: part((a) => a.queries),
    queriesByTable: [...p.tables].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k} ${(v / (p.acts.length || 1)).toFixed(1)}`),
    pool: p.pool.length
      ? { samples: p.pool.length, usedMax: Math.max(...p.pool.map((s) => s.used)), pendingMax: Math.max(...p.pool.map((s) => s.pending)), pendingMean: +(p.pool.reduce((a, s) => a + s.pending, 0) / p.pool.length).toFixed(1), pendingShare: +(p.pool.filter((s) => s.pending > 0).length / p.pool.length).toFixed(2) }
      : null,
  };
}

// ------------------------------------------------------------------ in-server: open runs for tasks
/**
 * `n` open runs of seed 000 spread over 20 units (two levels) and steps, bulk-inserted, plus
 * officers mapped to roles at some units. Returns their logins.
 */
async function seedOpenRuns(strapi, { n }) {
  const knex = strapi.db.connection;
  const dir = strapi.plugin('ppid').service('directory');
  const SOP = 'palaran-publikasi-website';
  const II = 'api::information-item.information-item';
  const sop = await strapi.db.query('plugin::ppid.sop').findOne({ where: { code: SOP }, orderBy: { version: 'desc' } });
  const steps = sop.definition.steps;
  const parent = await dir.ensureUnit({ code: 'T-KOTA', name: 'Kota Bench' });
  const units = [];
  for (let u = 0; u < 20; u++) units.push(await dir.ensureUnit({ code: `T-U${u}`, name: `Kecamatan Bench ${u}`, parent: parent.id }));
  let nip = 500;
  const people = [];
  const person = async (key, sopRole, unitId) => {
    const role = await dir.ensureRole(`tasks:${key}`);
    const email = `${key}.tasks@example.go.id`;
    const password = `Rahasia-${key}-123`;
    const user = await dir.ensureUser({ email, firstname: sopRole, lastname: key, password, roles: [role.id] });
    await dir.ensureOfficial({ nama: `${sopRole} ${key}`, nip: `1980050720050110${nip++}`.slice(0, 18), jabatan: sopRole, unit: unitId, user: user.id });
    await dir.mapRole(SOP, sopRole, role.id, unitId);
    people.push({ email, password, role: sopRole, unitId });
  };
  await person('camat3', 'camat', units[3].id);
  await person('kasi5', 'kasubbag-kasi', units[5].id);
  await person('sek7', 'sekretaris', units[7].id);
  await person('staf-kota', 'staf', parent.id); // a mapping at the parent covers all 20 units
  const runTable = strapi.db.metadata.get('plugin::ppid.run');
  const sopLink = runTable.attributes.sop.joinTable;
  const unitLink = runTable.attributes.unit.joinTable;
  const now = Date.now();
  const rows = [];
  for (let i = 0; i < n; i++) {
    const step = 1 + (i % steps.length);
    const due = new Date(now + ((i % 97) - 20) * 3600 * 1000).toISOString();
    const state = {
      status: 'in_progress',
      version: step,
      currentStep: step,
      fastTrack: false,
      contentHash: crypto.createHash('sha256').update(String(i)).digest('hex'),
      steps: steps.map((s, k) => ({ number: k + 1, status: k + 1 < step ? 'done' : k + 1 === step ? 'active' : 'pending', startedAt: null, endedAt: null, dueAt: k + 1 === step ? due : null, actorId: null, comment: null })),
    };
    rows.push({
      document_id: crypto.randomBytes(12).toString('hex'),
      item_uid: II,
      item_document_id: crypto.randomBytes(12).toString('hex'),
      item_title: `Item tugas ${i}`,
      active_key: `bench-open-${i}-${crypto.randomBytes(4).toString('hex')}`,
      sop_code: SOP,
      sop_version: sop.version,
      status: 'in_progress',
      current_step: step,
      current_role: steps[step - 1].role,
      step_deadline: due,
      lock: step,
      state: JSON.stringify(state),
      classification: 'setiap_saat',
      fast_track: false,
      started_at: new Date(now).toISOString(),
      created_at: new Date(now).toISOString(),
      updated_at: new Date(now).toISOString(),
    });
  }
  const ids = [];
  for (let i = 0; i < rows.length; i += 500) {
    const got = await knex(runTable.tableName).insert(rows.slice(i, i + 500), ['id']);
    ids.push(...got.map((g) => (typeof g === 'object' ? g.id : g)));
  }
  const links = (join, target) => ids.map((id, i) => ({ [join.joinColumn.name]: id, [join.inverseJoinColumn.name]: target(i) }));
  for (let i = 0; i < ids.length; i += 1000) {
    await knex(sopLink.name).insert(links(sopLink, () => sop.id).slice(i, i + 1000));
    await knex(unitLink.name).insert(links(unitLink, (k) => units[k % units.length].id).slice(i, i + 1000));
  }
  if (strapi.db.dialect.client !== 'mysql') await knex.raw('ANALYZE');
  return { people, open: ids.length };
}

// ------------------------------------------------------------------ driver
function request(base, method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body ? JSON.stringify(body) : null;
    const req = http.request(base + urlPath, { method, headers: { 'content-type': 'application/json', ...(data ? { 'content-length': Buffer.byteLength(data) } : {}), ...headers }, timeout: 120000 }, (res) => {
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

async function pgSampler(dbEnv) {
  const { Client } = require('pg');
  const c = new Client({ host: dbEnv.DATABASE_HOST, port: Number(dbEnv.DATABASE_PORT), user: dbEnv.DATABASE_USERNAME, password: dbEnv.DATABASE_PASSWORD, database: dbEnv.DATABASE_NAME });
  await c.connect();
  const samples = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const r = await c.query(`select state, wait_event_type from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [dbEnv.DATABASE_NAME]);
      samples.push({
        lockWait: r.rows.filter((x) => x.wait_event_type === 'Lock').length,
        idleInTx: r.rows.filter((x) => x.state === 'idle in transaction').length,
        active: r.rows.filter((x) => x.state === 'active').length,
        total: r.rows.length,
      });
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  return async () => {
    on = false;
    await loop;
    await c.end();
    const mean = (f) => +(samples.reduce((a, s) => a + f(s), 0) / (samples.length || 1)).toFixed(1);
    return { samples: samples.length, lockWaitMean: mean((s) => s.lockWait), lockWaitMax: Math.max(0, ...samples.map((s) => s.lockWait)), idleInTxMean: mean((s) => s.idleInTx), activeMean: mean((s) => s.active), connectionsMax: Math.max(0, ...samples.map((s) => s.total)) };
  };
}

async function acts() {
  const { startServer, baseEnv } = require('./lib/child');
  const { createDatabase } = require('./lib/db');
  const client = process.env.CONTENTION_DB || 'postgres';
  const rounds = Number(process.env.CONTENTION_ROUNDS || 2);
  const per = Number(process.env.CONTENTION_PER_REVIEWER || 3);
  const reviewers = 20;
  const db = await createDatabase(client);
  const server = await startServer({ ...baseEnv(), ...db.env, ...(process.env.CONTENTION_POOL_MAX ? { DATABASE_POOL_MAX: process.env.CONTENTION_POOL_MAX } : {}) });
  const out = { db: client, reviewers, perReviewer: per, rounds, governed: [], plain: [] };
  try {
    const t = performance.now();
    const crowd = await server.call(SETUP, 'seedActs', { reviewers: reviewers + 1, perReviewer: per * rounds, single: 1 });
    const plain = await server.call(SETUP, 'seedPlainPublish', { n: reviewers * per * rounds });
    console.error(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    const login = async (email, password) => {
      const r = await request(server.url, 'POST', '/admin/login', { email, password });
      if (r.status !== 200) throw new Error(`login ${email}: ${r.status}`);
      return r.body.data.token;
    };
    const lanes = crowd.slice(1);
    for (const rv of lanes) rv.token = await login(rv.email, rv.password);
    const admin = await login(plain.email, plain.password);
    const docs = [...plain.documentIds];
    const sign = (rv, id) => request(server.url, 'POST', `/ppid/runs/${id}/acts`, { act: 'approve', password: rv.password, confirmIntent: true }, { Authorization: `Bearer ${rv.token}` });
    const publish = (d) => request(server.url, 'POST', `/content-manager/collection-types/api::plain-item.plain-item/${d}/actions/publish`, {}, { Authorization: `Bearer ${admin}` });
    const par = async (jobsPerLane) => {
      const lat = [];
      const t0 = performance.now();
      await Promise.all(
        jobsPerLane.map(async (jobs) => {
          for (const job of jobs) {
            const s = performance.now();
            const r = await job();
            lat.push(performance.now() - s);
            if (r.status !== 200) throw new Error(`answer ${r.status}: ${JSON.stringify(r.body).slice(0, 400)}`);
          }
        })
      );
      const wall = performance.now() - t0;
      return { n: lat.length, perSecond: +(lat.length / (wall / 1000)).toFixed(2), p50: r0(pct(lat, 50)), p99: r0(pct(lat, 99)), max: r0(pct(lat, 100)) };
    };
    const alternate = process.env.CONTENTION_ALTERNATE === '1';
    for (let round = 0; round < rounds; round++) {
      const legacy = alternate && round % 2 === 0;
      const stopPg = client === 'postgres' ? await pgSampler(db.env) : null;
      await server.call(ME, 'probeStart', { legacy });
      const g = await par(lanes.map((rv) => rv.runs.slice(round * per, (round + 1) * per).map((id) => () => sign(rv, id))));
      g.server = await server.call(ME, 'probeStop');
      if (stopPg) g.pg = await stopPg();
      const p = await par(lanes.map(() => docs.splice(0, per).map((d) => () => publish(d))));
      g.legacy = legacy;
      out.governed.push(g);
      out.plain.push(p);
      console.error(`round ${round + 1}${legacy ? ' (legacy: lock taken at the first record, bcrypt on the main thread)' : ''}: governed ${g.perSecond}/s p50 ${g.p50} p99 ${g.p99} | plain ${p.perSecond}/s p50 ${p.p50} p99 ${p.p99} | ratio ${(g.perSecond / p.perSecond).toFixed(2)}`);
      console.error(`  server: ${JSON.stringify(g.server)}${g.pg ? `\n  pg: ${JSON.stringify(g.pg)}` : ''}`);
    }
    const v = await server.call(SETUP, 'verifyChains');
    out.chainOk = v.ok;
    out.ratios = out.governed.map((g, i) => +(g.perSecond / out.plain[i].perSecond).toFixed(2));
    console.error(`chain ok ${v.ok}; ratios ${out.ratios.join(', ')}`);
  } finally {
    await server.stop();
    await db.drop();
  }
  return out;
}

async function tasks() {
  const { startServer, baseEnv } = require('./lib/child');
  const { createDatabase } = require('./lib/db');
  const client = process.env.CONTENTION_DB || 'postgres';
  const n = Number(process.env.CONTENTION_OPEN_RUNS || 10000);
  const db = await createDatabase(client);
  const server = await startServer({ ...baseEnv(), ...db.env });
  const out = { db: client, openRuns: n, people: [] };
  try {
    const seed = await server.call(ME, 'seedOpenRuns', { n });
    for (const p of seed.people) {
      const r = await request(server.url, 'POST', '/admin/login', { email: p.email, password: p.password });
      if (r.status !== 200) throw new Error(`login ${p.email}: ${r.status}`);
      const token = r.body.data.token;
      const lat = [];
      let count = null;
      for (let i = 0; i < Number(process.env.CONTENTION_TASK_REQUESTS || 7); i++) {
        const s = performance.now();
        const a = await request(server.url, 'GET', '/ppid/tasks', null, { Authorization: `Bearer ${token}` });
        lat.push(performance.now() - s);
        if (a.status !== 200) throw new Error(`tasks ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
        count = a.body.data.length;
      }
      const row = { role: p.role, tasks: count, p50: r0(pct(lat, 50)), max: r0(pct(lat, 100)), ...(await server.call(ME, 'timeTasks', p.email)) };
      out.people.push(row);
      console.error(`tasks for ${p.role}: ${count} tasks, p50 ${row.p50} ms (max ${row.max}); service alone p50 ${row.serviceP50} ms, ${row.queriesPerCall} queries`);
    }
  } finally {
    await server.stop();
    await db.drop();
  }
  return out;
}

async function boot() {
  const { startServer, baseEnv } = require('./lib/child');
  const { createDatabase } = require('./lib/db');
  const clients = (process.env.CONTENTION_BOOT_DBS || 'sqlite,postgres').split(',');
  const times = Number(process.env.CONTENTION_BOOTS || 5);
  const out = {};
  for (const client of clients) {
    const dbs = {};
    for (const enabled of ['false', 'true']) {
      dbs[enabled] = await createDatabase(client);
      const first = await startServer({ ...baseEnv(), ...dbs[enabled].env, PPID_ENABLED: enabled });
      await first.stop();
    }
    const t = { false: [], true: [] };
    try {
      for (let i = 0; i < times; i++) {
        for (const enabled of i % 2 ? ['true', 'false'] : ['false', 'true']) {
          const s = await startServer({ ...baseEnv(), ...dbs[enabled].env, PPID_ENABLED: enabled });
          t[enabled].push(s.bootMs);
          await s.stop();
        }
      }
    } finally {
      for (const d of Object.values(dbs)) await d.drop();
    }
    const plain = pct(t.false, 50);
    const withPlugin = pct(t.true, 50);
    out[client] = { plainMs: r0(plain), pluginMs: r0(withPlugin), overhead: +((withPlugin / plain - 1) * 100).toFixed(1), plainAll: t.false.map(r0), pluginAll: t.true.map(r0) };
    console.error(`boot ${client}: plain ${r0(plain)} ms, with plugin ${r0(withPlugin)} ms (+${out[client].overhead} %) ${JSON.stringify(out[client])}`);
  }
  return out;
}

/**
 * A CPU profile of one warm boot, in this process (CONTENTION_BOOT_ENABLED=false for plain
 * Strapi): the first boot creates the schema, the second is profiled.
 */
async function bootProfile() {
  const path = require('path');
  const { baseEnv, ROOT } = require('./lib/child');
  const { createDatabase } = require('./lib/db');
  const db = await createDatabase(process.env.CONTENTION_DB || 'sqlite');
  Object.assign(process.env, baseEnv(), db.env, { PPID_ENABLED: process.env.CONTENTION_BOOT_ENABLED || 'true' });
  process.chdir(ROOT);
  const { createStrapi } = require('@strapi/strapi');
  const boot = async () => {
    const app = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
    require('./lib/plain-item').registerPlainItem(app);
    await app.load();
    return app;
  };
  await (await boot()).destroy();
  const inspector = require('inspector');
  const session = new inspector.Session();
  session.connect();
  await new Promise((res) => session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start', res))));
  const t = performance.now();
  const app = await boot();
  const ms = performance.now() - t;
  const prof = await new Promise((res) => session.post('Profiler.stop', (err, r) => res(summariseProfile(r.profile))));
  await app.destroy();
  await db.drop();
  return { bootMs: Math.round(ms), profile: prof };
}

/** In the server: the task list without HTTP (the service alone), and the queries it makes. */
async function timeTasks(strapi, email) {
  const user = await strapi.db.query('admin::user').findOne({ where: { email } });
  const knex = strapi.db.connection;
  let queries = 0;
  const count = () => queries++;
  knex.on('query', count);
  const lat = [];
  try {
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await strapi.plugin('ppid').service('workflow').tasks(user.id);
      lat.push(performance.now() - t);
    }
  } finally {
    knex.removeListener('query', count);
  }
  return { serviceP50: r0(pct(lat, 50)), queriesPerCall: queries / 5 };
}

module.exports = { probeStart, probeStop, seedOpenRuns, timeTasks };

if (require.main === module) {
  const what = process.argv[2];
  const fn = { acts, tasks, boot, 'boot-profile': bootProfile }[what];
  if (!fn) {
    console.error('usage: node bench/contention.js acts|tasks|boot');
    process.exit(2);
  }
  fn()
    .then((r) => {
      console.log(JSON.stringify(r, null, 1));
      process.exit(0);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
