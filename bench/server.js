#!/usr/bin/env node
// One benchmark (or hardening-test) Strapi: boots the compiled app (dist/) against the database
// in its environment, listens on 127.0.0.1:PORT only, and answers calls from its parent over IPC
// ({ type: 'call', id, module, fn, args } -> require(module)[fn](strapi, ...args)). It reports
// { type: 'ready', bootMs, port } when it serves requests.
const path = require('path');
const { performance } = require('perf_hooks');

const ROOT = path.resolve(__dirname, '..');

async function main() {
  process.chdir(ROOT);
  const t0 = performance.now();
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  // The baseline types live in the bench, not in the app (bench/lib/plain-item.js); the boot case
  // measures the app as shipped (BENCH_NO_FIXTURES=1).
  if (process.env.BENCH_NO_FIXTURES !== '1') {
    const fixtures = require('./lib/plain-item');
    fixtures.registerPlainItem(app);
    fixtures.registerIndexedItem(app);
  }
  const strapi = await app.load();
  strapi.server.mount();
  const port = Number(process.env.PORT || 0);
  await new Promise((resolve, reject) => {
    strapi.server.httpServer.once('error', reject);
    strapi.server.httpServer.listen(port, '127.0.0.1', resolve);
  });
  const bootMs = performance.now() - t0;
  const actual = strapi.server.httpServer.address().port;
  const send = (m) => process.send && process.send(m);

  process.on('message', async (m) => {
    if (!m || m.type !== 'call') return;
    try {
      const mod = require(path.resolve(ROOT, m.module));
      const result = await mod[m.fn](strapi, ...(m.args || []));
      send({ type: 'result', id: m.id, result });
    } catch (e) {
      send({ type: 'result', id: m.id, error: String((e && e.stack) || e) });
    }
  });
  process.on('SIGTERM', async () => {
    try {
      await strapi.destroy();
    } finally {
      process.exit(0);
    }
  });
  send({ type: 'ready', bootMs, port: actual, memory: process.memoryUsage().rss });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
