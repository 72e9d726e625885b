import type { Core } from '@strapi/strapi';
import { delegationSchema, roleMappingSchema, validate } from '../../workflow/validation';
import { badRequest, notFound } from '../../errors';
import { UID } from '../uids';
import { getService } from '../../services/get-service';

/** Role mappings (SOP pelaksana → admin role, optionally per unit), delegations, bindings. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async listRoleMappings(ctx) {
    const where = typeof ctx.query.sopCode === 'string' ? { sopCode: ctx.query.sopCode } : {};
    const rows = await strapi.db.query(UID.roleMapping).findMany({ where, populate: ['adminRole', 'unit'], orderBy: { id: 'asc' } });
    ctx.body = {
      data: rows.map((r: any) => ({
        id: r.id,
        sopCode: r.sopCode,
        sopRole: r.sopRole,
        adminRole: r.adminRole ? { id: r.adminRole.id, name: r.adminRole.name } : null,
        unit: r.unit ? { id: r.unit.id, name: r.unit.name, code: r.unit.code } : null,
      })),
    };
  },
  async createRoleMapping(ctx) {
    const body = await validate<any>(roleMappingSchema, ctx.request.body);
    const sop = await getService(strapi, 'sops').current(body.sopCode);
    if (!sop.definition.roles.some((r: any) => r.key === body.sopRole)) {
      throw badRequest(`sopRole: peran "${body.sopRole}" tidak ada dalam SOP ${body.sopCode} / unknown role`, { field: 'sopRole' });
    }
    if (!(await strapi.db.query('admin::role').findOne({ where: { id: body.adminRole } }))) {
      throw badRequest(`adminRole: peran admin #${body.adminRole} tidak ditemukan / unknown admin role`, { field: 'adminRole' });
    }
    if (body.unit && !(await strapi.db.query(UID.unit).findOne({ where: { id: body.unit } }))) {
      throw badRequest(`unit: unit #${body.unit} tidak ditemukan / unknown unit`, { field: 'unit' });
    }
    const row = await strapi.db.query(UID.roleMapping).create({ data: body });
    ctx.status = 201;
    ctx.body = { data: { id: row.id } };
  },
  async deleteRoleMapping(ctx) {
    const id = Number(ctx.params.id);
    const row = Number.isInteger(id) ? await strapi.db.query(UID.roleMapping).findOne({ where: { id } }) : null;
    if (!row) throw notFound('Pemetaan tidak ditemukan / mapping not found');
    await strapi.db.query(UID.roleMapping).delete({ where: { id } });
    ctx.body = { data: { id } };
  },
  async listDelegations(ctx) {
    const rows = await strapi.db.query(UID.delegation).findMany({ populate: ['delegator', 'delegate'], orderBy: { id: 'desc' } });
    ctx.body = { data: rows };
  },
  async createDelegation(ctx) {
    const body = await validate<any>(delegationSchema, ctx.request.body);
    const from = new Date(body.validFrom);
    const until = new Date(body.validUntil);
    if (Number.isNaN(from.getTime())) throw badRequest('validFrom: tanggal tidak sah / invalid date', { field: 'validFrom' });
    if (Number.isNaN(until.getTime()) || until <= from) throw badRequest('validUntil: harus setelah validFrom / must be after validFrom', { field: 'validUntil' });
    // Plt up to 1 year, Plh up to 3 months (BKN practice; see domain notes).
    const maxDays = body.capacity === 'plt' ? 366 : body.capacity === 'plh' ? 92 : 366;
    if ((until.getTime() - from.getTime()) / 86400000 > maxDays) {
      throw badRequest(`validUntil: masa ${body.capacity.toUpperCase()} paling lama ${maxDays} hari / too long`, { field: 'validUntil' });
    }
    if (body.delegator === body.delegate) throw badRequest('delegate: tidak dapat melimpahkan kepada diri sendiri / cannot delegate to oneself', { field: 'delegate' });
    for (const f of ['delegator', 'delegate'] as const) {
      if (!(await strapi.db.query(UID.official).findOne({ where: { id: body[f] } }))) throw badRequest(`${f}: pejabat tidak ditemukan / unknown official`, { field: f });
    }
    const row = await strapi.db.query(UID.delegation).create({ data: { ...body, validFrom: from.toISOString(), validUntil: until.toISOString() } });
    ctx.status = 201;
    ctx.body = { data: { id: row.id } };
  },
  async listBindings(ctx) {
    ctx.body = { data: await strapi.db.query(UID.binding).findMany({ orderBy: { id: 'asc' } }) };
  },
  // Rules in core/workflow/bindings.ts: one default per type, no change that strands open runs.
  async createBinding(ctx) {
    const body = ctx.request.body && typeof ctx.request.body === 'object' && !Array.isArray(ctx.request.body) ? ctx.request.body : {};
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'bindings').create(body) };
  },
  async updateBinding(ctx) {
    const body = ctx.request.body && typeof ctx.request.body === 'object' && !Array.isArray(ctx.request.body) ? ctx.request.body : {};
    ctx.body = { data: await getService(strapi, 'bindings').update(ctx.params.id, body) };
  },
  async deleteBinding(ctx) {
    ctx.body = { data: await getService(strapi, 'bindings').remove(ctx.params.id) };
  },
});
