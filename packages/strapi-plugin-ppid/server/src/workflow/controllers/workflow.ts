import type { Core } from '@strapi/strapi';
import { actSchema, bulkActSchema, cancelSchema, submitSchema, validate } from '../validation';
import { notFound } from '../../errors';
import { getService } from '../../services/get-service';
import { UID } from '../../platform/uids';

// The CM panel asks about any content type (ungoverned ones answer governed: false); a uid that
// names no content type at all is a 404, not an empty answer.
const knownType = (strapi: Core.Strapi, uid: string) => {
  // Own keys only: `__proto__` or `constructor` name no content type.
  if (!Object.prototype.hasOwnProperty.call(strapi.contentTypes, uid)) throw notFound(`Tipe konten ${String(uid).slice(0, 100)} tidak ada / unknown content type`, { field: 'uid' });
};

const meta = (ctx: any) => ({ ip: ctx.request.ip ?? null, userAgent: ctx.request.header['user-agent'] ?? null });

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const wf = () => getService(strapi, 'workflow');
  // Reads follow the caller's Content Manager read permission; personal data needs its own (services/admin-access.ts).
  const access = () => getService(strapi, 'admin-access');
  const shown = (ctx: any, view: any) => access().redactView(view, ctx.state.userAbility);
  return {
    async submit(ctx) {
      const body = await validate<any>(submitSchema, ctx.request.body);
      await getService(strapi, 'settings-sync').ensureFresh({ maxAgeMs: 0 }); // bindings made on another instance
      // The answer shows the item: the caller must read its type (an unknown type stays a 400 below).
      if (Object.prototype.hasOwnProperty.call(strapi.contentTypes, body.uid)) await access().assertCanReadItem(ctx.state.userAbility, body.uid, body.documentId);
      ctx.status = 201;
      ctx.body = { data: shown(ctx, await wf().submit(body, ctx.state.user.id, meta(ctx))) };
    },
    async act(ctx) {
      const body = await validate<any>(actSchema, ctx.request.body);
      ctx.body = { data: shown(ctx, await wf().act(ctx.params.id, body, ctx.state.user.id, meta(ctx))) };
    },
    /**
     * Bulk acts from Tugas Saya: 200 with each item's outcome (done, or its own refusal); the
     * whole request fails only for what concerns all items (bad body, wrong password, lock).
     */
    async bulkAct(ctx) {
      const body = await validate<any>(bulkActSchema, ctx.request.body);
      const { runIds, steps, ...req } = body;
      const guard = (runId: string) => access().assertCanReadRun(ctx.state.userAbility, runId);
      ctx.body = { data: await wf().bulkAct(runIds, req, ctx.state.user.id, meta(ctx), guard, steps ?? {}) };
    },
    /** An administrator (`runs.cancel`) cancels any open run; the reason is required and sealed in a cancel record. */
    async cancel(ctx) {
      const body = await validate<any>(cancelSchema, ctx.request.body ?? {});
      await access().assertCanReadRun(ctx.state.userAbility, ctx.params.id);
      ctx.body = { data: shown(ctx, await wf().act(ctx.params.id, { act: 'cancel', reason: body.reason }, ctx.state.user.id, meta(ctx), { administrator: true })) };
    },
    async findOne(ctx) {
      await access().assertCanReadRun(ctx.state.userAbility, ctx.params.id);
      ctx.body = { data: shown(ctx, await wf().view(ctx.params.id, ctx.state.user.id)) };
    },
    async tasks(ctx) {
      const tasks: any[] = [];
      // The read permission is per type (a consequence test: per tested item), asked once each.
      const readable = new Map<string, Promise<boolean>>();
      for (const t of await wf().tasks(ctx.state.user.id)) {
        const key = t.item.uid === UID.consequenceTest ? `${t.item.uid}:${t.item.documentId}` : t.item.uid;
        if (!readable.has(key)) readable.set(key, access().canReadItem(ctx.state.userAbility, t.item.uid, t.item.documentId));
        if (await readable.get(key)) tasks.push(t);
      }
      // The role's label as the SOP names it ("Kasubbag / Kasi"), for the panel.
      const labels = new Map<string, any[]>();
      for (const t of tasks) {
        if (!labels.has(t.sop.code)) labels.set(t.sop.code, (await getService(strapi, 'sops').current(t.sop.code).catch(() => null))?.definition?.roles ?? []);
        t.step.roleLabel = labels.get(t.sop.code)!.find((r: any) => r.key === t.step.role)?.label ?? t.step.role;
      }
      ctx.body = { data: tasks };
    },
    async forItem(ctx) {
      const { uid, documentId } = ctx.params;
      knownType(strapi, uid);
      await access().assertCanReadItem(ctx.state.userAbility, uid, documentId);
      const locale = typeof ctx.query.locale === 'string' ? ctx.query.locale : null;
      const content = getService(strapi, 'content');
      const runs = await wf().forItem(uid, documentId, locale);
      const active = await wf().activeRun(uid, documentId, locale);
      ctx.body = {
        data: {
          governed: content.isGoverned(uid),
          sopCodes: content.bindings(uid).map((b: any) => b.sopCode),
          // Who may open a run (step 1's pelaksana): the panel offers the button to them only.
          start: active ? {} : await wf().startOptions(uid, documentId, locale, ctx.state.user.id).catch(() => ({})),
          active: active ? shown(ctx, await wf().view(active.documentId, ctx.state.user.id)) : null,
          runs,
        },
      };
    },
    /** For the Content Manager list view: each item's SOP step (open run) or its last outcome. */
    async stepsFor(ctx) {
      const { uid } = ctx.params;
      knownType(strapi, uid);
      await access().assertCanReadItem(ctx.state.userAbility, uid, null);
      const content = getService(strapi, 'content');
      const ids = String(ctx.query.documentIds ?? '').split(',').map((s) => s.trim()).filter(Boolean).slice(0, 200);
      const out: Record<string, { step: number | null; role: string | null; roleLabel: string | null; status: string }> = {};
      if (content.isGoverned(uid) && ids.length) {
        const rows = await getService(strapi, 'runs').newestForItems(uid, ids);
        for (const r of rows as any[]) {
          if (out[r.itemDocumentId]) continue; // the newest run of each item
          const roles = r.sop?.definition?.roles ?? [];
          out[r.itemDocumentId] = {
            step: r.currentStep ?? null,
            role: r.currentRole ?? null,
            roleLabel: roles.find((x: any) => x.key === r.currentRole)?.label ?? r.currentRole ?? null,
            status: r.status,
          };
        }
      }
      ctx.body = { data: { governed: content.isGoverned(uid), items: out } };
    },
    async list(ctx) {
      const q = ctx.query as Record<string, string>;
      const where: Record<string, unknown> = { $and: [await access().runFilter(ctx.state.userAbility)] };
      if (q.status) where.status = q.status;
      if (q.sopCode) where.sopCode = q.sopCode;
      if (q.step) where.currentStep = Number(q.step) || -1;
      if (q.classification) where.classification = q.classification;
      if (q.unit) where.unit = { code: q.unit };
      if (q.overdue === 'true') Object.assign(where, { stepDeadline: { $lt: new Date().toISOString() }, activeKey: { $notNull: true } });
      const page = Math.max(1, Number(q.page) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 25));
      const { rows, total } = await getService(strapi, 'runs').page(where, page, pageSize);
      ctx.body = {
        data: rows.map(({ sop, ...r }: any) => ({
          ...r,
          id: r.documentId,
          unit: r.unit ? { name: r.unit.name, code: r.unit.code } : null,
          // What a person reads: the SOP's name, the step's activity and the role's label (the codes stay).
          sopName: sop?.definition?.header?.namaSop ?? r.sopCode,
          stepActivity: sop?.definition?.steps?.[r.currentStep - 1]?.activity ?? null,
          roleLabel: sop?.definition?.roles?.find((x: any) => x.key === r.currentRole)?.label ?? r.currentRole ?? null,
        })),
        meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } },
      };
    },
  };
};
