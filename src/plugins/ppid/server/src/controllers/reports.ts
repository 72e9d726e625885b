import type { Core } from '@strapi/strapi';
import { fieldError } from '../errors';
import { REPORTS } from '../services/reports';

const FORMATS = ['json', 'csv', 'xlsx'];

/** GET /ppid/reports/:name?format=json|csv|xlsx */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx) {
    const name = ctx.params.name;
    if (!(REPORTS as readonly string[]).includes(name)) throw fieldError('name', `laporan tidak dikenal / unknown report; one of: ${REPORTS.join(', ')}`);
    const format = (ctx.query?.format as string) ?? 'json';
    if (!FORMATS.includes(format)) throw fieldError('format', `harus salah satu dari / must be one of: ${FORMATS.join(', ')}`);
    const reports = strapi.plugin('ppid').service('reports');
    const rows = await reports.run(name, ctx.query ?? {});
    if (format === 'csv') {
      ctx.set('Content-Disposition', `attachment; filename="ppid-${name}.csv"`);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.body = reports.toCsv(rows);
    } else if (format === 'xlsx') {
      ctx.set('Content-Disposition', `attachment; filename="ppid-${name}.xlsx"`);
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.body = await reports.toXlsx(rows, name);
    } else {
      ctx.body = { data: rows };
    }
  },
});
