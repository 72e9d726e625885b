import type { Core } from '@strapi/strapi';
import { track } from '../../platform/background';
import { PassThrough, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DEFAULT_DECREE_PATTERN,
  DIP_COLUMNS,
  DIP_HEADERS,
  DipImportError,
  diffEditions,
  formatDecreeNumber,
  formatRow,
  guardFormula,
  isDipClassification,
  parseCsv,
  parseXlsx,
  validateDipEntry,
  validateImportRows,
  validatePattern,
  type DipEditionDiff,
  type DipEntry,
  type DipForm,
} from '../../core/dip';
import type { SignatureRecord } from '../../core/signature';
import { writeDipCsv, writeDipPdf, writeDipXlsx, type DipEditionMeta } from '../exports';
import { badRequest, conflict, notFound } from '../../errors';
import { asSystem } from '../../workflow/context';
import { UID, appTypes } from '../../platform/uids';
import { maskNip } from '../../core/nip';

/**
 * Daftar Informasi Publik: entries proposed from approved items, editions snapshotted from
 * them and established by decree through seed 002, their public reads, diffs, exports and import.
 *
 * Excluded information (dikecualikan, UU 14/2008 Pasal 17) never enters the DIP (Pasal 11(1)a):
 * it is filtered when an edition is snapshotted and filtered again whenever one is exported.
 */
export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
const DECREE_LOCK = 'dip-decree';
export const EXPORT_FORMATS: ExportFormat[] = ['csv', 'xlsx', 'pdf'];
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export type EditionSigner = {
  nama: string;
  nip: string | null;
  jabatan: string;
  unit?: string | null;
  capacity?: string | null;
  verificationCode: string;
  signedAt: string;
};

export type EditionRow = {
  id: number;
  documentId: string;
  title: string;
  year: number;
  instansi: string;
  unitCode: string | null;
  ditetapkanDi: string | null;
  entries: DipEntry[] | null;
  previousEdition: string | null;
  decreeNumber: string | null;
  decreeSerial: number | null;
  decreeDate: string | null;
  signer: EditionSigner | null;
  editionStatus: 'draft' | 'in_review' | 'established';
  publishedAt: string | null;
  createdAt: string;
};

const FORM_OF: Record<string, DipForm[]> = {
  softcopy: ['softcopy'],
  hardcopy: ['hardcopy'],
  softcopy_hardcopy: ['softcopy', 'hardcopy'],
};

/** A dip-entry (or information-item) row as the core's DipEntry. */
export function entryFromRow(row: any, index: number): DipEntry {
  const wt = row.waktuTempat ?? row.production ?? {};
  const r = row.retensi ?? row.retention ?? {};
  const e: DipEntry = {
    nomor: row.nomor ?? index + 1,
    ringkasan: String(row.ringkasan ?? row.title ?? '').trim(),
    pejabatUnit: String(row.pejabatUnit ?? row.holder ?? row.unit?.name ?? '').trim(),
    penanggungJawab: String(row.penanggungJawab ?? row.responsible ?? row.holder ?? '').trim(),
    waktuTempat: {
      waktu: String(wt.date ?? wt.period ?? '').trim(),
      tempat: String(wt.place ?? '').trim(),
    },
    bentuk: FORM_OF[row.bentuk ?? row.form] ?? ['softcopy'],
    retensi: {
      aktifTahun: Number(r.activeYears ?? 2),
      inaktifTahun: Number(r.inactiveYears ?? 5),
      disposisiAkhir: r.disposition ?? 'dinilai_kembali',
      ...(r.note ? { keterangan: r.note } : {}),
    },
    klasifikasi: row.classification,
    key: row.informationItem?.documentId ?? row.documentId,
  };
  const link = row.link ?? null;
  if (link) e.tautan = link;
  return e;
}

