/**
 * The one layout of the printable documents (approval form, SK penetapan DIP, berita acara uji
 * konsekuensi), after tata naskah dinas: the kop (letterhead), the title, the place-and-date
 * line, the signer block (capacity line, jabatan, signature space, nama, NIP), a paging table,
 * banners and the page footer; plus text that survives the built-in fonts, and dates and times
 * in the body's or unit's zone (WIB, WITA, WIT).
 */
import { formatTanggalIndonesia } from '../../core/calendar/tanggal';
import { DEFAULT_TIME_ZONE, formatWaktuDokumen } from '../../core/calendar/zones';
import type { KopLines } from '../../core/documents';
import type { OnBehalfOf, SignerCapacity } from '../../core/signature';

export type Doc = PDFKit.PDFDocument;

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' };

// Characters the built-in (WinAnsi-encoded) fonts can show beyond Latin-1.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Make text printable with the built-in fonts: keep WinAnsi characters, strip diacritics the
 * encoding lacks (Ṣāliḥ → Salih), replace anything else with '?', rather than print garbage.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 10 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) {
      out += ch;
      continue;
    }
    if (code === 9 || code === 13) {
      out += ' ';
      continue;
    }
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base !== ch && [...base].every((c) => c.charCodeAt(0) < 0x100) ? base : '?';
  }
  return out;
}

/**
 * "23-11-2026 14:05 WITA": an instant in the run's zone with its abbreviation (WIB by default).
 * Indonesia keeps no daylight saving, so a fixed offset is exact and needs no ICU data.
 */
export function formatWaktu(iso: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatWaktuDokumen(iso, timeZone);
}

/** "23-11-2026 14:05 WIB" (formatWaktu in Asia/Jakarta). */
export function formatWib(iso: string | Date): string {
  return formatWaktuDokumen(iso, 'Asia/Jakarta');
}

const CAPACITY_PREFIX: Record<SignerCapacity, string> = { definitif: '', plt: 'Plt. ', plh: 'Plh. ', an: '' };

/**
 * The jabatan lines as tata naskah dinas writes them: "Plt. Kepala Dinas", or for a.n.
 * the principal's jabatan first ("a.n. Kepala Dinas") and the signer's own below.
 */
export function formatJabatan(
  jabatan: string,
  capacity: SignerCapacity = 'definitif',
  onBehalfOf: OnBehalfOf | null = null
): string[] {
  if (capacity === 'an') {
    return onBehalfOf ? [`a.n. ${onBehalfOf.jabatan}`, jabatan] : [`a.n. ${jabatan}`];
  }
  return [`${CAPACITY_PREFIX[capacity]}${jabatan}`];
}

export function usableWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function pageBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Start a new page when fewer than `height` points remain; returns the y to draw at. */
export function ensureSpace(doc: Doc, y: number, height: number): number {
  if (y + height <= pageBottom(doc)) return y;
  doc.addPage();
  return doc.page.margins.top;
}

export interface TextRun {
  text: string;
  font?: string;
  color?: string;
  size?: number;
}

/** A cell is plain text or a stack of runs, each on its own line(s) with its own font. */
export type TableCell = string | TextRun[];

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableOptions {
  fontSize?: number;
  padding?: number;
  headerFill?: string;
  lineColor?: string;
}

function runsOf(cell: TableCell): TextRun[] {
  return typeof cell === 'string' ? [{ text: cell }] : cell;
}

function cellHeight(doc: Doc, cell: TableCell, width: number, size: number): number {
  let h = 0;
  for (const run of runsOf(cell)) {
    doc.font(run.font ?? FONT.regular).fontSize(run.size ?? size);
    h += doc.heightOfString(toWinAnsi(run.text) || ' ', { width });
  }
  return h;
}

function drawCell(doc: Doc, cell: TableCell, x: number, y: number, width: number, size: number, align: TableColumn['align']) {
  let cy = y;
  for (const run of runsOf(cell)) {
    const text = toWinAnsi(run.text);
    doc.font(run.font ?? FONT.regular).fontSize(run.size ?? size).fillColor(run.color ?? 'black');
    doc.text(text, x, cy, { width, align: align ?? 'left' });
    cy += doc.heightOfString(text || ' ', { width });
  }
}

