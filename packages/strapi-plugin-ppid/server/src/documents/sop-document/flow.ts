// The flowchart of the activity table as a renderer-neutral model. Rows can have any height
// (they grow with the text), so nothing here is an absolute coordinate: every mark is placed
// relative to its own row (top, the symbol, the bottom) and its own pelaksana column. Each
// renderer resolves the anchors per row, which keeps connectors right whatever the row
// heights are, and lets a page break fall between any two rows.
import type { SopDefinition, SopStep } from '../../core/workflow';

export type SymbolKind = 'terminator' | 'process' | 'decision';

/** Vertical anchors within a row, top to bottom. */
export type YAnchor = 'top' | 'symTop' | 'symMid' | 'symBottom' | 'elbow' | 'bottom';
export const Y_ORDER: readonly YAnchor[] = ['top', 'symTop', 'symMid', 'symBottom', 'elbow', 'bottom'];

/**
 * Horizontal position within a pelaksana column: its centre, the symbol's left/right edge, or
 * the return lane, a vertical track just inside the column's left/right border so that a
 * "Tidak" line can run upwards past the other symbols of that column.
 */
export interface XPos {
  col: number;
  at: 'center' | 'sym' | 'lane';
  side: -1 | 1;
}

export type FlowMark =
  | { kind: 'vline'; x: XPos; from: YAnchor; to: YAnchor }
  | { kind: 'hline'; y: YAnchor; from: XPos; to: XPos }
  /** Arrowhead whose tip is at (x, y). */
  | { kind: 'arrow'; x: XPos; y: YAnchor; dir: 'down' | 'left' | 'right' }
  /** "Ya" under a decision, "Tidak" beside it on the side the return leaves from. */
  | { kind: 'label'; x: XPos; y: YAnchor; text: 'yes' | 'no' };

export interface FlowRow {
  step: SopStep;
  col: number;
  symbol: SymbolKind;
  marks: FlowMark[];
}

/** Symbol sizes and offsets in CSS px (the PDF scales them by 0.75, px to pt). */
export interface FlowGeometry {
  symTop: number;
  symWidth: number;
  symHeight: Record<SymbolKind, number>;
  /** Distance of the cross-column connector above the row's bottom border. */
  elbow: number;
  /** Distance of a return lane from the column border. */
  lane: number;
  minRowHeight: number;
}

const MAX_SYMBOL_WIDTH = 56;

/** Geometry for a pelaksana column of the given width: symbols shrink in narrow columns so
 *  that the return lanes on either side stay clear of them. */
export function flowGeometry(colWidth: number): FlowGeometry {
  const lane = 7;
  const symWidth = Math.max(24, Math.min(MAX_SYMBOL_WIDTH, colWidth - 2 * (lane + 8)));
  return {
    symTop: 14,
    symWidth,
    symHeight: { terminator: 24, process: 28, decision: 36 },
    elbow: 9,
    lane,
    minRowHeight: 14 + 36 + 26,
  };
}

/**
 * Start and end are terminators; a step that can send the work back is a decision; every other
 * step is a process. (The first and last step keep the terminator even if they could return.)
 */
export function symbolOf(def: SopDefinition, step: SopStep): SymbolKind {
  const first = def.steps[0]?.number;
  const last = def.steps[def.steps.length - 1]?.number;
  if (step.number === first || step.number === last) return 'terminator';
  if (step.returnTo !== undefined) return 'decision';
  return 'process';
}

