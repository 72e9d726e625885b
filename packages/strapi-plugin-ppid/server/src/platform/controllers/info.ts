import type { Core } from '@strapi/strapi';
import { getService } from '../../services/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async describe(ctx) {
    ctx.body = { data: getService(strapi, 'info').describe() };
  },
});
