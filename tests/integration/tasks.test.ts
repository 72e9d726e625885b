import { startApp, TestApp } from '../helpers/strapi';
import { login, peopleFor, type Person } from '../helpers/people';

// Tugas Saya (GET /ppid/tasks) answers from the roles resolved once and one query over open runs
// (issue #17). Its answer must be what the rule gives run by run (actors.resolve per open run,
// as the list was computed before), for every official of the demo body and for officials of a
// sub-unit, of a sibling unit and acting as Plt; and nobody sees a run outside their step or unit.
const ITEM = 'api::information-item.information-item';
const SOP = 'palaran-publikasi-website';
const PASSWORD = 'Demo-PPID-2026!';

let app: TestApp;
const tokens: Record<string, { id: number; token: string }> = {};
let sibling: Record<string, Person>;
let plt: Person;
const runsAt: Record<string, string[]> = { palaran: [], bukuan: [], seberang: [] };

const svc = (name: string) => app.strapi.plugin('ppid').service(name);

/** The rule run by run, as the list was computed before: the step's role among the roles resolved for the run's unit. */
async function expectedTasks(userId: number): Promise<string[]> {
  const open = await app.strapi.db.query('plugin::ppid.run').findMany({ where: { status: { $in: ['in_progress', 'returned'] } }, populate: ['sop', 'unit'] });
  const out: string[] = [];
  for (const run of open as any[]) {
    const actor = await svc('actors').resolve(userId, run.sopCode, run.unit?.id ?? null);
    if (actor.roles.includes(run.sop.definition.steps[run.currentStep - 1].role)) out.push(run.documentId);
  }
  return out.sort();
}

async function tasksOf(token: string) {
  const res = await app.http().get('/ppid/tasks').set({ Authorization: `Bearer ${token}` });
  expect(res.status).toBe(200);
  return res.body.data as any[];
}

/** `by` opens the run: step 1's pelaksana, the Camat (issue #16). */
async function item(title: string, unit: number, by: number): Promise<string> {
  const doc = await app.strapi.documents(ITEM).create({ data: { title, summary: 'Ringkasan kegiatan.', classification: 'setiap_saat', unit } as any });
  return (await svc('workflow').submit({ uid: ITEM, documentId: doc.documentId }, by)).id;
}

beforeAll(async () => {
  app = await startApp({ NODE_ENV: 'development', PPID_DEMO_SEED: 'true' });
  const dir = svc('directory');
  const demo = await app.strapi.db.query('admin::user').findMany({ where: { email: { $endsWith: '@demo.ppid.local' } }, select: ['id', 'email'] });
  for (const u of demo as any[]) tokens[u.email] = { id: u.id, token: await login(app, u.email, PASSWORD) };
  const user = (email: string) => tokens[email].id;
  const pemda = await app.strapi.db.query('plugin::ppid.unit').findOne({ where: { code: 'PEMDA' } });
  const palaran = await app.strapi.db.query('plugin::ppid.unit').findOne({ where: { code: 'PALARAN' } });
  // A kelurahan under Kecamatan Palaran (Palaran's mappings cover it) and a sibling kecamatan.
  const bukuan = await dir.ensureUnit({ code: 'BUKUAN', name: 'Kelurahan Bukuan', parent: palaran.id });
  const seberang = await dir.ensureUnit({ code: 'SEBERANG', name: 'Kecamatan Samarinda Seberang', parent: pemda.id });
  sibling = await peopleFor(app, SOP, [
    { key: 'staf-seberang', sopRoles: ['staf'], jabatan: 'JFU Seberang', unit: seberang.id },
    { key: 'camat-seberang', sopRoles: ['camat'], jabatan: 'Camat Seberang', unit: seberang.id },
    { key: 'kasi-seberang', sopRoles: ['kasubbag-kasi'], jabatan: 'Kasi Seberang', unit: seberang.id },
  ]);
  // A Plt for the Camat of Palaran (no role of their own in the SOP).
  const [p] = Object.values(await peopleFor(app, 'plt-only', [{ key: 'plt-camat', sopRoles: [], jabatan: 'Plt. Camat Palaran' }]));
  plt = p;
  const official = (userId: number) => app.strapi.db.query('plugin::ppid.official').findOne({ where: { user: userId } });
  const day = 24 * 3600 * 1000;
  await app.strapi.db.query('plugin::ppid.delegation').create({
    data: {
      delegator: (await official(user('camat.palaran@demo.ppid.local'))).id,
      delegate: (await official(plt.id)).id,
      capacity: 'plt',
      validFrom: new Date(Date.now() - day).toISOString(),
      validUntil: new Date(Date.now() + 30 * day).toISOString(),
    },
  });

  const staf = user('staf.palaran@demo.ppid.local');
  const camat = user('camat.palaran@demo.ppid.local');
  runsAt.palaran.push(await item('Jadwal posyandu Palaran', palaran.id, camat));
  runsAt.bukuan.push(await item('Kerja bakti Kelurahan Bukuan', bukuan.id, camat));
  const moved = await item('Musrenbang Kelurahan Bukuan', bukuan.id, camat);
  await svc('workflow').act(moved, { act: 'approve' }, camat);
  await svc('workflow').act(moved, { act: 'submit' }, staf);
  runsAt.bukuan.push(moved); // at the Kasi's step
  runsAt.seberang.push(await item('Jadwal pelayanan Kecamatan Seberang', seberang.id, sibling['camat-seberang'].id));
  const back = await item('Profil Kecamatan Seberang', seberang.id, sibling['camat-seberang'].id);
  await svc('workflow').act(back, { act: 'approve' }, sibling['camat-seberang'].id);
  await svc('workflow').act(back, { act: 'submit' }, sibling['staf-seberang'].id);
  await svc('workflow').act(back, { act: 'return', comment: 'Lengkapi struktur organisasi.' }, sibling['kasi-seberang'].id);
  runsAt.seberang.push(back); // returned to the staf of Seberang
}, 600000);

