import type { Core } from '@strapi/strapi';
import { badRequest, conflict, notFound } from '../../errors';
import { UID, appTypes } from '../../platform/uids';
import { getService } from '../../services/get-service';

/** Admin routes of classification: rules, consequence tests (uji konsekuensi), queues, evaluate. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = () => getService(strapi, 'classification');
  const rules = () => svc().ruleRows;
  const body = (ctx: any) => (ctx.request.body && typeof ctx.request.body === 'object' ? ctx.request.body : {});
  const ruleView = (r: any) => ({ id: r.documentId, code: r.code, name: r.name, description: r.description, enabled: r.enabled, priority: r.priority, definition: r.definition });
  const testView = (t: any) => ({ ...t, id: t.documentId });
  // A consequence test is about an item: the caller must read the item's type (services/admin-access.ts).
  const access = () => getService(strapi, 'admin-access');
  const readable = (ctx: any) => (t: any) => access().canReadType(ctx.state.userAbility, t.itemUid);
  async function assertTestReadable(ctx: any, documentId: string) {
    const itemUid = typeof documentId === 'string' ? await svc().testItemUid(documentId) : null;
    if (!itemUid) throw notFound(`Uji konsekuensi ${String(documentId).slice(0, 64)} tidak ditemukan / consequence test not found`);
    await access().assertCanReadItem(ctx.state.userAbility, itemUid, null);
  }

  async function findRule(id: string) {
    const row = await rules().find(id);
    if (!row) throw notFound(`Aturan ${id} tidak ditemukan / rule not found`);
    return row;
  }

  return {
    async listRules(ctx) {
      ctx.body = { data: (await rules().list()).map(ruleView) };
    },
    async createRule(ctx) {
      const row = svc().validatedRuleRow(body(ctx));
      if (await rules().byCode(row.code)) {
        throw conflict(`Kode aturan "${row.code}" sudah dipakai / rule code already exists`, { field: 'code' });
      }
      ctx.status = 201;
      ctx.body = { data: ruleView(await rules().create(row)) };
    },
    async updateRule(ctx) {
      const existing = await findRule(ctx.params.id);
      const merged = { ...svc().ruleRow({ ...(existing.definition ?? {}), code: existing.code, name: existing.name, description: existing.description ?? '', enabled: existing.enabled, priority: existing.priority }).definition, ...body(ctx) };
      if (merged.code !== existing.code) throw badRequest('code: kode aturan tidak dapat diubah / a rule code cannot change', { field: 'code' });
      const row = svc().validatedRuleRow(merged);
      ctx.body = { data: ruleView(await rules().update(existing.id, row)) };
    },
    async deleteRule(ctx) {
      const existing = await findRule(ctx.params.id);
      await rules().remove(existing.id);
      ctx.status = 204;
      ctx.body = null;
    },

    async listTests(ctx) {
      const q = ctx.query as Record<string, string>;
      const rows = await svc().listTests({ itemDocumentId: q.itemDocumentId || undefined, status: q.status || undefined });
      ctx.body = { data: rows.filter(readable(ctx)).map(testView) };
    },
    async findTest(ctx) {
      await assertTestReadable(ctx, ctx.params.id);
      ctx.body = { data: testView(await svc().findTest(ctx.params.id)) };
    },
    async createTest(ctx) {
      const b = body(ctx);
      if (typeof b.itemUid === 'string' && b.itemUid && strapi.getModel(b.itemUid as any)) await access().assertCanReadItem(ctx.state.userAbility, b.itemUid, null);
      else if (!b.itemUid && appTypes(strapi).itemType) await access().assertCanReadItem(ctx.state.userAbility, appTypes(strapi).itemType!, null);
      ctx.status = 201;
      ctx.body = { data: testView(await svc().createTest(body(ctx))) };
    },
    async updateTest(ctx) {
      await assertTestReadable(ctx, ctx.params.id);
      ctx.body = { data: testView(await svc().updateTest(ctx.params.id, body(ctx))) };
    },
    /** Sends the test into its SOP run (as POST /ppid/runs): 201 with the run. */
    async decideTest(ctx) {
      await assertTestReadable(ctx, ctx.params.id);
      const run = await svc().decideTest(ctx.params.id, ctx.state.user.id, { ip: ctx.request.ip, userAgent: ctx.request.header['user-agent'] ?? null });
      ctx.status = 201;
      ctx.body = { data: run };
    },
    /** The berita acara / keputusan uji konsekuensi as PDF (internal: excluded information). */
    async decisionPdf(ctx) {
      await assertTestReadable(ctx, ctx.params.id);
      const { filename, pdf } = await getService(strapi, 'decision-pdfs').renderConsequenceTest(ctx.params.id);
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', `inline; filename="${filename}"`);
      ctx.set('Cache-Control', 'no-store, private');
      ctx.body = pdf;
    },
    async registerAdmin(ctx) {
      ctx.body = { data: await svc().registerAdmin() };
    },
    /** UU 14/2008 Pasal 18 ayat (2): opens an entry (g/h) on written consent or a public office; signed. */
    async openExclusion(ctx) {
      const b = body(ctx);
      const out = await svc().openExclusion(ctx.params.id, b, ctx.state.user.id, { ip: ctx.request.ip, userAgent: ctx.request.header['user-agent'] ?? null });
      ctx.body = { data: out };
    },
    async publicRegister(ctx) {
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = { data: await svc().register() };
    },
    async publicRegisterExport(ctx) {
      const format = String((ctx.query as any).format ?? 'csv').toLowerCase();
      if (!['csv', 'xlsx', 'pdf'].includes(format)) throw badRequest('format: gunakan csv, xlsx atau pdf / use csv, xlsx or pdf', { field: 'format' });
      const rows = await svc().register();
      const title = 'Daftar Informasi yang Dikecualikan';
      const ex = await import('../register-exports');
      let out: Buffer;
      if (format === 'csv') {
        ctx.type = 'text/csv; charset=utf-8';
        out = ex.registerCsv(rows);
      } else if (format === 'xlsx') {
        ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        out = await ex.registerXlsx(rows, title);
      } else {
        const { kop, block } = await getService(strapi, 'kop').block(null);
        ctx.type = 'application/pdf';
        out = await ex.registerPdf(rows, { title, kop: block, instansi: kop.nama });
      }
      ctx.set('Content-Disposition', `attachment; filename="daftar-informasi-dikecualikan.${format}"`);
      ctx.body = out;
    },
    async retest(ctx) {
      ctx.body = { data: (await svc().retestQueue()).filter(readable(ctx)).map(testView) };
    },

    async evaluate(ctx) {
      const { uid, documentId, locale } = ctx.query as Record<string, string>;
      if (!uid || !strapi.getModel(uid as any)) throw badRequest('uid: tipe konten tidak dikenal / unknown content type', { field: 'uid' });
      if (!documentId) throw badRequest('documentId: wajib diisi / required', { field: 'documentId' });
      await access().assertCanReadItem(ctx.state.userAbility, uid, documentId);
      const doc = await getService(strapi, 'content').loadDraft(uid, documentId, locale || null);
      ctx.body = { data: await svc().evaluate(uid, doc) };
    },
    async refreshDue(ctx) {
      ctx.body = { data: await svc().refreshDue() };
    },
  };
};