/**
 * Draw a bordered table from (x = left margin, y), breaking pages between rows and repeating
 * the header on each new page. Returns the y below the table.
 */
export function drawTable(doc: Doc, columns: TableColumn[], rows: TableCell[][], y: number, opts: TableOptions = {}): number {
  const size = opts.fontSize ?? 7.5;
  const pad = opts.padding ?? 3;
  const x0 = doc.page.margins.left;
  const lineColor = opts.lineColor ?? '#777777';

  const drawRow = (cells: TableCell[], top: number, height: number, fill?: string) => {
    let x = x0;
    columns.forEach((col, i) => {
      if (fill) doc.rect(x, top, col.width, height).fill(fill);
      doc.lineWidth(0.5).rect(x, top, col.width, height).stroke(lineColor);
      drawCell(doc, cells[i] ?? '', x + pad, top + pad, col.width - 2 * pad, size, col.align);
      x += col.width;
    });
  };
  const rowHeight = (cells: TableCell[]) =>
    Math.max(...columns.map((col, i) => cellHeight(doc, cells[i] ?? '', col.width - 2 * pad, size))) + 2 * pad;

  const header: TableCell[] = columns.map((c) => [{ text: c.header, font: FONT.bold }]);
  const headerHeight = rowHeight(header);
  const drawHeader = (top: number) => {
    drawRow(header, top, headerHeight, opts.headerFill ?? '#e6e6e6');
    return top + headerHeight;
  };

  y = drawHeader(ensureSpace(doc, y, headerHeight + 20));
  for (const cells of rows) {
    const h = rowHeight(cells);
    if (y + h > pageBottom(doc)) {
      doc.addPage();
      y = drawHeader(doc.page.margins.top);
    }
    drawRow(cells, y, h);
    y += h;
  }
  doc.fillColor('black');
  return y;
}

export interface SignerBlock {
  /** e.g. "Paraf", "Tanda tangan", "Ditetapkan di Bandung". */
  label?: string;
  /** e.g. "23-11-2026 14:05 WITA". */
  date?: string;
  jabatan: string;
  capacity?: SignerCapacity;
  onBehalfOf?: OnBehalfOf | null;
  nama: string;
  nip?: string | null;
  /** Shown in the signature space, e.g. "Ditandatangani secara elektronik". */
  mark?: string;
}

/** Height drawSignerBlock will take, to keep a block from splitting across pages. */
export function measureSignerBlock(doc: Doc, block: SignerBlock, width: number, fontSize = 8): number {
  const lines = [block.label, block.date, ...formatJabatan(block.jabatan, block.capacity, block.onBehalfOf ?? null), block.nama];
  if (block.nip) lines.push(`NIP. ${block.nip}`);
  let h = fontSize * 4;
  for (const l of lines) {
    if (!l) continue;
    doc.font(FONT.bold).fontSize(fontSize);
    h += doc.heightOfString(toWinAnsi(l), { width });
  }
  return h;
}

/**
 * The signer block of a Dinas document: label/date, capacity + jabatan, signature space
 * (with an electronic-signature mark), nama underlined, NIP. Returns the y below it.
 */
export function drawSignerBlock(doc: Doc, block: SignerBlock, x: number, y: number, width: number, fontSize = 8): number {
  const line = (text: string, font: string, opts: PDFKit.Mixins.TextOptions = {}) => {
    const t = toWinAnsi(text);
    doc.font(font).fontSize(fontSize).fillColor('black').text(t, x, y, { width, align: 'center', ...opts });
    y += doc.heightOfString(t, { width });
  };
  if (block.label) line(block.label, FONT.regular);
  if (block.date) line(block.date, FONT.regular);
  for (const j of formatJabatan(block.jabatan, block.capacity, block.onBehalfOf ?? null)) line(j, FONT.bold);

  const space = fontSize * 4;
  if (block.mark) {
    const t = toWinAnsi(block.mark);
    doc.font(FONT.italic).fontSize(fontSize - 1.5).fillColor('#555555');
    const h = doc.heightOfString(t, { width });
    doc.text(t, x, y + (space - h) / 2, { width, align: 'center' });
  }
  y += space;
  line(block.nama, FONT.bold, { underline: true });
  if (block.nip) line(`NIP. ${block.nip}`, FONT.regular);
  return y;
}

