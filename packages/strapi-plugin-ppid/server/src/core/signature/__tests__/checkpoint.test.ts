import { sign } from 'node:crypto';
import { createKeyRing, generateKeyPair, rotateKeyRing } from '../keys';
import {
  canonicalCheckpointJson,
  checkCheckpointAgainstRecords,
  checkpointMessage,
  computeCheckpointHash,
  parseCheckpoints,
  publicCheckpoint,
  sealCheckpoint,
  verifyCheckpoint,
  verifyCheckpointChain,
  type Checkpoint,
} from '../checkpoint';
import { canonicalJson } from '../content-hash';
import { SIGNATURE_CONTEXT } from '../record';

const ring = createKeyRing(generateKeyPair().privateKey);
const H = (c: string) => c.repeat(64);
const at = (min: number) => new Date(Date.UTC(2026, 10, 30, 8, min)).toISOString();

/** A checkpoint chain over heads 5, 9, 14, ... sealed with `key`. */
function chain(n: number, key = ring.active): Checkpoint[] {
  const out: Checkpoint[] = [];
  for (let i = 0; i < n; i++) {
    const seq = 5 + i * 4;
    out.push(sealCheckpoint({ seq, headHash: H(String(i % 10)), recordCount: seq, at: at(i * 10) }, out[i - 1] ?? null, key));
  }
  return out;
}
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('sealCheckpoint / verifyCheckpoint', () => {
  it('seals the head with the body key, names the previous checkpoint, and verifies', () => {
    const [a, b] = chain(2);
    expect(a).toMatchObject({ seq: 5, recordCount: 5, keyId: ring.active.keyId, previous: null });
    expect(b.previous).toEqual({ seq: a.seq, hash: a.hash });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyCheckpoint(a, ring)).toEqual([]);
    expect(verifyCheckpoint(b, ring.public)).toEqual([]);
  });

  it('hashes the RFC 8785 form of exactly the body fields', () => {
    const [a] = chain(1);
    const json = canonicalCheckpointJson({ ...a, extra: 'ignored' } as any);
    expect(json).toBe(canonicalJson({ seq: a.seq, headHash: a.headHash, recordCount: a.recordCount, at: a.at, keyId: a.keyId, previous: null }));
    expect(json.startsWith('{"at":')).toBe(true);
    expect(computeCheckpointHash(a)).toBe(a.hash);
    expect(publicCheckpoint({ ...a, id: 7, documentId: 'x' } as any)).toEqual(a);
  });

  it('rejects a changed field, a re-hashed forgery, a foreign key and a record signature', () => {
    const [a] = chain(1);
    expect(codes(verifyCheckpoint({ ...a, seq: 6 }, ring))).toEqual(['checkpoint_hash_mismatch']);
    const forged = { ...a, headHash: H('f') };
    forged.hash = computeCheckpointHash(forged);
    expect(codes(verifyCheckpoint(forged, ring))).toEqual(['checkpoint_bad_signature']);
    const other = createKeyRing(generateKeyPair().privateKey);
    expect(codes(verifyCheckpoint(a, other))).toEqual(['checkpoint_unknown_key']);
    // The same key signing the same hash as a record is not a checkpoint signature.
    const asRecord = sign(null, Buffer.from(SIGNATURE_CONTEXT + a.hash), ring.active.privateKey).toString('base64');
    expect(codes(verifyCheckpoint({ ...a, signature: asRecord }, ring))).toEqual(['checkpoint_bad_signature']);
    expect(sign(null, checkpointMessage(a.hash), ring.active.privateKey).toString('base64')).toBe(a.signature);
  });

  it('still verifies a checkpoint signed with a retired key after rotation', () => {
    const [a] = chain(1);
    const rotated = rotateKeyRing(ring, generateKeyPair().privateKey);
    expect(verifyCheckpoint(a, rotated)).toEqual([]);
  });

  it('reports hostile or malformed input as malformed, never throwing', () => {
    const [a] = chain(1);
    for (const bad of [null, 'x', [], { ...a, seq: '5' }, { ...a, seq: 0 }, { ...a, headHash: 'AB' }, { ...a, at: 'yesterday' }, { ...a, previous: { seq: 9, hash: H('a') } }, { ...a, previous: undefined }, { ...a, keyId: '../x' }, { ...a, signature: 5 }]) {
      const problems = verifyCheckpoint(bad, ring);
      expect(codes(problems)).toEqual(['checkpoint_malformed']);
    }
    expect(verifyCheckpoint({ ...a, signature: '!!!' }, ring).map((p) => p.code)).toEqual(['checkpoint_bad_signature']);
  });

  it('refuses to seal a head without records or going back in time', () => {
    const [a] = chain(1);
    expect(() => sealCheckpoint({ seq: 0, headHash: H('a'), recordCount: 0, at: at(1) }, null, ring.active)).toThrow(/seq/);
    expect(() => sealCheckpoint({ seq: 5, headHash: H('a'), recordCount: 5, at: at(20) }, a, ring.active)).toThrow(/previous.seq/);
    expect(() => sealCheckpoint({ seq: 9, headHash: H('a'), recordCount: 9, at: at(-5) }, a, ring.active)).toThrow(/earlier/);
  });
});

