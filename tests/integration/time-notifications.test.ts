import http from 'http';
import type { AddressInfo } from 'net';
import { startApp, TestApp } from '../helpers/strapi';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance';
import { bearer, login, peopleFor, Person } from '../helpers/people';

// Time standards on the working calendar, deadline reminders (exactly once, even with two app
// instances on one PostgreSQL database), notifications with real mail, webhooks and reports.
// The plugin clock is moved by the test; WIB = UTC+7.
const UID = 'api::information-item.information-item';
const SOP = 'palaran-publikasi-website';
const CM = `/content-manager/collection-types/${UID}`;
const TWO_INSTANCES = process.env.DATABASE_CLIENT === 'postgres';

const wib = (local: string) => new Date(`${local}+07:00`);
const FRIDAY_1630 = wib('2026-01-09T16:30:00'); // closing time on a Friday
const MONDAY_0830 = wib('2026-01-12T08:30:00');

type Mail = { to: string[]; raw: string; subject: string; text: string };
const mails: Mail[] = [];
const hooks: any[] = [];
let smtp: any;
let hookServer: http.Server;

let app: TestApp;
let p: Record<string, Person>;
let admin: Person;
let unitId: number;

const ppid = (a: TestApp = app) => a.strapi.plugin('ppid');
const setNow = (d: Date) => ppid().service('clock').setNow(d);
const act = (who: Person, runId: string, body: Record<string, unknown>) =>
  app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send(body);
const sign = (who: Person) => ({ act: 'approve', password: who.password, confirmIntent: true });

