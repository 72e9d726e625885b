import type { Core } from '@strapi/strapi';
import { rateVerdict, windowStart, type RateLimit, type RateLimitBucket } from '../../core/requests';
import { track } from '../../platform/background';
import { RATE_LIMITS_TABLE } from '../tables';

type Knex = Core.Strapi['db']['connection'];

/**
 * Adds one to the counter of (bucket, address, window) and returns the new count, in ONE
 * statement, so that concurrent requests on any number of instances each get their own count:
 * PostgreSQL and SQLite (3.35+) `INSERT … ON CONFLICT DO UPDATE … RETURNING`; MySQL/MariaDB
 * `INSERT … ON DUPLICATE KEY UPDATE count = LAST_INSERT_ID(count + 1)`, whose new value comes
 * back as the statement's insert id (0 when the row was inserted: the count is then 1).
 */
export async function incrementCounter(knex: Knex, client: string, bucket: string, address: string, start: number): Promise<number> {
  const t = RATE_LIMITS_TABLE;
  if (['mysql', 'mysql2', 'mariadb'].includes(client)) {
    const [res] = await knex.raw(
      `INSERT INTO \`${t}\` (bucket, address, window_start, count) VALUES (?, ?, ?, 1) ON DUPLICATE KEY UPDATE count = LAST_INSERT_ID(count + 1)`,
      [bucket, address, start]
    );
    return Number(res?.insertId) || 1;
  }
  const res = await knex.raw(
    `INSERT INTO "${t}" (bucket, address, window_start, count) VALUES (?, ?, ?, 1)
     ON CONFLICT (bucket, address, window_start) DO UPDATE SET count = "${t}".count + 1 RETURNING count`,
    [bucket, address, start]
  );
  const row = Array.isArray(res) ? res[0] : res?.rows?.[0];
  return Number(row?.count);
}

const PRUNE_EVERY_MS = 60_000;

/**
 * The per-address limits of the public request doors (docs/requests.md, "Abuse"), counted in
 * the database so that they hold across app instances. Ended windows are deleted now and then
 * on a write (at most once a minute per instance, not awaited by the request).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let lastPrune = 0;
  const client = () => strapi.db.dialect.client as string;

  const self = {
    /** Counts one request of `address` at `bucket`; ok, or how long to wait. */
    async hit(bucket: RateLimitBucket, address: string, limit: RateLimit, at: Date) {
      const start = windowStart(at, limit.windowSeconds);
      const count = await incrementCounter(strapi.db.connection, client(), bucket, address.slice(0, 64), start);
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        track(self.prune(at).catch((e) => strapi.log.warn(`[ppid] rate limits: prune: ${(e as Error).message}`)));
      }
      return { count, windowStart: start, ...rateVerdict(count, limit, at, start) };
    },

    /** Deletes the counters of every window that has ended at `at` (per bucket: its own window length). */
    async prune(at: Date): Promise<number> {
      const limits = (strapi.plugin('ppid').service('requests') as { settings(): { rateLimit: Record<string, RateLimit | null> } }).settings().rateLimit;
      let deleted = 0;
      for (const [bucket, limit] of Object.entries(limits)) {
        const current = windowStart(at, limit?.windowSeconds ?? 1);
        deleted += Number(await strapi.db.connection(RATE_LIMITS_TABLE).where({ bucket }).andWhere('window_start', '<', current).del());
      }
      return deleted;
    },
  };
  return self;
};
