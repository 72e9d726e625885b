import { isSealed, openPersonalData, parsePersonalDataKey, sealPersonalData } from '..';

const HEX = 'a'.repeat(64);
const B64 = Buffer.alloc(32, 7).toString('base64');

describe('personal data at rest', () => {
  it('reads a 32-byte key as hex or base64, and refuses anything else', () => {
    expect(parsePersonalDataKey(HEX).key).toHaveLength(32);
    expect(parsePersonalDataKey(B64).key).toHaveLength(32);
    expect(parsePersonalDataKey(HEX).id).toMatch(/^[0-9a-f]{8}$/);
    expect(() => parsePersonalDataKey('')).toThrow(/PPID_PERSONAL_DATA_KEY/);
    expect(() => parsePersonalDataKey('short')).toThrow(/32 bytes/);
  });

  it('seals with a fresh IV, opens with the same key, refuses a wrong key or an altered value', () => {
    const key = parsePersonalDataKey(HEX);
    const other = parsePersonalDataKey(B64);
    const a = sealPersonalData('6472011234560001', key);
    const b = sealPersonalData('6472011234560001', key);
    expect(a).not.toBe(b);
    expect(a).not.toContain('6472011234560001');
    expect(isSealed(a)).toBe(true);
    expect(isSealed('6472011234560001')).toBe(false);
    expect(openPersonalData(a, [other, key])).toBe('6472011234560001');
    expect(() => openPersonalData(a, [other])).toThrow(/not configured/);
    const parts = a.split('.');
    parts[4] = Buffer.from('0000000000000000').toString('base64url');
    expect(() => openPersonalData(parts.join('.'), [key])).toThrow();
  });
});
