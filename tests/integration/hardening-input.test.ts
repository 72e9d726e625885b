import fc from 'fast-check';
import { startApp, TestApp } from '../helpers/strapi';
import { login } from '../helpers/people';

// Malformed input on every plugin route (enumerated from the router, so new routes are covered
// as they land): wrong types, missing fields, huge strings, unknown ids, injection attempts in
// filters, broken files for import. Never a 5xx, a 4xx wherever the input cannot be right, and
// nothing written. fast-check gives breadth; numRuns stays small so the file stays fast.
let app: TestApp;
let admin: { Authorization: string };
type Route = { method: string; path: string };
let routes: Route[];

const SUPER = { email: 'super.hardening@example.go.id', password: 'Rahasia-Super-123' };

beforeAll(async () => {
  app = await startApp();
  const superRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  await app.strapi.plugin('ppid').service('directory').ensureUser({ ...SUPER, firstname: 'Super', lastname: 'Admin', roles: [superRole.id] });
  admin = { Authorization: `Bearer ${await login(app, SUPER.email, SUPER.password)}` };
  routes = [];
  for (const layer of app.strapi.server.listRoutes() as any[]) {
    const path = String(layer.path);
    if (!/^\/(api\/)?ppid(\/|$)/.test(path)) continue;
    for (const method of layer.methods as string[]) if (method !== 'HEAD') routes.push({ method, path });
  }
});
afterAll(async () => {
  await app?.stop();
});

const HUGE = 'x'.repeat(200_000);
const INJECTIONS = [
  "' OR '1'='1",
  '1; DROP TABLE ppid_runs; --',
  '{"$ne":null}',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '%00',
  '${7*7}',
  '__proto__',
];
const badId = fc.oneof(
  fc.constantFrom(...INJECTIONS, HUGE.slice(0, 5000), '0', '-1', '999999999', '1e309', 'null', 'undefined', 'NaN', 'api::nope.nope'),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
  fc.integer({ min: 900000, max: 2 ** 31 - 1 }).map(String)
);
const wrong = fc.oneof(
  fc.constant(HUGE),
  fc.constantFrom(...INJECTIONS),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.record({ $ne: fc.constant(null) }),
  fc.record({ $gt: fc.constant('') })
);
// Every field name the plugin's bodies use, each with a wrong type or value.
const FIELDS = ['uid', 'documentId', 'locale', 'sopCode', 'act', 'step', 'expectedVersion', 'password', 'confirmIntent', 'comment', 'reason', 'externalRef', 'text', 'format', 'sopRole', 'adminRole', 'unit', 'role', 'user', 'from', 'to', 'startsAt', 'endsAt', 'capacity', 'contentType', 'isDefault', 'title', 'year', 'entries', 'filename', 'base64', 'name', 'conditions', 'classification', 'preferences', 'channels', 'decision', 'article', 'letter', 'enabled'];
const badBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), wrong, { minKeys: 1, maxKeys: 6 }),
  fc.constant(HUGE).map((s) => ({ text: s, uid: s, documentId: s, act: s })),
  fc.array(fc.anything(), { maxLength: 2 }),
  fc.constant({ act: 'approve', step: 'tiga', expectedVersion: 'x' })
);
const badQuery = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    "?filters[id][$eq]=1' OR '1'='1",
    '?filters[$or][0][password][$notNull]=true',
    '?filters[createdBy][password][$startsWith]=$2',
    '?sort=password:asc',
    '?populate[createdBy][fields][0]=password',
    '?pagination[pageSize]=-1&pagination[page]=abc',
    '?status=draft&publicationState=preview',
    `?q=${'y'.repeat(5000)}`,
    '?format=exe',
    '?filters[$where]=1=1'
  )
);

