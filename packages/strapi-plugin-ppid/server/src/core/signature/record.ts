/**
 * A signature record: one act (paraf, tanda tangan, return, ...) on one exact version of an
 * item, sealed with a hash chain and an Ed25519 signature so that any later change to the
 * record, to the order of records, or (through contentHash) to the approved content is
 * detectable (UU ITE Pasal 11; PP 71/2019 Pasal 59-60).
 */
import { randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { sha256Hex } from './content-hash';
import { publicKeyMap, type PublicKeySet, type SigningKey } from './keys';

export type SignatureKind =
  | 'paraf'
  | 'tanda_tangan'
  | 'return'
  | 'handover'
  | 'publish'
  | 'submit'
  | 'complete'
  | 'cancel'
  | 'unpublish'
  | 'decree'
  // Sealed changes outside an act: content edited in an open run, an approval voided by it, a
  // governed item deleted, a configuration row (role mapping, delegation, binding) changed.
  | 'edit'
  | 'void'
  | 'delete'
  | 'config';

export const SIGNATURE_KINDS: readonly SignatureKind[] = [
  'paraf',
  'tanda_tangan',
  'return',
  'handover',
  'publish',
  'submit',
  'complete',
  'cancel',
  'unpublish',
  'decree',
  'edit',
  'void',
  'delete',
  'config',
];

/** definitif, Plt (acting), Plh (daily stand-in), a.n. (on behalf of). */
export type SignerCapacity = 'definitif' | 'plt' | 'plh' | 'an';
export type SignatureMethod = 'login' | 'external';

/** The signer as at signing: later changes of jabatan or unit do not rewrite history. */
export interface SignerSnapshot {
  userId: string;
  nama: string;
  nip: string | null;
  jabatan: string;
  unit: string | null;
}

export interface OnBehalfOf {
  nama: string;
  nip: string | null;
  jabatan: string;
}

/** A decree's number and date (YYYY-MM-DD, in the body's time zone) as signed. */
export interface DecreeRef {
  number: string;
  date: string;
}

/** Reference to a certified signature made outside the system (BSrE of BSSN). */
export interface ExternalSignatureRef {
  provider: 'BSrE';
  documentId: string;
  certificateSerial: string;
}

export interface SignatureRecord {
  /** Global sequence, 1-based, no gaps. */
  seq: number;
  /** Sequence within the run, 1-based, no gaps. */
  runSeq: number;
  itemUid: string;
  itemDocumentId: string;
  itemLocale: string | null;
  itemVersion: number;
  sopCode: string;
  sopVersion: string;
  runId: string;
  /** SOP step number; null for run-level events (e.g. cancel by an administrator). */
  stepNumber: number | null;
  kind: SignatureKind;
  /** The workflow's decision code, e.g. 'approved', 'returned'. */
  decision: string | null;
  /** Mandatory when kind is 'return'. */
  note: string | null;
  signer: SignerSnapshot;
  capacity: SignerCapacity;
  onBehalfOf: OnBehalfOf | null;
  delegationId: string | null;
  /** Server time, ISO 8601 UTC (`...Z`). */
  signedAt: string;
  method: SignatureMethod;
  externalRef: ExternalSignatureRef | null;
  /**
   * The intent statement the signer confirmed (paraf, tanda tangan). Absent from records that
   * carry none, so records sealed before the field existed keep their hash.
   */
  intent?: string | null;
  /**
   * The decree (SK) this signature makes, when the act establishes a DIP edition: its number and
   * date are given before sealing so the signature covers them (a number changed afterwards no
   * longer matches the hash). Absent from every other record, and from DIP records sealed before
   * the field existed, which keep their hash.
   */
  decree?: DecreeRef | null;
  ip: string | null;
  userAgent: string | null;
  /** contentHash() of the exact item content (and attachments) acted on. */
  contentHash: string;
  /** hash of the record with seq - 1; null for seq 1 (or the first record after an anchor). */
  prevHash: string | null;
  /** hash of the previous record of the same run; null for the run's first record. */
  prevRunHash: string | null;
  /** SHA-256 hex of the canonical record body (every field except hash and signature). */
  hash: string;
  keyId: string;
  /** Ed25519 signature, base64, over SIGNATURE_CONTEXT + hash. */
  signature: string;
  /** Short code printed on the form to look the record up. */
  verificationCode: string;
}

/** What is hashed: the record without its hash and signature. */
export type SignatureRecordBody = Omit<SignatureRecord, 'hash' | 'signature'>;

/** What the caller supplies; chain links, key and seal are filled by sealRecord. */
export type SignatureRecordInput = Omit<
  SignatureRecord,
  'prevHash' | 'prevRunHash' | 'hash' | 'keyId' | 'signature' | 'verificationCode'
> & { verificationCode?: string };

/**
 * Domain separation: the same key may later sign other things (e.g. DIP decrees); a record
 * signature must never be valid as anything else, and vice versa.
 */
export const SIGNATURE_CONTEXT = 'ppid.signature-record.v1:';

/**
 * Explicit projection of the record's fields. Hashing a fixed field list (rather than
 * "whatever object we got") keeps the hash stable when storage adds its own columns
 * (id, createdAt, ...) and turns a missing optional field into null, not an absent key.
 *
 * Keys are written in RFC 8785 order (UTF-16 code units) and every leaf is a JSON scalar, so
 * JSON.stringify of this object IS its RFC 8785 canonical form (JCS serialises strings and
 * numbers exactly as JSON.stringify does). That saves a generic sort per record when
 * verifying long chains; a unit test pins the equality with `canonicalize`.
 */
export function recordBody(r: SignatureRecordBody): SignatureRecordBody {
  return {
    capacity: leaf(r.capacity),
    contentHash: leaf(r.contentHash),
    decision: leaf(r.decision),
    // Only present on an establishing signature: see SignatureRecord.decree.
    ...(r.decree ? { decree: { date: leaf(r.decree.date), number: leaf(r.decree.number) } } : {}),
    delegationId: leaf(r.delegationId),
    externalRef: r.externalRef
      ? {
          certificateSerial: leaf(r.externalRef.certificateSerial),
          documentId: leaf(r.externalRef.documentId),
          provider: leaf(r.externalRef.provider),
        }
      : null,
    // Only present when there is a statement: see SignatureRecord.intent.
    ...(r.intent !== undefined && r.intent !== null ? { intent: leaf(r.intent) } : {}),
    ip: leaf(r.ip),
    itemDocumentId: leaf(r.itemDocumentId),
    itemLocale: leaf(r.itemLocale),
    itemUid: leaf(r.itemUid),
    itemVersion: leaf(r.itemVersion),
    keyId: leaf(r.keyId),
    kind: leaf(r.kind),
    method: leaf(r.method),
    note: leaf(r.note),
    onBehalfOf: r.onBehalfOf
      ? { jabatan: leaf(r.onBehalfOf.jabatan), nama: leaf(r.onBehalfOf.nama), nip: leaf(r.onBehalfOf.nip) }
      : null,
    prevHash: leaf(r.prevHash),
    prevRunHash: leaf(r.prevRunHash),
    runId: leaf(r.runId),
    runSeq: leaf(r.runSeq),
    seq: leaf(r.seq),
    signedAt: leaf(r.signedAt),
    signer: {
      jabatan: leaf(r.signer.jabatan),
      nama: leaf(r.signer.nama),
      nip: leaf(r.signer.nip),
      unit: leaf(r.signer.unit),
      userId: leaf(r.signer.userId),
    },
    sopCode: leaf(r.sopCode),
    sopVersion: leaf(r.sopVersion),
    stepNumber: leaf(r.stepNumber),
    userAgent: leaf(r.userAgent),
    verificationCode: leaf(r.verificationCode),
  };
}

/** Record fields are scalars; anything else (or a non-finite number) cannot be hashed. */
function leaf<T>(value: T): T {
  if (value === undefined) return null as T;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new TypeError(`record field value ${String(value)} is not a JSON scalar`);
}

/** RFC 8785 canonical JSON of the record body (see recordBody for why JSON.stringify suffices). */
export function canonicalRecordJson(body: SignatureRecordBody): string {
  return JSON.stringify(recordBody(body));
}

/** SHA-256 hex of the canonical JSON of the record body (hash and signature excluded). */
export function computeRecordHash(body: SignatureRecordBody): string {
  return sha256Hex(canonicalRecordJson(body));
}

export function signatureMessage(hash: string): Buffer {
  return Buffer.from(SIGNATURE_CONTEXT + hash, 'utf8');
}

// Crockford base32: no I, L, O, U, so a code read aloud or retyped from paper survives.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Random url-safe code (default 12 chars = 60 bits), not derived from the record. */
export function generateVerificationCode(length = 12): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD[bytes[i] & 31];
  return out;
}

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Rules a record must meet before it may be sealed. Throws TypeError naming the field. */
export function assertRecordInput(input: SignatureRecordInput): void {
  const fail = (msg: string): never => {
    throw new TypeError(`signature record: ${msg}`);
  };
  if (!Number.isSafeInteger(input.seq) || input.seq < 1) fail('seq must be a positive integer');
  if (!Number.isSafeInteger(input.runSeq) || input.runSeq < 1) fail('runSeq must be a positive integer');
  if (!Number.isSafeInteger(input.itemVersion)) fail('itemVersion must be an integer');
  if (!SIGNATURE_KINDS.includes(input.kind)) fail(`unknown kind "${String(input.kind)}"`);
  if (!HEX64.test(input.contentHash)) fail('contentHash must be 64 lowercase hex');
  if (!ISO_UTC.test(input.signedAt) || Number.isNaN(Date.parse(input.signedAt))) {
    fail('signedAt must be an ISO 8601 UTC timestamp (…Z)');
  }
  if (input.kind === 'return' && !input.note?.trim()) fail('a return needs a note');
  if (input.capacity === 'an' && !input.onBehalfOf) fail('capacity "an" needs onBehalfOf');
  if (input.method === 'external' && !input.externalRef) fail('method "external" needs externalRef');
  if (input.intent !== undefined && input.intent !== null && (typeof input.intent !== 'string' || !input.intent.trim())) {
    fail('intent must be a non-empty string or null');
  }
  if (input.decree !== undefined && input.decree !== null) {
    if (typeof input.decree.number !== 'string' || !input.decree.number.trim()) fail('decree.number must be a non-empty string');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(input.decree.date))) fail('decree.date must be YYYY-MM-DD');
  }
  if (!input.signer?.nama || !input.signer.jabatan) fail('signer nama and jabatan are required');
}

