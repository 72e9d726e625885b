import { PassThrough, type Writable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { localIsoDate } from '../../core/calendar';
import { formatIssue } from '../../core/classification/validation';
import {
  OBJECTION_REGISTER_COLUMNS,
  REQUEST_REGISTER_COLUMNS,
  annualReport,
  annualSummary,
  byReceipt,
  objectionFacts,
  objectionRegisterRow,
  parsePeriod,
  periodBounds,
  requestFacts,
  requestRegisterRow,
  type AnnualReport,
  type Period,
} from '../../core/requests';
import { badRequest, conflict, fieldError } from '../../errors';
import { UID, appTypes } from '../../platform/uids';
import { getService } from '../../services/get-service';
import { writeAnnualPdf, writeAnnualXlsx, writeRegisterCsv, writeRegisterPdf, writeRegisterXlsx, type RegisterSheet } from '../exports';

export const REGISTERS = ['permohonan', 'keberatan'] as const;
export type RegisterName = (typeof REGISTERS)[number];
export const REGISTER_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];
export const CONTENT_TYPES: Record<RegisterFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};
const TITLES: Record<RegisterName, string> = { permohonan: 'Register Permohonan Informasi Publik', keberatan: 'Register Keberatan' };

// Every stored field a register may print; never the identity number (applicantIdentity).
const REQUEST_FIELDS_NEVER = new Set(['applicantIdentity']);

