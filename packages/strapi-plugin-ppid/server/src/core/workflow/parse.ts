// Reads an SOP file (YAML or JSON) and validates it; syntax errors come back in the same
// {path, message} shape as validation errors so callers handle one kind of failure.
import { parseDocument } from 'yaml';
import type { SopValidationResult } from './types';
import { validateSopDefinition } from './validate';

export type SopTextFormat = 'yaml' | 'json';

export function parseSopText(text: string, format?: SopTextFormat): SopValidationResult {
  const fmt = format ?? (text.trimStart().startsWith('{') ? 'json' : 'yaml');
  let data: unknown;
  if (fmt === 'json') {
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { ok: false, errors: [{ path: '', message: `invalid JSON: ${(e as Error).message}` }] };
    }
  } else {
    // Core schema: dates and NIPs stay strings unless written as bare numbers.
    const doc = parseDocument(text, { schema: 'core', prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        errors: doc.errors.map((e) => ({
          path: '',
          message: `invalid YAML${e.linePos ? ` at line ${e.linePos[0].line}` : ''}: ${e.message.split('\n')[0]}`,
        })),
      };
    }
    data = doc.toJS();
  }
  return validateSopDefinition(data);
}
