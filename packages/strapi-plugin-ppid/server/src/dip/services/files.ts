import { createHash } from 'crypto';
import { PassThrough } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { track } from '../../platform/background';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';
import { EXPORT_FORMATS, type EditionRow, type ExportFormat } from './rows';

/**
 * Exports of established DIP editions, rendered once and kept (`plugin::ppid.dip-file`, table
 * `ppid_dip_files`), served from there with a long-lived, immutable cache (docs/api.md).
 *
 * Why the database and not the upload provider: it is the one store every instance already
 * shares, whatever the upload provider (local disk is per host), it is transactional, it is not
 * reachable through `/uploads/*` or the Media Library (where an administrator could delete or
 * replace a file), and an edition's exports are bounded (10,000 entries: PDF ≈ 3 MB). Kept as
 * base64 text (Strapi has no binary attribute): PostgreSQL `text`, MySQL `longtext`.
 *
 * A file is keyed by edition, format and `variant`: a digest of the public row when entries were
 * dropped or blacked out at export because their item has since been (partly) excluded (docs/dip.md, "Exclusion twice").
 * Normally empty; an exclusion after establishment gives a new variant, rendered once, and the
 * older files of that edition and format are deleted, so what is now excluded is not kept.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const files = () => strapi.db.query(UID.dipFile);
  let renders = 0;

  // The public row (dip.publicRow) has already left out entries excluded whole and blacked out
  // copies of parts excluded since; its note (`catatan`) says so. The variant is then a digest of
  // what the public may read, so each exclusion after establishment makes its own file.
  const variantOf = (row: EditionRow & { catatan?: string | null }) => {
    if (!row.catatan) return 'all';
    return createHash('sha256').update(JSON.stringify(row.entries ?? [])).digest('hex').slice(0, 32);
  };

  async function render(row: EditionRow, format: ExportFormat): Promise<Buffer> {
    renders += 1;
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      out.on('end', resolve);
      out.on('error', reject);
    });
    await getService(strapi, 'dip').exportTo(row, format, out);
    await done;
    return Buffer.concat(chunks);
  }

  type Stored = { id: number; sha256: string; size: number; createdAt: string };
  const META = ['id', 'sha256', 'size', 'createdAt'];

  /** The kept file (without its bytes), the oldest if two instances raced to make it. */
  const find = async (edition: string, format: ExportFormat, variant: string) =>
    (await files().findOne({ where: { edition, format, variant }, select: META, orderBy: [{ id: 'asc' }] })) as Stored | null;

  const self = {
    /** How many exports this process has rendered (tests and the bench read it). */
    renderCount: () => renders,

    /**
     * The kept export of an established (public) edition, rendered and stored first if it is
     * missing. The row is the public one (signer's NIP masked).
     */
    async ensure(row: EditionRow, format: ExportFormat): Promise<Stored> {
      const variant = variantOf(row);
      const have = await find(row.documentId, format, variant);
      if (have) return have;
      const bytes = await render(row, format);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await files().create({ data: { edition: row.documentId, format, variant, sha256, size: bytes.length, data: bytes.toString('base64') } });
      // Another request (or instance) may have stored one too: the oldest wins everywhere.
      const kept = (await find(row.documentId, format, variant))!;
      await files().deleteMany({ where: { edition: row.documentId, format, id: { $ne: kept.id } } });
      return kept;
    },

    /** The bytes of a kept file. */
    async bytes(id: number): Promise<Buffer> {
      const f = await files().findOne({ where: { id }, select: ['data'] });
      return Buffer.from(String(f?.data ?? ''), 'base64');
    },

    /**
     * Once an edition is public (its run's publish act committed): its three exports, in the
     * background. A format that cannot be rendered now (the PDF without PUBLIC_URL in
     * production) is rendered on its first request instead.
     */
    prerender(row: EditionRow) {
      void track(
        (async () => {
          const publicRow = await getService(strapi, 'dip').publicRow(row);
          for (const format of EXPORT_FORMATS) {
            try {
              if (format === 'pdf' && publicRow.signer?.verificationCode) getService(strapi, 'verification').assertPrintableLinks();
              await self.ensure(publicRow, format);
            } catch (e) {
              strapi.log.warn(`[ppid dip] edition ${row.documentId}: ${format} export not kept yet (${(e as Error).message})`);
            }
          }
        })(),
      );
    },

    /** Bootstrap: an edition's exports are made when its run publishes it (after the commit). */
    listen() {
      strapi.eventHub.on('ppid.published', async (payload: any) => {
        if (payload?.item?.uid !== UID.dipEdition) return;
        const documentId = payload.item.documentId as string;
        const run = () => {
          void track(
            (async () => {
              const row = await getService(strapi, 'dip').get(documentId, { established: true }).catch(() => null);
              if (row) self.prerender(row as EditionRow);
            })(),
          );
        };
        if (strapi.db.inTransaction()) void strapi.db.transaction(async ({ onCommit }: any) => onCommit(run));
        else run();
      });
    },
  };
  return self;
};
