import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { DIP_COLUMNS, DIP_HEADERS, diffEditions, formatRow, guardFormula, type DipEditionDiff } from '../../core/dip';
import type { DipContext } from './context';
import type { EditionRow } from './rows';

/** What changed between two editions (the column order of Perki 1/2021), and the change list as CSV. */
export function diffs({ loadEdition }: DipContext) {
  return {
    async diff(aId: string, bId: string): Promise<{ from: EditionRow; to: EditionRow; diff: DipEditionDiff }> {
      const from = await loadEdition(bId);
      const to = await loadEdition(aId);
      return {
        from,
        to,
        diff: diffEditions(from.entries ?? [], to.entries ?? [], {
          ignoreColumns: ['nomor'],
        }),
      };
    },

    /** The diff as CSV: Perubahan, Kunci, Kolom Berubah, then the DIP columns. */
    async writeDiffCsv(d: DipEditionDiff, out: Writable) {
      const headerOf = (k: string) => DIP_COLUMNS.find((c) => c.key === k)?.header ?? k;
      async function* rows() {
        yield ['Perubahan', 'Kunci', 'Kolom Berubah', ...DIP_HEADERS];
        for (const e of d.added) yield ['ditambah', e.key, '', ...formatRow(e).map(guardFormula)];
        for (const e of d.removed) yield ['dihapus', e.key, '', ...formatRow(e).map(guardFormula)];
        for (const c of d.changed) yield ['diubah', c.key, c.columns.map(headerOf).join('; '), ...formatRow(c.after).map(guardFormula)];
      }
      await pipeline(Readable.from(rows()), stringify({ bom: true, record_delimiter: 'windows' }), out);
    },

  };
}