/**
 * The registers (Perki 1/2021) and the annual report (UU 14/2008 Pasal 12): reads the stored
 * requests and objections of a period and hands them to core/requests (the mapping and the
 * numbers); the exports are streamed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const zones = () => getService(strapi, 'zones');
  // An open request or objection past its deadline shows as breached at the moment of printing.
  const asOfNow = (): Date => getService(strapi, 'clock').now();

  /** Stored columns of a type minus the sealed identity number: new fields come along by themselves. */
  const NOT_SCALAR = new Set(['relation', 'component', 'dynamiczone', 'media']);
  const requestColumns = () => {
    const attrs = (strapi.contentType(UID.informationRequest as any) as any).attributes as Record<string, { type: string }>;
    return Object.keys(attrs).filter((a) => !REQUEST_FIELDS_NEVER.has(a) && !NOT_SCALAR.has(attrs[a].type));
  };

  const self = {
    instansi(): string {
      return getService(strapi, 'dip').settings().instansi;
    },

    /** The period of `?year=` or `?from=&to=` (400 naming the field); default: this year, locally. */
    async period(query: Record<string, unknown>): Promise<Period> {
      const timeZone = await zones().bodyZone();
      const thisYear = Number(localIsoDate(getService(strapi, 'clock').now(), timeZone).slice(0, 4));
      const p = parsePeriod(strip(query), thisYear);
      if (!p.ok) throw badRequest(`Periode tidak valid / invalid period: ${p.errors.map(formatIssue).join('; ')}`, { field: p.errors[0].path, errors: p.errors.map((e) => ({ path: [e.path], message: e.message, name: 'ValidationError' })) });
      return p.value;
    },

    async requestsIn(period: Period) {
      const timeZone = await zones().bodyZone();
      const { start, end } = periodBounds(period, timeZone);
      const rows = await strapi.db.query(UID.informationRequest).findMany({
        where: { receivedAt: { $gte: start.toISOString(), $lt: end.toISOString() } },
        select: requestColumns(),
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      });
      return byReceipt(rows.map((r: any) => requestFacts(r)));
    },

    async objectionsIn(period: Period) {
      const timeZone = await zones().bodyZone();
      const { start, end } = periodBounds(period, timeZone);
      const rows = await strapi.db.query(UID.objection).findMany({
        where: { receivedAt: { $gte: start.toISOString(), $lt: end.toISOString() } },
        populate: { request: { select: ['number', 'applicantName'] } },
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      });
      return byReceipt(rows.map((r: any) => objectionFacts(r)));
    },

    /** One register of a period as a sheet (title, columns, rows). */
    async sheet(name: RegisterName, period: Period, opts: { fullContact: boolean }): Promise<RegisterSheet> {
      const timeZone = await zones().bodyZone();
      const calendar = zones().calendarIn(timeZone);
      const base = { title: TITLES[name], instansi: self.instansi(), period: period.label };
      if (name === 'permohonan') {
        const facts = await self.requestsIn(period);
        return { ...base, columns: REQUEST_REGISTER_COLUMNS, rows: facts.map((f, i) => requestRegisterRow(f, i + 1, { timeZone, calendar, fullContact: opts.fullContact, asOf: asOfNow() })) };
      }
      const facts = await self.objectionsIn(period);
      return { ...base, columns: OBJECTION_REGISTER_COLUMNS, rows: facts.map((f, i) => objectionRegisterRow(f, i + 1, { timeZone, asOf: asOfNow() })) };
    },

    writeSheet(sheet: RegisterSheet, format: RegisterFormat, out: Writable): Promise<void> {
      if (format === 'csv') return writeRegisterCsv(sheet, out);
      if (format === 'xlsx') return writeRegisterXlsx(sheet, out);
      return writeRegisterPdf(sheet, out);
    },

    /** A PassThrough for ctx.body; the writer runs behind it and ends it (or destroys it on error). */
    stream(write: (out: Writable) => Promise<void>) {
      const pass = new PassThrough();
      write(pass).catch((e) => pass.destroy(e));
      return pass;
    },

    /** The year's report: requests and objections received in it, consequence tests decided in it. */
    async annual(year: number): Promise<AnnualReport> {
      if (!Number.isInteger(year) || year < 2008 || year > 9999) throw fieldError('year', 'tahun 2008-9999 / a year 2008-9999');
      const period: Period = { from: `${year}-01-01`, to: `${year}-12-31`, label: `Tahun ${year}` };
      const timeZone = await zones().bodyZone();
      const tests = await strapi.db.query(UID.consequenceTest).findMany({
        where: { publishedAt: { $notNull: true }, tanggalKeputusan: { $startsWith: String(year) } },
        select: ['documentId', 'dasarHukum', 'bagianDikecualikan'],
      });
      const seen = new Set<string>();
      const consequenceTests = tests
        .filter((t: any) => !seen.has(t.documentId) && seen.add(t.documentId))
        .map((t: any) => ({
          grounds: [t.dasarHukum?.hurufPasal17, ...(Array.isArray(t.bagianDikecualikan) ? t.bagianDikecualikan.map((b: any) => b?.hurufPasal17) : [])].filter((x) => typeof x === 'string'),
        }));
      return annualReport(year, { requests: await self.requestsIn(period), objections: await self.objectionsIn(period), consequenceTests, asOf: asOfNow() }, zones().calendarIn(timeZone));
    },

    annualTitle(year: number) {
      return `Laporan Layanan Informasi Publik Tahun ${year}`;
    },

    async writeAnnual(year: number, format: 'pdf' | 'xlsx', out: Writable, computed?: AnnualReport): Promise<void> {
      const report = computed ?? (await self.annual(year));
      const meta = { instansi: self.instansi(), title: self.annualTitle(year) };
      return format === 'pdf' ? writeAnnualPdf(report, meta, out) : writeAnnualXlsx(report, meta, out);
    },

    /**
     * The report's summary as a DRAFT berkala information item (Pasal 9: ringkasan laporan layanan
     * informasi), only when the officer asks; it is published through the body's SOP like any
     * item, never here. One open draft per year: a second ask is a 409 naming the first.
     */
    async proposeAnnual(year: number): Promise<{ uid: string; documentId: string; title: string; summary: string }> {
      const { itemType } = appTypes(strapi);
      if (!itemType) throw conflict('Aplikasi ini tidak memiliki tipe informasi publik / this app has no information item type', { reason: 'no_item_type' });
      const report = await self.annual(year);
      const { title, summary } = annualSummary(report, self.instansi());
      const existing = await strapi.db.query(itemType as any).findOne({ where: { title }, select: ['documentId'] });
      if (existing) throw conflict(`Ringkasan tahun ${year} sudah diusulkan / already proposed (${existing.documentId})`, { reason: 'already_proposed', documentId: existing.documentId });
      const attrs = (strapi.contentType(itemType as any) as any).attributes ?? {};
      const data: Record<string, unknown> = { title, summary };
      if (attrs.classification) data.classification = 'berkala';
      const doc = await strapi.documents(itemType as any).create({ data: data as any, status: 'draft' } as any);
      return { uid: itemType, documentId: doc.documentId, title, summary };
    },
  };

  function strip(query: Record<string, unknown>) {
    const out: Record<string, unknown> = {};
    for (const k of ['year', 'from', 'to']) if (query[k] !== undefined && query[k] !== '') out[k] = query[k];
    return out;
  }

  return self;
};
