/**
 * Verify the global chain (seq, prevHash) and every per-run chain (runSeq, prevRunHash) in one
 * streaming pass. Memory: a bounded reorder window for the global chain plus the last link of
 * each run; records themselves are not kept.
 */
import { verify, type KeyObject } from 'node:crypto';
import { publicKeyMap, type PublicKeySet } from './keys';
import { checkRecordHash, signatureMessage, verifySignature, type SignatureRecord } from './record';

export type ChainProblemCode =
  | 'hash_mismatch'
  | 'bad_signature'
  | 'unknown_key'
  | 'broken_link'
  | 'missing_record'
  | 'reordered'
  | 'run_link_broken';

export interface ChainProblem {
  /** The record concerned; for missing_record, the first missing seq. */
  seq: number | null;
  runId: string | null;
  code: ChainProblemCode;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Records read. */
  checked: number;
  problems: ChainProblem[];
  /** Last seq placed in the global chain, and its hash: a checkpoint to resume from. */
  lastSeq: number | null;
  lastHash: string | null;
  /** True when maxProblems was reached and later problems were not recorded. */
  truncated: boolean;
}

export interface VerifyChainsOptions {
  /** Seq of the first record of the chain (default 1). Ignored when startAfter is given. */
  firstSeq?: number;
  /** Resume after a checkpoint already verified (e.g. a previous report's lastSeq/lastHash). */
  startAfter?: { seq: number; hash: string };
  /**
   * The chain head as anchored elsewhere (a head row, a published daily digest). Without it,
   * deleting the newest records cannot be detected: nothing points at them.
   */
  expectedHead?: { seq: number; hash: string };
  /** How far out of seq order a record may arrive and still be placed (default 256). */
  reorderWindow?: number;
  /** Stop recording problems after this many (default 1000). */
  maxProblems?: number;
  /** Signature checks in flight on the libuv pool (default 64); 0 verifies synchronously. */
  concurrency?: number;
}

/** The link data kept for a record waiting in the reorder window. */
interface Link {
  seq: number;
  runId: string;
  runSeq: number;
  hash: string;
  prevHash: string | null;
  prevRunHash: string | null;
}

