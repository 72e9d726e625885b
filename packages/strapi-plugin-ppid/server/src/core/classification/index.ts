export {
  INFORMATION_CLASSES,
  type InformationClass,
  type ClassLabel,
  CLASS_LABELS,
  isInformationClass,
  PASAL_17_LETTERS,
  type Pasal17Letter,
  PASAL_17_GROUNDS,
  TEMPORARY_PASAL_17_LETTERS,
  isPasal17Letter,
} from './classes';
export { type InformationKind, DEFAULT_INFORMATION_KINDS, kindCodesOf } from './kinds';
export {
  type FieldValue,
  type ClassifiableItem,
  type Condition,
  type Outcome,
  type ClassificationRule,
  type ClassSuggestion,
  type RuleBlock,
  type RuleEvaluation,
  evaluateRules,
  matchesCondition,
  orderRules,
} from './rules';
export { keywordPattern, matchKeywords } from './keywords';
export { type Validation, type ValidationIssue, formatIssue } from './validation';
export { type RuleValidationOptions, validateRule, validateRules } from './validate-rule';
export {
  DEFAULT_RULES,
  DISASTER_KEYWORDS,
  PERSONAL_DATA_KEYWORDS,
  FINANCE_AND_PROCUREMENT_KEYWORDS,
} from './default-rules';
export {
  SERTA_MERTA_ELEMENTS,
  SERTA_MERTA_ELEMENT_KEYS,
  type SertaMertaElementKey,
  type SertaMertaAnnouncement,
  missingSertaMertaElements,
} from './serta-merta';
export {
  type ConsequenceTest,
  type ExclusionStatus,
  validateConsequenceTest,
  exclusionStatus,
} from './consequence-test';
export { DEFAULT_REFRESH_MONTHS, MAX_REFRESH_MONTHS, refreshDueDate, isRefreshOverdue } from './refresh';
export {
  type ClassificationProblem,
  type ClassificationProblemKind,
  type CheckOptions,
  checkItemAgainstRules,
} from './check';
export {
  EXCLUSION_SCOPES,
  type ExclusionScope,
  type ExcludedPart,
  redactionMarker,
  redactValue,
  scrub,
  NO_END_DATE,
  exclusionPeriodText,
  PASAL_18_AYAT_2,
  OPENING_GROUNDS,
  type OpeningGround,
  OPENABLE_LETTERS,
  openingStatement,
} from './exclusion';
