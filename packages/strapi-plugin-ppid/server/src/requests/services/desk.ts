import type { Core } from '@strapi/strapi';
import { formatIssue } from '../../core/classification/validation';
import { NOTICE_OUTCOME_LABEL, validateEntry, type NoticeOutcome } from '../../core/requests';
import { badRequest, notFound } from '../../errors';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';
import type { FiledRequest, IdentityScan } from './requests';

/** A request as the officials' list shows it: never the identity number, phone or e-mail. */
export type DeskRow = {
  id: string;
  number: string;
  applicantName: string;
  channel: string;
  receivedAt: string;
  dueAt: string;
  extended: boolean;
  status: 'diterima' | 'diproses' | 'diputuskan' | 'selesai' | 'dibatalkan';
  outcome: string | null;
};

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

/** The request's status from its run, as tracking words it (requests.ts `track`). */
export function requestStatus(run: { status: string; currentStep: number } | null, decidedAt: unknown): DeskRow['status'] {
  if (!run) return 'diterima';
  if (run.status === 'cancelled') return 'dibatalkan';
  if (run.status === 'completed' || run.status === 'published') return 'selesai';
  if (decidedAt) return 'diputuskan';
  return run.currentStep <= 1 ? 'diterima' : 'diproses';
}

/**
 * The officials' desk of the information service (admin routes under /ppid/requests): the
 * Petugas Informasi enters a request received in person or by letter (requests.enter) through
 * the same path as a public filing (number, receipt, SOP 101 run, deadline), and the officials
 * who enter, decide or answer objections see the list and one request's facts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const q = () => strapi.db.query(UID.informationRequest);

  async function runsOf(documentIds: string[]) {
    if (!documentIds.length) return new Map<string, any>();
    const runs = await strapi.db.query(UID.run).findMany({
      where: { itemUid: UID.informationRequest, itemDocumentId: { $in: documentIds } },
      orderBy: { id: 'asc' },
      select: ['documentId', 'itemDocumentId', 'status', 'currentStep', 'currentRole', 'sopCode'],
    });
    // The newest run of each request wins (ordered ascending, later rows overwrite).
    return new Map<string, any>(runs.map((r: any) => [r.itemDocumentId, r]));
  }

  const self = {
    /** POST /ppid/requests: 400 naming the field (channel or the filing's), then requests.file. */
    async enter(body: unknown, scan: IdentityScan | null, userId: number): Promise<FiledRequest & { id: string; channel: string }> {
      const checked = validateEntry(body);
      if (!checked.ok) {
        throw badRequest(`Permohonan tidak valid / invalid request: ${checked.errors.map(formatIssue).join('; ')}`, {
          errors: checked.errors.map((e) => ({ path: e.path ? e.path.split('.') : [], message: e.message, name: 'ValidationError' })),
        });
      }
      const s = await getService(strapi, 'actors').signerOf(userId);
      const filed = await getService(strapi, 'requests').file(checked.value, checked.channel, scan, { userId: String(userId), nama: s.nama, nip: s.nip, jabatan: s.jabatan });
      const row = await q().findOne({ where: { number: filed.number }, select: ['documentId'] });
      return { ...filed, id: row.documentId, channel: checked.channel };
    },

    /** GET /ppid/requests: newest first, 25 a page, optionally by number or applicant name. */
    async list(query: { page?: unknown; q?: unknown }): Promise<{ data: DeskRow[]; meta: { page: number; pageSize: number; total: number } }> {
      const pageSize = 25;
      const page = Math.max(1, Math.min(10_000, Number.parseInt(String(query.page ?? '1'), 10) || 1));
      const term = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '';
      const where = term ? { $or: [{ number: { $containsi: term } }, { applicantName: { $containsi: term } }] } : {};
      const [rows, total] = await Promise.all([
        q().findMany({
          where,
          orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
          select: ['documentId', 'number', 'applicantName', 'channel', 'receivedAt', 'dueAt', 'extended', 'decidedAt', 'outcome'],
        }),
        q().count({ where }),
      ]);
      const runs = await runsOf(rows.map((r: any) => r.documentId));
      return {
        data: rows.map((r: any) => ({
          id: r.documentId,
          number: r.number,
          applicantName: r.applicantName,
          channel: r.channel,
          receivedAt: iso(r.receivedAt)!,
          dueAt: iso(r.dueAt)!,
          extended: !!r.extended,
          status: requestStatus(runs.get(r.documentId) ?? null, r.decidedAt),
          outcome: r.outcome ?? null,
        })),
        meta: { page, pageSize, total },
      };
    },

    /** GET /ppid/requests/:id (documentId or number): the facts the screens need, no contact or identity data. */
    async detail(id: unknown) {
      if (typeof id !== 'string' || !id || id.length > 100) throw notFound('Permohonan tidak ditemukan / request not found');
      const row = await q().findOne({ where: { $or: [{ documentId: id }, { number: id }] } });
      if (!row) throw notFound(`Permohonan ${id} tidak ditemukan / request not found`);
      const run = (await runsOf([row.documentId])).get(row.documentId) ?? null;
      const objections = await strapi.db.query(UID.objection).findMany({
        where: { request: row.id },
        orderBy: { id: 'asc' },
        select: ['documentId', 'number', 'receivedAt', 'dueAt', 'answerDecision', 'answeredAt', 'dispute'],
      });
      // The role as the SOP names it ("Petugas Informasi"), as the panel shows it.
      const roles: { key: string; label: string }[] = run ? ((await getService(strapi, 'sops').current(run.sopCode).catch(() => null))?.definition?.roles ?? []) : [];
      const enteredBy = row.enteredBy ? { nama: row.enteredBy.nama, jabatan: row.enteredBy.jabatan } : null;
      return {
        id: row.documentId,
        number: row.number,
        channel: row.channel,
        enteredBy,
        applicant: { type: row.applicantType, name: row.applicantName, address: row.applicantAddress },
        information: row.information,
        purpose: row.purpose,
        obtainBy: row.obtainBy,
        deliverBy: row.deliverBy,
        receivedAt: iso(row.receivedAt),
        dueAt: iso(row.dueAt),
        extension: row.extended
          ? { days: Number(row.extensionDays ?? 0), reasons: row.extensionReasons ?? '', originalDueAt: iso(row.originalDueAt), extendedAt: iso(row.extendedAt), verificationCode: row.extensionCode ?? null }
          : null,
        status: requestStatus(run, row.decidedAt),
        outcome: row.outcome ?? null,
        outcomeLabel: row.outcome ? NOTICE_OUTCOME_LABEL[row.outcome as NoticeOutcome] ?? row.outcome : null,
        noticeRecordedAt: iso(row.noticeRecordedAt),
        decidedAt: iso(row.decidedAt),
        run: run
          ? { id: run.documentId, status: run.status, currentStep: run.currentStep, currentRole: run.currentRole, currentRoleLabel: roles.find((x) => x.key === run.currentRole)?.label ?? null }
          : null,
        objections: objections.map((o: any) => ({
          id: o.documentId,
          number: o.number,
          receivedAt: iso(o.receivedAt),
          dueAt: iso(o.dueAt),
          answerDecision: o.answerDecision ?? null,
          answeredAt: iso(o.answeredAt),
          disputed: !!o.dispute,
        })),
      };
    },
  };
  return self;
};
