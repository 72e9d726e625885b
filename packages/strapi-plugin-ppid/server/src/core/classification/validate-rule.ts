import { INFORMATION_CLASSES, PASAL_17_LETTERS, isInformationClass, isPasal17Letter } from './classes';
import { keywordPattern } from './keywords';
import type { ClassificationRule } from './rules';
import { MAX_REFRESH_MONTHS } from './refresh';
import { type AddIssue, type Validation, type ValidationIssue, issueCollector } from './validation';

export interface RuleValidationOptions {
  /** Known kind codes; when given, `kindIn` codes are checked against them. */
  kinds?: readonly string[];
  /** Known unit codes; when given, `unitIn` codes are checked against them. */
  units?: readonly string[];
}

const CODE_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;
const CONDITION_KEYS = [
  'all',
  'any',
  'not',
  'kindIn',
  'unitIn',
  'keywordsAny',
  'hasAttachments',
  'classIs',
  'fieldEquals',
];
const OUTCOME_KEYS = [
  'suggestClass',
  'requireClass',
  'requireConsequenceTest',
  'setRefreshMonths',
  'fastTrack',
  'block',
];
const MAX_CONDITION_DEPTH = 16;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const classList = INFORMATION_CLASSES.join(', ');

/** Checks a rule as entered by an administrator; every error names its path. */
export function validateRule(input: unknown, options: RuleValidationOptions = {}): Validation<ClassificationRule> {
  if (!isObject(input)) return { ok: false, errors: [{ path: '', message: 'rule must be an object' }] };
  const { errors, add } = issueCollector();

  if (typeof input.code !== 'string' || !CODE_PATTERN.test(input.code)) {
    add('code', `${show(input.code)} must be lower-case letters, digits, ".", "_" or "-"`);
  }
  if (typeof input.name !== 'string' || input.name.trim() === '') add('name', 'required');
  if (input.description !== undefined && typeof input.description !== 'string') add('description', 'must be text');
  if (typeof input.enabled !== 'boolean') add('enabled', 'must be true or false');
  if (typeof input.priority !== 'number' || !Number.isInteger(input.priority))
    add('priority', `${show(input.priority)} must be an integer`);
  for (const key of Object.keys(input)) {
    if (!['code', 'name', 'description', 'enabled', 'priority', 'when', 'then'].includes(key))
      add(`${key}`, `unknown field`);
  }

  if (input.when === undefined) add('when', 'required');
  else validateCondition(input.when, 'when', options, add, 0);

  if (!Array.isArray(input.then) || input.then.length === 0) add('then', 'must be a non-empty list of outcomes');
  else input.then.forEach((o, i) => validateOutcome(o, `then[${i}]`, add));

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { ...(input as unknown as ClassificationRule), description: (input.description as string) ?? '' },
  };
}

/** Checks a whole rule set: each rule, and that codes are unique. */
export function validateRules(inputs: unknown, options: RuleValidationOptions = {}): Validation<ClassificationRule[]> {
  if (!Array.isArray(inputs)) return { ok: false, errors: [{ path: '', message: 'rules must be a list' }] };
  const errors: ValidationIssue[] = [];
  const rules: ClassificationRule[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const r = validateRule(input, options);
    if (!r.ok)
      errors.push(...r.errors.map((e) => ({ path: e.path ? `[${i}].${e.path}` : `[${i}]`, message: e.message })));
    else if (seen.has(r.value.code)) errors.push({ path: `[${i}].code`, message: `duplicate code "${r.value.code}"` });
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
  add: AddIssue,
  companions: string[] = [],
): string | null {
  if (!isObject(value)) {
    add(`${path}`, `must be an object with one ${what}`);
    return null;
  }
  const keys = Object.keys(value).filter((k) => !companions.includes(k));
  if (keys.length !== 1) {
    add(`${path}`, `must have exactly one ${what}, found ${keys.length === 0 ? 'none' : keys.join(', ')}`);
    return null;
  }
  if (!allowed.includes(keys[0])) {
    add(`${path}.${keys[0]}`, `unknown ${what} "${keys[0]}"`);
    return null;
  }
  return keys[0];
}

function stringList(value: unknown, path: string, add: AddIssue): string[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    add(`${path}`, `must be a non-empty list`);
    return null;
  }
  value.forEach((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') add(`${path}[${i}]`, `must be non-empty text`);
  });
  return value as string[];
}