/** A record checked and given its verification code, waiting for its place in the chain. */
export type PreparedRecord = Omit<SignatureRecordInput, 'seq' | 'runSeq'> & { verificationCode: string };

/**
 * Everything about a record that does not depend on its place in the chain: the input is
 * checked (the same rules as sealRecord) and the verification code drawn, so the work left
 * under the chain lock is the link itself (linkRecord).
 */
export function prepareRecord(input: Omit<SignatureRecordInput, 'seq' | 'runSeq'>): PreparedRecord {
  assertRecordInput({ ...input, seq: 1, runSeq: 1 } as SignatureRecordInput);
  return { ...input, verificationCode: input.verificationCode ?? generateVerificationCode() };
}

/** Seals a prepared record at its place: `seq`/`runSeq` and the hashes of the records before it. */
export function linkRecord(
  prepared: PreparedRecord,
  at: { seq: number; runSeq: number; prevHash: string | null; prevRunHash: string | null },
  key: SigningKey
): SignatureRecord {
  return sealRecord({ ...prepared, seq: at.seq, runSeq: at.runSeq }, at.prevHash, at.prevRunHash, key);
}

/**
 * Link a record into both chains and seal it. `prevHash` is the hash of the record with
 * seq - 1 (null for the first), `prevRunHash` the hash of the run's previous record.
 * The caller must serialise sealing (one writer, or a lock on the chain head).
 */
