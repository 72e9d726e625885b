import type { InformationClass, Pasal17Letter } from './classes';
import type { SertaMertaAnnouncement } from './serta-merta';
import { matchKeywords } from './keywords';

/** A value a `fieldEquals` condition can compare with (strict equality). */
export type FieldValue = string | number | boolean | null;

/** What the rules look at: an information item as drafted. */
export interface ClassifiableItem {
  title: string;
  summary: string;
  /** Code of its kind of information (jenis informasi). */
  kind?: string | null;
  /** Code of the unit that holds it. */
  unit?: string | null;
  /** Its class as currently chosen by the officer, if any. */
  classification?: InformationClass | null;
  attachmentsCount: number;
  /** Other attributes, for `fieldEquals`. */
  fields?: Record<string, unknown>;
  /** The announcement text of a serta merta item, element by element. */
  announcement?: SertaMertaAnnouncement | null;
}

/** Rule conditions: exactly one key per object. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { kindIn: string[] }
  | { unitIn: string[] }
  | { keywordsAny: string[] }
  | { hasAttachments: boolean }
  | { classIs: InformationClass[] }
  | { fieldEquals: { field: string; value: FieldValue } };

/** Rule outcomes: exactly one key per object. */
export type Outcome =
  | { suggestClass: InformationClass; pasal17?: Pasal17Letter }
  | { requireClass: InformationClass }
  | { requireConsequenceTest: true }
  | { setRefreshMonths: number }
  | { fastTrack: true }
  | { block: { message: string } };

export interface ClassificationRule {
  /** Stable identifier, e.g. "serta-merta-bencana". */
  code: string;
  name: string;
  description: string;
  enabled: boolean;
  /** Higher runs first; the first suggestion is the strongest. */
  priority: number;
  when: Condition;
  then: Outcome[];
}

export interface ClassSuggestion {
  class: InformationClass;
  pasal17?: Pasal17Letter;
  /** Code of the rule that made it. */
  rule: string;
}

export interface RuleBlock {
  rule: string;
  message: string;
}

export interface RuleEvaluation {
  /** Suggested classes, strongest rule first. */
  suggestions: ClassSuggestion[];
  /** Class demanded by the highest-priority rule with `requireClass`. */
  requiredClass?: InformationClass;
  requireConsequenceTest: boolean;
  /** Strictest (smallest) refresh cycle set by a matching rule. */
  refreshMonths?: number;
  fastTrack: boolean;
  blocks: RuleBlock[];
  /** Codes of the matching rules, in evaluation order. */
  matched: string[];
  /** Which rules caused each effect, so that messages can name them. */
  sources: {
    requiredClass?: string;
    consequenceTest: string[];
    refreshMonths?: string;
    fastTrack: string[];
  };
}

export function matchesCondition(item: ClassifiableItem, condition: Condition): boolean {
  if ('all' in condition) return condition.all.every((c) => matchesCondition(item, c));
  if ('any' in condition) return condition.any.some((c) => matchesCondition(item, c));
  if ('not' in condition) return !matchesCondition(item, condition.not);
  if ('kindIn' in condition) return item.kind != null && condition.kindIn.includes(item.kind);
  if ('unitIn' in condition) return item.unit != null && condition.unitIn.includes(item.unit);
  if ('keywordsAny' in condition) {
    return matchKeywords(`${item.title ?? ''}\n${item.summary ?? ''}`, condition.keywordsAny).length > 0;
  }
  if ('hasAttachments' in condition) return (item.attachmentsCount > 0) === condition.hasAttachments;
  if ('classIs' in condition) return item.classification != null && condition.classIs.includes(item.classification);
  if ('fieldEquals' in condition) {
    const { field, value } = condition.fieldEquals;
    return (item.fields?.[field] ?? null) === value;
  }
  throw new TypeError(`unknown condition ${JSON.stringify(condition)}`);
}

/** Rules to apply, strongest first: enabled only, by priority descending, then code. */
export function orderRules(rules: readonly ClassificationRule[]): ClassificationRule[] {
  return rules
    .filter((r) => r.enabled)
    .sort((a, b) => b.priority - a.priority || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Applies every enabled rule whose condition holds and merges their outcomes. */
export function evaluateRules(item: ClassifiableItem, rules: readonly ClassificationRule[]): RuleEvaluation {
  const result: RuleEvaluation = {
    suggestions: [],
    requireConsequenceTest: false,
    fastTrack: false,
    blocks: [],
    matched: [],
    sources: { consequenceTest: [], fastTrack: [] },
  };

  for (const rule of orderRules(rules)) {
    if (!matchesCondition(item, rule.when)) continue;
    result.matched.push(rule.code);
    for (const outcome of rule.then) {
      if ('suggestClass' in outcome) {
        result.suggestions.push({
          class: outcome.suggestClass,
          ...(outcome.pasal17 ? { pasal17: outcome.pasal17 } : {}),
          rule: rule.code,
        });
      } else if ('requireClass' in outcome) {
        if (result.requiredClass === undefined) {
          result.requiredClass = outcome.requireClass;
          result.sources.requiredClass = rule.code;
        } else if (result.requiredClass !== outcome.requireClass) {
          // Two rules demanding different classes cannot both be met: surface it, never pick silently.
          result.blocks.push({
            rule: rule.code,
            message:
              `mewajibkan klasifikasi "${outcome.requireClass}", bertentangan dengan aturan "${result.sources.requiredClass}" ` +
              `("${result.requiredClass}") / requires class "${outcome.requireClass}", conflicting with rule ` +
              `"${result.sources.requiredClass}" ("${result.requiredClass}")`,
          });
        }
      } else if ('requireConsequenceTest' in outcome) {
        result.requireConsequenceTest = true;
        result.sources.consequenceTest.push(rule.code);
      } else if ('setRefreshMonths' in outcome) {
        // Pasal 9 sets a maximum interval, so the strictest cycle wins.
        if (result.refreshMonths === undefined || outcome.setRefreshMonths < result.refreshMonths) {
          result.refreshMonths = outcome.setRefreshMonths;
          result.sources.refreshMonths = rule.code;
        }
      } else if ('fastTrack' in outcome) {
        result.fastTrack = true;
        result.sources.fastTrack.push(rule.code);
      } else if ('block' in outcome) {
        result.blocks.push({ rule: rule.code, message: outcome.block.message });
      }
    }
  }
  return result;
}
