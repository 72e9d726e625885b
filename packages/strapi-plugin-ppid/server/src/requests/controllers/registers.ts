import type { Core } from '@strapi/strapi';
import { fieldError, forbidden } from '../../errors';
import { PERSONAL_DATA } from '../../platform/services/admin-access';
import { appTypes } from '../../platform/uids';
import { getService } from '../../services/get-service';
import { CONTENT_TYPES, REGISTERS, REGISTER_FORMATS, type RegisterFormat, type RegisterName } from '../services/registers';

const nameOf = (ctx: any): RegisterName => {
  const n = ctx.params.name;
  if (!(REGISTERS as readonly string[]).includes(n)) throw fieldError('name', `register tidak dikenal / unknown register; one of: ${REGISTERS.join(', ')}`);
  return n;
};
const yearOf = (ctx: any): number => {
  const y = Number(ctx.params.year);
  if (!/^\d{4}$/.test(String(ctx.params.year)) || y < 2008) throw fieldError('year', 'tahun 2008-9999 / a year 2008-9999');
  return y;
};

/**
 * GET /ppid/registers/:name[?year=|?from=&to=][&format=json|csv|xlsx|pdf]; the annual report
 * (GET /ppid/reports/annual/:year?format=pdf|xlsx|json) and its summary as a draft item (POST
 * …/propose). All behind `registers.read`; the applicant's phone and e-mail in full only for
 * holders of records.personal-data (masked otherwise); the identity number never.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const registers = () => getService(strapi, 'registers');
  return {
    async register(ctx: any) {
      const name = nameOf(ctx);
      const format = String(ctx.query.format ?? 'json').toLowerCase();
      if (format !== 'json' && !(REGISTER_FORMATS as readonly string[]).includes(format)) throw fieldError('format', 'gunakan json, csv, xlsx atau pdf / use json, csv, xlsx or pdf');
      const period = await registers().period(ctx.query ?? {});
      const fullContact = !!ctx.state.userAbility?.can(PERSONAL_DATA);
      const sheet = await registers().sheet(name, period, { fullContact });
      ctx.set('Cache-Control', 'no-store');
      if (format === 'json') {
        ctx.body = { data: sheet.rows, meta: { title: sheet.title, instansi: sheet.instansi, period, columns: sheet.columns, fullContact } };
        return;
      }
      const f = format as RegisterFormat;
      ctx.type = CONTENT_TYPES[f];
      ctx.set('Content-Disposition', `attachment; filename="register-${name}-${period.from}-${period.to}.${f}"`);
      ctx.body = registers().stream((out) => registers().writeSheet(sheet, f, out));
    },

    async annual(ctx: any) {
      const year = yearOf(ctx);
      const format = String(ctx.query.format ?? 'json').toLowerCase();
      if (!['json', 'pdf', 'xlsx'].includes(format)) throw fieldError('format', 'gunakan json, pdf atau xlsx / use json, pdf or xlsx');
      ctx.set('Cache-Control', 'no-store');
      if (format === 'json') {
        ctx.body = { data: await registers().annual(year), meta: { title: registers().annualTitle(year), instansi: registers().instansi() } };
        return;
      }
      // Computed before the stream starts: a failure is an error answer, not a cut file.
      const report = await registers().annual(year);
      ctx.type = CONTENT_TYPES[format as 'pdf' | 'xlsx'];
      ctx.set('Content-Disposition', `attachment; filename="laporan-layanan-informasi-${year}.${format}"`);
      ctx.body = registers().stream((out) => registers().writeAnnual(year, format as 'pdf' | 'xlsx', out, report));
    },

    /**
     * The draft is an information item like any other: the caller needs the Content Manager's
     * create permission on the item type (and on the fields the draft fills), else 403, as they
     * could not have created it by hand. `registers.read` alone only reads the report.
     */
    async propose(ctx: any) {
      const year = yearOf(ctx);
      const { itemType } = appTypes(strapi);
      if (itemType) {
        const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: itemType });
        const CM_CREATE = 'plugin::content-manager.explorer.create';
        const attrs = ((strapi.contentType(itemType as any) as any)?.attributes ?? {}) as Record<string, unknown>;
        const fields = ['title', 'summary', 'classification'].filter((f) => f in attrs);
        if (!checker.can(CM_CREATE) || fields.some((f) => !checker.can(CM_CREATE, undefined, f))) {
          throw forbidden(
            'Mengusulkan ringkasan membuat draf informasi: perlu izin membuat (create) tipe konten itu di Content Manager / ' +
              'proposing the summary creates a draft information item: you need the Content Manager create permission on its type',
            { reason: 'content_create', uid: itemType }
          );
        }
      }
      ctx.status = 201;
      ctx.body = { data: await registers().proposeAnnual(year) };
    },
  };
};