export async function verifyChains(
  records: AsyncIterable<SignatureRecord> | Iterable<SignatureRecord>,
  keys: PublicKeySet,
  opts: VerifyChainsOptions = {}
): Promise<ChainReport> {
  const publicKeys = publicKeyMap(keys);
  const window = Math.max(0, opts.reorderWindow ?? 256);
  const maxProblems = opts.maxProblems ?? 1000;
  const concurrency = Math.max(0, opts.concurrency ?? 64);
  const resuming = opts.startAfter !== undefined;

  const problems: ChainProblem[] = [];
  let truncated = false;
  const report = (p: ChainProblem): void => {
    if (problems.length < maxProblems) problems.push(p);
    else truncated = true;
  };

  // Global chain state.
  let nextSeq = opts.startAfter ? opts.startAfter.seq + 1 : (opts.firstSeq ?? 1);
  let lastHash: string | null = opts.startAfter?.hash ?? null;
  let lastSeq: number | null = opts.startAfter?.seq ?? null;
  let maxSeen = nextSeq - 1;
  const pending = new Map<number, Link>();
  // Per-run chain state: last placed link of each run.
  const runs = new Map<string, { runSeq: number; hash: string }>();

  const place = (p: Link, afterGap: boolean): void => {
    // After a gap the predecessor is missing, so the link cannot be checked; missing_record says so.
    if (!afterGap && p.prevHash !== lastHash) {
      report({
        seq: p.seq,
        runId: p.runId,
        code: 'broken_link',
        message: `prevHash does not match the hash of seq ${p.seq - 1}`,
      });
    }
    if (opts.expectedHead && p.seq === opts.expectedHead.seq && p.hash !== opts.expectedHead.hash) {
      report({ seq: p.seq, runId: p.runId, code: 'broken_link', message: 'hash differs from the anchored chain head' });
    }
    lastHash = p.hash;
    lastSeq = p.seq;
    nextSeq = p.seq + 1;
    checkRunLink(p);
  };

  const checkRunLink = (p: Link): void => {
    const prev = runs.get(p.runId);
    runs.set(p.runId, { runSeq: p.runSeq, hash: p.hash });
    // Resuming mid-chain: a run that began before the checkpoint has an unseen predecessor.
    if (!prev && resuming && p.runSeq > 1) return;
    const expectedRunSeq = (prev?.runSeq ?? 0) + 1;
    const expectedPrev = prev?.hash ?? null;
    if (p.runSeq !== expectedRunSeq) {
      report({
        seq: p.seq,
        runId: p.runId,
        code: 'run_link_broken',
        message: `runSeq ${p.runSeq}, expected ${expectedRunSeq}`,
      });
    } else if (p.prevRunHash !== expectedPrev) {
      report({
        seq: p.seq,
        runId: p.runId,
        code: 'run_link_broken',
        message: `prevRunHash does not match the run's record ${expectedRunSeq - 1}`,
      });
    }
  };

  const drain = (): void => {
    for (let p = pending.get(nextSeq); p; p = pending.get(nextSeq)) {
      pending.delete(p.seq);
      place(p, false);
    }
  };

  // Give up waiting for nextSeq: declare the gap and continue from the lowest waiting record.
  const skipGap = (): void => {
    let min = Infinity;
    for (const seq of pending.keys()) if (seq < min) min = seq;
    const p = pending.get(min)!;
    pending.delete(min);
    report({
      seq: nextSeq,
      runId: null,
      code: 'missing_record',
      message:
        min - 1 === nextSeq
          ? `record seq ${nextSeq} is missing (seq ${min} links to it)`
          : `records seq ${nextSeq}..${min - 1} are missing (seq ${min} links to ${min - 1})`,
    });
    place(p, true);
    drain();
  };

  // Signature checks run on the libuv thread pool while this loop hashes the next records.
  let inflight = 0;
  let wake: (() => void) | null = null;
  const settle = (): void => {
    inflight--;
    if (wake) {
      const w = wake;
      wake = null;
      w();
    }
  };
  const waitBelow = async (n: number): Promise<void> => {
    while (inflight >= n) await new Promise<void>((resolve) => (wake = resolve));
  };
  const badSignature = (r: { seq: number; runId: string }): void =>
    report({ seq: r.seq, runId: r.runId, code: 'bad_signature', message: 'Ed25519 signature does not verify' });

  const checkSignature = async (r: SignatureRecord, key: KeyObject): Promise<void> => {
    if (concurrency === 0) {
      if (!verifySignature(r, key)) badSignature(r);
      return;
    }
    await waitBelow(concurrency);
    const ref = { seq: r.seq, runId: r.runId };
    inflight++;
    try {
      verify(null, signatureMessage(String(r.hash)), key, Buffer.from(String(r.signature), 'base64'), (err, ok) => {
        if (err || !ok) badSignature(ref);
        settle();
      });
    } catch {
      badSignature(ref);
      settle();
    }
  };

  let checked = 0;
  for await (const r of records) {
    checked++;
    const hashProblem = checkRecordHash(r);
    if (hashProblem) report({ seq: r.seq, runId: r.runId, ...hashProblem });
    const key = publicKeys.get(r.keyId);
    if (!key) {
      report({ seq: r.seq, runId: r.runId, code: 'unknown_key', message: `keyId ${r.keyId} is not a known public key` });
    } else {
      await checkSignature(r, key);
    }

    const link: Link = {
      seq: r.seq,
      runId: r.runId,
      runSeq: r.runSeq,
      hash: r.hash,
      prevHash: r.prevHash ?? null,
      prevRunHash: r.prevRunHash ?? null,
    };
    if (!Number.isSafeInteger(link.seq)) {
      report({ seq: null, runId: r.runId, code: 'reordered', message: `seq ${String(r.seq)} is not an integer` });
      continue;
    }
    if (link.seq < nextSeq || pending.has(link.seq)) {
      report({
        seq: link.seq,
        runId: link.runId,
        code: 'reordered',
        message: `seq ${link.seq} appears again or after its place in the chain (chain is at ${nextSeq - 1})`,
      });
      continue;
    }
    if (link.seq < maxSeen) {
      // Arrived after a higher seq: still placeable, but the stored order was altered.
      report({ seq: link.seq, runId: link.runId, code: 'reordered', message: `seq ${link.seq} arrived after seq ${maxSeen}` });
    }
    maxSeen = Math.max(maxSeen, link.seq);
    if (link.seq === nextSeq) {
      place(link, false);
      drain();
    } else {
      pending.set(link.seq, link);
      if (pending.size > window) skipGap();
    }
  }
  while (pending.size > 0) skipGap();
  await waitBelow(1);

  if (opts.expectedHead && (lastSeq ?? 0) < opts.expectedHead.seq) {
    report({
      seq: (lastSeq ?? nextSeq - 1) + 1,
      runId: null,
      code: 'missing_record',
      message: `chain ends at seq ${lastSeq ?? 'none'} but the anchored head is seq ${opts.expectedHead.seq}`,
    });
  }

  problems.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  return { ok: problems.length === 0 && !truncated, checked, problems, lastSeq, lastHash, truncated };
}

