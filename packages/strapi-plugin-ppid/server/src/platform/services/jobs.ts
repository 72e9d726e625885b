import type { Core } from '@strapi/strapi';
import { jobSlot, mysqlLockName, pgLockKeys, slotCounterName, slotDue, type JobRun, type LeaseOutcome } from '../../core/jobs';
import { UID } from '../uids';

/**
 * The lease every background job runs under (reminders, digests, checkpoints and any job
 * scheduled with `scheduleJob` in platform/background.ts), so that N app instances on one
 * database run each job once per interval, not N times:
 *
 * 1. the job's lock, held for the run: PostgreSQL `pg_try_advisory_lock` on a connection kept
 *    for the run, MariaDB/MySQL `GET_LOCK(name, 0)` likewise (both released by the server if
 *    the instance dies); SQLite is one instance by design (one file, one writer) and only the
 *    in-process guard applies;
 * 2. the interval claimed with one conditional UPDATE of the job's counter row
 *    (`ppid_counters` `job:<name>`: value < slot → slot). The lock alone would let an instance
 *    whose timer fired a second late run the interval again after the first run let go.
 *
 * Claim first, then run: a failed run is logged and its interval is not retried (the next
 * interval catches up: every job works off what is due, not off what happened in its interval).
 */
export type JobTask = () => Promise<unknown>;

const HISTORY = 500;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tasks = new Map<string, JobTask>();
  const running = new Set<string>();
  const history: JobRun[] = [];
  const knex = () => strapi.db.connection;
  const client = () => strapi.db.dialect.client as string;
  const counterTable = () => strapi.db.metadata.get(UID.counter).tableName;

  const isPg = () => ['postgres', 'pg'].includes(client());
  const isMysql = () => ['mysql', 'mysql2', 'mariadb'].includes(client());
  const firstRow = (res: any) => (isMysql() ? res?.[0]?.[0] : res?.rows?.[0]);

  /** The job's lock on a connection of its own, or null when another instance holds it. */
  async function lock(job: string): Promise<null | (() => Promise<void>)> {
    if (!isPg() && !isMysql()) return async () => undefined;
    const k = knex() as any;
    const conn = await k.client.acquireConnection();
    const release = () => k.client.releaseConnection(conn);
    try {
      if (isPg()) {
        const [a, b] = pgLockKeys(job);
        const got = firstRow(await k.raw('SELECT pg_try_advisory_lock(?, ?) AS ok', [a, b]).connection(conn));
        if (!got?.ok) {
          await release();
          return null;
        }
        return async () => {
          try {
            await k.raw('SELECT pg_advisory_unlock(?, ?)', [a, b]).connection(conn);
          } finally {
            await release();
          }
        };
      }
      const name = mysqlLockName(String(k.client.database() ?? ''), job);
      const got = firstRow(await k.raw('SELECT GET_LOCK(?, 0) AS ok', [name]).connection(conn));
      if (Number(got?.ok) !== 1) {
        await release();
        return null;
      }
      return async () => {
        try {
          await k.raw('SELECT RELEASE_LOCK(?)', [name]).connection(conn);
        } finally {
          await release();
        }
      };
    } catch (e) {
      await release();
      throw e;
    }
  }

  /** Moves the job's slot forward to `slot`; true when this instance did it. */
  async function claim(job: string, slot: number): Promise<boolean> {
    const name = slotCounterName(job);
    const table = counterTable();
    const n = await knex()(table).where({ name }).andWhere('value', '<', slot).update({ value: slot });
    if (Number(n) === 1) return true;
    const row = await knex()(table).select('value').where({ name }).first();
    if (row) return false;
    try {
      await knex()(table).insert({ name, value: slot, last_hash: null, document_id: `ctr-${name}`.slice(0, 255) });
      return true;
    } catch {
      return false; // another instance made the row for this slot (unique name)
    }
  }

  function remember(run: JobRun) {
    history.push(run);
    if (history.length > HISTORY) history.splice(0, history.length - HISTORY);
  }

  const self = {
    /** Makes `task` the job `name` (scheduleJob does this; `fire` runs it under the lease). */
    register(name: string, task: JobTask) {
      tasks.set(name, task);
    },

    registered: () => [...tasks.keys()],

    /** One leased run of `name` for the interval of `fireDate`; what happened on this instance. */
    async run(name: string, task: JobTask, fireDate?: Date | null): Promise<LeaseOutcome> {
      const slot = jobSlot(fireDate ?? null, new Date());
      const started = Date.now();
      const done = (outcome: LeaseOutcome) => {
        remember({ job: name, slot, outcome, ms: Date.now() - started });
        return outcome;
      };
      if (running.has(name)) return done('overlap');
      running.add(name);
      try {
        const unlock = await lock(name);
        if (!unlock) return done('busy');
        try {
          if (!(await claim(name, slot))) return done('done');
          try {
            await task();
            return done('ran');
          } catch (e) {
            strapi.log.error(`[ppid] job ${name}: ${(e as Error).message}`);
            return done('failed');
          }
        } finally {
          await unlock();
        }
      } catch (e) {
        // The lease itself failed (database down): nothing ran; the next interval tries again.
        strapi.log.error(`[ppid] job ${name}: lease: ${(e as Error).message}`);
        return done('failed');
      } finally {
        running.delete(name);
      }
    },

    /** The registered job `name`, leased, for the interval of `fireDate` (tests, the CLI). */
    async fire(name: string, fireDate?: string | Date | null): Promise<LeaseOutcome> {
      const task = tasks.get(name);
      if (!task) throw new Error(`[ppid] no job named ${name}`);
      return self.run(name, task, fireDate ? new Date(fireDate) : null);
    },

    /** This instance's recent runs, oldest first (`job` filters). */
    history(job?: string): JobRun[] {
      return history.filter((r) => !job || r.job === job).map((r) => ({ ...r }));
    },
  };
  return self;
};
