import type { Core } from '@strapi/strapi';
import { formatWaktuPemberitahuan } from '../../core/calendar';
import { UID } from '../../platform/uids';
import type { Recipient } from './recipients';
import { getService, type ServiceName } from '../../services/get-service';

/**
 * In-panel notifications and their mails. notify() writes one row per recipient (inside the
 * caller's transaction); mails go out later from flushMail() / sendDigests(), run by the
 * reminder job, so a workflow act never waits on a mail server. Every mail is claimed with a
 * conditional UPDATE (mailed_at IS NULL) first, so two app instances never send it twice.
 */
export type NotificationEvent =
  | 'step_active'
  | 'returned'
  | 'content_changed'
  | 'deadline_near'
  | 'deadline_overdue'
  | 'deadline_supervisor'
  | 'published'
  | 'exclusion_ending'
  | 'refresh_due'
  | 'dip_update_due'
  | 'dip_revision_proposed'
  | 'legal_deadline_near'
  | 'legal_deadline_breached';

export type NotifyPayload = {
  itemTitle?: string | null;
  sopName?: string | null;
  step?: number | null;
  activity?: string | null;
  note?: string | null;
  dueAt?: string | null;
  /** The zone times are written in: the run's unit's (Asia/Jakarta, Asia/Makassar, Asia/Jayapura). */
  timeZone?: string | null;
  link?: string | null;
  [key: string]: unknown;
};

export type PreferenceMode = 'immediate' | 'daily_digest' | 'off';

/**
 * Title and body: Bahasa Indonesia first, English below. Times are in `p.timeZone`, the zone of
 * the run's unit (WIB, WITA or WIT; notify() fills in the body's when absent).
 */
