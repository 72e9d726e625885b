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
  /** Unique job name, starting with `ppid` (the cron task's name, the lease's lock and slot row). */
  name: string;
  /** Cron rule (seconds allowed: `*\/5 * * * * *`). */
  rule: string;
  /** IANA zone the rule is read in (else the server's). */
  tz?: string;
  task: () => Promise<unknown>;
};

type JobsService = { register(n: string, t: JobSpec['task']): void; run(n: string, t: JobSpec['task'], d?: Date | null): Promise<unknown> };
const LEASED = Symbol.for('ppid.leasedCron');

/**
 * Puts every plugin job under the database lease (platform/services/jobs.ts), however it is
 * registered: from bootstrap on, a cron task whose name starts with `ppid` added through
 * `strapi.cron.add` (scheduleJob below, or a service calling strapi.cron.add itself) runs once
 * per interval across all app instances sharing the database, never once per instance, and
 * never overlapping itself. Tasks of the host app or of other plugins are left as they are.
 */
export function leasePluginJobs(strapi: Core.Strapi): void {
  const cron = strapi.cron as any;
  if (!cron || cron[LEASED]) return;
  const add = cron.add.bind(cron);
  const jobs = () => strapi.plugin('ppid').service('jobs') as JobsService;
  cron.add = (tasks: Record<string, any> = {}) => {
    const out: Record<string, any> = {};
    for (const [name, value] of Object.entries(tasks)) {
      if (!name.startsWith('ppid') || typeof value?.task !== 'function') {
        out[name] = value;
        continue;
      }
      const original = value.task;
      const task = () => original.call(value, { strapi });
      jobs().register(name, task);
      out[name] = {
        ...value,
        task: (_ctx: unknown, fireDate?: Date) => {
          // The slot is the rule's nominal time computed from the clock (core/jobs latestFire), the
          // same on every instance; the runner's own fire date is only the fallback.
          const handle = (cron.jobs as { name: string | null; job: { nextRun(t?: Date): Date | null } }[] | undefined)?.find((j) => j.name === name)?.job;
          const nominal = handle ? latestFire((t) => handle.nextRun(t), new Date()) : null;
          return track(jobs().run(name, task, nominal ?? fireDate ?? null));
        },
      };
    }
    return add(out);
  };
  cron[LEASED] = true;
}

/**
 * Schedules a plugin job: a Strapi cron task, leased (leasePluginJobs, installed at bootstrap
 * before any job is scheduled). The name must start with `ppid`.
 */
export function scheduleJob(strapi: Core.Strapi, spec: JobSpec): void {
  if (!spec.name.startsWith('ppid')) throw new Error(`[ppid] job names start with "ppid": ${spec.name}`);
  leasePluginJobs(strapi);
  strapi.cron.add({
    [spec.name]: { task: () => spec.task(), options: { rule: spec.rule, ...(spec.tz ? { tz: spec.tz } : {}) } },
  } as any);
}
