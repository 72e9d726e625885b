import { startApp, TestApp } from '../helpers/strapi';
import { bearer, login, Person } from '../helpers/people';
import { runAtStep3, seed000, Seed000 } from '../helpers/hardening';

// The permission matrix: every admin route of the plugin against every kind of caller (super
// admin, an editor without plugin permissions, a role with the plugin permissions, each SOP
// role, anonymous, API tokens of each kind), and every act against every caller. Admin routes
// refuse API tokens and anonymous callers; a route behind a plugin permission refuses whoever
// lacks it; acts follow the SOP role mapping only.
let app: TestApp;
let s: Seed000;
type Caller = { name: string; headers: Record<string, string>; kind: 'anonymous' | 'token' | 'admin'; pluginPerms: boolean; email?: string };
const callers: Caller[] = [];
type AdminRoute = { method: string; path: string; permissioned: boolean; actions: string[] };
/** The plugin actions each admin caller's roles hold, read from the database (super admin: all). */
const held = new Map<string, Set<string> | 'all'>();
let adminRoutes: AdminRoute[];

async function adminUser(email: string, roleId: number): Promise<string> {
  const password = 'Rahasia-Matrix-123';
  await app.strapi.plugin('ppid').service('directory').ensureUser({ email, firstname: 'Matrix', lastname: email.split('@')[0], password, roles: [roleId] });
  return login(app, email, password);
}

beforeAll(async () => {
  app = await startApp();
  const role = (code: string) => app.strapi.db.query('admin::role').findOne({ where: { code } });
  const superToken = await adminUser('super.matrix@example.go.id', (await role('strapi-super-admin')).id);
  const editorToken = await adminUser('editor.matrix@example.go.id', (await role('strapi-editor')).id);
  // A role holding every plugin permission (and nothing of the SOP).
  const pluginRole = await app.strapi.plugin('ppid').service('directory').ensureRole('Matrix: semua izin PPID');
  const { ACTIONS } = require('../../packages/strapi-plugin-ppid/server/src/platform/permissions');
  for (const a of ACTIONS) {
    await app.strapi.db.query('admin::permission').create({ data: { action: `plugin::ppid.${a.uid}`, subject: null, properties: {}, conditions: [], role: pluginRole.id } });
  }
  const pluginToken = await adminUser('ppid.matrix@example.go.id', pluginRole.id);
  s = await seed000(app, 'MATRIX', 1);

  const tokens = app.strapi.service('admin::api-token');
  const readOnly = await tokens.create({ name: 'matrix read-only', type: 'read-only', lifespan: null, permissions: [] });
  const full = await tokens.create({ name: 'matrix full-access', type: 'full-access', lifespan: null, permissions: [] });
  const custom = await tokens.create({ name: 'matrix custom', type: 'custom', lifespan: null, permissions: ['api::information-item.information-item.find', 'api::information-item.information-item.update'] });

  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
  callers.push(
    { name: 'anonymous', headers: {}, kind: 'anonymous', pluginPerms: false },
    { name: 'API token read-only', headers: auth(readOnly.accessKey), kind: 'token', pluginPerms: false },
    { name: 'API token full-access', headers: auth(full.accessKey), kind: 'token', pluginPerms: false },
    { name: 'API token custom', headers: auth(custom.accessKey), kind: 'token', pluginPerms: false },
    { name: 'super admin', headers: auth(superToken), kind: 'admin', pluginPerms: true },
    { name: 'editor without plugin permissions', headers: auth(editorToken), kind: 'admin', pluginPerms: false },
    { name: 'role with the plugin permissions', headers: auth(pluginToken), kind: 'admin', pluginPerms: true },
    ...(['camat', 'sekcam', 'jfu'] as const).map((k) => ({ name: `SOP role ${k}`, headers: bearer(s.p[k]), kind: 'admin' as const, pluginPerms: false })),
    { name: 'SOP role kasi', headers: bearer(s.kasis[0]), kind: 'admin', pluginPerms: false }
  );

  // Admin routes as the plugin declares them (policies included), checked against the router.
  const declared = (app.strapi.plugin('ppid').routes as any).admin.routes as any[];
  const mounted = new Set<string>();
  for (const layer of app.strapi.server.listRoutes() as any[]) for (const m of layer.methods) mounted.add(`${m} ${layer.path}`);
  adminRoutes = declared.map((r) => ({
    method: r.method,
    path: `/ppid${r.path}`,
    permissioned: (r.config?.policies ?? []).some((p: any) => typeof p === 'object' && p.name === 'admin::hasPermissions'),
    actions: (r.config?.policies ?? []).filter((p: any) => typeof p === 'object' && p.name === 'admin::hasPermissions').flatMap((p: any) => p.config.actions),
  }));
  for (const c of callers.filter((x) => x.kind === 'admin')) {
    const me = await app.http().get('/admin/users/me').set(c.headers);
    const roles = me.body.data.roles as { id: number; code: string }[];
    if (roles.some((r) => r.code === 'strapi-super-admin')) {
      held.set(c.name, 'all');
      continue;
    }
    const perms = await app.strapi.db.query('admin::permission').findMany({ where: { role: { id: { $in: roles.map((r) => r.id) } } } });
    held.set(c.name, new Set(perms.map((p: any) => p.action)));
  }
  // The matrix must contain both kinds of admin: with and without plugin permissions.
  expect([...held.values()].some((h) => h !== 'all' && ![...h].some((a) => a.startsWith('plugin::ppid.')))).toBe(true);
  for (const r of adminRoutes) expect(mounted.has(`${r.method} ${r.path}`)).toBe(true);
});
afterAll(async () => {
  await app?.stop();
});

