/**
 * Golden vectors: fixed inputs and the canonical JSON, content hash, record hash, key id and
 * Ed25519 signature they must produce, written out as literals. Any change to canonicalisation,
 * field projection, hashing or the signed message fails here; such a change breaks every
 * record already sealed, so it needs a new format version, not an updated literal.
 */
import { createPrivateKey } from 'node:crypto';
import canonicalize from 'canonicalize';
import { canonicalRecordJson, computeRecordHash, recordBody, sealRecord, verifyRecord, type SignatureRecordInput } from '../record';
import { canonicalJson, contentHash, contentHashBody } from '../content-hash';
import { createKeyRing, keyIdOf } from '../keys';

// A fixed Ed25519 private key: PKCS#8 DER prefix + the 32-byte seed 0x01..0x20.
const SEED = Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1));
const PRIVATE = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), SEED]), format: 'der', type: 'pkcs8' });
const ring = createKeyRing(PRIVATE);

const CONTENT_INPUT = {
  uid: 'api::information-item.information-item',
  fields: {
    title: 'Laporan Keuangan Tahun 2025 — "Ringkasan" ✓',
    summary: 'Baris satu\nBaris dua\ttab \u00e9 \u20ac \ud83d\ude00',
    classification: 'berkala',
    amount: 1234567.5,
    tiny: 0.000001,
    big: 1e21,
    negativeZero: -0,
    flags: [true, false, null],
    unit: { id: 7, documentId: 'unit-doc-1', name: 'Sekretariat' },
    cover: { id: 3, hash: 'cover_abc123', url: '/uploads/cover.png', mime: 'image/png' },
    blocks: [{ __component: 'ppid.waktu-tempat', id: 1, tempat: 'Samarinda', waktu: '2026-01-15' }],
    id: 42,
    documentId: 'item-doc-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    publishedAt: null,
    locale: 'id',
    ppidStage: 'Tahap 3',
  },
  attachments: [
    { name: 'lampiran-b.pdf', sha256: 'B'.repeat(64) },
    { name: 'lampiran-a.pdf', sha256: 'a'.repeat(64) },
  ],
};

const GOLDEN_CONTENT_JSON =
  '{"attachments":[{"name":"lampiran-a.pdf","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},{"name":"lampiran-b.pdf","sha256":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}],"fields":{"amount":1234567.5,"big":1e+21,"blocks":[{"__component":"ppid.waktu-tempat","tempat":"Samarinda","waktu":"2026-01-15"}],"classification":"berkala","cover":{"$media":"cover_abc123"},"flags":[true,false,null],"negativeZero":0,"summary":"Baris satu\\nBaris dua\\ttab é € 😀","tiny":0.000001,"title":"Laporan Keuangan Tahun 2025 — \\"Ringkasan\\" ✓","unit":{"$ref":"unit-doc-1"}},"uid":"api::information-item.information-item"}';
const GOLDEN_CONTENT_HASH =
  'a93bd0e2ef7b72471a7d13e1b8371b3d58133115e62b4cfbd22593aeb34b0cc0';

const SIGNATURE_INPUT: SignatureRecordInput = {
  seq: 17,
  runSeq: 5,
  itemUid: 'api::information-item.information-item',
  itemDocumentId: 'item-doc-1',
  itemLocale: 'id',
  itemVersion: 6,
  sopCode: 'palaran-publikasi-website',
  sopVersion: '2',
  runId: 'run-doc-1',
  stepNumber: 5,
  kind: 'tanda_tangan',
  decision: 'approved',
  note: 'Setuju — terbitkan',
  signer: { userId: '12', nama: 'Drs. Ahmad Fauzi, M.Si.', nip: '198001152005031001', jabatan: 'Plt. Camat Palaran', unit: 'Kecamatan Palaran' },
  capacity: 'plt',
  onBehalfOf: null,
  delegationId: 'delegation-doc-9',
  signedAt: '2026-11-30T07:05:00.123Z',
  method: 'login',
  externalRef: null,
  intent: 'Dengan ini saya menyatakan telah memeriksa dan menyetujui isi informasi ini untuk dipublikasikan kepada publik, dan menandatanganinya secara elektronik.',
  ip: '10.1.2.3',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
  contentHash: '', // set to GOLDEN_CONTENT_HASH below
  verificationCode: '7K3M9QW2XZ4P',
};
const SIGNATURE_PREV = { prevHash: '1'.repeat(64), prevRunHash: '2'.repeat(64) };

// A paraf sealed without an intent (the shape of records sealed before `intent` existed).
const PARAF_INPUT: SignatureRecordInput = {
  ...SIGNATURE_INPUT,
  seq: 1,
  runSeq: 1,
  stepNumber: 3,
  kind: 'paraf',
  note: null,
  capacity: 'an',
  onBehalfOf: { nama: 'Ir. Siti Rahma', nip: null, jabatan: 'Sekretaris Kecamatan' },
  delegationId: null,
  intent: undefined,
  ip: null,
  userAgent: null,
  verificationCode: 'ABCDEFGH0123',
};

const GOLDEN_KEY_ID =
  '646d6be49d9f0048';
