/**
 * What the database keeps beside each sealed record, checked against the record itself.
 *
 * The seal covers the record body (a JSON column); the product also reads plain columns (kind,
 * step, run, signer, time, code, hashes) to list, filter and join records. A column changed
 * behind the product's back would make those lists lie while the seal still verifies, so each
 * column must equal the sealed field it copies. Likewise a run's status and current step must
 * be what its records say happened.
 */
import type { SignatureRecord } from './record';

/** The record table's columns as read raw from the database (snake_case), plus the linked run. */
export interface StoredRecordColumns {
  seq: unknown;
  run_seq: unknown;
  run_document_id: unknown;
  kind: unknown;
  item_uid: unknown;
  item_document_id: unknown;
  step_number: unknown;
  signer_user_id: unknown;
  signed_at: unknown;
  verification_code: unknown;
  content_hash: unknown;
  hash: unknown;
  /** documentId of the run the record's relation points to (null: none). */
  linked_run: unknown;
}

export interface ColumnProblem {
  code: 'column_mismatch';
  seq: number | null;
  runId: string | null;
  column: string;
  message: string;
}

const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A datetime column as milliseconds: Date, epoch number, or text (no zone = UTC). */
export function columnTime(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  const s = String(v);
  if (/^\d+$/.test(s)) return Number(s);
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s.replace(' ', 'T')}Z`;
  const t = Date.parse(zoned);
  return Number.isNaN(t) ? null : t;
}

/**
 * Every column that copies a sealed field and differs from it. Records outside a run (a
 * `gov:` scope) and consequence-test pseudo-runs have no run row: their relation may be empty.
 */
export function storedColumnProblems(row: StoredRecordColumns, record: SignatureRecord): ColumnProblem[] {
  const expected: [string, unknown, unknown][] = [
    ['seq', num(row.seq), record.seq],
    ['run_seq', num(row.run_seq), record.runSeq],
    ['run_document_id', text(row.run_document_id), record.runId],
    ['kind', text(row.kind), record.kind],
    ['item_uid', text(row.item_uid), record.itemUid ?? null],
    ['item_document_id', text(row.item_document_id), record.itemDocumentId ?? null],
    ['step_number', num(row.step_number), record.stepNumber ?? null],
    ['signer_user_id', num(row.signer_user_id), Number(record.signer?.userId) || null],
    ['verification_code', text(row.verification_code), record.verificationCode],
    ['content_hash', text(row.content_hash), record.contentHash || null],
    ['hash', text(row.hash), record.hash],
  ];
  const problems: ColumnProblem[] = [];
  const at = { seq: Number.isSafeInteger(record.seq) ? record.seq : null, runId: record.runId ?? null };
  for (const [column, stored, sealed] of expected) {
    if (stored !== sealed) {
      problems.push({
        code: 'column_mismatch',
        ...at,
        column,
        message: `record seq ${record.seq}: column ${column} is ${JSON.stringify(stored)} but the sealed record says ${JSON.stringify(sealed)}`,
      });
    }
  }
  const storedTime = columnTime(row.signed_at);
  const sealedTime = Date.parse(record.signedAt);
  // Engines keep datetimes to the millisecond or the second; anything further apart was changed.
  if (storedTime === null || Math.abs(storedTime - sealedTime) >= 1000) {
    problems.push({
      code: 'column_mismatch',
      ...at,
      column: 'signed_at',
      message: `record seq ${record.seq}: column signed_at is ${storedTime === null ? 'null' : new Date(storedTime).toISOString()} but the sealed record says ${record.signedAt}`,
    });
  }
  const linked = text(row.linked_run);
  if (linked !== null && linked !== record.runId) {
    problems.push({
      code: 'column_mismatch',
      ...at,
      column: 'run',
      message: `record seq ${record.seq}: linked to run ${linked} but the sealed record belongs to run ${record.runId}`,
    });
  }
  return problems;
}

/** What a run's records say it is now. */
export interface ReplayedRunState {
  status: 'in_progress' | 'returned' | 'published' | 'completed' | 'cancelled' | 'unpublished';
  currentStep: number;
}

type RunEvent = Pick<SignatureRecord, 'kind' | 'stepNumber' | 'decision'>;

const returnedTo = (decision: string | null): number | null => {
  const m = /^returned_to_(\d+)$/.exec(decision ?? '');
  return m ? Number(m[1]) : null;
};

/**
 * Replays a run's records (in runSeq order) into its status and current step, the way the
 * engine moved it: a forward act completes its step (the next one becomes current), publish
 * closes the run at its step, a return or an edit that sent the work back names the step it
 * went to (`returned_to_N`), cancel closes the run, unpublish or deleting a published item ends
 * its publication.
 */
export function replayRunState(records: Iterable<RunEvent>, stepCount?: number): ReplayedRunState {
  const state: ReplayedRunState = { status: 'in_progress', currentStep: 1 };
  // With the SOP's step count: a run published before its last step walks on (recording steps),
  // and one whose last step is not a publish step ends 'completed' there.
  const published = () => state.status === 'published' || state.status === 'unpublished';
  for (const r of records) {
    switch (r.kind) {
      case 'submit':
      case 'complete':
      case 'paraf':
      case 'tanda_tangan':
      case 'handover': {
        // A committee member's act that did not yet meet the rule leaves the step open.
        if (r.decision === 'member_approved') break;
        const at = r.stepNumber ?? state.currentStep;
        if (stepCount !== undefined && at >= stepCount) {
          state.currentStep = at;
          if (!published()) state.status = 'completed';
        } else {
          state.currentStep = at + 1;
          if (!published()) state.status = 'in_progress';
        }
        break;
      }
      case 'publish': {
        state.status = 'published';
        const at = r.stepNumber ?? state.currentStep;
        state.currentStep = stepCount !== undefined && at < stepCount ? at + 1 : at;
        break;
      }
      case 'return':
      case 'edit': {
        const to = returnedTo(r.decision);
        if (to !== null) {
          state.status = 'returned';
          state.currentStep = to;
        }
        break;
      }
      case 'cancel':
        state.status = 'cancelled';
        break;
      case 'unpublish':
      case 'delete':
        if (state.status === 'published') state.status = 'unpublished';
        break;
      case 'void':
      case 'decree':
      case 'config':
        break;
      default: {
        const unknown: never = r.kind;
        throw new Error(`record kind ${String(unknown)} has no place in a run`);
      }
    }
  }
  return state;
}
