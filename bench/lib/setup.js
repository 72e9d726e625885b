// Runs INSIDE a bench server (bench/server.js, via IPC): data setup with the real services, or
// bulk knex inserts where the services would take minutes (10,000 rows or runs).
const crypto = require('crypto');

const II = 'api::information-item.information-item';
const PLAIN = 'api::plain-item.plain-item';
const INDEXED = 'api::indexed-item.indexed-item';
const SOP = 'palaran-publikasi-website';
const CLASSES = ['berkala', 'serta_merta', 'setiap_saat'];
const docId = () => crypto.randomBytes(12).toString('hex').slice(0, 24);

async function columnsOf(knex, table) {
  return Object.keys(await knex(table).columnInfo());
}

/** Inserts rows keeping only columns the table has (schemas evolve under the bench). */
async function insert(knex, table, rows, chunk = 200) {
  const cols = new Set(await columnsOf(knex, table));
  const clean = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => cols.has(k))));
  const ids = [];
  for (let i = 0; i < clean.length; i += chunk) {
    const part = clean.slice(i, i + chunk);
    const res = await knex(table).insert(part, ['id']);
    ids.push(...res.map((r) => (typeof r === 'object' ? r.id : r)));
  }
  // SQLite returns only the last id for a multi-row insert on old drivers: re-read if short.
  if (ids.length !== clean.length) {
    const got = await knex(table).select('id').whereIn('document_id', clean.map((r) => r.document_id)).orderBy('id');
    return got.map((g) => g.id);
  }
  return ids;
}

/**
 * The indexes of a table, as comparable signatures ("unique (a, b)"), sorted; names ignored;
 * columns renamed through `rename` (a link table's owner column differs by type).
 */
async function indexesOf(strapi, table, rename = {}) {
  const sig = (unique, cols) => `${unique ? 'unique ' : ''}(${cols.map((c) => rename[c] || c).join(', ')})`;
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  const out = [];
  if (client === 'sqlite') {
    const list = await knex.raw(`PRAGMA index_list(${JSON.stringify(table)})`);
    for (const ix of list) {
      const cols = await knex.raw(`PRAGMA index_info(${JSON.stringify(ix.name)})`);
      out.push(sig(ix.unique, cols.sort((a, b) => a.seqno - b.seqno).map((c) => c.name)));
    }
  } else if (client === 'postgres') {
    const { rows } = await knex.raw(
      `SELECT ix.indisunique AS uniq, ix.indisprimary AS prim, array_to_string(array_agg(a.attname ORDER BY k.n), ', ') AS cols
         FROM pg_class t JOIN pg_namespace ns ON ns.oid = t.relnamespace AND ns.nspname = current_schema()
         JOIN pg_index ix ON t.oid = ix.indrelid
         JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n) ON true
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE t.relname = ? GROUP BY ix.indexrelid, ix.indisunique, ix.indisprimary`,
      [table]
    );
    for (const r of rows) if (!r.prim) out.push(sig(r.uniq, r.cols.split(', ')));
  } else {
    throw new Error(`bench: index listing not implemented for ${client}`);
  }
  return out.sort();
}

/**
 * The same `n` published rows in three types: the governed type (read through the public guard),
 * the guard-overhead baseline (api::indexed-item: same columns, the governed type's indexes) and
 * the default-Strapi baseline (api::plain-item). A draft and a published row per document (as
 * Draft & Publish stores them), a unit link each, and for the governed type a run that reached
 * its publish act (what the public guard vouches for).
 */
