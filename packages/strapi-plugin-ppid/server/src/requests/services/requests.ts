import type { Core } from '@strapi/strapi';
import createError from 'http-errors';
import { requestsConfig, type RequestsConfig } from '../../config';
import { formatWaktuPemberitahuan, localIsoDate } from '../../core/calendar';
import { formatIssue, type ValidationIssue } from '../../core/classification/validation';
import {
  checkObjectionTiming,
  formatRequestNumber,
  noticeDueAt,
  objectionAnswerDueAt,
  validateObjection,
  normalizeEmail,
  openPersonalData,
  parsePersonalDataKey,
  requestCounterName,
  openPersonalBytes,
  sealPersonalBytes,
  sealPersonalData,
  validateRequest,
  type PersonalDataKey,
  NOTICE_OUTCOME_LABEL,
  type NoticeOutcome,
  type ScanType,
  type EntryChannel,
} from '../../core/requests';
import { SCANS_TABLE } from '../tables';
import { badRequest, conflict, notFound } from '../../errors';
import { isUniqueViolation } from '../../platform/services/constraints';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';
import { requestStatus } from './desk';

import type objectionsService from './objections';

type ObjectionsService = ReturnType<typeof objectionsService>;
type Series = 'information-request' | 'objection' | 'notice';

/** The applicant's identity scan as received (its type read from its bytes). */
export type IdentityScan = { bytes: Buffer; mime: ScanType };

/** What the applicant gets on filing (the registration number is the proof of receipt, Pasal 22 ayat 4). */
export type FiledRequest = { number: string; receivedAt: string; dueAt: string };

/** The tracking answer: the applicant's own request, without their personal data. */
export type RequestStatus = {
  number: string;
  receivedAt: string;
  dueAt: string;
  extended: boolean;
  status: 'diterima' | 'diproses' | 'diputuskan' | 'selesai' | 'dibatalkan';
  statusLabel: string;
  step: { current: number; total: number } | null;
  information: string;
  obtainBy: string;
  deliverBy: string;
  /** Pasal 22 ayat (8): the one extension, when given. */
  extension: { days: number; reasons: string; originalDueAt: string; extendedAt: string } | null;
  /** The signed written notice (Pasal 22 ayat 7): its outcome and where the applicant reads it. */
  decision: { outcome: string; outcomeLabel: string; decidedAt: string; noticeNumber: string | null; noticeUrl: string; verificationCode: string | null } | null;
  /** Where the receipt (tanda bukti penerimaan) PDF is (with ?email=, as tracking; the answer never carries the e-mail). */
  receiptUrl: string;
  /**
   * The applicant's objections (keberatan): when the Atasan PPID's answer is due, the answer
   * (decision, date, the signed PDF's path), the Komisi Informasi deadline and the dispute.
   */
  objections: Awaited<ReturnType<ObjectionsService['tracked']>>[];
};

/** What the applicant gets on filing an objection (its register number and the answer's deadline). */
export type FiledObjection = { number: string; request: string; receivedAt: string; dueAt: string };

const STATUS_LABEL: Record<RequestStatus['status'], string> = {
  diterima: 'Diterima, sedang diregistrasi / received, being registered',
  diproses: 'Sedang diproses / in progress',
  diputuskan: 'Diputuskan: pemberitahuan tertulis telah ditandatangani PPID / decided: the written notice is signed',
  selesai: 'Selesai: pemberitahuan tertulis telah disampaikan / done: the written notice was sent',
  dibatalkan: 'Dibatalkan / cancelled',
};

const invalid = (errors: ValidationIssue[]) =>
  badRequest(`Permohonan tidak valid / invalid request: ${errors.map(formatIssue).join('; ')}`, {
    errors: errors.map((e) => ({ path: e.path ? e.path.split('.') : [], message: e.message, name: 'ValidationError' })),
  });

/** Same answer for an unknown number and a wrong e-mail: tracking tells nobody whether a number exists. */
const notYours = () => notFound('Permohonan tidak ditemukan / request not found');

