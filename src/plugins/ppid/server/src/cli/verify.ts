import type { CliGroup } from './index';
import type { VerificationReport } from '../services/verification';

const verify: CliGroup = {
  description: 'Verify the signature records chain and the published items (exit 1 on any problem)',
  default: 'all',
  commands: {
    all: {
      usage: 'verify [--json]',
      async run(strapi, args, io) {
        const report: VerificationReport = await strapi.plugin('ppid').service('verification').verifyAll();
        if (args.flags.json) {
          io.out(JSON.stringify(report, null, 2));
          return report.ok ? 0 : 1;
        }
        for (const p of report.problems) {
          const where = [p.seq != null ? `seq ${p.seq}` : null, p.runId ? `run ${p.runId}` : null, p.itemDocumentId ? `item ${p.itemDocumentId}` : null, p.column ? `column ${p.column}` : null]
            .filter(Boolean)
            .join(', ');
          io.err(`${p.code}${where ? ` (${where})` : ''}: ${p.message}`);
        }
        const counts = `${report.checked} catatan, ${report.itemsChecked} item terbit / records, published items`;
        if (report.ok) {
          io.out(`OK: ${counts} diperiksa, tidak ada masalah / checked, no problems`);
          return 0;
        }
        io.err(`${report.problems.length}${report.truncated ? '+' : ''} masalah / problems (${counts})`);
        return 1;
      },
    },
  },
};

export default verify;
