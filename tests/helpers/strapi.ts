import fs from 'fs';
import os from 'os';
import path from 'path';
import crypto from 'crypto';
import request from 'supertest';
import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { createTestDatabase, TestDatabase } from './database';

const ROOT = path.resolve(__dirname, '..', '..');

export type TestApp = {
  strapi: Core.Strapi;
  db: TestDatabase;
  http: () => ReturnType<typeof request>;
  stop(): Promise<void>;
};

const secret = () => crypto.randomBytes(16).toString('base64');

export type StartOptions = {
  /** Boot on this database instead of a fresh one (a restart); stop() then keeps it. */
  db?: TestDatabase;
  /** Keep the database when stopping (to boot on it again). */
  keepDb?: boolean;
  /** Merged over `ppid.config` of the app's config/plugins.ts, as a host would write it. */
  ppidConfig?: Record<string, unknown>;
};

/**
 * The app's compiled config with `ppid.config` overridden: Strapi reads config/plugins.js again
 * while loading plugins, from strapi.dirs.dist.config, so a copy of the folder is pointed at.
 */
function configDirWith(ppidConfig: Record<string, unknown>): string {
  const src = path.join(ROOT, 'dist', 'config');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-config-'));
  for (const f of fs.readdirSync(src)) if (f.endsWith('.js')) fs.copyFileSync(path.join(src, f), path.join(dir, f));
  fs.writeFileSync(
    path.join(dir, 'plugins.js'),
    `const base = require(${JSON.stringify(path.join(src, 'plugins.js'))});
const f = base.default ?? base;
module.exports = (ctx) => {
  const c = typeof f === 'function' ? f(ctx) : f;
  return { ...c, ppid: { ...(c.ppid || {}), config: { ...((c.ppid && c.ppid.config) || {}), ...${JSON.stringify(ppidConfig)} } } };
};
`
  );
  return dir;
}

/** Boots a real Strapi (compiled by the jest global setup) on a fresh database. */
export async function startApp(extraEnv: Record<string, string> = {}, opts: StartOptions = {}): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase());
  const keepDb = !!opts.db || !!opts.keepDb;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    STARTUP_MESSAGE: 'false',
    // Tests ask for what they need: no demo body, a signing key created in ./keys if missing.
    PPID_DEMO_SEED: 'false',
    PPID_DEV_KEYS: 'true',
    ...db.env,
    ...extraEnv,
  });
  const instance = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  if (opts.ppidConfig) (instance.dirs.dist as { config: string }).config = configDirWith(opts.ppidConfig);
  // PPID_TEST_FIXTURES=plain-item: the ungoverned baseline type `api::plain-item.plain-item`
  // (bench/lib/plain-item.js), a fixture registered on this test's instances only, never part of the app.
  if (process.env.PPID_TEST_FIXTURES?.split(',').includes('plain-item')) require('../../bench/lib/plain-item').registerPlainItem(instance);
  // The bench's same-indexes copy: a test that boots bench servers beside this app names it, so
  // that this app creates every table first (servers booting together would race to create it).
  if (process.env.PPID_TEST_FIXTURES?.split(',').includes('indexed-item')) require('../../bench/lib/plain-item').registerIndexedItem(instance);
  let strapi: Core.Strapi;
  try {
    strapi = await instance.load();
  } catch (e) {
    // A boot that fails (e.g. a bad plugin config) must not leave its pool or database behind.
    await instance.destroy().catch(() => undefined);
    if (!keepDb) await db.drop().catch(() => undefined);
    throw e;
  }
  strapi.server.mount();
  const httpServer = strapi.server.httpServer;
  return {
    strapi,
    db,
    http: () => request(httpServer),
    async stop() {
      // Strapi emits document events (entry.*) after the commit, without awaiting them: let the
      // last ones finish before the pool closes (else their query waits for a closed pool).
      await new Promise((r) => setTimeout(r, 250));
      await strapi.destroy();
      if (!keepDb) await db.drop();
    },
  };
}
