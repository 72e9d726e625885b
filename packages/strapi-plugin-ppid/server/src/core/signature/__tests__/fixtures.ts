import { sealRecord, type SignatureRecord, type SignatureRecordInput } from '../record';
import type { SigningKey } from '../keys';

const CONTENT = 'c'.repeat(64);

export function recordInput(seq: number, runId: string, runSeq: number, over: Partial<SignatureRecordInput> = {}): SignatureRecordInput {
  return {
    seq,
    runSeq,
    itemUid: 'api::informasi.informasi',
    itemDocumentId: `doc-${runId}`,
    itemLocale: 'id',
    itemVersion: 1,
    sopCode: '000.8.3.3/0958/400.02',
    sopVersion: '2024.1',
    runId,
    stepNumber: runSeq,
    kind: 'paraf',
    decision: 'approved',
    note: null,
    signer: { userId: String(seq), nama: `Pejabat ${seq}`, nip: `19800101200501100${seq % 10}`, jabatan: 'Kasubbag Umum', unit: 'Sekretariat' },
    capacity: 'definitif',
    onBehalfOf: null,
    delegationId: null,
    signedAt: new Date(Date.UTC(2026, 10, 23, 7, 0, seq % 60)).toISOString(),
    method: 'login',
    externalRef: null,
    ip: '10.0.0.1',
    userAgent: 'jest',
    contentHash: CONTENT,
    ...over,
  };
}

/** Build a chain of n records spread over `runs` interleaved runs, signed with `keyFor(seq)`. */
export function buildChain(n: number, keyFor: (seq: number) => SigningKey, runs = 3): SignatureRecord[] {
  const out: SignatureRecord[] = [];
  const runState = new Map<string, { runSeq: number; hash: string }>();
  let prevHash: string | null = null;
  for (let seq = 1; seq <= n; seq++) {
    const runId = `run-${seq % runs}`;
    const prev = runState.get(runId);
    const rec = sealRecord(recordInput(seq, runId, (prev?.runSeq ?? 0) + 1), prevHash, prev?.hash ?? null, keyFor(seq));
    runState.set(runId, { runSeq: rec.runSeq, hash: rec.hash });
    prevHash = rec.hash;
    out.push(rec);
  }
  return out;
}
