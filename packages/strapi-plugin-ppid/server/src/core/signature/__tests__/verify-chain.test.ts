import { createKeyRing, generateKeyPair, rotateKeyRing, type KeyRing } from '../keys';
import { computeRecordHash, type SignatureRecord } from '../record';
import { checkItemDrift, verifyChains, verifyRunChain, type ChainProblemCode } from '../verify-chain';
import { buildChain } from './fixtures';

const ring = createKeyRing(generateKeyPair().privateKey);
const chain = (n = 30) => buildChain(n, () => ring.active);
const codes = (r: { problems: { code: ChainProblemCode }[] }) => [...new Set(r.problems.map((p) => p.code))].sort();

async function* stream(records: SignatureRecord[]) {
  for (const r of records) yield r;
}

describe('verifyChains', () => {
  it('accepts an intact chain from an array or an async stream', async () => {
    const records = chain(200);
    const a = await verifyChains(records, ring);
    expect(a).toMatchObject({ ok: true, checked: 200, problems: [], lastSeq: 200, lastHash: records[199].hash });
    const b = await verifyChains(stream(records), ring.public, { concurrency: 0 });
    expect(b.ok).toBe(true);
  });

  it('detects an altered field', async () => {
    const records = chain();
    records[10] = { ...records[10], note: 'diubah' };
    const r = await verifyChains(records, ring);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ seq: 11, code: 'hash_mismatch' })]);
  });

  it('detects an altered field whose hash was recomputed (the next link and the signature break)', async () => {
    const records = chain();
    const forged = { ...records[10], decision: 'returned' };
    forged.hash = computeRecordHash(forged);
    records[10] = forged;
    const r = await verifyChains(records, ring);
    expect(codes(r)).toEqual(['bad_signature', 'broken_link', 'run_link_broken']);
  });

  it('detects a deleted record', async () => {
    const records = chain();
    records.splice(14, 1);
    for (const window of [0, 256]) {
      const r = await verifyChains(records, ring, { reorderWindow: window });
      expect(r.problems[0]).toMatchObject({ seq: 15, code: 'missing_record' });
      expect(codes(r)).toEqual(['missing_record', 'run_link_broken']);
    }
  });

  it('detects deleted first records and, with an anchor, deleted last records', async () => {
    const records = chain();
    const head = { seq: 30, hash: records[29].hash };
    const r1 = await verifyChains(records.slice(2), ring);
    expect(r1.problems[0]).toMatchObject({ seq: 1, code: 'missing_record' });
    const r2 = await verifyChains(records.slice(0, 27), ring, { expectedHead: head });
    expect(r2.problems).toEqual([expect.objectContaining({ seq: 28, code: 'missing_record' })]);
    expect((await verifyChains(records, ring, { expectedHead: head })).ok).toBe(true);
  });

  it('detects two records swapped in order', async () => {
    const records = chain();
    [records[5], records[6]] = [records[6], records[5]];
    const r = await verifyChains(records, ring);
    expect(r.problems).toEqual([expect.objectContaining({ seq: 6, code: 'reordered' })]);
  });

  it('detects two records whose seq and links were swapped to rewrite history', async () => {
    const records = chain();
    const a = records[5];
    const b = records[6];
    records[5] = { ...b, seq: a.seq, prevHash: a.prevHash };
    records[6] = { ...a, seq: b.seq, prevHash: b.prevHash };
    const r = await verifyChains(records, ring);
    expect(codes(r)).toContain('hash_mismatch');
    expect(r.problems.filter((p) => p.code === 'hash_mismatch').map((p) => p.seq)).toEqual([6, 7]);
  });

  it('detects a duplicated record', async () => {
    const records = chain();
    records.splice(8, 0, records[7]);
    const r = await verifyChains(records, ring);
    expect(r.problems).toEqual([expect.objectContaining({ seq: 8, code: 'reordered' })]);
  });

  it('detects a forged signature', async () => {
    const records = chain();
    const sig = Buffer.from(records[3].signature, 'base64');
    sig[0] ^= 0xff;
    records[3] = { ...records[3], signature: sig.toString('base64') };
    records[4] = { ...records[4], signature: 'not a signature' };
    for (const concurrency of [0, 8]) {
      const r = await verifyChains(records, ring, { concurrency });
      expect(r.problems).toEqual([
        expect.objectContaining({ seq: 4, code: 'bad_signature' }),
        expect.objectContaining({ seq: 5, code: 'bad_signature' }),
      ]);
    }
  });

  it('detects a record signed with an unknown key', async () => {
    const stranger = createKeyRing(generateKeyPair().privateKey);
    const records = buildChain(10, (seq) => (seq === 7 ? stranger.active : ring.active));
    const r = await verifyChains(records, ring);
    expect(r.problems).toEqual([expect.objectContaining({ seq: 7, code: 'unknown_key' })]);
  });

  it('detects a broken run chain', async () => {
    const records = chain();
    const moved = { ...records[9], prevRunHash: records[0].hash };
    const r = await verifyChains(records.map((x, i) => (i === 9 ? moved : x)), ring);
    expect(codes(r)).toEqual(['hash_mismatch', 'run_link_broken']);
  });

  it('keeps old records valid across key rotation', async () => {
    const second = rotateKeyRing(ring, generateKeyPair().privateKey);
    const third: KeyRing = rotateKeyRing(second, generateKeyPair().privateKey);
    const records = buildChain(30, (seq) => (seq <= 10 ? ring.active : seq <= 20 ? second.active : third.active));
    expect(new Set(records.map((r) => r.keyId)).size).toBe(3);
    expect((await verifyChains(records, third)).ok).toBe(true);
    expect(codes(await verifyChains(records, second))).toEqual(['unknown_key']);
  });

  it('resumes from a checkpoint', async () => {
    const records = chain(40);
    const first = await verifyChains(records.slice(0, 25), ring);
    const rest = await verifyChains(records.slice(25), ring, { startAfter: { seq: first.lastSeq!, hash: first.lastHash! } });
    expect(rest).toMatchObject({ ok: true, checked: 15, lastSeq: 40 });
  });
});

