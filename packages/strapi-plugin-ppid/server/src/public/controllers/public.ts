import type { Core } from '@strapi/strapi';
import { notFound } from '../../errors';
import { getService } from '../../services/get-service';

/** Public facts only: whether an item was published through its SOP, and the signing keys. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async publication(ctx) {
    const { documentId } = ctx.params;
    const found = await getService(strapi, 'runs').lastPublication(documentId);
    const run = found?.run;
    // Only for an item the public guard shows right now (published through its run, not
    // excluded, not a plugin type such as a consequence test), so nothing else leaks.
    const live = run ? await getService(strapi, 'public-filter').isPublic(run.itemUid, documentId) : false;
    if (!run || !live) throw notFound('Tidak ada publikasi / no publication');
    const sop = await getService(strapi, 'sops').get(`${run.sopCode}@${run.sopVersion}`);
    ctx.body = {
      data: {
        documentId,
        publishedThroughSop: true,
        sop: { code: run.sopCode, version: run.sopVersion, name: sop.name, nomorSop: sop.nomorSop },
        publishedAt: run.endedAt,
        contentHash: run.publishedHash,
        verificationCode: await found!.verificationCode(),
      },
    };
  },
  async keys(ctx) {
    ctx.body = getService(strapi, 'keys').jwks();
  },
});
