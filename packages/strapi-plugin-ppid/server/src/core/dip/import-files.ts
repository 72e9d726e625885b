/**
 * File readers for the DIP import: CSV and XLSX to rows keyed by header text (see import.ts
 * for the row-numbering contract). Anything unreadable becomes a DipImportError.
 */
import { isUtf8 } from 'node:buffer';
import { Readable, pipeline } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../lazy-libs';
import { DipImportError, type DipImportRow, normalizeHeader, resolveImportHeader } from './import';

export interface ParseOptions {
  /** Refuse files with more data rows than this (default 50,000). */
  maxRows?: number;
}

const DEFAULT_MAX_ROWS = 50_000;

function tooManyRows(max: number): DipImportError {
  return new DipImportError(`Berkas memuat lebih dari ${max} baris data / File has more than ${max} data rows`);
}

/** The delimiter of the header line: Excel in the Indonesian locale saves CSV with ";". */
function detectDelimiter(headLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    let count = 0;
    let quoted = false;
    for (const ch of headLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

async function* toChunks(input: Buffer | string | Readable | AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  if (typeof input === 'string') yield Buffer.from(input, 'utf8');
  else if (Buffer.isBuffer(input)) {
    // Excel's plain "CSV" (not "CSV UTF-8") is Windows-1252; read it as Latin-1 rather than mangle it.
    yield isUtf8(input) ? input : Buffer.from(input.toString('latin1'), 'utf8');
  } else for await (const c of input) yield typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
}

/** CSV (comma, semicolon or tab; UTF-8 with or without BOM) → rows keyed by header. */
export async function parseCsv(
  input: Buffer | string | Readable | AsyncIterable<Buffer | string>,
  options: ParseOptions = {},
): Promise<DipImportRow[]> {
  const max = options.maxRows ?? DEFAULT_MAX_ROWS;
  const source = toChunks(input);

  // Read up to the first line break to pick the delimiter, then replay it into the parser.
  let head = Buffer.alloc(0);
  let ended = false;
  try {
    while (!head.includes(0x0a) && head.length < 1 << 16) {
      const r = await source.next();
      if (r.done) {
        ended = true;
        break;
      }
      head = Buffer.concat([head, r.value]);
    }
  } catch (err) {
    throw new DipImportError(`Berkas CSV tidak dapat dibaca / CSV file cannot be read: ${(err as Error).message}`);
  }
  const firstLine = head.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  if (firstLine.trim() === '' && ended) throw new DipImportError('Berkas CSV kosong / CSV file is empty');

  const replay = Readable.from(
    (async function* () {
      yield head;
      if (!ended) yield* source;
    })(),
  );
  const parser = csvParse({ bom: true, delimiter: detectDelimiter(firstLine), relax_column_count: true, skip_empty_lines: false });
  pipeline(replay, parser, () => undefined); // errors surface through the iteration below

  const rows: DipImportRow[] = [];
  const overflow: string[] = [];
  let headers: string[] | undefined;
  let record = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      record++;
      if (!headers) {
        headers = cells.map((c) => c.trim());
        const seen = new Set<string>();
        for (const h of headers) {
          if (h && seen.has(normalizeHeader(h)))
            throw new DipImportError(`Judul kolom ganda "${h}" / Duplicate column header "${h}"`);
          seen.add(normalizeHeader(h));
        }
        continue;
      }
      if (rows.length >= max) throw tooManyRows(max);
      const row: DipImportRow = {};
      headers.forEach((h, i) => {
        if (h) row[h] = cells[i] ?? '';
      });
      // Cells past the last header usually mean an unquoted separator inside a value.
      if (cells.slice(headers.length).some((c) => c.trim() !== ''))
        overflow.push(`Baris ${record}: ${cells.length} sel, judul hanya ${headers.length} / row ${record}: ${cells.length} cells for ${headers.length} headers`);
      rows.push(row);
    }
  } catch (err) {
    if (err instanceof DipImportError) throw err;
    throw new DipImportError(`Berkas CSV rusak / Malformed CSV: ${(err as Error).message}`);
  }
  if (!headers || headers.every((h) => !h)) throw new DipImportError('Berkas CSV kosong / CSV file is empty');
  if (overflow.length)
    throw new DipImportError(
      `Jumlah sel melebihi jumlah kolom pada ${overflow.length} baris (periksa tanda pemisah dan tanda kutip) / ` +
        `Too many cells on ${overflow.length} row(s) (check separators and quotes)`,
      overflow,
    );
  return rows;
}