function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const agent = app.http() as any;
  const url = path.replace(/:[A-Za-z]+/g, 'matrix-x');
  let req = agent[method.toLowerCase()](url).set(headers);
  if (method !== 'GET' && method !== 'DELETE') req = req.send(body ?? {});
  return req;
}
const policyRefusal = (res: any) => res.status === 403 && res.body?.error?.message === 'Policy Failed';

describe('permission matrix: admin routes', () => {
  it('covers every admin route of the plugin', () => {
    expect(adminRoutes.length).toBeGreaterThan(20);
    expect(adminRoutes.some((r) => r.permissioned)).toBe(true);
  });

  it('anonymous callers and API tokens of every kind are refused on every admin route (401/403)', async () => {
    const wrong: string[] = [];
    for (const c of callers.filter((x) => x.kind !== 'admin')) {
      for (const r of adminRoutes) {
        const res = await call(r.method, r.path, c.headers);
        if (res.status !== 401 && res.status !== 403) wrong.push(`${c.name}: ${r.method} ${r.path} -> ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // Which admin reaches which route is a table written in tests/integration/admin-authorization.test.ts
  // (route × persona → status), not derived from the routes' own policy lists.
});

describe('permission matrix: acts follow the SOP role mapping', () => {
  it('at each of steps 3, 4 and 5 of seed 000 only the mapped role acts; everyone else is refused', async () => {
    const runId = await runAtStep3(app, s, 'Matriks izin: laporan kegiatan');
    const steps: { step: number; who: string; body: (p: Person) => Record<string, unknown> }[] = [
      { step: 3, who: 'SOP role kasi', body: () => ({ act: 'approve', step: 3 }) },
      { step: 4, who: 'SOP role sekcam', body: (p) => ({ act: 'approve', step: 4, password: p.password, confirmIntent: true }) },
      { step: 5, who: 'SOP role camat', body: (p) => ({ act: 'approve', step: 5, password: p.password, confirmIntent: true }) },
    ];
    const person: Record<string, Person> = { 'SOP role kasi': s.kasis[0], 'SOP role sekcam': s.p.sekcam, 'SOP role camat': s.p.camat };
    for (const st of steps) {
      const body = st.body(person[st.who]);
      for (const c of callers.filter((x) => x.name !== st.who)) {
        for (const act of ['approve', 'return', 'publish', 'handover', 'cancel']) {
          const res = await call('POST', `/ppid/runs/${runId}/acts`, c.headers, { ...body, act, comment: 'uji matriks' });
          const expected = c.kind === 'admin' ? [400, 403] : [401, 403];
          if (!expected.includes(res.status)) throw new Error(`${c.name} ${act} at step ${st.step}: ${res.status} ${JSON.stringify(res.body?.error)}`);
          if (c.kind === 'admin') expect(res.status === 403 || act !== 'approve').toBe(true);
        }
      }
      const view = await app.http().get(`/ppid/runs/${runId}`).set(bearer(s.kasis[0]));
      expect(view.body.data.currentStep.number).toBe(st.step);
      const ok = await call('POST', `/ppid/runs/${runId}/acts`, bearer(person[st.who]), body);
      expect(ok.status).toBe(200);
      expect(ok.body.data.currentStep.number).toBe(st.step + 1);
    }
  });
});
