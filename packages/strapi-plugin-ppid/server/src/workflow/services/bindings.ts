import type { Core } from '@strapi/strapi';
import { planBindingChange, type BindingChange, type BindingRow } from '../../core/workflow/bindings';
import { badRequest, conflict, fieldError, notFound } from '../../errors';
import { UID } from '../../platform/uids';
import { getService } from '../../services/get-service';


/**
 * SOP bindings (which SOP governs which type): create, change, delete, one transaction each,
 * under the rules of core/workflow/bindings.ts. Writes go through the query engine, so the
 * lifecycles that seal configuration changes and bump the settings version see them.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const q = () => strapi.db.query(UID.binding);

  function checkFields(body: Record<string, unknown>, allowed: string[]) {
    for (const k of Object.keys(body)) {
      if (k === 'contentType' && !allowed.includes(k)) throw fieldError('contentType', 'tipe konten pengikatan tidak dapat diubah; hapus dan buat baru / the type of a binding cannot change; delete it and create another');
      if (!allowed.includes(k)) throw fieldError(k, 'kolom tidak dikenal / unknown field');
    }
  }

  async function checkSop(sopCode: unknown) {
    if (typeof sopCode !== 'string' || !sopCode.trim() || sopCode.length > 100) throw fieldError('sopCode', 'wajib, teks hingga 100 karakter / required, text up to 100 characters');
    const sop = await strapi.db.query(UID.sop).findOne({ where: { code: sopCode, current: true }, select: ['id'] });
    if (!sop) throw fieldError('sopCode', `SOP "${sopCode.slice(0, 100)}" tidak ditemukan / unknown SOP`);
  }

  async function apply(change: BindingChange) {
    const result = await strapi.db.transaction(async () => {
      const rows = (await q().findMany({ orderBy: { id: 'asc' } })) as BindingRow[];
      const open = (await strapi.db.query(UID.run).findMany({ where: { activeKey: { $notNull: true } }, select: ['itemUid', 'sopCode'] })) as any[];
      const plan = planBindingChange(rows, (t, s) => open.filter((r) => r.itemUid === t && r.sopCode === s).length, change);
      if (!plan.ok) {
        const details = { reason: plan.reason, ...(plan.field ? { field: plan.field } : {}) };
        if (plan.code === 'not_found') throw notFound(plan.message);
        if (plan.code === 'conflict') throw conflict(plan.message, details);
        throw badRequest(plan.message, details);
      }
      let id: number | null = change.kind === 'create' ? null : change.id;
      for (const w of plan.writes) {
        if (w.op === 'create') id = (await q().create({ data: w.data })).id;
        else if (w.op === 'update') await q().update({ where: { id: w.id }, data: w.data });
        else await q().delete({ where: { id: w.id } });
      }
      return id != null && change.kind !== 'delete' ? await q().findOne({ where: { id } }) : { id };
    });
    // Committed: this instance reloads now; the others on their next check (settings-sync).
    await getService(strapi, 'settings-sync').ensureFresh({ maxAgeMs: 0 });
    return result;
  }

  const idOf = (raw: unknown) => {
    const id = Number(raw);
    if (!Number.isInteger(id) || id < 1 || String(raw) !== String(id)) throw notFound('Pengikatan tidak ditemukan / binding not found');
    return id;
  };

  return {
    async list() {
      return strapi.db.query(UID.binding).findMany({ orderBy: { id: 'asc' } });
    },

    async create(body: Record<string, unknown>) {
      checkFields(body, ['contentType', 'sopCode', 'isDefault']);
      const { contentType, sopCode, isDefault } = body;
      if (typeof contentType !== 'string' || !Object.prototype.hasOwnProperty.call(strapi.contentTypes, contentType)) {
        throw fieldError('contentType', 'tipe konten tidak dikenal / unknown content type');
      }
      if (!strapi.contentType(contentType as any).options?.draftAndPublish) throw fieldError('contentType', 'harus memakai Draft & Publish / must use Draft & Publish');
      if (contentType.startsWith('plugin::ppid.') && contentType !== UID.dipEdition && contentType !== UID.consequenceTest) {
        throw fieldError('contentType', 'tipe internal PPID tidak dapat diatur SOP / an internal type cannot be governed');
      }
      await checkSop(sopCode);
      if (isDefault !== undefined && typeof isDefault !== 'boolean') throw fieldError('isDefault', 'harus boolean / must be a boolean');
      return apply({ kind: 'create', contentType, sopCode: sopCode as string, isDefault: isDefault === true });
    },

    async update(rawId: unknown, body: Record<string, unknown>) {
      const id = idOf(rawId);
      checkFields(body, ['sopCode', 'isDefault']);
      if (!Object.keys(body).length) throw fieldError('sopCode', 'tidak ada yang diubah: kirim sopCode dan/atau isDefault / nothing to change');
      if (body.sopCode !== undefined) await checkSop(body.sopCode);
      if (body.isDefault !== undefined && typeof body.isDefault !== 'boolean') throw fieldError('isDefault', 'harus boolean / must be a boolean');
      return apply({ kind: 'update', id, ...(body.sopCode !== undefined ? { sopCode: body.sopCode as string } : {}), ...(body.isDefault !== undefined ? { isDefault: body.isDefault as boolean } : {}) });
    },

    async remove(rawId: unknown) {
      return apply({ kind: 'delete', id: idOf(rawId) });
    },
  };
};