export interface RunChainReport {
  ok: boolean;
  checked: number;
  problems: ChainProblem[];
}

/**
 * Verify the records of one run on their own, in runSeq order: each record's hash and
 * signature, and the per-run links (runSeq 1, 2, 3, ... and prevRunHash). Cheap enough for a
 * public page; the global chain (seq, prevHash, the anchored head) is verifyChains' job.
 * A deleted record inside the run breaks the next link; deleting the run's last records
 * leaves no trace here (the global chain's anchored head shows it).
 */
export function verifyRunChain(runId: string, records: SignatureRecord[], keys: PublicKeySet): RunChainReport {
  const publicKeys = publicKeyMap(keys);
  const problems: ChainProblem[] = [];
  let prev: SignatureRecord | null = null;
  for (const r of records) {
    const at = { seq: Number.isSafeInteger(r.seq) ? r.seq : null, runId };
    const hashProblem = checkRecordHash(r);
    if (hashProblem) problems.push({ ...at, ...hashProblem });
    const key = publicKeys.get(r.keyId);
    if (!key) problems.push({ ...at, code: 'unknown_key', message: `keyId ${r.keyId} is not a known public key` });
    else if (!verifySignature(r, key)) problems.push({ ...at, code: 'bad_signature', message: 'Ed25519 signature does not verify' });

    const expectedRunSeq = (prev?.runSeq ?? 0) + 1;
    if (r.runId !== runId) {
      problems.push({ ...at, code: 'run_link_broken', message: `record belongs to run ${r.runId}` });
    } else if (r.runSeq !== expectedRunSeq) {
      problems.push({ ...at, code: 'run_link_broken', message: `runSeq ${r.runSeq}, expected ${expectedRunSeq}` });
    } else if ((r.prevRunHash ?? null) !== (prev?.hash ?? null)) {
      problems.push({ ...at, code: 'run_link_broken', message: `prevRunHash does not match the run's record ${expectedRunSeq - 1}` });
    }
    prev = r;
  }
  return { ok: problems.length === 0, checked: records.length, problems };
}

export interface DriftProblem {
  code: 'content_drift';
  seq: number | null;
  runId: string | null;
  expectedHash: string;
  actualHash: string;
  message: string;
}

/**
 * Compare the content hash an approval was bound to with the item's current content hash.
 * Any difference means the item was edited after approval and the approval no longer holds.
 */
export function checkItemDrift(
  expectedHash: string,
  actualHash: string,
  context: { seq?: number; runId?: string } = {}
): DriftProblem | null {
  if (expectedHash === actualHash) return null;
  return {
    code: 'content_drift',
    seq: context.seq ?? null,
    runId: context.runId ?? null,
    expectedHash,
    actualHash,
    message: `content changed after approval: approved ${expectedHash.slice(0, 12)}…, now ${actualHash.slice(0, 12)}…`,
  };
}
