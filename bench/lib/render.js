// Markdown of a benchmark result (bench/results/*.json): the full report (latest.md) and the
// short block README shows between its bench markers (bench/readme.js). Pure: the same JSON
// always gives the same text, so a test can check README against the committed latest.json.

const fmt = (n, d = 0) => (n === null || n === undefined || Number.isNaN(n) ? '–' : Number(n).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
/** "median (min–max)" of a spread. */
const sp = (s, d = 0) => (s && s.median !== null && s.median !== undefined ? `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})` : '–');
/** "×1.23 (1.10–1.31)" of a ratio. */
const rt = (r) => (r && r.ratio !== null && r.ratio !== undefined ? `×${fmt(r.ratio, 2)} (${fmt(r.min, 2)}–${fmt(r.max, 2)})` : '–');
const aborted = (a) => `**aborted**: ${String(a.reason).replace(/\|/g, '\\|')}${a.status !== undefined ? ` (HTTP ${a.status}${a.url ? `, ${a.url}` : ''})` : ''}`;
const pipe = (s) => String(s).replace(/\|/g, '\\|');

const ARM_LABEL = {
  governed: 'governed (public guard)',
  indexed: 'ungoverned, same indexes',
  plain: 'ungoverned, Strapi defaults',
};

function readsSection(r, L) {
  const R = r.reads;
  L.push(`## Public reads (${R.db}, ${fmt(R.rows)} published rows per type, ${R.connections} connections, ${R.durationS} s per run, ${R.rounds} alternating rounds per arm)`, '');
  L.push(
    'Three arms on the same rows: `api::information-item` read through the public guard; `api::indexed-item`, an ungoverned copy with the same columns and exactly the indexes the product gives the governed type (checked below); `api::plain-item`, an ungoverned copy with Strapi\'s defaults. One governed document in a hundred is published without a run and must be hidden by the guard (checked: 404, and every arm answers the same rows). **Guard overhead** = governed ÷ same-indexes req/s (1.00 = the guard costs nothing); **speed-up over default Strapi** = governed ÷ Strapi-defaults req/s. Figures: median of the rounds (min–max); a ratio is the ratio of the medians (range of the per-round ratios).',
    ''
  );
  if (R.aborted) {
    L.push(aborted(R.aborted), '');
    return;
  }
  L.push('| case | arm | req/s | p50 ms | p99 ms |', '|---|---|---:|---:|---:|');
  for (const c of R.cases) {
    if (c.aborted) {
      L.push(`| ${c.case} | – | ${aborted(c.aborted)} | | |`);
      continue;
    }
    for (const arm of ['governed', 'indexed', 'plain']) {
      const a = c.arms[arm];
      L.push(`| ${c.case} | ${ARM_LABEL[arm]} | ${sp(a.rps)} | ${sp(a.p50)} | ${sp(a.p99)} |`);
    }
  }
  L.push('', '| case | guard overhead (governed ÷ same indexes) | speed-up over default Strapi (governed ÷ defaults) |', '|---|---:|---:|');
  for (const c of R.cases) L.push(c.aborted ? `| ${c.case} | aborted | aborted |` : `| ${c.case} | ${rt(c.guardOverhead)} | ${rt(c.speedUp)} |`);
  L.push('');
  if (R.indexes) {
    L.push('Indexes (columns; names ignored) of the item tables and their unit link tables:', '');
    L.push('| arm | item table | unit links |', '|---|---|---|');
    for (const arm of ['governed', 'indexed', 'plain']) {
      const ix = R.indexes[arm];
      if (ix) L.push(`| ${ARM_LABEL[arm]} | ${ix.table.join('; ')} | ${ix.unitLinks.join('; ')} |`);
    }
    L.push('');
  }
}

function conditionalSection(r, L) {
  const C = r.conditional;
  L.push('## Conditional public reads (`If-None-Match` with the ETag of a first answer → 304, against full reads of the same lists)', '');
  if (C.aborted) {
    L.push(aborted(C.aborted), '');
    return;
  }
  L.push(`${C.db}, ${C.paths.length} list pages of the governed type, ${C.connections} connections, ${C.durationS} s per run, ${C.rounds} alternating rounds.`, '');
  L.push('| arm | req/s | p50 ms | p99 ms |', '|---|---:|---:|---:|');
  L.push(`| full read (200) | ${sp(C.arms.full.rps)} | ${sp(C.arms.full.p50)} | ${sp(C.arms.full.p99)} |`);
  L.push(`| conditional (304) | ${sp(C.arms.conditional.rps)} | ${sp(C.arms.conditional.p50)} | ${sp(C.arms.conditional.p99)} |`);
  L.push('', `Conditional ÷ full: ${rt(C.ratio)}.`, '');
}

function actsSection(r, L) {
  L.push('## Workflow acts over HTTP with real logins (seed 000), against a plain Content Manager publish', '');
  L.push(
    '**Paraf**: step 3, Kasi approves, no password. **Signature**: step 4, Sekretaris approves with password and intent statement. **Password check**: the product\'s own check (`signing.verifyPassword`: throttle read + bcrypt of the signer\'s stored hash), timed inside the server process, sequentially, in the same rounds; **rest** = signature p50 − password-check p50 (per round). Baseline: plain Strapi publish of a plain item through the Content Manager by a super admin, same concurrency. Median of the rounds (min–max).',
    ''
  );
  for (const a of r.acts) {
    if (a.aborted) {
      L.push(`### ${a.db}`, '', aborted(a.aborted), '');
      continue;
    }
    L.push(`### ${a.db} (${a.rounds} alternating rounds; 1 reviewer: ${a.singlePerRound} acts per round; ${a.reviewers} concurrent reviewers: ${a.perReviewerPerRound} acts each per round)`, '');
    L.push('| load | arm | acts/s | p50 ms | p99 ms |', '|---|---|---:|---:|---:|');
    for (const [load, set] of [['1 reviewer', a.single], [`${a.reviewers} concurrent reviewers`, a.concurrent]]) {
      for (const arm of ['paraf', 'signature', 'plainPublish', 'passwordCheck']) {
        const s = set[arm];
        if (!s) continue;
        const name = { paraf: 'paraf (no password)', signature: 'signature (password + intent)', plainPublish: 'plain publish', passwordCheck: 'password check alone (in-process)' }[arm];
        L.push(`| ${load} | ${name} | ${sp(s.perSecond, 1)} | ${sp(s.p50)} | ${sp(s.p99)} |`);
      }
    }
    L.push('');
    L.push(`- 1 reviewer, signature p50 split: password check ${sp(a.single.split && a.single.split.passwordMs)} ms + rest ${sp(a.single.split && a.single.split.restMs)} ms.`);
    L.push(`- Rate ÷ plain publish: paraf ${rt(a.single.ratios.paraf)}, signature ${rt(a.single.ratios.signature)} (1 reviewer); paraf ${rt(a.concurrent.ratios.paraf)}, signature ${rt(a.concurrent.ratios.signature)} (${a.reviewers} reviewers).`);
    L.push(`- Signature chain verified afterwards: ${a.chainOk ? 'yes' : '**NO**'}.`, '');
  }
}

function tasksSection(r, L) {
  L.push('## Task list (`GET /ppid/tasks`) of one reviewer', '');
  for (const t of r.tasks) {
    if (t.aborted) {
      L.push(`- ${t.db}: ${aborted(t.aborted)}`);
      continue;
    }
    L.push(`- ${t.db}: ${fmt(t.openRuns)} open runs (${fmt(t.mine)} the reviewer's), ${t.samples} sequential requests: p50 ${fmt(t.p50)} ms, p99 ${fmt(t.p99)} ms (min ${fmt(t.min)}, max ${fmt(t.max)}).`);
  }
  L.push('');
}

function bootSection(r, L) {
  const B = r.boot;
  L.push('## App boot (SQLite, warm database, load + listen; the app as shipped, no bench fixtures)', '');
  if (B.aborted) {
    L.push(aborted(B.aborted), '');
    return;
  }
  L.push(`${B.rounds} alternating boots per arm.`, '');
  L.push('| app | first boot ms (creates schema) | warm boot ms |', '|---|---:|---:|');
  L.push(`| plain Strapi (PPID_ENABLED=false) | ${fmt(B.off.firstBootMs)} | ${sp(B.off.warmBootMs)} |`);
  L.push(`| with ppid plugin | ${fmt(B.on.firstBootMs)} | ${sp(B.on.warmBootMs)} |`);
  L.push('', `With ÷ without: ${rt(B.ratio)}.`, '');
}

/** The full report (bench/results/latest.md). */
function markdown(r) {
  const L = [];
  L.push(`# PPID benchmarks${r.quick ? ' (QUICK smoke run: BENCH_QUICK=1, not for citing)' : ''}`, '');
  if (r.pending) {
    L.push(r.pending, '');
    return L.join('\n');
  }
  L.push(`${r.date} · Node ${r.machine.node} · ${r.machine.platform} · ${r.machine.cpu} × ${r.machine.cores} · ${r.machine.memGb} GB · load average at start ${r.machine.loadAvg ? r.machine.loadAvg.map((x) => fmt(x, 2)).join(' / ') : '–'}`, '');
  L.push('Every comparison runs in the same run, on the same machine and data, its arms alternating. A case that met an invalid answer (non-2xx, error, wrong rows) is marked aborted and carries no numbers. Reproduce with `npm run bench` (full) or `BENCH_QUICK=1 npm run bench`.', '');
  if (r.reads) readsSection(r, L);
  if (r.conditional) conditionalSection(r, L);
  if (r.acts && r.acts.length) actsSection(r, L);
  if (r.tasks && r.tasks.length) tasksSection(r, L);
  if (r.verify) {
    L.push('## Signature chain verification (compiled core, no Strapi)', '');
    L.push('| records | runs | ok | seal (generate) s | verify s | records/s |', '|---:|---:|---|---:|---:|---:|');
    L.push(`| ${r.verify.records} | ${r.verify.runs} | ${r.verify.ok} | ${fmt(r.verify.sealMs / 1000, 1)} | ${fmt(r.verify.verifyMs / 1000, 1)} | ${fmt(r.verify.recordsPerSecond)} |`, '');
  }
  if (r.dip) {
    L.push(`## DIP export (bench/dip-export.js, ${r.config.dipEntries} entries, one process per format)`, '');
    L.push('| format | seconds | bytes | start RSS MB | peak RSS MB |', '|---|---:|---:|---:|---:|');
    for (const d of r.dip.results || []) L.push(`| ${d.format} | ${fmt(d.seconds, 2)} | ${d.bytes} | ${fmt(d.startRssMB, 1)} | ${fmt(d.peakRssMB, 1)} |`);
    L.push('');
  }
  if (r.boot) bootSection(r, L);
  if (r.instances) {
    L.push('## Several instances (bench/instances.js)', '');
    if (r.instances.aborted) L.push(aborted(r.instances.aborted), '');
    else if (Array.isArray(r.instances.markdown)) L.push(...r.instances.markdown, '');
    else L.push('```json', JSON.stringify(r.instances, null, 2), '```', '');
  }
  if (r.notes && r.notes.length) L.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  if (r.totalSeconds) L.push(`Total bench time: ${fmt(r.totalSeconds)} s.`, '');
  return L.join('\n');
}

/** README's short figures (between <!-- bench:begin --> and <!-- bench:end -->). */
function readmeBlock(r) {
  const L = [];
  if (r.pending) {
    L.push(r.pending);
    return L.join('\n');
  }
  L.push(
    `Figures of the committed run (${r.date.slice(0, 10)}${r.quick ? ', QUICK smoke run: not for citing' : ''}; ${r.machine.cores} cores, ${r.machine.cpu}; median of ${r.config.rounds} alternating rounds, min–max in brackets; full report: [bench/results/latest.md](bench/results/latest.md)). Generated from \`bench/results/latest.json\` by \`node bench/readme.js\`; do not edit by hand.`,
    ''
  );
  L.push('| measure | result |', '|---|---|');
  if (r.reads) {
    if (r.reads.aborted) L.push(`| public reads (${r.reads.db}) | ${aborted(r.reads.aborted)} |`);
    else {
      for (const c of r.reads.cases) {
        if (c.aborted) {
          L.push(`| public ${c.case} | ${aborted(c.aborted)} |`);
          continue;
        }
        L.push(`| public ${c.case}, governed req/s (${r.reads.db}, ${fmt(r.reads.rows)} rows) | ${sp(c.arms.governed.rps)} |`);
        L.push(`| ↳ guard overhead (÷ same indexes, no guard) | ${rt(c.guardOverhead)} |`);
        L.push(`| ↳ speed-up over default Strapi | ${rt(c.speedUp)} |`);
      }
    }
  }
  if (r.conditional) {
    L.push(
      r.conditional.aborted
        ? `| conditional GET (304) ÷ full read | ${aborted(r.conditional.aborted)} |`
        : `| conditional GET (304) ÷ full read, req/s | ${sp(r.conditional.arms.conditional.rps)} ÷ ${sp(r.conditional.arms.full.rps)} = ${rt(r.conditional.ratio)} |`
    );
  }
  for (const a of r.acts || []) {
    if (a.aborted) {
      L.push(`| acts on ${a.db} | ${aborted(a.aborted)} |`);
      continue;
    }
    L.push(`| paraf, 1 reviewer, ${a.db}, p50 ms | ${sp(a.single.paraf.p50)} |`);
    L.push(`| signature, 1 reviewer, ${a.db}, p50 ms | ${sp(a.single.signature.p50)} = password check ${sp(a.single.split.passwordMs)} + rest ${sp(a.single.split.restMs)} |`);
    L.push(`| plain publish, 1 reviewer, ${a.db}, p50 ms | ${sp(a.single.plainPublish.p50)} |`);
    L.push(`| signature, ${a.reviewers} concurrent reviewers, ${a.db}: acts/s; p99 ms | ${sp(a.concurrent.signature.perSecond, 1)}; ${sp(a.concurrent.signature.p99)} |`);
    L.push(`| ↳ ÷ plain publish rate (${sp(a.concurrent.plainPublish.perSecond, 1)}/s) | ${rt(a.concurrent.ratios.signature)} |`);
  }
  for (const t of r.tasks || []) {
    L.push(t.aborted ? `| \`GET /ppid/tasks\`, ${t.db} | ${aborted(t.aborted)} |` : `| \`GET /ppid/tasks\`, ${fmt(t.openRuns)} open runs, ${t.db}: p50 / p99 ms | ${fmt(t.p50)} / ${fmt(t.p99)} |`);
  }
  if (r.verify) L.push(`| verify ${fmt(r.verify.records)} chain records | ${fmt(r.verify.verifyMs / 1000, 1)} s (${fmt(r.verify.recordsPerSecond)}/s) |`);
  if (r.dip && r.dip.results) {
    const by = Object.fromEntries(r.dip.results.map((d) => [d.format, d]));
    const f = ['csv', 'xlsx', 'pdf'].filter((k) => by[k]);
    L.push(`| DIP export ${fmt(r.config.dipEntries)} entries (${f.join(' / ')}): s; peak RSS MB | ${f.map((k) => fmt(by[k].seconds, 2)).join(' / ')}; ${f.map((k) => fmt(by[k].peakRssMB)).join(' / ')} |`);
  }
  if (r.boot) {
    L.push(
      r.boot.aborted
        ? `| warm boot | ${aborted(r.boot.aborted)} |`
        : `| warm boot ms: without plugin; with | ${sp(r.boot.off.warmBootMs)}; ${sp(r.boot.on.warmBootMs)} (${rt(r.boot.ratio)}) |`
    );
  }
  if (r.instances && r.instances.readme) for (const row of r.instances.readme) L.push(`| ${pipe(row[0])} | ${pipe(row[1])} |`);
  else if (r.instances && r.instances.aborted) L.push(`| several instances | ${aborted(r.instances.aborted)} |`);
  return L.join('\n');
}

const BEGIN = '<!-- bench:begin (generated by `node bench/readme.js` from bench/results/latest.json) -->';
const END = '<!-- bench:end -->';

/** README text with the block between the markers replaced; throws when the markers are missing. */
function replaceBlock(readme, block) {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no bench markers (${BEGIN} … ${END})`);
  return `${readme.slice(0, a + BEGIN.length)}\n${block}\n${readme.slice(b)}`;
}

module.exports = { markdown, readmeBlock, replaceBlock, BEGIN, END, fmt };
