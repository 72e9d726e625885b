// CSV, XLSX and PDF of the registers, and the annual report as XLSX and PDF. Streamed like the
// DIP's exports (dip/exports): rows are written as they come, the writer waits when `out` is
// full, and `out` is ended when done. The wording and the columns come from core/requests.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { loadExcel, loadPdfKit } from '../core/lazy-libs';
import { guardFormula } from '../core/dip';
import { ANNUAL_SECTIONS, NARRATIVE_PLACEHOLDER, annualLines, type AnnualReport, type RegisterCell, type RegisterColumn } from '../core/requests';
import { waitForDrain, whenFinished } from '../dip/exports/stream-util';

export interface RegisterSheet {
  title: string;
  instansi: string;
  period: string;
  columns: readonly RegisterColumn[];
  rows: Record<string, RegisterCell>[];
}

export const REGISTER_XLSX_HEADER_ROW = 5;

export async function writeRegisterCsv(sheet: RegisterSheet, out: Writable): Promise<void> {
  async function* records() {
    yield sheet.columns.map((c) => c.header);
    for (const r of sheet.rows) yield sheet.columns.map((c) => (typeof r[c.key] === 'number' ? String(r[c.key]) : guardFormula(String(r[c.key] ?? ''))));
  }
  await pipeline(Readable.from(records()), stringify({ bom: true, record_delimiter: 'windows' }), out);
}

