// Validates an SOP definition and lists every problem at once, each with the path of the field,
// so a person fixing a file sees the whole list rather than one error per attempt.
import {
  STEP_ACTS,
  SUPPORTED_FORMAT_VERSIONS,
  type Committee,
  type CommitteeMember,
  type SopDefinition,
  type SopError,
  type SopHeader,
  type SopRole,
  type SopSigner,
  type SopStep,
  type SopValidationResult,
  type StepAct,
  type StepInput,
  type TimeStandard,
  type TimeUnit,
} from './types';
import { parseDuration, parseTimeStandard } from './time-standard';
import {
  APPROVAL_ACTS,
  EXAMINING_ACTS,
  isEditable,
  requiresSeparationOfDuties,
  returnTargetOf,
  standardToMs,
} from './steps';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NIP = /^\d{18}$/;

type Obj = Record<string, unknown>;

class Collector {
  readonly errors: SopError[] = [];
  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : base ? `${base}.${key}` : key;

function unknownFields(c: Collector, o: Obj, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) c.add(join(path, key), 'unknown field');
  }
}

function requiredText(c: Collector, o: Obj, key: string, path: string): string {
  const v = o[key];
  if (v === undefined || v === null) c.add(join(path, key), 'is required');
  else if (typeof v !== 'string') c.add(join(path, key), 'must be a string');
  else if (v.trim() === '') c.add(join(path, key), 'must not be empty');
  else return v;
  return '';
}

function optionalText(c: Collector, o: Obj, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') {
    c.add(join(path, key), 'must be a non-empty string');
    return undefined;
  }
  return v;
}

function optionalBoolean(c: Collector, o: Obj, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') {
    c.add(join(path, key), 'must be true or false');
    return undefined;
  }
  return v;
}

function isoDateOrNull(c: Collector, o: Obj, key: string, path: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  const m = typeof v === 'string' ? ISO_DATE.exec(v) : null;
  if (!m) {
    c.add(join(path, key), 'must be an ISO date (YYYY-MM-DD) or null');
    return null;
  }
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.getUTCMonth() + 1 !== Number(m[2]) || d.getUTCDate() !== Number(m[3])) {
    c.add(join(path, key), `"${v}" is not a real date`);
    return null;
  }
  return v as string;
}

function textList(c: Collector, o: Obj, key: string, path: string): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    c.add(join(path, key), 'must be a list of strings');
    return [];
  }
  const out: string[] = [];
  v.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') c.add(join(join(path, key), i), 'must be a non-empty string');
    else out.push(item);
  });
  return out;
}

function duration(c: Collector, v: unknown, path: string): { amount: number; unit: TimeUnit } | undefined {
  const r = parseDuration(v);
  if (!r.ok) c.add(r.field ? join(path, r.field) : path, r.message);
  return r.ok ? r.value : undefined;
}

function timeStandard(c: Collector, v: unknown, path: string): TimeStandard | undefined {
  if (v === undefined) {
    c.add(path, "is required (e.g. \"15 menit\", {amount, unit}, or 'tentatif' for a blank cell)");
    return undefined;
  }
  const r = parseTimeStandard(v);
  if (!r.ok) c.add(r.field ? join(path, r.field) : path, r.message);
  return r.ok ? r.value : undefined;
}

function signer(c: Collector, v: unknown, path: string): SopSigner {
  if (!isObj(v)) {
    c.add(path, 'is required ({nama, nip, jabatan})');
    return { nama: '', nip: null, jabatan: '' };
  }
  unknownFields(c, v, path, ['nama', 'nip', 'jabatan']);
  let nip: string | null = null;
  if (v.nip !== undefined && v.nip !== null) {
    if (typeof v.nip !== 'string') c.add(join(path, 'nip'), 'must be a string (quote it in YAML)');
    else if (!NIP.test(v.nip)) c.add(join(path, 'nip'), `"${v.nip}" is not a NIP (18 digits)`);
    else nip = v.nip;
  }
  return { nama: requiredText(c, v, 'nama', path), nip, jabatan: requiredText(c, v, 'jabatan', path) };
}

