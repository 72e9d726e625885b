import fs from 'fs';
import os from 'os';
import path from 'path';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor, Person } from '../helpers/people';
import { pdfQrCodes } from '../helpers/pdf-images';

// The documents officials hand around carry the body's kop (letterhead), set by an
// administrator with settings.manage through /ppid/settings/kop (per unit where a unit has its
// own), a place-and-date line before the signatures and Bahasa Indonesia titles only; and no
// document with a QR code is printed in production while PUBLIC_URL is unset.
const SOP = 'palaran-publikasi-website';
const ITEM = 'api::information-item.information-item';
const CM = `/content-manager/collection-types/${ITEM}`;
const LOGO = 'packages/strapi-plugin-ppid/assets/logo-demo.png';
const pdfParse: (b: Uint8Array) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
const flat = (s: string) => s.replace(/\s+/g, '');

const KOP = {
  nama: 'Kecamatan Palaran',
  pemerintah: 'Pemerintah Kota Samarinda',
  alamat: 'Jalan Ampera No. 1, Kelurahan Rawa Makmur, Samarinda 75253',
  telepon: '(0541) 7270001',
  email: 'kecamatan.palaran@samarindakota.go.id',
  website: 'palaran.samarindakota.go.id',
  tempat: 'Samarinda',
  logoPath: LOGO,
};
const KOP_LINES = ['PEMERINTAH KOTA SAMARINDA', 'KECAMATAN PALARAN', KOP.alamat, `Telepon ${KOP.telepon}, Pos-el ${KOP.email}, Laman ${KOP.website}`];
const ENGLISH = ['Publication approval form', 'Consequence test decision', 'deciding officials', 'verify this', 'not yet', 'not for publication'];

let app: TestApp;
let p: Record<string, Person>;
let manager: Person;
let unitId: number;
let otherUnitId: number;

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const getPdf = (url: string, who: Person) => app.http().get(url).set(bearer(who)).buffer(true).parse(binary);
const textOf = async (pdf: Buffer) => (await pdfParse(new Uint8Array(pdf))).text;
/** PPID_ARTIFACTS=1 keeps the PDFs in tests/artifacts (gitignored) to look at. */
const keep = (name: string, pdf: Buffer) => {
  if (!process.env.PPID_ARTIFACTS) return pdf;
  const dir = path.join(__dirname, '..', 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), pdf);
  return pdf;
};
const act = (who: Person, runId: string, body: Record<string, unknown>) => app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const putKop = (who: Person | null, body: unknown, path = '/ppid/settings/kop') => {
  const req = app.http().put(path);
  if (who) req.set(bearer(who));
  return req.send(body as any);
};

beforeAll(async () => {
  app = await startApp();
  const dir = app.strapi.plugin('ppid').service('directory');
  const kec = await dir.ensureUnit({ code: 'KEC-PALARAN', name: 'Kecamatan Palaran' });
  const kel = await dir.ensureUnit({ code: 'KEL-RAWA-MAKMUR', name: 'Kelurahan Rawa Makmur', parent: kec.id });
  unitId = kec.id;
  otherUnitId = kel.id;
  p = await peopleFor(app, SOP, [
    { key: 'camat', sopRoles: ['camat'], jabatan: 'Camat Palaran' },
    { key: 'sekcam', sopRoles: ['sekretaris'], jabatan: 'Sekretaris Kecamatan' },
    { key: 'kasi', sopRoles: ['kasubbag-kasi'], jabatan: 'Kasi Pemerintahan' },
    { key: 'jfu', sopRoles: ['staf'], jabatan: 'JFU Pengelola Informasi' },
  ]);
  // An administrator whose role holds settings.manage and nothing else of the plugin.
  const role = await app.strapi.service('admin::role').create({ name: 'Pengelola kop', description: '' });
  await app.strapi.service('admin::role').assignPermissions(role.id, [{ action: 'plugin::ppid.settings.manage', subject: null, properties: {}, conditions: [] }]);
  const password = 'Rahasia-Kop-123';
  const user = await dir.ensureUser({ email: 'kop@example.go.id', firstname: 'Pengelola', password, roles: [role.id] });
  manager = { id: user.id, email: 'kop@example.go.id', password, token: await login(app, 'kop@example.go.id', password), roleId: role.id };
});
afterAll(async () => {
  app?.strapi.plugin('ppid').service('clock').setNow(null);
  await app?.stop();
});

