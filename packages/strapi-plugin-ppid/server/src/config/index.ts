// The plugin's settings, in the host's config/plugins.ts under `ppid: { enabled: true, config: { … } }`.
//
// The host's own content types the plugin works with (none of them is required):
//   itemType      the information item: the type the DIP proposes entries from, the default
//                 binding of the publication SOPs, the public indexes, the demo body.
//                 Default 'api::information-item.information-item'.
//   dipEntryType  the Daftar Informasi Publik entry. Default 'api::dip-entry.dip-entry'.
//   kindType      the information kind (jenis informasi) the classification seeds fill.
//                 Default 'api::information-kind.information-kind'.
// A uid must look like `api::name.name` (or `plugin::name.name`). A DEFAULT whose type the host
// does not have resolves to null at boot (one info line), so a host without the reference types
// needs no setting; a uid the host SET that does not exist stops the boot with the key's name.
// `null` turns the feature off: no DIP proposals (itemType or dipEntryType null), no kind seeds
// (kindType null); public read grants, Content Manager labels and indexes skip the missing types,
// the demo seed refuses. What each type must have: see APP_TYPE_NEEDS below.
//
// The kop (letterhead) of printed documents, until an administrator sets it (PUT
// /ppid/settings/kop, services/kop.ts): PPID_INSTANSI (the parent government, e.g. "Pemerintah
// Kota Samarinda"), PPID_UNIT (the body, e.g. "Kecamatan Palaran"), PPID_ALAMAT (address line)
// and PPID_TEMPAT (place of the place-and-date line).
import { DEFAULT_NOTICE_NUMBER_PATTERN, DEFAULT_OBJECTION_NUMBER_PATTERN, DEFAULT_REQUEST_NUMBER_PATTERN, validateNoticeNumberPattern, validateRequestNumberPattern } from '../core/requests/number';
import { DEFAULT_REMINDER_DAYS_BEFORE, parseReminderDaysBefore } from '../core/requests/legal-reminders';
import {
  DEFAULT_MAX_SCAN_BYTES,
  MAX_SCAN_BYTES_LIMIT,
  RATE_LIMIT_BUCKETS,
  RATE_LIMIT_DEFAULTS,
  RATE_LIMIT_ENV,
  parseRateLimit,
  type RateLimit,
  type RateLimitBucket,
} from '../core/requests/abuse';
import { DEFAULT_SCAN_RETENTION_DAYS, parseRetentionDays } from '../core/requests/privacy';

const HEADING_KEYS = ['instansi', 'unit', 'alamat', 'tempat'] as const;

export const APP_TYPE_KEYS = ['itemType', 'dipEntryType', 'kindType'] as const;
export type AppTypeKey = (typeof APP_TYPE_KEYS)[number];

export const APP_TYPE_DEFAULTS: Record<AppTypeKey, string> = {
  itemType: 'api::information-item.information-item',
  dipEntryType: 'api::dip-entry.dip-entry',
  kindType: 'api::information-kind.information-kind',
};

/** The resolved app types: a uid, or null when the host has no such type (features degrade). */
export type AppTypes = Record<AppTypeKey, string | null>;

