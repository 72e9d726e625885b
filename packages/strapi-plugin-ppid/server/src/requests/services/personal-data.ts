import type { Core } from '@strapi/strapi';
import createError from 'http-errors';
import { maskIdentity, scanRetention, type CaseFacts, type PersonalDataOutcome, type PersonalDataSubject } from '../../core/requests';
import { maskContact } from '../../core/requests/registers';
import { badRequest, forbidden, notFound } from '../../errors';
import { scheduleJob } from '../../platform/background';
import { perm } from '../../platform/permissions';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';
import { PERSONAL_DATA_LOG_TABLE, SCANS_TABLE } from '../tables';

/** The official asking, as the controller saw them (their permissions, address and browser). */
export type Who = { userId: number | null; email: string | null; ip: string | null; userAgent: string | null; can: (action: string) => boolean };

export const REQUESTS_MANAGE = perm('requests.manage');
export const REQUESTS_PERSONAL_DATA = perm('requests.personal-data');
export const RECORDS_PERSONAL_DATA = perm('records.personal-data');
export const RETENTION_JOB = 'ppidIdentityScanRetention';

type LogEntry = {
  subject: PersonalDataSubject;
  outcome: PersonalDataOutcome;
  reason?: string | null;
  requestDocumentId: string;
  requestNumber?: string | null;
  who?: Who | null;
  detail?: string | null;
};

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };
const CLOSED = ['completed', 'published', 'cancelled'];
const DAY = 24 * 60 * 60 * 1000;

