import * as React from 'react';
import { Layouts } from '@strapi/strapi/admin';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Loading, ServerError, useGet, useT } from '../components/Shared';
import { BarChart, type BarGroup, type Series } from '../components/Charts';
import { formatWib } from '../utils/api';
import { durationText } from '../../../server/src/core/calendar/describe';
import { useDownload } from '../utils/transfer';


const CLASS_COLORS: Record<string, string> = { berkala: '#4945FF', serta_merta: '#EE5E52', setiap_saat: '#328048', dikecualikan: '#8E8EA9' };
const CLASS_LABELS: Record<string, [string, string]> = {
  berkala: ['class.berkala', 'Berkala'],
  serta_merta: ['class.sertaMerta', 'Serta merta'],
  setiap_saat: ['class.setiapSaat', 'Setiap saat'],
  dikecualikan: ['class.dikecualikan', 'Dikecualikan'],
};

const ExportButtons = ({ name }: { name: string }) => {
  const t = useT();
  const { download, busy, error } = useDownload();
  return (
    <Flex direction="column" alignItems="flex-end" gap={1}>
      <Flex gap={2}>
        {['csv', 'xlsx'].map((f) => (
          <Button key={f} size="S" variant="secondary" loading={busy === f} disabled={!!busy} onClick={() => download(f, `/ppid/reports/${name}?format=${f}`, `ppid-${name}.${f}`)} data-testid={`ppid-report-${name}-${f}`}>
            {f.toUpperCase()}
          </Button>
        ))}
      </Flex>
      {error ? <Typography textColor="danger600">{error}</Typography> : null}
    </Flex>
  );
};

const Panel = ({ name, title, subtitle, children }: { name: string; title: string; subtitle?: string; children: React.ReactNode }) => (
  <Box background="neutral0" padding={5} marginBottom={5} shadow="filterShadow" hasRadius data-testid={`ppid-report-${name}`}>
    <Flex justifyContent="space-between" alignItems="flex-start" gap={2} paddingBottom={3}>
      <Box>
        <Typography variant="delta" tag="h2">{title}</Typography>
        {subtitle ? <Typography tag="p" variant="pi" textColor="neutral600">{subtitle}</Typography> : null}
      </Box>
      <ExportButtons name={name} />
    </Flex>
    {children}
  </Box>
);

/** Text columns wrap; numbers, months and dates stay on one line. */
const WRAP = new Set(['title', 'step']);

/** "2026-02" → "Feb 2026" in the panel's language. */
const useMonthLabel = () => {
  const { locale } = useIntl();
  return (ym: string) => {
    const [y, m] = ym.split('-').map(Number);
    if (!y || !m) return ym;
    return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
  };
};

/** A plain table of the same numbers a chart shows (the accessible form). */
const NumbersTable = ({ cols, rows, testId }: { cols: [string, string][]; rows: Record<string, React.ReactNode>[]; testId?: string }) => (
  <Table colCount={cols.length} rowCount={rows.length + 1} data-testid={testId}>
    <Thead>
      <Tr>{cols.map(([k, h]) => <Th key={k}><Typography variant="sigma">{h}</Typography></Th>)}</Tr>
    </Thead>
    <Tbody>
      {rows.map((r, i) => (
        <Tr key={i}>{cols.map(([k]) => <Td key={k} style={{ whiteSpace: WRAP.has(k) ? 'normal' : 'nowrap' }}><Typography>{r[k] ?? '—'}</Typography></Td>)}</Tr>
      ))}
    </Tbody>
  </Table>
);

/** The chart and its table side by side on wide screens, stacked when narrow. */
const Side = ({ chart, table, tableWidth = 380, chartWidth = 480 }: { chart: React.ReactNode; table: React.ReactNode; tableWidth?: number; chartWidth?: number }) => (
  <Flex gap={6} alignItems="flex-start" wrap="wrap">
    <Box style={{ flex: `0 1 ${chartWidth}px`, minWidth: 360 }}>{chart}</Box>
    <Box style={{ flex: `1 1 ${tableWidth}px`, minWidth: 320, overflowX: 'auto' }}>{table}</Box>
  </Flex>
);

const minutes = (v: any) => (v === null || v === undefined ? null : Number(v));
const elapsedText = (v: any) => (v === null || v === undefined ? '—' : durationText(Number(v)));

