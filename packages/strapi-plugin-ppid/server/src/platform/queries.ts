import type { Core } from '@strapi/strapi';

/**
 * Runs independent reads at once, except inside a transaction: there every query goes through
 * the transaction's one connection, and node-postgres refuses overlapping queries on a client
 * ("client.query() when the client is already executing a query", an error from pg 9).
 */
export async function together<T extends readonly unknown[]>(
  strapi: Core.Strapi,
  reads: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  if (!strapi.db.inTransaction()) return (await Promise.all(reads.map((r) => r()))) as unknown as T;
  const out: unknown[] = [];
  for (const r of reads) out.push(await r());
  return out as unknown as T;
}
