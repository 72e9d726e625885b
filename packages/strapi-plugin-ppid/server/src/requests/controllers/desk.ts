import type { Core } from '@strapi/strapi';
import createError from 'http-errors';
import { forbidden } from '../../errors';
import { REQUEST_DESK } from '../../platform/services/admin-access';
import { getService } from '../../services/get-service';
import { readMultipartFiling } from './requests';
import type { IdentityScan } from '../services/requests';

// Who may see the desk's list and a request's facts: whoever enters requests, decides them or
// answers their objections (admin::hasPermissions asks for all of its actions; this asks for one).
function assertDeskReader(ctx: any) {
  const ability = ctx.state.userAbility;
  if (!REQUEST_DESK.some((a) => ability?.can(a))) {
    throw forbidden('Tidak ada izin untuk permohonan informasi / no permission for requests for information');
  }
}

/** The officials' doors to requests for information (docs/api.md, "Requests for information"). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /ppid/requests (requests.enter): JSON, or multipart (`data` + `identityScan`) as the public door. */
  async enter(ctx: any) {
    const requests = getService(strapi, 'requests');
    const desk = getService(strapi, 'request-desk');
    let data: unknown;
    let scan: IdentityScan | null = null;
    if (ctx.is('multipart')) ({ data, scan } = await readMultipartFiling(ctx, requests.settings().maxScanBytes));
    else if (ctx.is('application/json')) data = ctx.request.body;
    else {
      throw createError(415, 'Kirim permohonan sebagai JSON atau multipart/form-data / send the request as JSON or multipart/form-data', { name: 'UnsupportedMediaTypeError', expose: true, details: {} });
    }
    ctx.status = 201;
    ctx.body = { data: await desk.enter(data, scan, ctx.state.user.id) };
  },

  async list(ctx: any) {
    assertDeskReader(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await getService(strapi, 'request-desk').list(ctx.query ?? {});
  },

  async detail(ctx: any) {
    assertDeskReader(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await getService(strapi, 'request-desk').detail(ctx.params.id) };
  },
});