export function sealRecord(
  input: SignatureRecordInput,
  prevHash: string | null,
  prevRunHash: string | null,
  key: SigningKey
): SignatureRecord {
  assertRecordInput(input);
  const body = recordBody({
    ...input,
    prevHash,
    prevRunHash,
    keyId: key.keyId,
    verificationCode: input.verificationCode ?? generateVerificationCode(),
  });
  const hash = computeRecordHash(body);
  const signature = sign(null, signatureMessage(hash), key.privateKey).toString('base64');
  return { ...body, hash, signature };
}

export type RecordProblemCode = 'hash_mismatch' | 'bad_signature' | 'unknown_key';

export interface RecordCheck {
  ok: boolean;
  problems: { code: RecordProblemCode; message: string }[];
}

/** The hash part of verification: does the stored hash match the record's fields? */
export function checkRecordHash(record: SignatureRecord): RecordCheck['problems'][number] | null {
  let actual: string;
  try {
    actual = computeRecordHash(record);
  } catch (err) {
    return { code: 'hash_mismatch', message: `record cannot be canonicalised: ${(err as Error).message}` };
  }
  return actual === record.hash
    ? null
    : {
        code: 'hash_mismatch',
        message: `stored hash ${String(record.hash).slice(0, 12)}… does not match computed ${actual.slice(0, 12)}…`,
      };
}

export function findPublicKey(record: SignatureRecord, keys: PublicKeySet): KeyObject | undefined {
  return publicKeyMap(keys).get(record.keyId);
}

/**
 * Check one record on its own: its hash matches its fields, and the signature over the stored
 * hash is valid under a known public key. Both are checked independently so an edit that kept
 * the old hash (hash_mismatch) is told apart from a re-hashed forgery (bad_signature).
 */
export function verifyRecord(record: SignatureRecord, keys: PublicKeySet): RecordCheck {
  const problems: RecordCheck['problems'] = [];
  const hashProblem = checkRecordHash(record);
  if (hashProblem) problems.push(hashProblem);
  const key = findPublicKey(record, keys);
  if (!key) {
    problems.push({ code: 'unknown_key', message: `keyId ${record.keyId} is not a known public key` });
  } else if (!verifySignature(record, key)) {
    problems.push({ code: 'bad_signature', message: 'Ed25519 signature does not verify' });
  }
  return { ok: problems.length === 0, problems };
}

export function verifySignature(record: SignatureRecord, key: KeyObject): boolean {
  try {
    return verify(null, signatureMessage(record.hash), key, Buffer.from(record.signature, 'base64'));
  } catch {
    return false;
  }
}
