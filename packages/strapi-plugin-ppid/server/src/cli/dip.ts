import fs from 'fs';
import type { CliGroup } from './index';
import { getService } from '../services/get-service';
import type { ExportFormat } from '../dip/services/dip';

const dip: CliGroup = {
  description: 'Daftar Informasi Publik (export an edition, import entries)',
  commands: {
    export: {
      usage: 'dip export --edition DOCUMENT_ID --format csv|xlsx|pdf --out FILE',
      async run(strapi, args, io) {
        const { edition, format = 'csv', out } = args.flags as Record<string, string>;
        if (typeof edition !== 'string' || typeof out !== 'string') return io.err('usage: dip export --edition ID --format csv|xlsx|pdf --out FILE'), 2;
        try {
          const svc = getService(strapi, 'dip');
          // The established edition when there is one, else the draft being prepared.
          const row = await svc.get(edition, { established: true }).catch(() => svc.get(edition));
          await svc.exportTo(row, format as ExportFormat, fs.createWriteStream(out));
          io.out(`${format} ${row.title} (${row.entries?.length ?? 0} entri) → ${out}`);
          return 0;
        } catch (e: any) {
          io.err(e.message);
          return 1;
        }
      },
    },
    import: {
      usage: 'dip import FILE (.csv|.xlsx; all rows valid or nothing is imported)',
      async run(strapi, args, io) {
        const file = args._[0];
        if (!file || !fs.existsSync(file)) return io.err(`file not found: ${file ?? '(none)'}`), 2;
        try {
          const r = await getService(strapi, 'dip').importFile(file, fs.readFileSync(file));
          io.out(`OK: ${r.created} dibuat / created, ${r.updated} diperbarui / updated`);
          return 0;
        } catch (e: any) {
          io.err(e.message);
          for (const x of e.details?.report?.errors ?? []) io.err(`  baris/row ${x.row}, ${x.column}: ${x.message} / ${x.messageEn}`);
          return 1;
        }
      },
    },
  },
};
export default dip;
