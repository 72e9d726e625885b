// The SOP as a PDF (pdfkit, built-in Helvetica): the same layout as the HTML page. Page 1 holds
// the header block and the two-column blocks; the activity table starts on its own page, as on
// the printed SOP AP form, with its header repeated on every page.
//
// The flowchart uses the same row-relative model as the HTML (flow.ts), so a page break can
// fall between any two rows: a connector leaves a row at its bottom edge and re-enters the next
// row at its top, under the repeated table header.
import { loadPdfKit } from '../../core/lazy-libs';
import { sopHeaderLines } from '../../core/documents';
import { collectPdf } from '../pdf/layout';
import type { SopDefinition } from '../../core/workflow';
import {
  type FlowGeometry,
  type FlowRow,
  type XPos,
  type YAnchor,
  activityColumns,
  buildFlow,
  flowGeometry,
  resolveX,
  resolveY,
} from './flow';
import { type SopDocumentOptions, type SopLabels, formatTanggal, formatWaktu, keteranganOf, labelsFor } from './labels';

type Doc = PDFKit.PDFDocument;

const MARGIN = 28; // ~10 mm
const FOOTER_SPACE = 14;
const PAD = 4;
const PX = 0.75; // CSS px to pt: the flow geometry is shared with the HTML
const BORDER = '#000000';
const SHADE = '#efefef';
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const BODY = 7.5;

interface Page {
  left: number;
  width: number;
  bottom: number;
}

