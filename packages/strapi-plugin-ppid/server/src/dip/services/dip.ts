import type { Core } from '@strapi/strapi';
import { dipContext } from './context';
import { numbering } from './numbering';
import { editions } from './editions';
import { diffs } from './diff';
import { exporting } from './export';
import { importing } from './import';
import { pemutakhiran } from './pemutakhiran';

export { entryFromRow, rowFromEntry, EXPORT_FORMATS, CONTENT_TYPES, type EditionRow, type EditionSigner, type ExportFormat } from './rows';

/**
 * Daftar Informasi Publik: entries proposed from approved items, editions snapshotted from
 * them and established by decree through seed 002, their public reads, diffs, exports and import.
 *
 * Excluded information (dikecualikan, UU 14/2008 Pasal 17) never enters the DIP (Pasal 11(1)a):
 * it is filtered when an edition is snapshotted and filtered again whenever one is exported.
 *
 * The service ('dip') is assembled from its parts: rows.ts (row mapping, shapes), context.ts
 * (settings, exclusion filter, edition reads), numbering.ts (decree numbers), editions.ts
 * (proposals, edition lifecycle, reads, the workflow listener), diff.ts, export.ts, import.ts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ctx = dipContext(strapi);
  const numbers = numbering(ctx);
  const eds = editions(ctx, numbers);
  const updates = pemutakhiran(ctx, eds);
  return {
    settings: ctx.settings,
    ...eds,
    /** Bootstrap: the editions' workflow listener, and reclassification acts proposing a revised edition. */
    async listen() {
      await eds.listen();
      updates.listen();
    },
    pemutakhiran: updates,
    ...numbers,
    ...diffs(ctx),
    ...exporting(ctx),
    ...importing(ctx),
    /** The edition's entries split into what may be public now and what is dropped (excluded since). */
    withoutExcludedOf: (row: { entries: any[] | null }) => ctx.withoutExcluded(row.entries ?? []),
  };
};
