import { formatDecreeNumber, validatePattern } from '../../core/dip';
import { badRequest } from '../../errors';
import { UID } from '../../platform/uids';
import type { DipContext } from './context';

/** The global decree counter row: the lock under which per-year decree counters are taken. */
export const DECREE_LOCK = 'dip-decree';

/** Decree numbers (Nomor SK) from per (body, kode, year) counters. */
export function numbering({ strapi, settings }: DipContext) {
  return {
    /**
     * The next decree number. Takes the (body, kode, year) counter row with SELECT ... FOR UPDATE
     * inside the caller's transaction, so two establishments never share a serial.
     */
    async nextDecreeNumber(date: string): Promise<{ serial: number; number: string }> {
      const s = settings();
      const check = validatePattern(s.pattern);
      if (!check.ok) throw badRequest(`Pola nomor SK tidak sah / invalid decree pattern: ${check.errors.join('; ')}`);
      const year = Number(date.slice(0, 4));
      const name = `dip-decree:${s.unit}:${s.kode}:${year}`;
      const table = strapi.db.metadata.get(UID.counter).tableName;
      return strapi.db.transaction(async ({ trx }) => {
        const knex = strapi.db.connection;
        // The global decree row (created at bootstrap) is the lock; under it the per-year row
        // can be created without a racing twin (Strapi's `unique` is not a database constraint).
        const lock = await knex(table).transacting(trx).where({ name: DECREE_LOCK }).forUpdate().first();
        if (!lock) throw new Error('DIP decree counter missing (created at bootstrap)');
        let row = await knex(table).transacting(trx).where({ name }).forUpdate().first();
        if (!row) {
          await knex(table)
            .transacting(trx)
            .insert({
              name,
              value: 0,
              document_id: `ctr-${name}`.slice(0, 255),
            });
          row = await knex(table).transacting(trx).where({ name }).forUpdate().first();
        }
        const serial = Number(row.value) + 1;
        await knex(table).transacting(trx).where({ name }).update({ value: serial });
        return {
          serial,
          number: formatDecreeNumber(s.pattern, {
            kode: s.kode,
            serial,
            unit: s.unit,
            date,
          }),
        };
      });
    },

    /** Creates a counter row if missing (outside any transaction: at bootstrap). */
    async ensureCounter(name: string): Promise<void> {
      const table = strapi.db.metadata.get(UID.counter).tableName;
      if (await strapi.db.connection(table).where({ name }).first()) return;
      await strapi.db.connection(table).insert({ name, value: 0, document_id: `ctr-${name}` });
    },
  };
}
