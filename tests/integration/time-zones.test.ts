import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor, Person } from '../helpers/people';
import { pdfWords } from '../helpers/visual';

// Per-body time zones (WIB, WITA, WIT) with a per-unit override: a step's deadline is counted
// in the local working hours of the item's unit, and its approval form and notices print that
// zone. Kecamatan Palaran (Samarinda) is WITA, Diskominfo Kalteng (Palangka Raya) WIB; both run
// seed 000 here, so the only difference between their runs is the zone.
const SOP = 'palaran-publikasi-website';
const ITEM = 'api::information-item.information-item';
const CM = `/content-manager/collection-types/${ITEM}`;
const UNIT_CM = '/content-manager/collection-types/plugin::ppid.unit';

let app: TestApp;
let admin: Person;
let palaran: Record<string, Person>;
let kalteng: Record<string, Person>;
const unit: Record<string, number> = {};
const runIds: Record<string, string> = {};

const ppid = () => app.strapi.plugin('ppid');
const setNow = (iso: string) => ppid().service('clock').setNow(new Date(iso));
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/** The PDF's text lines as pdftotext reads them. */
const linesOf = (pdf: Buffer): string[] => {
  const lines = new Map<number, string[]>();
  for (const w of pdfWords(pdf)) lines.set(w.line, [...(lines.get(w.line) ?? []), w.text]);
  return [...lines.values()].map((ws) => ws.join(' '));
};

beforeAll(async () => {
  app = await startApp();
  const dir = ppid().service('directory');
  const pemda = await dir.ensureUnit({ code: 'PEMDA', name: 'Pemerintah Daerah' });
  unit.pemda = pemda.id;
  unit.palaran = (await dir.ensureUnit({ code: 'PALARAN', name: 'Kecamatan Palaran', parent: pemda.id, timeZone: 'Asia/Makassar' })).id;
  unit.rawa = (await dir.ensureUnit({ code: 'RAWA-MAKMUR', name: 'Kelurahan Rawa Makmur', parent: unit.palaran })).id;
  unit.kalteng = (await dir.ensureUnit({ code: 'KALTENG', name: 'Diskominfo Provinsi Kalimantan Tengah', parent: pemda.id, timeZone: 'Asia/Jakarta' })).id;
  const roles = (suffix: string, id: number) => [
    { key: `camat${suffix}`, sopRoles: ['camat'], jabatan: 'Kepala', unit: id },
    { key: `staf${suffix}`, sopRoles: ['staf'], jabatan: 'Pengelola Informasi', unit: id },
  ];
  palaran = await peopleFor(app, SOP, roles('p', unit.palaran));
  kalteng = await peopleFor(app, SOP, roles('k', unit.kalteng));
  const superRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const password = 'Rahasia-Admin-123';
  const user = await dir.ensureUser({ email: 'admin.tz@example.go.id', firstname: 'Admin', password, roles: [superRole.id] });
  admin = { id: user.id, email: user.email, password, token: await login(app, user.email, password), roleId: superRole.id };
});

afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await app?.stop();
});

