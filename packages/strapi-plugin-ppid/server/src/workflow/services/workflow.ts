import type { Core } from '@strapi/strapi';
import {
  allowedActs,
  currentStepOf,
  decide,
  isClosed,
  isEditable,
  recordKindOf,
  startRun,
  type Act,
  type ActInput,
  type DecideError,
  type Effect,
  type RunState,
  type SopDefinition,
  type SopStep,
  mayStartRun,
} from '../../core/workflow';
import { intentStatement, type IntentSubject, type SignatureKind, type SignatureRecord, type SignerSnapshot } from '../../core/signature';
import type { NewRecord } from '../../signature/services/records';
import { badRequest, conflict, fieldError, forbidden, isHttpError, notFound, statusOf } from '../../errors';
import { asWorkflowPublish, itemKey } from '../context';
import { UID } from '../../platform/uids';
import type { ResolvedActor } from './actors';
import { isDeadlock, isUniqueViolation } from '../../platform/services/constraints';
import { SYSTEM_SIGNER } from '../../signature/services/sealing';
import { lastReturn } from '../../core/workflow/tasks';
import { getService, type ServiceName } from '../../services/get-service';
import type { RunRow } from './runs';
import { openTasksOf } from './task-runs';

export type RequestMeta = { ip?: string | null; userAgent?: string | null };
export type ActRequest = ActInput & {
  act: Act;
  /** Signatures: the signer re-enters their password and confirms the intent statement. */
  password?: string;
  confirmIntent?: boolean;
};

/** One item's outcome in a bulk act: done, or its own refusal (status, name, message, details). */
export type BulkItemResult = {
  runId: string;
  title: string | null;
  ok: boolean;
  status: number;
  run?: { status: string; currentStep: number };
  records?: { kind: string; stepNumber: number | null; verificationCode: string | null }[];
  error?: { name: string; message: string; details: Record<string, unknown> };
};

/** What a signer's statement is about: the DIP decree, a consequence test, a request's written notice, an objection's answer, else a publication. */
export function intentSubjectOf(itemUid: string): IntentSubject {
  if (itemUid === UID.dipEdition) return 'dip';
  if (itemUid === UID.consequenceTest) return 'consequence_test';
  if (itemUid === UID.informationRequest) return 'information_request';
  if (itemUid === UID.objection) return 'objection';
  return 'publication';
}

/** Engine refusals become the HTTP answers the issue asks for: 403, 409, 400 with the field. */
function refusal(e: DecideError): Error {
  const details = { reason: e.reason, ...(e.field ? { field: e.field } : {}) };
  if (e.code === 'forbidden') return forbidden(e.message, details);
  if (e.code === 'conflict') return conflict(e.message, details);
  return e.field ? fieldError(e.field, e.message) : badRequest(e.message, details);
}

