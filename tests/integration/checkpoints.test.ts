import fs from 'fs';
import os from 'os';
import path from 'path';
import http from 'http';
import { sign } from 'crypto';
import { spawn } from 'child_process';
import type { AddressInfo } from 'net';
import { startApp, TestApp } from '../helpers/strapi';
import { bearer, peopleFor, Person } from '../helpers/people';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { resolve: resolveCli } = require('../../packages/strapi-plugin-ppid/bin/cli.js');

// Signed checkpoints of the signature chain (issue #12): the head anchored outside the database.
// The chain starts with the configuration sealed at boot; more records are made by driving a
// seed-000 run. Checkpoints are sealed by the job's tick and by
// `npm run ppid -- checkpoint`, published on public routes, a webhook and a JSON Lines file, and
// `verify --checkpoint FILE|URL` catches what the chain alone does not: a restored older copy
// and a cut tail with its head row rewound.
const UID = 'api::information-item.information-item';
const RECORD = 'plugin::ppid.signature-record';
const CHECKPOINT = 'plugin::ppid.checkpoint';
const COUNTER = 'plugin::ppid.counter';
const SOP = 'palaran-publikasi-website';
const CM = `/content-manager/collection-types/${UID}`;
const ROOT = path.resolve(__dirname, '..', '..');
const FIELDS = ['at', 'hash', 'headHash', 'keyId', 'previous', 'recordCount', 'seq', 'signature'];

let app: TestApp;
let p: Record<string, Person>;
let tmp: string;
let keptFile: string;
let baseUrl: string;
const envBefore = { PPID_KEY_DIR: process.env.PPID_KEY_DIR, PPID_CHECKPOINT_FILE: process.env.PPID_CHECKPOINT_FILE };
const hooks: any[] = [];
let hookServer: http.Server;
let runId: string;
const cps: any[] = [];

const ppid = () => app.strapi.plugin('ppid');
const checkpoints = () => ppid().service('checkpoints');
const knex = () => app.strapi.db.connection;
const tableOf = (uid: string) => app.strapi.db.metadata.get(uid as any).tableName;
const RUN = 'plugin::ppid.run';
/** The runs' rows as they stood at each chain head reached by an act (for a consistent older copy). */
const runsAt = new Map<number, any[]>();
async function act(who: Person, run: string, body: Record<string, unknown>) {
  const res = await app.http().post(`/ppid/runs/${run}/acts`).set(bearer(who)).send(body);
  if (res.status === 200) runsAt.set(await lastSeq(), await knex()(tableOf(RUN)).select('*'));
  return res;
}
const lastSeq = async () => Number((await knex()(tableOf(RECORD)).max({ m: 'seq' }).first()).m);
const hashOf = async (seq: number) => (await knex()(tableOf(RECORD)).where({ seq }).first('hash')).hash as string;
const keptLines = () => fs.readFileSync(keptFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // argv resolved as the command line resolves it (the package's bin/cli.js), then run in this process.
  const resolved = resolveCli(argv);
  if (!resolved.command) return { code: resolved.code as number, out: '', err: resolved.text as string };
  const code = await ppid().service('cli').run(resolved.command, { out: (l: string) => out.push(l), err: (l: string) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `npm run ppid -- ...` in a child process against the same database, keys and file. */
function cliProcess(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/ppid.js'), ...args], { cwd: ROOT, env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A third party's copy of one checkpoint, as a file. */
function keep(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

async function waitFor<T>(probe: () => T | undefined | null | false, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An older consistent copy of the database: the records after `seq` gone, the head row rewound,
 * and the runs' rows (status, current step, state, ...) as they were when `seq` was the head.
 */
async function cutChainAfter(seq: number) {
  const runRows = runsAt.get(seq);
  if (!runRows) throw new Error(`no snapshot of the runs at seq ${seq}`);
  // JSON columns come back parsed on some engines (MariaDB, PostgreSQL): written back as text.
  const column = (v: unknown) => (v && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v);
  for (const { id, ...row } of runRows) {
    await knex()(tableOf(RUN)).where({ id }).update(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, column(v)])));
  }
  await knex()(tableOf(RECORD)).where('seq', '>', seq).del();
  await knex()(tableOf(COUNTER)).where({ name: 'signature-chain' }).update({ value: seq, last_hash: await hashOf(seq) });
  // ... and the checkpoints that named the removed records, with their lock row.
  await knex()(tableOf(CHECKPOINT)).where('seq', '>', seq).del();
  const last = await knex()(tableOf(CHECKPOINT)).orderBy('seq', 'desc').first('seq', 'hash');
  await knex()(tableOf(COUNTER)).where({ name: 'checkpoint-chain' }).update({ value: last?.seq ?? 0, last_hash: last?.hash ?? null });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-checkpoints-'));
  keptFile = path.join(tmp, 'kept', 'checkpoints.jsonl');
  hookServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooks.push({ header: req.headers['x-strapi-event'], ...JSON.parse(body) });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
  app = await startApp({ PPID_KEY_DIR: path.join(tmp, 'keys'), PPID_CHECKPOINT_FILE: keptFile });
  // A real listening server, for the URL form of verify --checkpoint.
  await new Promise<void>((r) => app.strapi.server.httpServer.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(app.strapi.server.httpServer.address() as AddressInfo).port}`;

  const dir = ppid().service('directory');
  const kec = await dir.ensureUnit({ code: 'KEC-PALARAN', name: 'Kecamatan Palaran' });
  p = await peopleFor(app, SOP, [
    { key: 'camat', sopRoles: ['camat'], jabatan: 'Camat Palaran', unit: kec.id },
    { key: 'sekcam', sopRoles: ['sekretaris'], jabatan: 'Sekretaris Kecamatan', unit: kec.id },
    { key: 'kasi', sopRoles: ['kasubbag-kasi'], jabatan: 'Kasi Pemerintahan', unit: kec.id },
    { key: 'jfu', sopRoles: ['staf'], jabatan: 'JFU Pengelola Informasi', unit: kec.id },
  ]);
  const item = await app.http().post(CM).set(bearer(p.jfu)).send({ title: 'Jadwal posyandu Kelurahan Bantuas', summary: 'Jadwal bulanan', classification: 'berkala', unit: kec.id });
  expect(item.status).toBe(201);
  const documentId = item.body.data.documentId;
  runId = (await app.http().post('/ppid/runs').set(bearer(p.camat)).send({ uid: UID, documentId })).body.data.id;

  const webhook = await app.strapi.get('webhookStore').createWebhook({
    name: 'komisi informasi',
    url: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`,
    headers: {},
    events: ['ppid.checkpoint'],
    isEnabled: true,
  });
  app.strapi.get('webhookRunner').add(webhook);
});

