/** Result of checking input: the typed value, or "path: message" lines (e.g. `then[0].suggestClass: unknown class "x"`). */
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[] };