/** A run-level record (edit, void, unpublish, delete): the run's item and SOP, no delegation. */
function runRecordInput(
  run: Pick<RunRow, 'itemUid' | 'itemDocumentId' | 'itemLocale' | 'sopCode' | 'sopVersion' | 'documentId'>,
  state: RunState,
  signer: SignerSnapshot,
  meta: RequestMeta,
  fields: { stepNumber: number | null; kind: SignatureKind; decision: string; note: string | null; contentHash: string }
): NewRecord {
  return {
    itemUid: run.itemUid,
    itemDocumentId: run.itemDocumentId,
    itemLocale: run.itemLocale,
    itemVersion: state.version,
    sopCode: run.sopCode,
    sopVersion: String(run.sopVersion),
    runId: run.documentId,
    ...fields,
    signer,
    capacity: 'definitif',
    onBehalfOf: null,
    delegationId: null,
    signedAt: new Date().toISOString(),
    method: 'login',
    externalRef: null,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent ? String(meta.userAgent).slice(0, 300) : null,
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);
  const runs = () => strapi.db.query(UID.run);

  async function loadRun(documentId: string): Promise<RunRow> {
    const run = (await runs().findOne({ where: { documentId }, populate: ['sop', 'unit'] })) as RunRow | null;
    if (!run) throw notFound(`Alur kerja ${documentId} tidak ditemukan / run not found`);
    return run;
  }

  async function isDrafter(uid: string, docId: number, userId: number) {
    // Whoever created or last edited the content (Strapi's own creator fields).
    const row = await strapi.db.query(uid as any).findOne({ where: { id: docId }, populate: ['createdBy', 'updatedBy'] });
    return row?.createdBy?.id === userId || row?.updatedBy?.id === userId;
  }

  const needsSecret = (kind: string) =>
    kind === 'tanda_tangan' || (kind === 'paraf' && !!strapi.plugin('ppid').config('parafRequiresPassword'));

  /**
   * Inside the act's transaction: a signature needs the confirmed statement and a password that
   * was checked before the transaction opened (`passwordChecked`). There is no other way past.
   */
  function checkSignerSecret(req: ActRequest, kind: string, subject: IntentSubject, passwordChecked: boolean) {
    if (!needsSecret(kind)) return;
    if (req.confirmIntent !== true) {
      throw fieldError('confirmIntent', `Pernyataan harus dikonfirmasi / the intent statement must be confirmed: "${intentStatement(kind, subject)}"`);
    }
    if (!req.password) throw fieldError('password', 'Kata sandi wajib diisi untuk tanda tangan / password is required to sign');
    // The run moved on between the check and the transaction (to a step that needs a signature).
    if (!passwordChecked) throw conflict('Alur kerja baru saja diubah orang lain / the run was changed by someone else; reload', { reason: 'stale_version' });
  }

  /**
   * Before the act's transaction: when the act would sign (the forward act at a signature step)
   * and the signer sent a password and confirmed, check it, throttled per user (429 when locked).
   */
  async function precheckSignerPassword(runDocumentId: string, req: ActRequest, userId: number, meta: RequestMeta): Promise<boolean> {
    if (!req.password || req.confirmIntent !== true) return false;
    if (!(await wouldSign(runDocumentId, req, userId))) return false;
    await svc('signing').verifyPassword(userId, req.password, { ip: meta.ip });
    return true;
  }

  /**
   * Whether this act on this run would sign (a paraf/tanda tangan that needs the password) by
   * someone who holds the step's role. Someone who holds no role at the step is refused by the
   * engine (403); their password is neither checked nor counted against them.
   */
  async function wouldSign(runDocumentId: string, req: ActRequest, userId: number): Promise<boolean> {
    if (req.act === 'return' || req.act === 'cancel' || req.act === 'edit') return false;
    const run = await loadRun(runDocumentId);
    const step = run.sop.definition.steps[run.state.currentStep - 1];
    if (!step || !needsSecret(recordKindOf(step))) return false;
    const content = svc('content');
    const doc = await content.loadDraft(run.itemUid, run.itemDocumentId, run.itemLocale);
    const actor: ResolvedActor = await svc('actors').resolve(userId, run.sopCode, content.unitIdOf(doc));
    if (step.committee) return (await svc('actors').roster(run.sopCode, step, content.unitIdOf(doc))).includes(actor.id);
    return actor.roles.includes(step.role);
  }

  /** The current step's committee members (engine actor ids), when it is a committee step. */
  async function rosterOf(run: RunRow, state: RunState, unitId: number | null): Promise<string[] | undefined> {
    const step: SopStep | undefined = run.sop.definition.steps[state.currentStep - 1];
    return step?.committee ? svc('actors').roster(run.sopCode, step, unitId) : undefined;
  }

  /** The role a committee member acts in (the first member role they hold), else the step's. */
  function actingRole(step: SopStep | undefined, actor: ResolvedActor, fallback: string): string {
    return step?.committee?.members.map((m) => m.role).find((r) => actor.capacities[r]) ?? fallback;
  }

  async function applyEffects(run: RunRow, next: RunState, effects: Effect[], actor: ResolvedActor, req: ActRequest, meta: RequestMeta) {
    const def = run.sop.definition;
    const written: SignatureRecord[] = [];
    // Every effect the engine emits is carried out here; `never` makes a new effect type a compile error.
    for (const effect of effects) {
      switch (effect.type) {
      case 'record': {
        const stepDef = def.steps[effect.step - 1];
        const cap = actor.capacities[actingRole(stepDef, actor, effect.role)] ?? { capacity: 'definitif', onBehalfOf: null, delegationId: null };
        // A committee member's act that does not yet meet the rule leaves the step open.
        const partial = !!effect.member && !effect.member.completes;
        // The statement the signer confirmed, sealed with the act.
        const intent = req.confirmIntent === true ? intentStatement(effect.kind, intentSubjectOf(run.itemUid)) : null;
        const signedAt = new Date().toISOString();
        // A DIP edition's decree is numbered in the same transaction as the Atasan PPID's
        // signature, and before it is sealed: the signature covers the SK's number and date.
        const establishesDip = effect.kind === 'tanda_tangan' && def.steps[effect.step - 1]?.act === 'establish' && run.itemUid === UID.dipEdition;
        const decree = establishesDip ? await svc('dip').reserveDecree(run, signedAt) : null;
        // The PPID's signature of a request's written notice: refused (409) until its outcome is
        // recorded; the record's note seals the notice's digest, so the signature covers it.
        const signsNotice = !partial && svc('request-notices').signsNotice(run, effect.step, effect.kind);
        const noticeNote = signsNotice ? await svc('request-notices').noteForSigning(run, effect.comment ?? null) : null;
        // An objection's answer (Pasal 36 ayat 2): the Atasan PPID signs only a recorded answer.
        const answersObjection = effect.kind === 'tanda_tangan' && !partial && stepDef?.act === 'decide' && run.itemUid === UID.objection;
        if (answersObjection) await svc('objections').assertAnswerRecorded(run.itemDocumentId);
        written.push(
          await svc('records').append(
            {
              itemUid: run.itemUid,
              itemDocumentId: run.itemDocumentId,
              itemLocale: run.itemLocale,
              itemVersion: next.version,
              sopCode: run.sopCode,
              sopVersion: String(run.sopVersion),
              runId: run.documentId,
              stepNumber: effect.step,
              kind: effect.kind,
              decision: effect.kind === 'return' ? `returned_to_${effect.toStep}` : effect.kind === 'cancel' ? 'cancelled' : partial ? 'member_approved' : 'approved',
              note: noticeNote ?? effect.comment ?? null,
              signer: actor.signer,
              capacity: cap.capacity,
              onBehalfOf: cap.onBehalfOf,
              delegationId: cap.delegationId,
              signedAt,
              method: 'login',
              externalRef: null,
              ...(intent ? { intent } : {}),
              ...(decree ? { decree: { number: decree.number, date: decree.date } } : {}),
              ip: meta.ip ?? null,
              userAgent: meta.userAgent ? String(meta.userAgent).slice(0, 300) : null,
              contentHash: effect.contentHash ?? next.contentHash ?? '',
            },
            run.id,
            // Each member acts once per round: the database refuses a second act (unique index).
            effect.member ? { memberKey: `${run.documentId}:${effect.step}:${effect.member.round}:${actor.userId}` } : undefined
          )
        );
        if (partial) break;
        await svc('timing').closeStep(run, effect.step, effect.kind, actor.userId);
        if (decree) await svc('dip').onEstablished(run, written[written.length - 1], decree);
        if (signsNotice) await svc('request-notices').onNoticeSigned(run, written[written.length - 1]);
        if (answersObjection) await svc('objections').onAnswerSigned(run.itemDocumentId, written[written.length - 1]!);
        break;
      }
      case 'publish': {
        const key = itemKey(run.itemUid, run.itemDocumentId, run.itemLocale);
        await asWorkflowPublish(key, () =>
          strapi.documents(run.itemUid as any).publish({ documentId: run.itemDocumentId, ...(run.itemLocale ? { locale: run.itemLocale } : {}) })
        );
        await svc('public-filter').markPublished(run.itemUid, run.itemDocumentId, run.itemLocale);
        // A decided consequence test takes effect now: its item, if published, is unpublished (recorded).
        if (run.itemUid === UID.consequenceTest) await svc('classification').onTestDecided(run.itemDocumentId);
        break;
      }
      case 'notify': {
        if (effect.reason === 'step_active' || effect.reason === 'returned' || effect.reason === 'content_changed') {
          await svc('timing').openStep(run, def, next, effect.step);
        }
        await svc('events').emit(effect.reason, { run, step: effect.step, role: effect.role, state: next });
        break;
      }
      case 'edit': {
        // The content under review changed: sealed with the new hash (the old one in the note),
        // and where the run went back because of it (verify replays runs from their records).
        const moved = next.status !== run.state.status || next.currentStep !== run.state.currentStep;
        written.push(
          await svc('records').append(
            runRecordInput(run, next, actor.signer ?? SYSTEM_SIGNER, meta, {
              stepNumber: null,
              kind: 'edit',
              decision: moved ? `returned_to_${next.currentStep}` : 'edited',
              note: `hash sebelumnya / previous content hash ${effect.previousHash ?? '-'}`,
              contentHash: effect.contentHash,
            }),
            run.id
          )
        );
        break;
      }
      case 'void': {
        // An approval no longer holds (PP 71/2019: a change to signed content must be detectable).
        written.push(
          await svc('records').append(
            runRecordInput(run, next, actor.signer ?? SYSTEM_SIGNER, meta, {
              stepNumber: effect.step,
              kind: 'void',
              decision: `voided_${effect.kind}`,
              note: effect.reason === 'committee_returned'
                ? `paraf anggota (pengguna ${effect.actorId}) gugur karena dikembalikan / a member's ${effect.kind} voided by a return`
                : effect.actorId
                  ? `konten berubah; paraf anggota (pengguna ${effect.actorId}) gugur / content changed; a member's ${effect.kind} voided`
                  : 'konten berubah / content changed',
              contentHash: next.contentHash ?? '',
            }),
            run.id
          )
        );
        break;
      }
      default: {
        const unknown: never = effect;
        throw new Error(`workflow effect not carried out: ${JSON.stringify(unknown)}`);
      }
      }
    }
    return written;
  }

  /**
   * Why this actor may not open a run of `sop` for an item of `unitId`, or null. A run starts
   * when the SOP starts: only step 1's pelaksana (for a committee, one of its members) opens it.
   */
  async function startRefusal(sopCode: string, sop: { name: string; definition: SopDefinition }, actor: ResolvedActor, unitId: number | null): Promise<Error | null> {
    if (!actor.roles.length) {
      return forbidden(`Anda tidak memegang peran apa pun dalam SOP "${sop.name}" untuk unit item ini / you hold no role in this SOP for this item's unit`, { reason: 'no_role' });
    }
    const first: SopStep | undefined = sop.definition.steps[0];
    const roster = first?.committee ? await svc('actors').roster(sopCode, first, unitId) : undefined;
    const notFirst = mayStartRun(sop.definition, actor, roster);
    return notFirst ? refusal(notFirst) : null;
  }

  const self = {
    /**
     * For the admin panel: per SOP the item's type is bound to, whether `userId` may open its
     * run, and if not, the reason (the same 403 message `submit` would give).
     */
    async startOptions(uid: string, documentId: string, locale: string | null, userId: number): Promise<Record<string, { allowed: boolean; message: string | null }>> {
      const content = svc('content');
      const out: Record<string, { allowed: boolean; message: string | null }> = {};
      if (!content.isGoverned(uid)) return out;
      const doc = await content.loadDraft(uid, documentId, locale);
      for (const b of content.bindings(uid) as { sopCode: string }[]) {
        const sop = await svc('sops').current(b.sopCode).catch(() => null);
        if (!sop) continue;
        const actor: ResolvedActor = await svc('actors').resolve(userId, b.sopCode, content.unitIdOf(doc));
        const refused = await startRefusal(b.sopCode, sop, actor, content.unitIdOf(doc));
        out[b.sopCode] = { allowed: !refused, message: refused ? (refused as Error).message : null };
      }
      return out;
    },

    async submit(
      params: { uid: string; documentId: string; locale?: string | null; sopCode?: string | null },
      userId: number,
      meta: RequestMeta = {}
    ) {
      const content = svc('content');
      if (!content.isGoverned(params.uid)) throw badRequest(`uid: ${params.uid} tidak diatur SOP / is not governed`, { field: 'uid' });
      const sopCode = content.sopCodeFor(params.uid, params.sopCode);
      let key: string | null = null;
      const alreadyOpen = (runId: string | null) => conflict('Item ini sudah dalam alur kerja / this item already has a run in progress', { reason: 'run_open', runId });
      // The unique index on activeKey (services/constraints.ts) refuses a second open run even when
      // two submits pass the check below at once (another instance); that refusal is a 409 too.
      let runId: string | null = null;
      await svc('records').appendingLast(async () => {
        const doc = await content.loadDraft(params.uid, params.documentId, params.locale);
        key = itemKey(params.uid, params.documentId, doc.locale ?? params.locale);
        const open = await runs().findOne({ where: { activeKey: key } });
        if (open) throw alreadyOpen(open.documentId);
        const sop = await svc('sops').current(sopCode);
        const actor: ResolvedActor = await svc('actors').resolve(userId, sopCode, content.unitIdOf(doc));
        const refused = await startRefusal(sopCode, sop, actor, content.unitIdOf(doc));
        if (refused) throw refused;
        const hash = await content.hashOf(params.uid, doc);
        // Classification rules block at acts, never on save (services/classification.ts). A
        // consequence test's sheet is required when a step acts on it, not to start its run.
        await svc('classification').assertActAllowed(params.uid, doc, params.uid === UID.consequenceTest ? 'start' : 'submit');
        const now: Date = svc('clock').now();
        const { run: state, effects } = startRun(sop.definition, now, { id: actor.id }, {
          fastTrack: doc.classification === 'serta_merta',
          contentHash: hash,
          // Working hours are the local hours of the unit that runs it (WIB, WITA or WIT).
          deadlineOf: await svc('zones').deadlineOf(content.unitIdOf(doc)),
        });
        const step = currentStepOf(sop.definition, state);
        const row = (await runs().create({
          data: {
            itemUid: params.uid,
            itemDocumentId: params.documentId,
            itemLocale: doc.locale ?? null,
            itemTitle: content.titleOf(doc),
            activeKey: key,
            sop: sop.id,
            sopCode: sop.code,
            sopVersion: sop.version,
            status: state.status,
            currentStep: state.currentStep,
            currentRole: step.role,
            stepDeadline: state.steps[state.currentStep - 1]?.dueAt ?? null,
            lock: state.version,
            state,
            unit: content.unitIdOf(doc),
            classification: doc.classification ?? null,
            fastTrack: state.fastTrack,
            startedById: userId,
            startedAt: now.toISOString(),
          },
          populate: ['sop', 'unit'],
        })) as RunRow;
        await applyEffects(row, state, effects, actor, { act: 'submit' }, meta);
        await svc('events').emit('submitted', { run: row, step: state.currentStep, role: step.role, state });
        runId = row.documentId;
      }).catch(async (e: unknown) => {
        if (isHttpError(e) || !key || strapi.db.inTransaction()) throw e;
        const open = await runs().findOne({ where: { activeKey: key } });
        if (open) throw alreadyOpen(open.documentId);
        // Refused by the index (or chosen as a deadlock victim) while the other submit was still
        // committing: the same conflict, without the other run's id.
        if (isUniqueViolation(e, svc('constraints').spec('ppid_runs_open_key_uq')) || isDeadlock(e)) throw alreadyOpen(null);
        throw e;
      });
      return self.view(runId!, userId);
    },

    /**
     * Opens a run that no official starts: a request for information filed by the public
     * (requests/services/requests.ts). Its first step waits for the role that registers it. In
     * the caller's transaction (the item and its run are stored together or not at all); the
     * unique index on activeKey refuses a second open run. No record is sealed: nobody acted yet.
     */
    async openForPublic(params: { uid: string; documentId: string; sopCode: string; title: string; unitId?: number | null; contentHash: string | null }) {
      const sop = await svc('sops').current(params.sopCode);
      const now: Date = svc('clock').now();
      const unitId = params.unitId ?? null;
      const { run: state, effects } = startRun(sop.definition, now, { id: 'public' }, {
        contentHash: params.contentHash,
        deadlineOf: await svc('zones').deadlineOf(unitId),
      });
      const step = currentStepOf(sop.definition, state);
      const row = (await runs().create({
        data: {
          itemUid: params.uid,
          itemDocumentId: params.documentId,
          itemLocale: null,
          itemTitle: params.title.slice(0, 300),
          activeKey: itemKey(params.uid, params.documentId, null),
          sop: sop.id,
          sopCode: sop.code,
          sopVersion: sop.version,
          status: state.status,
          currentStep: state.currentStep,
          currentRole: step.role,
          stepDeadline: state.steps[state.currentStep - 1]?.dueAt ?? null,
          lock: state.version,
          state,
          unit: unitId,
          classification: null,
          fastTrack: false,
          startedById: null,
          startedAt: now.toISOString(),
        },
        populate: ['sop', 'unit'],
      })) as RunRow;
      // Only notify effects come from a start: no actor is needed to carry them out.
      const nobody = { id: 'public', userId: 0, roles: [], capacities: {}, signer: SYSTEM_SIGNER, isSuperAdmin: false } as unknown as ResolvedActor;
      await applyEffects(row, state, effects, nobody, { act: 'submit' }, {});
      await svc('events').emit('submitted', { run: row, step: state.currentStep, role: step.role, state });
      return row;
    },

    /** `administrator`: the caller holds `runs.cancel` (checked by the route); it adds the power to cancel only. */
    async act(
      runDocumentId: string,
      req: ActRequest,
      userId: number,
      meta: RequestMeta = {},
      opts: { administrator?: boolean; passwordChecked?: boolean } = {}
    ) {
      // A bulk act (bulkAct below) checked the password once for all its items.
      const passwordChecked = opts.passwordChecked ?? (await precheckSignerPassword(runDocumentId, req, userId, meta));
      // One transaction; its records join the chain at its end, so the chain lock is held for
      // the append and the commit only (records.appendingLast), and the view is read after it.
      const written: SignatureRecord[] = await svc('records').appendingLast(async () => {
        const run = await loadRun(runDocumentId);
        const def = run.sop.definition;
        const content = svc('content');
        const doc = await content.loadDraft(run.itemUid, run.itemDocumentId, run.itemLocale);
        const hash = await content.hashOf(run.itemUid, doc);
        const actor: ResolvedActor = await svc('actors').resolve(userId, run.sopCode, content.unitIdOf(doc));
        const drafter = await isDrafter(run.itemUid, doc.id, userId);
        const input: ActInput = {
          comment: req.comment,
          reason: req.reason,
          expectedVersion: req.expectedVersion,
          step: req.step,
          contentHash: hash,
        };
        const who = { id: actor.id, roles: actor.roles, isDrafter: drafter, ...(opts.administrator && req.act === 'cancel' ? { mayCancelAny: true } : {}) };
        const result = decide(def, run.state, who, req.act, input, svc('clock').now(), {
          deadlineOf: await svc('zones').deadlineOf(run.unit?.id ?? null),
          roster: await rosterOf(run, run.state, content.unitIdOf(doc)),
        });
        if (!result.ok) throw refusal(result);
        // Every approval and the publish act pass the classification rules (an excluded item never
        // publishes). Steps before the first drafting step (an instruction, receiving a proposal)
        // act before the content exists: what a step needs is required when that step acts.
        const publishes = result.effects.some((e) => e.type === 'publish');
        const beforeDrafting = def.steps.slice(0, run.state.currentStep).every((s) => !isEditable(s));
        if (publishes || ((req.act === 'approve' || req.act === 'submit') && !beforeDrafting)) {
          await svc('classification').assertActAllowed(run.itemUid, doc, publishes ? 'publish' : req.act === 'submit' ? 'submit' : 'approve');
        }

        const record = result.effects.find((e) => e.type === 'record');
        if (record && record.type === 'record') checkSignerSecret(req, record.kind, intentSubjectOf(run.itemUid), passwordChecked);

        const next = result.run;
        const closed = isClosed(next);
        const step = def.steps[next.currentStep - 1];
        // Optimistic lock: of two acts on the same version, only one row update matches.
        const { count } = await runs().updateMany({
          where: { id: run.id, lock: run.lock },
          data: {
            state: next,
            lock: next.version,
            // Unpublished while its recording steps were walked: the column keeps saying so.
            status: run.status === 'unpublished' ? 'unpublished' : next.status,
            currentStep: next.currentStep,
            currentRole: closed ? null : step.role,
            stepDeadline: closed ? null : next.steps[next.currentStep - 1]?.dueAt ?? null,
            activeKey: closed ? null : itemKey(run.itemUid, run.itemDocumentId, run.itemLocale),
            endedAt: closed ? new Date().toISOString() : null,
            publishedHash: next.status === 'published' && run.state.status !== 'published' ? hash : run.publishedHash,
          },
        });
        if (count !== 1) throw conflict('Alur kerja baru saja diubah orang lain / the run was changed by someone else; reload', { reason: 'stale_version' });
        return applyEffects(run, next, result.effects, actor, req, meta);
      }).catch((e: unknown) => {
        // A committee member acting twice at once from two tabs or instances: the unique index on
        // memberKey refuses the second (services/constraints.ts); that is a conflict, not a 500.
        if (!isHttpError(e) && isUniqueViolation(e, svc('constraints').spec('ppid_records_member_uq'))) {
          throw conflict('Anda sudah bertindak pada putaran langkah ini / you have already acted in this round of the step', { reason: 'member_already_acted' });
        }
        throw e;
      });
      // After commit: the applicant gets the signed written notice (a failed mail is only logged).
      const notice = written.find((r) => r.itemUid === UID.informationRequest && r.kind === 'tanda_tangan' && /^Pemberitahuan tertulis:/m.test(r.note ?? ''));
      if (notice) void svc('request-notices').mailNotice(notice.itemDocumentId).catch((e: unknown) => strapi.log.warn(`[ppid] notice mail: ${(e as Error).message}`));
      return { ...(await self.view(runDocumentId, userId)), written };
    },

    /**
     * Bulk acts (issue #18): the same act on several runs at once, e.g. a Kasi's paraf on every
     * item waiting at their step. The intent statement is confirmed and the password checked once
     * (throttled as a single act; a wrong one records nothing and counts once); then each run
     * takes the single act's own path in its own transaction, so each act is its own record and
     * is refused on its own (403 not your step, 409 moved on) without touching the others.
     * `guard` refuses a run the caller may not read (the Tugas Saya list hides it too).
     */
    async bulkAct(
      runIds: string[],
      req: ActRequest,
      userId: number,
      meta: RequestMeta = {},
      guard?: (runId: string) => Promise<unknown>,
      steps: Record<string, number> = {}
    ) {
      let signs = false;
      for (const runId of runIds) {
        if (await wouldSign(runId, req, userId).catch(() => false)) signs = true;
        if (signs) break;
      }
      if (signs) {
        if (req.confirmIntent !== true) throw fieldError('confirmIntent', 'Pernyataan harus dikonfirmasi untuk semua item yang dipilih / the intent statement must be confirmed');
        if (!req.password) throw fieldError('password', 'Kata sandi wajib diisi untuk tanda tangan / password is required to sign');
        await svc('signing').verifyPassword(userId, req.password, { ip: meta.ip });
      }
      const results: BulkItemResult[] = [];
      for (const runId of runIds) {
        let title: string | null = null;
        try {
          if (guard) await guard(runId);
          title = (await runs().findOne({ where: { documentId: runId }, select: ['itemTitle'] }))?.itemTitle ?? null;
          const one: ActRequest = steps[runId] !== undefined ? { ...req, step: steps[runId] } : req;
          const done = await self.act(runId, one, userId, meta, { passwordChecked: signs });
          results.push({
            runId,
            title,
            ok: true,
            status: 200,
            run: { status: done.status, currentStep: done.currentStep.number },
            records: done.written.map((r: SignatureRecord) => ({ kind: r.kind, stepNumber: r.stepNumber, verificationCode: r.verificationCode ?? null })),
          });
        } catch (e: unknown) {
          // The item's own answer, as the single act would have given it; a crash is a 500 for it alone.
          const status = statusOf(e);
          if (status === null) strapi.log.error(`[ppid] bulk act on run ${runId} failed: ${(e as Error)?.stack ?? e}`);
          const err = e as { name?: string; message?: string; details?: Record<string, unknown> };
          results.push({
            runId,
            title,
            ok: false,
            status: status ?? 500,
            error: {
              name: status === null ? 'InternalServerError' : err.name ?? 'Error',
              message: status === null ? 'Kesalahan server / internal error' : String(err.message),
              details: status === null ? {} : err.details ?? {},
            },
          });
        }
      }
      return { results, done: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
    },

    /** The run, its steps, its records and the acts this user may take now. */
    async view(runDocumentId: string, userId?: number) {
      const run = await loadRun(runDocumentId);
      const def = run.sop.definition;
      let acts: Act[] = [];
      let roles: string[] = [];
      if (userId) {
        const actor: ResolvedActor = await svc('actors').resolve(userId, run.sopCode, run.unit?.id ?? null);
        roles = actor.roles;
        let drafter = false;
        try {
          const doc = await svc('content').loadDraft(run.itemUid, run.itemDocumentId, run.itemLocale);
          drafter = await isDrafter(run.itemUid, doc.id, userId);
        } catch {
          /* the item may have been deleted */
        }
        const roster = await rosterOf(run, run.state, run.unit?.id ?? null);
        acts = allowedActs(def, run.state, { id: actor.id, roles: actor.roles, isDrafter: drafter }, { roster });
      }
      const step = def.steps[run.state.currentStep - 1];
      const stepState = run.state.steps[step.number - 1];
      const records: SignatureRecord[] = await svc('records').forRun(run.documentId);
      return {
        id: run.documentId,
        item: { uid: run.itemUid, documentId: run.itemDocumentId, locale: run.itemLocale, title: run.itemTitle },
        sop: { code: run.sopCode, version: run.sopVersion, name: def.header.namaSop, nomorSop: def.header.nomorSop, roles: def.roles },
        status: run.status,
        version: run.state.version,
        currentStep: {
          number: step.number,
          activity: step.activity,
          role: step.role,
          roleLabel: def.roles.find((r) => r.key === step.role)?.label ?? step.role,
          act: step.act,
          recordKind: recordKindOf(step),
          dueAt: run.state.steps[step.number - 1]?.dueAt ?? null,
          intentStatement: intentStatement(recordKindOf(step), intentSubjectOf(run.itemUid)),
          // The rule the act applies: the panel asks for a password only where it is needed.
          requiresPassword: needsSecret(recordKindOf(step)),
          // A committee step: its members (roles as the SOP names them), the rule, and who acted this round.
          ...(step.committee
            ? {
                committee: {
                  rule: step.committee.rule,
                  members: step.committee.members.map((m) => ({ ...m, label: def.roles.find((r) => r.key === m.role)?.label ?? m.role })),
                  round: stepState?.round ?? 1,
                  acted: (stepState?.members ?? []).map((m) => ({ actorId: m.actorId, at: m.at, kind: m.kind })),
                },
              }
            : {}),
        },
        steps: run.state.steps.map((s) => ({ ...s, activity: def.steps[s.number - 1]?.activity, role: def.steps[s.number - 1]?.role })),
        fastTrack: run.state.fastTrack,
        // The zone the panel writes the run's times in (its unit's: WIB, WITA or WIT).
        timeZone: await svc('zones').ofUnit(run.unit?.id ?? null),
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        cancelReason: run.state.cancelReason,
        myRoles: roles,
        allowedActs: acts,
        records,
      };
    },

    /**
     * Called by the governance middleware after an edit of an item that has an open run:
     * the engine decides (editable step, right role), approvals are voided, the run may go back.
     * Throws to roll the edit back when the edit is not allowed.
     */
    async edited(uid: string, documentId: string, locale: string | null | undefined, userId: number | null) {
      const open = await self.activeRun(uid, documentId, locale);
      if (!open) return;
      const run = await loadRun(open.documentId);
      const content = svc('content');
      const doc = await content.loadDraft(uid, documentId, locale);
      const hash = await content.hashOf(uid, doc);
      if (hash === run.state.contentHash) return;
      const actor: ResolvedActor | null = userId ? await svc('actors').resolve(userId, run.sopCode, content.unitIdOf(doc)) : null;
      const result = decide(
        run.sop.definition,
        run.state,
        { id: actor?.id ?? 'system', roles: actor?.roles ?? [] },
        'edit',
        { contentHash: hash },
        svc('clock').now(),
        { deadlineOf: await svc('zones').deadlineOf(run.unit?.id ?? null) }
      );
      if (!result.ok) {
        const why = result.reason === 'step_not_editable'
          ? `Konten terkunci selama tahap ${run.currentStep} SOP; ubah hanya pada tahap penyusunan/perbaikan / content is locked at this step`
          : result.message;
        throw refusal({ ...result, message: why });
      }
      const next = result.run;
      const step = run.sop.definition.steps[next.currentStep - 1];
      const { count } = await runs().updateMany({
        where: { id: run.id, lock: run.lock },
        data: {
          state: next,
          lock: next.version,
          status: next.status,
          currentStep: next.currentStep,
          currentRole: step.role,
          stepDeadline: next.steps[next.currentStep - 1]?.dueAt ?? null,
          itemTitle: content.titleOf(doc),
        },
      });
      if (count !== 1) throw conflict('Alur kerja baru saja diubah orang lain / the run was changed by someone else; reload', { reason: 'stale_version' });
      await applyEffects(run, next, result.effects, actor ?? ({ userId: 0, capacities: {}, signer: SYSTEM_SIGNER } as any), { act: 'edit' }, svc('sealing').requestMeta());
    },

    /**
     * Unpublishing is allowed but sealed: against the run that published the item, or (an item
     * published without one) in the type's scope outside runs. `contentHash`: the item as it was.
     */
    async unpublished(
      uid: string,
      documentId: string,
      locale: string | null | undefined,
      userId: number | null,
      meta: RequestMeta = {},
      contentHash?: string | null
    ) {
      const last = (await runs().findOne({
        where: { itemUid: uid, itemDocumentId: documentId, status: 'published', ...(locale ? { itemLocale: locale } : {}) },
        orderBy: { id: 'desc' },
        populate: ['sop', 'unit'],
      })) as RunRow | null;
      const signer = await svc('sealing').signer(userId);
      if (!last) {
        await svc('sealing').sealOutsideRun({ uid, documentId, locale, kind: 'unpublish', decision: 'unpublished', contentHash, signer, meta });
        return;
      }
      await svc('records').append(
        runRecordInput(last, last.state, signer, meta, {
          stepNumber: null,
          kind: 'unpublish',
          decision: 'unpublished',
          note: null,
          contentHash: last.publishedHash ?? last.state.contentHash ?? contentHash ?? '',
        }),
        last.id
      );
      // The run no longer vouches for a published item: the public guard hides the item even if
      // something republishes it behind the workflow's back; republishing needs a new run.
      await runs().update({ where: { id: last.id }, data: { status: 'unpublished' } });
      await svc('events').emit('unpublished', { run: last, step: last.currentStep, role: '' });
    },

    /**
     * A governed item was deleted (no run was open: the middleware refuses that): sealed against
     * the item's latest run, or in the type's scope outside runs when it never had one. A
     * published run stops vouching for the item, as after an unpublish.
     */
    async deleted(uid: string, documentId: string, locale: string | null | undefined, userId: number | null, contentHash: string | null) {
      const last = (await runs().findOne({
        where: { itemUid: uid, itemDocumentId: documentId, ...(locale ? { itemLocale: locale } : {}) },
        orderBy: { id: 'desc' },
        populate: ['sop', 'unit'],
      })) as RunRow | null;
      const signer = await svc('sealing').signer(userId);
      const meta: RequestMeta = svc('sealing').requestMeta();
      if (!last) {
        await svc('sealing').sealOutsideRun({ uid, documentId, locale, kind: 'delete', decision: 'deleted', contentHash, signer, meta });
        return;
      }
      await svc('records').append(
        runRecordInput(last, last.state, signer, meta, {
          stepNumber: null,
          kind: 'delete',
          decision: 'deleted',
          note: null,
          contentHash: contentHash ?? last.publishedHash ?? last.state.contentHash ?? '',
        }),
        last.id
      );
      if (last.status === 'published') await runs().update({ where: { id: last.id }, data: { status: 'unpublished' } });
    },

    async forItem(uid: string, documentId: string, locale?: string | null) {
      return runs().findMany({
        where: { itemUid: uid, itemDocumentId: documentId, ...(locale ? { itemLocale: locale } : {}) },
        orderBy: { id: 'desc' },
        select: ['documentId', 'status', 'currentStep', 'sopCode', 'startedAt', 'endedAt'],
      });
    },

    async activeRun(uid: string, documentId: string, locale?: string | null) {
      return runs().findOne({ where: { activeKey: itemKey(uid, documentId, locale) }, populate: ['sop'] }) as Promise<RunRow | null>;
    },

    /** Open runs whose current step is held by this user (through a role or a delegation). */
    async tasks(userId: number) {
      // Roles resolved once, open runs asked for by (SOP, role, unit) with a join (task-runs.ts).
      const mine: any[] = [];
      const zoneOf = await svc('zones').resolver();
      for (const run of await openTasksOf(strapi, userId)) {
        const step = run.sop.definition.steps[run.currentStep - 1];
        if (step.committee) {
          // A committee's members come from its roster (member roles, their units); a member
          // who has acted this round has nothing left to do here.
          const me = String(userId);
          if (!(await svc('actors').roster(run.sopCode, step, run.unit?.id ?? null)).includes(me)) continue;
          if (run.state.steps[run.currentStep - 1]?.members?.some((m) => m.actorId === me)) continue;
        }
        const dueAt = run.state.steps[run.currentStep - 1]?.dueAt ?? null;
        mine.push({
          runId: run.documentId,
          item: { uid: run.itemUid, documentId: run.itemDocumentId, locale: run.itemLocale, title: run.itemTitle },
          sop: { code: run.sopCode, name: run.sop.definition.header.namaSop },
          step: {
            number: step.number,
            activity: step.activity,
            role: step.role,
            act: step.act,
            // For bulk acts: rows of the same kind are acted on together, with one statement.
            recordKind: recordKindOf(step),
            requiresPassword: needsSecret(recordKindOf(step)),
            intentStatement: intentStatement(recordKindOf(step), intentSubjectOf(run.itemUid)),
          },
          status: run.status,
          unit: run.unit?.name ?? null,
          // A returned item says why it came back (the reviewer's comment from the run's history).
          returned: lastReturn(run.sop.definition, run.state),
          dueAt,
          // The zone the panel writes the run's times in (its unit's: WIB, WITA or WIT).
          timeZone: zoneOf(run.unit?.id ?? null),
          overdue: !!dueAt && new Date(dueAt).getTime() < Date.now(),
        });
      }
      // Overdue first, then by deadline; steps without a deadline last.
      return mine.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
    },
  };
  return self;
};
