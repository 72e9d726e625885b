import { isDipClassification, validateDipEntry, DIP_COLUMNS, formatRow, type DipEntry } from '../../core/dip';
import type { SignatureRecord } from '../../core/signature';
import { conflict, notFound } from '../../errors';
import { asSystem } from '../../workflow/context';
import { UID, appTypes } from '../../platform/uids';
import { maskNip } from '../../core/nip';
import { getService } from '../../services/get-service';
import { localIsoDate } from '../../core/calendar';
import type { DipContext } from './context';
import { DECREE_LOCK, numbering } from './numbering';
import { entryFromRow, rowFromEntry, type EditionRow, type EditionSigner } from './rows';

/** A decree number taken for an edition about to be established (sealed into the signature). */
export type ReservedDecree = { serial: number; number: string; date: string };

/**
 * The edition lifecycle: entries proposed from published items, a draft edition snapshotted
 * from them, its reads (admin and public shapes), its establishment by decree, and the
 * listener that keeps an edition's status in step with its workflow run.
 */
export function editions(ctx: DipContext, numbers: ReturnType<typeof numbering>) {
  const { strapi, settings, verificationUrl, afterCommit, withoutExcluded, redactEntries, loadEdition } = ctx;
  const editionRows = () => strapi.db.query(UID.dipEdition);

  const self = {
    /** An approved, published information item proposes (or refreshes) its own draft DIP entry. */
    async proposeFromItem(documentId: string): Promise<Record<string, any> | null> {
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
      const { itemType, dipEntryType } = appTypes(strapi);
      if (!dipEntryType) return [];
      const rows = await strapi.documents(dipEntryType as any).findMany({
        status: 'draft',
        populate: {
          waktuTempat: true,
          retensi: true,
          ...(itemType ? { informationItem: { fields: ['documentId'] } } : {}),
        } as any,
        sort: [{ nomor: 'asc' }, { id: 'asc' }] as any,
        limit: 100000,
      } as any);
      return rows.map((r: any, i: number) => entryFromRow(r, i));
    },

    async lastEstablished(): Promise<EditionRow | null> {
      return (await editionRows().findOne({
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
        /** A revised edition: the established edition it replaces, and why. */
        revisionOf?: string;
        revisionReason?: string;
        /** Entry key → its class now (a revision carries the items' new classes over). */
        reclassify?: Map<string, DipEntry['klasifikasi']>;
      } = {},
    ) {
      const s = settings();
      const last = await self.lastEstablished();
      const byKey = new Map<string, DipEntry>();
      for (const e of last?.entries ?? []) byKey.set(e.key, e);
      for (const e of await self.currentEntries()) byKey.set(e.key, e);
      for (const [key, klasifikasi] of input.reclassify ?? []) {
        const e = byKey.get(key);
        if (e) byKey.set(key, { ...e, klasifikasi });
      }
      const { kept: whole, dropped } = await withoutExcluded([...byKey.values()]);
      // The new edition is signed as the public will read it: copies of excluded parts blacked out.
      const kept = (await redactEntries(whole)).map(({ catatan: _c, ...e }) => e as DipEntry);
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
          revisionOf: input.revisionOf ?? null,
          revisionReason: input.revisionReason ?? null,
          editionStatus: 'draft',
        } as any,
      });
      return { edition: doc as unknown as EditionRow, skipped };
    },

    /** Editions, newest first; the public sees established ones only. */
    async list(opts: { established?: boolean } = {}) {
      const rows = (await editionRows().findMany({
        where: opts.established ? { publishedAt: { $notNull: true }, editionStatus: 'established' } : { publishedAt: { $null: true } },
        orderBy: [{ id: 'desc' }],
        select: ['documentId', 'title', 'year', 'instansi', 'decreeNumber', 'decreeDate', 'editionStatus', 'previousEdition', 'revisionOf', 'createdAt'],
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
        revisionOf: row.revisionOf ?? null,
        revisionReason: row.revisionReason ?? null,
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
     * The edition as the public may have it (REST, GraphQL and the exports all pass here): the
     * signer's NIP masked as the verification page masks it (only the last 4 digits), entries of
     * items excluded whole left out, and an entry's copy of a part excluded since (partial
     * exclusion) blacked out with the item's marker. The stored, signed edition is not changed:
     * an established edition served this way carries `catatan` saying so (docs/dip.md).
     */
    async publicRow(row: EditionRow): Promise<EditionRow & { catatan: string | null }> {
      const { kept, dropped } = await withoutExcluded(row.entries ?? []);
      const entries = await redactEntries(kept);
      const redacted = entries.filter((e) => e.catatan).length;
      const established = row.editionStatus === 'established';
      const notes: string[] = [];
      if (established && (redacted || dropped.length)) {
        notes.push(
          `Setelah edisi ini ditetapkan, sebagian informasinya dinyatakan dikecualikan berdasarkan uji konsekuensi (UU 14/2008 Pasal 17): ` +
            [redacted ? `${redacted} entri ditampilkan dengan bagian yang dikecualikan ditutup` : '', dropped.length ? `${dropped.length} entri tidak ditampilkan` : '']
              .filter(Boolean)
              .join(', ') +
            '. Naskah yang ditetapkan dan ditandatangani tidak diubah; keasliannya tetap dapat diverifikasi oleh PPID.',
        );
      }
      return {
        ...row,
        entries,
        signer: row.signer ? { ...row.signer, nip: maskNip(row.signer.nip) } : row.signer,
        catatan: notes.length ? notes.join(' ') : null,
      };
    },

    /**
     * The public shape (REST /api/ppid/dip/*, GraphQL dipCurrent): no internal ids. An entry's
     * key is the documentId of the item it came from, which may since have been unpublished.
     */
    async presentPublic(row: EditionRow) {
      const shown = await self.publicRow(row);
      const out = self.present({ ...shown, entries: (shown.entries ?? []).map(({ key: _key, ...e }) => e as DipEntry) });
      return { ...out, catatan: shown.catatan };
    },

    /**
     * Called by the workflow inside the act's transaction, before the establishing signature is
     * sealed: takes the decree's number and date, which go into the signature record so that the
     * signature covers them (a number or date changed later no longer matches the record's hash).
     */
    async reserveDecree(run: { itemUid: string; itemDocumentId: string }, signedAt: string): Promise<ReservedDecree> {
      const edition = await loadEdition(run.itemDocumentId);
      // The decree is dated on the local day of the body (or the edition's unit): WIB, WITA or WIT.
      const date = localIsoDate(new Date(signedAt), await getService(strapi, 'zones').ofUnitCode((edition as any).unitCode ?? null));
      const { serial, number } = await numbers.nextDecreeNumber(date);
      const clash = await editionRows().findOne({
        where: {
          decreeNumber: number,
          documentId: { $ne: edition.documentId },
        },
      });
      if (clash) throw conflict(`Nomor SK ${number} sudah dipakai / decree number already used`, { reason: 'decree_number_taken' });
      return { serial, number, date };
    },

    /**
     * Called by the workflow inside the act's transaction when the Atasan PPID's signature is
     * sealed at the establish step: the edition gets the decree number and date the record
     * carries and the signer's block, and its entries are frozen (status established; see
     * middlewares/dip-freeze).
     */
    async onEstablished(run: { itemUid: string; itemDocumentId: string }, record: SignatureRecord, reserved: ReservedDecree) {
      if (run.itemUid !== UID.dipEdition) return;
      const edition = await loadEdition(run.itemDocumentId);
      const { serial, number, date } = reserved;
      if (record.decree?.number !== number || record.decree?.date !== date) throw new Error('the sealed decree differs from the reserved one');
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
      await editionRows().updateMany({
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

    /** Bootstrap: the decree lock row, and status bookkeeping from workflow events. */
    async listen() {
      await numbers.ensureCounter(DECREE_LOCK);
      const onItem = (status: 'in_review' | 'draft') => async (payload: any) => {
        if (payload?.item?.uid !== UID.dipEdition) return;
        afterCommit(() =>
          editionRows().updateMany({
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
        if (!payload?.item?.uid || payload.item.uid !== appTypes(strapi).itemType) return;
        afterCommit(() => self.proposeFromItem(payload.item.documentId));
      });
    },

  };
  return self;
}
