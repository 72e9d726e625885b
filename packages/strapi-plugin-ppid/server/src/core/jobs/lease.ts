import { createHash } from 'node:crypto';

/**
 * The pure part of the background-job lease (platform/services/jobs.ts): which interval a run
 * belongs to, whether that interval is still to be run, and the lock names each engine uses.
 *
 * Every instance's scheduler fires the same job at the same nominal time (the cron rule's fire
 * date, not the moment the timer woke up), so the fire date names the interval. An instance
 * runs the job only when it holds the job's lock AND moves the job's stored slot forward to this
 * fire date: the lock keeps two runs of one job from overlapping, the slot keeps a late instance
 * (its timer a second behind, the first run already over and the lock free again) from running
 * the same interval twice.
 */

/** The slot of a run: its nominal fire date in whole milliseconds since the epoch. */
export function jobSlot(fireDate: Date | null | undefined, now: Date): number {
  const d = fireDate instanceof Date && Number.isFinite(fireDate.getTime()) ? fireDate : now;
  // Whole seconds: schedulers may hand a few milliseconds of drift around the nominal date.
  return Math.floor(d.getTime() / 1000) * 1000;
}

/**
 * The rule's latest fire time at or before `now` (250 ms early allowed: timers may wake a little
 * before the nominal time), found by walking `next` (the scheduler's "next fire after t") from
 * `now - lookbackMs`. This, not the date a scheduler hands its task, names the slot: a scheduler
 * that counts its own fire dates drifts behind the clock after a run it missed (an event loop
 * blocked under load), and two instances would then name one interval differently.
 * Null when the rule did not fire within the look-back (the caller falls back to its fire date).
 */
export function latestFire(next: (after: Date) => Date | null | undefined, now: Date, lookbackMs = 60_000): Date | null {
  let t = new Date(now.getTime() - lookbackMs);
  let last: Date | null = null;
  for (let i = 0; i < 100_000; i++) {
    const n = next(t);
    if (!n || !Number.isFinite(n.getTime()) || n.getTime() > now.getTime() + 250 || n.getTime() <= t.getTime()) break;
    last = n;
    t = n;
  }
  return last;
}

/** A run of `slot` is due when no run of this slot or a later one was claimed. */
export function slotDue(lastClaimed: number | string | null | undefined, slot: number): boolean {
  if (lastClaimed === null || lastClaimed === undefined || lastClaimed === '') return true;
  const last = Number(lastClaimed);
  return !Number.isFinite(last) || slot > last;
}

/** The counter row (ppid_counters.name) holding a job's last claimed slot. */
export const slotCounterName = (job: string) => `job:${job}`;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * PostgreSQL advisory lock keys (the two-int4 form): the first names the plugin's jobs, the
 * second the job. PostgreSQL scopes advisory locks to the current database, so two apps on
 * one server (or two test databases) never block each other.
 */
export function pgLockKeys(job: string): [number, number] {
  return [digest('ppid:jobs').readInt32BE(0), digest(`ppid:job:${job}`).readInt32BE(0)];
}

/**
 * A MariaDB/MySQL `GET_LOCK` name. Those locks are server-wide (not per database), so the
 * database name is part of it; at most 64 characters, as the server requires.
 */
export function mysqlLockName(database: string, job: string): string {
  const plain = `ppid:${database}:${job}`;
  if (plain.length <= 64) return plain;
  return `ppid:${digest(plain).toString('hex').slice(0, 59)}`;
}

export type LeaseOutcome =
  /** This instance ran the job for the slot. */
  | 'ran'
  /** Another instance holds the job's lock (a run of it is under way there). */
  | 'busy'
  /** The slot was already run (by another instance, or this one). */
  | 'done'
  /** This instance is still running the previous slot. */
  | 'overlap'
  /** The run failed (logged); the slot stays claimed, the next interval tries again. */
  | 'failed';

/** What an instance remembers of its runs (tests and `GET /ppid/info`-style reports). */
export type JobRun = { job: string; slot: number; outcome: LeaseOutcome; ms: number };
