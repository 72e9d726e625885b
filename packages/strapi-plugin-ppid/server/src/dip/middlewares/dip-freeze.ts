import type { Core } from '@strapi/strapi';
import { conflict } from '../../errors';
import { UID } from '../../platform/uids';
import { workflowContext } from '../../workflow/context';

/**
 * An established DIP edition is a decree: once the Atasan PPID has signed (status
 * established), its entries and data are frozen, whatever door a write comes through.
 * Publishing (the run's last step) and unpublishing stay with the governance middleware.
 */
export const dipFreeze =
  (strapi: Core.Strapi) =>
  async (ctx: { uid: string; action: string; params: any }, next: () => Promise<unknown>) => {
    if (ctx.uid !== UID.dipEdition || !['update', 'delete', 'discardDraft'].includes(ctx.action)) return next();
    const documentId = ctx.params?.documentId;
    if (!documentId || workflowContext()?.system) return next();
    const row = await strapi.db.query(UID.dipEdition).findOne({ where: { documentId, editionStatus: 'established' }, select: ['decreeNumber'] });
    if (row) {
      throw conflict(`Edisi DIP sudah ditetapkan (SK ${row.decreeNumber ?? '-'}) dan tidak dapat diubah; buat edisi pemutakhiran / the edition is established and frozen; create an update edition`, {
        reason: 'edition_established',
      });
    }
    return next();
  };
