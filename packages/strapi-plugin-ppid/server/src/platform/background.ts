// Work the plugin starts without waiting for it (event listeners, after-commit follow-ups).
// Tracked so that shutting down waits for it instead of cutting its database connection.
const pending = new Set<Promise<unknown>>();

export function track<T>(p: Promise<T>): Promise<T> {
  const settled = p.catch(() => undefined).finally(() => pending.delete(settled));
  pending.add(settled);
  return p;
}

/** Waits for tracked work (bounded, so a hung listener cannot block shutdown forever). */
export async function drain(timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pending.size && Date.now() < deadline) {
    await Promise.race([Promise.allSettled([...pending]), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
  }
}
