/**
 * Signed checkpoints of the signature chain: the chain head (seq, hash) sealed with the body's
 * Ed25519 key at a point in time, each checkpoint naming the previous one (as Certificate
 * Transparency's signed tree heads and CloudTrail's digest files do).
 *
 * The chain head row lives in the same database as the records, so someone who can write the
 * database can delete the newest records and rewind that row, or restore an older consistent
 * copy, and the chain still verifies. A checkpoint kept by someone else (the Komisi Informasi,
 * a citizen, a second server) cannot be rewound with it: if the database no longer holds the
 * checkpoint's head record with that hash, the history was cut.
 */
import { sign, verify } from 'node:crypto';
import { canonicalJson, sha256Hex } from './content-hash';
import { publicKeyMap, type PublicKeySet, type SigningKey } from './keys';

/** Domain separation from record signatures: a record signature is never a valid checkpoint. */
export const CHECKPOINT_CONTEXT = 'ppid.checkpoint.v1:';

export interface CheckpointRef {
  seq: number;
  hash: string;
}

export interface Checkpoint {
  /** seq of the chain head record this checkpoint anchors (checkpoints are identified by it). */
  seq: number;
  /** hash of that record. */
  headHash: string;
  /** Records in the chain when sealed (seq 1..seq without gaps, so equal to seq). */
  recordCount: number;
  /** Server time when sealed, ISO 8601 UTC. */
  at: string;
  keyId: string;
  /** The checkpoint before this one, or null for the first. */
  previous: CheckpointRef | null;
  /** SHA-256 hex of the canonical body (every field except hash and signature). */
  hash: string;
  /** Ed25519, base64, over CHECKPOINT_CONTEXT + hash. */
  signature: string;
}

export type CheckpointBody = Omit<Checkpoint, 'hash' | 'signature'>;

export type CheckpointProblemCode =
  | 'checkpoint_malformed'
  | 'checkpoint_hash_mismatch'
  | 'checkpoint_bad_signature'
  | 'checkpoint_unknown_key'
  | 'checkpoint_broken_link'
  | 'checkpoint_fork'
  | 'checkpoint_record_missing'
  | 'checkpoint_record_differs'
  | 'checkpoint_count_differs'
  | 'checkpoint_missing';