afterAll(async () => {
  await app?.stop();
});

describe('Tugas Saya', () => {
  it('gives every official exactly the runs the rule gives run by run', async () => {
    const people = [...Object.values(tokens), ...Object.values(sibling).map((p) => ({ id: p.id, token: p.token })), { id: plt.id, token: plt.token }];
    let nonEmpty = 0;
    for (const p of people) {
      const got = (await tasksOf(p.token)).map((t) => t.runId).sort();
      expect({ user: p.id, tasks: got }).toEqual({ user: p.id, tasks: await expectedTasks(p.id) });
      if (got.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(5);
  });

  it('covers sub-units, and nobody sees a run outside their step or unit', async () => {
    const ids = async (email: string) => (await tasksOf(tokens[email].token)).map((t) => t.runId);
    const camat = await ids('camat.palaran@demo.ppid.local');
    expect(camat).toEqual(expect.arrayContaining([runsAt.palaran[0], runsAt.bukuan[0]])); // a kelurahan of Palaran
    expect(camat).not.toContain(runsAt.bukuan[1]); // at the Kasi's step
    for (const r of runsAt.seberang) expect(camat).not.toContain(r); // another kecamatan
    expect(await ids('kasubbag-kasi.palaran@demo.ppid.local')).toContain(runsAt.bukuan[1]);
    // Seberang's officials see their own unit's runs only, each at their own step.
    const stafSeberang = (await tasksOf(sibling['staf-seberang'].token)).map((t) => t.runId);
    expect(stafSeberang).toEqual([runsAt.seberang[1]]);
    const returned = (await tasksOf(sibling['staf-seberang'].token))[0];
    expect(returned).toMatchObject({ status: 'returned', returned: { comment: 'Lengkapi struktur organisasi.' }, unit: 'Kecamatan Samarinda Seberang' });
    expect((await tasksOf(sibling['camat-seberang'].token)).map((t) => t.runId)).toEqual([runsAt.seberang[0]]);
    // Another SOP's officials (Kalimantan Tengah) see none of Palaran's or Seberang's runs.
    for (const email of Object.keys(tokens).filter((e) => e.includes('.kalteng@'))) {
      for (const r of [...runsAt.palaran, ...runsAt.bukuan, ...runsAt.seberang]) expect(await ids(email)).not.toContain(r);
    }
  });

  it("a Plt sees the Camat's tasks, in the Camat's place", async () => {
    const mine = (await tasksOf(plt.token)).map((t) => t.runId).sort();
    const camat = (await tasksOf(tokens['camat.palaran@demo.ppid.local'].token)).map((t) => t.runId).sort();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine).toEqual(camat);
    const step = (await tasksOf(plt.token))[0].step;
    expect(step).toMatchObject({ role: 'camat', roleLabel: expect.any(String) });
  });

  it('is refused without a login', async () => {
    expect((await app.http().get('/ppid/tasks')).status).toBe(401);
  });
});