/** Rows scanned for the header row in an XLSX with title rows above it. */
const HEADER_SCAN_ROWS = 20;

function cellText(cell: ExcelJS.Cell, preferLink: boolean): string {
  const v = cell.value as ExcelJS.CellValue;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('hyperlink' in v) return preferLink ? String(v.hyperlink) : richToText(v.text);
    if ('richText' in v) return richToText(v);
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      if (r instanceof Date) return r.toISOString().slice(0, 10);
      return r === undefined || r === null || typeof r === 'object' ? '' : String(r);
    }
    if ('error' in v) return '';
  }
  return String(v);
}

function richToText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v)
    return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  return v === undefined || v === null ? '' : String(v);
}

function headerScore(row: ExcelJS.Row): number {
  let score = 0;
  row.eachCell((cell) => {
    if (resolveImportHeader(cellText(cell, false))) score++;
  });
  return score;
}

/** XLSX → rows keyed by header. Uses the first sheet whose header row (row 1, or below title
 *  rows within the first 20 rows) names at least three DIP columns, else the first sheet. */
export async function parseXlsx(input: Buffer | ArrayBuffer | Uint8Array, options: ParseOptions = {}): Promise<DipImportRow[]> {
  const max = options.maxRows ?? DEFAULT_MAX_ROWS;
  const wb = new (await loadExcel()).Workbook();
  try {
    const buf = Buffer.isBuffer(input) ? input : Buffer.from(input as ArrayBuffer);
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw new DipImportError(`Berkas XLSX tidak dapat dibaca / XLSX file cannot be read: ${(err as Error).message}`);
  }
  if (wb.worksheets.length === 0) throw new DipImportError('Berkas XLSX tidak memiliki lembar kerja / XLSX file has no worksheet');

  let sheet = wb.worksheets[0];
  let headerRow = 1;
  found: for (const ws of wb.worksheets) {
    for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, ws.rowCount); r++) {
      if (headerScore(ws.getRow(r)) >= 3) {
        sheet = ws;
        headerRow = r;
        break found;
      }
    }
  }

  const headers: { col: number; name: string; link: boolean }[] = [];
  const seen = new Set<string>();
  sheet.getRow(headerRow).eachCell((cell, col) => {
    const name = cellText(cell, false).trim();
    if (!name) return;
    if (seen.has(normalizeHeader(name))) throw new DipImportError(`Judul kolom ganda "${name}" / Duplicate column header "${name}"`);
    seen.add(normalizeHeader(name));
    headers.push({ col, name, link: resolveImportHeader(name) === 'tautan' });
  });
  if (headers.length === 0) throw new DipImportError('Lembar kerja kosong / Worksheet is empty');

  const blank = (): DipImportRow => Object.fromEntries(headers.map((h) => [h.name, '']));
  // Placeholders keep rows[i] = sheet row i + 2 when the header is below row 1.
  const rows: DipImportRow[] = [];
  for (let r = 2; r <= headerRow; r++) rows.push(blank());
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    if (r - headerRow > max) throw tooManyRows(max);
    const row = sheet.getRow(r);
    const out = blank();
    for (const h of headers) out[h.name] = cellText(row.getCell(h.col), h.link);
    rows.push(out);
  }
  return rows;
}