async function seedReads(strapi, { n }) {
  const knex = strapi.db.connection;
  const meta = (uid) => strapi.db.metadata.get(uid);
  const dir = strapi.plugin('ppid').service('directory');
  const units = [];
  for (let u = 0; u < 10; u++) units.push(await dir.ensureUnit({ code: `BENCH-U${u}`, name: `Unit Bench ${u}` }));
  const now = new Date();
  const docs = Array.from({ length: n }, (_, i) => ({
    documentId: docId(),
    i,
    title: `Informasi bench nomor ${i}`,
    summary: `Ringkasan informasi publik nomor ${i} untuk pengukuran kinerja.`,
    classification: CLASSES[i % CLASSES.length],
    unit: units[i % units.length].id,
    holder: `Unit Bench ${i % 10}`,
    responsible: 'Sekretaris',
  }));

  // One document in a hundred is published in the governed type without a run (as raw SQL or a
  // rogue script would): the guard must hide it. The baselines have it as a draft only, so every
  // arm answers the same rows only if the guard is really applied in the measured arm.
  const hidden = (i) => i % 100 === 99;
  const fill = async (uid) => {
    const m = meta(uid);
    const rowsFor = (published) =>
      docs.filter((d, i) => !published || uid === II || !hidden(i)).map((d) => ({
        document_id: d.documentId,
        title: d.title,
        summary: d.summary,
        classification: d.classification,
        holder: d.holder,
        responsible: d.responsible,
        form: 'softcopy',
        locale: null,
        created_at: now,
        updated_at: now,
        published_at: published ? new Date(now.getTime() - d.i * 1000) : null,
        // Published through the workflow (the run rows below): the guard's flag, as the publish act
        // sets it; the indexed baseline carries the same values (and nobody reads them there).
        ...(m.attributes.ppidPublic ? { ppid_public: published && !hidden(d.i) } : {}),
      }));
    await insert(knex, m.tableName, rowsFor(false));
    const ids = await insert(knex, m.tableName, rowsFor(true));
    // Unit relation: link both the draft and the published row, as Strapi does.
    const join = m.attributes.unit.joinTable;
    const all = await knex(m.tableName).select('id', 'document_id');
    const unitOf = new Map(docs.map((d) => [d.documentId, d.unit]));
    const links = all.map((r) => ({ [join.joinColumn.name]: r.id, [join.inverseJoinColumn.name]: unitOf.get(r.document_id) }));
    await insert(knex, join.name, links, 400);
    return ids.length;
  };
  await fill(II);
  await fill(INDEXED);
  await fill(PLAIN);

  // The guard-overhead baseline gets exactly the indexes the product gives the governed type
  // (services/indexes.ts, read from the running product so the two never drift).
  const specs = strapi.plugin('ppid').service('indexes').specs().filter((s) => s.uid === II);
  const indexedTable = meta(INDEXED).tableName;
  for (const spec of specs) {
    const q = (x) => `"${x.replace(/"/g, '""')}"`;
    await knex.raw(`CREATE INDEX IF NOT EXISTS ${q(`bench_${spec.name}`)} ON ${q(indexedTable)} (${spec.columns.map(q).join(', ')})`);
  }
  const indexes = {};
  for (const [arm, uid] of [['governed', II], ['indexed', INDEXED], ['plain', PLAIN]]) {
    const jt = meta(uid).attributes.unit.joinTable;
    indexes[arm] = { table: await indexesOf(strapi, meta(uid).tableName), unitLinks: await indexesOf(strapi, jt.name, { [jt.joinColumn.name]: '<item>_id' }) };
  }

  // Runs that reached the publish act, one per governed document.
  const runMeta = meta('plugin::ppid.run');
  const sop = await strapi.db.query('plugin::ppid.sop').findOne({ where: { code: SOP }, orderBy: { version: 'desc' } });
  const runs = docs.filter((d) => !hidden(d.i)).map((d) => ({
    document_id: docId(),
    item_uid: II,
    item_document_id: d.documentId,
    item_title: d.title,
    sop_code: SOP,
    sop_version: sop ? sop.version : 1,
    status: 'published',
    current_step: 7,
    lock: 12,
    state: JSON.stringify({ status: 'published', version: 12, currentStep: 7, steps: [] }),
    classification: d.classification,
    fast_track: false,
    started_at: now,
    ended_at: now,
    published_hash: crypto.createHash('sha256').update(d.documentId).digest('hex'),
    created_at: now,
    updated_at: now,
  }));
  await insert(knex, runMeta.tableName, runs);

  // The baseline types are readable by the public in the bench only (never in the product).
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  for (const action of [`${PLAIN}.find`, `${PLAIN}.findOne`, `${INDEXED}.find`, `${INDEXED}.findOne`]) {
    const have = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { role: role.id, action } });
    if (!have) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
  // A read-only API token, as a website's front end reads with: the anonymous public cannot
  // populate or filter by `unit` (the plugin's unit type has no content-API action, so Strapi drops
  // `populate[unit]` silently and refuses `filters[unit]` with 400 "Invalid key unit").
  const token = await strapi.service('admin::api-token').create({ name: `bench-read-${docId()}`, description: 'bench', type: 'read-only', lifespan: null });
  // The planner's statistics stay fresh after a bulk load.
  await knex.raw('ANALYZE');
  return {
    n,
    readToken: token.accessKey,
    unitDocumentIds: units.map((u) => u.documentId),
    // Visible documents (other bench cases read these, e.g. bench/instances.js).
    sample: docs.filter((d) => !hidden(d.i)).slice(0, 200).map((d) => d.documentId),
    hiddenDocumentIds: docs.filter((d) => hidden(d.i)).slice(0, 5).map((d) => d.documentId),
    indexes,
  };
}