const UID_FORMAT = /^(api|plugin)::[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/;

type Attr = { type?: string; target?: string; component?: string; relation?: string };
/** What the plugin needs of a content type (for the boot check and the error message). */
type Needs = { attributes: Record<string, string[]>; draftAndPublish?: boolean };

/**
 * The essential attributes per key, with the attribute types accepted. Only what the plugin
 * reads or writes without a fallback: the item's class (public guard, DIP), the entry's DIP
 * columns (Perki 1/2021 Lampiran), the kind's code and label (classification seeds).
 */
export const APP_TYPE_NEEDS: Record<AppTypeKey, Needs> = {
  itemType: { attributes: { classification: ['enumeration', 'string'] }, draftAndPublish: true },
  dipEntryType: {
    draftAndPublish: true,
    attributes: {
      nomor: ['integer', 'biginteger'],
      ringkasan: ['text', 'string', 'richtext'],
      pejabatUnit: ['string', 'text'],
      penanggungJawab: ['string', 'text'],
      waktuTempat: ['component'],
      bentuk: ['enumeration', 'string'],
      retensi: ['component'],
      classification: ['enumeration', 'string'],
      link: ['string', 'text'],
    },
  },
  kindType: { attributes: { code: ['uid', 'string'], label: ['string', 'text'], classification: ['enumeration', 'string'] } },
};

/**
 * HTTP caching of public reads (docs/api.md, "HTTP caching"): `maxAge` seconds a browser, CDN or
 * reverse proxy may keep a public answer (PPID_HTTP_CACHE_MAX_AGE, default 60); `enabled` false
 * leaves every answer as Strapi sends it (no ETag, no Cache-Control from the plugin).
 */
export type HttpCacheConfig = { enabled: boolean; maxAge: number };
export const HTTP_CACHE_DEFAULTS: HttpCacheConfig = { enabled: true, maxAge: 60 };
const ONE_YEAR = 31536000;

/** The httpCache key, checked and completed with its defaults; throws an Error naming the bad key. */
export function httpCacheConfig(raw: unknown): HttpCacheConfig {
  if (raw == null) return { ...HTTP_CACHE_DEFAULTS };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('ppid config: httpCache must be an object { enabled?, maxAge? }');
  const c = raw as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (key !== 'enabled' && key !== 'maxAge') throw new Error(`ppid config: httpCache.${key} is not a setting (enabled, maxAge)`);
  }
  const enabled = c.enabled ?? HTTP_CACHE_DEFAULTS.enabled;
  if (typeof enabled !== 'boolean') throw new Error('ppid config: httpCache.enabled must be true or false');
  // From the environment the number arrives as text.
  const rawAge = c.maxAge ?? HTTP_CACHE_DEFAULTS.maxAge;
  const maxAge = typeof rawAge === 'string' && /^\d+$/.test(rawAge.trim()) ? Number(rawAge) : rawAge;
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0 || maxAge > ONE_YEAR) {
    throw new Error(`ppid config: httpCache.maxAge must be a whole number of seconds from 0 to ${ONE_YEAR} (got ${JSON.stringify(rawAge)})`);
  }
  return { enabled, maxAge };
}

/**
 * Requests for information (docs/requests.md): `numberPattern` the registration number's format
 * (PPID_REQUEST_NUMBER_PATTERN; core/requests/number.ts), `sopCode` the SOP each request runs
 * (default the product template pelayanan-permohonan-informasi), `objectionNumberPattern` and
 * `objectionSopCode` the same for objections (default penanganan-keberatan), `personalDataKey` the key that
 * encrypts applicants' identity numbers at rest (PPID_PERSONAL_DATA_KEY: 32 bytes, hex or base64;
 * without it requests are refused, never stored in clear), `retiredPersonalDataKeys` older keys
 * still needed to read what they sealed, `maxBodyBytes` the largest request body accepted (413),
 * `maxScanBytes` the largest identity scan (PPID_IDENTITY_SCAN_MAX_BYTES, 413), `rateLimit` the
 * per-address limit of each public door, "max/windowSeconds" or "off" (PPID_RATE_LIMIT_FILE,
 * PPID_RATE_LIMIT_OBJECTION, PPID_RATE_LIMIT_TRACK, PPID_RATE_LIMIT_VERIFY; core/requests/abuse.ts),
 * `identityScanRetentionDays` how long an identity scan is kept after its case is closed
 * (PPID_IDENTITY_SCAN_RETENTION_DAYS, default 90, at least 60; core/requests/privacy.ts),
 * `noticeNumberPattern` the written notice's letter number (nomor surat; core/requests/number.ts),
 * `reminderDaysBefore` the working days before a legal deadline its officials are reminded
 * (core/requests/legal-reminders.ts).
 */
