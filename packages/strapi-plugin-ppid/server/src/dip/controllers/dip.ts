import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { badRequest } from '../../errors';
import { createEditionSchema, importJsonSchema } from '../validation';
import { validate } from '../../workflow/validation';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat } from '../services/dip';
import { getService } from '../../services/get-service';
import { cacheSettings, hasCredentials, ifNoneMatch, makeTag, notModified, setPrivate, setPublic } from '../../public/middlewares/http-cache';

// A kept export never changes under its tag (a later exclusion makes a new file, a new tag).
const IMMUTABLE = 'public, max-age=31536000, immutable';

const formatOf = (ctx: any): ExportFormat => {
  const f = String(ctx.query.format ?? 'csv').toLowerCase();
  if (!EXPORT_FORMATS.includes(f as ExportFormat)) throw badRequest('format: gunakan csv, xlsx atau pdf / use csv, xlsx or pdf', { field: 'format' });
  return f as ExportFormat;
};
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80);

/** DIP editions: admin (drafts and established) and public (established only) reads, exports, import. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const dip = () => getService(strapi, 'dip');

  async function sendExport(ctx: any, row: any) {
    const format = formatOf(ctx);
    ctx.type = CONTENT_TYPES[format];
    ctx.set('Content-Disposition', `attachment; filename="${safeName(`dip-${row.year}-${row.decreeSerial ?? row.documentId}`)}.${format}"`);
    ctx.body = dip().streamExport(row, format);
  }

  async function sendDecree(ctx: any, documentId: string, established: boolean) {
    const { filename, pdf } = await getService(strapi, 'decision-pdfs').renderDecree(documentId, { established });
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `inline; filename="${safeName(filename)}"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = pdf;
  }

  return {
    // ---- admin
    async list(ctx) {
      ctx.body = { data: await dip().list() };
    },
    /** The update schedule, when the DIP in force is due, entries that changed class since, the open update. */
    async pemutakhiran(ctx) {
      ctx.body = { data: await dip().pemutakhiran.status() };
    },
    async create(ctx) {
      const body = await validate<any>(createEditionSchema, ctx.request.body ?? {});
      const { edition, skipped } = await dip().createEdition(body);
      ctx.status = 201;
      ctx.body = { data: dip().present(edition), meta: { skipped } };
    },
    async findOne(ctx) {
      ctx.body = { data: dip().present(await dip().get(ctx.params.id)) };
    },
    async diff(ctx) {
      const against = ctx.query.against;
      if (typeof against !== 'string' || !against) throw badRequest('against: edisi pembanding wajib diisi / the edition to compare against is required', { field: 'against' });
      const { from, to, diff } = await dip().diff(ctx.params.id, against);
      if (ctx.query.format === 'csv') {
        const { PassThrough } = await import('node:stream');
        const pass = new PassThrough();
        dip().writeDiffCsv(diff, pass).catch((e: Error) => pass.destroy(e));
        ctx.type = CONTENT_TYPES.csv;
        ctx.set('Content-Disposition', `attachment; filename="dip-diff-${safeName(from.documentId)}-${safeName(to.documentId)}.csv"`);
        ctx.body = pass;
        return;
      }
      if (ctx.query.format && ctx.query.format !== 'json') throw badRequest('format: gunakan json atau csv / use json or csv', { field: 'format' });
      ctx.body = { data: { from: from.documentId, to: to.documentId, ...diff } };
    },
    async export(ctx) {
      await sendExport(ctx, await dip().get(ctx.params.id));
    },
    /** The SK penetapan DIP as PDF (any edition; a draft prints DRAF and blanks). */
    async decree(ctx) {
      await sendDecree(ctx, ctx.params.id, false);
    },
    async import(ctx) {
      let filename: string;
      let data: Buffer;
      const file = (ctx.request as any).files?.file;
      if (file) {
        const f = Array.isArray(file) ? file[0] : file;
        filename = f.originalFilename ?? f.name ?? 'upload.csv';
        data = fs.readFileSync(f.filepath ?? f.path);
      } else {
        const body = await validate<any>(importJsonSchema, ctx.request.body);
        filename = body.filename;
        data = Buffer.from(body.base64, 'base64');
        if (!data.length) throw badRequest('base64: berkas kosong / empty file', { field: 'base64' });
      }
      ctx.status = 201;
      ctx.body = { data: await dip().importFile(filename, data) };
    },

    // ---- public: established editions only
    async publicCurrent(ctx) {
      ctx.body = { data: await dip().presentPublic(await dip().current()) };
    },
    async publicList(ctx) {
      const rows = await dip().list({ established: true });
      ctx.body = { data: rows.map((r: any) => ({ documentId: r.documentId, title: r.title, year: r.year, instansi: r.instansi, decreeNumber: r.decreeNumber, decreeDate: r.decreeDate, previousEdition: r.previousEdition })) };
    },
    async publicFindOne(ctx) {
      ctx.body = { data: await dip().presentPublic(await dip().get(ctx.params.documentId, { established: true })) };
    },
    async publicDecree(ctx) {
      await sendDecree(ctx, ctx.params.documentId, true);
    },
    /**
     * An established edition's export, rendered once and kept (services/files.ts): served from
     * storage, immutable, with the file's own strong tag (docs/api.md, "HTTP caching").
     */
    async publicExport(ctx) {
      const format = formatOf(ctx);
      const row = await dip().publicRow(await dip().get(ctx.params.documentId, { established: true }));
      if (format === 'pdf' && row.signer?.verificationCode) getService(strapi, 'verification').assertPrintableLinks();
      const file = await getService(strapi, 'dip-files').ensure(row, format);
      ctx.type = CONTENT_TYPES[format];
      ctx.set('Content-Disposition', `attachment; filename="${safeName(`dip-${row.year}-${row.decreeSerial ?? row.documentId}`)}.${format}"`);
      const settings = cacheSettings(strapi);
      if (!settings.enabled) {
        ctx.body = await getService(strapi, 'dip-files').bytes(file.id);
        return;
      }
      if (hasCredentials(ctx)) setPrivate(ctx);
      else {
        const tag = makeTag(strapi, ['f', file.sha256]);
        if (ifNoneMatch(ctx.get('if-none-match'), tag)) return notModified(ctx, tag, IMMUTABLE);
        setPublic(ctx, tag, IMMUTABLE);
      }
      ctx.set('Last-Modified', new Date(file.createdAt).toUTCString());
      ctx.body = await getService(strapi, 'dip-files').bytes(file.id);
    },
  };
};
