import fs from 'fs';
import type { CliHandlers, CliHandler } from './index';
import { REPORTS, type ReportName } from '../notifications/services/reports';
import { getService } from '../services/get-service';

/** npm run ppid -- report steps|published|refresh|yearly [--format json|csv|xlsx] [--out FILE] [--sop CODE] */
const runReport = (name: ReportName): CliHandler => async (strapi, args, io) => {
  const format = String(args.flags.format ?? 'json');
  if (!['json', 'csv', 'xlsx'].includes(format)) {
    io.err(`--format harus json, csv atau xlsx / must be json, csv or xlsx (got "${format}")`);
    return 2;
  }
  const out = typeof args.flags.out === 'string' ? args.flags.out : null;
  if (format === 'xlsx' && !out) {
    io.err('--out FILE wajib untuk xlsx / is required for xlsx');
    return 2;
  }
  const reports = getService(strapi, 'reports');
  const rows = await reports.run(name, { sop: args.flags.sop });
  const body: string | Buffer =
    format === 'csv' ? reports.toCsv(rows) : format === 'xlsx' ? await reports.toXlsx(rows, name) : JSON.stringify(rows, null, 2);
  if (out) {
    fs.writeFileSync(out, body);
    io.out(`${rows.length} baris ditulis ke / rows written to ${out}`);
  } else io.out(String(body));
  return 0;
};

const group: CliHandlers = {
  commands: Object.fromEntries(REPORTS.map((name) => [name, { run: runReport(name) }])),
};

export default group;
