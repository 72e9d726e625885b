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

/** npm run ppid -- report annual --year YYYY [--format pdf|xlsx] [--out FILE] (the laporan layanan informasi publik). */
const annual: CliHandler = async (strapi, args, io) => {
  const year = Number(args.flags.year);
  if (!/^\d{4}$/.test(String(args.flags.year ?? '')) || year < 2008) {
    io.err('--year YYYY wajib / is required (e.g. --year 2026)');
    return 2;
  }
  const format = String(args.flags.format ?? 'pdf');
  if (format !== 'pdf' && format !== 'xlsx') {
    io.err(`--format harus pdf atau xlsx / must be pdf or xlsx (got "${format}")`);
    return 2;
  }
  const out = typeof args.flags.out === 'string' ? args.flags.out : `laporan-layanan-informasi-${year}.${format}`;
  const registers = getService(strapi, 'registers');
  const report = await registers.annual(year);
  await registers.writeAnnual(year, format, fs.createWriteStream(out), report);
  io.out(`Laporan layanan informasi publik ${year}: ${report.requests.total} permohonan, ${report.objections.total} keberatan; ditulis ke / written to ${out}`);
  return 0;
};

const group: CliHandlers = {
  commands: { ...Object.fromEntries(REPORTS.map((name) => [name, { run: runReport(name) }])), annual: { run: annual } },
};

export default group;
