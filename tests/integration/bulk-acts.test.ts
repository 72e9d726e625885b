import { startApp, TestApp } from '../helpers/strapi';
import { login } from '../helpers/people';

// Bulk acts from Tugas Saya (issue #18), as the demo body's own officials of seed 000: the Kasi
// gives paraf on several items at once, the Sekretaris signs several at once. Each act is its own
// record in the chain; an item not at the official's step is refused on its own; a wrong password
// records nothing and counts once against the signer.
const ITEM = 'api::information-item.information-item';
const RECORD = 'plugin::ppid.signature-record';
const PASSWORD = 'Demo-PPID-2026!';
const mail = (k: string) => `${k}.palaran@demo.ppid.local`;

let app: TestApp;
const tok: Record<string, string> = {};
const as = (k: string) => ({ Authorization: `Bearer ${tok[k]}` });
let unitId: number;
const atStep3: string[] = [];
let atStep1: string;

const bulk = (k: string, body: Record<string, unknown>) => app.http().post('/ppid/acts/bulk').set(as(k)).send(body);

async function newRun(title: string): Promise<string> {
  const cm = await app.http().post(`/content-manager/collection-types/${ITEM}`).set(as('staf')).send({ title, summary: 'Kegiatan kecamatan.', classification: 'setiap_saat', unit: unitId });
  if (cm.status !== 201) throw new Error(`create: ${cm.status} ${JSON.stringify(cm.body)}`);
  const run = await app.http().post('/ppid/runs').set(as('camat')).send({ uid: ITEM, documentId: cm.body.data.documentId });
  if (run.status !== 201) throw new Error(`submit: ${run.status} ${JSON.stringify(run.body)}`);
  return run.body.data.id;
}
async function act(k: string, runId: string, body: Record<string, unknown>) {
  const r = await app.http().post(`/ppid/runs/${runId}/acts`).set(as(k)).send(body);
  if (r.status !== 200) throw new Error(`${k} ${body.act}: ${r.status} ${JSON.stringify(r.body)}`);
}
const recordsOf = async (runId: string, kind: string) =>
  ((await app.strapi.plugin('ppid').service('records').forRun(runId)) as any[]).filter((r) => r.kind === kind);
const attempts = async (email: string) => {
  const user = await app.strapi.db.query('admin::user').findOne({ where: { email } });
  return app.strapi.db.query('plugin::ppid.signing-attempt').findMany({ where: { userId: user.id } });
};

beforeAll(async () => {
  app = await startApp({ NODE_ENV: 'development', PPID_DEMO_SEED: 'true' });
  for (const k of ['staf', 'camat', 'kasubbag-kasi', 'sekretaris']) tok[k] = await login(app, mail(k), PASSWORD);
  unitId = (await app.strapi.db.query('plugin::ppid.unit').findOne({ where: { code: 'PALARAN' } })).id;
  for (const title of ['Jadwal posyandu Kelurahan Bukuan', 'Laporan kerja bakti Kelurahan Handil Bakti', 'Pengumuman lomba kebersihan Kelurahan Simpang Pasir']) {
    const runId = await newRun(title);
    await act('camat', runId, { act: 'approve' });
    await act('staf', runId, { act: 'submit' });
    atStep3.push(runId);
  }
  atStep1 = await newRun('Rencana musrenbang Kelurahan Rawa Makmur'); // waits on the Camat
}, 600000);
afterAll(async () => {
  await app?.stop();
});

