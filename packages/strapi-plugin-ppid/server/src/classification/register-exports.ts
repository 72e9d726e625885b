import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { guardFormula } from '../core/dip';
import { collectPdf, decorateBufferedPages, drawKop, drawTable, drawTitle, kopOf, toWinAnsi, usableWidth, type KopBlock } from '../documents/pdf/layout';
import { formatTanggal } from '../dip/exports';

/**
 * The Daftar Informasi yang Dikecualikan as CSV, XLSX or PDF, with the DIP's export helpers
 * (formula guard, BOM, kop). Only the public register row's fields: never content or ids.
 */
export interface RegisterRow {
  nomor: number;
  uraian: string;
  cakupan: string;
  unit: string | null;
  dasarHukum: string | null;
  jangkaWaktu: string;
  nomorKeputusan: string | null;
  tanggalKeputusan: string | null;
  status: string;
  dasarPembukaan: string | null;
}

export const REGISTER_HEADERS = [
  'No',
  'Informasi yang Dikecualikan',
  'Cakupan',
  'Unit / Satuan Kerja',
  'Dasar Hukum Pengecualian',
  'Jangka Waktu Pengecualian',
  'Nomor Keputusan',
  'Tanggal Keputusan',
  'Status',
] as const;

const STATUS: Record<string, string> = { berlaku: 'Berlaku', dibuka: 'Dibuka', dicabut: 'Dicabut' };
const tanggal = (d: string | null) => {
  if (!d) return '';
  try {
    return formatTanggal(d);
  } catch {
    return d;
  }
};
export const registerCells = (r: RegisterRow): string[] => [
  String(r.nomor),
  r.uraian,
  r.cakupan === 'sebagian' ? 'Sebagian' : 'Seluruhnya',
  r.unit ?? '',
  r.dasarHukum ?? '',
  r.jangkaWaktu,
  r.nomorKeputusan ?? '',
  tanggal(r.tanggalKeputusan),
  r.status === 'dibuka' && r.dasarPembukaan ? `${STATUS.dibuka} (${r.dasarPembukaan})` : STATUS[r.status] ?? r.status,
];

export function registerCsv(rows: RegisterRow[]): Buffer {
  return Buffer.from(stringify([[...REGISTER_HEADERS], ...rows.map((r) => registerCells(r).map(guardFormula))], { bom: true, record_delimiter: 'windows' }), 'utf8');
}

export async function registerXlsx(rows: RegisterRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dikecualikan', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow([title]).getCell(1).font = { bold: true, size: 14 };
  ws.addRow([]);
  const header = ws.addRow([...REGISTER_HEADERS]);
  header.eachCell((c) => (c.font = { bold: true }));
  for (const r of rows) ws.addRow(registerCells(r).map(guardFormula));
  ws.columns.forEach((c, i) => (c.width = [5, 50, 12, 25, 28, 30, 25, 18, 22][i] ?? 20));
  const pass = new PassThrough();
  const chunks: Buffer[] = [];
  pass.on('data', (c) => chunks.push(c));
  await wb.xlsx.write(pass);
  pass.end();
  return Buffer.concat(chunks);
}

export async function registerPdf(rows: RegisterRow[], data: { title: string; kop?: KopBlock | null; instansi: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margins: { top: 36, left: 36, right: 36, bottom: 44 }, bufferPages: true, info: { Title: data.title, Author: toWinAnsi(data.instansi) } });
  const done = collectPdf(doc);
  drawKop(doc, kopOf({ kop: data.kop, instansi: data.instansi }));
  drawTitle(doc, [data.title.toUpperCase()], { gapAfter: 4 });
  const width = usableWidth(doc);
  const weights = [24, 190, 55, 90, 95, 110, 95, 70, 70];
  const scale = width / weights.reduce((a, b) => a + b, 0);
  drawTable(
    doc,
    REGISTER_HEADERS.map((h, i) => ({ header: h, width: weights[i] * scale, align: i === 0 ? ('center' as const) : undefined })),
    rows.map((r) => registerCells(r)),
    doc.y,
    { fontSize: 7.5 }
  );
  decorateBufferedPages(doc, `${data.title} · UU 14/2008 Pasal 17, 18 ayat (2) dan 20`);
  doc.end();
  return done;
}