const HEADER_LISTS = [
  'dasarHukum',
  'kualifikasiPelaksana',
  'keterkaitan',
  'peralatanPerlengkapan',
  'peringatan',
  'pencatatanPendataan',
] as const;
const HEADER_FIELDS = [
  'nomorSop',
  'namaSop',
  'instansi',
  'unit',
  'tanggalPembuatan',
  'tanggalRevisi',
  'tanggalEfektif',
  'disahkanOleh',
  ...HEADER_LISTS,
];

function header(c: Collector, v: unknown): SopHeader | undefined {
  const path = 'header';
  if (!isObj(v)) {
    c.add(path, 'is required');
    return undefined;
  }
  unknownFields(c, v, path, HEADER_FIELDS);
  let unit: string | null = null;
  if (v.unit !== undefined && v.unit !== null) unit = optionalText(c, v, 'unit', path) ?? null;
  const h: SopHeader = {
    nomorSop: requiredText(c, v, 'nomorSop', path),
    namaSop: requiredText(c, v, 'namaSop', path),
    instansi: requiredText(c, v, 'instansi', path),
    unit,
    tanggalPembuatan: isoDateOrNull(c, v, 'tanggalPembuatan', path),
    tanggalRevisi: isoDateOrNull(c, v, 'tanggalRevisi', path),
    tanggalEfektif: isoDateOrNull(c, v, 'tanggalEfektif', path),
    disahkanOleh: signer(c, v.disahkanOleh, join(path, 'disahkanOleh')),
    dasarHukum: [],
    kualifikasiPelaksana: [],
    keterkaitan: [],
    peralatanPerlengkapan: [],
    peringatan: [],
    pencatatanPendataan: [],
  };
  for (const key of HEADER_LISTS) h[key] = textList(c, v, key, path);
  return h;
}

function roles(c: Collector, v: unknown): SopRole[] {
  if (!Array.isArray(v) || v.length === 0) {
    c.add('roles', 'must be a non-empty list');
    return [];
  }
  const seen = new Set<string>();
  const out: SopRole[] = [];
  v.forEach((r, i) => {
    const path = join('roles', i);
    if (!isObj(r)) {
      c.add(path, 'must be {key, label}');
      return;
    }
    unknownFields(c, r, path, ['key', 'label']);
    const key = requiredText(c, r, 'key', path);
    const label = requiredText(c, r, 'label', path);
    if (key && !KEBAB.test(key)) c.add(join(path, 'key'), `"${key}" is not kebab-case`);
    else if (key && seen.has(key)) c.add(join(path, 'key'), `duplicate role "${key}"`);
    seen.add(key);
    out.push({ key, label });
  });
  return out;
}

function inputs(c: Collector, v: unknown, path: string): StepInput[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    c.add(path, 'must be a list of {label, requiresAttachment?}');
    return [];
  }
  const out: StepInput[] = [];
  v.forEach((item, i) => {
    const p = join(path, i);
    if (!isObj(item)) {
      c.add(p, 'must be {label, requiresAttachment?}');
      return;
    }
    unknownFields(c, item, p, ['label', 'requiresAttachment']);
    const input: StepInput = { label: requiredText(c, item, 'label', p) };
    const att = optionalBoolean(c, item, 'requiresAttachment', p);
    if (att !== undefined) input.requiresAttachment = att;
    out.push(input);
  });
  return out;
}

const STEP_FIELDS = [
  'number',
  'activity',
  'role',
  'act',
  'inputs',
  'standard',
  'fastTrackStandard',
  'output',
  'returnTo',
  'editable',
  'separationOfDuties',
  'notes',
  'committee',
];

