/**
 * PAdES B-B on the product's own PDFs, checked by software no one here wrote: poppler's pdfsig
 * (with NSS) and OpenSSL. Needs poppler-utils, libnss3-tools and openssl (.ci/run installs them).
 */
import { execFileSync, spawnSync } from 'child_process';
import { createHash, X509Certificate } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { renderApprovalForm } from '../../../documents/pdf';
import { formData } from '../../../documents/pdf/__tests__/fixtures';
import {
  createInternalCa,
  describeCertificate,
  fromPkcs12,
  issueDocumentSigningCertificate,
  NOT_CERTIFIED,
  pemToDer,
  signPdf,
  toPkcs12,
  type InternalCa,
  type PdfSigningIdentity,
} from '..';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-pades-'));
let ca: InternalCa;
let identity: PdfSigningIdentity;
let unsigned: Buffer;
let once: Buffer;
let twice: Buffer;
const emptyDb = path.join(dir, 'nss-empty');
const trustingDb = path.join(dir, 'nss-ca');

const write = (name: string, b: Buffer | string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, b);
  return f;
};

interface SigReport {
  text: string;
  valid: boolean;
  total: boolean;
  trusted: boolean;
  ranges: number[][];
}

/** pdfsig's report, one entry per signature. */
function pdfsig(pdf: Buffer, nssDir: string): SigReport[] {
  const f = write(`check-${Math.random().toString(36).slice(2)}.pdf`, pdf);
  // No -no-ocsp: poppler 22.12 then fails every chain ("Unknown issue with Certificate"); the
  // internal certificates name no OCSP responder, so nothing is fetched anyway.
  const r = spawnSync('pdfsig', ['-nssdir', `sql:${nssDir}`, f], { encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((text) => ({
      text,
      valid: /Signature Validation: Signature is Valid\./.test(text),
      total: /^\s*- Total document signed$/m.test(text),
      trusted: /Certificate Validation: Certificate is Trusted\./.test(text),
      ranges: [...(/Signed Ranges: (.*)$/m.exec(text)?.[1] ?? '').matchAll(/\[(\d+) - (\d+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]),
    }));
}

/** The CMS of the last signature: /Contents of the last /ByteRange, zero padding trimmed by openssl. */
function lastCms(pdf: Buffer): { cms: Buffer; signed: Buffer } {
  const s = pdf.toString('latin1');
  const all = [...s.matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/g)];
  const [a, b, c, d] = all[all.length - 1].slice(1).map(Number);
  const hex = s.slice(a + b + 1, c - 1);
  return { cms: Buffer.from(hex, 'hex'), signed: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]) };
}

beforeAll(async () => {
  ca = await createInternalCa({ bodyName: 'Pemerintah Kabupaten Bandung' });
  identity = await issueDocumentSigningCertificate(ca, { bodyName: 'Pemerintah Kabupaten Bandung' });
  unsigned = await renderApprovalForm(formData(true));
  once = await signPdf(unsigned, identity, { signingTime: new Date('2026-11-24T09:30:00Z'), reason: 'Formulir persetujuan publikasi', name: 'Dr. Ahmad Ṣāliḥ, M.M.', location: 'Soreang' });
  twice = await signPdf(once, identity, { signingTime: new Date('2026-11-24T10:00:00Z'), reason: 'Diunggah ke laman PPID', name: 'Rina Marlina', location: 'Soreang' });
  execFileSync('certutil', ['-d', `sql:${emptyDb}`, '-N', '--empty-password'], { stdio: 'ignore', ...mk(emptyDb) });
  execFileSync('certutil', ['-d', `sql:${trustingDb}`, '-N', '--empty-password'], { stdio: 'ignore', ...mk(trustingDb) });
  execFileSync('certutil', ['-d', `sql:${trustingDb}`, '-A', '-n', 'PPID internal CA', '-t', 'CT,C,C', '-i', write('ca.pem', ca.certificatePem)], { stdio: 'ignore' });
});

function mk(d: string) {
  fs.mkdirSync(d, { recursive: true });
  return {};
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('the internal certificates say they are not certified, and the key matches', () => {
  const leaf = describeCertificate(identity.certificatePem);
  const root = describeCertificate(ca.certificatePem);
  expect(leaf.subject).toContain(NOT_CERTIFIED);
  expect(root.subject).toContain(NOT_CERTIFIED);
  expect(leaf.issuer).toBe(root.subject);
  expect(new X509Certificate(identity.certificatePem).verify(new X509Certificate(ca.certificatePem).publicKey)).toBe(true);
  expect(new X509Certificate(ca.certificatePem).ca).toBe(true);
  expect(new X509Certificate(identity.certificatePem).ca).toBe(false);
});

it('one signature: pdfsig reports it valid, ETSI.CAdES.detached, covering the whole document; the body CA is trusted only once imported', () => {
  expect(once.subarray(0, unsigned.length).equals(unsigned)).toBe(true); // an incremental update
  const [sig, ...rest] = pdfsig(once, emptyDb);
  expect(rest).toHaveLength(0);
  expect(sig.text).toMatch(/Signature Type: ETSI\.CAdES\.detached/);
  expect(sig.text).toMatch(/Signing Hash Algorithm: SHA-256/);
  expect(sig.text).toContain(NOT_CERTIFIED);
  expect(sig.valid).toBe(true);
  expect(sig.total).toBe(true);
  expect(sig.trusted).toBe(false);
  expect(sig.text).toMatch(/Certificate issuer isn't Trusted|Certificate issuer is unknown/);
  const [withCa] = pdfsig(once, trustingDb);
  expect(withCa.valid).toBe(true);
  expect(withCa.trusted).toBe(true);
});

it('two signatures: incremental, both valid and trusted; the first covers its revision whole, the second the whole document', async () => {
  // A second certificate of the same body CA signs the second revision (e.g. after a renewal).
  const other = await issueDocumentSigningCertificate(ca, { bodyName: 'Pemerintah Kabupaten Bandung' });
  const two = await signPdf(once, other, { signingTime: new Date('2026-11-24T10:00:00Z'), reason: 'Diunggah ke laman PPID', name: 'Rina Marlina', location: 'Soreang' });
  expect(two.subarray(0, once.length).equals(once)).toBe(true);
  const sigs = pdfsig(two, trustingDb);
  expect(sigs).toHaveLength(2);
  for (const s of sigs) {
    expect(s.valid).toBe(true);
    expect(s.trusted).toBe(true);
  }
  // pdfsig lists the fields in AcroForm order: the first signature first.
  expect(sigs[0].total).toBe(false);
  expect(sigs[0].ranges[0][0]).toBe(0);
  expect(sigs[0].ranges[1][1]).toBe(once.length);
  expect(sigs[1].total).toBe(true);
  expect(sigs[1].ranges[1][1]).toBe(two.length);
});

it('the same certificate twice: both signatures valid; the second chain checked by OpenSSL', () => {
  expect(twice.subarray(0, once.length).equals(once)).toBe(true);
  const sigs = pdfsig(twice, trustingDb);
  expect(sigs).toHaveLength(2);
  expect(sigs.map((s) => s.valid)).toEqual([true, true]);
  expect(sigs[0].trusted).toBe(true);
  expect(sigs[1].total).toBe(true);
  // poppler 22.12 (Debian 12) answers "Unknown issue with Certificate" for the second of exactly
  // two signatures by one certificate, while the same bytes followed by a third signature are
  // all reported trusted: its NSS state, not the signature. The chain of that CMS is checked here
  // with OpenSSL instead (the next test checks the whole CMS the same way).
  const { cms } = lastCms(twice);
  const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', write('twice.p7s', cms), '-content', write('twice.bin', lastCms(twice).signed), '-CAfile', write('ca2.pem', ca.certificatePem), '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
  expect(r.stderr).toMatch(/Verification successful/);
});

it('a byte changed inside the signed range makes pdfsig report the signature invalid', () => {
  // A letter of the document's /Title in the first revision: covered by both signatures.
  const at = twice.indexOf('Laporan Realisasi');
  expect(at).toBeGreaterThan(0);
  expect(at).toBeLessThan(unsigned.length);
  const bad = Buffer.from(twice);
  bad[at] = 'K'.charCodeAt(0);
  const sigs = pdfsig(bad, trustingDb);
  expect(sigs).toHaveLength(2);
  for (const s of sigs) {
    expect(s.valid).toBe(false);
    expect(s.text).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  }
  // A change in the second revision only breaks the second signature.
  const sigAt = twice.indexOf('/Reason', once.length);
  const late = Buffer.from(twice);
  late[sigAt + 9] = late[sigAt + 9] ^ 0x01;
  const [first, second] = pdfsig(late, trustingDb);
  expect(first.valid).toBe(true);
  expect(second.valid).toBe(false);
});

it('the CMS carries content-type, message-digest and signing-certificate-v2 (SHA-256 of the signer certificate), no signing-time; OpenSSL verifies it', () => {
  const { cms, signed } = lastCms(twice);
  const cmsFile = write('last.p7s', cms);
  const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cmsFile], { encoding: 'utf8' });
  expect(printed).toMatch(/object: contentType \(1\.2\.840\.113549\.1\.9\.3\)/);
  expect(printed).toMatch(/object: messageDigest \(1\.2\.840\.113549\.1\.9\.4\)/);
  expect(printed).toMatch(/object: id-smime-aa-signingCertificateV2 \(1\.2\.840\.113549\.1\.9\.16\.2\.47\)/);
  expect(printed).not.toMatch(/signingTime/);
  // The certHash inside the attribute is the SHA-256 of the signer's certificate DER.
  const certHash = createHash('sha256').update(pemToDer(identity.certificatePem)).digest('hex');
  const flat = printed.replace(/[\s\n]/g, '').toLowerCase();
  const dumpHex = cms.toString('hex');
  expect(dumpHex).toContain(`0420${certHash}`);
  expect(flat).toContain('signingcertificatev2');
  // OpenSSL re-encodes the signed attributes when verifying: it passes only if their DER order is right.
  const verified = spawnSync(
    'openssl',
    ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', write('signed.bin', signed), '-CAfile', write('ca-for-openssl.pem', ca.certificatePem), '-purpose', 'any', '-out', '/dev/null'],
    { encoding: 'utf8' }
  );
  expect(verified.stderr).toMatch(/Verification successful/);
  expect(verified.status).toBe(0);
});

it('a PKCS#12 made by OpenSSL (its defaults: AES-256, PBKDF2, SHA-256 MAC) is read, signs, and a wrong passphrase is refused clearly', async () => {
  const p12File = path.join(dir, 'body.p12');
  execFileSync('openssl', [
    'pkcs12', '-export',
    '-inkey', write('leaf.key', identity.privateKeyPem),
    '-in', write('leaf.pem', identity.certificatePem),
    '-certfile', write('chain.pem', ca.certificatePem),
    '-passout', 'pass:rahasia dinas',
    '-out', p12File,
  ]);
  const loaded = await fromPkcs12(fs.readFileSync(p12File), 'rahasia dinas');
  expect(describeCertificate(loaded.certificatePem).sha256).toBe(describeCertificate(identity.certificatePem).sha256);
  expect(loaded.chainPem.map((p) => describeCertificate(p).sha256)).toEqual([describeCertificate(ca.certificatePem).sha256]);
  await expect(fromPkcs12(fs.readFileSync(p12File), 'salah')).rejects.toThrow(/cannot be read \(wrong passphrase/);
  const signed = await signPdf(unsigned, loaded, { signingTime: new Date(), reason: 'PKCS#12', name: 'Badan Publik', location: 'Soreang' });
  const [sig] = pdfsig(signed, trustingDb);
  expect(sig.valid && sig.total && sig.trusted).toBe(true);
  // And the product's own PKCS#12 reads back the same.
  const own = await fromPkcs12(await toPkcs12(identity, 'x'), 'x');
  expect(own.certificatePem.replace(/\r/g, '')).toBe(identity.certificatePem.replace(/\r/g, ''));
});

it('refuses what is not a PDF', async () => {
  await expect(signPdf(Buffer.from('hello'), identity, { signingTime: new Date(), reason: 'x', name: 'x', location: 'x' })).rejects.toThrow(/not a PDF/);
});