const GOLDEN_SIGNATURE_JSON =
  '{"capacity":"plt","contentHash":"a93bd0e2ef7b72471a7d13e1b8371b3d58133115e62b4cfbd22593aeb34b0cc0","decision":"approved","delegationId":"delegation-doc-9","externalRef":null,"intent":"Dengan ini saya menyatakan telah memeriksa dan menyetujui isi informasi ini untuk dipublikasikan kepada publik, dan menandatanganinya secara elektronik.","ip":"10.1.2.3","itemDocumentId":"item-doc-1","itemLocale":"id","itemUid":"api::information-item.information-item","itemVersion":6,"keyId":"646d6be49d9f0048","kind":"tanda_tangan","method":"login","note":"Setuju — terbitkan","onBehalfOf":null,"prevHash":"1111111111111111111111111111111111111111111111111111111111111111","prevRunHash":"2222222222222222222222222222222222222222222222222222222222222222","runId":"run-doc-1","runSeq":5,"seq":17,"signedAt":"2026-11-30T07:05:00.123Z","signer":{"jabatan":"Plt. Camat Palaran","nama":"Drs. Ahmad Fauzi, M.Si.","nip":"198001152005031001","unit":"Kecamatan Palaran","userId":"12"},"sopCode":"palaran-publikasi-website","sopVersion":"2","stepNumber":5,"userAgent":"Mozilla/5.0 (X11; Linux x86_64)","verificationCode":"7K3M9QW2XZ4P"}';
const GOLDEN_SIGNATURE_HASH =
  '4d07a6a396a11b835ef0a9014fc9939852c12c01626de735dbe2d1fc8c03b7fc';
const GOLDEN_SIGNATURE_SIG =
  '9ZYvfiBrWk2NuKO4I/u1F872sObVaywWGKTzQei07NX9YfXgCdD+p5fbvtQ/2nZgWHX5vaPfia5G3RnHxqmuCA==';
const GOLDEN_PARAF_JSON =
  '{"capacity":"an","contentHash":"a93bd0e2ef7b72471a7d13e1b8371b3d58133115e62b4cfbd22593aeb34b0cc0","decision":"approved","delegationId":null,"externalRef":null,"ip":null,"itemDocumentId":"item-doc-1","itemLocale":"id","itemUid":"api::information-item.information-item","itemVersion":6,"keyId":"646d6be49d9f0048","kind":"paraf","method":"login","note":null,"onBehalfOf":{"jabatan":"Sekretaris Kecamatan","nama":"Ir. Siti Rahma","nip":null},"prevHash":null,"prevRunHash":null,"runId":"run-doc-1","runSeq":1,"seq":1,"signedAt":"2026-11-30T07:05:00.123Z","signer":{"jabatan":"Plt. Camat Palaran","nama":"Drs. Ahmad Fauzi, M.Si.","nip":"198001152005031001","unit":"Kecamatan Palaran","userId":"12"},"sopCode":"palaran-publikasi-website","sopVersion":"2","stepNumber":3,"userAgent":null,"verificationCode":"ABCDEFGH0123"}';
const GOLDEN_PARAF_HASH =
  'a3809ded7cbc0df9a3f3a75635ea656f6abf7d9386fde2c4ea33707a2293e037';
const GOLDEN_PARAF_SIG =
  '8tIVWaEct5NasrXDnPma9bFhME7h+f07t4l7AocE7/1chVerYPaS1mRSBfOXgf/raMORg8cgg/5ag3D318WPDA==';

describe('golden vectors', () => {
  it('content: canonical JSON and SHA-256', () => {
    const json = canonicalJson(contentHashBody(CONTENT_INPUT));
    expect(json).toBe(GOLDEN_CONTENT_JSON);
    expect(contentHash(CONTENT_INPUT)).toBe(GOLDEN_CONTENT_HASH);
  });

  it('the fixed key has its fixed key id', () => {
    expect(keyIdOf(PRIVATE)).toBe(GOLDEN_KEY_ID);
  });

  it('a tanda tangan with its intent statement: canonical JSON, record hash, signature', () => {
    const input = { ...SIGNATURE_INPUT, contentHash: GOLDEN_CONTENT_HASH };
    const r = sealRecord(input, SIGNATURE_PREV.prevHash, SIGNATURE_PREV.prevRunHash, ring.active);
    expect(canonicalRecordJson(r)).toBe(GOLDEN_SIGNATURE_JSON);
    expect(canonicalize(recordBody(r))).toBe(GOLDEN_SIGNATURE_JSON); // the intent key sits in RFC 8785 order
    expect(r.hash).toBe(GOLDEN_SIGNATURE_HASH);
    expect(computeRecordHash(r)).toBe(GOLDEN_SIGNATURE_HASH);
    expect(r.signature).toBe(GOLDEN_SIGNATURE_SIG);
    expect(verifyRecord(r, ring).ok).toBe(true);
  });

  it('a paraf without intent (a record of the earlier shape) keeps its hash', () => {
    const input = { ...PARAF_INPUT, contentHash: GOLDEN_CONTENT_HASH };
    const r = sealRecord(input, null, null, ring.active);
    expect(canonicalRecordJson(r)).toBe(GOLDEN_PARAF_JSON);
    expect(r.hash).toBe(GOLDEN_PARAF_HASH);
    expect(r.signature).toBe(GOLDEN_PARAF_SIG);
    expect(canonicalRecordJson({ ...r, intent: null })).toBe(GOLDEN_PARAF_JSON);
  });
});