export interface CheckpointProblem {
  /** The checkpoint concerned (its seq), null when it has none. */
  seq: number | null;
  code: CheckpointProblemCode;
  message: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const KEY_ID = /^[0-9a-f]{16}$/;

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

/**
 * What is wrong with the shape of a checkpoint (read from a file or a URL, so anything may come),
 * or null. Checked before hashing so a hostile value never reaches the canonicaliser.
 */
export function checkpointShapeError(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not an object';
  const c = value as Record<string, unknown>;
  if (!isPositiveInt(c.seq)) return 'seq must be a positive integer';
  if (typeof c.headHash !== 'string' || !HEX64.test(c.headHash)) return 'headHash must be 64 lowercase hex';
  if (!isPositiveInt(c.recordCount)) return 'recordCount must be a positive integer';
  if (typeof c.at !== 'string' || !ISO_UTC.test(c.at) || Number.isNaN(Date.parse(c.at))) return 'at must be an ISO 8601 UTC timestamp';
  if (typeof c.keyId !== 'string' || !KEY_ID.test(c.keyId)) return 'keyId must be 16 lowercase hex';
  if (c.previous !== null) {
    const p = c.previous as Record<string, unknown> | undefined;
    if (!p || typeof p !== 'object' || Array.isArray(p)) return 'previous must be null or { seq, hash }';
    if (!isPositiveInt(p.seq)) return 'previous.seq must be a positive integer';
    if (typeof p.hash !== 'string' || !HEX64.test(p.hash)) return 'previous.hash must be 64 lowercase hex';
    if (p.seq >= (c.seq as number)) return 'previous.seq must be lower than seq';
  }
  if (typeof c.hash !== 'string' || !HEX64.test(c.hash)) return 'hash must be 64 lowercase hex';
  if (typeof c.signature !== 'string' || !c.signature) return 'signature must be a base64 string';
  return null;
}

/** Explicit projection: extra properties (a storage id, a wrapper's fields) are never hashed. */
export function checkpointBody(c: CheckpointBody): CheckpointBody {
  return {
    seq: c.seq,
    headHash: c.headHash,
    recordCount: c.recordCount,
    at: c.at,
    keyId: c.keyId,
    previous: c.previous ? { seq: c.previous.seq, hash: c.previous.hash } : null,
  };
}

/** The checkpoint as published: body, hash and signature, nothing else. */
export function publicCheckpoint(c: Checkpoint): Checkpoint {
  return { ...checkpointBody(c), hash: c.hash, signature: c.signature };
}

/** RFC 8785 canonical JSON of the body. */
export function canonicalCheckpointJson(body: CheckpointBody): string {
  return canonicalJson(checkpointBody(body));
}

export function computeCheckpointHash(body: CheckpointBody): string {
  return sha256Hex(canonicalCheckpointJson(body));
}

export function checkpointMessage(hash: string): Buffer {
  return Buffer.from(CHECKPOINT_CONTEXT + hash, 'utf8');
}

export const refOf = (c: Checkpoint): CheckpointRef => ({ seq: c.seq, hash: c.hash });

/**
 * Seal a checkpoint of the chain head. `previous` is the last checkpoint (null for the first);
 * a checkpoint only moves forward: the head must be past the previous checkpoint's head.
 */
export function sealCheckpoint(
  head: { seq: number; headHash: string; recordCount: number; at: string },
  previous: Checkpoint | null,
  key: SigningKey
): Checkpoint {
  const body = checkpointBody({ ...head, keyId: key.keyId, previous: previous ? refOf(previous) : null });
  const shape = checkpointShapeError({ ...body, hash: '0'.repeat(64), signature: 'x' });
  if (shape) throw new TypeError(`checkpoint: ${shape}`);
  if (previous && Date.parse(body.at) < Date.parse(previous.at)) {
    throw new TypeError('checkpoint: at is earlier than the previous checkpoint');
  }
  const hash = computeCheckpointHash(body);
  const signature = sign(null, checkpointMessage(hash), key.privateKey).toString('base64');
  return { ...body, hash, signature };
}

/** One checkpoint on its own: shape, hash over its fields, signature under a known key. */
export function verifyCheckpoint(value: unknown, keys: PublicKeySet): CheckpointProblem[] {
  const shape = checkpointShapeError(value);
  const seqOf = (v: unknown) => (v && typeof v === 'object' && isPositiveInt((v as { seq?: unknown }).seq) ? (v as { seq: number }).seq : null);
  if (shape) return [{ seq: seqOf(value), code: 'checkpoint_malformed', message: `checkpoint${seqOf(value) ? ` seq ${seqOf(value)}` : ''}: ${shape}` }];
  const c = value as Checkpoint;
  const problems: CheckpointProblem[] = [];
  const actual = computeCheckpointHash(c);
  if (actual !== c.hash) {
    problems.push({ seq: c.seq, code: 'checkpoint_hash_mismatch', message: `checkpoint seq ${c.seq}: hash does not match its fields` });
  }
  const key = publicKeyMap(keys).get(c.keyId);
  if (!key) {
    problems.push({ seq: c.seq, code: 'checkpoint_unknown_key', message: `checkpoint seq ${c.seq}: keyId ${c.keyId} is not one of the body's keys` });
  } else {
    let ok = false;
    try {
      ok = verify(null, checkpointMessage(c.hash), key, Buffer.from(c.signature, 'base64'));
    } catch {
      ok = false;
    }
    if (!ok) problems.push({ seq: c.seq, code: 'checkpoint_bad_signature', message: `checkpoint seq ${c.seq}: signature does not verify` });
  }
  return problems;
}

export interface CheckpointChainReport {
  ok: boolean;
  checked: number;
  problems: CheckpointProblem[];
  /** The valid checkpoints, in seq order, one per seq (what to check against the records). */
  valid: Checkpoint[];
}

/**
 * A list of checkpoints (e.g. a JSONL file kept by a third party, not necessarily complete):
 * each one verified on its own; where a checkpoint's predecessor is in the list, the link must
 * hold; two different checkpoints for one seq are a fork (the body signed two histories).
 */
export function verifyCheckpointChain(values: unknown[], keys: PublicKeySet): CheckpointChainReport {
  const problems: CheckpointProblem[] = [];
  const bySeq = new Map<number, Checkpoint>();
  for (const v of values) {
    const own = verifyCheckpoint(v, keys);
    problems.push(...own);
    if (own.length) continue;
    const c = v as Checkpoint;
    const seen = bySeq.get(c.seq);
    if (seen && seen.hash !== c.hash) {
      problems.push({ seq: c.seq, code: 'checkpoint_fork', message: `checkpoint seq ${c.seq}: two different checkpoints for the same seq` });
      continue;
    }
    bySeq.set(c.seq, c);
  }
  const valid = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  for (let i = 0; i < valid.length; i++) {
    const c = valid[i];
    const prev = i > 0 ? valid[i - 1] : null;
    if (c.previous) {
      const named = bySeq.get(c.previous.seq);
      if (named && named.hash !== c.previous.hash) {
        problems.push({ seq: c.seq, code: 'checkpoint_broken_link', message: `checkpoint seq ${c.seq}: previous checkpoint seq ${c.previous.seq} has another hash` });
      } else if (prev && prev.seq > c.previous.seq) {
        // A kept checkpoint lies between this one and the one it names: history was forked.
        problems.push({ seq: c.seq, code: 'checkpoint_broken_link', message: `checkpoint seq ${c.seq} skips checkpoint seq ${prev.seq}` });
      }
      if (prev && Date.parse(c.at) < Date.parse(prev.at)) {
        problems.push({ seq: c.seq, code: 'checkpoint_broken_link', message: `checkpoint seq ${c.seq} is dated before checkpoint seq ${prev.seq}` });
      }
    } else if (prev) {
      problems.push({ seq: c.seq, code: 'checkpoint_broken_link', message: `checkpoint seq ${c.seq} claims to be the first, but checkpoint seq ${prev.seq} precedes it` });
    }
  }
  problems.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return { ok: problems.length === 0, checked: values.length, problems, valid };
}

/** What the database holds for one checkpoint: its head record and how many records lead to it. */
export interface RecordsView {
  /** The stored record with seq = checkpoint.seq (its hash as stored), or null when absent. */
  record: { seq: number; hash: string } | null;
  /** Records with seq <= checkpoint.seq; undefined skips the count (checked on a later checkpoint). */
  countUpTo?: number;
  /** Records in the whole chain now, and the last seq (for the message). */
  total: number;
  lastSeq: number | null;
}

/**
 * Does the database still contain the checkpoint's head? A missing record is a rollback or a
 * truncation; another hash is a rewrite; fewer records up to it is a deletion inside the chain.
 * (The record's own seal and links are verifyChains' job; this is the anchor.)
 */
export function checkCheckpointAgainstRecords(c: Checkpoint, view: RecordsView): CheckpointProblem[] {
  if (!view.record) {
    const now = view.total === 0 ? 'chain is empty' : `chain has ${view.total} records, last seq ${view.lastSeq}`;
    return [{ seq: c.seq, code: 'checkpoint_record_missing', message: `checkpoint seq ${c.seq}: record ${c.seq} missing (${now})` }];
  }
  const problems: CheckpointProblem[] = [];
  if (view.record.hash !== c.headHash) {
    problems.push({
      seq: c.seq,
      code: 'checkpoint_record_differs',
      message: `checkpoint seq ${c.seq}: record ${c.seq} hash differs (checkpoint ${c.headHash.slice(0, 12)}…, database ${String(view.record.hash).slice(0, 12)}…)`,
    });
  }
  if (view.countUpTo !== undefined && view.countUpTo !== c.recordCount) {
    problems.push({
      seq: c.seq,
      code: 'checkpoint_count_differs',
      message: `checkpoint seq ${c.seq}: ${view.countUpTo} records up to seq ${c.seq}, the checkpoint counted ${c.recordCount}`,
    });
  }
  return problems;
}

/**
 * Checkpoints from text: one JSON checkpoint, an array of them, the public API's `{ data }`
 * answer (one or a page), or JSON Lines (one checkpoint a line, as PPID_CHECKPOINT_FILE is
 * written). Throws naming the line that is not JSON.
 */
export function parseCheckpoints(text: string): unknown[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const unwrap = (v: unknown): unknown[] => {
    if (Array.isArray(v)) return v;
    if (v && typeof v === 'object' && 'data' in v && !('seq' in v)) return unwrap((v as { data: unknown }).data);
    return [v];
  };
  try {
    return unwrap(JSON.parse(trimmed));
  } catch {
    // Not one JSON value: JSON Lines.
  }
  const out: unknown[] = [];
  const lines = trimmed.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    try {
      out.push(...unwrap(JSON.parse(line)));
    } catch {
      throw new SyntaxError(`line ${i + 1}: not JSON`);
    }
  }
  return out;
}
