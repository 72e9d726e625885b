import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn } from 'child_process';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';
import { pdfQrCodes } from '../helpers/pdf-images';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { resolve: resolveCli } = require('../../packages/strapi-plugin-ppid/bin/cli.js');

// Signature records after a full seed-000 run: verification of the whole chain and of the
// published content, the printed approval form (names, NIPs, the QR code it carries), the
// public verification route, key rotation, and tampering in the database caught by both the
// verification service and the `npm run ppid -- verify` exit code.
const UID = 'api::information-item.information-item';
const RECORD = 'plugin::ppid.signature-record';
const OFFICIAL = 'plugin::ppid.official';
const SOP = 'palaran-publikasi-website';
const CM = `/content-manager/collection-types/${UID}`;
const ROOT = path.resolve(__dirname, '..', '..');
const TITLE = 'Kerja bakti RT 12 Kelurahan Rawa Makmur (diperbaiki)';
const DRAFT_TITLE = 'Rencana pemadaman listrik bergilir di Kelurahan Simpang Pasir';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (b: Uint8Array) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
const flat = (s: string) => s.replace(/\s+/g, '');

let app: TestApp;
let p: Record<string, Person>;
let keyDir: string;
const keyDirBefore = process.env.PPID_KEY_DIR;
let documentId: string;
let runId: string;
let draftRunId: string;

