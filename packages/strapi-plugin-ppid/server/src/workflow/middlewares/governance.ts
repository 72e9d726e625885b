import type { Core } from '@strapi/strapi';
import { conflict, fieldError, forbidden } from '../../errors';
import { PUBLIC_FLAG } from '../../public/services/public-filter';
import { itemKey, workflowContext } from '../context';
import { getService } from '../../services/get-service';

/**
 * The one door every write passes: a document service middleware. Whatever the caller (Content
 * Manager, bulk publish, REST, GraphQL, releases, plugin code), a governed item
 * - is published only by its run's publish act,
 * - is edited only at an editable step, by the step's role (the engine decides; approvals are
 *   voided and the run may go back),
 * - cannot be deleted or have its draft discarded while a run is open,
 * - may be unpublished or deleted, each sealed as a signature record in the same transaction;
 *   republishing needs a new run.
 */
const localeOf = (params: any): string | null => (typeof params?.locale === 'string' && params.locale !== '*' ? params.locale : null);

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);
const writesPublicFlag = (data: any) =>
  !!data && typeof data === 'object' && Object.prototype.hasOwnProperty.call(data, PUBLIC_FLAG) && data[PUBLIC_FLAG] !== false && data[PUBLIC_FLAG] != null;

export const governance =
  (strapi: Core.Strapi) =>
  async (ctx: { uid: string; action: string; params: any }, next: () => Promise<unknown>) => {
    // A binding made on another instance counts at once for writes (one indexed read).
    if (WRITES.has(ctx.action) && strapi.contentType(ctx.uid as any)?.options?.draftAndPublish) {
      await getService(strapi, 'settings-sync').ensureFresh({ maxAgeMs: 0 });
    }
    if (!getService(strapi, 'content').isGoverned(ctx.uid)) return next();
    const { uid, action, params = {} } = ctx;
    // The public flag is written by the publish act only (public-filter markPublished, through
    // the query engine, not this door): no write door may set it.
    if (writesPublicFlag(params.data)) {
      // A form that sends back the value the draft already holds (a draft restored from its
      // published version by "discard draft" carries the flag) changes nothing: dropped, not refused.
      const draft = action === 'update' && params.documentId
        ? await strapi.db.query(uid as any).findOne({ where: { documentId: params.documentId, publishedAt: { $null: true } }, select: [PUBLIC_FLAG] })
        : null;
      if (!draft?.[PUBLIC_FLAG]) throw fieldError(PUBLIC_FLAG, 'hanya diisi oleh tindakan terbit SOP / set only by the SOP publish act');
      params.data = { ...params.data };
      delete params.data[PUBLIC_FLAG];
    }
    const wf = workflowContext();
    const userId: number | null = strapi.requestContext.get()?.state?.user?.id ?? null;
    const documentId: string | undefined = params.documentId;

    // The item's content hash as it is before a delete or unpublish (null: no such item).
    const contentHashOf = async (u: string, id: string, locale: string | null): Promise<string | null> => {
      try {
        const content = getService(strapi, 'content');
        return await content.hashOf(u, await content.loadDraft(u, id, locale));
      } catch {
        return null;
      }
    };

    const refusePublish = async () => {
      const run = documentId ? await getService(strapi, 'workflow').activeRun(uid, documentId, localeOf(params)) : null;
      throw forbidden(
        'Item ini hanya dapat diterbitkan melalui tahap terakhir SOP-nya / this item can only be published by the last step of its SOP run',
        { reason: 'publish_through_workflow', runId: run?.documentId ?? null }
      );
    };

    switch (action) {
      case 'publish': {
        const key = documentId ? itemKey(uid, documentId, localeOf(params)) : null;
        if (wf?.publishing && key && wf.publishing === key) return next();
        return refusePublish();
      }
      case 'create':
        if (params.status === 'published') return refusePublish();
        return next();
      case 'update': {
        if (params.status === 'published') return refusePublish();
        if (wf?.system || !documentId) return next();
        const open = await getService(strapi, 'workflow').activeRun(uid, documentId, localeOf(params));
        if (!open) return next();
        // Same transaction: a refused edit is rolled back whole.
        return strapi.db.transaction(async () => {
          const result = await next();
          await getService(strapi, 'workflow').edited(uid, documentId, localeOf(params), userId);
          return result;
        });
      }
      case 'delete':
      case 'discardDraft': {
        if (wf?.system || !documentId) return next();
        const open = await getService(strapi, 'workflow').activeRun(uid, documentId, localeOf(params));
        if (open) {
          throw conflict('Item ini sedang dalam alur kerja SOP; batalkan alur kerjanya dulu / the item has an open run; cancel it first', {
            reason: 'run_open',
            runId: open.documentId,
          });
        }
        if (action === 'discardDraft') return next();
        // Deleting a governed item is sealed in the same transaction (refused together if sealing fails).
        return strapi.db.transaction(async () => {
          const hash = await contentHashOf(uid, documentId, localeOf(params));
          const result = await next();
          if (hash) await getService(strapi, 'workflow').deleted(uid, documentId, localeOf(params), userId, hash);
          return result;
        });
      }
      case 'unpublish': {
        if (!documentId || wf?.system) return next();
        // Nothing is published: nothing changes, nothing to seal.
        if (!(await getService(strapi, 'content').loadPublished(uid, documentId, localeOf(params)))) return next();
        // Sealed in the same transaction as the unpublish itself.
        return strapi.db.transaction(async () => {
          const hash = await contentHashOf(uid, documentId, localeOf(params));
          const result = await next();
          await getService(strapi, 'workflow').unpublished(uid, documentId, localeOf(params), userId, getService(strapi, 'sealing').requestMeta(), hash);
          return result;
        });
      }
      default:
        return next();
    }
  };