let nip = 100;
const nextNip = () => `19800507200501${1}${String(nip++).padStart(3, '0')}`;

/** An admin user in its own role, mapped to one SOP role in one unit, with an official record. */
async function person(strapi, { key, sopRole, jabatan, unitId }) {
  const dir = strapi.plugin('ppid').service('directory');
  const role = await dir.ensureRole(`bench:${key}`);
  const email = `${key}.bench@example.go.id`;
  const password = `Rahasia-${key}-123`;
  const user = await dir.ensureUser({ email, firstname: jabatan, lastname: key, password, roles: [role.id] });
  await dir.ensureOfficial({ nama: `${jabatan} ${key}`, nip: nextNip(), jabatan, unit: unitId, user: user.id });
  await dir.mapRole(SOP, sopRole, role.id, unitId);
  return { id: user.id, email, password };
}

/** A seed-000 item with its run brought to `step` (1..4) through the real services. */
async function itemAtStep(strapi, { unitId, step, i, people }) {
  const wf = strapi.plugin('ppid').service('workflow');
  const doc = await strapi.documents(II).create({
    data: { title: `Item alur bench ${i}`, summary: 'Ringkasan untuk paraf dan tanda tangan', classification: 'setiap_saat', unit: unitId },
  });
  // The Camat opens the run: step 1 (arahan) is the Camat's, and the first step's pelaksana starts it.
  const run = await wf.submit({ uid: II, documentId: doc.documentId }, people.camat.id);
  if (step > 1) await wf.act(run.id, { act: 'approve' }, people.camat.id); // 1: arahan
  if (step > 2) await wf.act(run.id, { act: 'submit' }, people.jfu.id); // 2: konsep
  if (step > 3) await wf.act(run.id, { act: 'approve' }, people.kasi.id); // 3: paraf
  return { run, doc };
}

/**
 * Seed 000 runs for the act benchmarks: `lanes` Kasi users acting on runs at step 3 (paraf, no
 * password) and `lanes` Sekretaris users acting on runs at step 4 (tanda tangan, password +
 * intent); lane i gets perLane[i] runs of each kind. Returns the logins and runs per lane.
 */
