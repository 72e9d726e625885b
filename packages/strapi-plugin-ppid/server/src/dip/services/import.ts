import { DipImportError, parseCsv, parseXlsx, validateImportRows } from '../../core/dip';
import { badRequest } from '../../errors';
import { asSystem } from '../../workflow/context';
import { appTypes } from '../../platform/uids';
import type { DipContext } from './context';
import { rowFromEntry } from './rows';

/** Import of DIP entries from CSV/XLSX. */
export function importing({ strapi, excludedKeys }: DipContext) {
  return {
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
      const { itemType: item, dipEntryType } = appTypes(strapi);
      if (!dipEntryType) throw badRequest('Tipe entri DIP tidak dikonfigurasi (ppid config dipEntryType) / no DIP entry type configured (ppid config dipEntryType is null)');
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
}
