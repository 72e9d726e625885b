// The public request doors resist abuse (issue #15): a fixed-window rate limit per client
// address and per door, and the identity scan's type checked by its content, not by what the
// client declares. Pure rules; the adapters are requests/services/rate-limits.ts and the
// requests controller.

/** The public doors, each with its own counter: filing, objecting, tracking, checking a PDF's signatures. */
export const RATE_LIMIT_BUCKETS = ['file', 'objection', 'track', 'verify'] as const;
export type RateLimitBucket = (typeof RATE_LIMIT_BUCKETS)[number];

/** At most `max` requests per address in each window of `windowSeconds` (null: no limit). */
export type RateLimit = { max: number; windowSeconds: number };

export const RATE_LIMIT_DEFAULTS: Record<RateLimitBucket, string> = { file: '10/3600', objection: '10/3600', track: '60/60', verify: '30/3600' };
export const RATE_LIMIT_ENV: Record<RateLimitBucket, string> = {
  file: 'PPID_RATE_LIMIT_FILE',
  objection: 'PPID_RATE_LIMIT_OBJECTION',
  track: 'PPID_RATE_LIMIT_TRACK',
  verify: 'PPID_RATE_LIMIT_VERIFY',
};

const MAX_WINDOW = 7 * 24 * 3600;

/**
 * "max/windowSeconds" (e.g. "10/3600"), an object { max, windowSeconds }, or "off"/false for
 * no limit. Throws an Error naming `key` (and its environment variable) on anything else.
 */
export function parseRateLimit(value: unknown, key: string): RateLimit | null {
  if (value === false || value === 'off' || value === 'false') return null;
  let max: unknown;
  let windowSeconds: unknown;
  if (typeof value === 'string') {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
    if (m) [max, windowSeconds] = [Number(m[1]), Number(m[2])];
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    ({ max, windowSeconds } = value as Record<string, unknown>);
  }
  const ok =
    Number.isInteger(max) && (max as number) >= 1 && (max as number) <= 1_000_000 &&
    Number.isInteger(windowSeconds) && (windowSeconds as number) >= 1 && (windowSeconds as number) <= MAX_WINDOW;
  if (!ok) {
    throw new Error(
      `ppid config: ${key} ${JSON.stringify(value)} must be "max/windowSeconds" (max 1-1000000, window 1-${MAX_WINDOW} seconds, e.g. "10/3600") or "off"`
    );
  }
  return { max: max as number, windowSeconds: windowSeconds as number };
}

/** The fixed window `at` falls in: its start in whole seconds since the epoch (the same on every instance). */
export function windowStart(at: Date | number, windowSeconds: number): number {
  const s = Math.floor(new Date(at).getTime() / 1000);
  return s - (s % windowSeconds);
}

/** Seconds until the window that began at `start` ends (at least 1: a Retry-After of 0 invites a retry storm). */
export function retryAfterSeconds(at: Date | number, start: number, windowSeconds: number): number {
  return Math.max(1, Math.ceil(start + windowSeconds - new Date(at).getTime() / 1000));
}

/** The verdict on the `count`-th request of the window (count includes this one). */
export function rateVerdict(count: number, limit: RateLimit, at: Date | number, start: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
  return count <= limit.max ? { ok: true } : { ok: false, retryAfterSeconds: retryAfterSeconds(at, start, limit.windowSeconds) };
}

/** The identity scan's types, recognised by their first bytes. */
export const SCAN_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PDF = Buffer.from('%PDF-', 'latin1');

/** What the bytes are (JPEG, PNG or PDF), whatever the file's name or declared type; null for anything else. */
export function sniffScanType(bytes: Buffer): ScanType | null {
  const starts = (sig: Buffer) => bytes.length > sig.length && bytes.subarray(0, sig.length).equals(sig);
  if (starts(PNG)) return 'image/png';
  if (starts(JPEG)) return 'image/jpeg';
  if (starts(PDF)) return 'application/pdf';
  return null;
}

export const DEFAULT_MAX_SCAN_BYTES = 5 * 1024 * 1024;
// MariaDB's default max_allowed_packet is 16 MB: the sealed scan travels in one INSERT.
export const MAX_SCAN_BYTES_LIMIT = 10 * 1024 * 1024;