describe('bulk acts', () => {
  it('refuses an empty list, a repeated item and more than 50 items, naming the field', async () => {
    for (const runIds of [[], [atStep3[0], atStep3[0]], Array.from({ length: 51 }, (_, i) => `run-${i}`)]) {
      const res = await bulk('kasubbag-kasi', { act: 'approve', runIds, confirmIntent: true });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain('runIds');
    }
    expect((await bulk('kasubbag-kasi', { act: 'return', runIds: [atStep3[0]] })).status).toBe(400);
    expect(await app.strapi.db.query(RECORD).count({ where: { kind: 'paraf' } })).toBe(1); // the demo's own item only
  });

  it('the Kasi gives paraf on three items at once: three records, each in its own run; the fourth item is refused on its own', async () => {
    const before = await app.strapi.db.query(RECORD).count({});
    const res = await bulk('kasubbag-kasi', { act: 'approve', runIds: [atStep3[0], atStep1, atStep3[1], atStep3[2]], confirmIntent: true });
    expect(res.status).toBe(200);
    const { results, done, failed } = res.body.data;
    expect({ done, failed }).toEqual({ done: 3, failed: 1 });
    expect(results.map((r: any) => [r.runId, r.status])).toEqual([[atStep3[0], 200], [atStep1, 403], [atStep3[1], 200], [atStep3[2], 200]]);
    const refused = results[1];
    expect(refused).toMatchObject({ ok: false, title: 'Rencana musrenbang Kelurahan Rawa Makmur', error: { details: { reason: 'wrong_role' } } });
    expect(results[0]).toMatchObject({ ok: true, title: 'Jadwal posyandu Kelurahan Bukuan', run: { status: 'in_progress', currentStep: 4 }, records: [{ kind: 'paraf', stepNumber: 3 }] });

    expect(await app.strapi.db.query(RECORD).count({})).toBe(before + 3);
    for (const runId of atStep3) {
      const paraf = await recordsOf(runId, 'paraf');
      expect(paraf).toHaveLength(1);
      expect(paraf[0].intent).toMatch(/membubuhkan paraf/);
      expect(paraf[0].signer.jabatan).toBe('Kasi Pemerintahan');
      const view = await app.http().get(`/ppid/runs/${runId}`).set(as('kasubbag-kasi'));
      expect(view.body.data.currentStep).toMatchObject({ number: 4, recordKind: 'tanda_tangan' });
    }
    // Three separate acts: three records with their own verification codes, each chained after the last.
    const codes = results.filter((r: any) => r.ok).map((r: any) => r.records[0].verificationCode);
    expect(new Set(codes).size).toBe(3);
    // The refused item was not touched.
    expect(await app.strapi.db.query(RECORD).count({ where: { runDocumentId: atStep1, kind: { $ne: 'submit' } } })).toBe(0);
    const still = await app.http().get(`/ppid/runs/${atStep1}`).set(as('camat'));
    expect(still.body.data.currentStep.number).toBe(1);
    expect((await app.strapi.plugin('ppid').service('records').verifyChains()).ok).toBe(true);
  });

  it('an item that moved on meanwhile gets its own 403/409; the others are unaffected', async () => {
    // The Kasi's items are at step 4 now: a second paraf on them is not the Kasi's to give.
    const res = await bulk('kasubbag-kasi', { act: 'approve', runIds: [atStep3[0]], confirmIntent: true });
    expect(res.status).toBe(200);
    expect(res.body.data.results[0]).toMatchObject({ ok: false, status: 403, error: { details: { reason: 'wrong_role' } } });
    // With the step the Kasi saw (as the panel sends it): the run moved on, a 409 for that item alone.
    const seen = await bulk('kasubbag-kasi', { act: 'approve', runIds: [atStep3[0], atStep1], steps: { [atStep3[0]]: 3, [atStep1]: 1 }, confirmIntent: true });
    expect(seen.status).toBe(200);
    expect(seen.body.data.results.map((r: any) => [r.status, r.error?.details?.reason])).toEqual([[409, 'not_current_step'], [403, 'wrong_role']]);
    // Steps only for the listed runs, as whole numbers.
    for (const steps of [{ other: 3 }, { [atStep3[0]]: 'tiga' }, [3]]) {
      const bad = await bulk('kasubbag-kasi', { act: 'approve', runIds: [atStep3[0]], steps, confirmIntent: true });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.error)).toContain('steps');
    }
  });

  it('the Sekretaris signs: a wrong password records nothing and counts once against them', async () => {
    const before = await app.strapi.db.query(RECORD).count({});
    const tries = (await attempts(mail('sekretaris'))).length;
    const bad = await bulk('sekretaris', { act: 'approve', runIds: atStep3, password: 'salah-sekali', confirmIntent: true });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('password');
    expect(await app.strapi.db.query(RECORD).count({})).toBe(before);
    const after = await attempts(mail('sekretaris'));
    expect(after.length).toBe(tries + 1);
    expect(after.filter((a: any) => a.outcome === 'failure')).toHaveLength(1);
    expect(bad.body.error.message).toMatch(/sisa 4 percobaan/);
    // No statement, no password: refused for all, nothing recorded.
    expect((await bulk('sekretaris', { act: 'approve', runIds: atStep3, password: PASSWORD })).status).toBe(400);
    expect((await bulk('sekretaris', { act: 'approve', runIds: atStep3, confirmIntent: true })).status).toBe(400);
    expect(await app.strapi.db.query(RECORD).count({})).toBe(before);
  });

  it('the Sekretaris signs the three at once with one password: three tanda tangan records, the chain verifies', async () => {
    const before = await app.strapi.db.query(RECORD).count({});
    const res = await bulk('sekretaris', { act: 'approve', runIds: [...atStep3, atStep1], password: PASSWORD, confirmIntent: true });
    expect(res.status).toBe(200);
    expect(res.body.data.results.map((r: any) => r.status)).toEqual([200, 200, 200, 403]);
    expect(await app.strapi.db.query(RECORD).count({})).toBe(before + 3);
    for (const runId of atStep3) {
      const signed = await recordsOf(runId, 'tanda_tangan');
      expect(signed).toHaveLength(1);
      expect(signed[0]).toMatchObject({ stepNumber: 4, decision: 'approved' });
      expect(signed[0].intent).toMatch(/menandatanganinya secara elektronik/);
      expect(signed[0].signer.jabatan).toBe('Sekretaris Kecamatan');
    }
    expect((await app.strapi.plugin('ppid').service('records').verifyChains()).ok).toBe(true);
    // Each item reached the Camat's signature step on its own.
    const tasks = await app.http().get('/ppid/tasks').set(as('camat'));
    const mine = tasks.body.data.filter((t: any) => atStep3.includes(t.runId));
    expect(mine.map((t: any) => t.step)).toEqual(Array(3).fill(expect.objectContaining({ number: 5, recordKind: 'tanda_tangan', requiresPassword: true })));
  });
});
