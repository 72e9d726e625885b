import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn, spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor, Person } from '../helpers/people';

// The registers and the annual report (#15): a year of requests and objections filed through
// the plugin's service (real numbers and deadlines), read back over real HTTP as an official
// holding registers.read (not a Super Admin); 403 for an official without it. The CSV and XLSX
// are parsed back, the PDFs read with pdftotext, the CLI writes the report file.
const KEY = Buffer.alloc(32, 7).toString('base64');
const ROOT = path.resolve(__dirname, '..', '..');
const { resolve: resolveCli } = require('../../packages/strapi-plugin-ppid/bin/cli.js');

let app: TestApp;
let officer: Record<string, string>;
let dpo: Record<string, string>;
let petugas: Person;
const ppid = () => app.strapi.plugin('ppid');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-registers-'));

const body = (i: number, type = 'perorangan') => ({
  applicant: { type, name: `Pemohon ${i}`, address: `Jl. Contoh No. ${i}, Samarinda`, email: `pemohon${i}@example.id`, phone: `+62 812-0000-${String(1000 + i)}`, identityNumber: `64720112345600${String(i).padStart(2, '0')}` },
  information: `Informasi nomor ${i}`,
  purpose: 'Penelitian',
  obtainBy: 'salinan_softcopy',
  deliverBy: 'email',
});

// 2026 (local WIB dates, 09:00): six requests, one more in 2025 and one in 2027 outside the year.
const FILED: { at: string; type: string }[] = [
  { at: '2025-12-30T02:00:00Z', type: 'perorangan' },
  { at: '2026-01-05T02:00:00Z', type: 'perorangan' },
  { at: '2026-02-10T02:00:00Z', type: 'badan_hukum' },
  { at: '2026-03-16T02:00:00Z', type: 'kelompok' },
  { at: '2026-06-15T02:00:00Z', type: 'perorangan' },
  { at: '2026-09-01T02:00:00Z', type: 'perorangan' },
  // 31 December 2026 23:00 WIB is still 2026 locally.
  { at: '2026-12-31T16:00:00Z', type: 'badan_hukum' },
  { at: '2027-01-04T02:00:00Z', type: 'perorangan' },
];
const numbers: string[] = [];