async function seedActs(strapi, { perLane }) {
  const dir = strapi.plugin('ppid').service('directory');
  const unit = await dir.ensureUnit({ code: 'BENCH-ACTS', name: 'Kecamatan Bench' });
  const people = {
    camat: await person(strapi, { key: 'camat', sopRole: 'camat', jabatan: 'Camat', unitId: unit.id }),
    kasi: await person(strapi, { key: 'kasi', sopRole: 'kasubbag-kasi', jabatan: 'Kasi', unitId: unit.id }),
    jfu: await person(strapi, { key: 'jfu', sopRole: 'staf', jabatan: 'JFU', unitId: unit.id }),
  };
  const signers = [];
  const parafers = [];
  let i = 0;
  for (let lane = 0; lane < perLane.length; lane++) {
    const s = await person(strapi, { key: `sekcam${lane}`, sopRole: 'sekretaris', jabatan: 'Sekretaris', unitId: unit.id });
    const p = await person(strapi, { key: `kasi${lane}`, sopRole: 'kasubbag-kasi', jabatan: 'Kasi', unitId: unit.id });
    signers.push({ ...s, runs: [] });
    parafers.push({ ...p, runs: [] });
  }
  const jobs = [];
  for (let lane = 0; lane < perLane.length; lane++) {
    for (let k = 0; k < perLane[lane]; k++) {
      jobs.push(async () => signers[lane].runs.push((await itemAtStep(strapi, { unitId: unit.id, step: 4, i: i++, people })).run.id));
      jobs.push(async () => parafers[lane].runs.push((await itemAtStep(strapi, { unitId: unit.id, step: 3, i: i++, people })).run.id));
    }
  }
  // A few at a time on PostgreSQL (seeding is most of the acts case's time); one at a time on
  // SQLite, whose writers queue anyway.
  const width = strapi.db.dialect.client === 'postgres' ? 4 : 1;
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) await jobs[next++]();
  }));
  return { signers, parafers };
}

/**
 * The product's own password check of a signature (signing.verifyPassword: throttle read +
 * bcrypt of the signer's stored hash), timed here, inside the server, `n` times in a row.
 * Returns the latencies in ms, or null when this version of the product has no such service.
 */
