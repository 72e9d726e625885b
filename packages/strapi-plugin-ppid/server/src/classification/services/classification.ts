import type { Core } from '@strapi/strapi';
import {
  DEFAULT_INFORMATION_KINDS,
  DEFAULT_REFRESH_MONTHS,
  DEFAULT_RULES,
  checkItemAgainstRules,
  evaluateRules,
  exclusionStatus,
  exclusionPeriodText,
  formatIssue,
  refreshDueDate,
  validateConsequenceTest,
  validateRule,
  type ClassifiableItem,
  type ClassificationRule,
  type ConsequenceTest,
} from '../../core/classification';
import { badRequest, conflict, forbidden, notFound } from '../../errors';
import { OPENABLE_LETTERS, OPENING_GROUNDS, openingStatement, scrub, type OpeningGround } from '../../core/classification';
import { sha256Hex } from '../../core/signature';
import { fieldError } from '../../errors';
import { UID, appTypes } from '../../platform/uids';
import { asSystem } from '../../workflow/context';
import { getService } from '../../services/get-service';

/** Fields of a consequence test row that make the core ConsequenceTest. */
// `pejabatPemutus` is not among them: the deciding officials are the signers of the test's run
// (signersOf); the column keeps what tests saved before held, unread.
const TEST_FIELDS = [
  'informasi', 'badanPublik', 'unit', 'dasarHukum', 'konsekuensiJikaDibuka', 'konsekuensiJikaDitutup',
  'pertimbanganKepentinganPublik', 'masaPengecualianBerakhir', 'cakupan', 'bagianDikecualikan', 'nomorKeputusan',
  'tempatKeputusan', 'tanggalKeputusan',
] as const;

/** Attribute types whose text can be partly excluded (blacked out) in the public version. */
const REDACTABLE_TYPES = new Set(['string', 'text', 'richtext', 'blocks', 'email']);
/** Attributes that are the workflow's or the public guard's, never a part to exclude. */
const NOT_A_PART = new Set(['documentId', 'id', 'locale', 'publishedAt', 'createdAt', 'updatedAt', 'classification', 'ppidPublic']);
/** The signatures of a run that still stand: those after its last return (a return voids them). */
const SIGNED_KINDS = new Set(['paraf', 'tanda_tangan']);

/** 400 with every problem listed by path, in Strapi's own ValidationError shape. */
const invalid = (what: string, errors: { path: string; message: string }[]) =>
  badRequest(`${what}: ${errors.map(formatIssue).join('; ')}`, {
    errors: errors.map((e) => ({ path: e.path ? e.path.split('.') : [], message: e.message, name: 'ValidationError' })),
  });

/** 'start': a consequence test's run starts (its sheet is checked when a step acts on it). */
export type ClassifiedAct = 'start' | 'submit' | 'approve' | 'publish';

