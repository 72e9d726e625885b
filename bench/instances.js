#!/usr/bin/env node
// Bench case: public read throughput through nginx with ONE app instance and with THREE
// instances on one PostgreSQL (docs/deployment.md). Both nginx front ends run side by side in
// front of the same database and rows, and the two arms are measured alternately, several rounds
// each; the report gives the median and the spread (min–max). Any non-2xx answer or error aborts
// the case with the first bad answer printed: nothing invalid is reported.
//
//   node bench/instances.js              full run (writes bench/results/instances.json)
//   BENCH_QUICK=1 node bench/instances.js   a short run (not written)
//   require('./bench/instances').run({ log }) from another harness (returns the result object)
//
// Needs PostgreSQL (as the rest of the bench) and nginx (`apt-get install nginx-light`).
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const autocannon = require('autocannon');
const { startServer, baseEnv, ROOT } = require('./lib/child');
const { createDatabase } = require('./lib/db');
const { startNginx } = require('./lib/nginx');

const QUICK = process.env.BENCH_QUICK === '1';
const CFG = {
  rows: Number(process.env.BENCH_INSTANCES_ROWS || (QUICK ? 500 : 2000)),
  connections: Number(process.env.BENCH_INSTANCES_CONNECTIONS || 24),
  durationS: Number(process.env.BENCH_INSTANCES_DURATION || (QUICK ? 3 : 8)),
  rounds: Number(process.env.BENCH_INSTANCES_ROUNDS || (QUICK ? 2 : 3)),
};
const SETUP = 'bench/lib/setup.js';

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, body, upstream: res.headers['x-upstream'] }));
      })
      .on('error', reject);
  });
}

