/**
 * CSV formula injection guard. A public DIP file is opened in spreadsheets by anyone; a cell
 * beginning with = + - @ (or tab/CR) would run as a formula there (OWASP "CSV Injection").
 * The CSV export prefixes such cells with an apostrophe; the import removes it again, so a
 * file exported and re-imported round-trips unchanged.
 */
const TRIGGER = /^[=+\-@\t\r]/;

export function guardFormula(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text;
}

export function unguardFormula(text: string): string {
  return text.startsWith("'") && TRIGGER.test(text.slice(1)) ? text.slice(1) : text;
}
