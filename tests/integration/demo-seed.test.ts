import { startApp, TestApp } from '../helpers/strapi';

// The README's run command seeds a demo body once in development; a newcomer logs in with it.
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ NODE_ENV: 'development', PPID_DEMO_SEED: 'true' });
});
afterAll(async () => {
  await app?.stop();
});

it('seeds one user per SOP role, officials with valid NIPs, and items at different steps', async () => {
  const officials = await app.strapi.db.query('plugin::ppid.official').findMany({});
  expect(officials.length).toBe(15);
  for (const o of officials) expect(o.nip).toMatch(/^\d{18}$/);
  const runs = await app.strapi.db.query('plugin::ppid.run').findMany({ orderBy: { id: 'asc' } });
  expect(runs.map((r: any) => [r.status, r.currentStep])).toEqual([
    ['in_progress', 1],
    ['in_progress', 3],
    ['published', 7],
  ]);
  const login = await app.http().post('/admin/login').send({ email: 'kasubbag-kasi.palaran@demo.ppid.local', password: 'Demo-PPID-2026!' });
  expect(login.status).toBe(200);
  const tasks = await app.http().get('/ppid/tasks').set('Authorization', `Bearer ${login.body.data.token}`);
  expect(tasks.body.data.map((t: any) => t.item.title)).toEqual(['Kerja bakti RT 12 Kelurahan Rawa Makmur']);
  const pub = await app.http().get('/api/information-items');
  expect(pub.body.data.map((d: any) => d.title)).toEqual(['Profil Kecamatan Palaran']);
});

it('seeds only once', async () => {
  const again = await app.strapi.plugin('ppid').service('demo').seedOnce();
  expect(again).toBeNull();
});
