/**
 * Reading the signatures of an uploaded PDF (POST /api/ppid/verify/pdf): PDFs signed by this
 * module (checked by pdfsig in pades.test.ts), then changed, unsigned, or not PDFs at all.
 */
import { renderApprovalForm } from '../../../documents/pdf';
import { formData } from '../../../documents/pdf/__tests__/fixtures';
import {
  createInternalCa,
  describeCertificate,
  inspectPdfSignatures,
  issueDocumentSigningCertificate,
  parsePdfDate,
  PdfInputError,
  signPdf,
  type InternalCa,
  type PdfSigningIdentity,
} from '..';
import { VERIFY_PDF_MAX_SIGNATURES } from '../verify';

let ca: InternalCa;
let identity: PdfSigningIdentity;
let unsigned: Buffer;
let once: Buffer;
let twice: Buffer;
const body = () => ({ certificatePem: identity.certificatePem, issuerPems: [ca.certificatePem] });

beforeAll(async () => {
  ca = await createInternalCa({ bodyName: 'Pemerintah Kabupaten Bandung' });
  identity = await issueDocumentSigningCertificate(ca, { bodyName: 'Pemerintah Kabupaten Bandung' });
  unsigned = await renderApprovalForm(formData(true));
  once = await signPdf(unsigned, identity, { signingTime: new Date('2026-11-24T09:30:00Z'), reason: 'Pemberitahuan tertulis PMI-2026-00001 (kode verifikasi ABCD-EFGH)', name: 'PPID Kabupaten Bandung', location: 'Soreang' });
  twice = await signPdf(once, identity, { signingTime: new Date('2026-11-24T10:00:00Z'), reason: 'Diunggah ke laman PPID', name: 'Rina Marlina', location: 'Soreang' });
});

it('one signature: unchanged, covering the whole file, by the body certificate issued by its CA, with /M and the dictionary texts', async () => {
  const [sig, ...rest] = await inspectPdfSignatures(once, body());
  expect(rest).toHaveLength(0);
  expect(sig).toMatchObject({
    index: 1,
    subFilter: 'ETSI.CAdES.detached',
    signingTime: '2026-11-24T09:30:00.000Z',
    reason: 'Pemberitahuan tertulis PMI-2026-00001 (kode verifikasi ABCD-EFGH)',
    name: 'PPID Kabupaten Bandung',
    location: 'Soreang',
    coversWholeFile: true,
    digestMatches: true,
    signatureVerified: true,
    unchanged: true,
    problem: null,
  });
  const c = describeCertificate(identity.certificatePem);
  expect(sig.certificate).toMatchObject({ serialNumber: c.serialNumber, sha256: c.sha256, issuer: c.issuer, isBodyCertificate: true, issuedByBodyCa: true });
  expect(sig.signer).toEqual({ commonName: expect.stringContaining('TIDAK TERSERTIFIKASI'), organization: 'Pemerintah Kabupaten Bandung' });
  expect(sig.byteRange[0]).toBe(0);
  expect(sig.byteRange[2] + sig.byteRange[3]).toBe(once.length);
});

it('two signatures: both unchanged, the first covers its revision only', async () => {
  const sigs = await inspectPdfSignatures(twice, body());
  expect(sigs.map((s) => [s.unchanged, s.coversWholeFile])).toEqual([
    [true, false],
    [true, true],
  ]);
  expect(sigs[0].byteRange[2] + sigs[0].byteRange[3]).toBe(once.length);
  expect(sigs[1].signingTime).toBe('2026-11-24T10:00:00.000Z');
});

it('one byte of the signed content flipped: the digest differs, not unchanged, the reason said', async () => {
  const changed = Buffer.from(once);
  const [sig0] = await inspectPdfSignatures(once);
  const at = Math.floor(sig0.byteRange[1] / 2);
  changed[at] ^= 0x01;
  const [sig] = await inspectPdfSignatures(changed, body());
  expect(sig.digestMatches).toBe(false);
  expect(sig.unchanged).toBe(false);
  expect(sig.coversWholeFile).toBe(true);
  expect(sig.problem).toMatch(/changed|digest/i);
  // Who signed is still shown: the certificate is in the CMS, which was not touched.
  expect(sig.certificate?.isBodyCertificate).toBe(true);
});