export type RequestsConfig = {
  numberPattern: string;
  objectionNumberPattern: string;
  sopCode: string;
  objectionSopCode: string;
  personalDataKey: string;
  retiredPersonalDataKeys: string[];
  maxBodyBytes: number;
  maxScanBytes: number;
  rateLimit: Record<RateLimitBucket, RateLimit | null>;
  identityScanRetentionDays: number;
  noticeNumberPattern: string;
  reminderDaysBefore: number;
};
const defaultRateLimits = () =>
  Object.fromEntries(RATE_LIMIT_BUCKETS.map((b) => [b, parseRateLimit(RATE_LIMIT_DEFAULTS[b], `requests.rateLimit.${b}`)])) as RequestsConfig['rateLimit'];
export const REQUESTS_DEFAULTS: Omit<RequestsConfig, 'personalDataKey'> = {
  numberPattern: DEFAULT_REQUEST_NUMBER_PATTERN,
  objectionNumberPattern: DEFAULT_OBJECTION_NUMBER_PATTERN,
  sopCode: 'pelayanan-permohonan-informasi',
  objectionSopCode: 'penanganan-keberatan',
  retiredPersonalDataKeys: [],
  maxBodyBytes: 32 * 1024,
  maxScanBytes: DEFAULT_MAX_SCAN_BYTES,
  rateLimit: defaultRateLimits(),
  identityScanRetentionDays: DEFAULT_SCAN_RETENTION_DAYS,
  noticeNumberPattern: DEFAULT_NOTICE_NUMBER_PATTERN,
  reminderDaysBefore: DEFAULT_REMINDER_DAYS_BEFORE,
};
const REQUESTS_KEYS = ['numberPattern', 'objectionNumberPattern', 'sopCode', 'objectionSopCode', 'personalDataKey', 'retiredPersonalDataKeys', 'maxBodyBytes', 'maxScanBytes', 'rateLimit', 'identityScanRetentionDays', 'noticeNumberPattern', 'reminderDaysBefore'];

/** requests.rateLimit: each door's limit (missing doors keep their default); an Error names the bad key. */
function rateLimitsConfig(raw: unknown): RequestsConfig['rateLimit'] {
  if (raw == null) return defaultRateLimits();
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('ppid config: requests.rateLimit must be an object { file, objection, track, verify }');
  const c = raw as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!(RATE_LIMIT_BUCKETS as readonly string[]).includes(key)) throw new Error(`ppid config: requests.rateLimit.${key} is not a setting (${RATE_LIMIT_BUCKETS.join(', ')})`);
  }
  return Object.fromEntries(
    RATE_LIMIT_BUCKETS.map((b) => [
      b,
      parseRateLimit(c[b] == null || c[b] === '' ? RATE_LIMIT_DEFAULTS[b] : c[b], `requests.rateLimit.${b} (${RATE_LIMIT_ENV[b]})`),
    ])
  ) as RequestsConfig['rateLimit'];
}

