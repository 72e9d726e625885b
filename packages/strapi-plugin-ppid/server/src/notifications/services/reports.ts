import type { Core } from '@strapi/strapi';
import { stringify } from 'csv-stringify/sync';
import { loadExcel } from '../../core/lazy-libs';
import { localIsoDate } from '../../core/calendar';
import { DEFAULT_REFRESH_MONTHS, refreshDueDate } from '../../core/classification/refresh';
import { UID, appTypes } from '../../platform/uids';
import { getService, type ServiceName } from '../../services/get-service';

/**
 * Reports for the PPID: time per SOP step against its standard (working minutes, from the
 * step logs), publications by class and month, berkala items overdue for refresh and the
 * yearly summary. Each report is a flat list of rows, so JSON, CSV and XLSX share one shape.
 */
export const REPORTS = ['steps', 'published', 'refresh', 'yearly'] as const;
export type ReportName = (typeof REPORTS)[number];
export type Row = Record<string, string | number | boolean | null>;

export function median(sorted: number[]): number | null {
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100) of an ascending list. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends ServiceName>(name: K) => getService(strapi, name);
  // Local dates are the body's (its time-zone setting, else the working calendar's).
  const bodyZone = (): Promise<string> => svc('zones').bodyZone();

  /** The host's published information items (config itemType; none when it has no such type). */
  async function publishedItems(): Promise<any[]> {
    const item = appTypes(strapi).itemType;
    if (!item) return [];
    const attrs = (strapi.getModel(item as any) as any)?.attributes ?? {};
    const select = ['documentId', 'title', 'classification', 'publicationDate', 'publishedAt', 'refreshMonths', 'locale'].filter((c) => c in attrs);
    return strapi.db.query(item as any).findMany({
      where: { publishedAt: { $notNull: true } },
      select: ['id', ...select],
      orderBy: { id: 'asc' },
    });
  }
  const publishedOn = (item: any): Date => new Date(item.publicationDate ?? item.publishedAt);

  const self = {
    /** Per SOP, step and unit: completed activations, median / p90 working minutes, breach share. */
    async steps(filter: { sopCode?: string } = {}): Promise<Row[]> {
      const logs = await strapi.db.query(UID.stepLog).findMany({
        where: { endedAt: { $notNull: true }, workingMinutes: { $notNull: true }, ...(filter.sopCode ? { sopCode: filter.sopCode } : {}) },
        select: ['sopCode', 'stepNumber', 'role', 'unitCode', 'workingMinutes', 'standardMinutes', 'breached', 'startedAt', 'endedAt'],
        orderBy: { id: 'asc' },
      });
      const groups = new Map<string, any[]>();
      for (const l of logs) {
        const key = `${l.sopCode}\u0000${l.stepNumber}\u0000${l.unitCode ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), l]);
      }
      const rows: Row[] = [];
      for (const list of groups.values()) {
        const minutes = list.map((l) => Number(l.workingMinutes)).sort((a, b) => a - b);
        const standards = list.map((l) => l.standardMinutes).filter((m) => m !== null && m !== undefined).map(Number).sort((a, b) => a - b);
        const breached = list.filter((l) => l.breached).length;
        // Calendar time beside working time: an act outside jam kerja takes 0 working minutes.
        const elapsed = list.map((l) => Math.round((new Date(l.endedAt).getTime() - new Date(l.startedAt).getTime()) / 60000)).sort((a, b) => a - b);
        rows.push({
          sopCode: list[0].sopCode,
          stepNumber: list[0].stepNumber,
          role: list[0].role ?? null,
          unitCode: list[0].unitCode ?? null,
          count: list.length,
          medianMinutes: median(minutes),
          p90Minutes: percentile(minutes, 90),
          standardMinutes: median(standards),
          breached,
          breachedShare: round2(breached / list.length),
          medianElapsedMinutes: median(elapsed),
        });
      }
      return rows.sort((a, b) =>
        String(a.sopCode).localeCompare(String(b.sopCode)) || Number(a.stepNumber) - Number(b.stepNumber) || String(a.unitCode ?? '').localeCompare(String(b.unitCode ?? '')),
      );
    },

    /** Published information items by classification and month (local calendar). */
    async published(): Promise<Row[]> {
      const counts = new Map<string, number>();
      const zone = await bodyZone();
      for (const item of await publishedItems()) {
        const key = `${localIsoDate(publishedOn(item), zone).slice(0, 7)}\u0000${item.classification}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [...counts.entries()]
        .map(([key, count]) => {
          const [month, classification] = key.split('\u0000');
          return { month, classification, count };
        })
        .sort((a, b) => a.month.localeCompare(b.month) || a.classification.localeCompare(b.classification));
    },

    /** Berkala items whose refresh (publication + refreshMonths, default 6) is due. */
    async refresh(now: Date = svc('clock').now()): Promise<Row[]> {
      const rows: Row[] = [];
      const zone = await bodyZone();
      for (const item of await publishedItems()) {
        if (item.classification !== 'berkala') continue;
        const months = item.refreshMonths ?? DEFAULT_REFRESH_MONTHS;
        const due = refreshDueDate(publishedOn(item), months, zone);
        if (now.getTime() < due.getTime()) continue;
        rows.push({
          documentId: item.documentId,
          locale: item.locale ?? null,
          title: item.title,
          lastPublished: publishedOn(item).toISOString(),
          refreshMonths: months,
          dueDate: localIsoDate(due, zone),
          daysOverdue: Math.floor((now.getTime() - due.getTime()) / 86_400_000),
        });
      }
      return rows.sort((a, b) => String(a.dueDate).localeCompare(String(b.dueDate)));
    },

    /** Per year and class: items published, and the step breach share of runs of that year. */
    async yearly(): Promise<Row[]> {
      const counts = new Map<string, number>();
      const zone = await bodyZone();
      for (const item of await publishedItems()) {
        const key = `${localIsoDate(publishedOn(item), zone).slice(0, 4)}\u0000${item.classification}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [...counts.entries()]
        .map(([key, published]) => {
          const [year, classification] = key.split('\u0000');
          return { year: Number(year), classification, published };
        })
        .sort((a, b) => a.year - b.year || a.classification.localeCompare(b.classification));
    },

    async run(name: ReportName, params: Record<string, unknown> = {}): Promise<Row[]> {
      switch (name) {
        case 'steps':
          return self.steps({ sopCode: typeof params.sop === 'string' ? params.sop : undefined });
        case 'published':
          return self.published();
        case 'refresh':
          return self.refresh();
        case 'yearly':
          return self.yearly();
        default:
          throw new Error(`unknown report ${String(name)}`);
      }
    },

    toCsv(rows: Row[]): string {
      if (!rows.length) return '';
      return stringify(rows, { header: true, columns: Object.keys(rows[0]) });
    },

    async toXlsx(rows: Row[], sheet: string): Promise<Buffer> {
      const wb = new (await loadExcel()).Workbook();
      const ws = wb.addWorksheet(sheet);
      const columns = rows.length ? Object.keys(rows[0]) : ['(kosong / empty)'];
      ws.columns = columns.map((key) => ({ header: key, key, width: Math.max(12, key.length + 2) }));
      ws.getRow(1).font = { bold: true };
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  };
  return self;
};
