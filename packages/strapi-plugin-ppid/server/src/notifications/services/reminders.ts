import type { Core } from '@strapi/strapi';
import { computeDeadline, deadlineStatus } from '../../core/calendar';
import type { SopDefinition, SopStep } from '../../core/workflow';
import { standardFor } from '../../core/workflow';
import { scheduleJob } from '../../platform/background';
import { UID } from '../../platform/uids';
import { getService, type ServiceName } from '../../services/get-service';

/**
 * Deadline reminders for open step logs, run every minute by the `ppidReminders` cron job.
 * - near (>= nearRatio of the standard elapsed, in working time): the holders of the step role;
 * - past the deadline: the holders of the step role;
 * - one standard period after the deadline: the supervisor. By default that is the holders of
 *   the NEXT step's role (the one who examines this step's work; at the last step, the first
 *   step's role, who ordered the publication). `reminders.supervisorRoles` in the plugin config
 *   maps an SOP code to a fixed SOP role (e.g. the PPID Utama) instead.
 * Each reminder is claimed with a conditional UPDATE (`... WHERE id = ? AND <col> IS NULL`);
 * only the instance whose update matched a row sends it, so it goes out exactly once however
 * many app instances share the database.
 */
type Column = 'nearNotifiedAt' | 'overdueNotifiedAt' | 'supervisorNotifiedAt';

export type ReminderConfig = { nearRatio: number; supervisorRoles: Record<string, string> };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);
  const logs = () => strapi.db.query(UID.stepLog);

  const config = (): ReminderConfig => {
    const c = (strapi.plugin('ppid').config('reminders') ?? {}) as Partial<ReminderConfig>;
    return { nearRatio: c.nearRatio ?? 0.8, supervisorRoles: c.supervisorRoles ?? {} };
  };

  async function claim(id: number, column: Column, at: Date): Promise<boolean> {
    const { count } = await logs().updateMany({ where: { id, [column]: null }, data: { [column]: at.toISOString() } });
    return count === 1;
  }

  function supervisorRole(def: SopDefinition, sopCode: string, step: SopStep): string {
    const fixed = config().supervisorRoles[sopCode];
    if (fixed) return fixed;
    return (def.steps[step.number] ?? def.steps[0]).role;
  }

  const self = {
    supervisorRole,

    /** One pass; returns what this instance sent. */
    async tick() {
      const clock = svc('clock');
      const now: Date = clock.now();
      // Each run's working hours are its unit's local hours (WIB, WITA or WIT).
      const zoneOf = await svc('zones').resolver();
      const sent = { near: 0, overdue: 0, supervisor: 0 };
      const open = await logs().findMany({
        where: { endedAt: null, deadline: { $notNull: true } },
        populate: { run: { populate: ['unit', 'sop'] } },
        orderBy: { id: 'asc' },
        limit: 1000,
      });
      for (const log of open) {
        const run = log.run;
        if (!run || !run.activeKey || run.currentStep !== log.stepNumber) continue;
        const def: SopDefinition | undefined = run.sop?.definition;
        const step = def?.steps[log.stepNumber - 1];
        if (!def || !step) continue;
        const timeZone = zoneOf(run.unit?.id ?? null);
        const calendar = svc('zones').calendarIn(timeZone);
        const deadline = new Date(log.deadline);
        const status = deadlineStatus(deadline, now, config().nearRatio, new Date(log.startedAt), calendar);
        if (status === 'ok') continue;
        const payload = {
          runId: run.documentId,
          sopCode: run.sopCode,
          itemTitle: run.itemTitle,
          step: log.stepNumber,
          activity: step.activity,
          dueAt: deadline.toISOString(),
          timeZone,
          link: `/admin/plugins/ppid/runs/${run.documentId}`,
        };
        const holders = () => svc('recipients').holders(run.sopCode, step.role, run.unit?.id ?? null, now);
        if (status === 'near' && !log.nearNotifiedAt && (await claim(log.id, 'nearNotifiedAt', now))) {
          await svc('notifications').notify('deadline_near', await holders(), payload);
          sent.near++;
        }
        if (status !== 'overdue') continue;
        if (!log.overdueNotifiedAt && (await claim(log.id, 'overdueNotifiedAt', now))) {
          await svc('notifications').notify('deadline_overdue', await holders(), payload);
          sent.overdue++;
        }
        const standard = standardFor(step, run.fastTrack);
        const escalateAt = computeDeadline(deadline, standard, calendar);
        if (escalateAt && now.getTime() > escalateAt.getTime() && !log.supervisorNotifiedAt && (await claim(log.id, 'supervisorNotifiedAt', now))) {
          const role = supervisorRole(def, run.sopCode, step);
          const to = await svc('recipients').holders(run.sopCode, role, run.unit?.id ?? null, now);
          await svc('notifications').notify('deadline_supervisor', to, { ...payload, supervisorRole: role });
          sent.supervisor++;
        }
      }
      return sent;
    },

    /**
     * The jobs: reminders and immediate mails every minute, the digest once a day. Each runs
     * once per interval across app instances (scheduleJob: the database lease).
     */
    async schedule() {
      const c = (strapi.plugin('ppid').config('reminders') ?? {}) as { rule?: string; digestRule?: string };
      // The digest goes out at 07:00 in the body's zone as set when the server started.
      const tz = await svc('zones').bodyZone().catch(() => svc('clock').calendar().timeZone);
      scheduleJob(strapi, {
        name: 'ppidReminders',
        rule: c.rule ?? (process.env.PPID_REMINDERS_RULE || '* * * * *'),
        task: async () => {
          await self.tick();
          // The legal deadlines of requests and objections (Pasal 22 ayat 7-8, Pasal 36 ayat 2).
          await svc('deadline-reminders')
            .tick()
            .catch((e: unknown) => strapi.log.warn(`[ppid] legal deadline reminders: ${(e as Error).message}`));
          await svc('notifications').flushMail();
        },
      });
      scheduleJob(strapi, {
        name: 'ppidDigest',
        rule: c.digestRule ?? '0 7 * * *',
        ...(tz.includes('/') ? { tz } : {}),
        task: () => svc('notifications').sendDigests(),
      });
    },
  };
  return self;
};
