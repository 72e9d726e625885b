import path from 'path';
import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import type { TestApp } from './strapi';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Boots a second Strapi against the SAME database as `app` (process.env still holds its
 * connection settings), as a second app instance behind a load balancer would be. It is
 * loaded but not mounted (no HTTP). Strapi keeps the last created instance in `global.strapi`,
 * so that is pointed back at the first one.
 */
export async function startSecondInstance(app: TestApp): Promise<{ strapi: Core.Strapi; stop(): Promise<void> }> {
  const second = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  (global as any).strapi = app.strapi;
  return {
    strapi: second,
    async stop() {
      await second.destroy();
      (global as any).strapi = app.strapi;
    },
  };
}