/**
 * "23 November 2026", as a decree writes its date. A plain `YYYY-MM-DD` is taken as that
 * calendar day; a date-time is read in `timeZone` (WIB by default). One formatter: core/calendar/tanggal.ts.
 */
export function formatTanggal(value: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatTanggalIndonesia(value, timeZone);
}

/** Collects a pdfkit document into one Buffer. */
export function collectPdf(doc: Doc): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Page footer ("… · halaman n dari m") on every buffered page; optionally a diagonal watermark. */
export function decorateBufferedPages(doc: Doc, footer: string, watermark?: string | null): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height, margins } = doc.page;
    const bottom = margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the bottom margin would otherwise add a page
    if (watermark) {
      doc.save();
      doc.rotate(-35, { origin: [width / 2, height / 2] });
      doc.font(FONT.bold).fontSize(60).fillColor('#c62828').fillOpacity(0.12);
      doc.text(toWinAnsi(watermark), 0, height / 2 - 30, { width, align: 'center', lineBreak: false });
      doc.restore();
    }
    doc.font(FONT.regular).fontSize(7).fillColor('#555555').fillOpacity(1);
    doc.text(toWinAnsi(`${footer}${footer ? ' · ' : ''}halaman ${i - range.start + 1} dari ${range.count}`), margins.left, height - bottom + 14, {
      width: width - margins.left - margins.right,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}

/** The kop as printed: its lines and, when the body has one, its logo (PNG or JPEG). */
export interface KopBlock {
  lines: KopLines;
  logo?: Buffer | null;
}

const LOGO_SIZE = 62;

/**
 * The kop of tata naskah dinas (Permendagri 1/2023): logo on the left, the lines centred (the
 * parent government, the body's name larger and bold, the address, the contacts), a double
 * rule below (thick over thin). Returns the y below the rule.
 */
export function drawKop(doc: Doc, kop: KopBlock, top = doc.page.margins.top): number {
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  const logo = kop.logo ?? null;
  // With a logo the lines are centred between equal gutters, so they stay centred on the page.
  const gutter = logo ? LOGO_SIZE + 8 : 0;
  const tx = x + gutter;
  const tw = width - 2 * gutter;
  const lines: { text: string; font: string; size: number }[] = [];
  const { pemerintah, nama, alamat, kontak } = kop.lines;
  if (pemerintah) lines.push({ text: pemerintah, font: FONT.bold, size: 13 });
  if (nama) lines.push({ text: nama, font: FONT.bold, size: 16 });
  if (alamat) lines.push({ text: alamat, font: FONT.regular, size: 8.5 });
  if (kontak) lines.push({ text: kontak, font: FONT.regular, size: 8.5 });
  const heightOf = (l: (typeof lines)[number]) => {
    doc.font(l.font).fontSize(l.size);
    return doc.heightOfString(toWinAnsi(l.text), { width: tw, align: 'center' });
  };
  const textHeight = lines.reduce((h, l) => h + heightOf(l) + 1, 0);
  const blockHeight = Math.max(textHeight, logo ? LOGO_SIZE : 0);
  if (logo) doc.image(logo, x, top + (blockHeight - LOGO_SIZE) / 2, { fit: [LOGO_SIZE, LOGO_SIZE], align: 'center', valign: 'center' });
  let y = top + (blockHeight - textHeight) / 2;
  for (const l of lines) {
    const t = toWinAnsi(l.text);
    doc.font(l.font).fontSize(l.size).fillColor('black').text(t, tx, y, { width: tw, align: 'center' });
    y += heightOf(l) + 1;
  }
  const ruleY = top + blockHeight + 5;
  doc.lineWidth(2).moveTo(x, ruleY).lineTo(x + width, ruleY).stroke('black');
  doc.lineWidth(0.6).moveTo(x, ruleY + 3).lineTo(x + width, ruleY + 3).stroke('black');
  doc.lineWidth(1);
  doc.y = ruleY + 14;
  return doc.y;
}

/** The document's title lines, centred and bold, Bahasa Indonesia only; returns the y below. */
export function drawTitle(doc: Doc, lines: string[], opts: { size?: number; gapAfter?: number } = {}): number {
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  doc.font(FONT.bold).fontSize(opts.size ?? 13).fillColor('black');
  let y = doc.y;
  for (const l of lines) {
    if (!l) {
      y += (opts.size ?? 13) * 0.7;
      continue;
    }
    const t = toWinAnsi(l);
    doc.text(t, x, y, { width, align: 'center' });
    y += doc.heightOfString(t, { width, align: 'center' });
  }
  doc.y = y + (opts.gapAfter ?? 8);
  return doc.y;
}

/** A red framed banner across the page (draft, incomplete). */
export function drawBanner(doc: Doc, text: string): void {
  const x = doc.page.margins.left;
  const width = usableWidth(doc);
  const y = doc.y;
  doc.rect(x, y, width, 22).fillAndStroke('#fdecea', '#c62828');
  doc.font(FONT.bold).fontSize(11).fillColor('#c62828').text(toWinAnsi(text), x, y + 6, { width, align: 'center' });
  doc.fillColor('black');
  doc.y = y + 30;
}

export interface SignerRowOptions {
  /** Blocks side by side (default 3). */
  perRow?: number;
  fontSize?: number;
  /** A heading above the blocks, e.g. "Paraf dan tanda tangan". */
  heading?: string;
  /** The place-and-date line ("Samarinda, 1 Desember 2026"), over the right-hand column. */
  placeDate?: string | null;
}

/**
 * The signature part of a document: optional heading, the place-and-date line, then the signer
 * blocks in rows (a single signer on the right, as a letter signs). Rows never split across
 * pages. Returns the y below.
 */
export function drawSignerBlocks(doc: Doc, blocks: SignerBlock[], opts: SignerRowOptions = {}): number {
  if (blocks.length === 0) return doc.y;
  const x0 = doc.page.margins.left;
  const fontSize = opts.fontSize ?? 8;
  const perRow = Math.max(1, Math.min(opts.perRow ?? 3, blocks.length));
  const width = usableWidth(doc) / Math.max(perRow, 2);
  const single = blocks.length === 1;
  const first = blocks.slice(0, perRow);
  const firstHeight = Math.max(...first.map((b) => measureSignerBlock(doc, b, width - 10, fontSize)));
  let y = ensureSpace(doc, doc.y + 6, firstHeight + 40);
  if (opts.heading) {
    doc.font(FONT.bold).fontSize(10).fillColor('black').text(toWinAnsi(opts.heading), x0, y);
    y = doc.y + 6;
  }
  if (opts.placeDate) {
    // Over the right-hand column: the last block of a row, or the single signer.
    const colX = single ? x0 + usableWidth(doc) / 2 : x0 + (perRow - 1) * width;
    const t = toWinAnsi(opts.placeDate);
    doc.font(FONT.regular).fontSize(fontSize + 1).fillColor('black').text(t, colX + 5, y, { width: width - 10, align: 'center' });
    y += doc.heightOfString(t, { width: width - 10 }) + 4;
  }
  for (let i = 0; i < blocks.length; i += perRow) {
    const row = blocks.slice(i, i + perRow);
    const h = Math.max(...row.map((b) => measureSignerBlock(doc, b, width - 10, fontSize)));
    y = ensureSpace(doc, y, h);
    const offset = single ? usableWidth(doc) / 2 : 0;
    const bottoms = row.map((b, j) => drawSignerBlock(doc, b, x0 + offset + j * width + 5, y, width - 10, fontSize));
    y = Math.max(...bottoms) + 12;
  }
  doc.y = y;
  return y;
}

/** The kop of a document's data: its own, else the old heading fields (instansi over unit). */
export function kopOf(data: { kop?: KopBlock | null; instansi: string; unit?: string | null; alamat?: string | null }): KopBlock {
  if (data.kop) return data.kop;
  const upper = (s: string | null | undefined) => (s && s.trim() ? s.trim().toUpperCase() : null);
  const pemerintah = upper(data.instansi);
  const nama = upper(data.unit);
  return { lines: { pemerintah: nama ? pemerintah : null, nama: nama ?? pemerintah ?? '', alamat: data.alamat?.trim() || null, kontak: null } };
}
