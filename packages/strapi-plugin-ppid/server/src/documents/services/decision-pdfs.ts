import type { Core } from '@strapi/strapi';
import type { SignatureRecord, SignerCapacity } from '../../core/signature';
import { renderConsequenceTestDecision, renderDipDecree, type ConsequenceTestDecisionData, type DecreeData } from '../pdf';
import type { EditionRow } from '../../dip/services/dip';
import { getService, type ServiceName } from '../../services/get-service';

/**
 * Printable decisions beside the approval form: the DIP decree (SK penetapan DIP) of an
 * edition and the berita acara of a consequence test (uji konsekuensi). Data assembly only;
 * drawing is in pdf/decree.ts and pdf/consequence-test.ts.
 *
 * Plugin config (config/plugins.ts, ppid.config): `decreeMenimbang` and `decreeMengingat`
 * (string arrays) replace the default considerations and legal basis of the decree;
 * `decreeJabatan` names the office a draft decree is issued by (default "Atasan PPID").
 */
const CAPACITIES: SignerCapacity[] = ['definitif', 'plt', 'plh', 'an'];
const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') && v.length ? (v as string[]) : null);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);
  const config = (key: string): unknown => strapi.plugin('ppid').config(key);
  const text = (key: string): string | null => (typeof config(key) === 'string' && (config(key) as string)) || null;

  const self = {
    async decreeData(row: EditionRow): Promise<DecreeData> {
      const established = row.editionStatus === 'established' && !!row.decreeNumber;
      const snap = established ? row.signer : null;
      // The signing record has the a.n. principal; the edition's snapshot does not.
      const record: SignatureRecord | null = snap?.verificationCode ? await svc('records').byCode(snap.verificationCode) : null;
      const capacity = (record?.capacity ?? snap?.capacity ?? 'definitif') as SignerCapacity;
      const onBehalfOf = record?.onBehalfOf ?? null;
      const signer = snap
        ? {
            nama: snap.nama,
            nip: snap.nip ?? null,
            jabatan: snap.jabatan,
            capacity: CAPACITIES.includes(capacity) ? capacity : 'definitif',
            onBehalfOf,
          }
        : null;
      const jabatanPenetap = signer ? (signer.capacity === 'an' && onBehalfOf ? onBehalfOf.jabatan : signer.jabatan) : (text('decreeJabatan') ?? 'Atasan PPID');
      const exportPath = established ? `/dip/editions/${encodeURIComponent(row.documentId)}/export?format=pdf` : null;
      // The edition's unit prints its own kop when it has one.
      const unit = row.unitCode ? await strapi.db.query('plugin::ppid.unit').findOne({ where: { code: row.unitCode } }) : null;
      const { kop, block } = await svc('kop').block(unit?.id ?? null);
      return {
        kop: block,
        instansi: row.instansi || kop.nama,
        unit: kop.nama,
        alamat: kop.alamat ?? null,
        year: row.year,
        decreeNumber: established ? row.decreeNumber : null,
        decreeDate: established ? row.decreeDate : null,
        ditetapkanDi: row.ditetapkanDi || kop.tempat || null,
        jabatanPenetap,
        signer,
        menimbang: strings(config('decreeMenimbang')),
        mengingat: strings(config('decreeMengingat')),
        entryCount: (row.entries ?? []).length,
        // Established editions are public: the Lampiran's address is the public export.
        lampiranUrl: exportPath ? svc('verification').publicApiUrl(`/ppid${exportPath}`) : null,
        verification: snap?.verificationCode ? { code: snap.verificationCode, url: svc('verification').verificationUrl(snap.verificationCode) } : null,
      };
    },

    /** The decree of an edition; `established` restricts to established (public) editions (404 otherwise). */
    async renderDecree(documentId: string, opts: { established?: boolean } = {}): Promise<{ filename: string; pdf: Buffer }> {
      const row: EditionRow = await svc('dip').get(documentId, opts.established ? { established: true } : {});
      const data = await self.decreeData(row);
      if (data.verification || data.lampiranUrl) svc('verification').assertPrintableLinks();
      const name = `sk-dip-${row.year}-${row.decreeSerial ?? row.documentId}`.replace(/[^A-Za-z0-9._-]+/g, '-');
      return { filename: `${name}.pdf`, pdf: await renderDipDecree(data) };
    },

    async consequenceTestData(documentId: string): Promise<ConsequenceTestDecisionData> {
      const row = await svc('classification').findTest(documentId); // 404 when unknown
      // Decided = its run published it (services/classification.ts); the signature is that run's.
      const decided = row.status === 'decided';
      const records: SignatureRecord[] = decided && row.runId ? await svc('records').forRun(row.runId) : [];
      const record = [...records].reverse().find((r) => r.kind === 'tanda_tangan') ?? null;
      let title: string | null = null;
      try {
        const item = await strapi.db.query(row.itemUid as any).findOne({ where: { documentId: row.itemDocumentId }, select: ['title'] });
        title = item?.title ?? null;
      } catch {
        title = null; // a type without a title field, or removed
      }
      // The officials who signed in the run (findTest reads them from the records), never typed-in names.
      const pejabat = Array.isArray(row.penandatangan) ? row.penandatangan : [];
      const { kop, block } = await svc('kop').block(null);
      return {
        kop: block,
        instansi: kop.nama,
        unit: kop.nama,
        alamat: kop.alamat ?? null,
        status: decided ? 'decided' : 'draft',
        item: { uid: row.itemUid, documentId: row.itemDocumentId, title },
        informasi: row.informasi ?? null,
        badanPublik: row.badanPublik ?? null,
        unitKerja: row.unit ?? null,
        dasarHukum: row.dasarHukum && typeof row.dasarHukum === 'object' ? row.dasarHukum : null,
        konsekuensiJikaDibuka: row.konsekuensiJikaDibuka ?? null,
        konsekuensiJikaDitutup: row.konsekuensiJikaDitutup ?? null,
        pertimbanganKepentinganPublik: row.pertimbanganKepentinganPublik ?? null,
        masaPengecualianBerakhir: row.masaPengecualianBerakhir ?? null,
        pejabatPemutus: pejabat.map((p: any) => ({
          nama: String(p.nama ?? ''),
          nip: p.nip ? String(p.nip) : null,
          jabatan: String(p.jabatan ?? ''),
          peran: p.peran ?? null,
          act: p.act ?? null,
          kind: p.kind ?? null,
          signedAt: p.signedAt ?? null,
          verificationCode: p.verificationCode ?? null,
        })),
        belumMenandatangani: await self.pendingSigners(row, pejabat),
        nomorKeputusan: row.nomorKeputusan ?? null,
        cakupan: row.cakupan === 'sebagian' ? 'sebagian' : 'seluruh',
        bagianDikecualikan: Array.isArray(row.bagianDikecualikan) ? row.bagianDikecualikan : null,
        tempatKeputusan: row.tempatKeputusan ?? null,
        tanggalKeputusan: row.tanggalKeputusan ?? null,
        decidedAt: decided ? (record?.signedAt ?? (row.decidedAt ? new Date(row.decidedAt).toISOString() : null)) : null,
        recordedBy: record ? { nama: record.signer.nama, nip: record.signer.nip ?? null, jabatan: record.signer.jabatan } : null,
        verification: record ? { code: record.verificationCode, hash: record.hash } : null,
      };
    },

    /** The SOP roles whose signature the test still lacks (blank blocks, never "decided"). */
    async pendingSigners(row: any, signed: any[]): Promise<{ peran: string }[]> {
      try {
        const code = row.run?.sopCode ?? svc('content').sopCodeFor('plugin::ppid.consequence-test');
        const sop: any = await svc('sops').get(code);
        const labels = new Map<string, string>((sop.definition?.roles ?? []).map((r: any) => [r.key, r.label]));
        const done = new Set(signed.map((p: any) => p.stepNumber));
        return (sop.definition?.steps ?? [])
          .filter((st: any) => ['review_paraf', 'review_signature', 'decide', 'establish'].includes(st.act) && !done.has(st.number))
          .map((st: any) => ({ peran: labels.get(st.role) ?? st.role }));
      } catch {
        return [];
      }
    },

    async renderConsequenceTest(documentId: string): Promise<{ filename: string; pdf: Buffer }> {
      const data = await self.consequenceTestData(documentId);
      const name = `uji-konsekuensi-${documentId}`.replace(/[^A-Za-z0-9._-]+/g, '-');
      return { filename: `${name}.pdf`, pdf: await renderConsequenceTestDecision(data) };
    },
  };
  return self;
};
