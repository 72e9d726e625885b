import { formatIssue, validateRule, validateRules } from '..';

const valid = {
  code: 'banjir',
  name: 'Banjir',
  description: 'Banjir serta merta',
  enabled: true,
  priority: 5,
  when: { any: [{ keywordsAny: ['banjir'] }, { kindIn: ['bencana_alam'] }] },
  then: [{ suggestClass: 'serta_merta' }, { fastTrack: true }],
};

const errorsOf = (input: unknown, opts = {}) => {
  const r = validateRule(input, opts);
  return r.ok ? [] : r.errors.map(formatIssue);
};

describe('validateRule', () => {
  it('accepts a well-formed rule', () => {
    expect(validateRule(valid)).toEqual({ ok: true, value: valid });
  });

  it('lists errors by path', () => {
    expect(errorsOf({ ...valid, then: [{ suggestClass: 'x' }] })).toEqual([
      'then[0].suggestClass: unknown class "x" (expected berkala, serta_merta, setiap_saat, dikecualikan)',
    ]);
    expect(
      errorsOf({
        ...valid,
        code: 'Bad Code',
        priority: 1.5,
        when: {
          all: [
            { keywordsAny: [] },
            { not: { colour: 'red' } },
            { classIs: ['rahasia'] },
            { kindIn: ['b'], unitIn: ['u'] },
          ],
        },
        then: [
          { setRefreshMonths: 12 },
          { block: {} },
          { suggestClass: 'berkala', pasal17: 'h' },
          { requireConsequenceTest: false },
        ],
      }),
    ).toEqual([
      'code: "Bad Code" must be lower-case letters, digits, ".", "_" or "-"',
      'priority: 1.5 must be an integer',
      'when.all[0].keywordsAny: must be a non-empty list',
      'when.all[1].not.colour: unknown condition "colour"',
      'when.all[2].classIs[0]: unknown class "rahasia" (expected berkala, serta_merta, setiap_saat, dikecualikan)',
      'when.all[3]: must have exactly one condition, found kindIn, unitIn',
      'then[0].setRefreshMonths: 12 must be a whole number of months from 1 to 6 (UU 14/2008 Pasal 9)',
      'then[1].block.message: required',
      'then[2].pasal17: only applies to class "dikecualikan"',
      'then[3].requireConsequenceTest: must be true',
    ]);
  });

  it('checks kind codes against the managed list when given', () => {
    expect(errorsOf(valid, { kinds: ['bencana_non_alam'] })).toEqual([
      'when.any[1].kindIn[0]: unknown kind "bencana_alam"',
    ]);
  });

  it('rejects empty then and missing when', () => {
    expect(errorsOf({ ...valid, when: undefined, then: [] })).toEqual([
      'when: required',
      'then: must be a non-empty list of outcomes',
    ]);
  });

  it('finds duplicate codes in a rule set', () => {
    expect(validateRules([valid, valid])).toEqual({
      ok: false,
      errors: [{ path: '[1].code', message: 'duplicate code "banjir"' }],
    });
    expect(validateRules([valid, { ...valid, code: 'x', then: [{ fastTrack: 1 }] }])).toEqual({
      ok: false,
      errors: [{ path: '[1].then[0].fastTrack', message: 'must be true' }],
    });
  });
});
