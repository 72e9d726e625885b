import type { Core } from '@strapi/strapi';
import { fieldError } from '../../errors';
import { REPORTS } from '../services/reports';
import { workingHoursSentence } from '../../core/calendar/describe';
import { getService } from '../../services/get-service';

const FORMATS = ['json', 'csv', 'xlsx'];

/** GET /ppid/reports/:name?format=json|csv|xlsx */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx) {
    const name = ctx.params.name;
    if (!(REPORTS as readonly string[]).includes(name)) throw fieldError('name', `laporan tidak dikenal / unknown report; one of: ${REPORTS.join(', ')}`);
    const format = (ctx.query?.format as string) ?? 'json';
    if (!FORMATS.includes(format)) throw fieldError('format', `harus salah satu dari / must be one of: ${FORMATS.join(', ')}`);
    const reports = getService(strapi, 'reports');
    const rows = await reports.run(name, ctx.query ?? {});
    if (format === 'csv') {
      ctx.set('Content-Disposition', `attachment; filename="ppid-${name}.csv"`);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.body = reports.toCsv(rows);
    } else if (format === 'xlsx') {
      ctx.set('Content-Disposition', `attachment; filename="ppid-${name}.xlsx"`);
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.body = await reports.toXlsx(rows, name);
    } else if (name === 'steps') {
      ctx.body = await stepsView(strapi, rows);
    } else {
      ctx.body = { data: rows };
    }
  },
});

/**
 * The steps report as the panel shows it: the SOP's name, the role's label and the unit's name
 * beside the codes (which stay), and how working time is counted (the body's jam kerja).
 */
async function stepsView(strapi: Core.Strapi, rows: any[]) {
  const sops = new Map<string, any>();
  const units = new Map<string, string | null>();
  for (const r of rows) {
    if (!sops.has(r.sopCode)) sops.set(r.sopCode, (await getService(strapi, 'sops').current(r.sopCode).catch(() => null))?.definition ?? null);
    if (r.unitCode && !units.has(r.unitCode)) units.set(r.unitCode, await getService(strapi, 'directory').unitName(r.unitCode));
  }
  const data = rows.map((r) => {
    const def = sops.get(r.sopCode);
    return {
      ...r,
      sopName: def?.header?.namaSop ?? r.sopCode,
      stepActivity: def?.steps?.[r.stepNumber - 1]?.activity ?? null,
      roleLabel: def?.roles?.find((x: any) => x.key === r.role)?.label ?? r.role,
      unitName: r.unitCode ? units.get(r.unitCode) ?? r.unitCode : null,
    };
  });
  // Working hours are local hours: written with the body's zone.
  const cal = getService(strapi, 'zones').calendarIn(await getService(strapi, 'zones').bodyZone());
  return { data, meta: { workingHours: workingHoursSentence(cal) } };
}