/**
 * Requests for public information (UU 14/2008 Pasal 21-22): filing by the public, the registration
 * number, the written-notice deadline on the body's working calendar, and the run of the service
 * SOP each request opens. The rules are core/requests; this is the adapter.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const q = () => strapi.db.query(UID.informationRequest);
  let keyCache: { text: string; retired: string; keys: PersonalDataKey[] } | null = null;

  const self = {
    settings(): RequestsConfig {
      return requestsConfig(strapi.plugin('ppid').config('requests'));
    },

    /** The active key first, then the retired ones; a missing key is a 503, never a clear-text store. */
    personalDataKeys(): PersonalDataKey[] {
      const s = self.settings();
      const retired = s.retiredPersonalDataKeys.join(',');
      if (keyCache && keyCache.text === s.personalDataKey && keyCache.retired === retired) return keyCache.keys;
      let keys: PersonalDataKey[];
      try {
        keys = [s.personalDataKey, ...s.retiredPersonalDataKeys].map(parsePersonalDataKey);
      } catch (e) {
        strapi.log.error(`[ppid] ${(e as Error).message}`);
        throw createError(503, 'Layanan permohonan belum dikonfigurasi / the request service is not configured', {
          name: 'ServiceUnavailableError',
          details: { reason: 'personal_data_key' },
          expose: true,
        });
      }
      keyCache = { text: s.personalDataKey, retired, keys };
      return keys;
    },

    /**
     * Creates the year's counter row if missing, outside any transaction: a racing twin fails on
     * the unique name (ppid_counters_name_uq), which inside a transaction would abort it on PostgreSQL.
     */
    async ensureYearCounter(year: number, series: Series = 'information-request'): Promise<void> {
      const table = strapi.db.metadata.get(UID.counter).tableName;
      const name = requestCounterName(year, series);
      if (await strapi.db.connection(table).where({ name }).first()) return;
      await strapi.db
        .connection(table)
        .insert({ name, value: 0, document_id: `ctr-${name}` })
        .catch((e: unknown) => {
          if (!isUniqueViolation(e)) throw e;
        });
    },

    /**
     * The counter row inside the caller's transaction, when ensureYearCounter could not run before
     * it (a notice signed in a year no notice was recorded in): only then is it inserted here.
     */
    async ensureYearCounterIn(year: number, trx: any, series: Series): Promise<void> {
      const table = strapi.db.metadata.get(UID.counter).tableName;
      const name = requestCounterName(year, series);
      const knex = strapi.db.connection;
      if (await knex(table).transacting(trx).where({ name }).first()) return;
      await knex(table).transacting(trx).insert({ name, value: 0, document_id: `ctr-${name}` });
    },

    /** Takes the next serial of the year's counter in the caller's transaction (row lock until commit). */
    async nextSerial(year: number, trx: any, series: Series = 'information-request'): Promise<number> {
      const table = strapi.db.metadata.get(UID.counter).tableName;
      const name = requestCounterName(year, series);
      const knex = strapi.db.connection;
      const row = await knex(table).transacting(trx).where({ name }).forUpdate().first();
      if (!row) throw new Error(`request counter ${name} missing (ensureYearCounter)`);
      const serial = Number(row.value) + 1;
      await knex(table).transacting(trx).where({ name }).update({ value: serial });
      return serial;
    },

    /**
     * Files a request: checked field by field (400 naming the field), numbered, its deadline set
     * (10 working days, Pasal 22 ayat 7), stored with the identity number sealed, and its SOP
     * run opened, all in one transaction: nothing is half-stored. The identity scan, when sent,
     * is sealed with the same key and stored in the plugin's table ppid_request_scans (never in
     * the media library or public/uploads), in that transaction.
     */
    async file(
      body: unknown,
      channel: 'api' | 'portal' | EntryChannel = 'api',
      scan: IdentityScan | null = null,
      // Who entered a request received in person or by letter (the admin door, request-desk).
      enteredBy: { userId: string; nama: string; nip: string | null; jabatan: string } | null = null
    ): Promise<FiledRequest> {
      const checked = validateRequest(body);
      if (!checked.ok) throw invalid(checked.errors);
      const r = checked.value;
      const [key] = self.personalDataKeys();
      const settings = self.settings();
      // The SOP must exist before anything is numbered (a body that named its own must import it).
      await getService(strapi, 'sops').current(settings.sopCode);
      const zones = getService(strapi, 'zones');
      const timeZone = await zones.bodyZone();
      const calendar = zones.calendarIn(timeZone);
      const receivedAt: Date = getService(strapi, 'clock').now();
      const dueAt = noticeDueAt(receivedAt, calendar);
      const year = Number(localIsoDate(receivedAt, timeZone).slice(0, 4));
      const sealedScan = scan ? sealPersonalBytes(scan.bytes, key!) : null;
      await self.ensureYearCounter(year);

      const filed: FiledRequest = await strapi.db.transaction(async ({ trx }) => {
        const serial = await self.nextSerial(year, trx);
        const number = formatRequestNumber(settings.numberPattern, { serial, receivedAt, timeZone });
        const row = await q().create({
          data: {
            number,
            receivedAt: receivedAt.toISOString(),
            dueAt: dueAt.toISOString(),
            extended: false,
            channel,
            enteredBy,
            applicantType: r.applicant.type,
            applicantName: r.applicant.name,
            applicantAddress: r.applicant.address,
            applicantEmail: r.applicant.email,
            applicantPhone: r.applicant.phone,
            applicantIdentity: sealPersonalData(r.applicant.identityNumber, key!),
            information: r.information,
            purpose: r.purpose,
            obtainBy: r.obtainBy,
            deliverBy: r.deliverBy,
          },
        });
        if (scan && sealedScan) {
          await strapi.db
            .connection(SCANS_TABLE)
            .transacting(trx)
            .insert({ request_document_id: row.documentId, mime: scan.mime, size: scan.bytes.length, sealed: sealedScan, created_at: receivedAt });
        }
        await getService(strapi, 'workflow').openForPublic({
          uid: UID.informationRequest,
          documentId: row.documentId,
          sopCode: settings.sopCode,
          title: `Permohonan informasi ${number}`,
          contentHash: await getService(strapi, 'content').hashOf(UID.informationRequest, row),
        });
        return { number, receivedAt: receivedAt.toISOString(), dueAt: dueAt.toISOString() };
      });
      // After commit: the receipt mail (tanda bukti penerimaan); a failure is logged, the filing stands.
      void getService(strapi, 'request-notices')
        .mailReceipt(filed.number)
        .catch((e: unknown) => strapi.log.warn(`[ppid] receipt mail ${filed.number}: ${(e as Error).message}`));
      return filed;
    },

    /** The status of a request for the applicant who filed it: 404 for any other e-mail. */
    async track(number: unknown, email: unknown): Promise<RequestStatus> {
      if (typeof number !== 'string' || typeof email !== 'string' || !number || !email) throw notYours();
      const row = await q().findOne({ where: { number } });
      if (!row || row.applicantEmail !== normalizeEmail(email)) throw notYours();
      const run = await strapi.db.query(UID.run).findOne({
        where: { itemUid: UID.informationRequest, itemDocumentId: row.documentId },
        orderBy: { id: 'desc' },
        select: ['status', 'currentStep', 'state'],
      });
      const total = Array.isArray(run?.state?.steps) ? run.state.steps.length : 0;
      const status: RequestStatus['status'] = requestStatus(run, row.decidedAt);
      const objections = await strapi.db.query(UID.objection).findMany({
        where: { request: row.id },
        orderBy: { id: 'asc' },
        select: ['number', 'receivedAt', 'dueAt', 'reasons', 'answerDecision', 'answeredAt', 'answerSigner', 'dispute'],
      });
      const now: Date = getService(strapi, 'clock').now();
      const tracked: RequestStatus['objections'] = [];
      for (const o of objections) tracked.push(await getService(strapi, 'objections').tracked(o, row.number, now));
      return {
        number: row.number,
        receivedAt: new Date(row.receivedAt).toISOString(),
        dueAt: new Date(row.dueAt).toISOString(),
        extended: !!row.extended,
        status,
        statusLabel: STATUS_LABEL[status],
        step: run ? { current: run.currentStep, total } : null,
        information: row.information,
        obtainBy: row.obtainBy,
        deliverBy: row.deliverBy,
        extension:
          row.extended && row.originalDueAt
            ? {
                days: Number(row.extensionDays ?? 0),
                reasons: row.extensionReasons ?? '',
                originalDueAt: new Date(row.originalDueAt).toISOString(),
                extendedAt: new Date(row.extendedAt ?? row.updatedAt).toISOString(),
              }
            : null,
        decision: row.decidedAt && row.outcome
          ? {
              outcome: row.outcome,
              outcomeLabel: NOTICE_OUTCOME_LABEL[row.outcome as NoticeOutcome] ?? row.outcome,
              decidedAt: new Date(row.decidedAt).toISOString(),
              noticeNumber: row.noticeNumber ?? null,
              noticeUrl: `${getService(strapi, 'verification').publicApiUrl(`/ppid/requests/${encodeURIComponent(row.number)}/notice`)}`,
              verificationCode: row.noticeCode ?? null,
            }
          : null,
        receiptUrl: `${getService(strapi, 'verification').publicApiUrl(`/ppid/requests/${encodeURIComponent(row.number)}/receipt`)}`,
        objections: tracked,
      };
    },

    /**
     * The applicant objects (keberatan, Pasal 35): their own request only (404 otherwise, as
     * tracking), within 30 working days of finding the reason (Pasal 36 ayat 1; else 409 saying
     * why and until when), answered by the Atasan PPID within 30 working days (ayat 2). The
     * objection and the run of its SOP are stored in one transaction.
     */
    async fileObjection(requestNumber: unknown, body: unknown): Promise<FiledObjection> {
      const checked = validateObjection(body);
      if (!checked.ok) {
        throw badRequest(`Keberatan tidak valid / invalid objection: ${checked.errors.map(formatIssue).join('; ')}`, {
          errors: checked.errors.map((e) => ({ path: e.path ? e.path.split('.') : [], message: e.message, name: 'ValidationError' })),
        });
      }
      const o = checked.value;
      if (typeof requestNumber !== 'string' || !requestNumber) throw notYours();
      const request = await q().findOne({ where: { number: requestNumber } });
      if (!request || request.applicantEmail !== o.email) throw notYours();
      const settings = self.settings();
      await getService(strapi, 'sops').current(settings.objectionSopCode);
      const zones = getService(strapi, 'zones');
      const timeZone = await zones.bodyZone();
      const calendar = zones.calendarIn(timeZone);
      const receivedAt: Date = getService(strapi, 'clock').now();
      // The window runs from the notice's date (signed and sent at once) when there is one, else
      // from its deadline (the request went unanswered).
      const timing = checkObjectionTiming({ dueAt: new Date(request.dueAt), noticeSentAt: request.decidedAt ? new Date(request.decidedAt) : null }, receivedAt, calendar);
      if (!timing.ok) {
        throw conflict(`${timing.message}; batas / deadline ${formatWaktuPemberitahuan(timing.deadline, timeZone)}`, {
          reason: 'objection_late',
          deadline: timing.deadline.toISOString(),
        });
      }
      const dueAt = objectionAnswerDueAt(receivedAt, calendar);
      const year = Number(localIsoDate(receivedAt, timeZone).slice(0, 4));
      await self.ensureYearCounter(year, 'objection');
      const filed: FiledObjection = await strapi.db.transaction(async ({ trx }) => {
        const serial = await self.nextSerial(year, trx, 'objection');
        const number = formatRequestNumber(settings.objectionNumberPattern, { serial, receivedAt, timeZone });
        const row = await strapi.db.query(UID.objection).create({
          data: { number, request: request.id, receivedAt: receivedAt.toISOString(), dueAt: dueAt.toISOString(), reasons: o.reasons, statement: o.statement },
        });
        await getService(strapi, 'workflow').openForPublic({
          uid: UID.objection,
          documentId: row.documentId,
          sopCode: settings.objectionSopCode,
          title: `Keberatan ${number} atas permohonan ${request.number}`,
          contentHash: await getService(strapi, 'content').hashOf(UID.objection, row),
        });
        return { number, request: request.number, receivedAt: receivedAt.toISOString(), dueAt: dueAt.toISOString() };
      });
      // After commit: the form as filed (tanda bukti penerimaan keberatan); a failure is logged, the filing stands.
      void getService(strapi, 'objection-forms')
        .mailForm(filed.number)
        .catch((e: unknown) => strapi.log.warn(`[ppid] objection form mail ${filed.number}: ${(e as Error).message}`));
      return filed;
    },

    /** The applicant's identity scan, opened (for officials who may see it; no route yet), or null. */
    async identityScanOf(documentId: string): Promise<{ mime: string; size: number; bytes: Buffer } | null> {
      const row = await strapi.db.connection(SCANS_TABLE).where({ request_document_id: documentId }).first();
      if (!row) return null;
      return { mime: row.mime, size: Number(row.size), bytes: openPersonalBytes(Buffer.from(row.sealed), self.personalDataKeys()) };
    },

    /** The applicant's identity number, for officials who may read it (admin side, later: masked and logged). */
    identityOf(row: { applicantIdentity?: string | null }): string | null {
      return row.applicantIdentity ? openPersonalData(row.applicantIdentity, self.personalDataKeys()) : null;
    },
  };
  return self;
};
