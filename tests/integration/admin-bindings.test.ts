import fs from 'fs';
import path from 'path';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, peopleFor } from '../helpers/people';
import { runAtStep3, seed000, Seed000, UID } from '../helpers/hardening';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance';

// SOP bindings (which SOP governs which type): PUT and DELETE with validation and the rules of
// core/workflow/bindings.ts (one default per type; no change that strands open runs), the
// consequence-test type's default binding used by /decide, and binding changes reaching every
// instance through the settings version (services/settings-sync.ts).
// An ungoverned Draft & Publish type: the bench's fixture, registered for this test only.
const PLAIN = 'api::plain-item.plain-item';
const CT = 'plugin::ppid.consequence-test';
const SOP = 'palaran-publikasi-website';
const TWO_INSTANCES = process.env.DATABASE_CLIENT === 'postgres';

let app: TestApp;
let s: Seed000;
let admin: Record<string, string>;

const bindings = async () => (await app.http().get('/ppid/bindings').set(admin)).body.data as any[];
const bindingOf = async (type: string, sopCode: string) => (await bindings()).find((b) => b.contentType === type && b.sopCode === sopCode);
const post = (body: unknown) => app.http().post('/ppid/bindings').set(admin).send(body as any);
const put = (id: unknown, body: unknown) => app.http().put(`/ppid/bindings/${id}`).set(admin).send(body as any);
const del = (id: unknown) => app.http().delete(`/ppid/bindings/${id}`).set(admin);
const fieldOf = (res: any) => res.body?.error?.details?.field ?? res.body?.error?.details?.errors?.[0]?.path?.[0];

beforeAll(async () => {
  app = await startApp({ PPID_TEST_FIXTURES: 'plain-item' });
  s = await seed000(app, 'IKAT', 1);
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const password = 'Super-Ikat-123';
  await app.strapi.plugin('ppid').service('directory').ensureUser({ email: 'super.ikat@example.go.id', firstname: 'Super', password, roles: [role.id] });
  const token = await login(app, 'super.ikat@example.go.id', password);
  admin = { Authorization: `Bearer ${token}` };
});
afterAll(async () => {
  await app?.stop();
});

describe('validation: 400 naming the field', () => {
  it('create', async () => {
    const cases: [unknown, string][] = [
      [{ sopCode: SOP }, 'contentType'],
      [{ contentType: 'api::nope.nope', sopCode: SOP }, 'contentType'],
      [{ contentType: 'api::information-kind.information-kind', sopCode: SOP }, 'contentType'], // no Draft & Publish
      [{ contentType: 'plugin::ppid.run', sopCode: SOP }, 'contentType'],
      [{ contentType: PLAIN }, 'sopCode'],
      [{ contentType: PLAIN, sopCode: 'tidak-ada' }, 'sopCode'],
      [{ contentType: PLAIN, sopCode: SOP, isDefault: 'ya' }, 'isDefault'],
      [{ contentType: PLAIN, sopCode: SOP, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect([JSON.stringify(body), res.status, fieldOf(res)]).toEqual([JSON.stringify(body), 400, field]);
    }
  });

  it('update and delete', async () => {
    const b = await bindingOf(UID, SOP);
    expect(b.isDefault).toBe(true);
    for (const [body, field] of [
      [{ contentType: PLAIN }, 'contentType'],
      [{ sopCode: 'tidak-ada' }, 'sopCode'],
      [{ isDefault: 'ya' }, 'isDefault'],
      [{}, 'sopCode'],
    ] as const) {
      const res = await put(b.id, body);
      expect([JSON.stringify(body), res.status, fieldOf(res)]).toEqual([JSON.stringify(body), 400, field]);
    }
    for (const id of ['999999', 'abc', '1.5', '-1']) {
      expect((await put(id, { isDefault: true })).status).toBe(404);
      expect((await del(id)).status).toBe(404);
    }
  });
});

describe('one default per type', () => {
  it('a new default demotes the old one; the default cannot be unset or deleted while others remain; duplicates conflict', async () => {
    const kalteng = await bindingOf(UID, 'kalteng-pendokumentasian-publikasi');
    const palaran = await bindingOf(UID, SOP);
    expect((await post({ contentType: UID, sopCode: SOP })).status).toBe(409);
    expect((await put(kalteng.id, { sopCode: SOP })).status).toBe(409);

    const res = await put(kalteng.id, { isDefault: true });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: kalteng.id, isDefault: true });
    const defaults = (await bindings()).filter((b) => b.contentType === UID && b.isDefault);
    expect(defaults.map((b) => b.sopCode)).toEqual(['kalteng-pendokumentasian-publikasi']);
    expect(app.strapi.plugin('ppid').service('content').sopCodeFor(UID)).toBe('kalteng-pendokumentasian-publikasi');

    const unset = await put(kalteng.id, { isDefault: false });
    expect([unset.status, unset.body.error.details.reason]).toEqual([409, 'default_required']);
    const gone = await del(kalteng.id);
    expect([gone.status, gone.body.error.details.reason]).toEqual([409, 'default_required']);

    expect((await put(palaran.id, { isDefault: true })).status).toBe(200);
    expect((await bindings()).filter((b) => b.contentType === UID && b.isDefault).map((b) => b.sopCode)).toEqual([SOP]);
  });
});

