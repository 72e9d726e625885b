import { PassThrough, type Writable } from 'node:stream';
import { writeDipCsv, writeDipPdf, writeDipXlsx, type DipEditionMeta } from '../exports';
import { badRequest } from '../../errors';
import { getService } from '../../services/get-service';
import type { DipContext } from './context';
import { EXPORT_FORMATS, type EditionRow, type ExportFormat } from './rows';

/** An edition as CSV, XLSX or PDF (with its decree block once established). */
export function exporting({ strapi, verificationUrl, withoutExcluded }: DipContext) {
  const self = {
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
      if (format === 'pdf' && row.signer?.verificationCode) getService(strapi, 'verification').assertPrintableLinks();
      const pass = new PassThrough();
      self.exportTo(row, format, pass).catch((e) => pass.destroy(e));
      return pass;
    },

  };
  return self;
}
