import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../core/lazy-libs';
import { DIP_COLUMNS, type DipEntry, formatCell } from '../../core/dip';
import { type DipEditionMeta, decreeLine } from './edition';
import { type DipEntrySource, waitForDrain } from './stream-util';

/**
 * Sheet layout (fixed, so readers and the import can rely on it):
 *   row 1  title                      row 2  instansi (and unit)
 *   row 3  decree number and date     row 4  blank
 *   row 5  column headers (bold, frozen, repeated on printed pages)
 *   row 6… one row per entry, columns in DIP_COLUMNS order
 */
export const DIP_XLSX_SHEET_NAME = 'DIP';
export const DIP_XLSX_HEADER_ROW = 5;
export const DIP_XLSX_FIRST_DATA_ROW = DIP_XLSX_HEADER_ROW + 1;

const lastColumn = String.fromCharCode('A'.charCodeAt(0) + DIP_COLUMNS.length - 1);
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF999999' } };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const cellAlignment: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/**
 * XLSX of the DIP via exceljs's streaming WorkbookWriter: each row is committed (written out
 * and released) as soon as it is added, with inline strings instead of a shared-string table,
 * so memory stays flat however long the edition is. `out` is ended when done.
 */
export async function writeDipXlsx(entries: DipEntrySource, edition: DipEditionMeta, out: Writable): Promise<void> {
  const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = edition.instansi;
  wb.title = edition.title;
  wb.subject = edition.decreeNumber ?? '';

  const ws = wb.addWorksheet(DIP_XLSX_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: DIP_XLSX_HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${DIP_XLSX_HEADER_ROW}:${DIP_XLSX_HEADER_ROW}`,
    },
  });
  ws.columns = DIP_COLUMNS.map((c) => ({ key: c.key, width: c.width }));

  const titleRow = (text: string, font: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([text]);
    row.getCell(1).font = font;
    row.commit();
  };
  titleRow(edition.title, { bold: true, size: 14 });
  titleRow([edition.instansi, edition.unit].filter(Boolean).join(' — '), { bold: true, size: 11 });
  titleRow(decreeLine(edition), { italic: !edition.decreeNumber, size: 10 });
  ws.addRow([]).commit();

  const header = ws.addRow(DIP_COLUMNS.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = border;
  });
  header.commit();

  let last = DIP_XLSX_HEADER_ROW;
  for await (const entry of entries) {
    addEntryRow(ws, entry);
    last++;
    if (out.writableNeedDrain) await waitForDrain(out);
  }
  if (last > DIP_XLSX_HEADER_ROW) ws.autoFilter = `A${DIP_XLSX_HEADER_ROW}:${lastColumn}${last}`;

  ws.commit();
  await wb.commit();
}

function addEntryRow(ws: ExcelJS.Worksheet, entry: DipEntry): void {
  const values: ExcelJS.CellValue[] = DIP_COLUMNS.map((c) => {
    if (c.key === 'nomor') return typeof entry.nomor === 'number' ? entry.nomor : String(entry.nomor);
    if (c.key === 'tautan' && entry.tautan) return { text: entry.tautan, hyperlink: entry.tautan };
    return formatCell(entry, c.key);
  });
  const row = ws.addRow(values);
  for (let i = 1; i <= DIP_COLUMNS.length; i++) {
    const cell = row.getCell(i);
    cell.alignment = cellAlignment;
    cell.border = border;
  }
  row.commit();
}
