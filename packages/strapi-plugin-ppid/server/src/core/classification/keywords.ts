/**
 * Keyword matching for Indonesian titles and summaries: case-insensitive, on whole words
 * (so "rob" does not match "robot"), with Unicode letters as word characters. A `*` in a
 * keyword matches any letters, for affixed forms: "*banjir*" also finds "kebanjiran".
 * Words of a multi-word keyword may be separated by spaces or hyphens.
 */

const WORD_CHAR = '[\\p{L}\\p{N}]';
const cache = new Map<string, RegExp | null>();

function normalize(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('id');
}

// Only syntax characters: in a /u pattern an escaped "-" (or any other identity escape) is a SyntaxError.
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The compiled pattern of a keyword, or null for a blank keyword. */
export function keywordPattern(keyword: string): RegExp | null {
  let pattern = cache.get(keyword);
  if (pattern !== undefined) return pattern;
  const words = normalize(keyword).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.every((w) => /^\*+$/.test(w))) {
    pattern = null;
  } else {
    const body = words.map((w) => w.split('*').map(escapeRegExp).join(`${WORD_CHAR}*`)).join('[\\s\\-]+');
    pattern = new RegExp(`(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`, 'u');
  }
  cache.set(keyword, pattern);
  return pattern;
}

/** Keywords (as written in the rule) found in the text. */
export function matchKeywords(text: string, keywords: readonly string[]): string[] {
  const haystack = normalize(text);
  return keywords.filter((k) => keywordPattern(k)?.test(haystack) ?? false);
}