const ppid = () => app.strapi.plugin('ppid');
const verifyAll = () => ppid().service('verification').verifyAll();
const act = (who: Person, run: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${run}/acts`).set(bearer(who)).send(body);
const signature = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });
const knex = () => app.strapi.db.connection;
const tableOf = (uid: string) => app.strapi.db.metadata.get(uid as any).tableName;
// The stored, sealed records (the admin view masks NIP, IP and user agent without records.personal-data).
const recordsOf = async (run: string) => (await app.strapi.plugin('ppid').service('records').forRun(run)) as any[];

/** The CLI as the administrator runs it, in this process (exit code and printed lines). */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // argv resolved as the command line resolves it (the package's bin/cli.js), then run in this process.
  const resolved = resolveCli(argv);
  if (!resolved.command) return { code: resolved.code as number, out: '', err: resolved.text as string };
  const code = await ppid().service('cli').run(resolved.command, { out: (l: string) => out.push(l), err: (l: string) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `npm run ppid -- ...` in a child process against the same database and keys. */
function cliProcess(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/ppid.js'), ...args], { cwd: ROOT, env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function binary(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
const formPdf = (run: string, who: Person) => app.http().get(`/ppid/runs/${run}/form.pdf`).set(bearer(who)).buffer(true).parse(binary);

/** A record's body column as stored, and a writer that puts a JSON text back on any engine. */
async function rawBody(seq: number): Promise<string> {
  const row = await knex()(tableOf(RECORD)).where({ seq }).first('body');
  return typeof row.body === 'string' ? row.body : JSON.stringify(row.body);
}
const writeBody = (seq: number, body: string) => knex()(tableOf(RECORD)).where({ seq }).update({ body });
const publishedRow = () => knex()(tableOf(UID)).where({ document_id: documentId }).whereNotNull('published_at');

beforeAll(async () => {
  // Own key directory: the rotation below must not touch the developer's keys/.
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-keys-'));
  app = await startApp({ PPID_KEY_DIR: keyDir });
  const dir = ppid().service('directory');
  const kec = await dir.ensureUnit({ code: 'KEC-PALARAN', name: 'Kecamatan Palaran' });
  p = await peopleFor(app, SOP, [
    { key: 'camat', sopRoles: ['camat'], jabatan: 'Camat Palaran', unit: kec.id },
    { key: 'sekcam', sopRoles: ['sekretaris'], jabatan: 'Sekretaris Kecamatan', unit: kec.id },
    { key: 'kasi', sopRoles: ['kasubbag-kasi'], jabatan: 'Kasi Pemerintahan', unit: kec.id },
    { key: 'jfu', sopRoles: ['staf'], jabatan: 'JFU Pengelola Informasi', unit: kec.id },
  ]);
  (app as any).unitId = kec.id;
});
afterAll(async () => {
  await app?.stop();
  if (keyDirBefore === undefined) delete process.env.PPID_KEY_DIR;
  else process.env.PPID_KEY_DIR = keyDirBefore;
  if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
});

async function createItem(title: string) {
  const res = await app
    .http()
    .post(CM)
    .set(bearer(p.jfu))
    .send({ title, summary: 'Kegiatan rutin kecamatan', classification: 'setiap_saat', unit: (app as any).unitId });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
}

describe('signature records: verification, approval form, public verification', () => {
  it('runs seed 000 to publication, with a return and a correction', async () => {
    documentId = await createItem('Kerja bakti RT 12 Kelurahan Rawa Makmur');
    runId = (await app.http().post('/ppid/runs').set(bearer(p.camat)).send({ uid: UID, documentId })).body.data.id;
    expect((await act(p.camat, runId, { act: 'approve' })).status).toBe(200);
    expect((await act(p.jfu, runId, { act: 'submit' })).status).toBe(200);
    expect((await act(p.kasi, runId, { act: 'return', comment: 'Lengkapi foto kegiatan dan perbaiki judul.' })).status).toBe(200);
    expect((await app.http().put(`${CM}/${documentId}`).set(bearer(p.jfu)).send({ title: TITLE })).status).toBe(200);
    expect((await act(p.jfu, runId, { act: 'submit' })).status).toBe(200);
    expect((await act(p.kasi, runId, { act: 'approve' })).status).toBe(200);
    expect((await act(p.sekcam, runId, signature(p.sekcam))).status).toBe(200);
    expect((await act(p.camat, runId, signature(p.camat))).status).toBe(200);
    expect((await act(p.kasi, runId, { act: 'handover' })).status).toBe(200);
    const published = await act(p.jfu, runId, { act: 'publish' });
    expect(published.body.data.status).toBe('published');

    // A second item stays in progress (step 3): its form and codes are not public.
    const draft = await createItem(DRAFT_TITLE);
    draftRunId = (await app.http().post('/ppid/runs').set(bearer(p.camat)).send({ uid: UID, documentId: draft })).body.data.id;
    expect((await act(p.camat, draftRunId, { act: 'approve' })).status).toBe(200);
  });

  it('verifies the whole chain and the published content; the CLI exits 0', async () => {
    const report = await verifyAll();
    expect(report).toMatchObject({ ok: true, problems: [], itemsChecked: 1, truncated: false });
    expect(report.checked).toBe(await app.strapi.db.query(RECORD).count({}));

    const res = await app.http().post('/ppid/verify').set(bearer(p.kasi));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ ok: true, checked: report.checked, itemsChecked: 1 });
    expect((await app.http().post('/ppid/verify')).status).toBe(401);

    // With a code (the admin Verification page): any run, published or not.
    const draftCode = (await recordsOf(draftRunId))[0].verificationCode;
    const one = await app.http().post('/ppid/verify').set(bearer(p.kasi)).send({ code: draftCode });
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({
      valid: true,
      code: draftCode,
      checks: { record: true, run: true, content: null },
      run: { id: draftRunId, status: 'in_progress', item: { title: DRAFT_TITLE } },
      record: { verificationCode: draftCode, kind: 'complete' },
    });
    expect((await app.http().post('/ppid/verify').set(bearer(p.kasi)).send({ code: 'ZZZZZZZZZZZZ' })).status).toBe(404);
    for (const body of [{ code: 12 }, { uid: UID }, [draftCode]]) {
      expect((await app.http().post('/ppid/verify').set(bearer(p.kasi)).send(body as any)).status).toBe(400);
    }

    const inProcess = await cli('verify');
    expect(inProcess.code).toBe(0);
    expect(inProcess.out).toMatch(/^OK: \d+ catatan, 1 item terbit/);
    const child = await cliProcess('verify');
    expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: expect.not.stringContaining('problems') });
    expect(child.stdout).toMatch(/^OK: /m);
  });

  it('keeps each signer as at signing: a later change of jabatan does not rewrite the record', async () => {
    const official = await app.strapi.db.query(OFFICIAL).findOne({ where: { user: p.sekcam.id } });
    await app.strapi.documents(OFFICIAL as any).update({ documentId: official.documentId, data: { jabatan: 'Asisten Pemerintahan dan Kesra' } as any });
    const sek = (await recordsOf(runId)).find((r) => r.stepNumber === 4 && r.kind === 'tanda_tangan');
    expect(sek.signer).toEqual({
      userId: String(p.sekcam.id),
      nama: 'Sekretaris Kecamatan sekcam',
      nip: official.nip,
      jabatan: 'Sekretaris Kecamatan',
      unit: 'Kecamatan Palaran',
    });
    expect((await verifyAll()).ok).toBe(true);
  });

  it('prints the approval form with every signer’s name and NIP, and a QR code to the verification page', async () => {
    expect((await app.http().get(`/ppid/runs/${runId}/form.pdf`)).status).toBe(401);
    const res = await formPdf(runId, p.camat);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    const { text } = await pdfParse(new Uint8Array(pdf));

    const records = await recordsOf(runId);
    const signers = [...new Map(records.map((r) => [r.signer.userId, r.signer])).values()];
    expect(signers).toHaveLength(4);
    for (const s of signers) {
      expect(flat(text)).toContain(flat(s.nama));
      expect(text).toContain(s.nip);
    }
    expect(flat(text)).toContain(flat(TITLE));
    expect(flat(text)).toContain(flat('Pemerintah Kota Samarinda'.toUpperCase()));
    expect(flat(text)).toContain('PEMERINTAHKOTASAMARINDAKECAMATANPALARAN'); // the kop: government over the run's unit, in capitals
    expect(text).toContain('Sekretaris Kecamatan');
    expect(text).not.toContain('Asisten Pemerintahan');
    expect(text).not.toContain('BELUM LENGKAP');

    // The QR code printed on the form: decoded from the PDF's own image.
    const latest = records[records.length - 1];
    const url = ppid().service('verification').verificationUrl(latest.verificationCode);
    expect(url).toMatch(new RegExp(`^https?://[^/]+/api/ppid/verify/${latest.verificationCode}$`));
    expect(pdfQrCodes(pdf)).toEqual([url]);
    expect(flat(text)).toContain(url);
    const scanned = await app.http().get(new URL(url).pathname);
    expect(scanned.status).toBe(200);
    expect(scanned.body.data.code).toBe(latest.verificationCode);
  });

  it('marks the form of a run in progress BELUM LENGKAP', async () => {
    const { text } = await pdfParse(new Uint8Array((await formPdf(draftRunId, p.kasi)).body));
    expect(text).toContain('BELUM LENGKAP');
    expect(text).toContain('menunggu');
    expect(flat(text)).toContain(flat(DRAFT_TITLE));
  });

  it('answers a published run’s code publicly: valid, what it covers, who signed in what capacity and when', async () => {
    const records = await recordsOf(runId);
    const sekRecord = records.find((r) => r.stepNumber === 4);
    const res = await app.http().get(`/api/ppid/verify/${sekRecord.verificationCode}`);
    expect(res.status).toBe(200);
    const v = res.body.data;
    expect(v).toMatchObject({
      valid: true,
      checks: { record: true, run: true, content: true },
      problems: [],
      record: { kind: 'tanda_tangan', step: 4, hash: sekRecord.hash },
      item: { title: TITLE, classification: 'setiap_saat' },
      sop: { code: SOP, name: 'Publikasi Informasi melalui Website', nomor: '000.8.3.3/0958/400.02' },
    });
    expect(v.signers.map((s: any) => `${s.step}:${s.kind}`)).toEqual(['1:complete', '2:submit', '3:paraf', '4:tanda_tangan', '5:tanda_tangan', '6:handover', '7:publish']);
    const sek = v.signers.find((s: any) => s.step === 4);
    expect(sek).toMatchObject({
      nama: 'Sekretaris Kecamatan sekcam',
      jabatan: 'Sekretaris Kecamatan',
      capacity: 'definitif',
      signedAt: sekRecord.signedAt,
      nip: `${'*'.repeat(14)}${sekRecord.signer.nip.slice(14)}`,
    });
    // No full NIP, no internal notes, no IP address.
    const json = JSON.stringify(res.body);
    for (const r of records) expect(json).not.toContain(r.signer.nip);
    expect(json).not.toContain('Lengkapi foto');
    expect(json).not.toContain('"ip"');

    // Codes are read back as people retype them.
    expect((await app.http().get(`/api/ppid/verify/${sekRecord.verificationCode.toLowerCase()}`)).status).toBe(200);

    // What a phone opens after scanning: a small page in Bahasa Indonesia with English beside.
    const page = await app.http().get(`/api/ppid/verify/${sekRecord.verificationCode}`).set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.text).toContain('SAH');
    expect(page.text).toContain('Valid');
    expect(page.text).toContain(TITLE);
    expect(page.text).toContain('Sekretaris Kecamatan sekcam');
    const forced = await app.http().get(`/api/ppid/verify/${sekRecord.verificationCode}?format=html`);
    expect(forced.headers['content-type']).toMatch(/^text\/html/);
  });

  it('answers 404 alike for an unknown code, an unpublished run’s code and an excluded item, revealing no title', async () => {
    const unknown = await app.http().get('/api/ppid/verify/ZZZZZZZZZZZZ');
    expect(unknown.status).toBe(404);
    expect((await app.http().get('/api/ppid/verify/%3Cscript%3E')).status).toBe(404);

    const draftRecords = await recordsOf(draftRunId);
    expect(draftRecords.length).toBeGreaterThan(0);
    for (const r of draftRecords) {
      const res = await app.http().get(`/api/ppid/verify/${r.verificationCode}`);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(unknown.body.error.message);
      expect(JSON.stringify(res.body)).not.toContain('Simpang Pasir');
      const html = await app.http().get(`/api/ppid/verify/${r.verificationCode}?format=html`);
      expect(html.status).toBe(404);
      expect(html.text).not.toContain('Simpang Pasir');
    }

    // A published item classified dikecualikan is not shown either.
    const code = (await recordsOf(runId))[0].verificationCode;
    await publishedRow().update({ classification: 'dikecualikan' });
    try {
      const excluded = await app.http().get(`/api/ppid/verify/${code}`);
      expect(excluded.status).toBe(404);
      expect(JSON.stringify(excluded.body)).not.toContain('Rawa Makmur');
    } finally {
      await publishedRow().update({ classification: 'setiap_saat' });
    }
    expect((await app.http().get(`/api/ppid/verify/${code}`)).status).toBe(200);
  });

  it('rotates the signing key: older records still verify, new acts are signed with the new key', async () => {
    const before = (await app.http().get('/api/ppid/keys')).body;
    const rotated = await cli('keys', 'rotate');
    expect(rotated.code).toBe(0);
    const after = (await app.http().get('/api/ppid/keys')).body;
    expect(after.keys.map((k: any) => k.kid)).toEqual(expect.arrayContaining([before.activeKeyId, after.activeKeyId]));
    expect(after.activeKeyId).not.toBe(before.activeKeyId);

    expect((await act(p.jfu, draftRunId, { act: 'submit' })).status).toBe(200);
    const last = (await recordsOf(draftRunId)).pop();
    expect(last.keyId).toBe(after.activeKeyId);
    expect(await verifyAll()).toMatchObject({ ok: true, problems: [] });
  });

  describe('tampering in the database is caught by verifyAll and by the CLI exit code', () => {
    async function expectCaught(code: string, match: Record<string, unknown> = {}) {
      const report = await verifyAll();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code, ...match })]));
      const run = await cli('verify');
      expect(run.code).toBe(1);
      expect(run.err).toContain(code);
      return report;
    }

    it('an altered record body', async () => {
      const seq = (await recordsOf(runId)).find((r) => r.stepNumber === 4).seq;
      const original = await rawBody(seq);
      const body = JSON.parse(original);
      body.signer.jabatan = 'Camat Palaran';
      await writeBody(seq, JSON.stringify(body));
      try {
        await expectCaught('hash_mismatch', { seq });
        const page = await app.http().get(`/api/ppid/verify/${body.verificationCode}`);
        expect(page.body.data).toMatchObject({ valid: false, checks: { record: false } });
        const admin = await app.http().post('/ppid/verify').set(bearer(p.kasi)).send({ code: body.verificationCode });
        expect(admin.body.data).toMatchObject({ valid: false, checks: { record: false }, message: expect.stringContaining('hash_mismatch') });
      } finally {
        await writeBody(seq, original);
      }
      expect((await verifyAll()).ok).toBe(true);
    });

    it('two records with their seq swapped', async () => {
      const [a, b] = (await recordsOf(runId)).slice(3, 5).map((r) => r.seq as number);
      const swap = async (x: number, y: number) => {
        const t = tableOf(RECORD);
        await knex()(t).where({ seq: x }).update({ seq: -x });
        await knex()(t).where({ seq: y }).update({ seq: x });
        await knex()(t).where({ seq: -x }).update({ seq: y });
      };
      await swap(a, b);
      try {
        await expectCaught('reordered');
      } finally {
        await swap(b, a);
      }
      expect((await verifyAll()).ok).toBe(true);
    });

    it('a published item whose content was changed directly in the database (drift)', async () => {
      await publishedRow().update({ title: 'Judul diubah langsung di basis data' });
      try {
        await expectCaught('content_drift', { itemDocumentId: documentId, runId });
        const code = (await recordsOf(runId)).pop().verificationCode;
        const page = await app.http().get(`/api/ppid/verify/${code}`);
        expect(page.body.data).toMatchObject({ valid: false, checks: { record: true, run: true, content: false } });
      } finally {
        await publishedRow().update({ title: TITLE });
      }
      expect((await verifyAll()).ok).toBe(true);
    });

    it('a deleted record (the CLI as a separate process exits 1 too)', async () => {
      const seq = (await recordsOf(runId))[2].seq;
      await knex()(tableOf(RECORD)).where({ seq }).del();
      await expectCaught('missing_record', { seq });
      const child = await cliProcess('verify');
      expect(child.status).toBe(1);
      expect(child.stderr).toContain('missing_record');
    });
  });
});
