import type { CliHandlers } from './index';
import type { VerificationReport } from '../signature/services/verification';
import { reportCheckpoints } from './checkpoint';
import { getService } from '../services/get-service';

const verify: CliHandlers = {
  commands: {
    all: {
      async run(strapi, args, io) {
        const report: VerificationReport = await getService(strapi, 'verification').verifyAll();
        // Checkpoints: the anchor outside the database (a rollback or a cut tail leaves the chain green).
        const checkpoints = await reportCheckpoints(strapi, args, io);
        if (!checkpoints) return 2;
        if (args.flags.json) {
          io.out(JSON.stringify({ ...report, ok: report.ok && checkpoints.ok, checkpoints }, null, 2));
          return report.ok && checkpoints.ok ? 0 : 1;
        }
        for (const p of report.problems) {
          const where = [p.seq != null ? `seq ${p.seq}` : null, p.runId ? `run ${p.runId}` : null, p.itemDocumentId ? `item ${p.itemDocumentId}` : null, p.column ? `column ${p.column}` : null]
            .filter(Boolean)
            .join(', ');
          io.err(`${p.code}${where ? ` (${where})` : ''}: ${p.message}`);
        }
        for (const p of checkpoints.problems) io.err(`${p.code}: ${p.message}`);
        const counts = `${report.checked} catatan, ${report.itemsChecked} item terbit, ${checkpoints.checked} checkpoint / records, published items, checkpoints`;
        if (report.ok && checkpoints.ok) {
          io.out(`OK: ${counts} diperiksa, tidak ada masalah / checked, no problems`);
          return 0;
        }
        io.err(`${report.problems.length + checkpoints.problems.length}${report.truncated ? '+' : ''} masalah / problems (${counts})`);
        return 1;
      },
    },
  },
};

export default verify;