/**
 * Classification adapter: rules and kinds in the database, the pure core decides. Rules only
 * block at workflow acts (submit, approve, publish); saving a draft with missing data is always
 * possible, the Content Manager panel shows the suggestions (evaluate).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rulesQ = () => strapi.db.query(UID.classificationRule);
  const testsQ = () => strapi.db.query(UID.consequenceTest);
  /**
   * The zone an item's dates are read in (an exclusion's end date, a refresh cycle): its unit's
   * (WIB, WITA or WIT; platform/services/zones.ts), else the body's. An exclusion "sampai 31
   * Desember" ends at midnight where the body is, not in one global zone.
   */
  async function zoneOfItem(uid: string, doc: { documentId?: string | null; unit?: { id?: number } | number | null } | null): Promise<string> {
    const zones = getService(strapi, 'zones');
    let unitId: number | null = typeof doc?.unit === 'number' ? doc.unit : (doc?.unit?.id ?? null);
    if (unitId == null && doc?.documentId && 'unit' in ((strapi.getModel(uid as any) as any)?.attributes ?? {})) {
      const row = await strapi.db.query(uid as any).findOne({ where: { documentId: doc.documentId }, select: ['id'], populate: { unit: { select: ['id'] } } });
      unitId = row?.unit?.id ?? null;
    }
    return zones.ofUnit(unitId);
  }

  const toRule = (row: any): ClassificationRule => ({
    ...(row.definition ?? {}),
    code: row.code,
    name: row.name,
    description: row.description ?? row.definition?.description ?? '',
    enabled: row.enabled !== false,
    priority: Number(row.priority ?? 0),
  });

  const toTest = (row: any): ConsequenceTest => {
    const t: Record<string, unknown> = { status: row.status ?? 'draft' };
    for (const f of TEST_FIELDS) t[f] = row[f] ?? (f === 'masaPengecualianBerakhir' ? null : undefined);
    return t as unknown as ConsequenceTest;
  };

  /**
   * A consequence test is decided through its SOP run (default `uji-konsekuensi`): decided means
   * the run reached the publish act, i.e. a run of the test with status `published` (and so its
   * published version, which is the decided text). Unpublishing the test undoes the decision.
   */
  async function runsOfTests(documentIds: string[]) {
    const out = new Map<string, { latest: any; decided: any | null }>();
    if (!documentIds.length) return out;
    const rows = await strapi.db.query(UID.run).findMany({
      where: { itemUid: UID.consequenceTest, itemDocumentId: { $in: [...new Set(documentIds)] } },
      orderBy: { id: 'desc' },
      select: ['documentId', 'itemDocumentId', 'status', 'currentStep', 'sopCode', 'endedAt'],
    });
    for (const r of rows as any[]) {
      const e = out.get(r.itemDocumentId) ?? { latest: r, decided: null };
      if (!e.decided && r.status === 'published') e.decided = r;
      out.set(r.itemDocumentId, e);
    }
    return out;
  }

  /**
   * The officials who signed in a run (paraf, tanda tangan) and whose signature still stands (a
   * return voids those before it), each with the SOP role of the step they signed at.
   */
  async function signersOf(runDocumentId: string | null | undefined) {
    if (!runDocumentId) return [];
    const records = await getService(strapi, 'records').forRun(runDocumentId);
    const lastVoid = records.map((r: any) => r.kind).lastIndexOf('return');
    const standing = records.slice(lastVoid + 1).filter((r: any) => SIGNED_KINDS.has(r.kind));
    if (!standing.length) return [];
    let roles: Record<number, { role: string; label: string; act: string }> = {};
    try {
      const sop: any = await getService(strapi, 'sops').get(`${standing[0].sopCode}@${standing[0].sopVersion}`);
      const labels = new Map<string, string>((sop.definition?.roles ?? []).map((r: any) => [r.key, r.label]));
      for (const st of sop.definition?.steps ?? []) roles[st.number] = { role: st.role, label: labels.get(st.role) ?? st.role, act: st.act };
    } catch {
      roles = {};
    }
    return standing.map((r: any) => ({
      nama: r.signer.nama,
      nip: r.signer.nip ?? null,
      jabatan: r.signer.jabatan,
      capacity: r.capacity,
      onBehalfOf: r.onBehalfOf ?? null,
      peran: roles[r.stepNumber]?.label ?? null,
      role: roles[r.stepNumber]?.role ?? null,
      act: roles[r.stepNumber]?.act ?? null,
      stepNumber: r.stepNumber,
      kind: r.kind,
      signedAt: r.signedAt,
      verificationCode: r.verificationCode,
    }));
  }

  /** The API shape: the row plus `status` ('decided'|'draft') derived from its run. */
  const present = (row: any, runs?: { latest: any; decided: any | null }) => {
    const { publishedAt: _p, pejabatPemutus: _legacy, ...rest } = row;
    const decided = runs?.decided ?? null;
    const latest = runs?.latest ?? null;
    return {
      ...rest,
      status: decided ? ('decided' as const) : ('draft' as const),
      decidedAt: decided?.endedAt ? new Date(decided.endedAt).toISOString() : null,
      runId: decided?.documentId ?? null,
      run: latest ? { id: latest.documentId, status: latest.status, currentStep: latest.currentStep, sopCode: latest.sopCode } : null,
    };
  };
  /** With the officials who signed: the deciding run's once decided, else the latest run's so far. */
  const withSigners = async (t: any) => {
    const signed = await signersOf(t.runId ?? t.run?.id ?? null);
    return { ...t, pejabatPemutus: t.status === 'decided' ? signed : [], penandatangan: signed };
  };

  const self = {
    /** Classification rules (the admin's CRUD); `id` is a rule's documentId or its code. */
    ruleRows: {
      list: () => strapi.db.query(UID.classificationRule).findMany({ orderBy: [{ priority: 'desc' }, { code: 'asc' }] }),
      find: (id: string) => strapi.db.query(UID.classificationRule).findOne({ where: { $or: [{ documentId: id }, { code: id }] } }),
      byCode: (code: string) => strapi.db.query(UID.classificationRule).findOne({ where: { code } }),
      create: (row: Record<string, unknown>) => strapi.db.query(UID.classificationRule).create({ data: row }),
      update: (id: number, row: Record<string, unknown>) => strapi.db.query(UID.classificationRule).update({ where: { id }, data: row }),
      remove: (id: number) => strapi.db.query(UID.classificationRule).delete({ where: { id } }),
    },

    /** The item type a consequence test is about (null when there is no such test). */
    async testItemUid(documentId: string): Promise<string | null> {
      const row = await strapi.db.query(UID.consequenceTest).findOne({ where: { documentId }, select: ['itemUid'] });
      return row ? row.itemUid : null;
    },

    /** Shipped rules and kinds, once: existing codes are never overwritten (a body may edit them). */
    async seed() {
      const haveRules = new Set((await rulesQ().findMany({ select: ['code'] })).map((r: any) => r.code));
      for (const rule of DEFAULT_RULES.filter((r) => !haveRules.has(r.code))) {
        await rulesQ().create({ data: self.ruleRow(rule) });
      }
      // The host's information-kind type (config kindType); no kind seeds without one.
      const kindType = appTypes(strapi).kindType;
      if (!kindType) return;
      const kinds = strapi.db.query(kindType as any);
      const haveKinds = new Set((await kinds.findMany({ select: ['code'] })).map((k: any) => k.code));
      const kindAttrs = (strapi.getModel(kindType as any) as any)?.attributes ?? {};
      for (const k of DEFAULT_INFORMATION_KINDS.filter((k) => !haveKinds.has(k.code))) {
        await strapi.documents(kindType as any).create({
          data: { code: k.code, label: k.label, classification: k.class, ...('legalBasis' in kindAttrs ? { legalBasis: k.legalBasis.slice(0, 200) } : {}) } as any,
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
      // The published version is the decided text; its run must have published it.
      const rows = await testsQ().findMany({
        where: { itemUid: uid, itemDocumentId: documentId, publishedAt: { $notNull: true } },
        orderBy: { id: 'desc' },
      });
      const runs = await runsOfTests(rows.map((r: any) => r.documentId));
      const row = rows.find((r: any) => runs.get(r.documentId)?.decided);
      return row ? toTest({ ...row, status: 'decided' }) : null;
    },

    /** Suggestions and problems for the Content Manager panel; blocks nothing. */
    async evaluate(uid: string, doc: Record<string, any>) {
      const rules = await self.rules();
      const item = self.toClassifiable(doc);
      const evaluation = evaluateRules(item, rules);
      const test = doc.documentId ? await self.decidedTest(uid, doc.documentId) : null;
      const problems = checkItemAgainstRules(item, rules, test, { timeZone: await zoneOfItem(uid, doc) });
      return { classification: item.classification, evaluation, problems, consequenceTest: test };
    },

    /**
     * Refuses an act the rules block: 409 `excluded` for publishing an excluded item (never public,
     * whatever its consequence test says), 400 naming the rule and what is missing otherwise.
     */
    async assertActAllowed(uid: string, doc: Record<string, any>, act: ClassifiedAct) {
      if (uid === UID.consequenceTest) return self.assertTestActAllowed(doc, act);
      if (!self.isClassified(uid)) return;
      // A whole-item exclusion in force (the register) refuses publication whatever the class says.
      const wholeInForce = act === 'publish' && doc.documentId
        ? await strapi.db.query(UID.excludedInformation).count({ where: { itemUid: uid, itemDocumentId: doc.documentId, status: 'berlaku', cakupan: 'seluruh' } })
        : 0;
      if (act === 'publish' && (doc.classification === 'dikecualikan' || wholeInForce > 0)) {
        throw conflict(
          'Informasi yang dikecualikan tidak dapat dipublikasikan (UU 14/2008 Pasal 17) / excluded information can never be published',
          { reason: 'excluded' }
        );
      }
      const rules = await self.rules();
      const test = await self.decidedTest(uid, doc.documentId);
      const problems = checkItemAgainstRules(self.toClassifiable(doc), rules, test, { timeZone: await zoneOfItem(uid, doc) });
      if (problems.length === 0) return;
      throw badRequest(problems.map((p) => p.message).join(' | '), {
        reason: 'classification',
        problems: problems.map((p) => ({ kind: p.kind, rules: p.rules, missing: p.missing ?? [], message: p.message })),
      });
    },

    /**
     * A consequence test in its own run: every act (submit, paraf, tanda tangan, publish) needs a
     * complete test (400 listing each path); a decided test is not decided again (409).
     */
    async assertTestActAllowed(doc: Record<string, any>, act: ClassifiedAct) {
      if ((act === 'submit' || act === 'start') && (await runsOfTests([doc.documentId])).get(doc.documentId)?.decided) {
        throw conflict('Uji konsekuensi sudah diputuskan / the consequence test is already decided', { reason: 'decided' });
      }
      if (act === 'start') return;
      const v = validateConsequenceTest({ ...toTest(doc), status: 'decided' });
      if (!v.ok) throw invalid('Uji konsekuensi belum lengkap / the consequence test is incomplete', v.errors);
    },

    // Consequence tests (uji konsekuensi).
    /** The test as the API shows it: the decided (published) version once decided, else the draft. */
    async findTest(documentId: string) {
      const rows = await testsQ().findMany({ where: { documentId }, orderBy: { id: 'asc' } });
      if (!rows.length) throw notFound(`Uji konsekuensi ${documentId} tidak ditemukan / consequence test not found`);
      const runs = (await runsOfTests([documentId])).get(documentId);
      const published = rows.find((r: any) => r.publishedAt);
      const draft = rows.find((r: any) => !r.publishedAt) ?? rows[0];
      return withSigners(present(runs?.decided && published ? published : draft, runs));
    },

    async listTests(filter: { itemDocumentId?: string; status?: string } = {}) {
      const where: Record<string, unknown> = { publishedAt: { $null: true } };
      if (filter.itemDocumentId) where.itemDocumentId = filter.itemDocumentId;
      const drafts = await testsQ().findMany({ where, orderBy: { id: 'desc' }, limit: 500 });
      const runs = await runsOfTests(drafts.map((r: any) => r.documentId));
      const decidedIds = drafts.map((r: any) => r.documentId).filter((d: string) => runs.get(d)?.decided);
      const published = decidedIds.length
        ? new Map((await testsQ().findMany({ where: { documentId: { $in: decidedIds }, publishedAt: { $notNull: true } } })).map((r: any) => [r.documentId, r]))
        : new Map();
      const list = drafts
        .map((r: any) => present(published.get(r.documentId) ?? r, runs.get(r.documentId)))
        .filter((t: any) => !filter.status || t.status === filter.status);
      const out: any[] = [];
      for (const t of list) out.push(await withSigners(t));
      return out;
    },

    testData(input: Record<string, any>, itemUid?: string) {
      const p = input.pejabatPemutus;
      if (p !== undefined && p !== null && !(Array.isArray(p) && p.length === 0)) {
        throw invalid('Uji konsekuensi tidak valid / invalid consequence test', [
          { path: 'pejabatPemutus', message: 'tidak diisi: pejabat pemutus diambil dari catatan tanda tangan run uji konsekuensi / not an input: the deciding officials are taken from the signature records of the run' },
        ]);
      }
      const data: Record<string, unknown> = {};
      for (const f of TEST_FIELDS) if (input[f] !== undefined) data[f] = input[f];
      if (itemUid && Array.isArray(data.bagianDikecualikan)) self.assertParts(itemUid, data.bagianDikecualikan);
      return data;
    },

    /** Each excluded part names a text field of the item's type (400 by path otherwise). */
    assertParts(itemUid: string, parts: any[]) {
      const attrs: Record<string, any> = (strapi.getModel(itemUid as any) as any)?.attributes ?? {};
      const errors: { path: string; message: string }[] = [];
      parts.forEach((part, i) => {
        const kolom = part && typeof part === 'object' ? part.kolom : undefined;
        if (typeof kolom !== 'string' || !kolom) return; // the core names it
        const a = attrs[kolom];
        if (!a || NOT_A_PART.has(kolom) || a.private) errors.push({ path: `bagianDikecualikan[${i}].kolom`, message: `"${kolom}" bukan kolom item ini / is not a field of the item` });
        else if (!REDACTABLE_TYPES.has(a.type)) {
          errors.push({
            path: `bagianDikecualikan[${i}].kolom`,
            message: `kolom "${kolom}" (${a.type}) tidak dapat dihitamkan sebagian: unggah salinan yang sudah dihitamkan melalui SOP item, atau kecualikan seluruh informasi / a ${a.type} field cannot be blacked out: publish a redacted copy through the item's SOP, or exclude the whole item`,
          });
        }
      });
      if (errors.length) throw invalid('Uji konsekuensi tidak valid / invalid consequence test', errors);
    },

    async createTest(input: Record<string, any>) {
      if (typeof input.itemDocumentId !== 'string' || !input.itemDocumentId) {
        throw invalid('Uji konsekuensi tidak valid / invalid consequence test', [{ path: 'itemDocumentId', message: 'wajib diisi / required' }]);
      }
      const itemUid = typeof input.itemUid === 'string' && input.itemUid ? input.itemUid : appTypes(strapi).itemType;
      if (!itemUid || !strapi.getModel(itemUid as any) || itemUid === UID.consequenceTest) {
        throw invalid('Uji konsekuensi tidak valid / invalid consequence test', [{ path: 'itemUid', message: 'tipe konten tidak dikenal / unknown content type' }]);
      }
      const exists = await strapi.db.query(itemUid as any).findOne({ where: { documentId: input.itemDocumentId }, select: ['id'] });
      if (!exists) throw notFound(`Item ${input.itemDocumentId} tidak ditemukan / item not found`);
      const data = self.testData(input, itemUid);
      const v = validateConsequenceTest({ ...data, status: 'draft' });
      if (!v.ok) throw invalid('Uji konsekuensi tidak valid / invalid consequence test', v.errors);
      // Through the document service: a draft (Draft & Publish); only its run publishes it.
      const created = await strapi.documents(UID.consequenceTest as any).create({ data: { ...data, itemUid, itemDocumentId: input.itemDocumentId } as any });
      return self.findTest(created.documentId);
    },

    /**
     * Edits the draft. Through the document service, so the governance middleware applies: while
     * the test's run is open, only its editable step (1, PPID Pelaksana) may edit it.
     */
    async updateTest(documentId: string, input: Record<string, any>) {
      const row = await self.findTest(documentId);
      if (row.status !== 'draft') throw conflict('Uji konsekuensi sudah diputuskan / the consequence test is already decided', { reason: 'decided' });
      const data = self.testData(input, row.itemUid);
      const v = validateConsequenceTest({ ...toTest(row), ...data, status: 'draft' });
      if (!v.ok) throw invalid('Uji konsekuensi tidak valid / invalid consequence test', v.errors);
      await strapi.documents(UID.consequenceTest as any).update({ documentId, data: data as any });
      return self.findTest(documentId);
    },

    /**
     * Sends the test into its SOP run (default `uji-konsekuensi`), as `POST /ppid/runs` does: it
     * is decided when the run publishes it (paraf by the PPID, tanda tangan by the Atasan PPID).
     */
    async decideTest(documentId: string, userId: number, meta: Record<string, unknown> = {}) {
      const row = await self.findTest(documentId);
      if (row.status !== 'draft') throw conflict('Uji konsekuensi sudah diputuskan / the consequence test is already decided', { reason: 'decided' });
      const v = validateConsequenceTest({ ...toTest(row), status: 'decided' });
      if (!v.ok) throw invalid('Uji konsekuensi belum lengkap / the consequence test is incomplete', v.errors);
      // The consequence-test type's default binding, read fresh (a default set on another instance counts).
      await getService(strapi, 'settings-sync').ensureFresh({ maxAgeMs: 0 });
      const sopCode = getService(strapi, 'content').sopCodeFor(UID.consequenceTest);
      return getService(strapi, 'workflow').submit({ uid: UID.consequenceTest, documentId, sopCode }, userId, meta);
    },

    /**
     * A consequence test was just decided (its run's publish act, same transaction): the tested
     * information is excluded, so if it is published it leaves the public at once, through the
     * ordinary unpublish door, which the governance middleware records against the run that
     * published it (kind `unpublish`, by the official who decided).
     */
    async onTestDecided(testDocumentId: string) {
      const test = await testsQ().findOne({ where: { documentId: testDocumentId, publishedAt: { $notNull: true } } })
        ?? (await testsQ().findOne({ where: { documentId: testDocumentId } }));
      if (!test) return;
      await self.writeRegister(test);
      // A partial exclusion leaves the item public: the guard blacks out its parts from now on.
      if (test.cakupan === 'sebagian') return;
      if (!getService(strapi, 'content').isGoverned(test.itemUid)) return;
      const live = await strapi.db.query(test.itemUid).findMany({
        where: { documentId: test.itemDocumentId, publishedAt: { $notNull: true } },
        select: ['id', 'locale'].filter((f) => f === 'id' || 'locale' in ((strapi.getModel(test.itemUid as any)?.attributes as any) ?? {})),
      });
      for (const row of live as { locale?: string | null }[]) {
        await strapi.documents(test.itemUid as any).unpublish({ documentId: test.itemDocumentId, ...(row.locale ? { locale: row.locale } : {}) });
      }
      // Its DIP entries (own copies of its text) leave the public DIP with it (Pasal 11(1)a).
      const { itemType, dipEntryType } = appTypes(strapi);
      if (!dipEntryType || test.itemUid !== itemType) return;
      const entries = await strapi.db.query(dipEntryType as any).findMany({
        // Its draft rows: they link the item's draft, which stays (the published link went with the item).
        where: { informationItem: { documentId: test.itemDocumentId } },
        select: ['documentId'],
      });
      for (const documentId of new Set((entries as any[]).map((e) => e.documentId))) {
        await asSystem(() => strapi.documents(dipEntryType as any).unpublish({ documentId }));
      }
    },

    /**
     * The Daftar Informasi yang Dikecualikan: one row per excluded part (one for a whole item),
     * written in the act that decides the test. Earlier entries of the same item are withdrawn
     * (`dicabut`): the latest decision is the one in force. The public description is the test's
     * uraian (and each part's), scrubbed of every excluded passage; never the item's content.
     */
    async writeRegister(test: any) {
      const q = strapi.db.query(UID.excludedInformation);
      await q.updateMany({ where: { itemUid: test.itemUid, itemDocumentId: test.itemDocumentId, status: 'berlaku' }, data: { status: 'dicabut' } });
      const letter = test.dasarHukum?.hurufPasal17 ?? null;
      const base = {
        itemUid: test.itemUid,
        itemDocumentId: test.itemDocumentId,
        testDocumentId: test.documentId,
        unit: test.unit ?? null,
        masaPengecualianBerakhir: test.masaPengecualianBerakhir ?? null,
        nomorKeputusan: test.nomorKeputusan ?? null,
        tanggalKeputusan: test.tanggalKeputusan ?? null,
        status: 'berlaku',
      };
      const parts: any[] = test.cakupan === 'sebagian' && Array.isArray(test.bagianDikecualikan) ? test.bagianDikecualikan : [];
      const secrets = parts.map((p) => p?.kutipan);
      const informasi = scrub(String(test.informasi ?? ''), secrets, letter ?? '-');
      if (!parts.length) {
        await q.create({ data: { ...base, cakupan: 'seluruh', kolom: null, kutipan: null, uraian: informasi, hurufPasal17: letter } });
        return;
      }
      for (const part of parts) {
        await q.create({
          data: {
            ...base,
            cakupan: 'sebagian',
            kolom: part.kolom,
            kutipan: typeof part.kutipan === 'string' && part.kutipan.trim() ? part.kutipan.trim() : null,
            uraian: `${informasi}: ${scrub(String(part.uraian ?? ''), secrets, part.hurufPasal17)}`,
            hurufPasal17: part.hurufPasal17,
          },
        });
      }
    },

    /** Active partial exclusions of these items (the public guard's redaction), by documentId. */
    async activeParts(itemUid: string, documentIds: string[]) {
      const out = new Map<string, { kolom: string; kutipan: string | null; hurufPasal17: string }[]>();
      if (!documentIds.length) return out;
      const rows = await strapi.db.query(UID.excludedInformation).findMany({
        where: { itemDocumentId: { $in: [...new Set(documentIds)] }, itemUid, status: 'berlaku', cakupan: 'sebagian' },
        select: ['itemDocumentId', 'kolom', 'kutipan', 'hurufPasal17'],
      });
      for (const r of rows as any[]) out.set(r.itemDocumentId, [...(out.get(r.itemDocumentId) ?? []), { kolom: r.kolom, kutipan: r.kutipan, hurufPasal17: r.hurufPasal17 }]);
      return out;
    },

    /** The public register: what is excluded, never the content, ids or identity numbers. */
    async register(opts: { all?: boolean } = {}) {
      const rows = await strapi.db.query(UID.excludedInformation).findMany({
        where: opts.all ? {} : { status: { $in: ['berlaku', 'dibuka'] } },
        orderBy: [{ id: 'asc' }],
      });
      return rows.map((r: any, i: number) => self.registerRow(r, i + 1));
    },

    registerRow(r: any, nomor: number) {
      return {
        nomor,
        uraian: r.uraian ?? '',
        cakupan: r.cakupan,
        unit: r.unit ?? null,
        hurufPasal17: r.hurufPasal17 ?? null,
        dasarHukum: r.hurufPasal17 ? `UU 14/2008 Pasal 17 huruf ${r.hurufPasal17}` : null,
        masaPengecualianBerakhir: r.masaPengecualianBerakhir ?? null,
        jangkaWaktu: exclusionPeriodText(r.masaPengecualianBerakhir ?? null, r.hurufPasal17),
        nomorKeputusan: r.nomorKeputusan ?? null,
        tanggalKeputusan: r.tanggalKeputusan ?? null,
        status: r.status,
        dibukaPada: r.status === 'dibuka' ? r.dibuka?.at ?? null : null,
        dasarPembukaan: r.status === 'dibuka' ? `UU 14/2008 Pasal 18 ayat (2) huruf ${r.dibuka?.ground === 'jabatan_publik' ? 'b' : 'a'}` : null,
      };
    },

    /** Admin view of the register (ids, to act on an entry): classification.manage. */
    async registerAdmin() {
      const rows = await strapi.db.query(UID.excludedInformation).findMany({ orderBy: [{ id: 'asc' }] });
      return rows.map((r: any, i: number) => ({ id: r.documentId, itemUid: r.itemUid, itemDocumentId: r.itemDocumentId, testDocumentId: r.testDocumentId, kolom: r.kolom, ...self.registerRow(r, i + 1), dibuka: r.dibuka ?? null }));
    },

    /**
     * Opens an excluded item or part under UU 14/2008 Pasal 18 ayat (2) (letters g and h only):
     * the PPID (the role that decides the consequence test) states the ground, names the written
     * consent or the public office, confirms the statement and signs with the password. The
     * opening is sealed in the chain; the entry becomes `dibuka`: a part is public at once, a
     * whole item may then be reclassified and published through its own SOP.
     */
    async openExclusion(documentId: string, input: Record<string, any>, userId: number, meta: { ip?: string | null; userAgent?: string | null } = {}) {
      const q = strapi.db.query(UID.excludedInformation);
      const entry = await q.findOne({ where: { documentId } });
      if (!entry) throw notFound(`Entri ${String(documentId).slice(0, 64)} tidak ditemukan / register entry not found`);
      if (entry.status !== 'berlaku') throw conflict(`Entri berstatus ${entry.status}, bukan berlaku / the entry is ${entry.status}, not in force`, { reason: entry.status });
      if (!OPENABLE_LETTERS.includes(entry.hurufPasal17)) {
        throw conflict(
          `Pasal 18 ayat (2) UU 14/2008 hanya untuk huruf g dan h; pengecualian huruf ${entry.hurufPasal17} dibuka melalui uji konsekuensi baru / Pasal 18(2) covers letters g and h only`,
          { reason: 'not_openable', hurufPasal17: entry.hurufPasal17 },
        );
      }
      const ground = input.dasar as OpeningGround;
      if (!Object.prototype.hasOwnProperty.call(OPENING_GROUNDS, ground)) {
        throw fieldError('dasar', 'harus "persetujuan_tertulis" (Pasal 18 ayat (2) huruf a) atau "jabatan_publik" (huruf b) / must be "persetujuan_tertulis" or "jabatan_publik"');
      }
      const keterangan = typeof input.keterangan === 'string' ? input.keterangan.trim() : '';
      if (keterangan.length < 5 || keterangan.length > 2000) {
        throw fieldError('keterangan', ground === 'persetujuan_tertulis'
          ? 'sebutkan surat persetujuan tertulis (nomor, tanggal, pihak) / name the written consent'
          : 'sebutkan jabatan publik yang bersangkutan / name the public office');
      }
      // Only the official who decides consequence tests (the decide step's role) may open.
      const sopCode = getService(strapi, 'content').sopCodeFor(UID.consequenceTest);
      const sop: any = await getService(strapi, 'sops').current(sopCode);
      const decideRole = (sop.definition?.steps ?? []).find((s: any) => s.act === 'decide')?.role ?? 'ppid';
      const actor = await getService(strapi, 'actors').resolve(userId, sopCode, null);
      if (!actor.roles.includes(decideRole)) {
        throw forbidden(`Hanya pejabat berperan "${decideRole}" pada SOP ${sopCode} yang dapat membuka pengecualian / only the ${decideRole} may open an exclusion`);
      }
      const statement = openingStatement(ground, entry.hurufPasal17);
      if (input.confirmIntent !== true) throw fieldError('confirmIntent', `Pernyataan harus dikonfirmasi / the statement must be confirmed: "${statement}"`);
      if (typeof input.password !== 'string' || !input.password) throw fieldError('password', 'wajib diisi / required');
      await getService(strapi, 'signing').verifyPassword(userId, input.password, meta);
      const signer = await getService(strapi, 'actors').signerOf(userId);
      return strapi.db.transaction(async () => {
        const record = await getService(strapi, 'sealing').sealOutsideRun({
          uid: UID.excludedInformation,
          documentId,
          kind: 'tanda_tangan',
          decision: `dibuka_pasal_18_ayat_2_${ground}`,
          note: `${statement} Keterangan: ${keterangan}`.slice(0, 2000),
          contentHash: sha256Hex(JSON.stringify({ entry: documentId, ground, keterangan, statement })),
          signer,
          meta: { ip: meta.ip ?? null, userAgent: meta.userAgent ?? null } as any,
        });
        const dibuka = { ground, keterangan, at: record.signedAt, by: { nama: signer.nama, nip: signer.nip, jabatan: signer.jabatan }, verificationCode: record.verificationCode, statement };
        await q.update({ where: { id: entry.id }, data: { status: 'dibuka', dibuka } });
        return { id: documentId, status: 'dibuka', dibuka, record: { verificationCode: record.verificationCode, kind: record.kind } };
      });
    },

    /** Decided tests whose exclusion period has ended: they must be re-tested (UU 14/2008 Pasal 20). */
    async retestQueue(now = new Date()) {
      const published = await testsQ().findMany({ where: { publishedAt: { $notNull: true }, masaPengecualianBerakhir: { $notNull: true } }, orderBy: { id: 'asc' } });
      const runs = await runsOfTests(published.map((r: any) => r.documentId));
      const rows = published.filter((r: any) => runs.get(r.documentId)?.decided).map((r: any) => present(r, runs.get(r.documentId)));
      const out: any[] = [];
      for (const r of rows as any[]) {
        // The end date is a date where the item's unit is (WIB, WITA or WIT).
        const zone = await zoneOfItem(r.itemUid, { documentId: r.itemDocumentId });
        try {
          if (exclusionStatus({ masaPengecualianBerakhir: r.masaPengecualianBerakhir }, now, zone) === 'expired') out.push(r);
        } catch {
          out.push(r); // an unreadable end date needs a person to look at it
        }
      }
      return out;
    },

    /** Published berkala items past their refresh date, grouped by unit. */
    async refreshDue(now = new Date()) {
      // The host's item type (config itemType): nothing is due without one.
      const itemType = appTypes(strapi).itemType;
      if (!itemType) return [];
      const attrs = (strapi.getModel(itemType as any) as any)?.attributes ?? {};
      const rows = await strapi.db.query(itemType as any).findMany({
        where: { classification: 'berkala', publishedAt: { $notNull: true } },
        ...('unit' in attrs ? { populate: ['unit'] } : {}),
        select: ['documentId', 'publishedAt', ...['title', 'refreshMonths'].filter((c) => c in attrs)],
      });
      const groups = new Map<string, { unit: { code: string | null; name: string | null }; items: any[] }>();
      const zoneByUnit = new Map<number | null, string>();
      for (const r of rows as any[]) {
        const months = Number(r.refreshMonths) || DEFAULT_REFRESH_MONTHS;
        // The unit's zone (WIB, WITA or WIT), once per unit.
        const unitKey = r.unit?.id ?? null;
        if (!zoneByUnit.has(unitKey)) zoneByUnit.set(unitKey, await zoneOfItem(itemType, { unit: unitKey }));
        const due = refreshDueDate(r.publishedAt, Math.min(Math.max(months, 1), 6), zoneByUnit.get(unitKey)!);
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
