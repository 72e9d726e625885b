// SOP bindings: which SOP governs which content type. The rules for changing them, as plain data.
//
// - A governed type has exactly one default binding (the SOP a run takes when none is asked for).
//   Making a binding the default demotes the type's other default; the first binding of a type is
//   its default; the default cannot be unset or deleted while the type has other bindings (make
//   another one the default first).
// - A binding cannot be removed, or moved to another SOP, while runs of that type on that SOP
//   are open: they would be stranded (no longer governed, or governed by an SOP they do not
//   run). Cancel or finish them first. Changing only which binding is the default strands nothing.
// - One binding per (type, SOP).

export interface BindingRow {
  id: number;
  contentType: string;
  sopCode: string;
  isDefault: boolean;
}

export type BindingChange =
  | { kind: 'create'; contentType: string; sopCode: string; isDefault: boolean }
  | { kind: 'update'; id: number; sopCode?: string; isDefault?: boolean }
  | { kind: 'delete'; id: number };

export type BindingRefusal = { ok: false; code: 'invalid' | 'conflict' | 'not_found'; reason: string; field?: string; message: string };
export type BindingPlan = {
  ok: true;
  /** Rows to write, in order: demotions first (so a unique default per type always holds). */
  writes: ({ op: 'update'; id: number; data: Partial<BindingRow> } | { op: 'create'; data: Omit<BindingRow, 'id'> } | { op: 'delete'; id: number })[];
};

/**
 * @param rows every binding
 * @param openRuns number of open runs per `${contentType}\n${sopCode}`
 */
export function planBindingChange(rows: BindingRow[], openRuns: (contentType: string, sopCode: string) => number, change: BindingChange): BindingPlan | BindingRefusal {
  const fail = (code: BindingRefusal['code'], reason: string, message: string, field?: string): BindingRefusal => ({ ok: false, code, reason, message, ...(field ? { field } : {}) });
  const ofType = (t: string) => rows.filter((r) => r.contentType === t);
  const demote = (t: string, except?: number) => ofType(t).filter((r) => r.isDefault && r.id !== except).map((r) => ({ op: 'update' as const, id: r.id, data: { isDefault: false } }));
  const stranded = (r: BindingRow) => openRuns(r.contentType, r.sopCode) > 0;

  if (change.kind === 'create') {
    if (ofType(change.contentType).some((r) => r.sopCode === change.sopCode)) {
      return fail('conflict', 'duplicate', `SOP "${change.sopCode}" sudah terikat pada ${change.contentType} / already bound to this type`, 'sopCode');
    }
    const isDefault = change.isDefault || ofType(change.contentType).length === 0;
    return { ok: true, writes: [...(isDefault ? demote(change.contentType) : []), { op: 'create', data: { contentType: change.contentType, sopCode: change.sopCode, isDefault } }] };
  }

  const row = rows.find((r) => r.id === change.id);
  if (!row) return fail('not_found', 'not_found', 'Pengikatan tidak ditemukan / binding not found');
  const others = ofType(row.contentType).filter((r) => r.id !== row.id);

  if (change.kind === 'delete') {
    if (stranded(row)) {
      return fail('conflict', 'open_runs', `Masih ada alur kerja terbuka dengan SOP "${row.sopCode}" untuk tipe ini; batalkan atau selesaikan dulu / open runs would be stranded`);
    }
    if (row.isDefault && others.length) {
      return fail('conflict', 'default_required', 'Jadikan pengikatan lain default terlebih dahulu / make another binding the default first', 'isDefault');
    }
    return { ok: true, writes: [{ op: 'delete', id: row.id }] };
  }

  const sopCode = change.sopCode ?? row.sopCode;
  const isDefault = change.isDefault ?? row.isDefault;
  if (sopCode !== row.sopCode) {
    if (others.some((r) => r.sopCode === sopCode)) return fail('conflict', 'duplicate', `SOP "${sopCode}" sudah terikat pada ${row.contentType} / already bound to this type`, 'sopCode');
    if (stranded(row)) {
      return fail('conflict', 'open_runs', `Masih ada alur kerja terbuka dengan SOP "${row.sopCode}" untuk tipe ini; batalkan atau selesaikan dulu / open runs would be stranded`, 'sopCode');
    }
  }
  if (row.isDefault && !isDefault) {
    return fail('conflict', 'default_required', 'Tipe konten harus punya satu SOP default; jadikan pengikatan lain default / a type keeps one default: make another binding the default', 'isDefault');
  }
  return {
    ok: true,
    writes: [...(isDefault && !row.isDefault ? demote(row.contentType, row.id) : []), { op: 'update', id: row.id, data: { sopCode, isDefault } }],
  };
}

/** The SOP a new run of this type takes: the default; of several (older data), the newest. */
export function defaultBinding<T extends { id?: number; isDefault: boolean }>(bindings: T[]): T | undefined {
  const defaults = bindings.filter((b) => b.isDefault);
  if (!defaults.length) return bindings[0];
  return defaults.reduce((a, b) => ((b.id ?? 0) > (a.id ?? 0) ? b : a));
}
