import type { Core } from '@strapi/strapi';
import { latestFire } from '../core/jobs';

// Work the plugin starts without waiting for it (event listeners, after-commit follow-ups,
// background jobs). Tracked so that shutting down waits for it instead of cutting its database
// connection.
const pending = new Set<Promise<unknown>>();

export function track<T>(p: Promise<T>): Promise<T> {
  const settled = p.catch(() => undefined).finally(() => pending.delete(settled));
  pending.add(settled);
  return p;
}

/** Waits for tracked work (bounded, so a hung listener cannot block shutdown forever). */
export async function drain(timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pending.size && Date.now() < deadline) {
    await Promise.race([Promise.allSettled([...pending]), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
  }
}

export type JobSpec = {
  /** Unique job name (the cron task's name, the lease's lock and slot row). */
  name: string;
  /** Cron rule (seconds allowed: `*\/5 * * * * *`). */
  rule: string;
  /** IANA zone the rule is read in (else the server's). */
  tz?: string;
  task: () => Promise<unknown>;
};

/**
 * THE way the plugin schedules a background job: a Strapi cron task whose every run goes
 * through the database lease (platform/services/jobs.ts), so that it runs once per interval
 * across all app instances sharing the database, never once per instance, and never
 * overlapping itself. Do not call strapi.cron.add directly for plugin jobs.
 */
export function scheduleJob(strapi: Core.Strapi, spec: JobSpec): void {
  const jobs = () => strapi.plugin('ppid').service('jobs') as { register(n: string, t: JobSpec['task']): void; run(n: string, t: JobSpec['task'], d?: Date | null): Promise<unknown> };
  jobs().register(spec.name, spec.task);
  strapi.cron.add({
    [spec.name]: {
      task: (_ctx: unknown, fireDate?: Date) => {
        // The slot is the rule's nominal time computed from the clock (core/jobs latestFire), the
        // same on every instance; the runner's own fire date is only the fallback.
        const handle = ((strapi.cron as any).jobs as { name: string | null; job: { nextRun(t?: Date): Date | null } }[] | undefined)?.find((j) => j.name === spec.name)?.job;
        const nominal = handle ? latestFire((t) => handle.nextRun(t), new Date()) : null;
        return track(jobs().run(spec.name, spec.task, nominal ?? fireDate ?? null));
      },
      options: { rule: spec.rule, ...(spec.tz ? { tz: spec.tz } : {}) },
    },
  } as any); // Strapi's CronTasks type omits the fire date its runner passes
}
