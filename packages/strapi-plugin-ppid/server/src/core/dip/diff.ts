/**
 * Compare two DIP editions (pemutakhiran): what a reader sees added, removed or changed.
 * Entries are matched by `key`, never by position or `nomor`.
 */
import { DIP_COLUMN_KEYS, type DipColumnKey, type DipEntry, formatCell } from './columns';

export interface DipEntryChange {
  key: string;
  before: DipEntry;
  after: DipEntry;
  /** Column keys whose cell text differs, in column order. */
  columns: DipColumnKey[];
}

export interface DipEditionDiff {
  /** In `next` order. */
  added: DipEntry[];
  /** In `prev` order. */
  removed: DipEntry[];
  /** In `next` order. */
  changed: DipEntryChange[];
  unchanged: number;
}

export interface DiffOptions {
  /** Columns not compared, e.g. `['nomor']` to hide renumbering after a removal. */
  ignoreColumns?: readonly DipColumnKey[];
}

export class DipDiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DipDiffError';
  }
}

function indexByKey(entries: readonly DipEntry[], side: string): Map<string, DipEntry> {
  const map = new Map<string, DipEntry>();
  for (const e of entries) {
    if (map.has(e.key)) throw new DipDiffError(`Duplicate DIP entry key "${e.key}" in ${side} edition`);
    map.set(e.key, e);
  }
  return map;
}

/**
 * Columns are compared by their formatted cell text: what counts as a change is exactly what
 * a reader of the published edition would see change (e.g. bentuk order does not count).
 */
export function changedColumns(
  before: DipEntry,
  after: DipEntry,
  ignore: readonly DipColumnKey[] = [],
): DipColumnKey[] {
  return DIP_COLUMN_KEYS.filter((k) => !ignore.includes(k) && formatCell(before, k) !== formatCell(after, k));
}

export function diffEditions(
  prev: readonly DipEntry[],
  next: readonly DipEntry[],
  options: DiffOptions = {},
): DipEditionDiff {
  const prevByKey = indexByKey(prev, 'previous');
  const nextByKey = indexByKey(next, 'next');
  const ignore = options.ignoreColumns ?? [];

  const result: DipEditionDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const after of next) {
    const before = prevByKey.get(after.key);
    if (!before) {
      result.added.push(after);
      continue;
    }
    const columns = changedColumns(before, after, ignore);
    if (columns.length) result.changed.push({ key: after.key, before, after, columns });
    else result.unchanged++;
  }
  for (const before of prev) if (!nextByKey.has(before.key)) result.removed.push(before);
  return result;
}
