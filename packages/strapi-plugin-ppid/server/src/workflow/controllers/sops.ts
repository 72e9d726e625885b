import type { Core } from '@strapi/strapi';
import YAML from 'yaml';
import { sopImportSchema, validate } from '../validation';
import { getService } from '../../services/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sops = () => getService(strapi, 'sops');
  const summary = (s: any) => ({ id: s.id, code: s.code, version: s.version, name: s.name, nomorSop: s.nomorSop, current: s.current, steps: s.definition.steps.length, createdAt: s.createdAt });
  return {
    async list(ctx) {
      ctx.body = { data: (await sops().list()).map(summary) };
    },
    async findOne(ctx) {
      const sop = await sops().get(ctx.params.ref);
      ctx.body = { data: { ...summary(sop), definition: sop.definition, versions: (await sops().versions(sop.code)).map(summary) } };
    },
    async export(ctx) {
      const sop = await sops().get(ctx.params.ref);
      const format = ctx.query.format === 'json' ? 'json' : 'yaml';
      ctx.set('Content-Disposition', `attachment; filename="${sop.code}-v${sop.version}.${format === 'json' ? 'json' : 'yaml'}"`);
      ctx.type = format === 'json' ? 'application/json' : 'application/yaml';
      ctx.body = format === 'json' ? JSON.stringify(sop.definition, null, 2) : YAML.stringify(sop.definition);
    },
    async validate(ctx) {
      const { text, format } = await validate<any>(sopImportSchema, ctx.request.body);
      const result = sops().validate(text, format);
      ctx.body = result.ok ? { data: { ok: true, code: result.value.code, steps: result.value.steps.length } } : { data: { ok: false, errors: result.errors } };
    },
    async import(ctx) {
      const { text, format } = await validate<any>(sopImportSchema, ctx.request.body);
      const { sop, created } = await sops().import(text, format);
      ctx.status = created ? 201 : 200;
      ctx.body = { data: { ...summary(sop), created } };
    },
    async render(ctx) {
      const sop = await sops().get(ctx.params.ref);
      const render = getService(strapi, 'sop-document');
      if (ctx.query.format === 'pdf') {
        ctx.type = 'application/pdf';
        ctx.set('Content-Disposition', `inline; filename="${sop.code}-v${sop.version}.pdf"`);
        ctx.body = await render.pdf(sop.definition);
      } else {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = await render.html(sop.definition);
      }
    },
  };
};
