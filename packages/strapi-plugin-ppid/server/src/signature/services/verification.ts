import type { Core } from '@strapi/strapi';
import { CLASS_LABELS, isInformationClass } from '../../core/classification/classes';
import { maskNip } from '../../core/nip';
import {
  checkItemDrift,
  isGovScope,
  replayRunState,
  scopeType,
  storedColumnProblems,
  verifyRecord,
  verifyRunChain,
  type SignatureRecord,
} from '../../core/signature';
import type { SopDefinition } from '../../core/workflow';
import { ACT_LABELS, approvalRowsFromRecords, formatJabatan, formatWib } from '../../documents/pdf';
import { itemKey } from '../../workflow/context';
import { UID } from '../../platform/uids';
import { conflict, notFound } from '../../errors';
import { NOT_FOUND_MESSAGE, type PublicSigner, type PublicVerification } from '../page/page';
import { getService, type ServiceName } from '../../services/get-service';
import type { RunRow } from '../../workflow/services/runs';

/**
 * Verification of what the signature records claim:
 * - verifyAll: the whole chain (every record's seal, the links, the anchored head) and every
 *   published governed item against the content hash of its final publish record;
 * - publicView: one verification code, as the QR code on a form leads to it. Only for an item
 *   that is published now and not excluded (dikecualikan); anything else is "not found".
 */
export type VerificationProblemCode =
  | 'hash_mismatch'
  | 'bad_signature'
  | 'unknown_key'
  | 'broken_link'
  | 'missing_record'
  | 'reordered'
  | 'run_link_broken'
  | 'content_drift'
  | 'publish_record_missing'
  | 'published_without_sop'
  // A stored column of a record differs from its sealed body.
  | 'column_mismatch'
  // A run's status or current step is not what its records say.
  | 'run_state_mismatch'
  // A configuration row (role mapping, delegation, binding) differs from its records, or is gone.
  | 'config_unsealed'
  | 'config_missing'
  // A uniqueness constraint the product relies on is missing from the database.
  | 'constraint_missing';

export interface VerificationProblem {
  seq?: number;
  runId?: string;
  itemDocumentId?: string;
  /** The database column concerned (column_mismatch, run_state_mismatch). */
  column?: string;
  code: VerificationProblemCode;
  message: string;
}

export interface VerificationReport {
  ok: boolean;
  /** Signature records read. */
  checked: number;
  /** Published governed items compared with their publish record. */
  itemsChecked: number;
  problems: VerificationProblem[];
  /** True when the chain check stopped recording problems (there are more). */
  truncated: boolean;
  lastSeq: number | null;
  checkedAt: string;
}

/** The record of the run's last publish, and an unpublish recorded after it (if any). */
export function finalPublish(records: SignatureRecord[]): { publish: SignatureRecord | null; unpublishedBy: SignatureRecord | null } {
  let publish: SignatureRecord | null = null;
  let unpublishedBy: SignatureRecord | null = null;
  for (const r of records) {
    if (r.kind === 'publish' && (!publish || r.runSeq > publish.runSeq)) {
      publish = r;
      unpublishedBy = null;
    } else if (r.kind === 'unpublish' && publish && r.runSeq > publish.runSeq) {
      unpublishedBy = r;
    }
  }
  return { publish, unpublishedBy };
}

/**
 * Records of a consequence-test decision: those of a run whose item is the consequence-test type
 * (the `uji-konsekuensi` SOP), and the older pseudo-run `uji-<documentId>` of tests decided
 * before tests ran through the workflow.
 */
export const isDecisionRun = (runId: string) => typeof runId === 'string' && runId.startsWith('uji-');
export const isDecisionRecord = (record: { runId: string; itemUid?: string | null }) =>
  isDecisionRun(record.runId) || record.itemUid === UID.consequenceTest;

export function classificationLabel(value: unknown): string | null {
  if (!isInformationClass(value)) return null;
  const l = CLASS_LABELS[value];
  return `${l.id} (${l.legalBasis})`;
}

