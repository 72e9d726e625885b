import { createHash } from 'crypto';
import { startApp, TestApp } from '../helpers/strapi';
import { renderApprovalForm } from '../../packages/strapi-plugin-ppid/server/src/documents/pdf';
import { formData } from '../../packages/strapi-plugin-ppid/server/src/documents/pdf/__tests__/fixtures';

// POST /api/ppid/verify/pdf (#13): anyone uploads a PDF and learns who signed it, with which
// certificate, whether the signed bytes are unchanged, and which of the body's stored papers it
// is, never the applicant's data. Real HTTP, one boot; the stored notice is a request filed
// through the public door whose written notice the body's certificate signed (pdf-signing).
const KEY = Buffer.alloc(32, 13).toString('base64');
const NIK = '6472011234560013';
const EMAIL = 'siti.verifikasi@example.id';
const PHONE = '+62 812-3456-1313';
const NAME = 'Siti Verifikasi Aminah';
const ADDRESS = 'Jl. Tanda Tangan No. 13, Samarinda';
const REQUEST = 'plugin::ppid.information-request';
const CODE = 'VRFY-PDF-0013';

let app: TestApp;
let number: string;
let signed: Buffer;
let unsigned: Buffer;

const ppid = () => app.strapi.plugin('ppid');
const upload = (ip: string, pdf: Buffer, filename = 'pemberitahuan.pdf', field = 'file') =>
  app.http().post('/api/ppid/verify/pdf').set('X-Forwarded-For', ip).attach(field, pdf, { filename, contentType: 'application/pdf' });

beforeAll(async () => {
  app = await startApp({ PPID_PERSONAL_DATA_KEY: KEY, TRUST_PROXY: 'true', PPID_RATE_LIMIT_VERIFY: '4/3600' });
  const res = await app
    .http()
    .post('/api/ppid/requests')
    .set('X-Forwarded-For', '203.0.113.1')
    .set('Content-Type', 'application/json')
    .send(
      JSON.stringify({
        applicant: { type: 'perorangan', name: NAME, address: ADDRESS, email: EMAIL, phone: PHONE, identityNumber: NIK },
        information: 'Daftar penerima bantuan sosial 2025',
        purpose: 'Pengawasan',
        obtainBy: 'salinan_softcopy',
        deliverBy: 'email',
      })
    );
  expect(res.status).toBe(201);
  number = res.body.number;
  unsigned = await renderApprovalForm(formData(true));
  signed = await ppid().service('pdf-signing').sign(unsigned, { reason: `Pemberitahuan tertulis ${number} (kode verifikasi ${CODE})`, signingTime: '2026-12-07T03:00:00Z' });
  // Stored as notices.ts stores the signed written notice.
  await app.strapi.db.query(REQUEST).update({
    where: { number },
    data: { noticeCode: CODE, noticeNumber: '480/013/PPID/XII/2026', noticeSha256: createHash('sha256').update(signed).digest('hex'), noticePdf: signed.toString('base64') },
  });
}, 240000);

afterAll(async () => {
  await app?.stop();
});

it('the stored written notice: signature unchanged, whole file, by the body certificate of its internal CA; the record matched without personal data', async () => {
  const res = await upload('198.51.100.1', signed);
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  const { data } = res.body;
  const cert = await ppid().service('pdf-signing').certificate();
  expect(data.sha256).toBe(createHash('sha256').update(signed).digest('hex'));
  expect(data.signatures).toHaveLength(1);
  expect(data.signatures[0]).toMatchObject({
    index: 1,
    subFilter: 'ETSI.CAdES.detached',
    signingTime: '2026-12-07T03:00:00.000Z',
    coversWholeFile: true,
    digestMatches: true,
    signatureVerified: true,
    unchanged: true,
    problem: null,
    signer: { commonName: expect.stringContaining('TIDAK TERSERTIFIKASI') },
    certificate: { serialNumber: cert.serialNumber, sha256: cert.sha256, isBodyCertificate: true, issuedByBodyCa: true },
  });
  expect(data.records).toEqual([
    {
      kind: 'written_notice',
      requestNumber: number,
      objectionNumber: null,
      noticeNumber: '480/013/PPID/XII/2026',
      verificationCode: CODE,
      verificationUrl: expect.stringMatching(new RegExp(`/api/ppid/verify/${CODE}$`)),
      signedAt: null,
    },
  ]);
  const text = JSON.stringify(res.body);
  for (const secret of [NIK, EMAIL, 'example.id', PHONE, NAME, 'Aminah', ADDRESS, 'Tanda Tangan No']) expect(text).not.toContain(secret);
});

it('one byte flipped: 200, the signature reported changed, no record matched', async () => {
  const changed = Buffer.from(signed);
  changed[Math.floor(unsigned.length / 2)] ^= 0x01;
  const res = await upload('198.51.100.2', changed);
  expect(res.status).toBe(200);
  expect(res.body.data.signatures[0]).toMatchObject({ unchanged: false, digestMatches: false, problem: expect.stringMatching(/changed/) });
  expect(res.body.data.records).toEqual([]);
});

it('400 with the reason: no signature, not a PDF, no file, another field; 413 over the limit', async () => {
  const reason = (r: any) => [r.status, r.body.error?.details?.reason, r.body.error?.details?.errors?.[0]?.path];
  expect(reason(await upload('198.51.100.3', unsigned))).toEqual([400, 'no_signature', ['file']]);
  expect(reason(await upload('198.51.100.4', Buffer.from('PK\u0003\u0004 bukan PDF'), 'x.pdf'))).toEqual([400, 'not_pdf', ['file']]);
  const none = await app.http().post('/api/ppid/verify/pdf').set('X-Forwarded-For', '198.51.100.5').set('Content-Type', 'application/json').send('{}');
  expect(reason(none)).toEqual([400, 'no_file', ['file']]);
  expect(reason(await upload('198.51.100.6', signed, 'x.pdf', 'dokumen'))).toEqual([400, 'one_file', ['file']]);
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
  const tooBig = await upload('198.51.100.7', big).catch((e) => e.response ?? e);
  expect(tooBig.status).toBe(413);
  expect(tooBig.body.error).toMatchObject({ name: 'PayloadTooLargeError', details: { reason: 'too_large', maxBytes: 10 * 1024 * 1024 } });
});

it('a per-address limit: the fifth upload within the hour from one address is 429', async () => {
  for (let i = 0; i < 4; i++) expect((await upload('198.51.100.9', unsigned)).status).toBe(400);
  const over = await upload('198.51.100.9', signed);
  expect(over.status).toBe(429);
  expect(over.body.error.details).toMatchObject({ reason: 'rate_limited', bucket: 'verify' });
  expect(over.headers['retry-after']).toBeTruthy();
  // Another address is not affected.
  expect((await upload('198.51.100.10', signed)).status).toBe(200);
});
