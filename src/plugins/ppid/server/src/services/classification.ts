import type { Core } from '@strapi/strapi';
import {
  DEFAULT_INFORMATION_KINDS,
  DEFAULT_REFRESH_MONTHS,
  DEFAULT_RULES,
  checkItemAgainstRules,
  evaluateRules,
  exclusionStatus,
  formatIssue,
  refreshDueDate,
  validateConsequenceTest,
  validateRule,
  type ClassifiableItem,
  type ClassificationRule,
  type ConsequenceTest,
} from '../core/classification';
import { contentHash } from '../core/signature';
import { badRequest, conflict, notFound } from '../errors';
import { UID } from '../utils/uids';

/** Fields of a consequence test row that make the core ConsequenceTest. */
const TEST_FIELDS = [
  'informasi', 'badanPublik', 'unit', 'dasarHukum', 'konsekuensiJikaDibuka', 'konsekuensiJikaDitutup',
  'pertimbanganKepentinganPublik', 'masaPengecualianBerakhir', 'pejabatPemutus', 'tempatKeputusan', 'tanggalKeputusan',
] as const;

/** 400 with every problem listed by path, in Strapi's own ValidationError shape. */
const invalid = (what: string, errors: { path: string; message: string }[]) =>
  badRequest(`${what}: ${errors.map(formatIssue).join('; ')}`, {
    errors: errors.map((e) => ({ path: e.path ? e.path.split('.') : [], message: e.message, name: 'ValidationError' })),
  });

export type ClassifiedAct = 'submit' | 'approve' | 'publish';