describe('settings: the kop (letterhead)', () => {
  it('needs settings.manage: 401 without a session, 403 for an editor', async () => {
    expect((await app.http().get('/ppid/settings/kop')).status).toBe(401);
    expect((await app.http().get('/ppid/settings/kop').set(bearer(p.jfu))).status).toBe(403);
    expect((await putKop(p.camat, KOP)).status).toBe(403);
    expect((await putKop(p.camat, { nama: 'X' }, `/ppid/settings/kop/units/${unitId}`)).status).toBe(403);
  });

  it('answers 400 naming the field for bad input, and stores nothing', async () => {
    const cases: [unknown, string][] = [
      [{ ...KOP, nama: undefined }, 'nama'],
      [{ ...KOP, nama: 42 }, 'nama'],
      [{ ...KOP, email: 'bukan-alamat' }, 'email'],
      [{ ...KOP, website: 'javascript:alert(1)' }, 'website'],
      [{ ...KOP, telepon: '<script>' }, 'telepon'],
      [{ ...KOP, alamat: 'x'.repeat(301) }, 'alamat'],
      [{ ...KOP, logoFile: -1 }, 'logoFile'],
      [{ ...KOP, logoFile: 99999 }, 'logoFile'],
      [{ ...KOP, logoPath: '../../../etc/passwd' }, 'logoPath'],
      [{ ...KOP, logoPath: '/etc/hostname' }, 'logoPath'],
      [{ ...KOP, logoPath: 'package.json' }, 'logoPath'], // inside the app, but not an image
      [{ ...KOP, logoPath: 'tidak-ada.png' }, 'logoPath'],
    ];
    for (const [body, field] of cases) {
      const res = await putKop(manager, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.error.message).toContain(field);
    }
    // A symlink inside the app that leads to an image outside it.
    const outside = path.join(os.tmpdir(), `kop-outside-${process.pid}.png`);
    fs.copyFileSync(path.join(__dirname, '../..', LOGO), outside);
    const link = path.join(__dirname, '../..', `.tmp/kop-link-${process.pid}.png`);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(outside, link);
    try {
      const res = await putKop(manager, { ...KOP, logoPath: path.relative(path.join(__dirname, '../..'), link) });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('logoPath');
    } finally {
      fs.rmSync(link, { force: true });
      fs.rmSync(outside, { force: true });
    }
    const unknown = await putKop(manager, { ...KOP, instansi: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('instansi');
    const got = await app.http().get('/ppid/settings/kop').set(bearer(manager));
    expect(got.status).toBe(200);
    expect(got.body.data.stored).toBe(false);
  });

  it("stores the body's kop and a unit's own; a unit that is unknown is 404", async () => {
    const res = await putKop(manager, KOP);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject(KOP);
    const unit = await putKop(manager, { nama: 'Kelurahan Rawa Makmur', alamat: 'Jalan Rawa Makmur No. 2, Samarinda' }, `/ppid/settings/kop/units/${otherUnitId}`);
    expect(unit.status).toBe(200);
    expect((await putKop(manager, { nama: 'X' }, '/ppid/settings/kop/units/999999')).status).toBe(404);
    expect((await putKop(manager, { email: 'salah' }, `/ppid/settings/kop/units/${otherUnitId}`)).status).toBe(400);
    const got = await app.http().get('/ppid/settings/kop').set(bearer(manager));
    expect(got.body.data).toMatchObject({ stored: true, body: KOP, units: [{ unit: { id: otherUnitId, code: 'KEL-RAWA-MAKMUR' }, kop: { nama: 'Kelurahan Rawa Makmur' } }] });
  });
});

describe('documents carry the kop, a place-and-date line and Indonesian titles only', () => {
  let runId: string;
  let unitRunId: string;

  async function startRun(title: string, unit: number) {
    const created = await app.http().post(CM).set(bearer(p.jfu)).send({ title, summary: 'Kegiatan rutin kecamatan', classification: 'setiap_saat', unit });
    expect(created.status).toBe(201);
    const run = await app.http().post('/ppid/runs').set(bearer(p.camat)).send({ uid: ITEM, documentId: created.body.data.documentId });
    expect(run.status).toBe(201);
    // Up to the Kasi's paraf (step 3): the form then has a signer block under the date line.
    expect((await act(p.camat, run.body.data.id, { act: 'approve' })).status).toBe(200);
    expect((await act(p.jfu, run.body.data.id, { act: 'submit' })).status).toBe(200);
    expect((await act(p.kasi, run.body.data.id, { act: 'approve' })).status).toBe(200);
    return run.body.data.id as string;
  }

  it('the approval form: kop with logo, title, "Samarinda, 1 Desember 2026" in the body\'s time zone', async () => {
    // 17:30 UTC on 30 November is 00:30 WIB on 1 December: the date line is the body's day.
    app.strapi.plugin('ppid').service('clock').setNow('2026-11-30T17:30:00Z');
    runId = await startRun('Jadwal pelayanan KTP keliling', unitId);
    const res = await getPdf(`/ppid/runs/${runId}/form.pdf`, p.camat);
    expect(res.status).toBe(200);
    const text = await textOf(keep('it-approval-form.pdf', res.body));
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    // The kop comes first, in its order (the contact line may wrap).
    expect(flat(text).startsWith(flat(KOP_LINES.join('')))).toBe(true);
    expect(text).toContain('FORMULIR PERSETUJUAN PUBLIKASI');
    expect(lines).toContain('Samarinda, 1 Desember 2026');
    expect(lines.indexOf('Samarinda, 1 Desember 2026')).toBeLessThan(lines.lastIndexOf('Kasi Pemerintahan'));
    for (const e of ENGLISH) expect(text).not.toContain(e);
    expect(text).not.toContain('Unit palaran');
    // The logo and the QR code (which still decodes to the verification page).
    expect(pdfQrCodes(res.body)).toHaveLength(1);
    expect((res.body as Buffer).toString('latin1').match(/\/Subtype \/Image/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it("a unit with its own kop prints its name, the body's government and place", async () => {
    unitRunId = await startRun('Kerja bakti RT 12', otherUnitId);
    const text = await textOf(keep('it-approval-form-unit.pdf', (await getPdf(`/ppid/runs/${unitRunId}/form.pdf`, p.camat)).body));
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.slice(0, 3)).toEqual(['PEMERINTAH KOTA SAMARINDA', 'KELURAHAN RAWA MAKMUR', 'Jalan Rawa Makmur No. 2, Samarinda']);
    expect(lines).toContain('Samarinda, 1 Desember 2026');
  });

  it('the SK penetapan DIP and the berita acara uji konsekuensi carry the same kop and place-and-date line', async () => {
    const admin = await superAdmin();
    const edition = await app.http().post('/ppid/dip/editions').set(bearer(admin)).send({ year: 2026 });
    expect(edition.status).toBe(201);
    const decree = await textOf(keep('it-decree-draft.pdf', (await getPdf(`/ppid/dip/editions/${edition.body.data.documentId}/decree.pdf`, admin)).body));
    for (const l of KOP_LINES) expect(flat(decree)).toContain(flat(l));
    // A draft decree is placed at the kop's place; its date is left blank until it is signed.
    expect(decree).toContain('Ditetapkan di Samarinda');
    for (const e of ENGLISH) expect(decree).not.toContain(e);

    const item = await app.strapi.documents(ITEM as any).create({ data: { title: 'Rencana pengamanan', summary: 'Rahasia', classification: 'dikecualikan' } as any });
    const test = await app.http().post('/ppid/consequence-tests').set(bearer(admin)).send({
      itemDocumentId: item.documentId,
      informasi: 'Dokumen rencana pengamanan objek vital',
      dasarHukum: { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'c' },
      masaPengecualianBerakhir: '2030-12-31',
      tempatKeputusan: 'Samarinda',
      tanggalKeputusan: '2026-12-01',
    });
    expect(test.status).toBe(201);
    const decision = await textOf(keep('it-decision-draft.pdf', (await getPdf(`/ppid/consequence-tests/${test.body.data.id}/decision.pdf`, admin)).body));
    const lines = decision.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(flat(decision).startsWith(flat(KOP_LINES.join('')))).toBe(true);
    expect(lines).toContain('Samarinda, 1 Desember 2026');
    // Blank blocks for the roles still to sign (from the SOP), none printed as having decided.
    expect(lines.indexOf('Samarinda, 1 Desember 2026')).toBeLessThan(lines.lastIndexOf('Atasan PPID'));
    expect(decision).toContain('BERITA ACARA / KEPUTUSAN UJI KONSEKUENSI');
    for (const e of ENGLISH) expect(decision).not.toContain(e);
  });

  it('the SOP document stacks the body over its government in HTML and PDF', async () => {
    const html = await app.http().get(`/ppid/sops/${SOP}/document`).set(bearer(await superAdmin()));
    expect(html.status).toBe(200);
    expect(html.text).toMatch(/<div class="pemerintah">Pemerintah Kota Samarinda<\/div><div class="instansi">Kecamatan Palaran<\/div>/);
    const pdf = await getPdf(`/ppid/sops/${SOP}/document?format=pdf`, await superAdmin());
    expect(pdf.status).toBe(200);
    const lines = (await textOf(keep('it-sop-document.pdf', pdf.body))).split('\n').map((l) => l.trim());
    expect(lines.indexOf('KECAMATAN PALARAN')).toBe(lines.indexOf('PEMERINTAH KOTA SAMARINDA') + 1);
  });

  it('refuses to print a QR document in production without PUBLIC_URL (409 naming it), prints with it', async () => {
    const env = process.env.NODE_ENV;
    const url = app.strapi.config.get('server.url');
    const absoluteUrl = app.strapi.config.get('server.absoluteUrl');
    try {
      process.env.NODE_ENV = 'production';
      const refused = await app.http().get(`/ppid/runs/${runId}/form.pdf`).set(bearer(p.camat));
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain('PUBLIC_URL');
      expect(refused.body.error.details).toEqual({ setting: 'PUBLIC_URL' });

      app.strapi.config.set('server.url', 'https://ppid.samarindakota.go.id');
      app.strapi.config.set('server.absoluteUrl', 'https://ppid.samarindakota.go.id');
      const printed = await getPdf(`/ppid/runs/${runId}/form.pdf`, p.camat);
      expect(printed.status).toBe(200);
      const [qr] = pdfQrCodes(printed.body);
      expect(qr).toMatch(/^https:\/\/ppid\.samarindakota\.go\.id\/api\/ppid\/verify\//);
    } finally {
      process.env.NODE_ENV = env;
      app.strapi.config.set('server.url', url);
      app.strapi.config.set('server.absoluteUrl', absoluteUrl);
    }
  });
});

describe('the demo body', () => {
  it("seeds the demo body's kop with its logo, and the other demo bodies' units their own", async () => {
    const dir = app.strapi.plugin('ppid').service('directory');
    const kutim = await dir.ensureUnit({ code: 'KUTIM', name: 'Unit kutim' });
    await app.strapi.plugin('ppid').service('kop').seedDemo();
    const got = await app.http().get('/ppid/settings/kop').set(bearer(manager));
    expect(got.body.data.body).toMatchObject({ nama: 'Kecamatan Palaran', pemerintah: 'Pemerintah Kota Samarinda', tempat: 'Samarinda', logoPath: expect.stringMatching(/logo-demo\.png$/) });
    expect(got.body.data.units).toEqual(expect.arrayContaining([expect.objectContaining({ unit: expect.objectContaining({ id: kutim.id }), kop: expect.objectContaining({ tempat: 'Sangatta' }) })]));
  });
});

let su: Person | null = null;
async function superAdmin(): Promise<Person> {
  if (su) return su;
  const superRole = await app.strapi.service('admin::role').getSuperAdmin();
  const password = 'Rahasia-Admin-123';
  const user = await app.strapi.plugin('ppid').service('directory').ensureUser({ email: 'admin.kop@example.go.id', firstname: 'Admin', password, roles: [superRole.id] });
  su = { id: user.id, email: 'admin.kop@example.go.id', password, token: await login(app, 'admin.kop@example.go.id', password), roleId: superRole.id };
  return su;
}
