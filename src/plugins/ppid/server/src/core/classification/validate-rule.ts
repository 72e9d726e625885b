import { INFORMATION_CLASSES, PASAL_17_LETTERS, isInformationClass, isPasal17Letter } from './classes';
import { keywordPattern } from './keywords';
import type { ClassificationRule } from './rules';
import { MAX_REFRESH_MONTHS } from './refresh';
import type { Validation } from './validation';

export interface RuleValidationOptions {
  /** Known kind codes; when given, `kindIn` codes are checked against them. */
  kinds?: readonly string[];
  /** Known unit codes; when given, `unitIn` codes are checked against them. */
  units?: readonly string[];
}

const CODE_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;
const CONDITION_KEYS = ['all', 'any', 'not', 'kindIn', 'unitIn', 'keywordsAny', 'hasAttachments', 'classIs', 'fieldEquals'];
const OUTCOME_KEYS = ['suggestClass', 'requireClass', 'requireConsequenceTest', 'setRefreshMonths', 'fastTrack', 'block'];
const MAX_CONDITION_DEPTH = 16;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const classList = INFORMATION_CLASSES.join(', ');

/** Checks a rule as entered by an administrator; every error names its path. */
export function validateRule(input: unknown, options: RuleValidationOptions = {}): Validation<ClassificationRule> {
  const errors: string[] = [];
  if (!isObject(input)) return { ok: false, errors: ['rule: must be an object'] };

  if (typeof input.code !== 'string' || !CODE_PATTERN.test(input.code)) {
    errors.push(`code: ${show(input.code)} must be lower-case letters, digits, ".", "_" or "-"`);
  }
  if (typeof input.name !== 'string' || input.name.trim() === '') errors.push('name: required');
  if (input.description !== undefined && typeof input.description !== 'string') errors.push('description: must be text');
  if (typeof input.enabled !== 'boolean') errors.push('enabled: must be true or false');
  if (typeof input.priority !== 'number' || !Number.isInteger(input.priority)) errors.push(`priority: ${show(input.priority)} must be an integer`);
  for (const key of Object.keys(input)) {
    if (!['code', 'name', 'description', 'enabled', 'priority', 'when', 'then'].includes(key)) errors.push(`${key}: unknown field`);
  }

  if (input.when === undefined) errors.push('when: required');
  else validateCondition(input.when, 'when', options, errors, 0);

  if (!Array.isArray(input.then) || input.then.length === 0) errors.push('then: must be a non-empty list of outcomes');
  else input.then.forEach((o, i) => validateOutcome(o, `then[${i}]`, errors));

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { ...(input as unknown as ClassificationRule), description: (input.description as string) ?? '' } };
}

/** Checks a whole rule set: each rule, and that codes are unique. */
export function validateRules(inputs: unknown, options: RuleValidationOptions = {}): Validation<ClassificationRule[]> {
  if (!Array.isArray(inputs)) return { ok: false, errors: ['rules: must be a list'] };
  const errors: string[] = [];
  const rules: ClassificationRule[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const r = validateRule(input, options);
    if (!r.ok) errors.push(...r.errors.map((e) => `[${i}].${e}`));
    else if (seen.has(r.value.code)) errors.push(`[${i}].code: duplicate code "${r.value.code}"`);
    else {
      seen.add(r.value.code);
      rules.push(r.value);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: rules };
}

function singleKey(
  value: unknown,
  path: string,
  allowed: string[],
  what: string,
  errors: string[],
  companions: string[] = [],
): string | null {
  if (!isObject(value)) {
    errors.push(`${path}: must be an object with one ${what}`);
    return null;
  }
  const keys = Object.keys(value).filter((k) => !companions.includes(k));
  if (keys.length !== 1) {
    errors.push(`${path}: must have exactly one ${what}, found ${keys.length === 0 ? 'none' : keys.join(', ')}`);
    return null;
  }
  if (!allowed.includes(keys[0])) {
    errors.push(`${path}.${keys[0]}: unknown ${what} "${keys[0]}"`);
    return null;
  }
  return keys[0];
}

function stringList(value: unknown, path: string, errors: string[]): string[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(`${path}: must be a non-empty list`);
    return null;
  }
  value.forEach((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') errors.push(`${path}[${i}]: must be non-empty text`);
  });
  return value as string[];
}

