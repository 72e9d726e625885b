import { requestsConfig } from '../../../config';
import {
  openPersonalBytes,
  parsePersonalDataKey,
  parseRateLimit,
  rateVerdict,
  retryAfterSeconds,
  sealPersonalBytes,
  sniffScanType,
  windowStart,
} from '..';

describe('rate limit rules', () => {
  it('reads "max/windowSeconds", an object or "off"; anything else names the key', () => {
    expect(parseRateLimit('10/3600', 'k')).toEqual({ max: 10, windowSeconds: 3600 });
    expect(parseRateLimit(' 60 / 60 ', 'k')).toEqual({ max: 60, windowSeconds: 60 });
    expect(parseRateLimit({ max: 5, windowSeconds: 30 }, 'k')).toEqual({ max: 5, windowSeconds: 30 });
    expect(parseRateLimit('off', 'k')).toBeNull();
    expect(parseRateLimit(false, 'k')).toBeNull();
    for (const bad of ['10', '10/0', '0/60', '-1/60', 'ten/60', '10/3600/1', '1.5/60', '10/999999999', {}, 10, null]) {
      expect(() => parseRateLimit(bad, 'requests.rateLimit.file (PPID_RATE_LIMIT_FILE)')).toThrow(/requests\.rateLimit\.file \(PPID_RATE_LIMIT_FILE\)/);
    }
  });

  it('fixed windows aligned on the epoch: the same on every instance', () => {
    const at = new Date('2026-12-07T02:17:30Z');
    expect(windowStart(at, 3600)).toBe(Date.parse('2026-12-07T02:00:00Z') / 1000);
    expect(windowStart(at, 60)).toBe(Date.parse('2026-12-07T02:17:00Z') / 1000);
    expect(windowStart(Date.parse('2026-12-07T02:59:59.999Z'), 3600)).toBe(windowStart(at, 3600));
    expect(windowStart(Date.parse('2026-12-07T03:00:00Z'), 3600)).toBe(windowStart(at, 3600) + 3600);
  });

  it('the request over the limit waits until its window ends (at least 1 second)', () => {
    const limit = { max: 2, windowSeconds: 3600 };
    const at = new Date('2026-12-07T02:17:30Z');
    const start = windowStart(at, 3600);
    expect(rateVerdict(1, limit, at, start)).toEqual({ ok: true });
    expect(rateVerdict(2, limit, at, start)).toEqual({ ok: true });
    expect(rateVerdict(3, limit, at, start)).toEqual({ ok: false, retryAfterSeconds: 42 * 60 + 30 });
    expect(retryAfterSeconds(Date.parse('2026-12-07T02:59:59.900Z'), start, 3600)).toBe(1);
    expect(retryAfterSeconds(Date.parse('2026-12-07T03:00:00Z'), start, 3600)).toBe(1);
  });

  it('config: defaults, environment strings, and a bad value stops the boot naming the key', () => {
    const d = requestsConfig({});
    expect(d.rateLimit).toEqual({ file: { max: 10, windowSeconds: 3600 }, objection: { max: 10, windowSeconds: 3600 }, track: { max: 60, windowSeconds: 60 }, verify: { max: 30, windowSeconds: 3600 } });
    expect(d.maxScanBytes).toBe(5 * 1024 * 1024);
    expect(requestsConfig(undefined).rateLimit.track).toEqual({ max: 60, windowSeconds: 60 });
    const c = requestsConfig({ rateLimit: { file: '3/60', objection: 'off', track: '' }, maxScanBytes: '2048' });
    expect(c.rateLimit).toEqual({ file: { max: 3, windowSeconds: 60 }, objection: null, track: { max: 60, windowSeconds: 60 }, verify: { max: 30, windowSeconds: 3600 } });
    expect(c.maxScanBytes).toBe(2048);
    expect(() => requestsConfig({ rateLimit: { file: 'abc' } })).toThrow(/requests\.rateLimit\.file \(PPID_RATE_LIMIT_FILE\) "abc"/);
    expect(() => requestsConfig({ rateLimit: { track: '5/0' } })).toThrow(/PPID_RATE_LIMIT_TRACK/);
    expect(() => requestsConfig({ rateLimit: { login: '5/60' } })).toThrow(/requests\.rateLimit\.login is not a setting/);
    expect(() => requestsConfig({ rateLimit: '5/60' })).toThrow(/requests\.rateLimit must be an object/);
    expect(() => requestsConfig({ maxScanBytes: '50MB' })).toThrow(/requests\.maxScanBytes \(PPID_IDENTITY_SCAN_MAX_BYTES\)/);
    expect(() => requestsConfig({ maxScanBytes: 64 * 1024 * 1024 })).toThrow(/maxScanBytes/);
  });
});

describe('identity scan', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR rest')]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj');

  it('is recognised by its first bytes, not by its name or declared type', () => {
    expect(sniffScanType(png)).toBe('image/png');
    expect(sniffScanType(jpeg)).toBe('image/jpeg');
    expect(sniffScanType(pdf)).toBe('application/pdf');
    expect(sniffScanType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeNull(); // a Windows .exe
    expect(sniffScanType(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffScanType(Buffer.from('GIF89a......'))).toBeNull();
    expect(sniffScanType(Buffer.alloc(0))).toBeNull();
    expect(sniffScanType(png.subarray(0, 8))).toBeNull(); // the signature alone is no image
    expect(sniffScanType(Buffer.concat([Buffer.from(' '), pdf]))).toBeNull();
  });

  it('is sealed as bytes under the personal-data key: no plaintext, opens with the key only, refuses an altered value', () => {
    const key = parsePersonalDataKey('b'.repeat(64));
    const other = parsePersonalDataKey(Buffer.alloc(32, 3).toString('base64'));
    const plain = Buffer.concat([png, Buffer.from('NIK 6472011234560001')]);
    const sealed = sealPersonalBytes(plain, key);
    expect(sealed.includes(Buffer.from('6472011234560001'))).toBe(false);
    expect(sealed.includes(png.subarray(0, 8))).toBe(false);
    expect(sealed.subarray(0, 13).toString('latin1')).toBe(`pd1.${key.id}.`);
    expect(openPersonalBytes(sealed, [other, key]).equals(plain)).toBe(true);
    expect(sealPersonalBytes(plain, key).equals(sealed)).toBe(false); // a fresh IV each time
    expect(() => openPersonalBytes(sealed, [other])).toThrow(/not configured/);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => openPersonalBytes(altered, [key])).toThrow();
    expect(() => openPersonalBytes(Buffer.from('junk'), [key])).toThrow(/not sealed/);
  });
});