async function timePasswordCheck(strapi, { userId, password, n }) {
  const signing = strapi.plugin('ppid').service('signing');
  if (!signing || typeof signing.verifyPassword !== 'function') return null;
  const { performance } = require('perf_hooks');
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await signing.verifyPassword(userId, password, { ip: '127.0.0.1' });
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * Copies of one row of `uid` (and of its link-table relations), `n` times, in bulk. vary(i)
 * gives { row: column overrides, links: { attributeName: target id } }. Returns the new ids.
 */
async function cloneRows(strapi, uid, templateId, n, vary) {
  const knex = strapi.db.connection;
  const m = strapi.db.metadata.get(uid);
  const tpl = await knex(m.tableName).where({ id: templateId }).first();
  delete tpl.id;
  const plans = Array.from({ length: n }, (_, i) => vary(i));
  const ids = await insert(knex, m.tableName, plans.map((p) => ({ ...tpl, ...p.row })), 100);
  for (const [name, a] of Object.entries(m.attributes)) {
    if (a.type !== 'relation' || !a.joinTable || a.joinTable.morphColumn) continue;
    const jt = a.joinTable;
    const tplLinks = await knex(jt.name).where(jt.joinColumn.name, templateId);
    if (!tplLinks.length) continue;
    const rows = [];
    ids.forEach((id, i) => {
      for (const l of tplLinks) {
        const { id: _drop, ...rest } = l;
        const target = plans[i].links && plans[i].links[name];
        rows.push({ ...rest, [jt.joinColumn.name]: id, ...(target !== undefined ? { [jt.inverseJoinColumn.name]: target } : {}) });
      }
    });
    await insert(knex, jt.name, rows, 200);
  }
  return ids;
}

/**
 * `openRuns` open seed-000 runs spread over 10 units and steps 1-4, each with its own draft item,
 * and one Sekretaris (the reviewer) whose role holds step 4 in unit 0 only: the task list of a
 * reviewer in a busy body. Four runs go through the real services (one per step); the rest are
 * bulk copies of them (items, runs and their links) with their own documents and units.
 * Returns the reviewer's login and how many of the open runs are theirs.
 */
async function seedTasks(strapi, { openRuns }) {
  const dir = strapi.plugin('ppid').service('directory');
  const units = [];
  for (let u = 0; u < 10; u++) units.push(await dir.ensureUnit({ code: `BENCH-T${u}`, name: `Unit Tugas ${u}` }));
  const people = {
    camat: await person(strapi, { key: 'tcamat', sopRole: 'camat', jabatan: 'Camat', unitId: units[0].id }),
    kasi: await person(strapi, { key: 'tkasi', sopRole: 'kasubbag-kasi', jabatan: 'Kasi', unitId: units[0].id }),
    jfu: await person(strapi, { key: 'tjfu', sopRole: 'staf', jabatan: 'JFU', unitId: units[0].id }),
  };
  const reviewer = await person(strapi, { key: 'treviewer', sopRole: 'sekretaris', jabatan: 'Sekretaris', unitId: units[0].id });
  const templates = [];
  for (let step = 1; step <= 4; step++) templates.push(await itemAtStep(strapi, { unitId: units[0].id, step, i: `tugas-${step}`, people }));
  const knex = strapi.db.connection;
  const runMeta = strapi.db.metadata.get('plugin::ppid.run');
  const itemMeta = strapi.db.metadata.get(II);
  const runCols = new Set(await columnsOf(knex, runMeta.tableName));
  let mine = 1; // the step-4 template, in unit 0
  const copies = openRuns - templates.length;
  const base = Date.now();
  for (let t = 0; t < templates.length; t++) {
    const step = t + 1;
    const { run, doc } = templates[t];
    const runRow = await knex(runMeta.tableName).where({ document_id: run.documentId || run.id }).first();
    const itemRow = await knex(itemMeta.tableName).where({ document_id: doc.documentId }).whereNull('published_at').first();
    const count = Math.floor(copies / 4) + (t < copies % 4 ? 1 : 0);
    const docIds = Array.from({ length: count }, () => docId());
    const unitOf = (i) => units[(i + t) % units.length].id;
    await cloneRows(strapi, II, itemRow.id, count, (i) => ({
      row: { document_id: docIds[i], title: `Item tugas ${step}-${i}` },
      links: { unit: unitOf(i) },
    }));
    await cloneRows(strapi, 'plugin::ppid.run', runRow.id, count, (i) => ({
      row: {
        document_id: docId(),
        item_document_id: docIds[i],
        item_title: `Item tugas ${step}-${i}`,
        active_key: `${II}:${docIds[i]}:`,
        ...(runCols.has('step_deadline') ? { step_deadline: new Date(base + ((i * 7919) % 10000) * 60000) } : {}),
      },
      links: { unit: unitOf(i) },
    }));
    if (step === 4) for (let i = 0; i < count; i++) if (unitOf(i) === units[0].id) mine++;
  }
  await knex.raw('ANALYZE');
  return { email: reviewer.email, password: reviewer.password, openRuns, mine };
}

/** A super admin and `n` draft plain items: the baseline for the acts (plain Content Manager publish). */
async function seedPlainPublish(strapi, { n }) {
  const superRole = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const email = 'super.bench@example.go.id';
  const password = 'Rahasia-Super-123';
  const dir = strapi.plugin('ppid').service('directory');
  await dir.ensureUser({ email, firstname: 'Super', lastname: 'Bench', password, roles: [superRole.id] });
  const documentIds = [];
  for (let i = 0; i < n; i++) {
    const d = await strapi.documents(PLAIN).create({ data: { title: `Item biasa ${i}`, summary: 'Ringkasan', classification: 'setiap_saat' } });
    documentIds.push(d.documentId);
  }
  return { email, password, documentIds };
}

async function verifyChains(strapi) {
  return strapi.plugin('ppid').service('records').verifyChains();
}

module.exports = { seedReads, seedActs, seedPlainPublish, seedTasks, timePasswordCheck, verifyChains, indexesOf };