describe('the setting', () => {
  it('defaults to WIB, takes only the three zones (400 naming the field), and only from settings.manage', async () => {
    const before = await app.http().get('/ppid/settings/time-zone').set(bearer(admin));
    expect(before.status).toBe(200);
    expect(before.body.data).toMatchObject({ timeZone: 'Asia/Jakarta', abbreviation: 'WIB', stored: false });

    for (const bad of ['WITA', 'Asia/Pontianak', '+08:00', null]) {
      const res = await app.http().put('/ppid/settings/time-zone').set(bearer(admin)).send({ timeZone: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['timeZone']);
    }
    const officer = await app.http().put('/ppid/settings/time-zone').set(bearer(palaran.camatp)).send({ timeZone: 'Asia/Makassar' });
    expect(officer.status).toBe(403);

    const res = await app.http().put('/ppid/settings/time-zone').set(bearer(admin)).send({ timeZone: 'Asia/Jayapura' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ timeZone: 'Asia/Jayapura', abbreviation: 'WIT', stored: true });
    expect(res.body.data.units.map((u: any) => [u.code, u.abbreviation])).toEqual([['KALTENG', 'WIB'], ['PALARAN', 'WITA']]);
  });

  it("a unit's zone is its own, else its parent's, else the body's", async () => {
    const zones = ppid().service('zones');
    expect(await zones.ofUnit(unit.palaran)).toBe('Asia/Makassar');
    expect(await zones.ofUnit(unit.rawa)).toBe('Asia/Makassar');
    expect(await zones.ofUnit(unit.kalteng)).toBe('Asia/Jakarta');
    expect(await zones.ofUnit(unit.pemda)).toBe('Asia/Jayapura');
    expect(await zones.ofUnit(null)).toBe('Asia/Jayapura');
  });

  it('a unit takes only the three zones through the Content Manager (400 naming the field)', async () => {
    const bad = await app.http().post(UNIT_CM).set(bearer(admin)).send({ code: 'X-BAD', name: 'Unit uji', timeZone: 'Europe/Berlin' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain('timeZone');
    const ok = await app.http().post(UNIT_CM).set(bearer(admin)).send({ code: 'X-WIT', name: 'Unit uji WIT', timeZone: 'Asia/Jayapura' });
    expect(ok.status).toBe(201);
    const cm = app.strapi.plugin('content-manager').service('content-types');
    const conf = await cm.findConfiguration(cm.findContentType('plugin::ppid.unit'));
    expect(conf.metadatas.timeZone.edit.label).toBe('Zona waktu');
  });
});

describe('deadlines in local working hours, documents and notices in the local zone', () => {
  // Step 1 is the head's (camat role): the head opens the run (issue #16).
  const submit = async (staf: Person, head: Person, unitId: number, title: string) => {
    const created = await app.http().post(CM).set(bearer(staf)).send({ title, summary: 'Uji zona waktu', classification: 'setiap_saat', unit: unitId });
    expect(created.status).toBe(201);
    const res = await app.http().post('/ppid/runs').set(bearer(head)).send({ uid: ITEM, documentId: created.body.data.documentId });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  };
  const runRow = (id: string) => app.strapi.db.query('plugin::ppid.run').findOne({ where: { documentId: id } });
  const logsOf = async (id: string) =>
    app.strapi.db.query('plugin::ppid.step-log').findMany({ where: { run: (await runRow(id)).id }, orderBy: { id: 'asc' } });

  it('submitted at one instant: Friday 16:30 WITA + 1 hour is Monday 08:30 WITA; Friday 15:30 WIB + 1 hour is Friday 16:30 WIB', async () => {
    setNow('2026-01-09T08:30:00Z'); // Friday 16:30 WITA = 15:30 WIB
    runIds.palaran = await submit(palaran.stafp, palaran.camatp, unit.palaran, 'Jadwal pelayanan Kecamatan Palaran');
    runIds.kalteng = await submit(kalteng.stafk, kalteng.camatk, unit.kalteng, 'Jadwal pelayanan Diskominfo Kalteng');
    expect(new Date((await runRow(runIds.palaran)).stepDeadline).toISOString()).toBe('2026-01-12T00:30:00.000Z');
    expect(new Date((await runRow(runIds.kalteng)).stepDeadline).toISOString()).toBe('2026-01-09T09:30:00.000Z');
    for (const id of [runIds.palaran, runIds.kalteng]) expect((await logsOf(id))[0].standardMinutes).toBe(60);
  });

  it("the step's notice gives the deadline in the unit's zone", async () => {
    const noticeOf = async (who: Person) => {
      const res = await app.http().get('/ppid/notifications').set(bearer(who));
      return (res.body.data as any[]).find((n) => n.event === 'step_active')!.body as string;
    };
    const p = await noticeOf(palaran.camatp);
    expect(p).toContain('Tenggat: 2026-01-12 08:30 WITA');
    expect(p).not.toContain('WIB');
    expect(await noticeOf(kalteng.camatk)).toContain('Tenggat: 2026-01-09 16:30 WIB');
  });

  it('acted on Monday 00:15Z: on time in Palaran (08:15 WITA), late in Kalteng (07:15 WIB); working minutes on the local clock', async () => {
    setNow('2026-01-12T00:15:00Z');
    for (const [id, who] of [[runIds.palaran, palaran.camatp], [runIds.kalteng, kalteng.camatk]] as const) {
      const res = await app.http().post(`/ppid/runs/${id}/acts`).set(bearer(who)).send({ act: 'approve' });
      expect(res.status).toBe(200);
    }
    const [p] = await logsOf(runIds.palaran);
    const [k] = await logsOf(runIds.kalteng);
    expect([p.breached, p.workingMinutes]).toEqual([false, 45]); // Monday 07:30-08:15 WITA
    expect([k.breached, k.workingMinutes]).toEqual([true, 60]); // Friday 15:30-16:30 WIB
  });

  it("the approval form prints its times in the run's zone: WITA for Palaran, WIB for Kalteng", async () => {
    setNow('2026-01-12T01:00:00Z');
    const form = async (id: string) => {
      const res = await app.http().get(`/ppid/runs/${id}/form.pdf`).set(bearer(admin)).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      // A table cell may wrap the time before its zone: read the words as one text.
      return linesOf(res.body).join(' ');
    };
    // Records are sealed at the real time (not the test clock): the camat's paraf, read locally.
    const signedAt = async (id: string) => {
      const records = await ppid().service('records').forRun(id);
      return new Date(records.find((r: any) => r.stepNumber === 1 && r.kind !== 'submit').signedAt);
    };
    const local = (d: Date, hours: number) => {
      const l = new Date(d.getTime() + hours * 3_600_000).toISOString();
      return `${l.slice(8, 10)}-${l.slice(5, 7)}-${l.slice(0, 4)} ${l.slice(11, 16)}`;
    };
    const p = await form(runIds.palaran);
    expect(p).toContain('Waktu (WITA)');
    expect(p).toContain(`${local(await signedAt(runIds.palaran), 8)} WITA`);
    expect(p).toContain('dicetak 12-01-2026 09:00 WITA');
    expect(p).not.toMatch(/\bWIB\b/);

    const k = await form(runIds.kalteng);
    expect(k).toContain('Waktu (WIB)');
    expect(k).toContain(`${local(await signedAt(runIds.kalteng), 7)} WIB`);
    expect(k).toContain('dicetak 12-01-2026 08:00 WIB');
    expect(k).not.toMatch(/\bWITA\b/);
  });
});
