import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async describe(ctx) {
    ctx.body = { data: strapi.plugin('ppid').service('info').describe() };
  },
});
