import type { TestApp } from './strapi';
import { bearer, peopleFor, Person } from './people';

// Shared by the hardening tests: seed 000 runs brought to a given step, and the consistency
// check of runs against their signature records.
export const UID = 'api::information-item.information-item';
export const SOP = 'palaran-publikasi-website';
export const RECORD = 'plugin::ppid.signature-record';
export const RUN = 'plugin::ppid.run';

export type Seed000 = { unitId: number; p: Record<string, Person>; kasis: Person[] };

/** The seed 000 cast for one unit, with `kasiCount` interchangeable Kasi (step 3, paraf). */
export async function seed000(app: TestApp, code: string, kasiCount = 1): Promise<Seed000> {
  const dir = app.strapi.plugin('ppid').service('directory');
  const unit = await dir.ensureUnit({ code, name: `Kecamatan ${code}` });
  const p = await peopleFor(app, SOP, [
    { key: `camat${code}`, sopRoles: ['camat'], jabatan: 'Camat', unit: unit.id },
    { key: `sekcam${code}`, sopRoles: ['sekretaris'], jabatan: 'Sekretaris Kecamatan', unit: unit.id },
    { key: `jfu${code}`, sopRoles: ['staf'], jabatan: 'JFU', unit: unit.id },
  ]);
  const kasiSpec = Array.from({ length: kasiCount }, (_, i) => ({ key: `kasi${code}x${i}`, sopRoles: ['kasubbag-kasi'], jabatan: `Kasi ${i}`, unit: unit.id }));
  const k = await peopleFor(app, SOP, kasiSpec);
  return {
    unitId: unit.id,
    p: { camat: p[`camat${code}`], sekcam: p[`sekcam${code}`], jfu: p[`jfu${code}`] },
    kasis: kasiSpec.map((s) => k[s.key]),
  };
}

/** Creates an item through the Content Manager as the JFU, opens its run as the Camat and brings it to step 3 (Kasi). */
export async function runAtStep3(app: TestApp, s: Seed000, title: string): Promise<string> {
  const cm = await app
    .http()
    .post(`/content-manager/collection-types/${UID}`)
    .set(bearer(s.p.jfu))
    .send({ title, summary: 'Ringkasan uji ketahanan', classification: 'setiap_saat', unit: s.unitId });
  if (cm.status !== 201) throw new Error(`create: ${cm.status} ${JSON.stringify(cm.body)}`);
  // Step 1 (instruct) is the Camat's: the first step's pelaksana opens the run (issue #16).
  const run = await app.http().post('/ppid/runs').set(bearer(s.p.camat)).send({ uid: UID, documentId: cm.body.data.documentId });
  if (run.status !== 201) throw new Error(`submit: ${run.status} ${JSON.stringify(run.body)}`);
  const runId = run.body.data.id as string;
  for (const [who, act] of [[s.p.camat, 'approve'], [s.p.jfu, 'submit']] as const) {
    const r = await app.http().post(`/ppid/runs/${runId}/acts`).set(bearer(who)).send({ act });
    if (r.status !== 200) throw new Error(`${act}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return runId;
}

/**
 * Every run agrees with the record chain: lock == state.version, each done step with a decision
 * has its record, no record points to a missing run, no two records for one run share a runSeq,
 * and the whole chain verifies.
 */
export async function consistencyProblems(app: TestApp): Promise<string[]> {
  const problems: string[] = [];
  const runs = (await app.strapi.db.query(RUN).findMany({})) as any[];
  const records = (await app.strapi.db.query(RECORD).findMany({ orderBy: { seq: 'asc' } })) as any[];
  const byRun = new Map<string, any[]>();
  for (const r of records) byRun.set(r.runDocumentId, [...(byRun.get(r.runDocumentId) ?? []), r]);
  const runIds = new Set(runs.map((r) => r.documentId));
  // Records in a `gov:<uid>` scope (configuration, deletions outside runs) belong to no run by design.
  for (const r of records) {
    if (!runIds.has(r.runDocumentId) && !String(r.runDocumentId).startsWith('gov:')) problems.push(`record ${r.seq}: orphan (run ${r.runDocumentId} missing)`);
  }
  for (const run of runs) {
    const state = typeof run.state === 'string' ? JSON.parse(run.state) : run.state;
    if (run.lock !== state.version) problems.push(`run ${run.documentId}: lock ${run.lock} != state.version ${state.version}`);
    if (run.status !== state.status) problems.push(`run ${run.documentId}: status ${run.status} != state.status ${state.status}`);
    if (run.currentStep !== state.currentStep) problems.push(`run ${run.documentId}: currentStep ${run.currentStep} != ${state.currentStep}`);
    const mine = byRun.get(run.documentId) ?? [];
    for (const step of state.steps) {
      if (step.status === 'done' && step.decision && !mine.some((rec) => rec.stepNumber === step.number)) {
        problems.push(`run ${run.documentId}: step ${step.number} done (${step.decision}) without a record`);
      }
    }
    const seqs = mine.map((m) => m.runSeq);
    if (new Set(seqs).size !== seqs.length) problems.push(`run ${run.documentId}: duplicate runSeq in records`);
  }
  const seqs = records.map((r) => r.seq);
  if (new Set(seqs).size !== seqs.length) problems.push('duplicate global seq');
  const report = await app.strapi.plugin('ppid').service('records').verifyChains();
  if (!report.ok) problems.push(`verifyChains: ${JSON.stringify(report.problems.slice(0, 3))}`);
  return problems;
}
