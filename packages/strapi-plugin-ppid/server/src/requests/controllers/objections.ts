import type { Core } from '@strapi/strapi';
import { getService } from '../../services/get-service';

/** Officials' doors to an objection (docs/api.md, "Objections"): the answer before signing, the dispute. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx: any) {
    ctx.body = { data: await getService(strapi, 'objections').get(ctx.params.id) };
  },

  async answer(ctx: any) {
    ctx.body = { data: await getService(strapi, 'objections').recordAnswer(ctx.params.id, ctx.request.body, ctx.state.user.id) };
  },

  async dispute(ctx: any) {
    ctx.body = { data: await getService(strapi, 'objections').recordDispute(ctx.params.id, ctx.request.body, ctx.state.user.id) };
  },

  async disputeOutcome(ctx: any) {
    ctx.body = { data: await getService(strapi, 'objections').recordDisputeOutcome(ctx.params.id, ctx.request.body, ctx.state.user.id) };
  },
});