const StepsReport = () => {
  const t = useT();
  const { data, meta, error, loading } = useGet<any[]>('/ppid/reports/steps');
  const bySop = React.useMemo(() => {
    const m = new Map<string, any[]>();
    for (const r of data ?? []) m.set(r.sopCode, [...(m.get(r.sopCode) ?? []), r]);
    return [...m.entries()];
  }, [data]);
  const series: Series[] = [
    { key: 'median', name: t('reports.median', 'Median'), color: '#4945FF' },
    { key: 'p90', name: t('reports.p90', 'P90 (persentil ke-90)'), color: '#AC73E6' },
  ];
  return (
    <Panel name="steps" title={t('reports.steps', 'Waktu penyelesaian langkah')} subtitle={t('reports.stepsHelp', 'Menit kerja per langkah SOP dan unit, dibandingkan dengan waktu baku (mutu baku).')}>
      {loading && !data ? <Loading /> : null}
      {error ? <ServerError message={error} /> : null}
      {meta?.workingHours ? (
        <Box paddingBottom={4} data-testid="ppid-working-hours">
          <Typography tag="p" textColor="neutral700">
            {t('reports.workingHours', 'Waktu kerja dihitung hanya pada jam kerja badan publik: {hours}. Tindakan di luar jam kerja bernilai 0 menit kerja; waktu kalender (sejak langkah aktif sampai selesai) ditampilkan di sampingnya.', { hours: meta.workingHours })}
          </Typography>
        </Box>
      ) : null}
      {data && !data.length ? <Typography textColor="neutral600">{t('reports.noSteps', 'Belum ada langkah yang selesai.')}</Typography> : null}
      {bySop.map(([sop, rows]) => {
        const label = (r: any) => `${t('reports.step', 'Langkah {n}', { n: r.stepNumber })}${r.roleLabel ?? r.role ? ` · ${r.roleLabel ?? r.role}` : ''}`;
        const chartLabel = (r: any) => `${label(r)}${r.unitName ?? r.unitCode ? ` (${r.unitName ?? r.unitCode})` : ''}`;
        const sopName = rows[0]?.sopName ?? sop;
        const groups: BarGroup[] = rows.map((r) => ({
          label: chartLabel(r),
          values: { median: minutes(r.medianMinutes), p90: minutes(r.p90Minutes) },
          marker: minutes(r.standardMinutes),
          alert: Number(r.breached) > 0,
        }));
        return (
          <Box key={sop} paddingBottom={5}>
            <Typography variant="omega" fontWeight="bold" tag="h3">{sopName}</Typography>
            <Box paddingTop={2}>
              <Side
                tableWidth={1000}
                chartWidth={760}
                chart={<BarChart testId="ppid-chart-steps" title={t('reports.stepsChart', 'Waktu per langkah, SOP {sop}', { sop: sopName })} series={series} groups={groups} unit={t('reports.min', 'menit')} markerName={t('reports.standard', 'Waktu baku')} />}
                table={
                  <NumbersTable
                    testId="ppid-table-steps"
                    cols={[
                      ['step', t('reports.col.step', 'Langkah')],
                      ['unit', t('reports.col.unit', 'Unit')],
                      ['count', t('reports.col.count', 'Jumlah')],
                      ['median', t('reports.col.median', 'Median (mnt)')],
                      ['elapsed', t('reports.col.elapsed', 'Median kalender')],
                      ['p90', t('reports.col.p90', 'P90 (mnt)')],
                      ['standard', t('reports.col.standard', 'Baku (mnt)')],
                      ['breached', t('reports.col.breached', 'Terlambat')],
                    ]}
                    rows={rows.map((r) => ({
                      step: label(r),
                      unit: r.unitName ?? r.unitCode ?? '—',
                      count: r.count,
                      median: r.medianMinutes,
                      elapsed: elapsedText(r.medianElapsedMinutes),
                      p90: r.p90Minutes,
                      standard: r.standardMinutes ?? t('reports.tentatif', 'tentatif'),
                      breached: (
                        <span style={{ color: Number(r.breached) ? '#D02B20' : undefined, fontWeight: Number(r.breached) ? 700 : undefined }}>
                          {`${r.breached} (${Math.round(Number(r.breachedShare) * 100)}%)`}
                        </span>
                      ),
                    }))}
                  />
                }
              />
            </Box>
          </Box>
        );
      })}
    </Panel>
  );
};

