import { createKeyRing, generateKeyPair } from '../keys';
import { linkRecord, prepareRecord, sealRecord, verifyRecord } from '../record';
import { recordInput } from './fixtures';

// Issue #17: a record is checked and given its code before the chain lock (prepareRecord) and
// linked under it (linkRecord); the result is the record sealRecord makes in one go.
const ring = createKeyRing(generateKeyPair().privateKey);

describe('prepareRecord + linkRecord', () => {
  it('seals the same record as sealRecord, byte for byte', () => {
    const { seq: _s, runSeq: _r, ...rest } = recordInput(7, 'run-a', 3);
    const prepared = prepareRecord(rest);
    expect(prepared.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    const linked = linkRecord(prepared, { seq: 7, runSeq: 3, prevHash: 'a'.repeat(64), prevRunHash: 'b'.repeat(64) }, ring.active);
    const direct = sealRecord({ ...rest, seq: 7, runSeq: 3, verificationCode: prepared.verificationCode }, 'a'.repeat(64), 'b'.repeat(64), ring.active);
    expect(linked).toEqual(direct);
    expect(verifyRecord(linked, ring).ok).toBe(true);
  });

  it('refuses a bad record before any lock is taken', () => {
    const { seq: _s, runSeq: _r, ...rest } = recordInput(1, 'run-a', 1);
    expect(() => prepareRecord({ ...rest, contentHash: 'x' })).toThrow(/contentHash/);
    expect(() => prepareRecord({ ...rest, kind: 'return', note: null })).toThrow(/note/);
  });
});
