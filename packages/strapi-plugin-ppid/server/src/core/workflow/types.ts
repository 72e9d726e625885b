// The SOP definition format (formatVersion 1) and the run state the engine works over.
// Plain data only: both are stored as JSON by the adapters and read back unchanged.

export const SUPPORTED_FORMAT_VERSIONS = [1] as const;
export type FormatVersion = (typeof SUPPORTED_FORMAT_VERSIONS)[number];

export const STEP_ACTS = [
  'instruct',
  'collect',
  'draft',
  'review_paraf',
  'review_signature',
  'classify',
  'decide',
  'establish',
  'handover',
  'publish',
  'archive',
  'update',
] as const;
export type StepAct = (typeof STEP_ACTS)[number];

export const TIME_UNITS = ['minute', 'hour', 'day', 'week'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** Mutu baku "waktu": a duration, or 'tentatif' (no limit). */
export type TimeStandard = { amount: number; unit: TimeUnit } | 'tentatif';

/**
 * A committee (Tim Pertimbangan, a panel): the step's pelaksana is a body of several people.
 * Its members are the people who hold one of `members`' roles (for `unit`, a unit code, when
 * given; else for the item's unit); each person acts once however many of those roles they hold.
 */
export interface CommitteeMember {
  role: string;
  /** A unit code: the role as held for that unit (e.g. one PPID Pelaksana per bidang). */
  unit?: string;
}

/** 'all': every member; {atLeast: N}: N distinct members. */
export type CommitteeRule = 'all' | { atLeast: number };

export interface Committee {
  members: CommitteeMember[];
  rule: CommitteeRule;
}

/** One item of "kelengkapan" (what the step needs). */
export interface StepInput {
  label: string;
  requiresAttachment?: boolean;
}

export interface SopStep {
  number: number;
  activity: string;
  /** A roles[].key: the pelaksana column this step sits in. */
  role: string;
  act: StepAct;
  inputs: StepInput[];
  standard: TimeStandard;
  /**
   * The waktu for serta merta items (UU 14/2008 Pasal 10; Perki 1/2021 Pasal 25: "dilarang
   * menunda"): same syntax as `standard`, never 'tentatif'. Read it through `standardFor`.
   */
  standardSertaMerta?: TimeStandard;
  /** @deprecated Stored definitions from before `standardSertaMerta`; `standardFor` reads it. */
  fastTrackStandard?: { amount: number; unit: TimeUnit };
  output: string;
  /**
   * Step a return sends the work to; only on examining steps. null: the SOP names no return
   * and the body added none (the step cannot return). Absent: the nearest earlier editable
   * step (formatVersion 1 default; the shipped SOPs always say which).
   */
  returnTo?: number | null;
  /** The return is not in the SOP's text: the body added it (printed as such, never as the SOP's). */
  returnAddition?: boolean;
  /** Content may be edited at this step; default true for draft/collect/update. */
  editable?: boolean;
  /** The drafter/last editor may not act; default true for paraf/signature/decide/establish. */
  separationOfDuties?: boolean;
  notes?: string;
  /** The pelaksana is a committee: several people act on this step, one paraf each. */
  committee?: Committee;
}

export interface SopRole {
  key: string;
  /** As written in the SOP's pelaksana header, e.g. "Kasubbag / Kasi". */
  label: string;
}

export interface SopSigner {
  nama: string;
  /** 18-digit NIP, or null when the SOP does not give one. */
  nip: string | null;
  jabatan: string;
}

export interface SopHeader {
  nomorSop: string;
  namaSop: string;
  instansi: string;
  unit: string | null;
  /** ISO dates (YYYY-MM-DD) or null when the SOP leaves them blank. */
  tanggalPembuatan: string | null;
  tanggalRevisi: string | null;
  tanggalEfektif: string | null;
  disahkanOleh: SopSigner;
  dasarHukum: string[];
  kualifikasiPelaksana: string[];
  keterkaitan: string[];
  peralatanPerlengkapan: string[];
  peringatan: string[];
  pencatatanPendataan: string[];
}

export interface SopDefinition {
  formatVersion: FormatVersion;
  /** Stable kebab-case id, e.g. "palaran-publikasi-website". */
  code: string;
  header: SopHeader;
  roles: SopRole[];
  steps: SopStep[];
  /** Transcription notes: how a garbled or blank cell of the source was read. */
  notes?: string[];
}

export interface SopError {
  path: string;
  message: string;
}

export type SopValidationResult =
  | { ok: true; value: SopDefinition }
  | { ok: false; errors: SopError[] };

// ---------------------------------------------------------------------------------------------
// Runs

/**
 * published: the run's publish step is done (it stays open while steps after it, e.g. recording
 * in a register, are walked). completed: the last step is done and the SOP has no publish step
 * (its product is a decision).
 */
export type RunStatus = 'in_progress' | 'returned' | 'published' | 'completed' | 'cancelled';

/**
 * voided: an approval invalidated by a later content change, or the open step of a cancelled
 * run. returned: the step's actor sent the work back (the step is walked again later).
 */
export type StepStatus = 'pending' | 'active' | 'done' | 'returned' | 'voided';

/** What an actor's act is recorded as; decided by the step, not by the act's name. */
export type RecordKind =
  | 'submit'
  | 'complete'
  | 'paraf'
  | 'tanda_tangan'
  | 'return'
  | 'handover'
  | 'publish'
  | 'cancel';

export interface StepState {
  number: number;
  status: StepStatus;
  /** Latest activation (a return re-activates a step); deadlines count from here. */
  startedAt: string | null;
  firstStartedAt: string | null;
  endedAt: string | null;
  /** Calendar deadline from the step's standard; null for 'tentatif'. */
  dueAt: string | null;
  actorId: string | null;
  decision: RecordKind | null;
  comment: string | null;
  /** Hash of the content as it was when the actor acted. */
  contentHash: string | null;
  /** Committee steps: the activation count (a return starts a new round) ... */
  round?: number;
  /** ... and the members' acts given in this round, in order. */
  members?: CommitteeAct[];
}

export interface CommitteeAct {
  actorId: string;
  at: string;
  kind: RecordKind;
  contentHash: string | null;
}

export interface RunState {
  status: RunStatus;
  currentStep: number;
  steps: StepState[];
  /** Actors who drafted or edited the content in this run (separation of duties). */
  draftedBy: string[];
  /** Optimistic lock: bumped by every accepted act. */
  version: number;
  submittedBy: string;
  /** Serta merta: standardSertaMerta applies where a step has one. */
  fastTrack: boolean;
  /** Latest known content hash; null until the adapter first reports one. */
  contentHash: string | null;
  cancelReason: string | null;
}

export const ACTS = ['submit', 'approve', 'return', 'handover', 'publish', 'cancel', 'edit'] as const;
export type Act = (typeof ACTS)[number];

export interface Actor {
  id: string;
  /** SOP role keys this actor holds for the item's unit, resolved by the caller. */
  roles: string[];
  /** The caller knows this actor authored the item (outside the run). */
  isDrafter?: boolean;
  /** An administrator holding the plugin's `runs.cancel` permission: may cancel any open run. */
  mayCancelAny?: boolean;
}

export interface ActInput {
  /** Required for 'return'. */
  comment?: string;
  /** Required for 'cancel'. */
  reason?: string;
  /** Hash of the content as the actor sees it; required for 'edit'. */
  contentHash?: string;
  /** The run version the actor saw; a different current version is a conflict. */
  expectedVersion?: number;
  /** The step the actor believes is current; guards against skipping and stale screens. */
  step?: number;
}

export type NotifyReason = 'step_active' | 'returned' | 'content_changed' | 'published' | 'completed' | 'cancelled';

export type Effect =
  | {
      type: 'record';
      kind: RecordKind;
      step: number;
      role: string;
      actorId: string;
      contentHash: string | null;
      comment?: string;
      /** For returns: where the work went. */
      toStep?: number;
      /** A committee member's act: the round, and whether it met the rule (completing the step). */
      member?: { round: number; given: number; required: number; completes: boolean };
    }
  | {
      type: 'void';
      step: number;
      kind: 'paraf' | 'tanda_tangan' | 'complete';
      reason: 'content_changed' | 'committee_returned';
      /** A committee member's act voided (one void per member). */
      actorId?: string;
    }
  | { type: 'edit'; step: number; actorId: string; contentHash: string; previousHash: string | null }
  | { type: 'publish'; step: number }
  | { type: 'notify'; reason: NotifyReason; step: number; role: string; dueAt?: string | null };

export type NotifyEffect = Extract<Effect, { type: 'notify' }>;

export type ErrorCode = 'forbidden' | 'conflict' | 'invalid';

/** Stable keys the adapter maps to translated messages. */
export type ErrorReason =
  | 'run_closed'
  | 'stale_version'
  | 'not_current_step'
  | 'step_skipped'
  | 'unknown_act'
  | 'wrong_act'
  | 'publish_not_last_step'
  | 'return_not_allowed'
  | 'wrong_role'
  | 'separation_of_duties'
  | 'comment_required'
  | 'reason_required'
  | 'content_hash_required'
  | 'content_changed'
  | 'step_not_editable'
  | 'not_allowed_to_cancel'
  | 'already_acted'
  | 'already_published'
  | 'not_first_step_role';

export interface DecideError {
  ok: false;
  code: ErrorCode;
  reason: ErrorReason;
  message: string;
  field?: string;
}

export type DecideResult = { ok: true; run: RunState; effects: Effect[] } | DecideError;

/**
 * Deadline of a step whose clock starts at `startedAt` (ISO string or Date; null = no limit).
 * The adapter passes one that counts on the body's working calendar.
 */
export type DeadlineOf = (step: SopStep, startedAt: Date, fastTrack: boolean) => string | Date | null;

export interface EngineOptions {
  deadlineOf?: DeadlineOf;
  /**
   * Committee steps: the distinct ids of the people who are the current step's members now
   * (the adapter resolves who holds the members' roles). Required when the current step is a
   * committee step; one id per person, however many member roles they hold.
   */
  roster?: string[];
}

export interface StartRunOptions extends EngineOptions {
  fastTrack?: boolean;
  contentHash?: string | null;
}
