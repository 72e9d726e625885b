// Shared test helpers: the shipped seed SOPs and a driver that walks a run step by step.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  currentStepOf,
  decide,
  forwardActOf,
  parseSopText,
  type Actor,
  type Effect,
  type RunState,
  type SopDefinition,
} from '..';

export const SOPS_DIR = join(__dirname, '../../../../../sops');

export const SEED_FILES = {
  palaran: '000-palaran-publikasi-website.yaml',
  kalteng: '001-kalteng-pendokumentasian-publikasi.yaml',
  kutim: '002-kutim-bkpsdm-penetapan-dip.yaml',
  pontianak: '004-pontianak-dinsos-pengumuman.yaml',
} as const;

/** Product templates shipped next to the agency seeds (not transcriptions of an agency SOP). */
export const TEMPLATE_FILES = {
  ujiKonsekuensi: '100-uji-konsekuensi.yaml',
  pelayananPermohonan: '101-pelayanan-permohonan-informasi.yaml',
  penangananKeberatan: '102-penanganan-keberatan.yaml',
} as const;

export function loadSeed(name: keyof typeof SEED_FILES): SopDefinition {
  const result = parseSopText(readFileSync(join(SOPS_DIR, SEED_FILES[name]), 'utf8'));
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.value;
}

/** One actor per role, holding only that role. */
export function actorFor(role: string): Actor {
  return { id: `user-${role}`, roles: [role] };
}

export const T0 = new Date('2025-01-06T01:00:00.000Z');
export const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

/** Takes the forward act at each step until the run reaches `untilStep` (or is published). */
export function advance(
  sop: SopDefinition,
  run: RunState,
  untilStep = Infinity,
  actors: (role: string) => Actor = actorFor,
): { run: RunState; effects: Effect[] } {
  const effects: Effect[] = [];
  let minute = 1;
  while (run.status !== 'published' && run.currentStep < untilStep) {
    const step = currentStepOf(sop, run);
    const r = decide(sop, run, actors(step.role), forwardActOf(step), { expectedVersion: run.version }, later(minute++));
    if (!r.ok) throw new Error(`step ${step.number}: ${r.reason}: ${r.message}`);
    run = r.run;
    effects.push(...r.effects);
  }
  return { run, effects };
}

export function expectOk<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}