const PublishedReport = () => {
  const t = useT();
  const monthLabel = useMonthLabel();
  const { data, error, loading } = useGet<any[]>('/ppid/reports/published');
  const months = [...new Set((data ?? []).map((r) => r.month))].sort();
  const classes = [...new Set((data ?? []).map((r) => r.classification))].sort();
  const count = (m: string, c: string) => (data ?? []).find((r) => r.month === m && r.classification === c)?.count ?? 0;
  const series: Series[] = classes.map((c) => ({ key: c, name: CLASS_LABELS[c] ? t(...CLASS_LABELS[c]) : c, color: CLASS_COLORS[c] ?? '#666687' }));
  return (
    <Panel name="published" title={t('reports.published', 'Informasi yang diterbitkan')} subtitle={t('reports.publishedHelp', 'Jumlah terbit per bulan menurut klasifikasi.')}>
      {loading && !data ? <Loading /> : null}
      {error ? <ServerError message={error} /> : null}
      {data && !data.length ? <Typography textColor="neutral600">{t('reports.noPublished', 'Belum ada informasi yang terbit.')}</Typography> : null}
      {data && data.length ? (
        <Side
          chart={<BarChart testId="ppid-chart-published" title={t('reports.publishedChart', 'Informasi terbit per bulan')} series={series} groups={months.map((m) => ({ label: monthLabel(m), values: Object.fromEntries(classes.map((c) => [c, count(m, c)])) }))} />}
          table={
            <NumbersTable
              testId="ppid-table-published"
              cols={[['month', t('reports.col.month', 'Bulan')], ...classes.map((c) => [c, CLASS_LABELS[c] ? t(...CLASS_LABELS[c]) : c] as [string, string]), ['total', t('reports.col.total', 'Total')]]}
              rows={months.map((m) => ({ month: monthLabel(m), ...Object.fromEntries(classes.map((c) => [c, count(m, c)])), total: classes.reduce((s, c) => s + count(m, c), 0) }))}
            />
          }
        />
      ) : null}
    </Panel>
  );
};

const RefreshReport = () => {
  const t = useT();
  const { data, error, loading } = useGet<any[]>('/ppid/reports/refresh');
  return (
    <Panel name="refresh" title={t('reports.refresh', 'Pemutakhiran informasi berkala')} subtitle={t('reports.refreshHelp', 'Informasi berkala yang sudah lewat jadwal pemutakhiran.')}>
      {loading && !data ? <Loading /> : null}
      {error ? <ServerError message={error} /> : null}
      {data && !data.length ? <Typography textColor="neutral600">{t('refresh.none', 'Tidak ada informasi berkala yang terlambat diperbarui.')}</Typography> : null}
      {data && data.length ? (
        <NumbersTable
          testId="ppid-table-refresh"
          cols={[['title', t('refresh.title', 'Judul')], ['last', t('refresh.published', 'Terbit')], ['months', t('refresh.months', 'Periode (bulan)')], ['due', t('refresh.due', 'Jatuh tempo')], ['late', t('refresh.late', 'Terlambat (hari)')]]}
          rows={data.map((r) => ({ title: r.title, last: formatWib(r.lastPublished), months: r.refreshMonths, due: r.dueDate, late: <span style={{ color: '#D02B20', fontWeight: 700 }}>{r.daysOverdue}</span> }))}
        />
      ) : null}
    </Panel>
  );
};

const YearlyReport = () => {
  const t = useT();
  const { data, error, loading } = useGet<any[]>('/ppid/reports/yearly');
  const years = [...new Set((data ?? []).map((r) => r.year))].sort();
  const classes = [...new Set((data ?? []).map((r) => r.classification))].sort();
  const count = (y: number, c: string) => (data ?? []).find((r) => r.year === y && r.classification === c)?.published ?? 0;
  return (
    <Panel name="yearly" title={t('reports.yearly', 'Ringkasan tahunan')} subtitle={t('reports.yearlyHelp', 'Informasi terbit per tahun menurut klasifikasi.')}>
      {loading && !data ? <Loading /> : null}
      {error ? <ServerError message={error} /> : null}
      {data && !data.length ? <Typography textColor="neutral600">{t('data.empty', 'Belum ada data.')}</Typography> : null}
      {data && data.length ? (
        <NumbersTable
          testId="ppid-table-yearly"
          cols={[['year', t('reports.col.year', 'Tahun')], ...classes.map((c) => [c, CLASS_LABELS[c] ? t(...CLASS_LABELS[c]) : c] as [string, string]), ['total', t('reports.col.total', 'Total')]]}
          rows={years.map((y) => ({ year: y, ...Object.fromEntries(classes.map((c) => [c, count(y, c)])), total: classes.reduce((s, c) => s + count(y, c), 0) }))}
        />
      ) : null}
    </Panel>
  );
};

export const ReportsPage = () => {
  const t = useT();
  return (
    <>
      <Layouts.Header title={t('reports.title', 'Laporan')} subtitle={t('reports.subtitle', 'Laporan layanan informasi publik')} />
      <Layouts.Content>
        <StepsReport />
        <PublishedReport />
        <RefreshReport />
        <YearlyReport />
      </Layouts.Content>
    </>
  );
};