/** One measured run; throws on the first non-2xx answer or error (printed). */
function cannon(url, paths, durationS) {
  let i = 0;
  let firstBad = null;
  return new Promise((resolve, reject) => {
    const inst = autocannon(
      {
        url,
        connections: CFG.connections,
        duration: durationS,
        requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
      },
      (err, r) => {
        if (err) return reject(err);
        if (r.non2xx || r.errors || r.timeouts) {
          return reject(new Error(`invalid run on ${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; first bad answer: ${firstBad ?? '(a connection error)'}`));
        }
        resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total });
      }
    );
    inst.on('response', (client, statusCode, bytes, responseTime) => {
      if (statusCode >= 300 && !firstBad) firstBad = `HTTP ${statusCode}`;
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function run({ log = console.log } = {}) {
  const loadAvgAtStart = os.loadavg().map((x) => Number(x.toFixed(2)));
  const env = { ...baseEnv(), TRUST_PROXY: 'true' }; // one set of secrets for every instance: a token from one is valid on all
  const db = await createDatabase('postgres');
  const servers = [];
  const fronts = [];
  try {
    log(`instances: booting instance 1 and seeding ${CFG.rows} published items`);
    servers.push(await startServer({ ...env, ...db.env }));
    const seed = await servers[0].call(SETUP, 'seedReads', { n: CFG.rows });
    log('instances: booting instances 2 and 3');
    servers.push(...(await Promise.all([startServer({ ...env, ...db.env }), startServer({ ...env, ...db.env })])));
    const addr = (s) => `127.0.0.1:${s.port}`;
    const one = await startNginx([addr(servers[0])]);
    fronts.push(one);
    const three = await startNginx(servers.map(addr));
    fronts.push(three);

    const base = '?pagination[pageSize]=25&populate[unit][fields][0]=name&sort=publishedAt:desc';
    const paths = [
      `/api/information-items${base}`,
      `/api/information-items${base}&pagination[page]=3`,
      `/api/information-items${base}&filters[classification][$eq]=berkala`,
      ...seed.sample.slice(0, 5).map((d) => `/api/information-items/${d}?populate=unit`),
    ];
    // The setup is real: every path answers 200 with data, and the three-instance front spreads.
    const upstreams = new Set();
    for (const p of paths) {
      for (const front of [one, three]) {
        const r = await get(front.url + p);
        if (r.status !== 200 || !JSON.parse(r.body).data) throw new Error(`instances: ${front.url}${p} answered ${r.status}: ${r.body.slice(0, 300)}`);
        if (front === three) upstreams.add(r.upstream);
      }
    }
    for (let k = 0; k < 6; k++) upstreams.add((await get(three.url + paths[0])).upstream);
    if (upstreams.size !== 3) throw new Error(`instances: nginx reached ${upstreams.size} instance(s), not 3`);

    // Warm both, then alternate the arms.
    await cannon(one.url, paths, 2);
    await cannon(three.url, paths, 2);
    const arms = { one: [], three: [] };
    for (let r = 0; r < CFG.rounds; r++) {
      for (const [name, front] of r % 2 ? [['three', three], ['one', one]] : [['one', one], ['three', three]]) {
        const m = await cannon(front.url, paths, CFG.durationS);
        arms[name].push(m);
        log(`  round ${r + 1} ${name === 'one' ? '1 instance ' : '3 instances'}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms`);
      }
    }
    const summary = (ms) => ({
      rps: median(ms.map((m) => m.rps)),
      rpsMin: Math.min(...ms.map((m) => m.rps)),
      rpsMax: Math.max(...ms.map((m) => m.rps)),
      p50: median(ms.map((m) => m.p50)),
      p99: median(ms.map((m) => m.p99)),
      requests: ms.reduce((a, m) => a + m.total, 0),
    });
    const result = {
      date: new Date().toISOString(),
      quick: QUICK,
      machine: { cpus: os.cpus().length, loadAvgAtStart, loadAvgAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))), memGiB: Math.round(os.totalmem() / 2 ** 30) },
      config: { ...CFG, nginxWorkers: 1, database: 'postgres', paths },
      one: summary(arms.one),
      three: summary(arms.three),
      rounds: arms,
    };
    result.ratio = result.three.rps / result.one.rps;
    result.meaning =
      `${result.machine.cpus} CPU cores run everything here: PostgreSQL, nginx, the load generator and every app instance. ` +
      'Three instances can only use the cores one instance leaves idle (Node runs JavaScript on one core per process), so on this machine ' +
      'the ratio measures how much of the second core a single instance left unused, minus the cost of three processes competing for two cores. ' +
      'It is not a prediction for a host with a core per instance, where reads scale until PostgreSQL or the network is the limit.';
    log(
      `instances: 1 instance ${result.one.rps.toFixed(0)} req/s (${result.one.rpsMin.toFixed(0)}–${result.one.rpsMax.toFixed(0)}), ` +
        `3 instances ${result.three.rps.toFixed(0)} req/s (${result.three.rpsMin.toFixed(0)}–${result.three.rpsMax.toFixed(0)}), ×${result.ratio.toFixed(2)}`
    );
    return result;
  } finally {
    for (const f of fronts) await f.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
  }
}

function markdown(r) {
  const f = (n) => n.toFixed(0);
  return [
    `## Public reads through nginx: one instance and three (PostgreSQL, ${r.config.rows} items, ${r.config.connections} connections, ${r.config.rounds} rounds of ${r.config.durationS} s per arm, alternated)`,
    '',
    '| front | req/s median (min–max) | p50 ms | p99 ms |',
    '|---|---|---|---|',
    `| nginx → 1 instance | ${f(r.one.rps)} (${f(r.one.rpsMin)}–${f(r.one.rpsMax)}) | ${r.one.p50} | ${r.one.p99} |`,
    `| nginx → 3 instances | ${f(r.three.rps)} (${f(r.three.rpsMin)}–${f(r.three.rpsMax)}) | ${r.three.p50} | ${r.three.p99} |`,
    '',
    `Three instances ×${r.ratio.toFixed(2)} of one. Machine: ${r.machine.cpus} cores, load average ${r.machine.loadAvgAtStart[0]} at the start and ${r.machine.loadAvgAtEnd[0]} at the end (above ${r.machine.cpus}: other work shared the cores, and the absolute numbers say more about that than about the product). ${r.meaning}`,
    '',
  ].join('\n');
}

if (require.main === module) {
  run()
    .then((r) => {
      const md = markdown(r);
      console.log(`\n${md}`);
      if (!QUICK) {
        fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
        fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'instances.json'), `${JSON.stringify(r, null, 2)}\n`);
        fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'instances.md'), md);
      }
    })
    .catch((e) => {
      console.error(e.stack || e);
      process.exit(1);
    });
}

module.exports = { run, markdown };
