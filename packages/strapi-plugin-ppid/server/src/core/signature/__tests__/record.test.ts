import { createKeyRing, generateKeyPair, keyRingFromPem, exportPrivateKeyPem, exportPublicKeyPem, exportPublicKeyJwk, keyIdOf, loadPublicKey, publicJwks, rotateKeyRing } from '../keys';
import canonicalize from 'canonicalize';
import { canonicalRecordJson, computeRecordHash, recordBody, generateVerificationCode, sealRecord, verifyRecord, type SignatureRecord } from '../record';
import { recordInput } from './fixtures';

describe('keys', () => {
  it('derives a stable 16-hex keyId and round-trips PEM and JWK', () => {
    const kp = generateKeyPair();
    expect(kp.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(kp.privateKey)).toBe(kp.keyId);
    const pem = exportPublicKeyPem(kp.publicKey);
    expect(keyIdOf(loadPublicKey(pem))).toBe(kp.keyId);
    const jwk = exportPublicKeyJwk(kp.publicKey);
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: kp.keyId, alg: 'EdDSA' });
    const ring = keyRingFromPem(exportPrivateKeyPem(kp.privateKey));
    expect(ring.active.keyId).toBe(kp.keyId);
    expect(publicJwks(ring).keys.map((k) => k.kid)).toEqual([kp.keyId]);
  });

  it('refuses non-Ed25519 keys', () => {
    const { generateKeyPairSync } = require('node:crypto');
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => loadPublicKey(publicKey.export({ type: 'spki', format: 'pem' }))).toThrow(/Ed25519/);
  });
});

describe('sealRecord / verifyRecord', () => {
  const ring = createKeyRing(generateKeyPair().privateKey);
  const seal = (over = {}): SignatureRecord => sealRecord(recordInput(1, 'run-1', 1, over), null, null, ring.active);

  it('seals a record that verifies', () => {
    const r = seal();
    expect(r.hash).toBe(computeRecordHash(r));
    expect(r.keyId).toBe(ring.active.keyId);
    expect(r.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(verifyRecord(r, ring)).toEqual({ ok: true, problems: [] });
  });

  it('hashes a fixed projection: storage columns do not matter, missing optionals become null', () => {
    const r = seal();
    const fromDb = { ...r, id: 42, documentId: 'x', createdAt: 'now', ip: undefined } as unknown as SignatureRecord;
    const withNullIp = { ...r, ip: null };
    expect(computeRecordHash(fromDb)).toBe(computeRecordHash(withNullIp));
  });

  it('detects an altered field (hash_mismatch)', () => {
    const r = { ...seal(), signer: { ...seal().signer } };
    r.signer.jabatan = 'Kepala Dinas';
    expect(verifyRecord(r, ring).problems.map((p) => p.code)).toEqual(['hash_mismatch']);
  });

  it('detects a re-hashed forgery (bad_signature) and an unknown key', () => {
    const forged = { ...seal(), note: 'tambahan' };
    forged.hash = computeRecordHash(forged);
    expect(verifyRecord(forged, ring).problems.map((p) => p.code)).toEqual(['bad_signature']);
    const other = createKeyRing(generateKeyPair().privateKey);
    expect(verifyRecord(seal(), other).problems.map((p) => p.code)).toEqual(['unknown_key']);
  });

  it('enforces record rules', () => {
    expect(() => seal({ kind: 'return', note: ' ' })).toThrow(/return needs a note/);
    expect(() => seal({ capacity: 'an' })).toThrow(/onBehalfOf/);
    expect(() => seal({ method: 'external' })).toThrow(/externalRef/);
    expect(() => seal({ signedAt: '2026-11-23 14:05' })).toThrow(/UTC/);
    expect(() => seal({ contentHash: 'abc' })).toThrow(/contentHash/);
    const ext = seal({ method: 'external', externalRef: { provider: 'BSrE', documentId: 'bsre-1', certificateSerial: '0A1B' } });
    expect(verifyRecord(ext, ring).ok).toBe(true);
  });

  it('old records still verify after key rotation', () => {
    const old = seal();
    const rotated = rotateKeyRing(ring, generateKeyPair().privateKey);
    const fresh = sealRecord(recordInput(2, 'run-1', 2), old.hash, old.hash, rotated.active);
    expect(fresh.keyId).not.toBe(old.keyId);
    expect(verifyRecord(old, rotated).ok).toBe(true);
    expect(verifyRecord(fresh, rotated).ok).toBe(true);
    expect(verifyRecord(fresh, ring).problems[0].code).toBe('unknown_key');
  });

  it('record JSON is exactly RFC 8785 (checked against canonicalize)', () => {
    const full = seal({
      capacity: 'an',
      onBehalfOf: { nama: 'Drs. Ahmad Ṣāliḥ', nip: '196501011990031001', jabatan: 'Kepala Dinas' },
      delegationId: 'del-1',
      note: 'Catatan "kutip" \\ baris\nbaru \u2028 😀',
      method: 'external',
      externalRef: { provider: 'BSrE', documentId: 'bsre-9', certificateSerial: '7F' },
      stepNumber: null,
    });
    const sealedLater = sealRecord(recordInput(2, 'run-1', 2), full.hash, full.hash, ring.active);
    for (const r of [full, sealedLater]) {
      expect(canonicalRecordJson(r)).toBe(canonicalize(recordBody(r)));
      expect(Object.keys(recordBody(r)).sort()).toEqual(Object.keys(r).filter((k) => k !== 'hash' && k !== 'signature').sort());
    }
  });

  it('an establishing signature seals the decree number and date: changing either breaks the hash', () => {
    const withDecree = seal({ decree: { number: '000.8.3.3/0001/BKPSDM/2026', date: '2026-01-31' } });
    expect(canonicalRecordJson(withDecree)).toBe(canonicalize(recordBody(withDecree)));
    expect(canonicalRecordJson(withDecree)).toContain('"decree":{"date":"2026-01-31","number":"000.8.3.3/0001/BKPSDM/2026"}');
    expect(verifyRecord(withDecree, ring).ok).toBe(true);
    const renumbered = { ...withDecree, decree: { ...withDecree.decree!, number: '000.8.3.3/0002/BKPSDM/2026' } };
    const redated = { ...withDecree, decree: { ...withDecree.decree!, date: '2026-02-01' } };
    for (const r of [renumbered, redated]) expect(verifyRecord(r, ring).problems[0].code).toBe('hash_mismatch');
    // A record without a decree (every older record) has no decree key: its hash is unchanged.
    const plain = seal();
    expect(canonicalRecordJson(plain)).not.toContain('decree');
    expect(() => seal({ decree: { number: '', date: '2026-01-31' } })).toThrow(/decree.number/);
  });

  it('a record with a non-scalar field cannot be hashed', () => {
    const r = { ...seal(), note: { evil: true } } as unknown as SignatureRecord;
    expect(() => computeRecordHash(r)).toThrow(/not a JSON scalar/);
    expect(verifyRecord(r, ring).problems[0].code).toBe('hash_mismatch');
  });

  it('generates distinct verification codes', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => generateVerificationCode()));
    expect(codes.size).toBe(1000);
  });
});
