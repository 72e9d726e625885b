import { keywordPattern, matchKeywords } from '../keywords';
import { validateRule } from '../validate-rule';

describe('keywords with punctuation', () => {
  it('compiles keywords containing a hyphen or regex syntax and matches them literally', () => {
    expect(keywordPattern('covid-19')).toBeInstanceOf(RegExp);
    expect(matchKeywords('Kasus covid-19 meningkat', ['covid-19'])).toEqual(['covid-19']);
    expect(matchKeywords('Kasus covid 19 meningkat', ['covid-19'])).toEqual([]);
    expect(matchKeywords('biaya (rp) naik', ['(rp)'])).toEqual(['(rp)']);
  });

  it('a rule with such a keyword validates instead of throwing', () => {
    const rule = { code: 'r', name: 'R', description: '', enabled: true, priority: 1, when: { keywordsAny: ['zz-kata'] }, then: [{ fastTrack: true }] };
    expect(validateRule(rule).ok).toBe(true);
  });
});