export function render(event: NotificationEvent, p: NotifyPayload): { title: string; body: string } {
  const fmtDue = (iso?: string | null) => formatWaktuPemberitahuan(iso, typeof p.timeZone === 'string' && p.timeZone ? p.timeZone : undefined);
  const item = p.itemTitle ?? '-';
  const step = p.step ? ` (tahap/step ${p.step}${p.activity ? `: ${p.activity}` : ''})` : '';
  const t = (id: string, en: string, bodyId: string, bodyEn: string) => ({
    title: `[PPID] ${id} / ${en}: ${item}`,
    body: `${bodyId}\n\n---\n${bodyEn}`,
  });
  switch (event) {
    case 'step_active':
      return t('Tugas baru', 'New task', `Informasi "${item}" menunggu tindakan Anda${step}.\nTenggat: ${fmtDue(p.dueAt)}.`, `"${item}" is waiting for your action${step}.\nDue: ${fmtDue(p.dueAt)}.`);
    case 'returned':
      return t('Dikembalikan untuk diperbaiki', 'Returned for correction', `Informasi "${item}" dikembalikan kepada Anda${step}.\nCatatan: ${p.note ?? '-'}\nTenggat: ${fmtDue(p.dueAt)}.`, `"${item}" was returned to you${step}.\nNote: ${p.note ?? '-'}\nDue: ${fmtDue(p.dueAt)}.`);
    case 'content_changed':
      return t('Konten diubah', 'Content changed', `Konten "${item}" diubah; tahap ini perlu diulang${step}.`, `The content of "${item}" changed; this step must be repeated${step}.`);
    case 'deadline_near':
      return t('Tenggat mendekat', 'Deadline approaching', `Waktu tahap untuk "${item}" hampir habis${step}.\nTenggat: ${fmtDue(p.dueAt)}.`, `The time for "${item}" is nearly up${step}.\nDue: ${fmtDue(p.dueAt)}.`);
    case 'deadline_overdue':
      return t('Melewati tenggat', 'Past deadline', `Tahap untuk "${item}" telah melewati tenggat${step}.\nTenggat: ${fmtDue(p.dueAt)}.`, `The step for "${item}" is past its deadline${step}.\nDue: ${fmtDue(p.dueAt)}.`);
    case 'deadline_supervisor':
      return t('Eskalasi keterlambatan', 'Overdue escalation', `Tahap untuk "${item}" terlambat lebih dari satu periode mutu baku${step}. Mohon ditindaklanjuti.\nTenggat: ${fmtDue(p.dueAt)}.`, `The step for "${item}" is overdue by more than one standard period${step}. Please follow up.\nDue: ${fmtDue(p.dueAt)}.`);
    case 'published':
      return t('Telah dipublikasikan', 'Published', `Informasi "${item}" telah dipublikasikan. Terima kasih atas peran Anda.`, `"${item}" has been published. Thank you for your part.`);
    case 'exclusion_ending':
      return t('Masa pengecualian berakhir', 'Exclusion period ending', `Masa pengecualian informasi "${item}" akan berakhir pada ${fmtDue(p.dueAt)}. Tinjau kembali uji konsekuensinya.`, `The exclusion period of "${item}" ends on ${fmtDue(p.dueAt)}. Review its consequence test.`);
    case 'refresh_due':
      return t('Pemutakhiran berkala', 'Periodic refresh due', `Informasi berkala "${item}" perlu dimutakhirkan (jatuh tempo ${fmtDue(p.dueAt)}).`, `Periodic information "${item}" is due for refresh (due ${fmtDue(p.dueAt)}).`);
    case 'dip_update_due':
      return t('Pemutakhiran DIP', 'DIP update due', `Daftar Informasi Publik "${item}" (SK ${p.note ?? '-'}) jatuh tempo untuk dimutakhirkan pada ${fmtDue(p.dueAt)}. Buat edisi pemutakhiran dan jalankan SOP penetapan DIP.`, `The DIP "${item}" (decree ${p.note ?? '-'}) is due for its update on ${fmtDue(p.dueAt)}. Create an update edition and run the DIP SOP.`);
    case 'dip_revision_proposed':
      return t('Perubahan DIP diusulkan', 'DIP revision proposed', `Klasifikasi informasi dalam DIP yang berlaku berubah; edisi perubahan "${item}" telah disiapkan untuk ditetapkan dengan SK baru.\n${p.note ?? ''}`, `Entries of the DIP in force changed class; the revised edition "${item}" is ready to be established by a new decree.\n${p.note ?? ''}`);
    case 'legal_deadline_near': {
      const left = Number(p.workingDaysLeft ?? 0);
      const when = left > 0 ? `${left} hari kerja lagi` : 'hari ini';
      return t(
        'Batas waktu undang-undang mendekat',
        'Legal deadline approaching',
        `${p.deadlineLabel ?? 'Batas waktu'} untuk "${item}" jatuh tempo ${when}: ${fmtDue(p.dueAt)}.\nDasar: ${p.basis ?? '-'}.`,
        `${p.deadlineLabelEn ?? 'The deadline'} for "${item}" is due ${left > 0 ? `in ${left} working day(s)` : 'today'}: ${fmtDue(p.dueAt)}.`,
      );
    }
    case 'legal_deadline_breached':
      return t(
        'Batas waktu undang-undang terlampaui',
        'Legal deadline breached',
        `${p.deadlineLabel ?? 'Batas waktu'} untuk "${item}" telah melewati batas waktu ${fmtDue(p.dueAt)}. Mohon segera ditindaklanjuti; pemohon dapat mengajukan keberatan atau sengketa.\nDasar: ${p.basis ?? '-'}.`,
        `${p.deadlineLabelEn ?? 'The deadline'} for "${item}" passed on ${fmtDue(p.dueAt)}. Please act at once; the applicant may object or go to the Komisi Informasi.`,
      );
    default:
      return t('Pemberitahuan', 'Notice', String(event), String(event));
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);
  const rows = () => strapi.db.query(UID.notification);
  const now = (): Date => svc('clock').now();

  const mailEnabled = () => {
    const email = strapi.plugin('email');
    return !!email && email.config('provider') === 'nodemailer';
  };

  async function send(to: string, subject: string, text: string) {
    await strapi.plugin('email').service('email').send({ to, subject, text });
  }

  /** Rows claimed by this instance: only those whose mailedAt was still empty. */
  async function claim(ids: number[]): Promise<number[]> {
    const won: number[] = [];
    const at = now().toISOString();
    for (const id of ids) {
      const { count } = await rows().updateMany({ where: { id, mailedAt: null }, data: { mailedAt: at } });
      if (count === 1) won.push(id);
    }
    return won;
  }

  const self = {
    render,

    async preference(userId: number): Promise<PreferenceMode> {
      const row = await strapi.db.query(UID.notificationPreference).findOne({ where: { userId } });
      return (row?.mode as PreferenceMode) ?? 'immediate';
    },

    async setPreference(userId: number, mode: PreferenceMode) {
      const q = strapi.db.query(UID.notificationPreference);
      const row = await q.findOne({ where: { userId } });
      if (row) await q.update({ where: { id: row.id }, data: { mode } });
      else await q.create({ data: { userId, mode } });
      return { mode };
    },

    /** The one sender: a row per recipient, mailed now or in the day's digest per preference. */
    async notify(event: NotificationEvent, recipients: Array<number | Recipient>, payload: NotifyPayload = {}) {
      const ids = [...new Set(recipients.map((r) => (typeof r === 'number' ? r : r.id)).filter((id) => Number.isInteger(id) && id > 0))];
      if (!ids.length) return [];
      if (!payload.timeZone) payload = { ...payload, timeZone: await svc('zones').bodyZone() };
      const { title, body } = render(event, payload);
      const created: any[] = [];
      for (const recipientId of ids) {
        const mode = await self.preference(recipientId);
        created.push(
          await rows().create({
            data: {
              recipientId,
              event,
              title,
              body,
              link: payload.link ?? null,
              payload,
              digest: mode === 'daily_digest',
              // 'off': kept in the panel, never mailed.
              mailedAt: mode === 'off' ? now().toISOString() : null,
            },
          }),
        );
      }
      return created;
    },

    /** Called by the events service for every workflow event (inside the act's transaction). */
    async onWorkflowEvent(event: string, payload: { run: any; step: number; role: string; state?: any }) {
      const { run, state } = payload;
      const def = run.sop?.definition;
      const stepDef = def?.steps?.[payload.step - 1];
      const stepState = state?.steps?.[payload.step - 1];
      const base: NotifyPayload = {
        runId: run.documentId,
        sopCode: run.sopCode,
        itemTitle: run.itemTitle,
        step: payload.step,
        activity: stepDef?.activity ?? null,
        dueAt: stepState?.dueAt ?? null,
        timeZone: await svc('zones').ofUnit(run.unit?.id ?? null),
        link: `/admin/plugins/ppid/runs/${run.documentId}`,
      };
      if (event === 'step_active' || event === 'returned' || event === 'content_changed') {
        // A committee step is every member's to act on (their roles, per unit where named).
        const holders = stepDef?.committee
          ? await svc('recipients').users((await svc('actors').roster(run.sopCode, stepDef, run.unit?.id ?? null, now())).map(Number))
          : await svc('recipients').holders(run.sopCode, payload.role, run.unit?.id ?? null, now());
        let note: string | null = null;
        if (event === 'returned') {
          const back = (state?.steps ?? []).filter((s: any) => s.decision === 'return' && s.comment);
          back.sort((a: any, b: any) => String(b.endedAt).localeCompare(String(a.endedAt)));
          note = back[0]?.comment ?? null;
        }
        await self.notify(event, holders, { ...base, note });
      } else if (event === 'published') {
        const ids = new Set<number>();
        for (const s of state?.steps ?? []) if (s.actorId && /^\d+$/.test(s.actorId)) ids.add(Number(s.actorId));
        if (state?.submittedBy && /^\d+$/.test(state.submittedBy)) ids.add(Number(state.submittedBy));
        await self.notify('published', [...ids], base);
      }
    },

    async mine(userId: number, opts: { unread?: boolean; limit?: number } = {}) {
      return rows().findMany({
        where: { recipientId: userId, ...(opts.unread ? { readAt: null } : {}) },
        orderBy: { id: 'desc' },
        limit: Math.min(Math.max(opts.limit ?? 50, 1), 200),
      });
    },

    async markRead(userId: number, id: number) {
      const row = await rows().findOne({ where: { id, recipientId: userId } });
      if (!row) return null;
      if (row.readAt) return row;
      return rows().update({ where: { id }, data: { readAt: now().toISOString() } });
    },

    /** Sends pending immediate mails; returns how many this instance sent. */
    async flushMail(): Promise<number> {
      if (!mailEnabled()) return 0;
      const pending = await rows().findMany({ where: { mailedAt: null, digest: false }, orderBy: { id: 'asc' }, limit: 200 });
      const won = new Set(await claim(pending.map((r: any) => r.id)));
      let sent = 0;
      for (const row of pending.filter((r: any) => won.has(r.id))) {
        const [user] = await svc('recipients').users([row.recipientId]);
        if (!user?.email) continue;
        try {
          await send(user.email, row.title, row.body);
          sent++;
        } catch (e) {
          // Release the claim so a later pass retries.
          await rows().update({ where: { id: row.id }, data: { mailedAt: null } });
          strapi.log.warn(`ppid: mail to ${user.email} failed: ${(e as Error).message}`);
        }
      }
      return sent;
    },

    /** One mail per user with the day's digest notifications; returns mails sent. */
    async sendDigests(): Promise<number> {
      if (!mailEnabled()) return 0;
      const pending = await rows().findMany({ where: { mailedAt: null, digest: true }, orderBy: { id: 'asc' }, limit: 2000 });
      const won = new Set(await claim(pending.map((r: any) => r.id)));
      const byUser = new Map<number, any[]>();
      for (const row of pending.filter((r: any) => won.has(r.id))) {
        byUser.set(row.recipientId, [...(byUser.get(row.recipientId) ?? []), row]);
      }
      let sent = 0;
      // Each line carries when it was raised, in its run's zone (its payload's), else the body's.
      const body = byUser.size ? await svc('zones').bodyZone() : null;
      const at = (r: any) => formatWaktuPemberitahuan(r.createdAt, typeof r.payload?.timeZone === 'string' ? r.payload.timeZone : body);
      for (const [userId, list] of byUser) {
        const [user] = await svc('recipients').users([userId]);
        if (!user?.email) continue;
        const text = [
          `Ringkasan harian PPID: ${list.length} pemberitahuan.`,
          ...list.map((r) => `- ${at(r)} ${r.title}`),
          '',
          '---',
          `PPID daily digest: ${list.length} notification(s).`,
        ].join('\n');
        await send(user.email, `[PPID] Ringkasan harian / Daily digest (${list.length})`, text);
        sent++;
      }
      return sent;
    },
  };
  return self;
};
