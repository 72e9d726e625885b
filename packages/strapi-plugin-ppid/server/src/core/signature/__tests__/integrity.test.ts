import { createKeyRing, generateKeyPair } from '../keys';
import { configDrift, configSnapshot, govScope, isGovScope, snapshotHash, snapshotSummary } from '../governance';
import { columnTime, replayRunState, storedColumnProblems, type StoredRecordColumns } from '../stored';
import { buildChain } from './fixtures';

const ring = createKeyRing(generateKeyPair().privateKey);

describe('storedColumnProblems', () => {
  const [record] = buildChain(1, () => ring.active);
  const columns = (): StoredRecordColumns => ({
    seq: record.seq,
    run_seq: record.runSeq,
    run_document_id: record.runId,
    kind: record.kind,
    item_uid: record.itemUid,
    item_document_id: record.itemDocumentId,
    step_number: record.stepNumber,
    signer_user_id: Number(record.signer.userId) || null,
    signed_at: new Date(record.signedAt),
    verification_code: record.verificationCode,
    content_hash: record.contentHash,
    hash: record.hash,
    linked_run: record.runId,
  });

  it('accepts columns that copy the sealed record (datetimes as Date, epoch ms or text)', () => {
    expect(storedColumnProblems(columns(), record)).toEqual([]);
    expect(storedColumnProblems({ ...columns(), signed_at: Date.parse(record.signedAt) }, record)).toEqual([]);
    expect(storedColumnProblems({ ...columns(), signed_at: record.signedAt.replace('T', ' ').replace('Z', '') }, record)).toEqual([]);
    expect(storedColumnProblems({ ...columns(), linked_run: null }, record)).toEqual([]);
  });

  it('names each changed column', () => {
    const bad = { ...columns(), kind: 'publish', step_number: 99, signed_at: new Date('2020-01-01T00:00:00Z'), linked_run: 'another-run' };
    const problems = storedColumnProblems(bad, record);
    expect(problems.map((p) => p.column).sort()).toEqual(['kind', 'run', 'signed_at', 'step_number']);
    expect(problems.every((p) => p.seq === record.seq && p.code === 'column_mismatch')).toBe(true);
  });

  it('reads datetimes without a zone as UTC', () => {
    expect(columnTime('2026-01-02 03:04:05.678')).toBe(Date.parse('2026-01-02T03:04:05.678Z'));
    expect(columnTime(null)).toBeNull();
  });
});

describe('replayRunState', () => {
  const r = (kind: any, stepNumber: number | null, decision: string | null = null) => ({ kind, stepNumber, decision });

  it('follows forward acts, returns, edits that send the work back, publish, unpublish and delete', () => {
    expect(replayRunState([])).toEqual({ status: 'in_progress', currentStep: 1 });
    const walk = [r('complete', 1), r('submit', 2), r('paraf', 3), r('return', 4, 'returned_to_2')];
    expect(replayRunState(walk)).toEqual({ status: 'returned', currentStep: 2 });
    expect(replayRunState([...walk, r('edit', null, 'edited'), r('void', 3, 'voided_paraf')])).toEqual({ status: 'returned', currentStep: 2 });
    expect(replayRunState([...walk.slice(0, 3), r('edit', null, 'returned_to_2')])).toEqual({ status: 'returned', currentStep: 2 });
    const published = [...walk, r('submit', 2), r('paraf', 3), r('tanda_tangan', 4), r('handover', 5), r('publish', 6)];
    expect(replayRunState(published)).toEqual({ status: 'published', currentStep: 6 });
    expect(replayRunState([...published, r('unpublish', null)])).toEqual({ status: 'unpublished', currentStep: 6 });
    expect(replayRunState([...published, r('delete', null)])).toEqual({ status: 'unpublished', currentStep: 6 });
    expect(replayRunState([r('complete', 1), r('cancel', 2)])).toEqual({ status: 'cancelled', currentStep: 2 });
  });
});

describe('configuration records', () => {
  it('snapshots by stable keys, so the same meaning hashes the same', () => {
    const a = configSnapshot('role-mapping', { id: 1, sopCode: 'x', sopRole: 'camat', adminRole: { id: 7, code: 'r1' }, unit: { id: 3, code: 'U' } });
    const b = configSnapshot('role-mapping', { id: 9, sopCode: 'x', sopRole: 'camat', adminRole: { id: 8, code: 'r1' }, unit: { id: 4, code: 'U' } });
    expect(snapshotHash(a)).toBe(snapshotHash(b));
    expect(snapshotSummary(a)).toBe('sopCode=x sopRole=camat adminRole=r1 unit=U');
    const d = configSnapshot('delegation', { delegator: { nip: '1' }, delegate: { nip: '2' }, capacity: 'plh', validFrom: new Date('2026-01-01T00:00:00Z'), validUntil: '2026-02-01T00:00:00.000Z', basis: null });
    expect(d).toMatchObject({ validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2026-02-01T00:00:00.000Z' });
  });

  it('finds rows changed, added or removed behind the records', () => {
    const rec = (seq: number, id: string, decision: string, hash: string) => ({ seq, itemDocumentId: id, decision, contentHash: hash });
    const records = [rec(1, 'a', 'created', 'h1'), rec(2, 'b', 'created', 'h2'), rec(3, 'a', 'updated', 'h3'), rec(4, 'c', 'created', 'h4'), rec(5, 'c', 'deleted', 'h4')];
    expect(configDrift('binding', records, [{ documentId: 'a', hash: 'h3' }, { documentId: 'b', hash: 'h2' }])).toEqual([]);
    const problems = configDrift('binding', records, [{ documentId: 'a', hash: 'h1' }, { documentId: 'c', hash: 'h4' }, { documentId: 'd', hash: 'h5' }]);
    expect(problems.map((p) => [p.code, p.itemDocumentId, p.seq])).toEqual([
      ['config_unsealed', 'a', 3],
      ['config_unsealed', 'c', 5],
      ['config_unsealed', 'd', null],
      ['config_missing', 'b', 2],
    ]);
  });

  it('scopes outside runs are gov:<uid>', () => {
    expect(govScope('plugin::ppid.binding')).toBe('gov:plugin::ppid.binding');
    expect(isGovScope('gov:x')).toBe(true);
    expect(isGovScope('abc123')).toBe(false);
  });
});
