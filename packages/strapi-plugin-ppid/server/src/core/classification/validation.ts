/** One problem in checked input, at the path of the offending field (e.g. `then[0].suggestClass`). */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Result of checking input: the typed value, or every problem found (same shape as the SOP validator). */
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

export type AddIssue = (path: string, message: string) => void;

/** An issue list and the function that appends to it. */
export function issueCollector(): { errors: ValidationIssue[]; add: AddIssue } {
  const errors: ValidationIssue[] = [];
  return { errors, add: (path, message) => errors.push({ path, message }) };
}

/** "path: message", as shown to a person. */
export function formatIssue(issue: ValidationIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