/** Waits (polling, no fixed sleep) until `probe` returns something truthy. */
async function waitFor<T>(probe: () => T | undefined | null | false, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function parseMail(raw: string): { subject: string; text: string } {
  const unfolded = raw.replace(/\r\n[ \t]+/g, ' ');
  const subject = /^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '';
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  // Quoted-printable: soft line breaks, then =XX bytes.
  const text = Buffer.from(
    body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
  return { subject, text };
}

const notificationsOf = async (who: Person, event?: string) => {
  const res = await app.http().get('/ppid/notifications').set(bearer(who));
  expect(res.status).toBe(200);
  return (res.body.data as any[]).filter((n) => !event || n.event === event);
};

beforeAll(async () => {
  const { SMTPServer } = require('smtp-server');
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream: NodeJS.ReadableStream, session: any, cb: (e?: Error) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        mails.push({ to: session.envelope.rcptTo.map((r: any) => r.address), raw, ...parseMail(raw) });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  hookServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooks.push({ header: req.headers['x-strapi-event'], ...JSON.parse(body) });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));

  app = await startApp({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_IGNORE_TLS: 'true',
    SMTP_FROM: 'ppid@palaran.example.go.id',
  });
  const dir = ppid().service('directory');
  const kec = await dir.ensureUnit({ code: 'KEC-PALARAN', name: 'Kecamatan Palaran' });
  unitId = kec.id;
  p = await peopleFor(app, SOP, [
    { key: 'camat', sopRoles: ['camat'], jabatan: 'Camat Palaran', unit: kec.id },
    { key: 'sekcam', sopRoles: ['sekretaris'], jabatan: 'Sekretaris Kecamatan', unit: kec.id },
    { key: 'kasi', sopRoles: ['kasubbag-kasi'], jabatan: 'Kasi Pemerintahan', unit: kec.id },
    { key: 'jfu', sopRoles: ['staf'], jabatan: 'JFU Pengelola Informasi', unit: kec.id },
  ]);
  const superRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const password = 'Rahasia-Admin-123';
  const user = await dir.ensureUser({ email: 'admin.ppid@example.go.id', firstname: 'Admin', password, roles: [superRole.id] });
  admin = { id: user.id, email: user.email, password, token: await login(app, user.email, password), roleId: superRole.id };

  const webhook = await app.strapi.get('webhookStore').createWebhook({
    name: 'ppid test',
    url: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`,
    headers: {},
    events: ['ppid.step_active', 'ppid.published'],
    isEnabled: true,
  });
  app.strapi.get('webhookRunner').add(webhook);
});

afterAll(async () => {
  ppid()?.service('clock').setNow(null);
  await app?.stop();
  await new Promise((r) => smtp?.close(r));
  await new Promise((r) => hookServer?.close(r));
});

async function createItem(title: string, extra: Record<string, unknown> = {}) {
  const res = await app
    .http()
    .post(CM)
    .set(bearer(p.jfu))
    .send({ title, summary: 'Kegiatan rutin kecamatan', classification: 'setiap_saat', unit: unitId, ...extra });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
}

async function submit(documentId: string, who: Person = p.camat) {
  // Step 1 (instruct) is the Camat's: the Camat (or their Plt) opens the run (issue #16).
  const res = await app.http().post('/ppid/runs').set(bearer(who)).send({ uid: UID, documentId });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

const stepLogs = async (runId: string) => {
  const run = await app.strapi.db.query('plugin::ppid.run').findOne({ where: { documentId: runId } });
  return app.strapi.db.query('plugin::ppid.step-log').findMany({ where: { run: run.id }, orderBy: { id: 'asc' } });
};

describe('time standards, notifications, webhooks and reports', () => {
  let runId: string;
  let documentId: string;

  it('submitted Friday 16:30 WIB: step 1 (1 hour) falls due Monday 08:30, stored on the step log', async () => {
    setNow(FRIDAY_1630);
    documentId = await createItem('Kerja bakti RT 12', { publicationDate: wib('2026-01-12T11:00:00').toISOString() });
    runId = await submit(documentId);
    const view = await app.http().get(`/ppid/runs/${runId}`).set(bearer(p.camat));
    expect(view.body.data.currentStep.dueAt).toBe(MONDAY_0830.toISOString());
    const [log] = await stepLogs(runId);
    expect(new Date(log.startedAt).toISOString()).toBe(FRIDAY_1630.toISOString());
    expect(new Date(log.deadline).toISOString()).toBe(MONDAY_0830.toISOString());
    expect(log.standardMinutes).toBe(60);
  });

  it('notifies the step role holders in the panel, and by mail once the mail pass runs', async () => {
    const mine = await notificationsOf(p.camat, 'step_active');
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toContain('Kerja bakti RT 12');
    expect(await notificationsOf(p.kasi, 'step_active')).toHaveLength(0);

    const sent = await ppid().service('notifications').flushMail();
    expect(sent).toBeGreaterThanOrEqual(1);
    const mail = await waitFor(() => mails.find((m) => m.to.includes(p.camat.email)), 'the mail to the camat');
    expect(mail.subject).toBe('[PPID] Tugas baru / New task: Kerja bakti RT 12');
    expect(mail.text).toContain('menunggu tindakan Anda');
    expect(mail.text).toContain('Tenggat: 2026-01-12 08:30 WIB');
    expect(mail.text).toContain('is waiting for your action');
    // Claimed: a second pass sends nothing more.
    expect(await ppid().service('notifications').flushMail()).toBe(0);

    const read = await app.http().post(`/ppid/notifications/${mine[0].id}/read`).set(bearer(p.camat));
    expect(read.status).toBe(200);
    expect(read.body.data.readAt).toBeTruthy();
    expect((await app.http().post(`/ppid/notifications/${mine[0].id}/read`).set(bearer(p.kasi))).status).toBe(404);
  });

  it('fires the Strapi webhook with the ppid.step_active event', async () => {
    const hook = await waitFor(() => hooks.find((h) => h.event === 'ppid.step_active' && h.run?.id === runId), 'the webhook');
    expect(hook.header).toBe('ppid.step_active');
    expect(hook.item.documentId).toBe(documentId);
    expect(hook.role).toBe('camat');
    const store = app.strapi.get('webhookStore');
    expect(store.getAllowedEvent('PPID_STEP_ACTIVE')).toBe('ppid.step_active');
    expect(store.getAllowedEvent('PPID_RETURNED')).toBe('ppid.returned');
  });

  describe(
    TWO_INSTANCES
      ? 'reminders sent exactly once across TWO app instances on one PostgreSQL database'
      : 'reminders sent exactly once by concurrent passes of one app instance (two instances need DATABASE_CLIENT=postgres)',
    () => {
      type Sent = { near: number; overdue: number; supervisor: number };
      let tickers: Array<() => Promise<Sent>>;
      let second: SecondInstance | null = null;
      const at = async (d: Date) => {
        setNow(d);
        await second?.setNow(d);
      };
      const tickAll = async () => {
        const results = await Promise.all(tickers.map((t) => t()));
        return results.reduce((a, r) => ({ near: a.near + r.near, overdue: a.overdue + r.overdue, supervisor: a.supervisor + r.supervisor }));
      };

      beforeAll(async () => {
        const first = () => ppid().service('reminders').tick();
        if (TWO_INSTANCES) {
          second = await startSecondInstance();
          const other = () => second!.service<Sent>('reminders', 'tick');
          tickers = [first, other, first, other];
        } else {
          tickers = [first, first, first];
        }
      });
      afterAll(async () => {
        await second?.stop();
      });

      it('nothing before 80% of the standard has elapsed in working time', async () => {
        await at(wib('2026-01-12T08:15:00')); // 45 of 60 working minutes: Friday evening and the weekend do not count
        expect(await tickAll()).toEqual({ near: 0, overdue: 0, supervisor: 0 });
      });

      it('near: once, to the camat', async () => {
        await at(wib('2026-01-12T08:20:00')); // 50 of 60
        expect(await tickAll()).toEqual({ near: 1, overdue: 0, supervisor: 0 });
        expect(await tickAll()).toEqual({ near: 0, overdue: 0, supervisor: 0 });
        expect(await notificationsOf(p.camat, 'deadline_near')).toHaveLength(1);
      });

      it('past the deadline: once, to the camat; the supervisor one standard period later', async () => {
        await at(wib('2026-01-12T08:45:00'));
        expect(await tickAll()).toEqual({ near: 0, overdue: 1, supervisor: 0 });
        await at(wib('2026-01-12T09:31:00'));
        expect(await tickAll()).toEqual({ near: 0, overdue: 0, supervisor: 1 });
        expect(await tickAll()).toEqual({ near: 0, overdue: 0, supervisor: 0 });
        expect(await notificationsOf(p.camat, 'deadline_overdue')).toHaveLength(1);
        // Supervisor of step 1 = the holders of the next step's role (staf).
        const esc = await notificationsOf(p.jfu, 'deadline_supervisor');
        expect(esc).toHaveLength(1);
        expect(esc[0].payload.supervisorRole).toBe('staf');
        const [log] = await stepLogs(runId);
        expect(log.nearNotifiedAt && log.overdueNotifiedAt && log.supervisorNotifiedAt).toBeTruthy();
      });
    },
  );

  it('a return notifies the correction step with the note and starts its own clock', async () => {
    setNow(wib('2026-01-12T10:00:00'));
    expect((await act(p.camat, runId, { act: 'approve' })).status).toBe(200);
    const logs = await stepLogs(runId);
    expect(logs[0].breached).toBe(true);
    expect(logs[0].workingMinutes).toBe(150); // Monday 07:30-10:00; Friday after 16:30 and the weekend are not working time
    setNow(wib('2026-01-12T10:30:00'));
    expect((await act(p.jfu, runId, { act: 'submit' })).status).toBe(200);
    setNow(wib('2026-01-12T11:00:00'));
    const ret = await act(p.kasi, runId, { act: 'return', comment: 'Lengkapi foto kegiatan.' });
    expect(ret.status).toBe(200);
    const step2 = ret.body.data.steps[1];
    expect(step2.startedAt).toBe(wib('2026-01-12T11:00:00').toISOString());
    expect(step2.firstStartedAt).toBe(wib('2026-01-12T10:00:00').toISOString());
    const returned = await notificationsOf(p.jfu, 'returned');
    expect(returned).toHaveLength(1);
    expect(returned[0].body).toContain('Catatan: Lengkapi foto kegiatan.');
  });

  it('preferences: a daily digest user gets one digest mail; bad input is a 400', async () => {
    const bad = await app.http().put('/ppid/notifications/preferences').set(bearer(p.sekcam)).send({ mode: 'weekly' });
    expect(bad.status).toBe(400);
    const ok = await app.http().put('/ppid/notifications/preferences').set(bearer(p.sekcam)).send({ mode: 'daily_digest' });
    expect(ok.status).toBe(200);
    expect((await app.http().get('/ppid/notifications/preferences').set(bearer(p.sekcam))).body.data.mode).toBe('daily_digest');

    expect((await act(p.jfu, runId, { act: 'submit' })).status).toBe(200);
    expect((await act(p.kasi, runId, { act: 'approve' })).status).toBe(200);
    await ppid().service('notifications').flushMail();
    expect(mails.filter((m) => m.to.includes(p.sekcam.email))).toHaveLength(0);
    expect(await ppid().service('notifications').sendDigests()).toBe(1);
    const digest = await waitFor(() => mails.find((m) => m.to.includes(p.sekcam.email)), 'the digest');
    expect(digest.subject).toBe('[PPID] Ringkasan harian / Daily digest (1)');
    expect(digest.text).toContain('Tugas baru / New task: Kerja bakti RT 12');
    expect(await ppid().service('notifications').sendDigests()).toBe(0);
  });

  it('publishing notifies everyone who acted in the run', async () => {
    expect((await act(p.sekcam, runId, sign(p.sekcam))).status).toBe(200);
    expect((await act(p.camat, runId, sign(p.camat))).status).toBe(200);
    expect((await act(p.kasi, runId, { act: 'handover' })).status).toBe(200);
    const done = await act(p.jfu, runId, { act: 'publish' });
    expect(done.status).toBe(200);
    expect(done.body.data.status).toBe('published');
    for (const who of ['camat', 'sekcam', 'kasi', 'jfu']) expect(await notificationsOf(p[who], 'published')).toHaveLength(1);
    expect(await notificationsOf(admin, 'published')).toHaveLength(0);
    await waitFor(() => hooks.find((h) => h.event === 'ppid.published'), 'the published webhook');
  });

  it('reports: step times against the standard, publications by class, refresh due, yearly', async () => {
    // A second run whose step 1 is done in time: Monday 13:00 -> 13:30.
    setNow(wib('2026-01-12T13:00:00'));
    const run2 = await submit(await createItem('Rapat koordinasi'));
    setNow(wib('2026-01-12T13:30:00'));
    expect((await act(p.camat, run2, { act: 'approve' })).status).toBe(200);
    // Berkala items published earlier (written directly: the refresh report only reads them).
    const items = app.strapi.db.query(UID as any);
    const old = { classification: 'berkala', summary: 'Laporan berkala', publishedAt: new Date().toISOString(), refreshMonths: 6 };
    await items.create({ data: { ...old, documentId: 'berkalalama000000000001', title: 'Laporan keuangan semester I', publicationDate: wib('2025-06-01T09:00:00').toISOString() } });
    await items.create({ data: { ...old, documentId: 'berkalabaru000000000001', title: 'Laporan keuangan semester II', publicationDate: wib('2025-12-01T09:00:00').toISOString() } });

    // An admin without the reports.read permission.
    const bare = await app.strapi.service('admin::role').create({ name: 'Tanpa izin laporan', description: '' });
    const dir = ppid().service('directory');
    const u = await dir.ensureUser({ email: 'tamu@example.go.id', firstname: 'Tamu', password: 'Rahasia-Tamu-123', roles: [bare.id] });
    const guest = { id: u.id, email: u.email, password: 'Rahasia-Tamu-123', token: await login(app, u.email, 'Rahasia-Tamu-123'), roleId: bare.id };
    const forbidden = await app.http().get('/ppid/reports/steps').set(bearer(guest));
    expect(forbidden.status).toBe(403);
    const unknown = await app.http().get('/ppid/reports/nope').set(bearer(admin));
    expect(unknown.status).toBe(400);

    const steps = await app.http().get('/ppid/reports/steps').set(bearer(admin));
    expect(steps.status).toBe(200);
    const step1 = steps.body.data.find((r: any) => r.sopCode === SOP && r.stepNumber === 1);
    expect(step1).toMatchObject({ unitCode: 'KEC-PALARAN', count: 2, medianMinutes: 90, p90Minutes: 150, standardMinutes: 60, breached: 1, breachedShare: 0.5 });

    const published = await app.http().get('/ppid/reports/published').set(bearer(admin));
    expect(published.body.data).toEqual(
      expect.arrayContaining([
        { month: '2026-01', classification: 'setiap_saat', count: 1 },
        { month: '2025-06', classification: 'berkala', count: 1 },
        { month: '2025-12', classification: 'berkala', count: 1 },
      ]),
    );

    const refresh = await app.http().get('/ppid/reports/refresh').set(bearer(admin));
    expect(refresh.body.data).toHaveLength(1);
    expect(refresh.body.data[0]).toMatchObject({ title: 'Laporan keuangan semester I', dueDate: '2025-12-01', refreshMonths: 6 });

    const yearly = await app.http().get('/ppid/reports/yearly').set(bearer(admin));
    expect(yearly.body.data).toEqual([
      { year: 2025, classification: 'berkala', published: 2 },
      { year: 2026, classification: 'setiap_saat', published: 1 },
    ]);

    const csv = await app.http().get('/ppid/reports/steps?format=csv').set(bearer(admin));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe('sopCode,stepNumber,role,unitCode,count,medianMinutes,p90Minutes,standardMinutes,breached,breachedShare,medianElapsedMinutes');
    expect(csv.text).toContain(`${SOP},1,camat,KEC-PALARAN,2,90,150,60,1,0.5`);

    const xlsx = await app.http().get('/ppid/reports/yearly?format=xlsx').set(bearer(admin)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const ExcelJS = require('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const ws = wb.getWorksheet('yearly');
    expect(ws.getRow(2).values.slice(1)).toEqual([2025, 'berkala', 2]);
  });

  it('the report CLI writes the same figures', async () => {
    const { GROUPS } = require('../../packages/strapi-plugin-ppid/server/src/cli');
    const out: string[] = [];
    const code = await GROUPS.report.commands.refresh.run(app.strapi, { _: [], flags: { format: 'csv' } }, { out: (l: string) => out.push(l), err: (l: string) => out.push(l) });
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('Laporan keuangan semester I');
    expect(out.join('\n')).not.toContain('semester II');
    const bad = await GROUPS.report.commands.steps.run(app.strapi, { _: [], flags: { format: 'pdf' } }, { out: () => {}, err: (l: string) => out.push(l) });
    expect(bad).toBe(2);
  });

  it('a Plt standing in for a deactivated camat is told of the step they can act on (and the camat is not)', async () => {
    setNow(wib('2026-01-13T09:00:00'));
    const [plt] = Object.values(await peopleFor(app, SOP, [{ key: 'pltcamat', sopRoles: [], jabatan: 'Plt. Camat Palaran', unit: unitId }]));
    const officials = app.strapi.db.query('plugin::ppid.official');
    const camat = await officials.findOne({ where: { user: p.camat.id } });
    const delegate = await officials.findOne({ where: { user: plt.id } });
    const created = await app
      .http()
      .post('/ppid/delegations')
      .set(bearer(admin))
      .send({ delegator: camat.id, delegate: delegate.id, capacity: 'plt', validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2026-12-31T00:00:00.000Z' });
    expect(created.status).toBe(201);
    const users = app.strapi.db.query('admin::user');
    await users.update({ where: { id: p.camat.id }, data: { isActive: false } });
    try {
      const title = 'Pemadaman listrik bergilir';
      // The camat is away: their Plt opens the run in the camat's capacity.
      const run = await submit(await createItem(title), plt);
      const told = (await notificationsOf(plt, 'step_active')).filter((n) => n.title.includes(title));
      expect(told).toHaveLength(1);
      // Nothing for the deactivated camat (the panel is closed to them; read the table).
      const toCamat = await app.strapi.db.query('plugin::ppid.notification').findMany({ where: { recipientId: p.camat.id, event: 'step_active' } });
      expect(toCamat.filter((n: any) => String(n.title).includes(title))).toHaveLength(0);
      // And the Plt can indeed act on that step, in the capacity the record states.
      const done = await act(plt, run, { act: 'approve' });
      expect(done.status).toBe(200);
      expect(done.body.data.currentStep?.number).not.toBe(1);
    } finally {
      await users.update({ where: { id: p.camat.id }, data: { isActive: true } });
    }
  });
});
