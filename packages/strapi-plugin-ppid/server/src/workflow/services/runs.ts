import type { Core } from '@strapi/strapi';
import type { RunState, SopDefinition } from '../../core/workflow';
import { UID } from '../../platform/uids';

/**
 * A run row (plugin::ppid.run) as the services read it: the one declaration of its shape.
 * `sop` and `unit` are there when populated.
 */
export type RunRow = {
  id: number;
  documentId: string;
  itemUid: string;
  itemDocumentId: string;
  itemLocale: string | null;
  itemTitle: string | null;
  sopCode: string;
  sopVersion: number;
  /** The run's status column: the engine's statuses, and 'unpublished' once the item is withdrawn. */
  status: RunState['status'] | 'unpublished';
  currentStep: number;
  currentRole?: string | null;
  stepDeadline?: string | null;
  classification: string | null;
  lock: number;
  state: RunState;
  sop: { id: number; code: string; version: number; name: string; nomorSop: string | null; definition: SopDefinition };
  unit?: { id: number; name: string; code: string } | null;
  startedAt: string;
  endedAt: string | null;
  publishedHash: string | null;
};

/** Run reads for the admin lists and the public publication facts (the controllers' queries). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const runs = () => strapi.db.query(UID.run);
  return {
    /** Runs of these items of one type, newest first (with their SOP), for the list view's step column. */
    async newestForItems(uid: string, documentIds: string[]): Promise<RunRow[]> {
      return runs().findMany({
        where: { itemUid: uid, itemDocumentId: { $in: documentIds } },
        orderBy: { id: 'desc' },
        populate: ['sop'],
        select: ['itemDocumentId', 'status', 'currentStep', 'currentRole'],
      });
    },

    /** One page of runs matching `where`, newest first, and the total. */
    async page(where: Record<string, unknown>, page: number, pageSize: number): Promise<{ rows: RunRow[]; total: number }> {
      const [rows, total] = await Promise.all([
        runs().findMany({
          where,
          orderBy: { id: 'desc' },
          offset: (page - 1) * pageSize,
          limit: pageSize,
          populate: ['unit', 'sop'],
          select: ['documentId', 'itemUid', 'itemDocumentId', 'itemTitle', 'sopCode', 'sopVersion', 'status', 'currentStep', 'currentRole', 'stepDeadline', 'classification', 'startedAt', 'endedAt'],
        }),
        runs().count({ where }),
      ]);
      return { rows, total };
    },

    /** The item's latest published run (public facts only) and the verification code of its publish record. */
    async lastPublication(itemDocumentId: string): Promise<{ run: Pick<RunRow, 'documentId' | 'itemUid' | 'sopCode' | 'sopVersion' | 'endedAt' | 'publishedHash'>; verificationCode: () => Promise<string | null> } | null> {
      const run = await runs().findOne({
        where: { itemDocumentId, status: 'published' },
        orderBy: { id: 'desc' },
        select: ['documentId', 'itemUid', 'sopCode', 'sopVersion', 'endedAt', 'publishedHash'],
      });
      if (!run) return null;
      return {
        run,
        verificationCode: async () =>
          (await strapi.db.query(UID.record).findOne({ where: { runDocumentId: run.documentId, kind: 'publish' }, select: ['verificationCode'] }))?.verificationCode ?? null,
      };
    },
  };
};