/** The core's DipEntry as dip-entry data. */
export function rowFromEntry(e: DipEntry) {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(e.waktuTempat.waktu);
  const forms = new Set(e.bentuk);
  const nomor = Number(e.nomor);
  return {
    nomor: Number.isInteger(nomor) && nomor > 0 ? nomor : null,
    ringkasan: e.ringkasan,
    pejabatUnit: e.pejabatUnit,
    penanggungJawab: e.penanggungJawab,
    waktuTempat: isDate
      ? { date: e.waktuTempat.waktu, place: e.waktuTempat.tempat }
      : { period: e.waktuTempat.waktu, place: e.waktuTempat.tempat },
    bentuk: forms.has('softcopy') && forms.has('hardcopy') ? 'softcopy_hardcopy' : forms.has('hardcopy') ? 'hardcopy' : 'softcopy',
    retensi: {
      activeYears: e.retensi.aktifTahun,
      inactiveYears: e.retensi.inaktifTahun,
      disposition: e.retensi.disposisiAkhir,
      note: e.retensi.keterangan ?? null,
    },
    classification: e.klasifikasi,
    link: e.tautan ?? null,
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const editions = () => strapi.db.query(UID.dipEdition);
  // The host's item and DIP entry types (config itemType, dipEntryType; null when it has none).
  const itemType = () => appTypes(strapi).itemType;
  const entryType = (): string => {
    const t = appTypes(strapi).dipEntryType;
    if (!t) throw badRequest('Tipe entri DIP tidak dikonfigurasi (ppid config dipEntryType) / no DIP entry type configured (ppid config dipEntryType is null)');
    return t;
  };
  const cfg = (key: string, envName: string, fallback: string) =>
    (strapi.plugin('ppid').config(key) as string | undefined) || process.env[envName] || fallback;
  const settings = () => ({
    pattern: cfg('decreePattern', 'PPID_DECREE_PATTERN', DEFAULT_DECREE_PATTERN),
    kode: cfg('decreeKode', 'PPID_DECREE_KODE', '000.8.3.3'),
    unit: cfg('unitCode', 'PPID_UNIT_CODE', 'PPID'),
    instansi: cfg('instansi', 'PPID_INSTANSI', 'Pemerintah Daerah'),
    place: cfg('ditetapkanDi', 'PPID_DITETAPKAN_DI', ''),
  });
  // One place builds verification links (PUBLIC_URL aware): the verification service.
  const verificationUrl = (code: string): string => strapi.plugin('ppid').service('verification').verificationUrl(code);

  /** Runs `fn` once the surrounding transaction (if any) has committed. */
  function afterCommit(fn: () => Promise<unknown>) {
    const run = () => void track(fn().catch((e) => strapi.log.error(`[ppid dip] ${e?.message ?? e}`)));
    if (strapi.db.inTransaction()) void strapi.db.transaction(async ({ onCommit }) => onCommit(run));
    else run();
  }

  /** documentIds of information items that are (in any version) classified dikecualikan. */
  async function excludedKeys(keys: string[]): Promise<Set<string>> {
    // Plain knex, not the query engine: the public guard (public-filter) hides excluded items
    // from content-API requests, and this check must see them precisely then.
    const out = new Set<string>();
    const item = itemType();
    if (!item || !keys.length) return out;
    const table = strapi.db.metadata.get(item as any).tableName;
    // Inside the caller's transaction when there is one (sqlite has a single connection).
    await strapi.db.transaction(async ({ trx }) => {
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await strapi.db
          .getConnection(table)
          .transacting(trx)
          .distinct('document_id')
          .whereIn('document_id', keys.slice(i, i + 500))
          .where('classification', 'dikecualikan');
        for (const r of rows) out.add(r.document_id);
      }
    });
    return out;
  }

  /** Keeps only what may be public: a DIP class, and no link to an excluded item. */
  async function withoutExcluded(entries: DipEntry[]): Promise<{ kept: DipEntry[]; dropped: DipEntry[] }> {
    const excluded = await excludedKeys(entries.map((e) => e.key).filter(Boolean));
    const kept: DipEntry[] = [];
    const dropped: DipEntry[] = [];
    for (const e of entries) (isDipClassification(e.klasifikasi) && !excluded.has(e.key) ? kept : dropped).push(e);
    return { kept, dropped };
  }

  async function loadEdition(documentId: string, opts: { established?: boolean } = {}): Promise<EditionRow> {
    const row = (await editions().findOne({
      where: opts.established
        ? { documentId, publishedAt: { $notNull: true }, editionStatus: 'established' }
        : { documentId, publishedAt: { $null: true } },
    })) as EditionRow | null;
    if (!row) throw notFound(`Edisi DIP ${documentId} tidak ditemukan / DIP edition not found`);
    return row;
  }

  const self = {
    settings,

    /** An approved, published information item proposes (or refreshes) its own draft DIP entry. */
    async proposeFromItem(documentId: string) {
      const { itemType: itemUid, dipEntryType } = appTypes(strapi);
      if (!itemUid || !dipEntryType) return null; // DIP proposals are off without both types
      const item = await strapi.documents(itemUid as any).findOne({
        documentId,
        status: 'published',
        populate: { production: true, retention: true, unit: true } as any,
      });
      if (!item || item.classification === 'dikecualikan' || !isDipClassification(item.classification)) return null;
      const base = entryFromRow(item, 0);
      const data = {
        ...rowFromEntry(base),
        nomor: null,
        informationItem: { connect: [{ documentId }] },
      } as any;
      const existing = await strapi.db.query(dipEntryType as any).findOne({
        where: {
          informationItem: { documentId },
          publishedAt: { $null: true },
        },
        select: ['documentId'],
      });
      return asSystem(async () =>
        existing
          ? strapi.documents(dipEntryType as any).update({ documentId: existing.documentId, data })
          : strapi.documents(dipEntryType as any).create({ data }),
      );
    },

    /** Current entries: every dip-entry (its latest, draft version), as DipEntry. */
    async currentEntries(): Promise<DipEntry[]> {
      const dipEntryType = appTypes(strapi).dipEntryType;
      if (!dipEntryType) return [];
      const rows = await strapi.documents(dipEntryType as any).findMany({
        status: 'draft',
        populate: {
          waktuTempat: true,
          retensi: true,
          ...(itemType() ? { informationItem: { fields: ['documentId'] } } : {}),
        } as any,
        sort: [{ nomor: 'asc' }, { id: 'asc' }] as any,
        limit: 100000,
      } as any);
      return rows.map((r: any, i: number) => entryFromRow(r, i));
    },

    async lastEstablished(): Promise<EditionRow | null> {
      return (await editions().findOne({
        where: { publishedAt: { $notNull: true }, editionStatus: 'established' },
        orderBy: [{ decreeDate: 'desc' }, { id: 'desc' }],
      })) as EditionRow | null;
    },

    /**
     * Pemutakhiran: a new draft edition from the last established one's entries, overlaid with
     * the current entries (same key: the current one wins; new keys are appended). Excluded and
     * incomplete entries are left out and reported.
     */
    async createEdition(
      input: {
        title?: string;
        year?: number;
        instansi?: string;
        ditetapkanDi?: string;
      } = {},
    ) {
      const s = settings();
      const last = await self.lastEstablished();
      const byKey = new Map<string, DipEntry>();
      for (const e of last?.entries ?? []) byKey.set(e.key, e);
      for (const e of await self.currentEntries()) byKey.set(e.key, e);
      const { kept, dropped } = await withoutExcluded([...byKey.values()]);
      const entries: DipEntry[] = [];
      const skipped: { key: string; ringkasan: string; reason: string }[] = dropped.map((e) => ({
        key: e.key,
        ringkasan: e.ringkasan,
        reason: 'Informasi yang dikecualikan tidak masuk DIP (UU 14/2008 Pasal 11(1)a) / excluded information',
      }));
      for (const e of kept) {
        const issues = validateDipEntry({ ...e, nomor: entries.length + 1 });
        if (issues.length)
          skipped.push({
            key: e.key,
            ringkasan: e.ringkasan,
            reason: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
          });
        else entries.push({ ...e, nomor: entries.length + 1 });
      }
      const year = input.year ?? new Date().getFullYear();
      const doc = await strapi.documents(UID.dipEdition as any).create({
        data: {
          title: input.title ?? `Daftar Informasi Publik ${year}`,
          year,
          instansi: input.instansi ?? s.instansi,
          unitCode: s.unit,
          ditetapkanDi: input.ditetapkanDi ?? (s.place || null),
          entries,
          previousEdition: last?.documentId ?? null,
          editionStatus: 'draft',
        } as any,
      });
      return { edition: doc as unknown as EditionRow, skipped };
    },

    /** Editions, newest first; the public sees established ones only. */
    async list(opts: { established?: boolean } = {}) {
      const rows = (await editions().findMany({
        where: opts.established ? { publishedAt: { $notNull: true }, editionStatus: 'established' } : { publishedAt: { $null: true } },
        orderBy: [{ id: 'desc' }],
        select: ['documentId', 'title', 'year', 'instansi', 'decreeNumber', 'decreeDate', 'editionStatus', 'previousEdition', 'createdAt'],
      })) as EditionRow[];
      // Same field names as present(): `status` is the edition's status in every answer.
      return rows.map(({ editionStatus, ...rest }) => ({ ...rest, status: editionStatus }));
    },

    async get(documentId: string, opts: { established?: boolean } = {}) {
      return loadEdition(documentId, opts);
    },

    async current() {
      const row = await self.lastEstablished();
      if (!row) throw notFound('Belum ada DIP yang ditetapkan / no DIP edition has been established yet');
      return row;
    },

    /** The shape the public (and admin) read. */
    present(row: EditionRow, withEntries = true) {
      return {
        documentId: row.documentId,
        title: row.title,
        year: row.year,
        instansi: row.instansi,
        status: row.editionStatus,
        decreeNumber: row.decreeNumber ?? null,
        decreeDate: row.decreeDate ?? null,
        previousEdition: row.previousEdition ?? null,
        signer: row.signer
          ? {
              nama: row.signer.nama,
              nip: row.signer.nip,
              jabatan: row.signer.jabatan,
              verificationCode: row.signer.verificationCode,
              verificationUrl: verificationUrl(row.signer.verificationCode),
            }
          : null,
        ...(withEntries
          ? {
              entries: (row.entries ?? []).map((e) => ({
                ...e,
                row: formatRow(e),
              })),
            }
          : {}),
        columns: DIP_COLUMNS.map((c) => ({
          key: c.key,
          header: c.header,
          label: c.label,
          perki: c.perki,
        })),
      };
    },

    /**
     * The edition as the public may have it: the signer's NIP masked as the verification page
     * masks it (only the last 4 digits). Entries keep their keys for the caller's own use.
     */
    publicRow(row: EditionRow): EditionRow {
      return row.signer ? { ...row, signer: { ...row.signer, nip: maskNip(row.signer.nip) } } : row;
    },

    /**
     * The public shape (REST /api/ppid/dip/*, GraphQL dipCurrent): no internal ids. An entry's
     * key is the documentId of the item it came from, which may since have been unpublished.
     */
    presentPublic(row: EditionRow) {
      const shown = self.publicRow(row);
      const out = self.present({ ...shown, entries: (shown.entries ?? []).map(({ key: _key, ...e }) => e as DipEntry) });
      return out;
    },

    /**
     * The next decree number. Takes the (body, kode, year) counter row with SELECT ... FOR UPDATE
     * inside the caller's transaction, so two establishments never share a serial.
     */
    async nextDecreeNumber(date: string) {
      const s = settings();
      const check = validatePattern(s.pattern);
      if (!check.ok) throw badRequest(`Pola nomor SK tidak sah / invalid decree pattern: ${check.errors.join('; ')}`);
      const year = Number(date.slice(0, 4));
      const name = `dip-decree:${s.unit}:${s.kode}:${year}`;
      const table = strapi.db.metadata.get(UID.counter).tableName;
      return strapi.db.transaction(async ({ trx }) => {
        const knex = strapi.db.connection;
        // The global decree row (created at bootstrap) is the lock; under it the per-year row
        // can be created without a racing twin (Strapi's `unique` is not a database constraint).
        const lock = await knex(table).transacting(trx).where({ name: DECREE_LOCK }).forUpdate().first();
        if (!lock) throw new Error('DIP decree counter missing (created at bootstrap)');
        let row = await knex(table).transacting(trx).where({ name }).forUpdate().first();
        if (!row) {
          await knex(table)
            .transacting(trx)
            .insert({
              name,
              value: 0,
              document_id: `ctr-${name}`.slice(0, 255),
            });
          row = await knex(table).transacting(trx).where({ name }).forUpdate().first();
        }
        const serial = Number(row.value) + 1;
        await knex(table).transacting(trx).where({ name }).update({ value: serial });
        return {
          serial,
          number: formatDecreeNumber(s.pattern, {
            kode: s.kode,
            serial,
            unit: s.unit,
            date,
          }),
        };
      });
    },

    /**
     * Called by the workflow inside the act's transaction when the Atasan PPID signs at the
     * establish step: the edition gets its decree number and date and the signer's block, and
     * its entries are frozen (status established; see middlewares/dip-freeze).
     */
    async onEstablished(run: { itemUid: string; itemDocumentId: string }, record: SignatureRecord) {
      if (run.itemUid !== UID.dipEdition) return;
      const edition = await loadEdition(run.itemDocumentId);
      const date = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Jakarta',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(new Date(record.signedAt));
      const { serial, number } = await self.nextDecreeNumber(date);
      const clash = await editions().findOne({
        where: {
          decreeNumber: number,
          documentId: { $ne: edition.documentId },
        },
      });
      if (clash) throw conflict(`Nomor SK ${number} sudah dipakai / decree number already used`, { reason: 'decree_number_taken' });
      const { kept } = await withoutExcluded(edition.entries ?? []);
      const signer: EditionSigner = {
        nama: record.signer.nama,
        nip: record.signer.nip ?? null,
        jabatan: record.signer.jabatan,
        unit: (record.signer as any).unit ?? null,
        capacity: record.capacity ?? null,
        verificationCode: record.verificationCode,
        signedAt: record.signedAt,
      };
      await editions().updateMany({
        where: { documentId: edition.documentId },
        data: {
          decreeNumber: number,
          decreeSerial: serial,
          decreeDate: date,
          signer,
          editionStatus: 'established',
          entries: kept,
        },
      });
    },

    /** Creates a counter row if missing (outside any transaction: at bootstrap). */
    async ensureCounter(name: string) {
      const table = strapi.db.metadata.get(UID.counter).tableName;
      if (await strapi.db.connection(table).where({ name }).first()) return;
      await strapi.db.connection(table).insert({ name, value: 0, document_id: `ctr-${name}` });
    },

    /** Bootstrap: the decree lock row, and status bookkeeping from workflow events. */
    async listen() {
      await self.ensureCounter(DECREE_LOCK);
      const onItem = (status: 'in_review' | 'draft') => async (payload: any) => {
        if (payload?.item?.uid !== UID.dipEdition) return;
        afterCommit(() =>
          editions().updateMany({
            where: {
              documentId: payload.item.documentId,
              editionStatus: { $ne: 'established' },
            },
            data: { editionStatus: status },
          }),
        );
      };
      strapi.eventHub.on('ppid.submitted', onItem('in_review'));
      strapi.eventHub.on('ppid.cancelled', onItem('draft'));
      strapi.eventHub.on('ppid.published', async (payload: any) => {
        if (!payload?.item?.uid || payload.item.uid !== itemType()) return;
        afterCommit(() => self.proposeFromItem(payload.item.documentId));
      });
    },

    async diff(aId: string, bId: string): Promise<{ from: EditionRow; to: EditionRow; diff: DipEditionDiff }> {
      const from = await loadEdition(bId);
      const to = await loadEdition(aId);
      return {
        from,
        to,
        diff: diffEditions(from.entries ?? [], to.entries ?? [], {
          ignoreColumns: ['nomor'],
        }),
      };
    },

    /** The diff as CSV: Perubahan, Kunci, Kolom Berubah, then the DIP columns. */
    async writeDiffCsv(d: DipEditionDiff, out: Writable) {
      const headerOf = (k: string) => DIP_COLUMNS.find((c) => c.key === k)?.header ?? k;
      async function* rows() {
        yield ['Perubahan', 'Kunci', 'Kolom Berubah', ...DIP_HEADERS];
        for (const e of d.added) yield ['ditambah', e.key, '', ...formatRow(e).map(guardFormula)];
        for (const e of d.removed) yield ['dihapus', e.key, '', ...formatRow(e).map(guardFormula)];
        for (const c of d.changed) yield ['diubah', c.key, c.columns.map(headerOf).join('; '), ...formatRow(c.after).map(guardFormula)];
      }
      await pipeline(Readable.from(rows()), stringify({ bom: true, record_delimiter: 'windows' }), out);
    },

    meta(row: EditionRow): DipEditionMeta {
      const established = row.editionStatus === 'established' && !!row.decreeNumber;
      return {
        title: row.title,
        instansi: row.instansi,
        ...(row.unitCode ? { unit: row.unitCode } : {}),
        ...(established
          ? {
              decreeNumber: row.decreeNumber!,
              decreeDate: row.decreeDate ?? undefined,
              ...(row.ditetapkanDi ? { ditetapkanDi: row.ditetapkanDi } : {}),
              ...(row.signer
                ? {
                    signer: {
                      nama: row.signer.nama,
                      nip: row.signer.nip ?? '',
                      jabatan: row.signer.jabatan,
                    },
                    verificationUrl: verificationUrl(row.signer.verificationCode),
                  }
                : {}),
            }
          : {}),
      };
    },

    /** Writes the edition; excluded entries are dropped here as well, whatever the stored snapshot says. */
    async exportTo(row: EditionRow, format: ExportFormat, out: Writable) {
      if (!EXPORT_FORMATS.includes(format))
        throw badRequest(`format: gunakan csv, xlsx atau pdf / use csv, xlsx or pdf`, { field: 'format' });
      const { kept, dropped } = await withoutExcluded(row.entries ?? []);
      if (dropped.length)
        strapi.log.warn(`[ppid dip] edition ${row.documentId}: ${dropped.length} excluded entries left out of the export`);
      const meta = self.meta(row);
      if (format === 'csv') return writeDipCsv(kept, out);
      if (format === 'xlsx') return writeDipXlsx(kept, meta, out);
      return writeDipPdf(kept, meta, out);
    },

    /** A PassThrough for ctx.body; the writer runs behind it and ends it (or destroys it on error). */
    streamExport(row: EditionRow, format: ExportFormat) {
      if (!EXPORT_FORMATS.includes(format))
        throw badRequest(`format: gunakan csv, xlsx atau pdf / use csv, xlsx or pdf`, { field: 'format' });
      // The PDF of an established edition prints a QR code: not without PUBLIC_URL in production.
      if (format === 'pdf' && row.signer?.verificationCode) strapi.plugin('ppid').service('verification').assertPrintableLinks();
      const pass = new PassThrough();
      self.exportTo(row, format, pass).catch((e) => pass.destroy(e));
      return pass;
    },

    /**
     * Import from CSV/XLSX into dip-entry drafts (the next edition picks them up). All or
     * nothing: one bad cell and nothing is written; the report lists every bad row and column.
     * A row whose key is an information item's documentId is linked to it; a key that is a
     * dip-entry's documentId updates that entry; any other row creates a new entry.
     */
    async importFile(filename: string, data: Buffer) {
      const lower = filename.toLowerCase();
      let rows;
      try {
        if (lower.endsWith('.xlsx')) rows = await parseXlsx(data);
        else if (lower.endsWith('.csv') || lower.endsWith('.txt')) rows = await parseCsv(data);
        else throw badRequest('file: hanya .csv atau .xlsx / only .csv or .xlsx files', { field: 'file' });
      } catch (e) {
        if (e instanceof DipImportError)
          throw badRequest(e.message, {
            field: 'file',
            report: {
              ok: false,
              errors: [],
              details: (e as any).details ?? null,
            },
          });
        throw e;
      }
      const report = validateImportRows(rows);
      if (!report.ok) {
        throw badRequest(`Impor ditolak: ${report.errors.length} kesalahan; tidak ada yang diimpor / import refused, nothing imported`, {
          report: {
            ok: false,
            errors: report.errors,
            ignoredColumns: report.ignoredColumns,
            validRows: report.entries.length,
          },
        });
      }
      const keys = report.entries.map((e) => e.key);
      const dipEntryType = entryType();
      const item = itemType();
      const items = new Set(
        item
          ? (
              await strapi.db.query(item as any).findMany({
                where: { documentId: { $in: keys } },
                select: ['documentId'],
              })
            ).map((r: any) => r.documentId)
          : [],
      );
      const excluded = await excludedKeys(keys);
      if (excluded.size) {
        throw badRequest('Impor ditolak: baris menunjuk informasi yang dikecualikan / rows point at excluded information', {
          report: {
            ok: false,
            errors: [...excluded].map((k) => ({
              row: 2 + keys.indexOf(k),
              column: 'Kunci',
              message: 'Informasi dikecualikan tidak masuk DIP',
              messageEn: 'excluded information is not in the DIP',
            })),
          },
        });
      }
      const entries = new Set(
        (
          await strapi.db.query(dipEntryType as any).findMany({
            where: { documentId: { $in: keys } },
            select: ['documentId'],
          })
        ).map((r: any) => r.documentId),
      );
      let created = 0;
      let updated = 0;
      await strapi.db.transaction(() =>
        asSystem(async () => {
          for (const e of report.entries) {
            const data: any = rowFromEntry(e);
            if (entries.has(e.key)) {
              await strapi.documents(dipEntryType as any).update({ documentId: e.key, data });
              updated++;
              continue;
            }
            if (items.has(e.key)) {
              const linked = await strapi.db.query(dipEntryType as any).findOne({
                where: {
                  informationItem: { documentId: e.key },
                  publishedAt: { $null: true },
                },
                select: ['documentId'],
              });
              data.informationItem = { connect: [{ documentId: e.key }] };
              if (linked) {
                await strapi.documents(dipEntryType as any).update({ documentId: linked.documentId, data });
                updated++;
                continue;
              }
            }
            await strapi.documents(dipEntryType as any).create({ data });
            created++;
          }
        }),
      );
      return {
        ok: true,
        created,
        updated,
        ignoredColumns: report.ignoredColumns,
      };
    },
  };
  return self;
};
