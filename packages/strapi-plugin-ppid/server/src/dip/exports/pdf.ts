import type { Writable } from 'node:stream';
import { loadPdfKit, loadQrCode } from '../../core/lazy-libs';
import { type DipColumnKey, type DipEntry, dipColumn, formatCell } from '../../core/dip';
import { type DipEditionMeta, decreeLine, formatTanggal } from './edition';
import { type DipEntrySource, waitForDrain, whenFinished } from './stream-util';

export interface DipPdfOptions {
  /** TrueType fonts to embed. The default (Helvetica) covers Latin-1 only; pass fonts for
   *  text beyond it (e.g. non-Latin names). */
  fonts?: { regular: string | Buffer; bold: string | Buffer };
}

/** The seven Perki 1/2021 columns and the classification; the link becomes a clickable
 *  area on the summary cell rather than a column, to leave room for the text. */
const PDF_COLUMNS: { key: DipColumnKey; weight: number }[] = [
  { key: 'nomor', weight: 30 },
  { key: 'ringkasan', weight: 175 },
  { key: 'pejabatUnit', weight: 105 },
  { key: 'penanggungJawab', weight: 105 },
  { key: 'waktuTempat', weight: 85 },
  { key: 'bentuk', weight: 65 },
  { key: 'retensi', weight: 110 },
  { key: 'klasifikasi', weight: 60 },
];

const MARGIN = 30;
const FOOTER_SPACE = 18;
const PAD = 3;
const BODY_SIZE = 8;
const HEADER_SIZE = 7.5;
const LINK_COLOR = '#1a4f9c';
const QR_SIZE = 72;
const SIGNER_WIDTH = 260;

interface Layout {
  x: number[];
  w: number[];
  left: number;
  right: number;
  /** Lowest y a table row may reach. */
  bottom: number;
}

/**
 * PDF of the DIP: A4 landscape; heading with instansi, title, decree number and date; the
 * table with its header repeated on every page; the signer's block and a QR code to
 * `edition.verificationUrl` at the end. pdfkit is itself a stream: each finished page is
 * flushed to `out` (no page buffering), and the writer waits whenever `out` is full.
 * `out` is ended when done.
 */
export async function writeDipPdf(
  entries: DipEntrySource,
  edition: DipEditionMeta,
  out: Writable,
  options: DipPdfOptions = {},
): Promise<void> {
  const qr = edition.verificationUrl
    ? await (await loadQrCode()).toBuffer(edition.verificationUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 })
    : undefined;

  const doc = new (await loadPdfKit())({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    autoFirstPage: false,
    bufferPages: false,
    info: {
      Title: edition.title,
      Author: edition.instansi,
      Subject: edition.decreeNumber ?? 'Draf Daftar Informasi Publik',
    },
  });
  const regular = options.fonts ? 'dip-regular' : 'Helvetica';
  const bold = options.fonts ? 'dip-bold' : 'Helvetica-Bold';
  if (options.fonts) {
    doc.registerFont(regular, options.fonts.regular);
    doc.registerFont(bold, options.fonts.bold);
  }

  const finished = whenFinished(out);
  doc.on('error', (err) => out.destroy(err));
  doc.pipe(out);

  let pageNo = 0;
  doc.on('pageAdded', () => drawFooter(doc, edition, ++pageNo, regular));
  doc.addPage();
  const layout = computeLayout(doc);

  drawHeading(doc, edition, regular, bold);
  drawTableHeader(doc, layout, bold);

  let count = 0;
  try {
    for await (const entry of entries) {
      drawRow(doc, layout, entry, regular, bold);
      count++;
      if (out.writableNeedDrain) await waitForDrain(out);
    }
  } catch (err) {
    doc.end();
    out.destroy(err as Error);
    throw err;
  }
  if (count === 0) {
    doc.font(regular).fontSize(BODY_SIZE).text('Belum ada informasi dalam daftar ini.', layout.left + PAD, doc.y + PAD);
  }

  drawSignerBlock(doc, layout, edition, qr, regular, bold);
  doc.end();
  await finished;
}

function computeLayout(doc: PDFKit.PDFDocument): Layout {
  const left = MARGIN;
  const right = doc.page.width - MARGIN;
  const total = PDF_COLUMNS.reduce((s, c) => s + c.weight, 0);
  const w = PDF_COLUMNS.map((c) => ((right - left) * c.weight) / total);
  const x: number[] = [];
  w.reduce((acc, width, i) => ((x[i] = acc), acc + width), left);
  return { x, w, left, right, bottom: doc.page.height - MARGIN - FOOTER_SPACE };
}

function drawFooter(doc: PDFKit.PDFDocument, edition: DipEditionMeta, pageNo: number, font: string): void {
  // Writing below the bottom margin would make pdfkit open another page; lift it for the footer.
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  const y = doc.page.height - MARGIN - 8;
  doc
    .font(font)
    .fontSize(7)
    .fillColor('#555555')
    .text(`${edition.title} — ${edition.decreeNumber ?? 'DRAF'}`, MARGIN, y, { lineBreak: false })
    .text(`Halaman ${pageNo}`, MARGIN, y, { width: doc.page.width - 2 * MARGIN, align: 'right', lineBreak: false })
    .fillColor('black');
  doc.page.margins.bottom = bottom;
  doc.x = MARGIN;
  doc.y = MARGIN;
}