afterAll(async () => {
  await app?.stop();
  await new Promise((r) => hookServer?.close(r));
  for (const [k, v] of Object.entries(envBefore)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('signed checkpoints of the signature chain', () => {
  it('before any act the chain holds only the sealed configuration; the first tick seals a checkpoint over it', async () => {
    // No checkpoint yet: nothing published, nothing kept.
    expect((await app.http().get('/api/ppid/checkpoints/latest')).status).toBe(404);
    expect(await app.http().get('/api/ppid/checkpoints')).toMatchObject({ status: 200, body: { data: [], meta: { next: null } } });
    expect(fs.existsSync(keptFile)).toBe(false);

    // The chain is not empty: the configuration is sealed (on this fresh database the default SOP
    // bindings seeded at boot and the role mappings made above), and nothing else yet.
    const head = await lastSeq();
    expect(head).toBeGreaterThan(0);
    const rows = await knex()(tableOf(RECORD)).select('run_document_id', 'kind');
    expect(rows).toHaveLength(head);
    for (const r of rows) expect({ scope: String(r.run_document_id).slice(0, 4), kind: r.kind }).toEqual({ scope: 'gov:', kind: 'config' });
    const scopes = new Set(rows.map((r: any) => r.run_document_id));
    expect(scopes).toEqual(new Set(['gov:plugin::ppid.binding', 'gov:plugin::ppid.role-mapping']));

    const first = await checkpoints().tick();
    expect(first.reason).toBe('created');
    expect(Object.keys(first.checkpoint).sort()).toEqual(FIELDS);
    expect(first.checkpoint).toMatchObject({ seq: head, recordCount: head, headHash: await hashOf(head), previous: null });
    cps.push(first.checkpoint);
    expect(await checkpoints().tick()).toEqual({ checkpoint: null, reason: 'unchanged' });
    expect(keptLines()).toEqual(cps);
  });

  it('seals the head on demand (CLI prints it as JSON) and by the job; publishes it on the file and the webhook', async () => {
    expect((await act(p.camat, runId, { act: 'approve' })).status).toBe(200);
    const head = await lastSeq();
    expect(head).toBeGreaterThan(0);

    // `npm run ppid -- checkpoint` as the administrator runs it: stdout is the one line of JSON
    // alone (what the boot logs at the test's LOG_LEVEL goes to stderr), and nothing failed.
    const made = await cliProcess('checkpoint');
    expect(made.status).toBe(0);
    expect(made.stderr).not.toMatch(/error/i);
    expect(made.stdout.trim().split('\n')).toHaveLength(1);
    const cp = JSON.parse(made.stdout.trim());
    expect(Object.keys(cp).sort()).toEqual(FIELDS);
    const keys = (await app.http().get('/api/ppid/keys')).body;
    expect(cp).toMatchObject({ seq: head, recordCount: head, headHash: await hashOf(head), previous: { seq: cps[0].seq, hash: cps[0].hash }, keyId: keys.activeKeyId });
    cps.push(cp);

    // Nothing added: no new checkpoint, neither by the job nor on demand.
    expect(await checkpoints().tick()).toEqual({ checkpoint: null, reason: 'unchanged' });
    const again = await cli('checkpoint');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual(cp);
    expect(again.err).toContain('no new records');
    expect(await app.strapi.db.query(CHECKPOINT as any).count({})).toBe(2);

    // More records: the job seals the next checkpoint, naming the previous one.
    expect((await act(p.jfu, runId, { act: 'submit' })).status).toBe(200);
    expect((await act(p.kasi, runId, { act: 'approve' })).status).toBe(200);
    // Through the real cron job (off in tests, scheduled here and invoked rather than waited for).
    checkpoints().schedule(5);
    const job = app.strapi.cron.jobs.find((j: any) => j.name === 'ppidCheckpoint');
    // The server clock stepped back an hour (NTP): the checkpoint is still sealed, never dated
    // before the previous one.
    ppid().service('clock').setNow(new Date(Date.parse(cp.at) - 3600_000));
    try {
      expect(job.options.rule).toBe('*/5 * * * *');
      expect(job.job.nextInvocation().getMinutes() % 5).toBe(0);
      await job.job.invoke();
    } finally {
      app.strapi.cron.remove('ppidCheckpoint');
      ppid().service('clock').setNow(null);
    }
    const next = await checkpoints().latest();
    expect(next).toMatchObject({ seq: await lastSeq(), recordCount: await lastSeq(), previous: { seq: cp.seq, hash: cp.hash }, at: cp.at });
    // (The run's records since the CLI checkpoint: submit, then approve; test (a) cuts between them.)
    cps.push(next);

    expect(keptLines()).toEqual(cps);
    const hook = await waitFor(() => hooks.find((h) => h.event === 'ppid.checkpoint' && h.checkpoint?.seq === cps[2].seq), 'the checkpoint webhook');
    expect(hook.header).toBe('ppid.checkpoint');
    expect(hook.checkpoint).toEqual(cps[2]);
    expect(app.strapi.get('webhookStore').getAllowedEvent('PPID_CHECKPOINT')).toBe('ppid.checkpoint');
  });

  it('takes the interval from PPID_CHECKPOINT_INTERVAL (minutes, 1 to 60) and refuses anything else', () => {
    const before = process.env.PPID_CHECKPOINT_INTERVAL;
    try {
      delete process.env.PPID_CHECKPOINT_INTERVAL;
      expect(checkpoints().interval()).toBe(10);
      process.env.PPID_CHECKPOINT_INTERVAL = '15';
      expect(checkpoints().interval()).toBe(15);
      for (const bad of ['0', '61', '2.5', 'ten', '-1']) {
        process.env.PPID_CHECKPOINT_INTERVAL = bad;
        expect(() => checkpoints().interval()).toThrow(/PPID_CHECKPOINT_INTERVAL/);
      }
    } finally {
      if (before === undefined) delete process.env.PPID_CHECKPOINT_INTERVAL;
      else process.env.PPID_CHECKPOINT_INTERVAL = before;
    }
  });

  it('publishes the checkpoints to anyone, with nothing beyond the checkpoint fields', async () => {
    const latest = await app.http().get('/api/ppid/checkpoints/latest');
    expect(latest.status).toBe(200);
    expect(latest.body).toEqual({ data: cps[2] });

    const all = await app.http().get('/api/ppid/checkpoints?after=0');
    expect(all.status).toBe(200);
    expect(all.body.data).toEqual(cps);
    for (const c of all.body.data) expect(Object.keys(c).sort()).toEqual(FIELDS);
    expect(JSON.stringify(all.body)).not.toMatch(/"(id|documentId|createdAt|updatedAt|publishedAt|body)"/);

    expect((await app.http().get(`/api/ppid/checkpoints?after=${cps[1].seq}`)).body.data).toEqual([cps[2]]);
    const page = await app.http().get('/api/ppid/checkpoints?limit=1');
    expect(page.body).toEqual({ data: [cps[0]], meta: { after: 0, limit: 1, next: cps[0].seq } });
    expect((await app.http().get(`/api/ppid/checkpoints?after=${page.body.meta.next}&limit=1`)).body.data).toEqual([cps[1]]);
  });

  it('answers a bad after or limit with 400 naming the field', async () => {
    for (const q of ['after=abc', 'after=-1', 'after=1.5', 'after=1e3', 'after[$gt]=0', 'after=1&after=2', 'after=', 'after=99999999999999999']) {
      const res = await app.http().get(`/api/ppid/checkpoints?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.body.error.message).toMatch(/^after: /);
    }
    for (const q of ['limit=0', 'limit=101', 'limit=x']) {
      const res = await app.http().get(`/api/ppid/checkpoints?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.body.error.message).toMatch(/^limit: /);
    }
  });

  it('untampered: verify --checkpoint exits 0 for a JSON checkpoint, the JSONL file and the public URLs', async () => {
    expect((await cli('verify')).code).toBe(0);
    const one = await cli('verify', '--checkpoint', keep('cp0.json', cps[0]));
    expect(one).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: .*checkpoint/) });
    expect((await cli('verify', '--checkpoint', keptFile)).code).toBe(0);
    expect((await cli('verify', '--checkpoint', `${baseUrl}/api/ppid/checkpoints/latest`)).code).toBe(0);
    expect((await cli('verify', '--checkpoint', `${baseUrl}/api/ppid/checkpoints?after=0`)).code).toBe(0);
    const json = await cli('verify', '--json', '--checkpoint', keptFile);
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, checkpoints: { ok: true, source: keptFile, problems: [] } });

    const missing = await cli('verify', '--checkpoint', path.join(tmp, 'nope.jsonl'));
    expect(missing.code).toBe(2);
    const notFound = await cli('verify', '--checkpoint', `${baseUrl}/api/ppid/checkpoints/none`);
    expect(notFound).toMatchObject({ code: 2, err: expect.stringContaining('HTTP 404') });
  });

  it('rejects a checkpoint whose signature does not verify against the body keys; accepts one signed with a retired key', async () => {
    const { privateKey } = require('crypto').generateKeyPairSync('ed25519');
    const forged = { ...cps[1], signature: sign(null, Buffer.from(`ppid.checkpoint.v1:${cps[1].hash}`), privateKey).toString('base64') };
    const bad = await cli('verify', '--checkpoint', keep('forged.json', forged));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`checkpoint_bad_signature: checkpoint seq ${cps[1].seq}: signature does not verify`);
    const unknown = await cli('verify', '--checkpoint', keep('unknown.json', { ...cps[1], keyId: '0123456789abcdef' }));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('checkpoint_hash_mismatch');
    expect((await cli('verify', '--checkpoint', keep('garbage.jsonl', '{"seq":1}\nnot json'))).code).toBe(2);

    expect((await cli('keys', 'rotate')).code).toBe(0);
    const after = (await app.http().get('/api/ppid/keys')).body;
    expect(after.activeKeyId).not.toBe(cps[0].keyId);
    expect((await cli('verify', '--checkpoint', keptFile)).code).toBe(0);
  });

  it('(b) a restored older consistent copy: the chain verifies, the kept checkpoint does not', async () => {
    // Records after the third checkpoint, and a fourth checkpoint that a third party keeps.
    expect((await act(p.sekcam, runId, { act: 'approve', password: p.sekcam.password, confirmIntent: true })).status).toBe(200);
    // Two instances sealing at once: one checkpoint, the other stands back (no fork).
    const before = await app.strapi.db.query(CHECKPOINT as any).count({});
    const both = await Promise.all([checkpoints().create(), checkpoints().create()]);
    const reasons = both.map((r) => r.reason);
    expect(reasons.filter((r) => r === 'created')).toHaveLength(1);
    expect(reasons.find((r) => r !== 'created')).toMatch(/^(raced|unchanged)$/);
    expect(await app.strapi.db.query(CHECKPOINT as any).count({})).toBe(before + 1);
    const fourth = both.find((r) => r.reason === 'created')!.checkpoint;
    expect(fourth).toMatchObject({ previous: { seq: cps[2].seq, hash: cps[2].hash } });
    expect(fourth.keyId).not.toBe(cps[0].keyId);
    cps.push(fourth);
    const held = keep('fourth.json', fourth);
    expect((await cli('verify', '--checkpoint', held)).code).toBe(0);

    // A careless cut (records and head row, not the checkpoint rows): plain verify sees it in
    // the database's own checkpoints, without any file.
    const cutRows = await knex()(tableOf(RECORD)).where('seq', '>', cps[2].seq).select('seq');
    expect(cutRows.length).toBeGreaterThan(0);
    await knex()(tableOf(RECORD)).where('seq', '>', cps[2].seq).del();
    const fileEnv = process.env.PPID_CHECKPOINT_FILE;
    delete process.env.PPID_CHECKPOINT_FILE;
    try {
      const plain = await cli('verify');
      expect(plain.code).toBe(1);
      expect(plain.err).toContain(`checkpoint seq ${fourth.seq}: record ${fourth.seq} missing`);
    } finally {
      process.env.PPID_CHECKPOINT_FILE = fileEnv;
    }

    // The older copy: the records after checkpoint 3 and their head are gone, and the run stands where it stood then.
    await cutChainAfter(cps[2].seq);
    expect(await ppid().service('verification').verifyAll()).toMatchObject({ ok: true, problems: [] });
    // Plain verify still checks PPID_CHECKPOINT_FILE, kept outside the database.
    const withFile = await cli('verify');
    expect(withFile.code).toBe(1);
    expect(withFile.err).toContain(`record ${fourth.seq} missing`);

    const res = await cli('verify', '--checkpoint', held);
    expect(res.code).toBe(1);
    expect(res.err).toContain(`checkpoint_record_missing: checkpoint seq ${fourth.seq}: record ${fourth.seq} missing (chain has ${cps[2].seq} records, last seq ${cps[2].seq})`);
    const file = await cli('verify', '--checkpoint', keptFile);
    expect(file.code).toBe(1);
    expect(file.err).toContain(`record ${fourth.seq} missing`);
    // From the public URL of a second server that kept them (here: the file served back).
    const mirror = http.createServer((_req, r) => r.end(fs.readFileSync(keptFile)));
    await new Promise<void>((r) => mirror.listen(0, '127.0.0.1', r));
    try {
      const url = await cli('verify', '--checkpoint', `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/checkpoints.jsonl`);
      expect(url.code).toBe(1);
      expect(url.err).toContain(`record ${fourth.seq} missing`);
    } finally {
      await new Promise((r) => mirror.close(r));
    }

    // The job does not seal a new history over the copy its own file is ahead of.
    // The copy's run stands where it stood at checkpoint 3: the sekretaris signs (again).
    expect((await act(p.sekcam, runId, { act: 'approve', password: p.sekcam.password, confirmIntent: true })).status).toBe(200);
    const refused = await checkpoints().tick();
    expect(refused).toMatchObject({ checkpoint: null, reason: 'chain_problems' });
    expect(JSON.stringify(refused)).toContain(`record ${fourth.seq}`);
    expect(await app.strapi.db.query(CHECKPOINT as any).count({})).toBe(3);
  });

  it('(a) a cut tail with the head row rewound: verify --checkpoint names the missing record; a rewritten record is named too', async () => {
    const keepAt = cps[1].seq + 1;
    expect(keepAt).toBeLessThan(cps[2].seq);
    await cutChainAfter(keepAt);
    expect(await ppid().service('verification').verifyAll()).toMatchObject({ ok: true });

    const res = await cli('verify', '--checkpoint', keep('second.json', cps[2]));
    expect(res.code).toBe(1);
    expect(res.err).toContain(`checkpoint seq ${cps[2].seq}: record ${cps[2].seq} missing (chain has ${keepAt} records, last seq ${keepAt})`);
    // The first checkpoint still holds.
    expect((await cli('verify', '--checkpoint', keep('first.json', cps[1]))).code).toBe(0);

    // Rewrite the first checkpoint's head record (hash column and body): named as differing.
    const t = tableOf(RECORD);
    const row = await knex()(t).where({ seq: cps[1].seq }).first('body');
    const body = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
    const rewritten = { ...body, note: 'ditulis ulang', hash: 'f'.repeat(64) };
    await knex()(t).where({ seq: cps[1].seq }).update({ hash: rewritten.hash, body: JSON.stringify(rewritten) });
    const diff = await cli('verify', '--checkpoint', keep('first.json', cps[1]));
    expect(diff.code).toBe(1);
    expect(diff.err).toContain(`checkpoint_record_differs: checkpoint seq ${cps[1].seq}: record ${cps[1].seq} hash differs`);
  });
});