function checkKnown(codes: string[] | null, known: readonly string[] | undefined, path: string, what: string, errors: string[]) {
  if (!codes || !known) return;
  codes.forEach((c, i) => {
    if (typeof c === 'string' && !known.includes(c)) errors.push(`${path}[${i}]: unknown ${what} "${c}"`);
  });
}

function validateCondition(value: unknown, path: string, options: RuleValidationOptions, errors: string[], depth: number): void {
  if (depth > MAX_CONDITION_DEPTH) {
    errors.push(`${path}: nested more than ${MAX_CONDITION_DEPTH} levels`);
    return;
  }
  const key = singleKey(value, path, CONDITION_KEYS, 'condition', errors);
  if (key === null) return;
  const arg = (value as Record<string, unknown>)[key];
  const at = `${path}.${key}`;
  switch (key) {
    case 'all':
    case 'any':
      if (!Array.isArray(arg) || arg.length === 0) errors.push(`${at}: must be a non-empty list of conditions`);
      else arg.forEach((c, i) => validateCondition(c, `${at}[${i}]`, options, errors, depth + 1));
      break;
    case 'not':
      validateCondition(arg, at, options, errors, depth + 1);
      break;
    case 'kindIn':
      checkKnown(stringList(arg, at, errors), options.kinds, at, 'kind', errors);
      break;
    case 'unitIn':
      checkKnown(stringList(arg, at, errors), options.units, at, 'unit', errors);
      break;
    case 'keywordsAny': {
      const words = stringList(arg, at, errors);
      words?.forEach((w, i) => {
        if (typeof w === 'string' && w.trim() !== '' && keywordPattern(w) === null) errors.push(`${at}[${i}]: "${w}" matches everything`);
      });
      break;
    }
    case 'hasAttachments':
      if (typeof arg !== 'boolean') errors.push(`${at}: must be true or false`);
      break;
    case 'classIs': {
      const classes = stringList(arg, at, errors);
      classes?.forEach((c, i) => {
        if (typeof c === 'string' && !isInformationClass(c)) errors.push(`${at}[${i}]: unknown class "${c}" (expected ${classList})`);
      });
      break;
    }
    case 'fieldEquals': {
      if (!isObject(arg)) {
        errors.push(`${at}: must be { field, value }`);
        break;
      }
      if (typeof arg.field !== 'string' || arg.field.trim() === '') errors.push(`${at}.field: required`);
      const v = arg.value;
      if (!(v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
        errors.push(`${at}.value: must be text, a number, true/false or null`);
      }
      break;
    }
  }
}

function validateOutcome(value: unknown, path: string, errors: string[]): void {
  // suggestClass may carry its Pasal 17 letter next to it.
  const companions = isObject(value) && 'suggestClass' in value ? ['pasal17'] : [];
  const key = singleKey(value, path, OUTCOME_KEYS, 'outcome', errors, companions);
  if (key === null || !isObject(value)) return;
  const arg = value[key];
  const at = `${path}.${key}`;
  switch (key) {
    case 'suggestClass':
    case 'requireClass':
      if (!isInformationClass(arg)) errors.push(`${at}: unknown class ${show(arg)} (expected ${classList})`);
      if (key === 'suggestClass' && value.pasal17 !== undefined) {
        if (!isPasal17Letter(value.pasal17)) errors.push(`${path}.pasal17: ${show(value.pasal17)} is not a letter ${PASAL_17_LETTERS[0]}-${PASAL_17_LETTERS[9]}`);
        else if (arg !== 'dikecualikan') errors.push(`${path}.pasal17: only applies to class "dikecualikan"`);
      }
      break;
    case 'requireConsequenceTest':
    case 'fastTrack':
      if (arg !== true) errors.push(`${at}: must be true`);
      break;
    case 'setRefreshMonths':
      if (typeof arg !== 'number' || !Number.isInteger(arg) || arg < 1 || arg > MAX_REFRESH_MONTHS) {
        errors.push(`${at}: ${show(arg)} must be a whole number of months from 1 to ${MAX_REFRESH_MONTHS} (UU 14/2008 Pasal 9)`);
      }
      break;
    case 'block':
      if (!isObject(arg) || typeof arg.message !== 'string' || arg.message.trim() === '') errors.push(`${at}.message: required`);
      break;
  }
}