export async function renderSopPdf(def: SopDefinition, opts: SopDocumentOptions = {}): Promise<Buffer> {
  const l = labelsFor(opts.lang ?? 'id');
  const doc = new (await loadPdfKit())({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true, // for "Halaman n dari N" once the page count is known
    info: { Title: `SOP ${def.header.namaSop}`, Subject: def.header.nomorSop, Author: def.header.instansi },
  });
  const done = collectPdf(doc);

  const page: Page = { left: MARGIN, width: doc.page.width - 2 * MARGIN, bottom: doc.page.height - MARGIN - FOOTER_SPACE };
  let y = drawHeaderBlock(doc, def, l, page, MARGIN, opts);
  drawTwoColumnBlocks(doc, def, l, page, y);
  doc.addPage();
  y = drawActivityTitle(doc, def, l, page, MARGIN);
  drawActivityTable(doc, def, l, page, y);
  drawFooters(doc, def, l, page);
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------
// Text cells

interface TextOpts {
  font?: string;
  size?: number;
  align?: 'left' | 'center' | 'right';
  underline?: boolean;
}

function textHeight(doc: Doc, text: string, width: number, o: TextOpts = {}): number {
  if (!text) return 0;
  doc.font(o.font ?? REGULAR).fontSize(o.size ?? BODY);
  return doc.heightOfString(text, { width, align: o.align });
}

function drawText(doc: Doc, text: string, x: number, y: number, width: number, o: TextOpts = {}, maxHeight?: number): void {
  if (!text) return;
  doc
    .font(o.font ?? REGULAR)
    .fontSize(o.size ?? BODY)
    .fillColor('black')
    .text(text, x, y, {
      width,
      align: o.align,
      underline: o.underline,
      ...(maxHeight !== undefined ? { height: maxHeight, ellipsis: true } : {}),
    });
}

function cellBox(doc: Doc, x: number, y: number, w: number, h: number, fill?: string): void {
  doc.lineWidth(0.7);
  if (fill) doc.rect(x, y, w, h).fillAndStroke(fill, BORDER);
  else doc.rect(x, y, w, h).stroke(BORDER);
  doc.fillColor('black');
}

/** A numbered list with hanging indent; returns its height (draws only when `draw`). */
function numberedList(doc: Doc, items: string[], x: number, y: number, width: number, draw: boolean, l: SopLabels): number {
  if (items.length === 0) {
    if (draw) drawText(doc, l.empty, x, y, width);
    return textHeight(doc, l.empty, width);
  }
  const indent = 12;
  let h = 0;
  items.forEach((item, i) => {
    if (draw) {
      drawText(doc, `${i + 1}.`, x, y + h, indent);
      drawText(doc, item, x + indent, y + h, width - indent);
    }
    h += textHeight(doc, item, width - indent) + 1;
  });
  return h;
}

// ---------------------------------------------------------------------------------------------
// Page 1

function drawHeaderBlock(doc: Doc, def: SopDefinition, l: SopLabels, p: Page, top: number, opts: SopDocumentOptions): number {
  const h = def.header;
  const s = h.disahkanOleh;
  const wLogo = p.width * 0.42;
  const wLabel = p.width * 0.18;
  const wValue = p.width - wLogo - wLabel;
  const xLabel = p.left + wLogo;
  const xValue = xLabel + wLabel;
  const inner = wValue - 2 * PAD;
  const size = 8.5;

  const rows: { label: string; value: string; font?: string }[] = [
    { label: l.nomorSop, value: h.nomorSop },
    { label: l.tanggalPembuatan, value: formatTanggal(h.tanggalPembuatan, l) },
    { label: l.tanggalRevisi, value: formatTanggal(h.tanggalRevisi, l) },
    { label: l.tanggalEfektif, value: formatTanggal(h.tanggalEfektif, l) },
    { label: l.disahkanOleh, value: '' },
    { label: l.namaSop, value: h.namaSop.toUpperCase(), font: BOLD },
  ];
  const signSpace = 34;
  const jabatan = s.jabatan.toUpperCase();
  const nip = s.nip ? `${l.nip} ${s.nip}` : '';
  const signerHeight =
    textHeight(doc, jabatan, inner, { size, align: 'center' }) +
    signSpace +
    textHeight(doc, s.nama, inner, { size, font: BOLD, align: 'center' }) +
    textHeight(doc, nip, inner, { size, align: 'center' });
  const heights = rows.map(
    (r, i) =>
      Math.max(
        textHeight(doc, r.label, wLabel - 2 * PAD, { size }),
        i === 4 ? signerHeight : textHeight(doc, r.value, inner, { size, font: r.font }),
      ) +
      2 * PAD,
  );
  const total = heights.reduce((a, b) => a + b, 0);

  // Logo area, stacked as a kop: the logo, the parent government, the body (larger), the unit;
  // centred in the cell that spans all header rows.
  cellBox(doc, p.left, top, wLogo, total);
  const stack = opts.headerLines ?? sopHeaderLines(h.instansi, h.unit);
  const lines = [
    ...(stack.pemerintah ? [{ text: stack.pemerintah.toUpperCase(), size: 10.5, gap: 2 }] : []),
    { text: stack.nama.toUpperCase(), size: 12, gap: 4 },
    ...(stack.unit ? [{ text: stack.unit.toUpperCase(), size: 10, gap: 0 }] : []),
  ];
  const tw = wLogo - 6 * PAD;
  const logoSize = opts.logo ? Math.min(56, total / 3) : 0;
  const th = (logoSize ? logoSize + 6 : 0) + lines.reduce((sum, x) => sum + textHeight(doc, x.text, tw, { font: BOLD, size: x.size, align: 'center' }) + x.gap, 0);
  let ty = top + (total - th) / 2;
  if (opts.logo && logoSize) {
    try {
      doc.image(opts.logo, p.left + (wLogo - logoSize) / 2, ty, { fit: [logoSize, logoSize], align: 'center' });
    } catch {
      // an unreadable logo leaves the names alone in the cell
    }
    ty += logoSize + 6;
  }
  for (const x of lines) {
    drawText(doc, x.text, p.left + 3 * PAD, ty, tw, { font: BOLD, size: x.size, align: 'center' });
    ty += textHeight(doc, x.text, tw, { font: BOLD, size: x.size, align: 'center' }) + x.gap;
  }

  let y = top;
  rows.forEach((r, i) => {
    const rh = heights[i];
    cellBox(doc, xLabel, y, wLabel, rh);
    cellBox(doc, xValue, y, wValue, rh);
    const lh = textHeight(doc, r.label, wLabel - 2 * PAD, { size });
    drawText(doc, r.label, xLabel + PAD, y + (rh - lh) / 2, wLabel - 2 * PAD, { size });
    if (i === 4) {
      let sy = y + PAD;
      const c = { size, align: 'center' as const };
      drawText(doc, jabatan, xValue + PAD, sy, inner, c);
      sy += textHeight(doc, jabatan, inner, c) + signSpace;
      drawText(doc, s.nama, xValue + PAD, sy, inner, { ...c, font: BOLD, underline: true });
      sy += textHeight(doc, s.nama, inner, { ...c, font: BOLD });
      drawText(doc, nip, xValue + PAD, sy, inner, c);
    } else {
      const vh = textHeight(doc, r.value, inner, { size, font: r.font });
      drawText(doc, r.value, xValue + PAD, y + (rh - vh) / 2, inner, { size, font: r.font });
    }
    y += rh;
  });
  return y;
}

function drawTwoColumnBlocks(doc: Doc, def: SopDefinition, l: SopLabels, p: Page, top: number): number {
  const h = def.header;
  const pairs: [string, string[], string, string[]][] = [
    [l.dasarHukum, h.dasarHukum, l.kualifikasiPelaksana, h.kualifikasiPelaksana],
    [l.keterkaitan, h.keterkaitan, l.peralatanPerlengkapan, h.peralatanPerlengkapan],
    [l.peringatan, h.peringatan, l.pencatatanPendataan, h.pencatatanPendataan],
  ];
  const w = p.width / 2;
  const inner = w - 2 * PAD;
  let y = top;
  for (const [la, a, lb, b] of pairs) {
    const headH = Math.max(textHeight(doc, la.toUpperCase(), inner, { font: BOLD }), textHeight(doc, lb.toUpperCase(), inner, { font: BOLD })) + 2 * PAD;
    const bodyH = Math.max(24, numberedList(doc, a, 0, 0, inner, false, l) + 2 * PAD, numberedList(doc, b, 0, 0, inner, false, l) + 2 * PAD);
    if (y + headH + bodyH > p.bottom) {
      doc.addPage();
      y = MARGIN;
    }
    [la, lb].forEach((label, i) => {
      cellBox(doc, p.left + i * w, y, w, headH, SHADE);
      drawText(doc, label.toUpperCase(), p.left + i * w + PAD, y + PAD, inner, { font: BOLD });
    });
    y += headH;
    [a, b].forEach((items, i) => {
      cellBox(doc, p.left + i * w, y, w, bodyH);
      numberedList(doc, items, p.left + i * w + PAD, y + PAD, inner, true, l);
    });
    y += bodyH;
  }
  return y;
}

// ---------------------------------------------------------------------------------------------
// Activity table

interface TableLayout {
  x: number[];
  w: number[];
  roleCount: number;
  g: FlowGeometry;
}

function drawActivityTitle(doc: Doc, def: SopDefinition, l: SopLabels, p: Page, top: number): number {
  drawText(doc, def.header.namaSop.toUpperCase(), p.left, top, p.width * 0.65, { font: BOLD, size: 9 });
  drawText(doc, `${l.nomorSop}: ${def.header.nomorSop}`, p.left + p.width * 0.65, top, p.width * 0.35, { size: 8.5, align: 'right' });
  return top + textHeight(doc, def.header.namaSop.toUpperCase(), p.width * 0.65, { font: BOLD, size: 9 }) + 6;
}

function tableLayout(def: SopDefinition, p: Page): TableLayout {
  const cols = activityColumns(def.roles.length);
  const w = cols.widths.map((f) => f * p.width);
  const x: number[] = [];
  w.reduce((acc, width, i) => ((x[i] = acc), acc + width), p.left);
  return { x, w, roleCount: def.roles.length, g: flowGeometry((cols.roleWidth * p.width) / PX) };
}

function drawTableHeader(doc: Doc, def: SopDefinition, l: SopLabels, t: TableLayout, top: number): number {
  const n = t.roleCount;
  const o = { font: BOLD, size: 7, align: 'center' as const };
  const r1 = textHeight(doc, 'X', 100, o) + 2 * PAD;
  const second = [...def.roles.map((r) => r.label.toUpperCase()), l.kelengkapan.toUpperCase(), l.waktu.toUpperCase(), l.output.toUpperCase()];
  const r2 = Math.max(...second.map((s, i) => textHeight(doc, s, t.w[2 + i] - 2, o))) + 2 * PAD;
  const full = r1 + r2;
  const last = t.x.length - 1;

  const spanning = (i: number, text: string) => {
    cellBox(doc, t.x[i], top, t.w[i], full, SHADE);
    const th = textHeight(doc, text, t.w[i] - 2, o);
    drawText(doc, text, t.x[i] + 1, top + (full - th) / 2, t.w[i] - 2, o);
  };
  spanning(0, l.no.toUpperCase());
  spanning(1, l.kegiatan.toUpperCase());
  spanning(last, l.keterangan.toUpperCase());

  const group = (from: number, count: number, text: string) => {
    const w = t.w.slice(from, from + count).reduce((a, b) => a + b, 0);
    cellBox(doc, t.x[from], top, w, r1, SHADE);
    drawText(doc, text, t.x[from], top + PAD, w, o);
  };
  if (n > 0) group(2, n, l.pelaksana.toUpperCase());
  group(2 + n, 3, l.mutuBaku.toUpperCase());

  second.forEach((text, i) => {
    const c = 2 + i;
    cellBox(doc, t.x[c], top + r1, t.w[c], r2, SHADE);
    const th = textHeight(doc, text, t.w[c] - 2, o);
    drawText(doc, text, t.x[c] + 1, top + r1 + (r2 - th) / 2, t.w[c] - 2, o);
  });
  return top + full;
}

function drawActivityTable(doc: Doc, def: SopDefinition, l: SopLabels, p: Page, top: number): void {
  const t = tableLayout(def, p);
  const n = t.roleCount;
  let y = drawTableHeader(doc, def, l, t, top);

  for (const row of buildFlow(def)) {
    const s = row.step;
    const inputs = s.inputs.map((i) => (s.inputs.length > 1 ? `- ${i.label}` : i.label)).join('\n');
    // Text cells: [column index, text, align]
    const cells: [number, string, 'left' | 'center'][] = [
      [0, String(s.number), 'center'],
      [1, s.activity, 'left'],
      [2 + n, inputs, 'left'],
      [3 + n, formatWaktu(s.standard, l), 'center'],
      [4 + n, s.output, 'left'],
      [5 + n, keteranganOf(s, l, def.roles).join('\n'), 'left'],
    ];
    const size = (c: number) => (c === 5 + n ? 6.5 : BODY);
    let h = Math.max(
      t.g.minRowHeight * PX,
      ...cells.map(([c, text, align]) => textHeight(doc, text, t.w[c] - 2 * PAD, { size: size(c), align }) + 2 * PAD),
    );
    if (y + h > p.bottom) {
      doc.addPage();
      y = drawTableHeader(doc, def, l, t, MARGIN);
    }
    // Taller than a whole page: cut with an ellipsis rather than split the row.
    const clipped = y + h > p.bottom;
    if (clipped) h = p.bottom - y;

    t.x.forEach((x, c) => cellBox(doc, x, y, t.w[c], h));
    for (const [c, text, align] of cells) {
      drawText(doc, text, t.x[c] + PAD, y + PAD, t.w[c] - 2 * PAD, { size: size(c), align }, clipped ? h - 2 * PAD : undefined);
    }
    drawFlow(doc, row, t, y, h, l);
    y += h;
  }
}

// ---------------------------------------------------------------------------------------------
// Flowchart of one row

function drawFlow(doc: Doc, row: FlowRow, t: TableLayout, top: number, height: number, l: SopLabels): void {
  const g = t.g;
  const X = (x: XPos) => {
    const { frac, d } = resolveX(x, g);
    return t.x[2 + x.col] + t.w[2 + x.col] * frac + d * PX;
  };
  const Y = (a: YAnchor) => {
    const r = resolveY(a, row.symbol, g);
    return r.fromTop ? top + r.d * PX : top + height - r.d * PX;
  };
  doc.save().lineWidth(1.1).strokeColor('black').lineCap('square');
  for (const m of row.marks) {
    if (m.kind === 'vline') doc.moveTo(X(m.x), Y(m.from)).lineTo(X(m.x), Y(m.to)).stroke();
    if (m.kind === 'hline') doc.moveTo(X(m.from), Y(m.y)).lineTo(X(m.to), Y(m.y)).stroke();
  }

  // The symbol, filled white so that nothing shows through it.
  const w = g.symWidth * PX;
  const sh = g.symHeight[row.symbol] * PX;
  const cx = t.x[2 + row.col] + t.w[2 + row.col] / 2;
  const sy = Y('symTop');
  if (row.symbol === 'terminator') doc.roundedRect(cx - w / 2, sy, w, sh, sh / 2);
  else if (row.symbol === 'decision') doc.polygon([cx, sy], [cx + w / 2, sy + sh / 2], [cx, sy + sh], [cx - w / 2, sy + sh / 2]);
  else doc.rect(cx - w / 2, sy, w, sh);
  doc.fillAndStroke('white', 'black');

  const a = 6; // arrowhead length
  for (const m of row.marks) {
    if (m.kind === 'arrow') {
      const x = X(m.x);
      const y = Y(m.y);
      if (m.dir === 'down') doc.polygon([x - a / 2, y - a], [x + a / 2, y - a], [x, y]);
      else if (m.dir === 'left') doc.polygon([x + a, y - a / 2], [x + a, y + a / 2], [x, y]);
      else doc.polygon([x - a, y - a / 2], [x - a, y + a / 2], [x, y]);
      doc.fill('black');
    } else if (m.kind === 'label') {
      const x = X(m.x);
      const y = Y(m.y);
      doc.font(REGULAR).fontSize(6).fillColor('black');
      if (m.text === 'yes') doc.text(l.ya, x + 3, y + 1, { lineBreak: false });
      else {
        const tw = doc.widthOfString(l.tidak);
        doc.text(l.tidak, m.x.side === 1 ? x + 2 : x - 2 - tw, y - 8, { lineBreak: false });
      }
    }
  }
  doc.restore();
}

// ---------------------------------------------------------------------------------------------

function drawFooters(doc: Doc, def: SopDefinition, l: SopLabels, p: Page): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a page; lift it for the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 8;
    doc.font(REGULAR).fontSize(6.5).fillColor('#444444');
    doc.text(`SOP ${def.header.nomorSop} — ${def.header.namaSop}`, p.left, y, { width: p.width * 0.75, lineBreak: false });
    doc.text(l.page(i - range.start + 1, range.count), p.left, y, { width: p.width, align: 'right', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}