it('bytes appended after the signature: still unchanged, but it no longer covers the whole file', async () => {
  const [sig] = await inspectPdfSignatures(Buffer.concat([once, Buffer.from('\n% appended\n')]), body());
  expect(sig.unchanged).toBe(true);
  expect(sig.coversWholeFile).toBe(false);
});

it('another CA: unchanged, but neither the body certificate nor issued by its CA', async () => {
  const otherCa = await createInternalCa({ bodyName: 'Badan Lain' });
  const other = await issueDocumentSigningCertificate(otherCa, { bodyName: 'Badan Lain' });
  const pdf = await signPdf(unsigned, other, { signingTime: new Date('2026-11-24T09:30:00Z'), reason: 'x', name: 'x', location: 'x' });
  const [sig] = await inspectPdfSignatures(pdf, body());
  expect(sig.unchanged).toBe(true);
  expect(sig.certificate).toMatchObject({ isBodyCertificate: false, issuedByBodyCa: false, organization: 'Badan Lain' });
});

it('an unsigned PDF has no signatures; bytes that are not a PDF, or nothing, are refused with the reason', async () => {
  expect(await inspectPdfSignatures(unsigned, body())).toEqual([]);
  await expect(inspectPdfSignatures(Buffer.from('PK\u0003\u0004 a zip, not a PDF'))).rejects.toMatchObject({ reason: 'not_pdf' });
  await expect(inspectPdfSignatures(Buffer.alloc(0))).rejects.toBeInstanceOf(PdfInputError);
});

it('a /Contents that is not a CMS is reported, not thrown', async () => {
  const s = once.toString('latin1');
  const [sig] = await inspectPdfSignatures(once);
  const [, b, c] = sig.byteRange;
  const junk = Buffer.from(s.slice(0, b + 1) + '0'.repeat(c - b - 2) + s.slice(c - 1), 'latin1');
  const [bad] = await inspectPdfSignatures(junk, body());
  expect(bad.unchanged).toBe(false);
  expect(bad.problem).toMatch(/cannot be read/);
});

it('PDF dates with and without a zone', () => {
  expect(parsePdfDate("D:20261124163000+07'00'")).toBe('2026-11-24T09:30:00.000Z');
  expect(parsePdfDate('D:20261124093000Z')).toBe('2026-11-24T09:30:00.000Z');
  expect(parsePdfDate('yesterday')).toBeNull();
});

// A hostile upload's work is bounded (the route is public): a cap on signatures, a window around
// each dictionary, a cap on the /Contents hole; nothing thrown but the refusal with its reason.
it('more ByteRanges than any real document: refused with the reason, before any signature is read', async () => {
  const lines = Array.from({ length: 17 }, (_, i) => `/ByteRange [0 ${10 + i} 40 10]`).join('\n');
  const pdf = Buffer.from(`%PDF-1.7\n${lines}\n${'x'.repeat(200)}`, 'latin1');
  await expect(inspectPdfSignatures(pdf, body())).rejects.toMatchObject({ reason: 'too_many_signatures' });
  expect(VERIFY_PDF_MAX_SIGNATURES).toBe(16);
});

it('megabytes of unterminated dictionary strings and a huge /Contents hole: reported, not thrown', async () => {
  const junk = '/M('.repeat(700_000); // ~2 MB, no closing parenthesis, no " obj"
  const head = `%PDF-1.7\n${junk}/ByteRange [0 __A 9999999 10]`;
  const a = head.replace('__A', '0000000').length; // the ByteRange text's own length does not change
  const pdf = Buffer.from(`${head.replace('__A', String(a).padStart(7, '0'))}<${'0'.repeat(2 * 1024 * 1024)}>${'y'.repeat(10)}`, 'latin1');
  // The second range starts after the hole and runs to the end.
  const fixed = Buffer.from(pdf.toString('latin1').replace('9999999', String(pdf.length - 10)), 'latin1');
  const [sig, ...rest] = await inspectPdfSignatures(fixed, body());
  expect(rest).toHaveLength(0);
  expect(sig.unchanged).toBe(false);
  expect(sig.problem).toMatch(/larger than any real signature/);
});
