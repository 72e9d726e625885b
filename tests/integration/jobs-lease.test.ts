import { startApp, TestApp } from '../helpers/strapi';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance';
import { mysqlLockName, pgLockKeys } from '../../packages/strapi-plugin-ppid/server/src/core/jobs';

// The background jobs' lease (platform/services/jobs.ts, issue #17): every job scheduled through
// scheduleJob runs once per interval across app instances. On every engine: one run per slot and
// no overlap on one instance; on PostgreSQL and MariaDB the job's lock held elsewhere keeps a run
// from starting ('busy'); on PostgreSQL two real instances fire the same slots at once and each
// slot runs exactly once. tests/integration/instances.test.ts runs the real cron on three.
const ENGINE = process.env.DATABASE_CLIENT || 'sqlite';
const HAS_LOCK = ENGINE === 'postgres' || ENGINE === 'mysql';

let app: TestApp;
const jobs = () => app.strapi.plugin('ppid').service('jobs');
let runs = 0;
const slot = (i: number) => new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString();

beforeAll(async () => {
  app = await startApp();
  jobs().register('leaseProbe', async () => {
    runs++;
    await new Promise((r) => setTimeout(r, 300));
  });
});
afterAll(async () => {
  await app?.stop();
});

it('one run per slot; a second call for a slot already run is refused; no overlap on one instance', async () => {
  expect(await jobs().fire('leaseProbe', slot(1))).toBe('ran');
  expect(await jobs().fire('leaseProbe', slot(1))).toBe('done');
  expect(await jobs().fire('leaseProbe', slot(0))).toBe('done'); // older than the last run
  const both = await Promise.all([jobs().fire('leaseProbe', slot(2)), jobs().fire('leaseProbe', slot(3))]);
  expect(both).toEqual(['ran', 'overlap']);
  expect(runs).toBe(2);
  const row = await app.strapi.db.query('plugin::ppid.counter').findOne({ where: { name: 'job:leaseProbe' } });
  expect(Number(row.value)).toBe(Date.parse(slot(2)));
  expect(jobs().history('leaseProbe').map((r: any) => r.outcome)).toEqual(['ran', 'done', 'done', 'overlap', 'ran']);
});

it('a failed run is logged, not thrown, and the next slot runs', async () => {
  jobs().register('leaseFails', async () => {
    throw new Error('boom');
  });
  expect(await jobs().fire('leaseFails', slot(1))).toBe('failed');
  jobs().register('leaseFails', async () => undefined);
  expect(await jobs().fire('leaseFails', slot(2))).toBe('ran');
});

it('a ppid job added with strapi.cron.add directly (as a service may do) runs under the lease too', async () => {
  let n = 0;
  app.strapi.cron.add({ ppidLeaseDirect: { task: async () => void n++, options: { rule: '0 0 1 1 *' } } } as any);
  try {
    expect(jobs().registered()).toContain('ppidLeaseDirect');
    expect(await jobs().fire('ppidLeaseDirect', slot(40))).toBe('ran');
    expect(await jobs().fire('ppidLeaseDirect', slot(40))).toBe('done');
    // The cron runner's own invocation goes through the lease as well (a recorded outcome).
    const job = (app.strapi.cron.jobs as any[]).find((j) => j.name === 'ppidLeaseDirect');
    await job.job.invoke();
    expect(jobs().history('ppidLeaseDirect').map((r: any) => r.outcome)).toEqual(['ran', 'done', 'done']);
    expect(n).toBe(1);
  } finally {
    app.strapi.cron.remove('ppidLeaseDirect');
  }
});

if (HAS_LOCK) it('the lock held by another connection (another instance) keeps the run from starting', async () => {
  const knex: any = app.strapi.db.connection;
  const conn = await knex.client.acquireConnection();
  try {
    if (ENGINE === 'postgres') await knex.raw('SELECT pg_advisory_lock(?, ?)', pgLockKeys('leaseProbe')).connection(conn);
    else await knex.raw('SELECT GET_LOCK(?, 5)', [mysqlLockName(knex.client.database(), 'leaseProbe')]).connection(conn);
    expect(await jobs().fire('leaseProbe', slot(10))).toBe('busy');
    expect(runs).toBe(2);
  } finally {
    if (ENGINE === 'postgres') await knex.raw('SELECT pg_advisory_unlock(?, ?)', pgLockKeys('leaseProbe')).connection(conn);
    else await knex.raw('SELECT RELEASE_LOCK(?)', [mysqlLockName(knex.client.database(), 'leaseProbe')]).connection(conn);
    await knex.client.releaseConnection(conn);
  }
  // The slot was not claimed while busy: it runs once the lock is free.
  expect(await jobs().fire('leaseProbe', slot(10))).toBe('ran');
  expect(runs).toBe(3);
});

if (ENGINE === 'postgres') describe('two instances on one PostgreSQL', () => {
  let second: SecondInstance;
  beforeAll(async () => {
    second = await startSecondInstance();
    // The real jobs of both instances (cron rules of every minute and 07:00, registered under the lease).
    await second.service('reminders', 'schedule');
    await app.strapi.plugin('ppid').service('reminders').schedule();
  });
  afterAll(async () => {
    await second?.stop();
  });

  it('both fire the same slots at once: each slot runs exactly once', async () => {
    const ran: string[] = [];
    for (let i = 20; i < 26; i++) {
      const outcomes = await Promise.all([jobs().fire('ppidReminders', slot(i)), second.service<string>('jobs', 'fire', 'ppidReminders', slot(i))]);
      expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
      for (const o of outcomes) expect(['ran', 'busy', 'done']).toContain(o);
      ran.push(outcomes[0] === 'ran' ? 'first' : 'second');
    }
    const secondHistory = await second.service<any[]>('jobs', 'history', 'ppidReminders');
    const slots = [...jobs().history('ppidReminders'), ...secondHistory].filter((r: any) => r.outcome === 'ran').map((r: any) => r.slot);
    expect(slots.sort()).toEqual(Array.from({ length: 6 }, (_, k) => Date.parse(slot(20 + k))).sort());
  });
});
