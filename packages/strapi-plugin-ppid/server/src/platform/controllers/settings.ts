import type { Core } from '@strapi/strapi';
import { delegationSchema, roleMappingSchema, validate } from '../../workflow/validation';
import { getService } from '../../services/get-service';

/** Role mappings (SOP pelaksana → admin role, optionally per unit), delegations, bindings. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The first-run checklist: what is still missing before the first item can be published. */
  async checklist(ctx) {
    ctx.body = { data: await getService(strapi, 'setup').checklist() };
  },
  async listRoleMappings(ctx) {
    ctx.body = { data: await getService(strapi, 'directory').listRoleMappings(typeof ctx.query.sopCode === 'string' ? ctx.query.sopCode : undefined) };
  },
  async createRoleMapping(ctx) {
    const body = await validate<any>(roleMappingSchema, ctx.request.body);
    const row = await getService(strapi, 'directory').createRoleMapping(body);
    ctx.status = 201;
    ctx.body = { data: { id: row.id } };
  },
  async deleteRoleMapping(ctx) {
    const id = await getService(strapi, 'directory').deleteRoleMapping(ctx.params.id);
    ctx.body = { data: { id } };
  },
  async listDelegations(ctx) {
    ctx.body = { data: await getService(strapi, 'directory').listDelegations() };
  },
  async createDelegation(ctx) {
    const body = await validate<any>(delegationSchema, ctx.request.body);
    const row = await getService(strapi, 'directory').createDelegation(body);
    ctx.status = 201;
    ctx.body = { data: { id: row.id } };
  },
  async listBindings(ctx) {
    ctx.body = { data: await getService(strapi, 'bindings').list() };
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
