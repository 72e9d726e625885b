import type { Core } from '@strapi/strapi';
import { dueLegalReminder, LEGAL_DEADLINE_LABEL, reminderKey, type DueReminder } from '../../core/requests/legal-reminders';
import { isUniqueViolation } from '../../platform/services/constraints';
import { UID } from '../../platform/uids';
import { getService, type ServiceName } from '../../services/get-service';
import { LEGAL_REMINDERS_TABLE } from '../tables';

/**
 * Reminders before the legal deadlines (core/requests/legal-reminders.ts), run by the
 * `ppidReminders` job (one instance per interval: the job lease). Who is told: the holders of
 * the run's current step role (the ones who must act now) and of the role that signs what the
 * deadline is for (the step whose act is `decide`: the PPID for the written notice, Pasal 22
 * ayat 7; the Atasan PPID for the answer, Pasal 36 ayat 2): the same people the SOP's own
 * reminders reach, resolved by the same rule (recipients.holders: units, Plt, delegations).
 *
 * Each reminder is claimed by a row in `ppid_legal_reminders` (primary key: item, deadline
 * kind and instant, stage) written in the same transaction as its notifications: a second
 * instance, or a second pass, fails on the key and sends nothing. An extension is a new deadline
 * instant, so it is reminded again.
 */
type Item = { uid: string; row: any; number: string; dueAt: Date; extended: boolean; kind: 'request' | 'objection' };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);

  async function runsOf(uid: string, documentIds: string[]): Promise<Map<string, any>> {
    const out = new Map<string, any>();
    if (!documentIds.length) return out;
    const runs = await strapi.db.query(UID.run).findMany({
      where: { itemUid: uid, itemDocumentId: { $in: documentIds } },
      orderBy: { id: 'asc' },
      populate: ['sop', 'unit'],
    });
    for (const r of runs) out.set(r.itemDocumentId, r); // the latest run wins
    return out;
  }

  async function recipientsFor(run: any, now: Date) {
    const steps: any[] = run.sop?.definition?.steps ?? [];
    const roles = new Set<string>();
    const current = steps[(run.currentStep ?? 1) - 1];
    if (current?.role) roles.add(current.role);
    const signer = [...steps].reverse().find((s) => s.act === 'decide');
    if (signer?.role) roles.add(signer.role);
    const byId = new Map<number, any>();
    for (const role of roles) for (const u of await svc('recipients').holders(run.sopCode, role, run.unit?.id ?? null, now)) byId.set(u.id, u);
    return { roles: [...roles], users: [...byId.values()] };
  }

  /** Claims the reminder and writes its notifications in one transaction; false when already sent. */
  async function send(item: Item, run: any, due: DueReminder, now: Date, timeZone: string): Promise<boolean> {
    const key = reminderKey(item.uid, item.row.documentId, due);
    const { users, roles } = await recipientsFor(run, now);
    const label = LEGAL_DEADLINE_LABEL[due.deadline];
    try {
      await strapi.db.transaction(async ({ trx }) => {
        await strapi.db
          .connection(LEGAL_REMINDERS_TABLE)
          .transacting(trx)
          .insert({
            key,
            item_uid: item.uid,
            document_id: item.row.documentId,
            deadline: due.deadline,
            stage: due.stage,
            due_at: due.dueAt,
            recipients: users.length,
            sent_at: now,
          });
        await svc('notifications').notify(due.stage === 'near' ? 'legal_deadline_near' : 'legal_deadline_breached', users, {
          runId: run.documentId,
          sopCode: run.sopCode,
          itemTitle: run.itemTitle ?? item.number,
          number: item.number,
          deadline: due.deadline,
          deadlineLabel: label.id,
          deadlineLabelEn: label.en,
          basis: label.basis,
          workingDaysLeft: due.workingDaysLeft,
          roles,
          dueAt: due.dueAt.toISOString(),
          timeZone,
          link: `/admin/plugins/ppid/runs/${run.documentId}`,
        });
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      // Some drivers word the violation otherwise: the stored claim is the answer.
      if (await strapi.db.connection(LEGAL_REMINDERS_TABLE).where({ key }).first()) return false;
      throw e;
    }
  }

  const self = {
    daysBefore(): number {
      return svc('requests').settings().reminderDaysBefore;
    },

    /** One pass; returns what this instance sent. */
    async tick(): Promise<{ near: number; breached: number }> {
      const now: Date = svc('clock').now();
      const timeZone = await svc('zones').bodyZone();
      const calendar = svc('zones').calendarIn(timeZone);
      const daysBefore = self.daysBefore();
      const sent = { near: 0, breached: 0 };
      const requests = await strapi.db.query(UID.informationRequest).findMany({
        where: { decidedAt: null },
        select: ['id', 'documentId', 'number', 'dueAt', 'extended'],
        orderBy: { id: 'asc' },
        limit: 2000,
      });
      const objections = await strapi.db.query(UID.objection).findMany({
        where: { answeredAt: null },
        select: ['id', 'documentId', 'number', 'dueAt'],
        orderBy: { id: 'asc' },
        limit: 2000,
      });
      const items: Item[] = [
        ...requests.map((row: any) => ({ uid: UID.informationRequest, row, number: row.number, dueAt: new Date(row.dueAt), extended: !!row.extended, kind: 'request' as const })),
        ...objections.map((row: any) => ({ uid: UID.objection, row, number: row.number, dueAt: new Date(row.dueAt), extended: false, kind: 'objection' as const })),
      ];
      const runs = new Map<string, Map<string, any>>([
        [UID.informationRequest, await runsOf(UID.informationRequest, requests.map((r: any) => r.documentId))],
        [UID.objection, await runsOf(UID.objection, objections.map((r: any) => r.documentId))],
      ]);
      for (const item of items) {
        const due = dueLegalReminder({ kind: item.kind, dueAt: item.dueAt, extended: item.extended, answered: false }, now, calendar, daysBefore);
        if (!due) continue;
        const run = runs.get(item.uid)?.get(item.row.documentId);
        // A closed run (cancelled, or completed another way) has nobody left to remind.
        if (!run || !run.activeKey || ['cancelled', 'completed', 'published'].includes(run.status)) continue;
        if (await send(item, run, due, now, timeZone)) sent[due.stage]++;
      }
      return sent;
    },
  };
  return self;
};