describe('checkItemDrift', () => {
  it('returns null when unchanged and a problem otherwise', () => {
    expect(checkItemDrift('a'.repeat(64), 'a'.repeat(64))).toBeNull();
    expect(checkItemDrift('a'.repeat(64), 'b'.repeat(64), { seq: 3, runId: 'r' })).toMatchObject({
      code: 'content_drift',
      seq: 3,
      runId: 'r',
    });
  });
});

describe('verifyRunChain', () => {
  // Three interleaved runs: run-1 holds seq 1, 4, 7, ... (runSeq 1, 2, 3, ...).
  const runOf = (records: SignatureRecord[], runId = 'run-1') => records.filter((r) => r.runId === runId);

  it('accepts the records of one run, although their global seq has gaps', () => {
    const run = runOf(chain(30));
    expect(run.length).toBe(10);
    expect(verifyRunChain('run-1', run, ring)).toEqual({ ok: true, checked: 10, problems: [] });
  });

  it('detects an altered record, a forged signature and an unknown key', () => {
    const run = runOf(chain(30));
    run[2] = { ...run[2], signer: { ...run[2].signer, jabatan: 'Camat' } };
    run[3] = { ...run[3], signature: run[4].signature };
    const stranger = createKeyRing(generateKeyPair().privateKey);
    run[5] = { ...run[5], keyId: stranger.active.keyId };
    const r = verifyRunChain('run-1', run, ring);
    expect(r.problems.map((p) => [p.seq, p.code])).toEqual([
      [run[2].seq, 'hash_mismatch'],
      [run[3].seq, 'bad_signature'],
      [run[5].seq, 'hash_mismatch'],
      [run[5].seq, 'unknown_key'],
    ]);
  });

  it('detects a deleted, a reordered and a foreign record', () => {
    const run = runOf(chain(30));
    const deleted = verifyRunChain('run-1', [...run.slice(0, 4), ...run.slice(5)], ring);
    expect(deleted.problems).toEqual([expect.objectContaining({ seq: run[5].seq, code: 'run_link_broken' })]);

    const swapped = [...run];
    [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
    expect(codes(verifyRunChain('run-1', swapped, ring))).toEqual(['run_link_broken']);

    const foreign = [...run.slice(0, 3), runOf(chain(30), 'run-2')[3]];
    expect(verifyRunChain('run-1', foreign, ring).problems).toEqual([
      expect.objectContaining({ code: 'run_link_broken', message: expect.stringMatching(/run-2/) }),
    ]);
  });
});
