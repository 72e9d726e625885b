import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { DIP_HEADERS, formatRow, guardFormula } from '../../core/dip';
import type { DipEntrySource } from './stream-util';

export interface DipCsvOptions {
  /** "," (default) or ";" (what Excel expects in the Indonesian locale, where "," is the decimal mark). */
  delimiter?: ',' | ';';
}

/**
 * CSV of the DIP: UTF-8 with a BOM (without it Excel reads the file as ANSI and mangles
 * non-ASCII text), one Indonesian header row, then one row per entry in `DIP_COLUMNS` order.
 * Streams with backpressure; `out` is ended when done.
 */
export async function writeDipCsv(entries: DipEntrySource, out: Writable, options: DipCsvOptions = {}): Promise<void> {
  async function* records() {
    yield [...DIP_HEADERS];
    for await (const entry of entries) yield formatRow(entry).map(guardFormula);
  }
  const stringifier = stringify({ bom: true, delimiter: options.delimiter ?? ',', record_delimiter: 'windows' });
  await pipeline(Readable.from(records()), stringifier, out);
}