// Crockford base32 as people retype it: case-insensitive, O→0, I/L→1, hyphens and spaces ignored.
function normaliseCode(code: string): string | null {
  const c = String(code ?? '')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{6,40}$/.test(c) ? c : null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);
  const runs = () => strapi.db.query(UID.run);

  /**
   * Runs that published their item (since unpublished or not), the latest per item: a
   * republished item has a newer run; an unpublished one must not be live again.
   */
  async function latestPublishedRuns(): Promise<Map<string, RunRow>> {
    const out = new Map<string, RunRow>();
    let after = 0;
    for (;;) {
      const page = (await runs().findMany({
        where: { status: { $in: ['published', 'unpublished'] }, id: { $gt: after } },
        orderBy: { id: 'asc' },
        limit: 1000,
        select: ['id', 'documentId', 'itemUid', 'itemDocumentId', 'itemLocale', 'itemTitle', 'sopCode', 'sopVersion', 'status'],
      })) as RunRow[];
      if (!page.length) return out;
      for (const r of page) out.set(itemKey(r.itemUid, r.itemDocumentId, r.itemLocale), r);
      after = page[page.length - 1].id;
    }
  }

  /** Published rows of a governed type, a page at a time. */
  async function* publishedItems(uid: string): AsyncGenerator<{ documentId: string; locale: string | null }> {
    const localized = !!(strapi.contentType(uid as any)?.attributes as any)?.locale;
    let after = 0;
    for (;;) {
      const page = await strapi.db.query(uid as any).findMany({
        where: { publishedAt: { $notNull: true }, id: { $gt: after } },
        orderBy: { id: 'asc' },
        limit: 500,
        select: ['id', 'documentId', ...(localized ? ['locale'] : [])],
      });
      if (!page.length) return;
      for (const row of page) yield { documentId: row.documentId, locale: row.locale ?? null };
      after = page[page.length - 1].id;
    }
  }

  /**
   * Does the item as published now have exactly the content the run's final publish record
   * covers? `live` is the published document (the caller has loaded it).
   */
  async function publishedContentProblem(run: RunRow, records: SignatureRecord[], live: Record<string, any>): Promise<VerificationProblem | null> {
    const at = { runId: run.documentId, itemDocumentId: run.itemDocumentId };
    const { publish, unpublishedBy } = finalPublish(records);
    if (!publish) {
      return { ...at, code: 'publish_record_missing', message: `run ${run.documentId} is published but has no publish record` };
    }
    if (unpublishedBy) {
      return {
        ...at,
        seq: unpublishedBy.seq,
        code: 'published_without_sop',
        message: `item was unpublished (seq ${unpublishedBy.seq}) and is published again without a new SOP run`,
      };
    }
    const actual = await svc('content').hashOf(run.itemUid, live);
    const drift = checkItemDrift(publish.contentHash, actual, { seq: publish.seq, runId: run.documentId });
    return drift ? { ...at, seq: publish.seq, code: drift.code, message: drift.message } : null;
  }

  /**
   * The checks behind a verification code: the record's seal (and that the code is the sealed
   * one), the chain of its run, and, when `live` is given, the published content against the
   * run's final publish record.
   */
  async function checkCode(code: string, record: SignatureRecord, run: RunRow, runRecords: SignatureRecord[], live: Record<string, any> | null) {
    const keys = svc('keys').load();
    const recordCheck = verifyRecord(record, keys);
    const runCheck = verifyRunChain(run.documentId, runRecords, keys);
    const contentProblem = live ? await publishedContentProblem(run, runRecords, live) : null;
    const codeProblem = record.verificationCode !== code ? { code: 'hash_mismatch', message: 'the stored code differs from the sealed record' } : null;
    const problems: { seq?: number | null; code: string; message: string }[] = [
      ...recordCheck.problems.map((p) => ({ seq: record.seq, ...p })),
      ...(codeProblem ? [{ seq: record.seq, ...codeProblem }] : []),
      // The code's own record is checked above; its run-chain check would repeat the seal problems.
      ...runCheck.problems.filter((p) => p.seq !== record.seq || p.code === 'run_link_broken'),
      ...(contentProblem ? [contentProblem] : []),
    ];
    return {
      checks: { record: recordCheck.ok && !codeProblem, run: runCheck.ok, content: !contentProblem },
      problems,
    };
  }

  /**
   * Each run's status and current step (columns and state) against the replay of its records.
   * Runs with records from before edits were sealed (the `sealing-since` counter) are skipped:
   * an unrecorded edit may have moved them.
   */
  async function runStateProblems(events: Map<string, Pick<SignatureRecord, 'seq' | 'runSeq' | 'kind' | 'stepNumber' | 'decision'>[]>) {
    const problems: VerificationProblem[] = [];
    const since = Number((await svc('sealing').sealingSince()) ?? 0);
    let after = 0;
    for (;;) {
      const page = (await runs().findMany({
        where: { id: { $gt: after } },
        orderBy: { id: 'asc' },
        limit: 1000,
        select: ['id', 'documentId', 'status', 'currentStep', 'state', 'itemDocumentId'],
      })) as (RunRow & { currentStep: number; state: any })[];
      if (!page.length) return problems;
      after = page[page.length - 1].id;
      for (const run of page) {
        const mine = (events.get(run.documentId) ?? []).sort((a, b) => a.runSeq - b.runSeq);
        if (mine.some((r) => r.seq <= since)) continue;
        const state = typeof run.state === 'string' ? JSON.parse(run.state) : run.state;
        const want = replayRunState(mine, Array.isArray(state?.steps) ? state.steps.length : undefined);
        const at = { runId: run.documentId, itemDocumentId: run.itemDocumentId, code: 'run_state_mismatch' as const };
        const say = (column: string, stored: unknown, expected: unknown) =>
          problems.push({ ...at, column, message: `run ${run.documentId}: ${column} is ${JSON.stringify(stored)} but its records say ${JSON.stringify(expected)}` });
        if (run.status !== want.status) say('status', run.status, want.status);
        if (Number(run.currentStep) !== want.currentStep) say('current_step', run.currentStep, want.currentStep);
        // The state keeps the engine's status (an unpublish changes only the column).
        const wantState = want.status === 'unpublished' ? 'published' : want.status;
        if (state?.status !== wantState) say('state.status', state?.status, wantState);
        if (state?.currentStep !== want.currentStep) say('state.currentStep', state?.currentStep, want.currentStep);
      }
    }
  }

  /** Admin check of a record outside runs (a gov: scope): its seal and its scope's chain. */
  async function checkScopeCode(code: string, record: SignatureRecord) {
    const scopeRecords: SignatureRecord[] = await svc('records').forRun(record.runId);
    const { checks, problems } = await checkCode(code, record, { documentId: record.runId } as RunRow, scopeRecords, null);
    return {
      valid: problems.length === 0,
      message: problems.length ? problems.map((p) => `${p.code}: ${p.message}`).join('; ') : null,
      code,
      checks: { ...checks, content: null },
      problems,
      run: { id: record.runId, status: record.decision, kind: 'governance', item: { uid: scopeType(record.runId), documentId: record.itemDocumentId, title: null } },
      record,
    };
  }

  let warnedNoPublicUrl = false;
  /** Absolute URL of a public API route: PUBLIC_URL (server.url) when set, else host and port. */
  function publicApiUrl(path: string): string {
    if (!String(strapi.config.get('server.url', '')).startsWith('http') && process.env.NODE_ENV === 'production' && !warnedNoPublicUrl) {
      warnedNoPublicUrl = true;
      strapi.log.warn('[ppid] PUBLIC_URL is not set: QR codes on approval forms point to this server\'s own host and port');
    }
    // A wildcard listen address (HOST=0.0.0.0) reaches nobody; Strapi says localhost in development too.
    const base = String(strapi.config.get('server.absoluteUrl', ''))
      .replace(/^(https?:\/\/)(0\.0\.0\.0|\[::\])(?=[:/]|$)/, '$1localhost')
      .replace(/\/+$/, '');
    const prefix = String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/+$/, '');
    return `${base}${prefix}${path}`;
  }

  /**
   * Admin check of a consequence-test decision record (run `uji-<documentId>`, no SOP run row):
   * the record's seal and the chain of its pseudo-run; no published content to compare.
   */
  async function checkDecisionCode(code: string, record: SignatureRecord) {
    const runRecords: SignatureRecord[] = await svc('records').forRun(record.runId);
    const pseudo = { documentId: record.runId } as RunRow;
    const { checks, problems } = await checkCode(code, record, pseudo, runRecords, null);
    return {
      valid: problems.length === 0,
      message: problems.length ? problems.map((p) => `${p.code}: ${p.message}`).join('; ') : null,
      code,
      checks: { ...checks, content: null },
      problems,
      run: { id: record.runId, status: 'decided', kind: 'consequence_test', item: { uid: record.itemUid, documentId: record.itemDocumentId, title: null } },
      record,
    };
  }

  const self = {
    /** Absolute URL of a public API path (e.g. `/ppid/dip/editions/…/export`), PUBLIC_URL aware. */
    publicApiUrl,

    /**
     * Before printing a document with a QR code or a public link: in production the link must
     * be the public address (PUBLIC_URL), never this server's own host and port, or the paper
     * leads nowhere. 409 naming what to set.
     */
    assertPrintableLinks(): void {
      if (process.env.NODE_ENV !== 'production') return;
      if (/^https?:\/\/[^/]/i.test(String(strapi.config.get('server.url', '')))) return;
      throw conflict(
        'PUBLIC_URL belum diatur: dokumen dengan kode QR tidak dicetak karena tautannya akan menuju alamat server ini sendiri. ' +
          'Atur PUBLIC_URL ke alamat publik (mis. https://ppid.example.go.id) lalu mulai ulang. / ' +
          'PUBLIC_URL is not set: set it to the public address (e.g. https://ppid.example.go.id) and restart.',
        { setting: 'PUBLIC_URL' }
      );
    },

    /** The public page for a verification code: what the QR code on a form encodes. */
    verificationUrl(code: string): string {
      return publicApiUrl(`/ppid/verify/${encodeURIComponent(code)}`);
    },

    /**
     * The whole chain (with each record's stored columns), every run's state against its
     * records, the configuration rows against theirs, the uniqueness constraints, and every
     * published governed item. Reads everything: an admin action.
     */
    async verifyAll(): Promise<VerificationReport> {
      const columnProblems: VerificationProblem[] = [];
      const runEvents = new Map<string, Pick<SignatureRecord, 'seq' | 'runSeq' | 'kind' | 'stepNumber' | 'decision'>[]>();
      const chain = await svc('records').verifyChains((columns: any, record: SignatureRecord) => {
        if (columnProblems.length < 1000) {
          for (const p of storedColumnProblems(columns, record)) {
            columnProblems.push({ ...(p.seq != null ? { seq: p.seq } : {}), ...(p.runId ? { runId: p.runId } : {}), column: p.column, code: p.code, message: p.message });
          }
        }
        if (typeof record.runId === 'string' && !isGovScope(record.runId) && !isDecisionRun(record.runId)) {
          const list = runEvents.get(record.runId) ?? [];
          list.push({ seq: record.seq, runSeq: record.runSeq, kind: record.kind, stepNumber: record.stepNumber, decision: record.decision });
          runEvents.set(record.runId, list);
        }
      });
      const problems: VerificationProblem[] = chain.problems.map((p: any) => ({
        ...(p.seq != null ? { seq: p.seq } : {}),
        ...(p.runId != null ? { runId: p.runId } : {}),
        code: p.code,
        message: p.message,
      }));
      problems.push(...columnProblems);
      problems.push(...(await runStateProblems(runEvents)));
      for (const p of await svc('sealing').configProblems()) {
        problems.push({ ...(p.seq != null ? { seq: p.seq } : {}), itemDocumentId: p.itemDocumentId, code: p.code, message: p.message });
      }
      for (const name of await svc('constraints').missing()) {
        problems.push({ code: 'constraint_missing', message: `unique index ${name} is missing (${svc('constraints').spec(name).meaning}); restart the app to recreate it` });
      }

      const published = await latestPublishedRuns();
      const content = svc('content');
      let itemsChecked = 0;
      for (const uid of content.governedTypes() as string[]) {
        for await (const item of publishedItems(uid)) {
          itemsChecked++;
          const run = published.get(itemKey(uid, item.documentId, item.locale));
          if (!run) {
            problems.push({
              itemDocumentId: item.documentId,
              code: 'published_without_sop',
              message: `${uid} ${item.documentId} is published but no SOP run published it`,
            });
            continue;
          }
          const live = await content.loadPublished(uid, item.documentId, item.locale);
          if (!live) continue; // unpublished meanwhile
          const problem = await publishedContentProblem(run, await svc('records').forRun(run.documentId), live);
          if (problem) problems.push(problem);
        }
      }
      return {
        ok: problems.length === 0 && !chain.truncated,
        checked: chain.checked,
        itemsChecked,
        problems,
        truncated: chain.truncated,
        lastSeq: chain.lastSeq,
        checkedAt: new Date().toISOString(),
      };
    },

    /**
     * An administrator's check of any code (the Verification page): the record, its run, and
     * the published content when the run published the item and it is live. Unlike the public
     * view there is no publication gate; the caller holds the `verify` permission.
     */
    async checkCode(rawCode: string) {
      const code = normaliseCode(rawCode);
      const record: SignatureRecord | null = code ? await svc('records').byCode(code) : null;
      if (code && record && isDecisionRun(record.runId)) return checkDecisionCode(code, record);
      if (code && record && isGovScope(record.runId)) return checkScopeCode(code, record);
      const run = record ? ((await runs().findOne({ where: { documentId: record.runId } })) as RunRow | null) : null;
      if (!code || !record || !run) throw notFound(NOT_FOUND_MESSAGE);
      const runRecords: SignatureRecord[] = await svc('records').forRun(run.documentId);
      const live = run.status === 'published' ? await svc('content').loadPublished(run.itemUid, run.itemDocumentId, run.itemLocale) : null;
      const { checks, problems } = await checkCode(code, record, run, runRecords, live);
      const decision = run.itemUid === UID.consequenceTest;
      return {
        valid: problems.length === 0,
        message: problems.length ? problems.map((p) => `${p.code}: ${p.message}`).join('; ') : null,
        code,
        checks: { ...checks, content: live ? checks.content : null },
        problems,
        run: {
          id: run.documentId,
          status: run.status,
          ...(decision ? { kind: 'consequence_test', decided: run.status === 'published' } : {}),
          item: { uid: run.itemUid, documentId: run.itemDocumentId, title: run.itemTitle },
        },
        record,
      };
    },

    /**
     * The public answer for a verification code, or null (→ 404) when the code is unknown, or
     * its run did not publish the item, or the item is not published now, or it is excluded.
     * The caller must answer all of these alike, so a code never reveals an unpublished title.
     */
    async publicView(rawCode: string): Promise<PublicVerification | null> {
      const code = normaliseCode(rawCode);
      if (!code) return null;
      const records = svc('records');
      const record: SignatureRecord | null = await records.byCode(code);
      // A consequence-test decision concerns excluded information: never on the public page.
      if (!record || isDecisionRecord(record)) return null;
      const run = (await runs().findOne({ where: { documentId: record.runId }, populate: ['sop'] })) as RunRow | null;
      if (!run || run.itemUid === UID.consequenceTest || run.status !== 'published' || run.classification === 'dikecualikan') return null;
      const content = svc('content');
      const live = await content.loadPublished(run.itemUid, run.itemDocumentId, run.itemLocale);
      if (!live || live.classification === 'dikecualikan') return null;

      const runRecords: SignatureRecord[] = await records.forRun(run.documentId);
      const { checks, problems } = await checkCode(code, record, run, runRecords, live);

      const def = run.sop!.definition;
      const roleLabel = (role: string) => def.roles.find((r) => r.key === role)?.label ?? role;
      const rows = approvalRowsFromRecords(
        def.steps.map((s) => ({ stepNumber: s.number, activity: s.activity })),
        runRecords
      );
      const signers: PublicSigner[] = rows
        .filter((r) => r.signer && r.kind && r.signedAt)
        .map((r) => ({
          step: r.no,
          role: roleLabel(def.steps[r.no - 1].role),
          kind: r.kind!,
          kindLabel: ACT_LABELS[r.kind!],
          nama: r.signer!.nama,
          nip: maskNip(r.signer!.nip),
          jabatan: r.signer!.jabatan,
          jabatanLines: formatJabatan(r.signer!.jabatan, r.capacity, r.onBehalfOf ?? null),
          capacity: r.capacity ?? 'definitif',
          onBehalfOf: r.onBehalfOf ? { nama: r.onBehalfOf.nama, jabatan: r.onBehalfOf.jabatan } : null,
          signedAt: r.signedAt!,
          signedAtWib: formatWib(r.signedAt!),
        }));
      const { publish } = finalPublish(runRecords);
      const classification = live.classification ?? run.classification ?? null;

      return {
        valid: problems.length === 0,
        code,
        checkedAt: new Date().toISOString(),
        instansi: String(strapi.plugin('ppid').config('instansi') ?? ''),
        record: {
          kind: record.kind,
          kindLabel: ACT_LABELS[record.kind] ?? record.kind,
          step: record.stepNumber,
          signedAt: record.signedAt,
          signedAtWib: formatWib(record.signedAt),
          hash: record.hash,
          keyId: record.keyId,
          method: record.method,
          externalRef: record.externalRef ? { provider: record.externalRef.provider, documentId: record.externalRef.documentId } : null,
        },
        item: {
          title: run.itemTitle ?? content.titleOf(live),
          classification,
          classificationLabel: classificationLabel(classification),
          kind: live.kind?.label ?? null,
        },
        sop: { code: run.sopCode, version: run.sopVersion, name: def.header.namaSop, nomor: def.header.nomorSop ?? null },
        contentHash: publish?.contentHash ?? null,
        publishedAt: publish?.signedAt ?? run.endedAt ?? null,
        signers,
        checks,
        problems: problems.map((p) => ({ code: p.code, message: p.message })),
        keysUrl: publicApiUrl('/ppid/keys'),
      };
    },
  };
  return self;
};