describe('changes that would strand open runs are refused (409)', () => {
  it('an SOP with open runs of the type cannot be unbound or replaced; once the runs are closed it can', async () => {
    // Bind a second SOP to the type, open a run on it, then try to remove or move that binding.
    const pontianak = await bindingOf(UID, 'pontianak-dinsos-pengumuman');
    const runId = await runAtStep3(app, s, 'Ikatan: laporan dengan alur terbuka');
    const palaran = await bindingOf(UID, SOP);
    // Palaran has an open run: moving it to another SOP or deleting it strands the run.
    const move = await put(palaran.id, { sopCode: 'kutim-bkpsdm-penetapan-dip' });
    expect([move.status, move.body.error.details.reason]).toEqual([409, 'open_runs']);
    // Make another the default so that the delete rule tested is the open-runs one.
    expect((await put(pontianak.id, { isDefault: true })).status).toBe(200);
    const remove = await del(palaran.id);
    expect([remove.status, remove.body.error.details.reason]).toEqual([409, 'open_runs']);
    // Changing only which binding is the default strands nothing.
    expect((await put(palaran.id, { isDefault: true })).status).toBe(200);

    // The submitter (the Camat, who starts seed 000) cancels; then the Pontianak binding (no open runs) goes, and stays gone.
    expect((await app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(s.p.camat)).send({ act: 'cancel', reason: 'Uji ikatan' })).status).toBe(200);
    const ok = await del(pontianak.id);
    expect(ok.status).toBe(200);
    expect(await bindingOf(UID, 'pontianak-dinsos-pengumuman')).toBeUndefined();
    expect(app.strapi.plugin('ppid').service('content').bindings(UID).map((b: any) => b.sopCode)).not.toContain('pontianak-dinsos-pengumuman');
  });
});

describe('consequence tests run on the type’s default binding', () => {
  it('a body’s own SOP made the default is the one /decide starts', async () => {
    const file = path.join(__dirname, '..', '..', 'packages', 'strapi-plugin-ppid', 'sops', '100-uji-konsekuensi.yaml');
    const text = fs.readFileSync(file, 'utf8').replace(/^code: uji-konsekuensi$/m, 'code: uji-konsekuensi-badan');
    const imported = await app.http().post('/ppid/sops/import').set(admin).send({ text, format: 'yaml' });
    expect(imported.status).toBeLessThan(300);
    const u = await peopleFor(app, 'uji-konsekuensi-badan', [{ key: 'pelaksanabadan', sopRoles: ['ppid-pelaksana'], jabatan: 'PPID Pelaksana' }]);
    // The consequence tests page (classification.manage) and the pelaksana role of the body's own SOP only.
    await app.strapi.db.query('admin::permission').create({ data: { action: 'plugin::ppid.classification.manage', subject: null, properties: {}, conditions: [], role: u.pelaksanabadan.roleId } });
    const bound = await post({ contentType: CT, sopCode: 'uji-konsekuensi-badan', isDefault: true });
    expect(bound.status).toBe(201);
    expect((await bindings()).filter((b) => b.contentType === CT && b.isDefault).map((b) => b.sopCode)).toEqual(['uji-konsekuensi-badan']);

    const item = await app.strapi.documents(UID as any).create({ data: { title: 'Dokumen pengamanan', summary: 'Ringkasan', classification: 'dikecualikan', unit: s.unitId } as any });
    const test = await app.http().post('/ppid/consequence-tests').set(admin).send({
      itemDocumentId: item.documentId,
      informasi: 'Dokumen rencana pengamanan objek vital',
      badanPublik: 'Pemerintah Kabupaten Contoh',
      unit: 'Kecamatan Contoh',
      dasarHukum: { undangUndang: 'UU 14/2008', pasal: 'Pasal 17', hurufPasal17: 'c' },
      konsekuensiJikaDibuka: 'Membahayakan pertahanan dan keamanan',
      konsekuensiJikaDitutup: 'Publik tidak mengetahui rincian pengamanan',
      pertimbanganKepentinganPublik: 'Kepentingan keamanan lebih besar',
      masaPengecualianBerakhir: '2030-12-31',
      nomorKeputusan: '000.5/02/PPID/2026',
      tempatKeputusan: 'Contoh',
      tanggalKeputusan: '2026-01-15',
    });
    expect(test.status).toBe(201);
    const decide = await app.http().post(`/ppid/consequence-tests/${test.body.data.id}/decide`).set(bearer(u.pelaksanabadan)).send({});
    expect(decide.status).toBe(201);
    expect(decide.body.data.sop.code).toBe('uji-konsekuensi-badan');
  });
});

