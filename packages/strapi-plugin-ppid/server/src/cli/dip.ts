import fs from 'fs';
import type { CliHandlers } from './index';
import { getService } from '../services/get-service';
import type { ExportFormat } from '../dip/services/dip';

const dip: CliHandlers = {
  commands: {
    export: {
      async run(strapi, args, io) {
        const { edition, format = 'csv', out } = args.flags as Record<string, string | boolean>;
        if (edition === true || typeof out !== 'string' || typeof format !== 'string') return io.err('usage: dip export [--edition ID] [--format csv|xlsx|pdf] --out FILE'), 2;
        try {
          const svc = getService(strapi, 'dip');
          // No --edition: the current established edition (what the public reads). With one: that
          // edition as established when it is, else the draft being prepared.
          const row = typeof edition === 'string' ? await svc.get(edition, { established: true }).catch(() => svc.get(edition)) : await svc.current();
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
