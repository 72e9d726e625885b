import {
  DEFAULT_DIP_UPDATE_SCHEDULE,
  dipDrift,
  dipUpdateDue,
  isDipClassification,
  parseDipUpdateSchedule,
  type DipDrift,
  type DipEntry,
  type DipUpdateSchedule,
} from '../../core/dip';
import { scheduleJob } from '../../platform/background';
import { UID, appTypes } from '../../platform/uids';
import { getService } from '../../services/get-service';
import type { DipContext } from './context';
import type { editions as editionsPart } from './editions';
import type { EditionRow } from './rows';

/** Where the job remembers what it already announced (one reminder per edition and due date). */
const STORE_KEY = 'dip-pemutakhiran';

const todayIn = (d: Date, timeZone = 'Asia/Jakarta') =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/**
 * Pemutakhiran DIP: the body's update schedule (a setting), the reminder when the established
 * edition is due, and a revised edition proposed when entries of the established edition have
 * since changed class, so the SK in force is replaced instead of silently no longer matching
 * its attachment. The revision is proposed at the reclassification act itself (`listen`: an
 * item published through its SOP, a consequence test decided), and the job that runs daily
 * (`schedule`), like the plugin's other cron jobs, catches any change made another way.
 */
export function pemutakhiran(ctx: DipContext, eds: ReturnType<typeof editionsPart>) {
  const { strapi } = ctx;
  const store = () => strapi.store({ type: 'plugin', name: 'ppid', key: STORE_KEY });
  const editionRows = () => strapi.db.query(UID.dipEdition);

  const self = {
    /** Plugin config `dipUpdate` ({everyMonths} | {yearlyOn: "MM-DD"}, or "12" / "01-31"), or PPID_DIP_UPDATE. */
    updateSchedule(): DipUpdateSchedule {
      const raw = strapi.plugin('ppid').config('dipUpdate') ?? process.env.PPID_DIP_UPDATE;
      return raw === undefined || raw === '' ? DEFAULT_DIP_UPDATE_SCHEDULE : parseDipUpdateSchedule(raw);
    },

    /**
     * Each linked entry's item class now (dikecualikan if any version is excluded, or a whole
     * exclusion is in force: a decided consequence test reclassifies whatever the row says).
     */
    async currentClasses(entries: DipEntry[]): Promise<Map<string, string | null>> {
      const out = new Map<string, string | null>();
      const item = appTypes(strapi).itemType;
      const keys = entries.map((e) => e.key).filter((k) => !k.startsWith('nomor:'));
      if (!item || !keys.length) return out;
      const table = strapi.db.metadata.get(item as any).tableName;
      await strapi.db.transaction(async ({ trx }) => {
        for (let i = 0; i < keys.length; i += 500) {
          const rows = await strapi.db
            .getConnection(table)
            .transacting(trx)
            .select('document_id', 'classification', 'published_at')
            .whereIn('document_id', keys.slice(i, i + 500));
          for (const r of rows) {
            const prev = out.get(r.document_id);
            // The draft version is the latest word; an excluded version anywhere wins (never public).
            if (prev === 'dikecualikan') continue;
            if (r.classification === 'dikecualikan' || prev === undefined || r.published_at === null) out.set(r.document_id, r.classification ?? null);
          }
        }
      });
      for (const key of await ctx.excludedKeys(keys)) out.set(key, 'dikecualikan');
      return out;
    },

    async driftOf(row: EditionRow): Promise<DipDrift[]> {
      const entries = row.entries ?? [];
      return dipDrift(entries, await self.currentClasses(entries));
    },

    /** An open (not yet established) edition that updates `documentId`, if any. */
    async openUpdateOf(documentId: string): Promise<EditionRow | null> {
      return (await editionRows().findOne({
        where: { previousEdition: documentId, publishedAt: { $null: true }, editionStatus: { $ne: 'established' } },
        orderBy: { id: 'desc' },
      })) as EditionRow | null;
    },

    /** The established edition, when it is due, what no longer matches it, and the open update. */
    async status(now: Date = getService(strapi, 'clock').now()) {
      const last = await eds.lastEstablished();
      const schedule = self.updateSchedule();
      if (!last?.decreeDate) return { schedule, edition: null, dueDate: null, due: false, drift: [] as DipDrift[], openUpdate: null };
      const dueDate = dipUpdateDue(String(last.decreeDate).slice(0, 10), schedule);
      const open = await self.openUpdateOf(last.documentId);
      return {
        schedule,
        edition: { documentId: last.documentId, title: last.title, decreeNumber: last.decreeNumber, decreeDate: last.decreeDate },
        dueDate,
        due: todayIn(now) >= dueDate,
        drift: await self.driftOf(last),
        openUpdate: open ? { documentId: open.documentId, title: open.title, revisionOf: (open as any).revisionOf ?? null, status: open.editionStatus } : null,
      };
    },

    /**
     * A revised edition (draft) of the established one, with the drifted entries as their items
     * now are: a changed class is carried over, an excluded entry leaves (createEdition filters
     * it). It then goes through the DIP SOP and gets its own SK. Null when nothing drifted or an
     * update is already open.
     */
    async proposeRevision(): Promise<{ edition: EditionRow; drift: DipDrift[] } | null> {
      const last = await eds.lastEstablished();
      if (!last) return null;
      const drift = await self.driftOf(last);
      if (!drift.length || (await self.openUpdateOf(last.documentId))) return null;
      const classes = new Map(drift.filter((d) => d.now && isDipClassification(d.now)).map((d) => [d.key, d.now as DipEntry['klasifikasi']]));
      const reason = drift
        .map((d) => `No. ${d.nomor} "${d.ringkasan}": ${d.was} → ${d.now ?? '-'}`)
        .join('; ');
      const { edition } = await eds.createEdition({
        title: `${last.title} (Perubahan)`,
        year: last.year,
        revisionOf: last.documentId,
        revisionReason: `Klasifikasi berubah sejak SK ${last.decreeNumber ?? ''} / classification changed: ${reason}`.slice(0, 5000),
        reclassify: classes,
      });
      return { edition, drift };
    },

    /** Proposes a revised edition when entries drifted, and tells who starts and who establishes the DIP. */
    async proposeAndAnnounce(now: Date = getService(strapi, 'clock').now()): Promise<string | null> {
      const proposed = await self.proposeRevision();
      if (!proposed) return null;
      await getService(strapi, 'notifications').notify('dip_revision_proposed', await self.recipients(now), {
        itemTitle: proposed.edition.title,
        note: (proposed.edition as any).revisionReason ?? null,
      });
      return proposed.edition.documentId;
    },

    /**
     * The reclassification act: an item was published through its SOP (perhaps with another
     * class) or a consequence test on it was decided. When the item is an entry of the
     * established edition whose class no longer matches, the revised edition is proposed now,
     * not at the next daily job. Returns the proposed edition, if any.
     */
    async onReclassified(itemDocumentId: string): Promise<string | null> {
      const last = await eds.lastEstablished();
      if (!last || !(last.entries ?? []).some((e) => e.key === itemDocumentId)) return null;
      const drift = await self.driftOf(last);
      if (!drift.some((d) => d.key === itemDocumentId)) return null;
      return self.proposeAndAnnounce();
    },

    /** Bootstrap: the workflow's publish acts (items and consequence tests) are reclassification acts. */
    listen() {
      strapi.eventHub.on('ppid.published', async (payload: any) => {
        const uid = payload?.item?.uid;
        const documentId = payload?.item?.documentId;
        if (!uid || !documentId) return;
        let itemDocumentId: string | null = null;
        if (uid === appTypes(strapi).itemType) itemDocumentId = documentId;
        else if (uid === UID.consequenceTest) {
          ctx.afterCommit(async () => {
            const test = await strapi.db.query(UID.consequenceTest).findOne({ where: { documentId }, select: ['itemUid', 'itemDocumentId'] });
            if (test?.itemUid === appTypes(strapi).itemType && test.itemDocumentId) await self.onReclassified(test.itemDocumentId);
          });
          return;
        }
        if (itemDocumentId) ctx.afterCommit(() => self.onReclassified(itemDocumentId!));
      });
    },

    /** Recipients: who starts the DIP SOP and who establishes it (the SOP bound to editions). */
    async recipients(now: Date) {
      const sopCode = getService(strapi, 'content').sopCodeFor(UID.dipEdition);
      const def = (await getService(strapi, 'sops').current(sopCode)).definition;
      const roles = new Set([def.steps[0]!.role, ...def.steps.filter((s) => s.act === 'establish').map((s) => s.role)]);
      const out = new Map<number, any>();
      for (const role of roles) for (const r of await getService(strapi, 'recipients').holders(sopCode, role, null, now)) out.set(r.id, r);
      return [...out.values()];
    },

    /**
     * The daily job: a reminder once per edition and due date when the update is due; a revised
     * edition proposed (and announced) when entries changed class. Idempotent.
     */
    async tick(now: Date = getService(strapi, 'clock').now()) {
      const st = await self.status(now);
      const done = { reminded: false, revision: null as string | null };
      if (!st.edition) return done;
      const seen = ((await store().get({})) ?? {}) as { remindedFor?: string };
      const mark = `${st.edition.documentId}@${st.dueDate}`;
      if (st.due && !st.openUpdate && seen.remindedFor !== mark) {
        await getService(strapi, 'notifications').notify('dip_update_due', await self.recipients(now), {
          itemTitle: st.edition.title,
          dueAt: `${st.dueDate}T00:00:00+07:00`,
          note: st.edition.decreeNumber ?? null,
        });
        await store().set({ value: { ...seen, remindedFor: mark } });
        done.reminded = true;
      }
      done.revision = await self.proposeAndAnnounce(now);
      return done;
    },

    /** The job (daily, 06:00 in the calendar's time zone), registered as the reminder jobs are (scheduleJob: the lease). */
    schedule() {
      const tz = getService(strapi, 'clock').calendar().timeZone;
      scheduleJob(strapi, {
        name: 'ppidDipPemutakhiran',
        rule: '0 6 * * *',
        ...(tz.includes('/') ? { tz } : {}),
        task: () => self.tick(),
      });
    },
  };
  return self;
}
