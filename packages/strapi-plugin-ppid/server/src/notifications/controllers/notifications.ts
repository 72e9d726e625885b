import type { Core } from '@strapi/strapi';
import { fieldError, notFound } from '../../errors';
import { getService } from '../../services/get-service';

const MODES = ['immediate', 'daily_digest', 'off'];

/** The signed-in admin's own notifications and mail preference. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = () => getService(strapi, 'notifications');
  return {
    async mine(ctx) {
      const { unread, limit } = ctx.query ?? {};
      const n = limit === undefined ? undefined : Number(limit);
      if (n !== undefined && !(Number.isInteger(n) && n > 0)) throw fieldError('limit', 'harus bilangan bulat positif / must be a positive integer');
      ctx.body = { data: await svc().mine(ctx.state.user.id, { unread: unread === 'true' || unread === '1', limit: n }) };
    },

    async read(ctx) {
      const id = Number(ctx.params.id);
      if (!Number.isInteger(id) || id < 1) throw fieldError('id', 'harus bilangan bulat positif / must be a positive integer');
      const row = await svc().markRead(ctx.state.user.id, id);
      if (!row) throw notFound(`Notifikasi ${id} tidak ditemukan / notification not found`);
      ctx.body = { data: row };
    },

    async getPreferences(ctx) {
      ctx.body = { data: { mode: await svc().preference(ctx.state.user.id) } };
    },

    async setPreferences(ctx) {
      const mode = ctx.request.body?.mode;
      if (!MODES.includes(mode)) throw fieldError('mode', `harus salah satu dari / must be one of: ${MODES.join(', ')}`);
      ctx.body = { data: await svc().setPreference(ctx.state.user.id, mode) };
    },
  };
};
