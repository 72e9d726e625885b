import type { Core } from '@strapi/strapi';
import { bodyKopSchema, unitKopSchema } from '../validation';
import { validate } from '../../workflow/validation';
import { getService } from '../../services/get-service';

/** The kop (letterhead) of printed documents: the body's, and a unit's own (permission settings.manage). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kop = () => getService(strapi, 'kop');
  return {
    async get(ctx) {
      ctx.body = { data: await kop().get() };
    },
    async put(ctx) {
      const body = await validate<Record<string, unknown>>(bodyKopSchema, ctx.request.body);
      ctx.body = { data: await kop().setBody(body) };
    },
    async putUnit(ctx) {
      const body = await validate<Record<string, unknown>>(unitKopSchema, ctx.request.body);
      ctx.body = { data: await kop().setUnit(Number(ctx.params.unit), body) };
    },
    async getTimeZone(ctx) {
      ctx.body = { data: await getService(strapi, 'zones').get() };
    },
    async putTimeZone(ctx) {
      ctx.body = { data: await getService(strapi, 'zones').setBody(ctx.request.body) };
    },
    async deleteUnit(ctx) {
      await kop().removeUnit(Number(ctx.params.unit));
      ctx.body = { data: { unit: Number(ctx.params.unit) } };
    },
  };
};
