// A request received in person or by letter (UU 14/2008 Pasal 22 ayat 1: "secara tertulis atau
// tidak tertulis") and entered by the Petugas Informasi in the admin panel: the same fields as a
// public filing (validate.ts) plus how it was received. Pure: no Strapi.
import type { ValidationIssue } from '../classification/validation';
import { validateRequest, type InformationRequestInput } from './validate';

/** How a request entered by an official was received: langsung (in person) or surat (by letter). */
export const ENTRY_CHANNELS = ['langsung', 'surat'] as const;
export type EntryChannel = (typeof ENTRY_CHANNELS)[number];

export type CheckedEntry = { ok: true; value: InformationRequestInput; channel: EntryChannel } | { ok: false; errors: ValidationIssue[] };

/**
 * Checks an official's entry: `channel` is taken out and checked, the rest is the public filing
 * checked by validateRequest (so both doors refuse the same things, naming the same fields).
 */
export function validateEntry(input: unknown): CheckedEntry {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '', message: 'permohonan harus berupa objek JSON / the request must be a JSON object' }] };
  }
  const { channel, ...filing } = input as Record<string, unknown>;
  const errors: ValidationIssue[] = [];
  if (channel === undefined || channel === null || channel === '') errors.push({ path: 'channel', message: 'wajib diisi: cara permohonan diterima / required: how the request was received' });
  else if (typeof channel !== 'string' || !(ENTRY_CHANNELS as readonly string[]).includes(channel)) {
    errors.push({ path: 'channel', message: `harus salah satu dari / must be one of: ${ENTRY_CHANNELS.join(', ')}` });
  }
  const checked = validateRequest(filing);
  if (!checked.ok) errors.push(...checked.errors);
  if (errors.length || !checked.ok) return { ok: false, errors };
  return { ok: true, value: checked.value, channel: channel as EntryChannel };
}