type Grant = string | { action: string; subject: string; properties?: Record<string, unknown> };
async function roleUser(name: string, actions: Grant[]) {
  const role = await app.strapi.service('admin::role').create({ name, description: '' });
  await app.strapi.service('admin::role').assignPermissions(
    role.id,
    actions.map((a) => (typeof a === 'string' ? { action: a, subject: null, properties: {}, conditions: [] } : { properties: {}, conditions: [], ...a }))
  );
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.go.id`;
  const password = 'Rahasia-Register-123';
  await ppid().service('directory').ensureUser({ email, firstname: name, lastname: 'PPID', password, roles: [role.id] });
  return { Authorization: `Bearer ${await login(app, email, password)}` };
}

beforeAll(async () => {
  app = await startApp({ PPID_PERSONAL_DATA_KEY: KEY, PPID_INSTANSI: 'Kecamatan Palaran' });
  const clock = ppid().service('clock');
  try {
    for (const [i, f] of FILED.entries()) {
      clock.setNow(new Date(f.at));
      numbers.push((await ppid().service('requests').file(body(i + 1, f.type))).number);
    }
    // Two objections in 2026 (reasons a, c and c), filed a day after their request.
    clock.setNow(new Date('2026-02-11T02:00:00Z'));
    await ppid().service('requests').fileObjection(numbers[2], { email: 'pemohon3@example.id', reasons: ['c', 'a'], statement: 'Permohonan ditolak tanpa alasan.' });
    clock.setNow(new Date('2026-06-16T02:00:00Z'));
    await ppid().service('requests').fileObjection(numbers[4], { email: 'pemohon5@example.id', reasons: ['c'], statement: 'Belum ditanggapi.' });
  } finally {
    clock.setNow(new Date('2027-01-10T02:00:00Z'));
  }
  officer = await roleUser('Petugas Register', ['plugin::ppid.registers.read']);
  dpo = await roleUser('Pejabat Data Pribadi', ['plugin::ppid.registers.read', 'plugin::ppid.records.personal-data']);
  petugas = (await peopleFor(app, 'pelayanan-permohonan-informasi', [{ key: 'petugas', sopRoles: ['petugas-informasi'], jabatan: 'Petugas Informasi' }])).petugas;
}, 300000);
afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await app?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const get = (url: string, who: Record<string, string>) => app.http().get(url).set(who).buffer(true).parse((res: any, cb: any) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
});
const pdfText = (buf: Buffer) => {
  const file = path.join(tmp, `t-${Date.now()}-${Math.random()}.pdf`);
  fs.writeFileSync(file, buf);
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return r.stdout;
};

it('an official without registers.read gets 403 on every register and report route', async () => {
  for (const [method, url] of [
    ['get', '/ppid/registers/permohonan?year=2026'],
    ['get', '/ppid/registers/keberatan?year=2026&format=csv'],
    ['get', '/ppid/reports/annual/2026?format=pdf'],
    ['post', '/ppid/reports/annual/2026/propose'],
  ] as const) {
    const res = await (app.http() as any)[method](url).set(bearer(petugas));
    expect([url, res.status]).toEqual([url, 403]);
  }
});

it('the request register of 2026: JSON rows in the Perki 1/2021 columns, masked contact, never the identity number', async () => {
  const res = await app.http().get('/ppid/registers/permohonan?year=2026').set(officer);
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.body.data.map((r: any) => r.nomor)).toEqual(numbers.slice(1, 7));
  expect(numbers.slice(1, 7)).toEqual(['PMI-2026-00001', 'PMI-2026-00002', 'PMI-2026-00003', 'PMI-2026-00004', 'PMI-2026-00005', 'PMI-2026-00006']);
  expect(res.body.meta.period).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
  expect(res.body.meta.columns.map((c: any) => c.header)).toContain('Nomor Pendaftaran');
  const first = res.body.data[0];
  expect(first).toMatchObject({ no: 1, tanggal: '2026-01-05', nama: 'Pemohon 2', jenisPemohon: 'Perorangan', informasi: 'Informasi nomor 2', status: 'Dalam proses; melewati batas waktu', tanggalPemberitahuan: '', alasanPenolakan: '', waktuPenyelesaian: '' });
  expect(first.kontak).toBe('6281****1002 / p***@example.id');
  expect(res.body.data[5]).toMatchObject({ tanggal: '2026-12-31', jenisPemohon: 'Badan hukum' });
  const text = JSON.stringify(res.body);
  expect(text).not.toContain('6472011234560');
  expect(text).not.toContain('applicantIdentity');
  // The holder of records.personal-data sees the contact in full.
  const full = await app.http().get('/ppid/registers/permohonan?year=2026').set(dpo);
  expect(full.body.data[0].kontak).toBe('+62 812-0000-1002 / pemohon2@example.id');
  // A from-to period and bad input naming the field.
  const q1 = await app.http().get('/ppid/registers/permohonan?from=2026-02-01&to=2026-03-31').set(officer);
  expect(q1.body.data.map((r: any) => r.nomor)).toEqual(['PMI-2026-00002', 'PMI-2026-00003']);
  const bad = await app.http().get('/ppid/registers/permohonan?from=2026-02-30&to=2026-03-31').set(officer);
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.field).toBe('from');
  expect((await app.http().get('/ppid/registers/permohonan?format=doc').set(officer)).status).toBe(400);
  expect((await app.http().get('/ppid/registers/lainnya').set(officer)).status).toBe(400);
});

it('CSV and XLSX of the registers parse back to the same rows; the PDF reads with pdftotext', async () => {
  const csv = await get('/ppid/registers/permohonan?year=2026&format=csv', officer);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toMatch(/text\/csv/);
  const lines = csv.body.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toMatch(/^No\.,Tanggal Permohonan,Nomor Pendaftaran,Nama Pemohon,/);
  expect(lines).toHaveLength(7);
  expect(lines[1]).toContain('PMI-2026-00001');

  const xlsx = await get('/ppid/registers/keberatan?year=2026&format=xlsx', officer);
  expect(xlsx.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.body as any);
  const ws = wb.worksheets[0];
  expect(ws.getRow(1).getCell(1).value).toBe('Register Keberatan');
  expect(ws.getRow(2).getCell(1).value).toBe('Kecamatan Palaran');
  expect(ws.getRow(5).getCell(3).value).toBe('Nomor Registrasi Keberatan');
  expect(ws.getRow(6).getCell(3).value).toBe('KEB-2026-00001');
  expect(ws.getRow(6).getCell(4).value).toBe('PMI-2026-00002');
  expect(String(ws.getRow(6).getCell(6).value)).toMatch(/^a\. Penolakan .*; c\. Tidak ditanggapinya/);
  expect(ws.getRow(7).getCell(3).value).toBe('KEB-2026-00002');
  expect(ws.getRow(8).getCell(3).value ?? null).toBeNull();

  const pdf = await get('/ppid/registers/permohonan?year=2026&format=pdf', officer);
  expect(pdf.status).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  const text = pdfText(pdf.body);
  expect(text).toContain('REGISTER PERMOHONAN INFORMASI PUBLIK');
  expect(text).toContain('Tahun 2026');
  for (const n of numbers.slice(1, 7)) expect(text).toContain(n);
  expect(text).not.toContain('PMI-2025-00001');
});

it('the annual report of 2026: the numbers of the seeded year, JSON, XLSX and PDF', async () => {
  const res = await app.http().get('/ppid/reports/annual/2026').set(officer);
  expect(res.status).toBe(200);
  const r = res.body.data;
  expect(r.requests).toMatchObject({
    total: 6,
    byApplicantType: { perorangan: 3, kelompok: 1, badan_hukum: 2 },
    answered: 0, // the written notice is recorded by a later part of #15
    pending: 6,
    workingDays: { average: null, median: null, max: null },
    granted: 0,
    grantedInPart: 0,
    refused: 0,
    notHeld: 0,
    // Seen on 10 January 2027: all but the one received on 31 December are past their 10 working days.
    openPastDeadline: 5,
    late: 0,
  });
  expect(r.objections).toMatchObject({ total: 2, byReason: { a: 1, b: 0, c: 2, d: 0, e: 0, f: 0, g: 0 }, answered: 0, pending: 2, openPastDeadline: 2, disputes: 0 });
  expect(r.sections.map((s: any) => s.title)).toContain('Rekomendasi dan rencana tindak lanjut untuk meningkatkan kualitas pelayanan informasi');

  const xlsx = await get('/ppid/reports/annual/2026?format=xlsx', officer);
  expect(xlsx.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.body as any);
  const values = new Map<string, unknown>();
  wb.worksheets[0].eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
  expect(values.get('Jumlah permohonan informasi publik')).toBe(6);
  expect(values.get('Jumlah keberatan')).toBe(2);
  expect(values.get('  Alasan Pasal 35 ayat (1) huruf c')).toBe(2);

  const pdf = await get('/ppid/reports/annual/2026?format=pdf', officer);
  expect(pdf.status).toBe(200);
  const text = pdfText(pdf.body);
  expect(text).toContain('LAPORAN LAYANAN INFORMASI PUBLIK TAHUN 2026');
  expect(text).toMatch(/Jumlah permohonan informasi publik\s+6/);
  expect(text).toMatch(/Jumlah keberatan\s+2/);
  expect(text).toContain('A. Gambaran umum kebijakan pelayanan informasi publik');
  expect(text).toContain('[Diisi oleh Badan Publik');

  expect((await app.http().get('/ppid/reports/annual/20x6').set(officer)).status).toBe(400);
  expect((await app.http().get('/ppid/reports/annual/2026?format=doc').set(officer)).status).toBe(400);
  // The other reports still answer at /reports/:name.
  expect((await app.http().get('/ppid/reports/annual?format=json').set(officer)).status).not.toBe(200);
});

it('the summary is proposed as a DRAFT berkala item only when asked, once per year, never published', async () => {
  const itemType = app.strapi.config.get('plugin::ppid.itemType') as string;
  const before = await app.strapi.db.query(itemType as any).count({});
  // registers.read alone reads the report but cannot create an item: 403, nothing created.
  const refused = await app.http().post('/ppid/reports/annual/2026/propose').set(officer);
  expect(refused.status).toBe(403);
  expect(refused.body.error.details).toMatchObject({ reason: 'content_create', uid: itemType });
  expect(await app.strapi.db.query(itemType as any).count({})).toBe(before);
  // Create on the type but not on the summary field: still 403.
  const CM_CREATE = 'plugin::content-manager.explorer.create';
  const titleOnly = await roleUser('Petugas Register Judul', ['plugin::ppid.registers.read', { action: CM_CREATE, subject: itemType, properties: { fields: ['title'] } }]);
  expect((await app.http().post('/ppid/reports/annual/2026/propose').set(titleOnly)).status).toBe(403);
  // With the Content Manager's create permission on the item type (every field): 201.
  const fields = ppid().service('directory').fieldPaths(itemType);
  const editor = await roleUser('Petugas Register Penyunting', ['plugin::ppid.registers.read', { action: CM_CREATE, subject: itemType, properties: { fields } }]);
  const res = await app.http().post('/ppid/reports/annual/2026/propose').set(editor);
  expect(res.status).toBe(201);
  expect(res.body.data.title).toBe('Ringkasan Laporan Layanan Informasi Publik Kecamatan Palaran Tahun 2026');
  expect(res.body.data.summary).toContain('menerima 6 permohonan');
  const rows = await app.strapi.db.query(itemType as any).findMany({ where: { documentId: res.body.data.documentId } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ classification: 'berkala', publishedAt: null });
  expect(await app.strapi.db.query(itemType as any).count({})).toBe(before + 1);
  const again = await app.http().post('/ppid/reports/annual/2026/propose').set(editor);
  expect(again.status).toBe(409);
  expect(again.body.error.details).toMatchObject({ reason: 'already_proposed', documentId: res.body.data.documentId });
});

it('npm run ppid -- report annual writes the file (in process and as a child process)', async () => {
  const out = path.join(tmp, 'laporan.xlsx');
  const resolved = resolveCli(['report', 'annual', '--year', '2026', '--format', 'xlsx', '--out', out]);
  const lines: string[] = [];
  const code = await ppid().service('cli').run(resolved.command, { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) });
  expect(code).toBe(0);
  expect(lines.join('\n')).toContain('6 permohonan, 2 keberatan');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('Laporan Layanan Informasi Publik Tahun 2026');
  const bad = await ppid().service('cli').run(resolveCli(['report', 'annual']).command, { out: () => {}, err: (l: string) => lines.push(l) });
  expect(bad).toBe(2);

  const pdf = path.join(tmp, 'laporan.pdf');
  const child = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    // What scripts/ppid.js does (resolve, then boot the app and run), with this checkout's
    // plugin: scripts/ppid.js finds the plugin through node_modules, which in a worktree is
    // another checkout's.
    const script = `const cli = require(${JSON.stringify(path.join(ROOT, 'packages/strapi-plugin-ppid/bin/cli.js'))});
      const r = cli.resolve(process.argv.slice(1), 'npm run ppid --');
      if (!r.command) { process.stderr.write(r.text); process.exit(r.code); }
      cli.runInApp(process.cwd(), r.command).then((code) => process.exit(code));`;
    const c = spawn(process.execPath, ['-e', script, 'report', 'annual', '--year', '2026', '--out', pdf], { cwd: ROOT, env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('error', reject);
    c.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  expect([child.status, child.stderr.slice(-500)]).toEqual([0, expect.any(String)]);
  expect(child.stdout).toContain(pdf);
  expect(pdfText(fs.readFileSync(pdf))).toMatch(/Jumlah permohonan informasi publik\s+6/);
}, 180000);