/** Rows in every plugin type and the governed app types: "nothing written" compares these. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const uid of Object.keys(app.strapi.contentTypes)) {
    if (!uid.startsWith('plugin::ppid.') && !uid.startsWith('api::')) continue;
    // Notifications are the plugin's own outbox: reading is not writing, but keep them too.
    out[uid] = await app.strapi.db.query(uid as any).count({});
  }
  return out;
}

function fill(path: string, id: string) {
  return path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(id));
}

function send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const agent = app.http() as any;
  let req = agent[method.toLowerCase()](url).set(headers);
  if (body !== undefined && method !== 'GET' && method !== 'DELETE') req = req.send(body as any);
  return req;
}

const headersFor = (path: string) => (path.startsWith('/api/') ? {} : admin);

describe('malformed input on every plugin route', () => {
  it('finds the plugin routes (admin under /ppid, public under /api/ppid)', () => {
    expect(routes.some((r) => r.path.startsWith('/ppid/'))).toBe(true);
    expect(routes.some((r) => r.path.startsWith('/api/ppid/'))).toBe(true);
    expect(routes.length).toBeGreaterThan(20);
  });

  it('unknown or hostile ids in the path: a 4xx, never a 5xx', async () => {
    const withParams = routes.filter((r) => /:[A-Za-z]/.test(r.path));
    const seen: string[] = [];
    await fc.assert(
      fc.asyncProperty(badId, badQuery, async (id, query) => {
        for (const r of withParams) {
          const res = await send(r.method, fill(r.path, id) + query, r.method === 'GET' || r.method === 'DELETE' ? undefined : {}, headersFor(r.path));
          if (res.status < 400 || res.status >= 500) seen.push(`${r.method} ${r.path} id=${id.slice(0, 40)} q=${query.slice(0, 60)} -> ${res.status}`);
        }
      }),
      { numRuns: 6 }
    );
    expect(seen).toEqual([]);
  });

  it('wrong types, missing fields and huge strings in bodies: a 4xx, never a 5xx, nothing written', async () => {
    const writes = routes.filter((r) => r.method !== 'GET');
    const before = await counts();
    const seen: string[] = [];
    await fc.assert(
      fc.asyncProperty(badBody, badId, async (body, id) => {
        for (const r of writes) {
          const res = await send(r.method, fill(r.path, id), body, headersFor(r.path));
          if (res.status < 400 || res.status >= 500) seen.push(`${r.method} ${r.path} body=${JSON.stringify(body).slice(0, 80)} -> ${res.status}`);
        }
      }),
      { numRuns: 8 }
    );
    expect(seen).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('every GET answers hostile filters, sort and populate without a 5xx or a leak', async () => {
    const gets = routes.filter((r) => r.method === 'GET');
    const seen: string[] = [];
    await fc.assert(
      fc.asyncProperty(badQuery, async (query) => {
        for (const r of gets) {
          const res = await send('GET', fill(r.path, 'x') + query, undefined, headersFor(r.path));
          if (res.status >= 500) seen.push(`GET ${r.path}${query.slice(0, 60)} -> ${res.status}`);
          if (/\$2[aby]\$/.test(JSON.stringify(res.body ?? ''))) seen.push(`GET ${r.path}${query.slice(0, 60)} leaked a password hash`);
        }
      }),
      { numRuns: 10 }
    );
    expect(seen).toEqual([]);
  });

  it('broken files for the import routes: a 400, nothing written', async () => {
    const before = await counts();
    const files = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 4000 }).map((b) => Buffer.from(b)),
      fc.constant(Buffer.from('PK\u0003\u0004 not really a zip')),
      fc.constant(Buffer.from('nomor;ringkasan\n1;"unterminated')),
      fc.constant(Buffer.from('\ufeff,,,,\n,,,,\n'))
    );
    const names = fc.constantFrom('dip.csv', 'dip.xlsx', 'dip.pdf', 'dip.exe', '../../x.csv', 'noextension');
    const seen: string[] = [];
    await fc.assert(
      fc.asyncProperty(files, names, async (data, filename) => {
        const multipart = await app.http().post('/ppid/dip/import').set(admin).attach('file', data, filename);
        if (multipart.status !== 400) seen.push(`multipart ${filename} -> ${multipart.status} ${JSON.stringify(multipart.body).slice(0, 120)}`);
        const json = await app.http().post('/ppid/dip/import').set(admin).send({ filename, base64: data.toString('base64') });
        if (json.status !== 400) seen.push(`json ${filename} -> ${json.status}`);
        for (const format of ['yaml', 'json']) {
          const sop = await app.http().post('/ppid/sops/import').set(admin).send({ text: data.toString('utf8'), format });
          if (sop.status !== 400) seen.push(`sop ${format} -> ${sop.status}`);
        }
      }),
      { numRuns: 8 }
    );
    expect(seen).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});