describe('verifyCheckpointChain', () => {
  it('accepts a whole chain, a partial copy and one kept twice', () => {
    const all = chain(6);
    expect(verifyCheckpointChain(all, ring)).toMatchObject({ ok: true, checked: 6, problems: [] });
    expect(verifyCheckpointChain([all[0], all[3], all[5]], ring).ok).toBe(true);
    const twice = verifyCheckpointChain([...all, all[2]], ring);
    expect(twice.ok).toBe(true);
    expect(twice.valid.map((c) => c.seq)).toEqual(all.map((c) => c.seq));
  });

  it('detects a fork: two checkpoints for one seq, or a checkpoint that skips a kept one', () => {
    const all = chain(4);
    const other = sealCheckpoint({ seq: all[2].seq, headHash: H('e'), recordCount: all[2].seq, at: at(25) }, all[1], ring.active);
    expect(codes(verifyCheckpointChain([...all, other], ring).problems)).toContain('checkpoint_fork');
    // A second history branching from checkpoint 0 past checkpoint 1.
    const branch = sealCheckpoint({ seq: 30, headHash: H('d'), recordCount: 30, at: at(50) }, all[0], ring.active);
    const r = verifyCheckpointChain([all[0], all[1], branch], ring);
    expect(r.problems).toEqual([expect.objectContaining({ seq: 30, code: 'checkpoint_broken_link' })]);
  });

  it('detects a link to a different previous checkpoint and a second "first" checkpoint', () => {
    const all = chain(3);
    const bogusPrev = { ...all[1], previous: { seq: all[0].seq, hash: H('9') } };
    const resealed = sealCheckpoint({ ...bogusPrev }, { ...all[0], hash: H('9') }, ring.active);
    expect(codes(verifyCheckpointChain([all[0], resealed], ring).problems)).toEqual(['checkpoint_broken_link']);
    const firstAgain = sealCheckpoint({ seq: 40, headHash: H('c'), recordCount: 40, at: at(90) }, null, ring.active);
    expect(codes(verifyCheckpointChain([all[0], firstAgain], ring).problems)).toEqual(['checkpoint_broken_link']);
  });

  it('keeps the valid ones when some do not verify', () => {
    const all = chain(3);
    const r = verifyCheckpointChain([all[0], { ...all[1], recordCount: 99 }, all[2]], ring);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ seq: all[1].seq, code: 'checkpoint_hash_mismatch' })]);
    expect(r.valid.map((c) => c.seq)).toEqual([all[0].seq, all[2].seq]);
  });
});

describe('checkCheckpointAgainstRecords', () => {
  const [cp] = chain(1); // seq 5, headHash 000…

  it('passes when the head record is there with that hash and nothing before it is gone', () => {
    expect(checkCheckpointAgainstRecords(cp, { record: { seq: 5, hash: cp.headHash }, countUpTo: 5, total: 9, lastSeq: 9 })).toEqual([]);
  });

  it('names a missing head record (rollback, truncation)', () => {
    expect(checkCheckpointAgainstRecords(cp, { record: null, countUpTo: 3, total: 3, lastSeq: 3 })).toEqual([
      { seq: 5, code: 'checkpoint_record_missing', message: 'checkpoint seq 5: record 5 missing (chain has 3 records, last seq 3)' },
    ]);
    expect(checkCheckpointAgainstRecords(cp, { record: null, countUpTo: 0, total: 0, lastSeq: null })[0].message).toBe(
      'checkpoint seq 5: record 5 missing (chain is empty)'
    );
  });

  it('skips the count when none is given (the newest checkpoint of a list carries it)', () => {
    expect(checkCheckpointAgainstRecords(cp, { record: { seq: 5, hash: cp.headHash }, total: 9, lastSeq: 9 })).toEqual([]);
  });

  it('names a rewritten head record and a deletion before it', () => {
    const problems = checkCheckpointAgainstRecords(cp, { record: { seq: 5, hash: H('b') }, countUpTo: 4, total: 8, lastSeq: 8 });
    expect(codes(problems)).toEqual(['checkpoint_record_differs', 'checkpoint_count_differs']);
    expect(problems[0].message).toMatch(/^checkpoint seq 5: record 5 hash differs/);
    expect(problems[1].message).toBe('checkpoint seq 5: 4 records up to seq 5, the checkpoint counted 5');
  });
});

describe('parseCheckpoints', () => {
  const all = chain(3);
  it('reads one checkpoint, an array, the API answer and JSON Lines', () => {
    expect(parseCheckpoints(JSON.stringify(all[0]))).toEqual([all[0]]);
    expect(parseCheckpoints(JSON.stringify(all))).toEqual(all);
    expect(parseCheckpoints(JSON.stringify({ data: all[1] }))).toEqual([all[1]]);
    expect(parseCheckpoints(JSON.stringify({ data: all, meta: { next: null } }))).toEqual(all);
    expect(parseCheckpoints(all.map((c) => JSON.stringify(c)).join('\n') + '\n\n')).toEqual(all);
    expect(parseCheckpoints('  \n')).toEqual([]);
  });
  it('names the line that is not JSON', () => {
    expect(() => parseCheckpoints(`${JSON.stringify(all[0])}\n{broken\n`)).toThrow('line 2: not JSON');
  });
});