/** Row 1 title, 2 instansi, 3 period, 4 blank, 5 headers (frozen), 6… rows. */
export async function writeRegisterXlsx(sheet: RegisterSheet, out: Writable): Promise<void> {
  const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = sheet.instansi;
  wb.title = sheet.title;
  const ws = wb.addWorksheet('Register', {
    views: [{ state: 'frozen', ySplit: REGISTER_XLSX_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${REGISTER_XLSX_HEADER_ROW}:${REGISTER_XLSX_HEADER_ROW}` },
  });
  ws.columns = sheet.columns.map((c) => ({ key: c.key, width: c.width }));
  const title = (text: string, bold: boolean) => {
    const row = ws.addRow([text]);
    row.getCell(1).font = { bold, size: bold ? 13 : 10 };
    row.commit();
  };
  title(sheet.title, true);
  title(sheet.instansi, true);
  title(`Periode: ${sheet.period}`, false);
  ws.addRow([]).commit();
  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });
  header.commit();
  for (const r of sheet.rows) {
    const row = ws.addRow(sheet.columns.map((c) => r[c.key] ?? ''));
    row.eachCell((cell) => (cell.alignment = { wrapText: true, vertical: 'top' }));
    row.commit();
    if (out.writableNeedDrain) await waitForDrain(out);
  }
  ws.commit();
  await wb.commit();
}

const M = 28;

/** A4 landscape, the header row repeated on every page, page numbers in the footer. */
export async function writeRegisterPdf(sheet: RegisterSheet, out: Writable): Promise<void> {
  const doc = new (await loadPdfKit())({ size: 'A4', layout: 'landscape', margins: { top: M, bottom: M, left: M, right: M }, autoFirstPage: false, info: { Title: sheet.title, Author: sheet.instansi } });
  const finished = whenFinished(out);
  doc.on('error', (err) => out.destroy(err));
  doc.pipe(out);
  let page = 0;
  doc.on('pageAdded', () => {
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor('#555555').text(`${sheet.title} — ${sheet.period} — Halaman ${++page}`, M, doc.page.height - M - 6, { width: doc.page.width - 2 * M, align: 'right', lineBreak: false }).fillColor('black');
    doc.page.margins.bottom = bottom;
    doc.x = M;
    doc.y = M;
  });
  doc.addPage();
  const width = doc.page.width - 2 * M;
  const weight = (c: RegisterColumn) => c.pdf ?? c.width;
  const total = sheet.columns.reduce((s, c) => s + weight(c), 0);
  const w = sheet.columns.map((c) => (width * weight(c)) / total);
  const x: number[] = [];
  w.reduce((acc, v, i) => ((x[i] = acc), acc + v), M);
  const bottom = doc.page.height - M - 16;
  const P = 2;

  doc.font('Helvetica-Bold').fontSize(12).text(sheet.title.toUpperCase(), M, M, { width, align: 'center' });
  doc.font('Helvetica').fontSize(10).text(sheet.instansi, { width, align: 'center' }).text(`Periode: ${sheet.period}`, { width, align: 'center' });
  doc.moveDown(0.6);

  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 6 : 6.5);
    let h = Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: w[i] - 2 * P }))) + 2 * P;
    if (doc.y + h > bottom) {
      doc.addPage();
      if (!bold) drawRow(sheet.columns.map((c) => c.header), true);
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 6 : 6.5);
    }
    h = Math.min(h, bottom - doc.y);
    const y = doc.y;
    if (bold) doc.rect(M, y, width, h).fill('#e7e6e6').fillColor('black');
    cells.forEach((t, i) => {
      doc.rect(x[i], y, w[i], h).stroke('#777777');
      doc.text(t, x[i] + P, y + P, { width: w[i] - 2 * P, height: h - 2 * P, ellipsis: true });
    });
    doc.x = M;
    doc.y = y + h;
  };
  drawRow(sheet.columns.map((c) => c.header), true);
  for (const r of sheet.rows) {
    drawRow(sheet.columns.map((c) => String(r[c.key] ?? '')), false);
    if (out.writableNeedDrain) await waitForDrain(out);
  }
  if (!sheet.rows.length) doc.font('Helvetica').fontSize(8).text('Tidak ada data pada periode ini.', M + P, doc.y + P);
  doc.end();
  await finished;
}

// ---------------------------------------------------------------- annual report

export interface AnnualMeta {
  instansi: string;
  title: string;
}

/** One sheet "Laporan": the sections in order, the numbers under theirs, the narratives as placeholders. */
export async function writeAnnualXlsx(report: AnnualReport, meta: AnnualMeta, out: Writable): Promise<void> {
  const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = meta.instansi;
  wb.title = meta.title;
  const ws = wb.addWorksheet('Laporan');
  ws.columns = [{ width: 80 }, { width: 16 }];
  const add = (values: (string | number)[], font?: any) => {
    const row = ws.addRow(values);
    if (font) row.getCell(1).font = font;
    row.commit();
  };
  add([meta.title], { bold: true, size: 13 });
  add([meta.instansi], { bold: true });
  add([]);
  const lines = annualLines(report);
  ANNUAL_SECTIONS.forEach((s, i) => {
    add([`${String.fromCharCode(65 + i)}. ${s.title}`], { bold: true });
    if (s.narrative) add([NARRATIVE_PLACEHOLDER], { italic: true });
    for (const l of lines.filter((x) => x.section === s.title)) add([l.label, l.value]);
    add([]);
  });
  ws.commit();
  await wb.commit();
}

export async function writeAnnualPdf(report: AnnualReport, meta: AnnualMeta, out: Writable): Promise<void> {
  const doc = new (await loadPdfKit())({ size: 'A4', margins: { top: 50, bottom: 50, left: 56, right: 56 }, info: { Title: meta.title, Author: meta.instansi } });
  const finished = whenFinished(out);
  doc.on('error', (err) => out.destroy(err));
  doc.pipe(out);
  const width = doc.page.width - 112;
  doc.font('Helvetica-Bold').fontSize(13).text(meta.title.toUpperCase(), { width, align: 'center' });
  doc.font('Helvetica').fontSize(11).text(meta.instansi, { width, align: 'center' });
  doc.moveDown(1);
  const lines = annualLines(report);
  ANNUAL_SECTIONS.forEach((s, i) => {
    doc.font('Helvetica-Bold').fontSize(10.5).text(`${String.fromCharCode(65 + i)}. ${s.title}`, 56, doc.y, { width });
    doc.moveDown(0.3);
    if (s.narrative) doc.font('Helvetica-Oblique').fontSize(9.5).fillColor('#555555').text(NARRATIVE_PLACEHOLDER, { width }).fillColor('black');
    for (const l of lines.filter((x) => x.section === s.title)) {
      if (doc.y > doc.page.height - 70) doc.addPage();
      const y = doc.y;
      doc.font('Helvetica').fontSize(9.5).text(l.label.trim(), 56 + (l.label.startsWith('  ') ? 14 : 0), y, { width: width - 80 });
      const after = doc.y;
      doc.text(String(l.value), 56 + width - 70, y, { width: 70, align: 'right' });
      doc.y = Math.max(after, doc.y);
    }
    doc.moveDown(0.8);
  });
  doc.end();
  await finished;
}