/** A committee: its members (role, optional unit code) and the rule that completes the step. */
function committee(c: Collector, v: unknown, path: string, roleKeys: Set<string>, act: StepAct): Committee | undefined {
  if (!isObj(v)) {
    c.add(path, "must be {members: [{role, unit?}], rule: all | {atLeast: N}}");
    return undefined;
  }
  unknownFields(c, v, path, ['members', 'rule']);
  if (STEP_ACTS.includes(act) && !EXAMINING_ACTS.has(act)) {
    c.add(path, `only examining steps (${[...EXAMINING_ACTS].join(', ')}) can be a committee's`);
  }
  const members: CommitteeMember[] = [];
  const mp = join(path, 'members');
  if (!Array.isArray(v.members) || v.members.length === 0) c.add(mp, 'must be a non-empty list of {role, unit?}');
  else {
    const seen = new Set<string>();
    v.members.forEach((m, i) => {
      const p = join(mp, i);
      if (!isObj(m)) {
        c.add(p, 'must be {role, unit?}');
        return;
      }
      unknownFields(c, m, p, ['role', 'unit']);
      const role = requiredText(c, m, 'role', p);
      if (role && !roleKeys.has(role)) c.add(join(p, 'role'), `unknown role "${role}"`);
      const unit = optionalText(c, m, 'unit', p);
      const key = `${role}@${unit ?? ''}`;
      if (role && seen.has(key)) c.add(p, `"${role}"${unit ? ` for unit ${unit}` : ''} is listed twice (a member counts once)`);
      seen.add(key);
      members.push(unit !== undefined ? { role, unit } : { role });
    });
  }
  const rp = join(path, 'rule');
  let rule: Committee['rule'] = 'all';
  if (v.rule === undefined) c.add(rp, "is required ('all' or {atLeast: N})");
  else if (v.rule === 'all') rule = 'all';
  else if (isObj(v.rule)) {
    unknownFields(c, v.rule, rp, ['atLeast']);
    const n = v.rule.atLeast;
    if (!Number.isInteger(n) || (n as number) < 1) c.add(join(rp, 'atLeast'), 'must be a whole number of members, at least 1');
    else rule = { atLeast: n as number };
  } else c.add(rp, "must be 'all' or {atLeast: N}");
  return { members, rule };
}

function step(c: Collector, v: unknown, i: number, roleKeys: Set<string>, count: number): SopStep | undefined {
  const path = join('steps', i);
  if (!isObj(v)) {
    c.add(path, 'must be an object');
    return undefined;
  }
  unknownFields(c, v, path, STEP_FIELDS);
  const expected = i + 1;
  if (v.number !== expected) {
    c.add(join(path, 'number'), `must be ${expected} (steps are numbered 1..n in order), got ${JSON.stringify(v.number)}`);
  }
  const role = requiredText(c, v, 'role', path);
  if (role && !roleKeys.has(role)) c.add(join(path, 'role'), `unknown role "${role}"`);
  const act = v.act as StepAct;
  if (v.act === undefined) c.add(join(path, 'act'), 'is required');
  else if (!STEP_ACTS.includes(act)) c.add(join(path, 'act'), `unknown act "${String(v.act)}"`);

  const s: SopStep = {
    number: expected,
    activity: requiredText(c, v, 'activity', path),
    role,
    act,
    inputs: inputs(c, v.inputs, join(path, 'inputs')),
    standard: timeStandard(c, v.standard, join(path, 'standard')) ?? 'tentatif',
    output: requiredText(c, v, 'output', path),
  };
  if (v.fastTrackStandard !== undefined) {
    const fast = duration(c, v.fastTrackStandard, join(path, 'fastTrackStandard'));
    const fastMs = fast ? standardToMs(fast) : null;
    const normalMs = standardToMs(s.standard);
    if (fast && fastMs !== null && normalMs !== null && fastMs > normalMs) {
      c.add(join(path, 'fastTrackStandard'), 'must not be longer than standard');
    }
    if (fast) s.fastTrackStandard = fast;
  }
  if (v.returnTo !== undefined) {
    const p = join(path, 'returnTo');
    if (!Number.isInteger(v.returnTo) || (v.returnTo as number) < 1 || (v.returnTo as number) > count) {
      c.add(p, `must be a step number (1..${count})`);
    } else if ((v.returnTo as number) >= expected) {
      c.add(p, `must point to an earlier step than ${expected}`);
    } else if (STEP_ACTS.includes(act) && !EXAMINING_ACTS.has(act)) {
      c.add(p, `only examining steps (${[...EXAMINING_ACTS].join(', ')}) can return work`);
    } else s.returnTo = v.returnTo as number;
  }
  const editable = optionalBoolean(c, v, 'editable', path);
  if (editable !== undefined) s.editable = editable;
  const sod = optionalBoolean(c, v, 'separationOfDuties', path);
  if (sod !== undefined) s.separationOfDuties = sod;
  const notes = optionalText(c, v, 'notes', path);
  if (notes !== undefined) s.notes = notes;
  if (v.committee !== undefined) {
    const k = committee(c, v.committee, join(path, 'committee'), roleKeys, act);
    if (k) s.committee = k;
  }
  return s;
}