/** The requests key, checked and completed with its defaults; throws an Error naming the bad key. */
export function requestsConfig(raw: unknown): RequestsConfig {
  if (raw == null) return { ...REQUESTS_DEFAULTS, rateLimit: defaultRateLimits(), personalDataKey: '' };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('ppid config: requests must be an object');
  const c = raw as Record<string, unknown>;
  for (const key of Object.keys(c)) if (!REQUESTS_KEYS.includes(key)) throw new Error(`ppid config: requests.${key} is not a setting (${REQUESTS_KEYS.join(', ')})`);
  const pattern = (key: 'numberPattern' | 'objectionNumberPattern') => {
    const v = c[key] == null || c[key] === '' ? REQUESTS_DEFAULTS[key] : c[key];
    const check = validateRequestNumberPattern(v);
    if (!check.ok) throw new Error(`ppid config: requests.${key} ${JSON.stringify(v)}: ${check.errors.join('; ')}`);
    return v as string;
  };
  const sop = (key: 'sopCode' | 'objectionSopCode') => {
    const v = c[key] ?? REQUESTS_DEFAULTS[key];
    if (typeof v !== 'string' || !v.trim()) throw new Error(`ppid config: requests.${key} must be an SOP code`);
    return v;
  };
  const numberPattern = pattern('numberPattern');
  const objectionNumberPattern = pattern('objectionNumberPattern');
  const sopCode = sop('sopCode');
  const objectionSopCode = sop('objectionSopCode');
  const personalDataKey = c.personalDataKey ?? '';
  if (typeof personalDataKey !== 'string') throw new Error('ppid config: requests.personalDataKey must be a string');
  const retired = c.retiredPersonalDataKeys ?? [];
  if (!Array.isArray(retired) || retired.some((k) => typeof k !== 'string')) throw new Error('ppid config: requests.retiredPersonalDataKeys must be a list of keys');
  const rawMax = c.maxBodyBytes ?? REQUESTS_DEFAULTS.maxBodyBytes;
  const maxBodyBytes = typeof rawMax === 'string' && /^\d+$/.test(rawMax.trim()) ? Number(rawMax) : rawMax;
  if (typeof maxBodyBytes !== 'number' || !Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024 || maxBodyBytes > 1024 * 1024) {
    throw new Error('ppid config: requests.maxBodyBytes must be a whole number of bytes from 1024 to 1048576');
  }
  const rawScan = c.maxScanBytes ?? REQUESTS_DEFAULTS.maxScanBytes;
  const maxScanBytes = typeof rawScan === 'string' && /^\d+$/.test(rawScan.trim()) ? Number(rawScan) : rawScan;
  if (typeof maxScanBytes !== 'number' || !Number.isInteger(maxScanBytes) || maxScanBytes < 1024 || maxScanBytes > MAX_SCAN_BYTES_LIMIT) {
    throw new Error(`ppid config: requests.maxScanBytes (PPID_IDENTITY_SCAN_MAX_BYTES) must be a whole number of bytes from 1024 to ${MAX_SCAN_BYTES_LIMIT}`);
  }
  const rateLimit = rateLimitsConfig(c.rateLimit);
  const identityScanRetentionDays = parseRetentionDays(c.identityScanRetentionDays);
  const noticeNumberPattern = c.noticeNumberPattern == null || c.noticeNumberPattern === '' ? DEFAULT_NOTICE_NUMBER_PATTERN : c.noticeNumberPattern;
  const noticeCheck = validateNoticeNumberPattern(noticeNumberPattern);
  if (!noticeCheck.ok) throw new Error(`ppid config: requests.noticeNumberPattern ${JSON.stringify(noticeNumberPattern)}: ${noticeCheck.errors.join('; ')}`);
  const reminderDaysBefore = parseReminderDaysBefore(c.reminderDaysBefore);
  return {
    numberPattern,
    objectionNumberPattern,
    sopCode,
    objectionSopCode,
    personalDataKey,
    retiredPersonalDataKeys: retired as string[],
    maxBodyBytes,
    maxScanBytes,
    rateLimit,
    noticeNumberPattern: noticeNumberPattern as string,
    reminderDaysBefore,
    identityScanRetentionDays,
  };
}

/** Format checks of the plugin config (no Strapi needed); throws an Error naming the key. */
export function validateConfig(config: Record<string, unknown>): void {
  httpCacheConfig(config.httpCache);
  requestsConfig(config.requests);
  for (const key of HEADING_KEYS) {
    if (config[key] != null && typeof config[key] !== 'string') throw new Error(`ppid config: ${key} must be a string`);
  }
  for (const key of APP_TYPE_KEYS) {
    const v = config[key];
    if (v === null) continue;
    if (typeof v !== 'string' || !UID_FORMAT.test(v)) {
      throw new Error(
        `ppid config: ${key} must be a content-type uid like "api::name.name" or null (got ${JSON.stringify(v)}); default ${APP_TYPE_DEFAULTS[key]}`
      );
    }
  }
}

type ModelLookup = (uid: string) => { attributes?: Record<string, Attr>; options?: { draftAndPublish?: boolean } } | undefined | null;

/**
 * Resolves the app types against the loaded content types (register time). A default whose type
 * does not exist becomes null (`dropped` names it); a configured uid that does not exist, or a type
 * missing what the plugin needs, throws an Error naming the key.
 */
