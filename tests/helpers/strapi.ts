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

/** Boots a real Strapi (compiled by the jest global setup) on a fresh database. */
export async function startApp(extraEnv: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
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
  const created = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  // PPID_TEST_FIXTURES=plain-item: the ungoverned baseline type `api::plain-item.plain-item`
  // (bench/lib/plain-item.js), a fixture registered on this test's instances only, never part of the app.
  if (process.env.PPID_TEST_FIXTURES?.split(',').includes('plain-item')) require('../../bench/lib/plain-item').registerPlainItem(created);
  const strapi = await created.load();
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
      await db.drop();
    },
  };
}
