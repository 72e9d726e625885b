// The SOP as a standalone HTML page in the SOP AP layout: header block, the three two-column
// blocks, then the activity table with one column per pelaksana holding the flowchart.
//
// Connectors are drawn per cell (absolutely positioned line segments inside each pelaksana
// cell) rather than as one overlay: row heights follow the text, which only the browser knows,
// and per-cell segments stay joined at any height, in print, and across page breaks, with no
// script. Lines are borders, not backgrounds, so they print even with "background graphics" off.
// Text is written as in the definition; capitals on the form are CSS (text-transform), so the
// page stays searchable and copyable as the SOP's own words.
import type { SopDefinition } from '../../core/workflow';
import {
  CONTENT_WIDTH_PX,
  type FlowGeometry,
  type FlowMark,
  type FlowRow,
  type SymbolKind,
  type XPos,
  type YAnchor,
  Y_ORDER,
  activityColumns,
  buildFlow,
  flowGeometry,
  resolveX,
  resolveY,
} from './flow';
import { sopHeaderLines } from '../../core/documents';
import { type SopDocumentOptions, type SopLabels, formatTanggal, formatWaktu, keteranganOf, labelsFor } from './labels';

const LINE = 1.5;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderSopHtml(def: SopDefinition, opts: SopDocumentOptions = {}): string {
  const lang = opts.lang ?? 'id';
  const l = labelsFor(lang);
  const h = def.header;
  const cols = activityColumns(def.roles.length);
  const g = flowGeometry(cols.roleWidth * CONTENT_WIDTH_PX);
  const title = `SOP ${h.nomorSop} — ${h.namaSop}`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main class="sheet">',
    headerBlock(def, l, opts),
    twoColumnBlocks(def, l),
    activityTable(def, l, cols.widths, g),
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Header and the two-column blocks

function headerBlock(def: SopDefinition, l: SopLabels, opts: SopDocumentOptions): string {
  const h = def.header;
  const s = h.disahkanOleh;
  const row = (label: string, value: string, cls = '') =>
    `<tr><th class="label">${escapeHtml(label)}</th><td class="value${cls}">${value}</td></tr>`;
  const signer = [
    `<div class="jabatan">${escapeHtml(s.jabatan)}</div>`,
    '<div class="ttd"></div>',
    `<div class="nama">${escapeHtml(s.nama)}</div>`,
    s.nip ? `<div class="nip">${escapeHtml(l.nip)} ${escapeHtml(s.nip)}</div>` : '',
  ].join('');
  // Stacked as a kop: parent government, then the body (larger), then the unit.
  const lines = opts.headerLines ?? sopHeaderLines(h.instansi, h.unit);
  const logo = opts.logo ? `<img class="kop-logo" alt="" src="data:${opts.logo[0] === 0xff ? 'image/jpeg' : 'image/png'};base64,${opts.logo.toString('base64')}">` : '';
  const instansi =
    logo +
    (lines.pemerintah ? `<div class="pemerintah">${escapeHtml(lines.pemerintah)}</div>` : '') +
    `<div class="instansi">${escapeHtml(lines.nama)}</div>` +
    (lines.unit ? `<div class="unit">${escapeHtml(lines.unit)}</div>` : '');
  return [
    '<table class="head">',
    '<colgroup><col style="width:42%"><col style="width:18%"><col style="width:40%"></colgroup>',
    `<tr><td class="logo" rowspan="6">${instansi}</td>`,
    `<th class="label">${escapeHtml(l.nomorSop)}</th><td class="value">${escapeHtml(h.nomorSop)}</td></tr>`,
    row(l.tanggalPembuatan, escapeHtml(formatTanggal(h.tanggalPembuatan, l))),
    row(l.tanggalRevisi, escapeHtml(formatTanggal(h.tanggalRevisi, l))),
    row(l.tanggalEfektif, escapeHtml(formatTanggal(h.tanggalEfektif, l))),
    row(l.disahkanOleh, signer, ' signer'),
    row(l.namaSop, escapeHtml(h.namaSop), ' nama-sop'),
    '</table>',
  ].join('\n');
}

function list(items: string[], l: SopLabels): string {
  if (items.length === 0) return `<span class="empty">${escapeHtml(l.empty)}</span>`;
  return `<ol>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ol>`;
}

function twoColumnBlocks(def: SopDefinition, l: SopLabels): string {
  const h = def.header;
  const pairs: [string, string[], string, string[]][] = [
    [l.dasarHukum, h.dasarHukum, l.kualifikasiPelaksana, h.kualifikasiPelaksana],
    [l.keterkaitan, h.keterkaitan, l.peralatanPerlengkapan, h.peralatanPerlengkapan],
    [l.peringatan, h.peringatan, l.pencatatanPendataan, h.pencatatanPendataan],
  ];
  const rows = pairs.map(
    ([la, a, lb, b]) =>
      `<tr><th>${escapeHtml(la)}</th><th>${escapeHtml(lb)}</th></tr>` +
      `<tr><td>${list(a, l)}</td><td>${list(b, l)}</td></tr>`,
  );
  return ['<table class="blocks">', '<colgroup><col style="width:50%"><col style="width:50%"></colgroup>', ...rows, '</table>'].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Activity table

function activityTable(def: SopDefinition, l: SopLabels, widths: number[], g: FlowGeometry): string {
  const n = def.roles.length;
  const th = (text: string, attrs = '') => `<th${attrs}>${escapeHtml(text)}</th>`;
  const head = [
    '<thead>',
    `<tr>${th(l.no, ' rowspan="2"')}${th(l.kegiatan, ' rowspan="2"')}${th(l.pelaksana, ` colspan="${n}"`)}` +
      `${th(l.mutuBaku, ' colspan="3"')}${th(l.keterangan, ' rowspan="2"')}</tr>`,
    `<tr>${def.roles.map((r) => th(r.label, ' class="role"')).join('')}${th(l.kelengkapan)}${th(l.waktu)}${th(l.output)}</tr>`,
    '</thead>',
  ].join('');
  const colgroup = `<colgroup>${widths.map((w) => `<col style="width:${(w * 100).toFixed(3)}%">`).join('')}</colgroup>`;
  const body = buildFlow(def).map((row) => activityRow(row, n, l, g, def.roles));
  return [
    '<section class="activity">',
    `<div class="act-title"><b>${escapeHtml(def.header.namaSop)}</b>` +
      `<span>${escapeHtml(l.nomorSop)}: ${escapeHtml(def.header.nomorSop)}</span></div>`,
    '<table class="act">',
    colgroup,
    head,
    '<tbody>',
    ...body,
    '</tbody>',
    '</table>',
    '</section>',
  ].join('\n');
}

function activityRow(row: FlowRow, roleCount: number, l: SopLabels, g: FlowGeometry, roles: SopDefinition['roles'] = []): string {
  const s = row.step;
  const inputs = s.inputs.map((i) => escapeHtml(i.label));
  const kelengkapan = inputs.length === 0 ? '' : inputs.length === 1 ? inputs[0] : `<ul>${inputs.map((i) => `<li>${i}</li>`).join('')}</ul>`;
  const keterangan = keteranganOf(s, l, roles).map((k) => `<div>${escapeHtml(k)}</div>`).join('');
  const roleCells = Array.from({ length: roleCount }, (_, c) => `<td class="pl" style="height:${g.minRowHeight}px">${flowCell(row, c, g, l)}</td>`);
  return [
    `<tr data-step="${s.number}">`,
    `<td class="no">${s.number}</td>`,
    `<td class="kegiatan">${escapeHtml(s.activity)}</td>`,
    ...roleCells,
    `<td class="kelengkapan">${kelengkapan}</td>`,
    `<td class="waktu">${escapeHtml(formatWaktu(s.standard, l))}</td>`,
    `<td class="output">${escapeHtml(s.output)}</td>`,
    `<td class="keterangan">${keterangan}</td>`,
    '</tr>',
  ].join('');
}

// ---------------------------------------------------------------------------------------------
// One pelaksana cell of the flowchart: its share of the row's marks, plus the symbol.

const px = (n: number) => `${+n.toFixed(2)}px`;

/** CSS for a position `d` px from the cell's left edge plus `frac` of its width. */
function leftCss(x: XPos, g: FlowGeometry, shift = 0): string {
  const { frac, d } = resolveX(x, g);
  return `calc(${frac * 100}% + ${px(d + shift)})`;
}

function rightCss(x: XPos, g: FlowGeometry, shift = 0): string {
  const { frac, d } = resolveX(x, g);
  return `calc(${(1 - frac) * 100}% - ${px(d + shift)})`;
}

/** CSS top/bottom for a point `shift` px below an anchor. */
function yCss(a: YAnchor, sym: SymbolKind, g: FlowGeometry, shift = 0): string {
  const y = resolveY(a, sym, g);
  return y.fromTop ? `top:${px(y.d + shift)}` : `bottom:${px(y.d - shift)}`;
}

function vlineCss(from: YAnchor, to: YAnchor, sym: SymbolKind, g: FlowGeometry): string {
  const [upper, lower] = Y_ORDER.indexOf(from) <= Y_ORDER.indexOf(to) ? [from, to] : [to, from];
  const u = resolveY(upper, sym, g);
  const w = resolveY(lower, sym, g);
  if (u.fromTop && w.fromTop) return `top:${px(u.d)};height:${px(w.d - u.d)}`;
  if (!u.fromTop && !w.fromTop) return `bottom:${px(w.d)};height:${px(u.d - w.d)}`;
  return `top:${px(u.d)};bottom:${px(w.d)}`;
}

/** Order of two positions in the same row, for splitting a horizontal line across cells. */
function xKey(x: XPos, g: FlowGeometry, colWidth: number): number {
  const { frac, d } = resolveX(x, g);
  return x.col * 1e6 + frac * colWidth + d;
}

function markHtml(m: FlowMark, c: number, row: FlowRow, g: FlowGeometry, l: SopLabels): string {
  const sym = row.symbol;
  switch (m.kind) {
    case 'vline':
      if (m.x.col !== c) return '';
      return `<div class="v" style="left:${leftCss(m.x, g, -LINE / 2)};${vlineCss(m.from, m.to, sym, g)}"></div>`;
    case 'hline': {
      const [a, b] = xKey(m.from, g, 100) <= xKey(m.to, g, 100) ? [m.from, m.to] : [m.to, m.from];
      if (c < a.col || c > b.col) return '';
      // Extend each end by half a line width so corners with the vertical segments close.
      const left = c === a.col ? leftCss(a, g, -LINE / 2) : '0px';
      const right = c === b.col ? rightCss(b, g, LINE / 2) : '0px';
      // A border-top box of height 0 is LINE px thick: centre it on the anchor.
      const y = resolveY(m.y, sym, g);
      const yPos = y.fromTop ? `top:${px(y.d - LINE / 2)}` : `bottom:${px(y.d - LINE / 2)}`;
      return `<div class="h" style="left:${left};right:${right};${yPos}"></div>`;
    }
    case 'arrow':
      if (m.x.col !== c) return '';
      return arrowHtml(m.x, m.y, m.dir, sym, g);
    case 'label': {
      if (m.x.col !== c) return '';
      if (m.text === 'yes') {
        return `<span class="lbl" style="left:${leftCss(m.x, g, 4)};${yCss(m.y, sym, g, 1)}">${escapeHtml(l.ya)}</span>`;
      }
      // "Tidak" sits above the return line, just outside the symbol.
      const pos = m.x.side === 1 ? `left:${leftCss(m.x, g, 3)}` : `right:${rightCss(m.x, g, -3)}`;
      return `<span class="lbl" style="${pos};${yCss(m.y, sym, g, -13)}">${escapeHtml(l.tidak)}</span>`;
    }
  }
}

const ARROW = 8;

function arrowHtml(x: XPos, y: YAnchor, dir: 'down' | 'left' | 'right', sym: SymbolKind, g: FlowGeometry): string {
  const half = ARROW / 2;
  const shapes = {
    down: { pts: `0,0 ${ARROW},0 ${half},${ARROW}`, dx: -half, dy: -ARROW },
    left: { pts: `${ARROW},0 ${ARROW},${ARROW} 0,${half}`, dx: 0, dy: -half },
    right: { pts: `0,0 0,${ARROW} ${ARROW},${half}`, dx: -ARROW, dy: -half },
  };
  const s = shapes[dir];
  return (
    `<svg class="arrow" width="${ARROW}" height="${ARROW}" viewBox="0 0 ${ARROW} ${ARROW}" ` +
    `style="left:${leftCss(x, g, s.dx)};${yCss(y, sym, g, s.dy)}" aria-hidden="true">` +
    `<polygon points="${s.pts}"/></svg>`
  );
}

export function symbolSvg(kind: SymbolKind, w: number, h: number, extra = ''): string {
  const i = LINE / 2;
  const shape =
    kind === 'decision'
      ? `<polygon points="${w / 2},${i} ${w - i},${h / 2} ${w / 2},${h - i} ${i},${h / 2}"/>`
      : `<rect x="${i}" y="${i}" width="${w - LINE}" height="${h - LINE}" rx="${kind === 'terminator' ? (h - LINE) / 2 : 0}"/>`;
  return `<svg class="sym ${kind}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"${extra} role="img">${shape}</svg>`;
}

function flowCell(row: FlowRow, c: number, g: FlowGeometry, l: SopLabels): string {
  // Lines first, then the symbol over them, then arrowheads and labels on top.
  const lines = row.marks.filter((m) => m.kind === 'vline' || m.kind === 'hline').map((m) => markHtml(m, c, row, g, l));
  const tops = row.marks.filter((m) => m.kind === 'arrow' || m.kind === 'label').map((m) => markHtml(m, c, row, g, l));
  const w = g.symWidth;
  const h = g.symHeight[row.symbol];
  const symbol =
    c === row.col
      ? symbolSvg(row.symbol, w, h, ` style="left:calc(50% - ${px(w / 2)});top:${px(g.symTop)}" aria-label="${row.symbol}"`)
      : '';
  return [...lines, symbol, ...tops].join('');
}

// ---------------------------------------------------------------------------------------------

const CSS = `
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
html { background: #e9e9e9; }
body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 9pt; line-height: 1.3; color: #000; }
.sheet { width: 277mm; margin: 8mm auto; padding: 8mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; overflow-wrap: break-word; }
ol, ul { margin: 0; padding-left: 1.4em; }
.head .logo { text-align: center; vertical-align: middle; padding: 10px 14px; }
.head .pemerintah, .head .instansi, .head .unit, .head .jabatan, .head .nama-sop, .blocks th, .act thead th, .act-title b { text-transform: uppercase; }
.head .instansi { font-weight: bold; font-size: 12pt; line-height: 1.35; }
.head .unit { font-weight: bold; font-size: 10.5pt; margin-top: 4px; }
.head .pemerintah { font-weight: bold; font-size: 11pt; line-height: 1.35; }
.head .kop-logo { display: block; margin: 0 auto 6px; max-width: 64px; max-height: 64px; }
.head th.label { font-weight: normal; vertical-align: middle; }
.head td.value { vertical-align: middle; }
.head .signer { text-align: center; }
.head .signer .ttd { height: 42px; }
.head .signer .nama { font-weight: bold; text-decoration: underline; }
.head .nama-sop { font-weight: bold; }
.blocks { margin-top: -1px; }
.blocks th { text-align: left; font-weight: bold; background: #f0f0f0; }
.blocks td { height: 3.2em; }
.activity { margin-top: 6mm; }
.act-title { margin-bottom: 2mm; display: flex; justify-content: space-between; gap: 1em; }
.act-title span { font-weight: normal; }
.act thead th { text-align: center; vertical-align: middle; background: #f0f0f0; font-size: 7.5pt; padding: 3px 2px; overflow-wrap: normal; }
.act thead th.role { font-size: 7.5pt; }
.act tbody td { font-size: 8pt; }
.act tr { break-inside: avoid; page-break-inside: avoid; }
.act td.no, .act td.waktu { text-align: center; }
.act td.keterangan { font-size: 7.5pt; }
.act td.pl { position: relative; padding: 0; }
.act .v { position: absolute; width: 0; border-left: ${LINE}px solid #000; }
.act .h { position: absolute; height: 0; border-top: ${LINE}px solid #000; }
.act svg { position: absolute; overflow: visible; }
.act svg.sym polygon, .act svg.sym rect { fill: #fff; stroke: #000; stroke-width: ${LINE}; }
.act svg.arrow polygon { fill: #000; }
.act .lbl { position: absolute; font-size: 7pt; line-height: 1; white-space: nowrap; }
.empty { color: #444; }
@media print {
  html { background: none; }
  .sheet { width: auto; margin: 0; padding: 0; box-shadow: none; }
  /* Page 1 must hold the header and the blocks, as the PDF does: print a little smaller. */
  body { font-size: 7.5pt; }
  .head .instansi { font-size: 11pt; }
  .head .unit { font-size: 9.5pt; }
  .head .signer .ttd { height: 34px; }
  .head th, .head td, .blocks th, .blocks td { padding: 3px 5px; }
  .blocks tr { break-inside: avoid; page-break-inside: avoid; }
  .activity { break-before: page; page-break-before: always; margin-top: 0; }
  thead { display: table-header-group; }
}
`;