function checkKnown(
  codes: string[] | null,
  known: readonly string[] | undefined,
  path: string,
  what: string,
  add: AddIssue,
) {
  if (!codes || !known) return;
  codes.forEach((c, i) => {
    if (typeof c === 'string' && !known.includes(c)) add(`${path}[${i}]`, `unknown ${what} "${c}"`);
  });
}

function validateCondition(
  value: unknown,
  path: string,
  options: RuleValidationOptions,
  add: AddIssue,
  depth: number,
): void {
  if (depth > MAX_CONDITION_DEPTH) {
    add(`${path}`, `nested more than ${MAX_CONDITION_DEPTH} levels`);
    return;
  }
  const key = singleKey(value, path, CONDITION_KEYS, 'condition', add);
  if (key === null) return;
  const arg = (value as Record<string, unknown>)[key];
  const at = `${path}.${key}`;
  switch (key) {
    case 'all':
    case 'any':
      if (!Array.isArray(arg) || arg.length === 0) add(`${at}`, `must be a non-empty list of conditions`);
      else arg.forEach((c, i) => validateCondition(c, `${at}[${i}]`, options, add, depth + 1));
      break;
    case 'not':
      validateCondition(arg, at, options, add, depth + 1);
      break;
    case 'kindIn':
      checkKnown(stringList(arg, at, add), options.kinds, at, 'kind', add);
      break;
    case 'unitIn':
      checkKnown(stringList(arg, at, add), options.units, at, 'unit', add);
      break;
    case 'keywordsAny': {
      const words = stringList(arg, at, add);
      words?.forEach((w, i) => {
        if (typeof w === 'string' && w.trim() !== '' && keywordPattern(w) === null)
          add(`${at}[${i}]`, `"${w}" matches everything`);
      });
      break;
    }
    case 'hasAttachments':
      if (typeof arg !== 'boolean') add(`${at}`, `must be true or false`);
      break;
    case 'classIs': {
      const classes = stringList(arg, at, add);
      classes?.forEach((c, i) => {
        if (typeof c === 'string' && !isInformationClass(c))
          add(`${at}[${i}]`, `unknown class "${c}" (expected ${classList})`);
      });
      break;
    }
    case 'fieldEquals': {
      if (!isObject(arg)) {
        add(`${at}`, `must be { field, value }`);
        break;
      }
      if (typeof arg.field !== 'string' || arg.field.trim() === '') add(`${at}.field`, `required`);
      const v = arg.value;
      if (!(v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
        add(`${at}.value`, `must be text, a number, true/false or null`);
      }
      break;
    }
  }
}

function validateOutcome(value: unknown, path: string, add: AddIssue): void {
  // suggestClass may carry its Pasal 17 letter next to it.
  const companions = isObject(value) && 'suggestClass' in value ? ['pasal17'] : [];
  const key = singleKey(value, path, OUTCOME_KEYS, 'outcome', add, companions);
  if (key === null || !isObject(value)) return;
  const arg = value[key];
  const at = `${path}.${key}`;
  switch (key) {
    case 'suggestClass':
    case 'requireClass':
      if (!isInformationClass(arg)) add(`${at}`, `unknown class ${show(arg)} (expected ${classList})`);
      if (key === 'suggestClass' && value.pasal17 !== undefined) {
        if (!isPasal17Letter(value.pasal17))
          add(
            `${path}.pasal17`,
            `${show(value.pasal17)} is not a letter ${PASAL_17_LETTERS[0]}-${PASAL_17_LETTERS[9]}`,
          );
        else if (arg !== 'dikecualikan') add(`${path}.pasal17`, `only applies to class "dikecualikan"`);
      }
      break;
    case 'requireConsequenceTest':
    case 'fastTrack':
      if (arg !== true) add(`${at}`, `must be true`);
      break;
    case 'setRefreshMonths':
      if (typeof arg !== 'number' || !Number.isInteger(arg) || arg < 1 || arg > MAX_REFRESH_MONTHS) {
        add(
          `${at}`,
          `${show(arg)} must be a whole number of months from 1 to ${MAX_REFRESH_MONTHS} (UU 14/2008 Pasal 9)`,
        );
      }
      break;
    case 'block':
      if (!isObject(arg) || typeof arg.message !== 'string' || arg.message.trim() === '')
        add(`${at}.message`, `required`);
      break;
  }
}