function drawHeading(doc: PDFKit.PDFDocument, edition: DipEditionMeta, regular: string, bold: string): void {
  const width = doc.page.width - 2 * MARGIN;
  const opts = { width, align: 'center' as const };
  doc.font(bold).fontSize(12).text(edition.instansi.toUpperCase(), MARGIN, MARGIN, opts);
  if (edition.unit) doc.font(regular).fontSize(10).text(edition.unit, opts);
  doc.moveDown(0.3).font(bold).fontSize(13).text(edition.title.toUpperCase(), opts);
  const decree = edition.decreeNumber ? `Ditetapkan dengan Surat Keputusan ${decreeLine(edition)}` : decreeLine(edition);
  doc.font(regular).fontSize(9).text(decree, opts);
  doc.moveDown(0.8);
}

function drawTableHeader(doc: PDFKit.PDFDocument, l: Layout, bold: string): void {
  doc.font(bold).fontSize(HEADER_SIZE);
  const headers = PDF_COLUMNS.map((c) => dipColumn(c.key).header);
  const h = Math.max(...headers.map((t, i) => doc.heightOfString(t, { width: l.w[i] - 2 * PAD, align: 'center' }))) + 2 * PAD;
  const y = doc.y;
  doc.rect(l.left, y, l.right - l.left, h).fillAndStroke('#e7e6e6', '#777777').fillColor('black');
  headers.forEach((t, i) => {
    doc.rect(l.x[i], y, l.w[i], h).stroke('#777777');
    doc.text(t, l.x[i] + PAD, y + PAD, { width: l.w[i] - 2 * PAD, align: 'center' });
  });
  doc.x = l.left;
  doc.y = y + h;
}

/** Height of a cell's text. Most cells are one short line: measure width first, which is
 *  far cheaper than a full line-wrapping pass. */
function textHeight(doc: PDFKit.PDFDocument, text: string, width: number): number {
  if (!text.includes('\n') && doc.widthOfString(text) <= width) return doc.currentLineHeight(true);
  return doc.heightOfString(text, { width });
}

function drawRow(doc: PDFKit.PDFDocument, l: Layout, entry: DipEntry, regular: string, bold: string): void {
  doc.font(regular).fontSize(BODY_SIZE);
  const cells = PDF_COLUMNS.map((c) => formatCell(entry, c.key));
  let h = Math.max(...cells.map((t, i) => textHeight(doc, t, l.w[i] - 2 * PAD))) + 2 * PAD;

  if (doc.y + h > l.bottom) {
    doc.addPage();
    drawTableHeader(doc, l, bold);
    doc.font(regular).fontSize(BODY_SIZE);
  }
  // Still too tall on a fresh page: cut with an ellipsis rather than split across pages.
  const clipped = h > l.bottom - doc.y;
  if (clipped) h = l.bottom - doc.y;

  const y = doc.y;
  cells.forEach((text, i) => {
    doc.rect(l.x[i], y, l.w[i], h).stroke('#777777');
    const linked = PDF_COLUMNS[i].key === 'ringkasan' && entry.tautan;
    if (linked) doc.fillColor(LINK_COLOR);
    doc.text(text, l.x[i] + PAD, y + PAD, {
      width: l.w[i] - 2 * PAD,
      ...(clipped ? { height: h - 2 * PAD, ellipsis: true } : {}),
    });
    if (linked) {
      doc.fillColor('black');
      doc.link(l.x[i], y, l.w[i], h, entry.tautan!);
    }
  });
  doc.x = l.left;
  doc.y = y + h;
}

function drawSignerBlock(
  doc: PDFKit.PDFDocument,
  l: Layout,
  edition: DipEditionMeta,
  qr: Buffer | undefined,
  regular: string,
  bold: string,
): void {
  if (!edition.signer && !qr) return;
  const needed = 60 + QR_SIZE + 40 + (qr ? 20 : 0);
  if (doc.y + 16 + needed > l.bottom) doc.addPage();
  else doc.y += 16;

  const x = l.right - SIGNER_WIDTH;
  const opts = { width: SIGNER_WIDTH };
  doc.font(regular).fontSize(9);
  if (edition.ditetapkanDi) doc.text(`Ditetapkan di ${edition.ditetapkanDi}`, x, doc.y, opts);
  if (edition.decreeDate) doc.text(`pada tanggal ${formatTanggal(edition.decreeDate)}`, x, doc.y, opts);
  if (edition.signer) doc.moveDown(0.3).text(`${edition.signer.jabatan},`, x, doc.y, opts);

  // The QR code stands where a wet signature would, as on letters signed through BSrE.
  const qrY = doc.y + 4;
  if (qr) doc.image(qr, x, qrY, { fit: [QR_SIZE, QR_SIZE] });
  doc.y = qrY + (qr ? QR_SIZE : 44) + 4;

  if (edition.signer) {
    doc.font(bold).text(edition.signer.nama, x, doc.y, { ...opts, underline: true });
    doc.font(regular).text(`NIP. ${edition.signer.nip}`, x, doc.y, opts);
  }
  if (qr && edition.verificationUrl) {
    doc
      .moveDown(0.5)
      .fontSize(7)
      .fillColor('#555555')
      .text('Pindai kode QR untuk memeriksa keaslian daftar ini:', x, doc.y, opts)
      .fillColor(LINK_COLOR)
      .text(edition.verificationUrl, x, doc.y, { ...opts, link: edition.verificationUrl })
      .fillColor('black');
  }
}