/**
 * Applicants' identity number and identity scan for officials (docs/requests.md, "Personal
 * data"): the scan and the full number only with `requests.personal-data` (on top of
 * `requests.manage`, which lets an official handle a request); every read and every refused
 * attempt is logged in ppid_personal_data_log before the answer leaves, so no read goes
 * unrecorded. The retention job deletes the scans of closed cases (core/requests/privacy.ts)
 * and logs each deletion there too.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const q = () => strapi.db.query(UID.informationRequest);
  const clock = () => getService(strapi, 'clock');

  async function requestRow(id: unknown) {
    if (typeof id !== 'string' || !id || id.length > 100) throw notFound('Permohonan tidak ditemukan / request not found');
    const row = await q().findOne({ where: { $or: [{ documentId: id }, { number: id }] } });
    if (!row) throw notFound(`Permohonan ${id} tidak ditemukan / request not found`);
    return row;
  }

  const self = {
    retentionDays(): number {
      return getService(strapi, 'requests').settings().identityScanRetentionDays;
    },

    /** Appends one row to the log (in the caller's transaction when given). */
    async record(e: LogEntry, trx?: any): Promise<void> {
      const row = {
        at: clock().now(),
        subject: e.subject,
        outcome: e.outcome,
        reason: e.reason ?? null,
        request_document_id: e.requestDocumentId,
        request_number: e.requestNumber ?? null,
        user_id: e.who?.userId ?? null,
        user_email: e.who?.email ?? null,
        ip: e.who?.ip ? e.who.ip.slice(0, 64) : null,
        user_agent: e.who?.userAgent ? e.who.userAgent.slice(0, 300) : null,
        detail: e.detail ? e.detail.slice(0, 300) : null,
      };
      const t = knex()(PERSONAL_DATA_LOG_TABLE);
      await (trx ? t.transacting(trx) : t).insert(row);
    },

    /**
     * 403 unless the caller may handle requests (requests.manage) and see applicants' identity
     * documents (requests.personal-data); each refusal of a known request is logged. Checked
     * before the lookup: an official without requests.manage learns nothing of which numbers exist.
     */
    async assertMay(who: Who, subject: PersonalDataSubject, id: unknown) {
      for (const [action, uid] of [
        [REQUESTS_MANAGE, 'requests.manage'],
        [REQUESTS_PERSONAL_DATA, 'requests.personal-data'],
      ] as const) {
        if (who.can(action)) continue;
        const row = await requestRow(id).catch(() => null);
        if (row) await self.record({ subject, outcome: 'refused', reason: `missing ${uid}`, requestDocumentId: row.documentId, requestNumber: row.number, who });
        throw forbidden(
          `Data pribadi pemohon (nomor identitas, pindaian identitas) hanya untuk pemegang izin ${uid}; percobaan ini dicatat / ` +
            `the applicant's identity documents need the permission ${uid}; this attempt is logged`,
          { reason: 'personal_data_permission', permission: perm(uid) }
        );
      }
      return requestRow(id);
    },

    /** The scan's stored facts without its bytes, or null. */
    async scanMeta(documentId: string): Promise<{ mime: string; size: number; receivedAt: string } | null> {
      const s = await knex()(SCANS_TABLE).where({ request_document_id: documentId }).first('mime', 'size', 'created_at');
      return s ? { mime: s.mime, size: Number(s.size), receivedAt: new Date(s.created_at).toISOString() } : null;
    },

    /** When the retention job deleted the request's scan, or null. */
    async scanDeletedAt(documentId: string): Promise<string | null> {
      const d = await knex()(PERSONAL_DATA_LOG_TABLE).where({ request_document_id: documentId, subject: 'identity-scan', outcome: 'deleted' }).first('at');
      return d ? new Date(d.at).toISOString() : null;
    },

    /**
     * The identity scan, opened, for an official holding requests.manage and
     * requests.personal-data (403 otherwise, logged); 404 when none was sent, 410 once the
     * retention job deleted it.
     */
    async identityScan(id: unknown, who: Who): Promise<{ filename: string; mime: string; bytes: Buffer }> {
      const row = await self.assertMay(who, 'identity-scan', id);
      const scan = await self.identityScanOf(row.documentId);
      if (!scan) {
        const deletedAt = await self.scanDeletedAt(row.documentId);
        if (deletedAt) {
          throw createError(410, `Pindaian identitas telah dihapus pada ${deletedAt} (masa retensi berakhir) / the identity scan was deleted at the end of its retention`, {
            name: 'GoneError',
            expose: true,
            details: { reason: 'scan_deleted', deletedAt },
          });
        }
        throw notFound('Permohonan ini tidak disertai pindaian identitas / this request has no identity scan', { reason: 'no_scan' });
      }
      // Logged before the bytes leave: a failed log write is a failed read.
      await self.record({ subject: 'identity-scan', outcome: 'read', requestDocumentId: row.documentId, requestNumber: row.number, who, detail: `${scan.mime}, ${scan.size} bytes` });
      const filename = `identitas-${row.number}.${EXT[scan.mime] ?? 'bin'}`.replace(/[^A-Za-z0-9._-]+/g, '-');
      return { filename, mime: scan.mime, bytes: scan.bytes };
    },

    identityScanOf(documentId: string) {
      return getService(strapi, 'requests').identityScanOf(documentId);
    },

    /**
     * The applicant as officials handling the request see them (requests.manage): the identity
     * number masked (as on the receipt) unless the caller holds requests.personal-data, then in
     * full and logged; phone and e-mail as the registers show them (full with
     * records.personal-data or requests.personal-data); whether there is a scan (never its bytes).
     */
    async applicant(id: unknown, who: Who) {
      const row = await requestRow(id);
      const full = who.can(REQUESTS_PERSONAL_DATA);
      const contact = full || who.can(RECORDS_PERSONAL_DATA);
      const identity = getService(strapi, 'requests').identityOf(row);
      if (full && identity) {
        await self.record({ subject: 'identity-number', outcome: 'read', requestDocumentId: row.documentId, requestNumber: row.number, who });
      }
      const scan = await self.scanMeta(row.documentId);
      return {
        number: row.number,
        type: row.applicantType,
        name: row.applicantName,
        address: row.applicantAddress,
        email: contact ? row.applicantEmail : maskContact(row.applicantEmail ?? ''),
        phone: contact ? row.applicantPhone : maskContact(row.applicantPhone ?? ''),
        identityNumber: identity ? (full ? identity : maskIdentity(identity)) : null,
        masked: !full,
        identityScan: scan
          ? { present: true, mime: scan.mime, size: scan.size, receivedAt: scan.receivedAt, deletedAt: null, readable: full }
          : { present: false, deletedAt: await self.scanDeletedAt(row.documentId), readable: false },
      };
    },

    /** The log for auditors, newest first: `request` (number or document id), `outcome`, `from`/`to` (ISO dates), paging. */
    async listLog(query: Record<string, unknown>) {
      const page = query.page == null ? 1 : Number(query.page);
      const pageSize = query.pageSize == null ? 50 : Number(query.pageSize);
      if (!Number.isInteger(page) || page < 1) throw badRequest('page: bilangan bulat ≥ 1 / a whole number ≥ 1', { errors: [{ path: ['page'], message: 'invalid', name: 'ValidationError' }] });
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw badRequest('pageSize: 1-200', { errors: [{ path: ['pageSize'], message: 'invalid', name: 'ValidationError' }] });
      const b = knex()(PERSONAL_DATA_LOG_TABLE);
      if (typeof query.request === 'string' && query.request) {
        const r = query.request;
        b.where((w: any) => w.where('request_number', r).orWhere('request_document_id', r));
      }
      if (query.outcome != null) {
        if (!['read', 'refused', 'deleted'].includes(String(query.outcome))) {
          throw badRequest('outcome: read, refused atau deleted / read, refused or deleted', { errors: [{ path: ['outcome'], message: 'invalid', name: 'ValidationError' }] });
        }
        b.where('outcome', String(query.outcome));
      }
      for (const [key, op] of [['from', '>='], ['to', '<']] as const) {
        if (query[key] == null || query[key] === '') continue;
        const d = new Date(String(query[key]));
        if (!/^\d{4}-\d{2}-\d{2}/.test(String(query[key])) || Number.isNaN(d.getTime())) {
          throw badRequest(`${key}: tanggal ISO / an ISO date`, { errors: [{ path: [key], message: 'invalid', name: 'ValidationError' }] });
        }
        b.where('at', op, d);
      }
      const total = Number((await b.clone().count({ n: '*' }))[0]?.n ?? 0);
      const rows = await b.orderBy([{ column: 'at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(pageSize).offset((page - 1) * pageSize);
      return {
        data: rows.map((r: any) => ({
          id: Number(r.id),
          at: new Date(r.at).toISOString(),
          subject: r.subject,
          outcome: r.outcome,
          reason: r.reason,
          request: { documentId: r.request_document_id, number: r.request_number },
          user: r.user_id == null ? null : { id: Number(r.user_id), email: r.user_email },
          ip: r.ip,
          userAgent: r.user_agent,
          detail: r.detail,
        })),
        meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } },
      };
    },

    /** What decides a scan's retention: the request's run end, its objections and disputes. */
    async caseFacts(documentId: string): Promise<CaseFacts | null> {
      const row = await q().findOne({ where: { documentId }, select: ['id', 'number'] });
      if (!row) return null;
      const run = await strapi.db.query(UID.run).findOne({
        where: { itemUid: UID.informationRequest, itemDocumentId: documentId },
        orderBy: { id: 'desc' },
        select: ['status', 'endedAt', 'updatedAt'],
      });
      const closed = !!run && CLOSED.includes(run.status);
      const objections = await strapi.db.query(UID.objection).findMany({ where: { request: row.id }, select: ['answeredAt', 'dispute'] });
      return {
        requestClosedAt: closed ? new Date(run.endedAt ?? run.updatedAt) : null,
        objections: objections.map((o: any) => ({
          answeredAt: o.answeredAt ? new Date(o.answeredAt) : null,
          dispute: o.dispute ? { filedAt: String(o.dispute.filedAt ?? ''), outcome: o.dispute.outcome ? { date: String(o.dispute.outcome.date ?? '') } : null } : null,
        })),
      };
    },

    /**
     * The retention job: deletes every identity scan whose case closed more than
     * identityScanRetentionDays ago (the sealed bytes: the scan was never a file outside the
     * database; the multipart temp file went with the answer), each with its log row in one
     * transaction, the case re-read inside it (an objection filed meanwhile keeps the scan).
     */
    async sweep(now: Date = clock().now()): Promise<{ deleted: string[]; kept: number }> {
      const days = self.retentionDays();
      // A scan is never due before its own filing plus the period: the rest need no look.
      const candidates: { request_document_id: string; mime: string; size: number }[] = await knex()(SCANS_TABLE)
        .where('created_at', '<', new Date(now.getTime() - days * DAY))
        .select('request_document_id', 'mime', 'size');
      const deleted: string[] = [];
      let kept = 0;
      for (const c of candidates) {
        const done = await strapi.db.transaction(async ({ trx }) => {
          const facts = await self.caseFacts(c.request_document_id);
          const r = facts ? scanRetention(facts, days) : { hold: null, due: now };
          if (r.hold || !r.due || r.due.getTime() > now.getTime()) return false;
          const gone = await knex()(SCANS_TABLE).transacting(trx).where({ request_document_id: c.request_document_id }).del();
          if (!gone) return false;
          const number = facts ? (await q().findOne({ where: { documentId: c.request_document_id }, select: ['number'] }))?.number ?? null : null;
          await self.record(
            {
              subject: 'identity-scan',
              outcome: 'deleted',
              reason: facts ? 'retention' : 'request_deleted',
              requestDocumentId: c.request_document_id,
              requestNumber: number,
              detail: `${c.mime}, ${Number(c.size)} bytes; ${days} hari setelah perkara selesai / days after the case closed`,
            },
            trx
          );
          return true;
        });
        if (done) deleted.push(c.request_document_id);
        else kept++;
      }
      if (deleted.length) strapi.log.info(`[ppid] identity scans deleted at the end of retention: ${deleted.length}`);
      return { deleted, kept };
    },

    /** Daily at 02:30 in the body's zone, under the job lease (platform/background.ts). */
    schedule() {
      const tz = clock().calendar().timeZone;
      scheduleJob(strapi, { name: RETENTION_JOB, rule: '30 2 * * *', ...(tz.includes('/') ? { tz } : {}), task: () => self.sweep() });
    },

    /** Without the cron (tests, jobs off): the job is still known to the lease, to be fired by hand (`jobs.fire`). */
    registerOnly() {
      getService(strapi, 'jobs').register(RETENTION_JOB, () => self.sweep());
    },
  };
  return self;
};