export function validateSopDefinition(input: unknown): SopValidationResult {
  const c = new Collector();
  if (!isObj(input)) return { ok: false, errors: [{ path: '', message: 'an SOP definition must be an object' }] };
  unknownFields(c, input, '', ['formatVersion', 'code', 'header', 'roles', 'steps', 'notes']);

  if (input.formatVersion === undefined) c.add('formatVersion', 'is required');
  else if (!SUPPORTED_FORMAT_VERSIONS.includes(input.formatVersion as 1)) {
    c.add('formatVersion', `unsupported version ${JSON.stringify(input.formatVersion)} (supported: ${SUPPORTED_FORMAT_VERSIONS.join(', ')})`);
  }
  const code = requiredText(c, input, 'code', '');
  if (code && !KEBAB.test(code)) c.add('code', `"${code}" is not kebab-case`);
  const h = header(c, input.header);
  const rs = roles(c, input.roles);
  const roleKeys = new Set(rs.map((r) => r.key));

  const steps: SopStep[] = [];
  if (!Array.isArray(input.steps) || input.steps.length === 0) c.add('steps', 'must be a non-empty list');
  else {
    input.steps.forEach((raw, i) => {
      const s = step(c, raw, i, roleKeys, (input.steps as unknown[]).length);
      if (s) steps.push(s);
    });
  }
  const notes = input.notes === undefined ? undefined : textList(c, input, 'notes', '');

  if (steps.length > 0) checkFlow(c, rs, steps);

  if (c.errors.length > 0 || !h) return { ok: false, errors: c.errors };
  const value: SopDefinition = { formatVersion: 1, code, header: h, roles: rs, steps };
  if (notes !== undefined) value.notes = notes;
  return { ok: true, value };
}

/** Rules across steps: the shape of the whole procedure. */
function checkFlow(c: Collector, roleList: SopRole[], steps: SopStep[]): void {
  const sop = { steps };
  // An SOP publishes at most once; its product may instead be a decision (no publish step), and
  // recording steps may follow the publication (e.g. "mencatat ... dan memutakhirkan DIP").
  const publishIdx = steps.flatMap((s, i) => (s.act === 'publish' ? [i] : []));
  for (const i of publishIdx.slice(1)) c.add(join(join('steps', i), 'act'), 'only one publish step is allowed');
  const publishAt = publishIdx[0];
  if (publishAt !== undefined) {
    // What is published cannot be sent back or changed by the run that published it.
    for (let i = publishAt + 1; i < steps.length; i++) {
      const s = steps[i]!;
      if (!STEP_ACTS.includes(s.act)) continue;
      if (EXAMINING_ACTS.has(s.act)) c.add(join(join('steps', i), 'act'), `a step after the publish step (${publishAt + 1}) records what was published; it cannot examine or return (${s.act})`);
      else if (isEditable(s)) c.add(join(join('steps', i), 'editable'), `a step after the publish step (${publishAt + 1}) cannot edit the published content`);
    }
  }

  steps.forEach((s, i) => {
    const path = join('steps', i);
    if (!STEP_ACTS.includes(s.act)) return;
    // An editor at a step that excludes editors could never complete it.
    if (isEditable(s) && requiresSeparationOfDuties(s)) {
      c.add(path, 'a step cannot be editable and also exclude the drafter (separationOfDuties)');
    }
    if (s.act === 'publish' && s.editable === true) c.add(join(path, 'editable'), 'the publish step cannot be editable');
    if (s.committee && isEditable(s)) c.add(join(path, 'editable'), 'a committee step cannot be editable (each member initials the same content)');
    // Approvals must be able to refuse; a classify step may return only if it names a target.
    if (APPROVAL_ACTS.has(s.act) && returnTargetOf(sop, s) === null) {
      c.add(path, 'nothing to return to: set returnTo or put an editable step before it');
    }
  });

  const used = new Set(steps.flatMap((s) => [s.role, ...(s.committee?.members.map((m) => m.role) ?? [])]));
  roleList.forEach((r, i) => {
    if (r.key && !used.has(r.key)) c.add(join(join('roles', i), 'key'), `role "${r.key}" has no step`);
  });
}

export function formatSopError(e: SopError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}
