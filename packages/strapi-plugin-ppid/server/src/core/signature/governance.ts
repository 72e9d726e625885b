/**
 * Records outside SOP runs. Changes that decide who may sign (role mappings, delegations) or
 * what goes through an SOP (bindings), and the deletion or unpublishing of a governed item that
 * no run covers, are sealed in the same chain as the acts, each in a scope of its own: the
 * record's `runId` is `gov:<type uid>` instead of a run's documentId, so its `runSeq` and
 * `prevRunHash` chain the changes of that type the way a run chains its acts.
 *
 * A configuration record carries a canonical snapshot's hash (contentHash) and a readable
 * summary (note), so `verify` can replay a type's records and compare them with the rows in
 * the database: a row changed, added or removed behind the product's back is named.
 */
import { canonicalJson, sha256Hex } from './content-hash';
import type { SignatureRecord } from './record';

export const GOV_SCOPE_PREFIX = 'gov:';
export const govScope = (uid: string) => `${GOV_SCOPE_PREFIX}${uid}`;
export const isGovScope = (runId: unknown): runId is string => typeof runId === 'string' && runId.startsWith(GOV_SCOPE_PREFIX);
export const scopeType = (runId: string) => runId.slice(GOV_SCOPE_PREFIX.length);

export type ConfigType = 'role-mapping' | 'delegation' | 'binding';
export type ConfigDecision = 'created' | 'updated' | 'deleted' | 'baseline';

const iso = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  const d = new Date(v as string);
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
};
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * What a configuration row says, by stable keys (codes, NIPs), not database ids: the same
 * meaning gives the same hash on any engine.
 */
export function configSnapshot(type: ConfigType, row: Record<string, any>): Record<string, unknown> {
  switch (type) {
    case 'role-mapping':
      return {
        sopCode: str(row.sopCode),
        sopRole: str(row.sopRole),
        adminRole: str(row.adminRole?.code),
        unit: str(row.unit?.code),
      };
    case 'delegation':
      return {
        delegator: str(row.delegator?.nip),
        delegate: str(row.delegate?.nip),
        capacity: str(row.capacity),
        validFrom: iso(row.validFrom),
        validUntil: iso(row.validUntil),
        basis: str(row.basis),
      };
    case 'binding':
      return { contentType: str(row.contentType), sopCode: str(row.sopCode), isDefault: !!row.isDefault };
  }
}

export const snapshotHash = (snapshot: Record<string, unknown>) => sha256Hex(canonicalJson(snapshot));

/** The record's note: the snapshot as `key=value` pairs (readable, sealed with the record). */
export function snapshotSummary(snapshot: Record<string, unknown>): string {
  return Object.entries(snapshot)
    .map(([k, v]) => `${k}=${v === null ? '-' : String(v)}`)
    .join(' ')
    .slice(0, 1000);
}

export interface ConfigDriftProblem {
  code: 'config_unsealed' | 'config_missing';
  itemDocumentId: string;
  seq: number | null;
  message: string;
}

/**
 * Compares the rows of one configuration type with what its records say they are. Each row
 * must have a live record (last decision not `deleted`) whose hash is the row's; each live
 * record must still have its row.
 */
export function configDrift(
  type: ConfigType,
  records: Iterable<Pick<SignatureRecord, 'seq' | 'itemDocumentId' | 'decision' | 'contentHash'>>,
  rows: { documentId: string; hash: string }[]
): ConfigDriftProblem[] {
  const sealed = new Map<string, { seq: number; decision: string | null; hash: string }>();
  for (const r of records) {
    const prev = sealed.get(r.itemDocumentId);
    if (!prev || prev.seq < r.seq) sealed.set(r.itemDocumentId, { seq: r.seq, decision: r.decision, hash: r.contentHash });
  }
  const problems: ConfigDriftProblem[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.documentId);
    const s = sealed.get(row.documentId);
    if (!s || s.decision === 'deleted') {
      problems.push({
        code: 'config_unsealed',
        itemDocumentId: row.documentId,
        seq: s?.seq ?? null,
        message: `${type} ${row.documentId} exists but no signature record created it${s ? ` (seq ${s.seq} deleted it)` : ''}`,
      });
    } else if (s.hash !== row.hash) {
      problems.push({
        code: 'config_unsealed',
        itemDocumentId: row.documentId,
        seq: s.seq,
        message: `${type} ${row.documentId} differs from its last signature record (seq ${s.seq})`,
      });
    }
  }
  for (const [documentId, s] of sealed) {
    if (!seen.has(documentId) && s.decision !== 'deleted') {
      problems.push({
        code: 'config_missing',
        itemDocumentId: documentId,
        seq: s.seq,
        message: `${type} ${documentId} was removed without a signature record (last sealed at seq ${s.seq})`,
      });
    }
  }
  return problems;
}