/**
 * Classification adapter: rules and kinds in the database, the pure core decides. Rules only
 * block at workflow acts (submit, approve, publish); saving a draft with missing data is always
 * possible, the Content Manager panel shows the suggestions (evaluate).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rulesQ = () => strapi.db.query(UID.classificationRule);
  const testsQ = () => strapi.db.query(UID.consequenceTest);
  // The body's time zone for exclusion end dates and refresh cycles (WIB by default).
  const timeZone = () => process.env.PPID_TIME_ZONE || 'Asia/Jakarta';

  const toRule = (row: any): ClassificationRule => ({
    ...(row.definition ?? {}),
    code: row.code,
    name: row.name,
    description: row.description ?? row.definition?.description ?? '',
    enabled: row.enabled !== false,
    priority: Number(row.priority ?? 0),
  });

  const toTest = (row: any): ConsequenceTest => {
    const t: Record<string, unknown> = { status: row.status };
    for (const f of TEST_FIELDS) t[f] = row[f] ?? (f === 'masaPengecualianBerakhir' ? null : undefined);
    return t as unknown as ConsequenceTest;
  };

  const self = {
    /** Shipped rules and kinds, once: existing codes are never overwritten (a body may edit them). */
    async seed() {
      const haveRules = new Set((await rulesQ().findMany({ select: ['code'] })).map((r: any) => r.code));
      for (const rule of DEFAULT_RULES.filter((r) => !haveRules.has(r.code))) {
        await rulesQ().create({ data: self.ruleRow(rule) });
      }
      const kinds = strapi.db.query(UID.informationKind);
      const haveKinds = new Set((await kinds.findMany({ select: ['code'] })).map((k: any) => k.code));
      for (const k of DEFAULT_INFORMATION_KINDS.filter((k) => !haveKinds.has(k.code))) {
        await strapi.documents(UID.informationKind as any).create({
          data: { code: k.code, label: k.label, classification: k.class, legalBasis: k.legalBasis.slice(0, 200) } as any,
        });
      }
    },

    ruleRow(rule: ClassificationRule) {
      return { code: rule.code, name: rule.name, description: rule.description, definition: rule, enabled: rule.enabled, priority: rule.priority };
    },

    /** Validates a rule input (400 listing each path) and returns its row. */
    validatedRuleRow(input: unknown) {
      let v: ReturnType<typeof validateRule>;
      try {
        v = validateRule(input);
      } catch (e) {
        // A rule the core cannot even read is bad input, never a 500.
        throw invalid('Aturan tidak valid / invalid rule', [{ path: '', message: (e as Error).message }]);
      }
      if (!v.ok) throw invalid('Aturan tidak valid / invalid rule', v.errors);
      return self.ruleRow(v.value);
    },

    async rules(): Promise<ClassificationRule[]> {
      return (await rulesQ().findMany({ orderBy: [{ priority: 'desc' }, { code: 'asc' }] })).map(toRule);
    },

    /** The item as the rules see it (plain data for the core). */
    toClassifiable(doc: Record<string, any>): ClassifiableItem {
      const fields: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(doc)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) fields[k] = v;
      const attachments = doc.attachments;
      return {
        title: String(doc.title ?? ''),
        summary: String(doc.summary ?? ''),
        kind: doc.kind?.code ?? null,
        unit: doc.unit?.code ?? null,
        classification: doc.classification ?? null,
        attachmentsCount: Array.isArray(attachments) ? attachments.length : attachments ? 1 : 0,
        fields,
        announcement: doc.announcement ?? null,
      };
    },

    /** Whether a type is classified at all (has the classification attribute). */
    isClassified(uid: string) {
      return 'classification' in ((strapi.getModel(uid as any)?.attributes as any) ?? {});
    },

    /** The item's latest decided consequence test, if any. */
    async decidedTest(uid: string, documentId: string): Promise<ConsequenceTest | null> {
      const row = await testsQ().findOne({ where: { itemUid: uid, itemDocumentId: documentId, status: 'decided' }, orderBy: { id: 'desc' } });
      return row ? toTest(row) : null;
    },

    /** Suggestions and problems for the Content Manager panel; blocks nothing. */
    async evaluate(uid: string, doc: Record<string, any>) {
      const rules = await self.rules();
      const item = self.toClassifiable(doc);
      const evaluation = evaluateRules(item, rules);
      const test = doc.documentId ? await self.decidedTest(uid, doc.documentId) : null;
      const problems = checkItemAgainstRules(item, rules, test, { timeZone: timeZone() });
      return { classification: item.classification, evaluation, problems, consequenceTest: test };
    },

    /**
     * Refuses an act the rules block: 409 `excluded` for publishing an excluded item (never public,
     * whatever its consequence test says), 400 naming the rule and what is missing otherwise.
     */
    async assertActAllowed(uid: string, doc: Record<string, any>, act: ClassifiedAct) {
      if (!self.isClassified(uid)) return;
      if (act === 'publish' && doc.classification === 'dikecualikan') {
        throw conflict(
          'Informasi yang dikecualikan tidak dapat dipublikasikan (UU 14/2008 Pasal 17) / excluded information can never be published',
          { reason: 'excluded' }
        );
      }
      const rules = await self.rules();
      const test = await self.decidedTest(uid, doc.documentId);
      const problems = checkItemAgainstRules(self.toClassifiable(doc), rules, test, { timeZone: timeZone() });
      if (problems.length === 0) return;
      throw badRequest(problems.map((p) => p.message).join(' | '), {
        reason: 'classification',
        problems: problems.map((p) => ({ kind: p.kind, rules: p.rules, missing: p.missing ?? [], message: p.message })),
      });
    },

    // Consequence tests (uji konsekuensi).
    async findTest(documentId: string) {
      const row = await testsQ().findOne({ where: { documentId } });
      if (!row) throw notFound(`Uji konsekuensi ${documentId} tidak ditemukan / consequence test not found`);
      return row;
    },

    testData(input: Record<string, any>) {
      const data: Record<string, unknown> = {};
      for (const f of TEST_FIELDS) if (input[f] !== undefined) data[f] = input[f];
      return data;
    },

    async createTest(input: Record<string, any>) {
      if (typeof input.itemDocumentId !== 'string' || !input.itemDocumentId) {
        throw invalid('Uji konsekuensi tidak valid / invalid consequence test', [{ path: 'itemDocumentId', message: 'wajib diisi / required' }]);
      }
      const itemUid = typeof input.itemUid === 'string' && input.itemUid ? input.itemUid : UID.informationItem;
      if (!strapi.getModel(itemUid as any)) {
        throw invalid('Uji konsekuensi tidak valid / invalid consequence test', [{ path: 'itemUid', message: 'tipe konten tidak dikenal / unknown content type' }]);
      }
      const exists = await strapi.db.query(itemUid as any).findOne({ where: { documentId: input.itemDocumentId }, select: ['id'] });
      if (!exists) throw notFound(`Item ${input.itemDocumentId} tidak ditemukan / item not found`);
      const data = self.testData(input);
      const v = validateConsequenceTest({ ...data, status: 'draft' });
      if (!v.ok) throw invalid('Uji konsekuensi tidak valid / invalid consequence test', v.errors);
      return testsQ().create({ data: { ...data, itemUid, itemDocumentId: input.itemDocumentId, status: 'draft' } });
    },

    async updateTest(documentId: string, input: Record<string, any>) {
      const row = await self.findTest(documentId);
      if (row.status !== 'draft') throw conflict('Uji konsekuensi sudah diputuskan / the consequence test is already decided', { reason: 'decided' });
      const data = self.testData(input);
      const v = validateConsequenceTest({ ...toTest(row), ...data, status: 'draft' });
      if (!v.ok) throw invalid('Uji konsekuensi tidak valid / invalid consequence test', v.errors);
      return testsQ().update({ where: { id: row.id }, data });
    },

    /** Decides the test (it must be complete) and records the decision as a signature record. */
    async decideTest(documentId: string, userId: number) {
      const row = await self.findTest(documentId);
      if (row.status !== 'draft') throw conflict('Uji konsekuensi sudah diputuskan / the consequence test is already decided', { reason: 'decided' });
      const test = { ...toTest(row), status: 'decided' as const };
      const v = validateConsequenceTest(test);
      if (!v.ok) throw invalid('Uji konsekuensi belum lengkap / the consequence test is incomplete', v.errors);
      return strapi.db.transaction(async () => {
        const decidedAt = new Date().toISOString();
        const updated = await testsQ().update({ where: { id: row.id }, data: { status: 'decided', decidedAt, decidedById: userId } });
        const signer = await strapi.plugin('ppid').service('actors').signerOf(userId);
        const record = await strapi.plugin('ppid').service('records').append({
          itemUid: row.itemUid,
          itemDocumentId: row.itemDocumentId,
          itemLocale: null,
          itemVersion: 0,
          sopCode: 'uji-konsekuensi',
          sopVersion: '1',
          runId: `uji-${row.documentId}`,
          stepNumber: null,
          kind: 'tanda_tangan',
          decision: 'dikecualikan',
          note: `Uji konsekuensi diputuskan / consequence test decided (Pasal 17 huruf ${test.dasarHukum?.hurufPasal17 ?? '-'})`,
          signer,
          capacity: 'definitif',
          onBehalfOf: null,
          delegationId: null,
          signedAt: decidedAt,
          method: 'login',
          externalRef: null,
          ip: null,
          userAgent: null,
          contentHash: contentHash({ uid: UID.consequenceTest, fields: { ...test, itemUid: row.itemUid, itemDocumentId: row.itemDocumentId }, attachments: [] }),
        });
        return { ...updated, record: { seq: record.seq, hash: record.hash, verificationCode: record.verificationCode } };
      });
    },

    /** Decided tests whose exclusion period has ended: they must be re-tested (UU 14/2008 Pasal 20). */
    async retestQueue(now = new Date()) {
      const rows = await testsQ().findMany({ where: { status: 'decided', masaPengecualianBerakhir: { $notNull: true } }, orderBy: { id: 'asc' } });
      return rows.filter((r: any) => {
        try {
          return exclusionStatus({ masaPengecualianBerakhir: r.masaPengecualianBerakhir }, now, timeZone()) === 'expired';
        } catch {
          return true; // an unreadable end date needs a person to look at it
        }
      });
    },

    /** Published berkala items past their refresh date, grouped by unit. */
    async refreshDue(now = new Date()) {
      const rows = await strapi.db.query(UID.informationItem).findMany({
        where: { classification: 'berkala', publishedAt: { $notNull: true } },
        populate: ['unit'],
        select: ['documentId', 'title', 'publishedAt', 'refreshMonths'],
      });
      const groups = new Map<string, { unit: { code: string | null; name: string | null }; items: any[] }>();
      for (const r of rows as any[]) {
        const months = Number(r.refreshMonths) || DEFAULT_REFRESH_MONTHS;
        const due = refreshDueDate(r.publishedAt, Math.min(Math.max(months, 1), 6), timeZone());
        if (now.getTime() < due.getTime()) continue;
        const key = r.unit?.code ?? '';
        const g = groups.get(key) ?? { unit: { code: r.unit?.code ?? null, name: r.unit?.name ?? null }, items: [] as any[] };
        g.items.push({ documentId: r.documentId, title: r.title, publishedAt: r.publishedAt, refreshMonths: months, dueAt: due.toISOString() });
        groups.set(key, g);
      }
      return [...groups.values()];
    },
  };
  return self;
};
