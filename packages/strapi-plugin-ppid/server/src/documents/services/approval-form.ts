import type { Core } from '@strapi/strapi';
import type { SignatureRecord } from '../../core/signature';
import type { RunState, SopDefinition } from '../../core/workflow';
import { notFound } from '../../errors';
import { approvalRowsFromRecords, renderApprovalForm, type ApprovalFormData } from '../pdf';
import { UID } from '../../platform/uids';
import { classificationLabel, finalPublish } from '../../signature/services/verification';
import { getService, type ServiceName } from '../../services/get-service';
import type { RunRow } from '../../workflow/services/runs';

/**
 * The "formulir persetujuan publikasi" of one run: the body's heading (plugin config), the
 * item, one row per SOP step from the signature records, and a QR code to the public
 * verification page of the run's latest record.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);

  async function loadItem(run: RunRow): Promise<Record<string, any> | null> {
    const content = svc('content');
    try {
      const published = run.status === 'published' ? await content.loadPublished(run.itemUid, run.itemDocumentId, run.itemLocale) : null;
      return published ?? (await content.loadDraft(run.itemUid, run.itemDocumentId, run.itemLocale));
    } catch {
      return null; // the item was deleted; the run keeps its title
    }
  }

  const self = {
    async formData(runDocumentId: string, printedAt: Date = svc('clock').now()): Promise<ApprovalFormData> {
      const run = (await strapi.db.query(UID.run).findOne({ where: { documentId: runDocumentId }, populate: ['sop', 'unit'] })) as RunRow | null;
      if (!run) throw notFound(`Alur kerja ${runDocumentId} tidak ditemukan / run not found`);
      const def = run.sop.definition;
      const records: SignatureRecord[] = await svc('records').forRun(run.documentId);
      const doc = await loadItem(run);
      // An unpublished run went through every step: its form is complete, its approvals stand.
      const published = run.status === 'published' || run.status === 'unpublished';
      const approvedHash = published ? (finalPublish(records).publish?.contentHash ?? run.state.contentHash) : run.state.contentHash;

      // A paraf or signature bound to other content than the run's current content no longer
      // holds (the content was edited after it): the form shows the step as waiting again.
      const stale = new Set(
        records.filter((r) => (r.kind === 'paraf' || r.kind === 'tanda_tangan') && r.contentHash !== approvedHash).map((r) => r.hash)
      );
      const rows = approvalRowsFromRecords(
        def.steps.map((s) => ({ stepNumber: s.number, activity: s.activity })),
        records
      ).map((row) => (row.hash && stale.has(row.hash) ? { no: row.no, activity: row.activity, signer: null, kind: null, signedAt: null } : row));

      const latest = records[records.length - 1];
      // The run's unit prints its own kop when it has one; the body's otherwise.
      const { kop, block } = await svc('kop').block(run.unit?.id ?? null);
      // The form is dated the day it was completed (its last act), else the day it is printed.
      const dated = published && latest ? latest.signedAt : printedAt;
      return {
        kop: block,
        placeDate: svc('kop').placeDate(kop, dated),
        instansi: kop.pemerintah ? `${kop.nama}, ${kop.pemerintah}` : kop.nama,
        unit: kop.nama,
        alamat: kop.alamat ?? null,
        item: {
          judul: doc ? svc('content').titleOf(doc) : (run.itemTitle ?? run.itemDocumentId),
          ringkasan: doc?.summary ?? null,
          klasifikasi: classificationLabel(doc?.classification ?? run.classification),
          contentHash: approvedHash,
        },
        sop: { nama: def.header.namaSop, nomor: def.header.nomorSop, versi: String(run.sopVersion) },
        rows,
        // A run without a publish step is complete when its last step is done.
        complete: published || run.status === 'completed',
        verification: latest ? { code: latest.verificationCode, url: svc('verification').verificationUrl(latest.verificationCode) } : null,
        tempat: kop.tempat ?? null,
        printedAt,
      };
    },

    async render(runDocumentId: string): Promise<{ filename: string; pdf: Buffer }> {
      const data = await self.formData(runDocumentId);
      if (data.verification) svc('verification').assertPrintableLinks();
      return { filename: `formulir-persetujuan-${runDocumentId}.pdf`, pdf: await renderApprovalForm(data) };
    },
  };
  return self;
};
