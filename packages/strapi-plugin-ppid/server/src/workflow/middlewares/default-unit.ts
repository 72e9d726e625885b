import type { Core } from '@strapi/strapi';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';

/** True when a create's `unit` names nothing: absent, null, or the CM's empty { connect: [] }. */
export function unitIsEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (typeof value !== 'object') return false;
  const v = value as { connect?: unknown[]; set?: unknown[]; id?: unknown; documentId?: unknown };
  if (v.id !== undefined || v.documentId !== undefined) return false;
  return !(v.connect?.length || v.set?.length);
}

/**
 * A new governed item takes the unit of the official linked to the admin user who creates it,
 * when none is chosen: the drafting officer's unit is whose SOP roles apply (services/actors),
 * so an item without one cannot be submitted. Only admin requests (the Content Manager); a
 * unit the officer picked is kept.
 */
export const defaultUnit = (strapi: Core.Strapi) => async (ctx: { uid: string; action: string; params: any }, next: () => Promise<unknown>) => {
  if (ctx.action !== 'create') return next();
  const attr: any = (strapi.getModel(ctx.uid as any) as any)?.attributes?.unit;
  if (!attr || attr.type !== 'relation' || attr.target !== UID.unit) return next();
  const content = getService(strapi, 'content');
  if (!content.isGoverned(ctx.uid)) return next();
  const data = ctx.params?.data;
  if (!data || !unitIsEmpty(data.unit)) return next();
  const request: any = strapi.requestContext.get();
  if (request?.state?.auth?.strategy?.name !== 'admin') return next();
  const userId: number | undefined = request.state.user?.id;
  if (!userId) return next();
  const official = await getService(strapi, 'actors').official(userId);
  if (official?.unit?.documentId) data.unit = { connect: [{ documentId: official.unit.documentId }] };
  return next();
};