export function buildFlow(def: SopDefinition): FlowRow[] {
  const colOf = new Map(def.roles.map((r, i) => [r.key, i]));
  const rows: FlowRow[] = def.steps.map((step) => ({
    step,
    col: colOf.get(step.role) ?? 0,
    symbol: symbolOf(def, step),
    marks: [],
  }));
  const center = (col: number): XPos => ({ col, at: 'center', side: 1 });

  // Forward flow: down out of each symbol; a move to another column turns at the elbow just
  // above the row's bottom border, then drops into the next row's symbol from the top.
  rows.forEach((row, i) => {
    const next = rows[i + 1];
    if (i > 0) {
      row.marks.push({ kind: 'vline', x: center(row.col), from: 'top', to: 'symTop' });
      row.marks.push({ kind: 'arrow', x: center(row.col), y: 'symTop', dir: 'down' });
    }
    if (!next) return;
    if (next.col === row.col) {
      row.marks.push({ kind: 'vline', x: center(row.col), from: 'symBottom', to: 'bottom' });
    } else {
      row.marks.push({ kind: 'vline', x: center(row.col), from: 'symBottom', to: 'elbow' });
      row.marks.push({ kind: 'hline', y: 'elbow', from: center(row.col), to: center(next.col) });
      row.marks.push({ kind: 'vline', x: center(next.col), from: 'elbow', to: 'bottom' });
    }
    if (row.symbol === 'decision') row.marks.push({ kind: 'label', x: center(row.col), y: 'symBottom', text: 'yes' });
  });

  // A committee whose members sit in other pelaksana columns (a panel of the Kepala Bidang and
  // the Sekretaris): a line from the step's symbol to each such column, ending in a bar there.
  rows.forEach((row) => {
    const cols = new Set((row.step.committee?.members ?? []).map((m) => colOf.get(m.role)).filter((c): c is number => c !== undefined && c !== row.col));
    for (const c of cols) {
      const side: -1 | 1 = c > row.col ? 1 : -1;
      row.marks.push({ kind: 'hline', y: 'symMid', from: { col: row.col, at: 'sym', side }, to: center(c) });
      row.marks.push({ kind: 'vline', x: center(c), from: 'symTop', to: 'symBottom' });
    }
  });

  // Returns ("Tidak"): out of the symbol's side, along the row to the target column's lane,
  // up the lane through the rows in between, and into the target symbol's side.
  rows.forEach((row, i) => {
    const target = row.step.returnTo;
    if (target === undefined) return;
    const t = rows.findIndex((r) => r.step.number === target);
    if (t < 0 || t >= i) return;
    const tc = rows[t].col;
    // The lane sits on the side of the target column that faces the returning step.
    const laneSide: -1 | 1 = tc > row.col ? -1 : 1;
    const exitSide: -1 | 1 = tc < row.col ? -1 : 1;
    const lane: XPos = { col: tc, at: 'lane', side: laneSide };
    const exit: XPos = { col: row.col, at: 'sym', side: exitSide };
    row.marks.push({ kind: 'hline', y: 'symMid', from: exit, to: lane });
    row.marks.push({ kind: 'vline', x: lane, from: 'top', to: 'symMid' });
    if (row.symbol === 'decision') row.marks.push({ kind: 'label', x: exit, y: 'symMid', text: 'no' });
    for (let k = t + 1; k < i; k++) rows[k].marks.push({ kind: 'vline', x: lane, from: 'top', to: 'bottom' });
    const entry: XPos = { col: tc, at: 'sym', side: laneSide };
    rows[t].marks.push({ kind: 'vline', x: lane, from: 'symMid', to: 'bottom' });
    rows[t].marks.push({ kind: 'hline', y: 'symMid', from: lane, to: entry });
    rows[t].marks.push({ kind: 'arrow', x: entry, y: 'symMid', dir: laneSide === 1 ? 'left' : 'right' });
  });
  return rows;
}

/** Offset of an anchor from the row's top (when `fromTop`) or bottom edge. */
export function resolveY(a: YAnchor, symbol: SymbolKind, g: FlowGeometry): { fromTop: boolean; d: number } {
  const h = g.symHeight[symbol];
  switch (a) {
    case 'top':
      return { fromTop: true, d: 0 };
    case 'symTop':
      return { fromTop: true, d: g.symTop };
    case 'symMid':
      return { fromTop: true, d: g.symTop + h / 2 };
    case 'symBottom':
      return { fromTop: true, d: g.symTop + h };
    case 'elbow':
      return { fromTop: false, d: g.elbow };
    case 'bottom':
      return { fromTop: false, d: 0 };
  }
}

/** Position within a column as a fraction of its width plus a fixed offset. */
export function resolveX(x: XPos, g: FlowGeometry): { frac: number; d: number } {
  switch (x.at) {
    case 'center':
      return { frac: 0.5, d: 0 };
    case 'sym':
      return { frac: 0.5, d: (x.side * g.symWidth) / 2 };
    case 'lane':
      return x.side === 1 ? { frac: 1, d: -g.lane } : { frac: 0, d: g.lane };
  }
}

// ---------------------------------------------------------------------------------------------
// Column widths of the activity table, shared so that HTML and PDF look alike.

export interface ActivityColumns {
  /** Fractions of the table width, in order: No, Kegiatan, roles..., Kelengkapan, Waktu, Output, Keterangan. */
  widths: number[];
  roleWidth: number;
}

export function activityColumns(roleCount: number): ActivityColumns {
  // Pelaksana columns get about a tenth of the width each, within bounds, so the flowchart
  // stays readable with two roles and the text with eight.
  const roleShare = Math.min(0.5, Math.max(0.24, 0.1 * roleCount));
  const fixed = [3.5, 22, 12.5, 6.5, 12.5, 9];
  const sum = fixed.reduce((a, b) => a + b, 0);
  const f = fixed.map((w) => (w / sum) * (1 - roleShare));
  const roleWidth = roleCount > 0 ? roleShare / roleCount : 0;
  return {
    widths: [f[0], f[1], ...Array.from({ length: roleCount }, () => roleWidth), f[2], f[3], f[4], f[5]],
    roleWidth,
  };
}

/** A4 landscape minus 10 mm margins, in CSS px: the width both renderers lay out for. */
export const CONTENT_WIDTH_PX = (277 / 25.4) * 96;
