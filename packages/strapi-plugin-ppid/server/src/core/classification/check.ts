import { CLASS_LABELS, type InformationClass } from './classes';
import { type ConsequenceTest, exclusionStatus, validateConsequenceTest } from './consequence-test';
import { type ClassificationRule, type ClassifiableItem, type RuleEvaluation, evaluateRules } from './rules';
import { SERTA_MERTA_ELEMENTS, type SertaMertaElementKey, missingSertaMertaElements } from './serta-merta';
import { formatIssue } from './validation';

export type ClassificationProblemKind =
  | 'rule_block'
  | 'class_mismatch'
  | 'consequence_test_missing'
  | 'consequence_test_invalid'
  | 'consequence_test_not_decided'
  | 'consequence_test_expired'
  | 'serta_merta_incomplete';

export interface ClassificationProblem {
  kind: ClassificationProblemKind;
  /** Codes of the rules behind the problem; empty when the law itself demands it. */
  rules: string[];
  /** Indonesian / English, naming the rule and what is missing. */
  message: string;
  /** What is missing or wrong: element keys, or validation lines. */
  missing?: string[];
}

export interface CheckOptions {
  /** Reference time for an exclusion's end date. */
  now?: Date;
  timeZone?: string;
}

const STATUTE_CONSEQUENCE_TEST = 'UU 14/2008 Pasal 19; PP 61/2010';
const STATUTE_SERTA_MERTA = 'UU 14/2008 Pasal 10; Perki 1/2021';

/**
 * Everything that stops the item from moving on (publication, or the excluded decision).
 * Statutory checks hold even when the matching rule is disabled: an excluded item always needs a
 * decided consequence test, and a serta merta item always needs its eight announcement elements.
 */
export function checkItemAgainstRules(
  item: ClassifiableItem,
  rules: readonly ClassificationRule[],
  consequenceTest?: ConsequenceTest | null,
  options: CheckOptions = {},
): ClassificationProblem[] {
  const evaluation = evaluateRules(item, rules);
  const byCode = new Map(rules.map((r) => [r.code, r]));
  const cite = (codes: string[], statute: string) =>
    codes.length === 0 ? statute : codes.map((c) => `Aturan "${byCode.get(c)?.name ?? c}" (${c})`).join(', ');
  const problems: ClassificationProblem[] = [];

  for (const block of evaluation.blocks) {
    problems.push({ kind: 'rule_block', rules: [block.rule], message: `${cite([block.rule], '')}: ${block.message}` });
  }

  const mismatch = classMismatch(item.classification, evaluation);
  if (mismatch) problems.push({ ...mismatch, message: `${cite(mismatch.rules, '')}: ${mismatch.message}` });

  if (evaluation.requireConsequenceTest || item.classification === 'dikecualikan') {
    const codes = evaluation.sources.consequenceTest;
    const who = cite(codes, STATUTE_CONSEQUENCE_TEST);
    if (!consequenceTest) {
      problems.push({
        kind: 'consequence_test_missing',
        rules: codes,
        message: `${who}: uji konsekuensi belum ada / a consequence test (uji konsekuensi) is required`,
        missing: ['ujiKonsekuensi'],
      });
    } else {
      const validation = validateConsequenceTest(consequenceTest);
      if (!validation.ok) {
        const lines = validation.errors.map(formatIssue);
        problems.push({
          kind: 'consequence_test_invalid',
          rules: codes,
          message: `${who}: uji konsekuensi belum lengkap / the consequence test is incomplete: ${lines.join('; ')}`,
          missing: lines,
        });
      }
      if (consequenceTest.status !== 'decided') {
        problems.push({
          kind: 'consequence_test_not_decided',
          rules: codes,
          message: `${who}: uji konsekuensi belum diputuskan / the consequence test has not been decided`,
          missing: ['status'],
        });
      } else if (
        validation.ok &&
        item.classification === 'dikecualikan' &&
        exclusionStatus(consequenceTest, options.now ?? new Date(), options.timeZone) === 'expired'
      ) {
        problems.push({
          kind: 'consequence_test_expired',
          rules: codes,
          message:
            `${who}: masa pengecualian berakhir ${consequenceTest.masaPengecualianBerakhir}, lakukan uji konsekuensi ulang / ` +
            'the exclusion period has ended: the information must be re-tested',
          missing: ['masaPengecualianBerakhir'],
        });
      }
    }
  }

  if (item.classification === 'serta_merta') {
    const missing = missingSertaMertaElements(item.announcement);
    if (missing.length > 0) {
      const codes = evaluation.sources.fastTrack;
      problems.push({
        kind: 'serta_merta_incomplete',
        rules: codes,
        message:
          `${cite(codes, STATUTE_SERTA_MERTA)}: pengumuman serta merta belum memuat ${describe(missing, 'label')} / ` +
          `the serta merta announcement lacks ${describe(missing, 'labelEn')}`,
        missing,
      });
    }
  }
  return problems;
}

function classMismatch(
  current: InformationClass | null | undefined,
  evaluation: RuleEvaluation,
): ClassificationProblem | null {
  const required = evaluation.requiredClass;
  if (!required || current === required) return null;
  const want = CLASS_LABELS[required];
  const have = current ? `"${current}"` : 'belum diklasifikasikan';
  const haveEn = current ? `"${current}"` : 'none';
  return {
    kind: 'class_mismatch',
    rules: evaluation.sources.requiredClass ? [evaluation.sources.requiredClass] : [],
    message: `klasifikasi harus "${required}" (${want.legalBasis}), tercatat ${have} / class must be "${required}", found ${haveEn}`,
    missing: ['classification'],
  };
}

function describe(keys: SertaMertaElementKey[], label: 'label' | 'labelEn'): string {
  return keys.map((k) => SERTA_MERTA_ELEMENTS[k][label].toLowerCase()).join(', ');
}