export function resolveAppTypes(config: Record<string, unknown>, getModel: ModelLookup): { types: AppTypes; dropped: AppTypeKey[] } {
  validateConfig(config);
  const types = {} as AppTypes;
  const dropped: AppTypeKey[] = [];
  for (const key of APP_TYPE_KEYS) {
    const uid = (config[key] as string | null | undefined) ?? null;
    if (uid === null) {
      types[key] = null;
      continue;
    }
    const model = getModel(uid);
    if (!model) {
      if (uid === APP_TYPE_DEFAULTS[key]) {
        types[key] = null;
        dropped.push(key);
        continue;
      }
      throw new Error(`ppid config: ${key} names "${uid}", which is not a content type of this app (set it to an existing uid, or null)`);
    }
    const need = APP_TYPE_NEEDS[key];
    const attrs = model.attributes ?? {};
    const problems: string[] = [];
    for (const [name, accepted] of Object.entries(need.attributes)) {
      const a = attrs[name];
      if (!a) problems.push(`no attribute "${name}" (${accepted.join(' | ')})`);
      else if (!accepted.includes(String(a.type))) problems.push(`"${name}" is ${a.type}, expected ${accepted.join(' | ')}`);
    }
    if (need.draftAndPublish && !model.options?.draftAndPublish) problems.push('Draft & Publish is off (it must be on)');
    if (problems.length) throw new Error(`ppid config: ${key} "${uid}" lacks what the plugin needs: ${problems.join('; ')}`);
    types[key] = uid;
  }
  // The DIP entry links the item it was proposed from: with both types, the relation must exist.
  if (types.dipEntryType && types.itemType) {
    const rel = getModel(types.dipEntryType)?.attributes?.informationItem;
    if (!rel || rel.type !== 'relation' || rel.target !== types.itemType) {
      throw new Error(
        `ppid config: dipEntryType "${types.dipEntryType}" needs a relation attribute "informationItem" to itemType "${types.itemType}" (or set itemType to null)`
      );
    }
  }
  return { types, dropped };
}

export default {
  default: ({ env }: { env: (key: string, fallback?: string) => string }) => ({
    instansi: env('PPID_INSTANSI', 'Pemerintah Kota Samarinda'),
    unit: env('PPID_UNIT', ''),
    alamat: env('PPID_ALAMAT', ''),
    tempat: env('PPID_TEMPAT', ''),
    ...APP_TYPE_DEFAULTS,
    httpCache: { enabled: HTTP_CACHE_DEFAULTS.enabled, maxAge: env('PPID_HTTP_CACHE_MAX_AGE', String(HTTP_CACHE_DEFAULTS.maxAge)) },
    requests: {
      numberPattern: env('PPID_REQUEST_NUMBER_PATTERN', REQUESTS_DEFAULTS.numberPattern),
      objectionNumberPattern: REQUESTS_DEFAULTS.objectionNumberPattern,
      sopCode: REQUESTS_DEFAULTS.sopCode,
      objectionSopCode: REQUESTS_DEFAULTS.objectionSopCode,
      personalDataKey: env('PPID_PERSONAL_DATA_KEY', ''),
      retiredPersonalDataKeys: [],
      maxBodyBytes: REQUESTS_DEFAULTS.maxBodyBytes,
      maxScanBytes: env('PPID_IDENTITY_SCAN_MAX_BYTES', String(DEFAULT_MAX_SCAN_BYTES)),
      rateLimit: {
        file: env(RATE_LIMIT_ENV.file, RATE_LIMIT_DEFAULTS.file),
        objection: env(RATE_LIMIT_ENV.objection, RATE_LIMIT_DEFAULTS.objection),
        track: env(RATE_LIMIT_ENV.track, RATE_LIMIT_DEFAULTS.track),
        verify: env(RATE_LIMIT_ENV.verify, RATE_LIMIT_DEFAULTS.verify),
      },
      identityScanRetentionDays: env('PPID_IDENTITY_SCAN_RETENTION_DAYS', String(DEFAULT_SCAN_RETENTION_DAYS)),
    },
  }),
  validator(config: Record<string, unknown>) {
    validateConfig(config);
  },
};