describe('binding changes reach every instance (settings version, no message bus)', () => {
  it('a binding written by another instance (straight to the database) gates the next write here', async () => {
    // What another instance does: insert the binding and bump the version, in SQL.
    const table = app.strapi.db.metadata.get('plugin::ppid.binding' as any).tableName;
    const draft = await app.strapi.documents(PLAIN as any).create({ data: { title: 'Salinan biasa', summary: 'Ringkasan' } as any });
    expect(app.strapi.plugin('ppid').service('content').isGoverned(PLAIN)).toBe(false);
    const [like] = await app.strapi.db.connection(table).select('*').limit(1);
    const { id: _id, ...rest } = like;
    await app.strapi.db.connection(table).insert({ ...rest, content_type: PLAIN, sop_code: SOP, is_default: true, document_id: 'ikatanlainx' });
    const counters = app.strapi.db.metadata.get('plugin::ppid.counter' as any).tableName;
    await app.strapi.db.connection(counters).where({ name: 'ppid:settings-version' }).increment('value', 1);

    await expect(app.strapi.documents(PLAIN as any).publish({ documentId: draft.documentId })).rejects.toThrow(/SOP/);
    expect(app.strapi.plugin('ppid').service('content').isGoverned(PLAIN)).toBe(true);

    await app.strapi.db.connection(table).where({ content_type: PLAIN }).delete();
    await app.strapi.db.connection(counters).where({ name: 'ppid:settings-version' }).increment('value', 1);
    await app.strapi.documents(PLAIN as any).publish({ documentId: draft.documentId });
    expect(app.strapi.plugin('ppid').service('content').isGoverned(PLAIN)).toBe(false);
  });

  // Two processes on one database need PostgreSQL (as in time-notifications); the test above covers every engine.
  if (TWO_INSTANCES) describe('two app instances on one PostgreSQL database', () => {
    let second: SecondInstance;
    beforeAll(async () => {
      second = await startSecondInstance();
    });
    afterAll(async () => {
      await second?.stop();
    });

    it('a binding made through one instance is gated on the other at once, and its removal too', async () => {
      const draft = await second.documents<any>(PLAIN, 'create', { data: { title: 'Salinan kedua', summary: 'Ringkasan' } });
      expect(await second.service('content', 'isGoverned', PLAIN)).toBe(false);
      const made = await post({ contentType: PLAIN, sopCode: SOP });
      expect(made.status).toBe(201);
      await expect(second.documents(PLAIN, 'publish', { documentId: draft.documentId })).rejects.toThrow(/publish_through_workflow|SOP/);
      expect(await second.service('content', 'isGoverned', PLAIN)).toBe(true);
      expect((await del(made.body.data.id)).status).toBe(200);
      await second.documents(PLAIN, 'publish', { documentId: draft.documentId });
      expect(await second.service('content', 'isGoverned', PLAIN)).toBe(false);
    });

    it('public reads on the other instance pick the change up within the refresh interval', async () => {
      expect(await second.service('content', 'isGoverned', PLAIN)).toBe(false);
      const made = await post({ contentType: PLAIN, sopCode: SOP });
      await second.service('settings-sync', 'ensureFresh');
      // Within the interval (default 1 s) the read path may still hold the old list; after it, never.
      await new Promise((r) => setTimeout(r, 5100));
      await second.service('settings-sync', 'ensureFresh');
      expect(await second.service('content', 'isGoverned', PLAIN)).toBe(true);
      expect((await del(made.body.data.id)).status).toBe(200);
    });
  });
});
