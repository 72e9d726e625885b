import * as React from 'react';
import { Link, useParams } from 'react-router-dom';
import { Layouts } from '@strapi/strapi/admin';
import {
  Badge, Box, Button, Checkbox, EmptyStateLayout, Flex, Grid, LinkButton, SingleSelect, SingleSelectOption,
  Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography,
} from '@strapi/design-system';
import { Loading, RecordEntry, ServerError, useGet, useT } from '../components/Shared';
import { STATUS_LABELS, cmEditUrl, formatWib, timeLeft } from '../utils/api';
import { RunDocuments } from '../components/WorkflowPanel';


export const StatusBadge = ({ status }: { status: string }) => (
  <Badge active={status === 'published'} textColor={status === 'returned' || status === 'cancelled' ? 'danger600' : undefined}>
    {STATUS_LABELS[status] ?? status}
  </Badge>
);

export const RunsPage = () => {
  const t = useT();
  const [filters, setFilters] = React.useState<Record<string, string>>({});
  const [page, setPage] = React.useState(1);
  const params = { ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), page, pageSize: 25 };
  const { data, meta, error, loading } = useGet<any[]>('/ppid/runs', params);
  const sops = useGet<any[]>('/ppid/sops');
  const set = (k: string) => (v: any) => {
    setPage(1);
    setFilters((f) => ({ ...f, [k]: v === undefined || v === null ? '' : String(v) }));
  };
  const pagination = meta?.pagination;
  return (
    <>
      <Layouts.Header title={t('runs.title', 'Alur Kerja')} subtitle={t('runs.subtitle', 'Semua alur kerja SOP')} />
      <Layouts.Content>
        <Box paddingBottom={4}>
          <Grid.Root gap={3}>
            <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
              <SingleSelect aria-label="Status" placeholder={t('runs.filter.status', 'Status')} value={filters.status ?? ''} onChange={set('status')} onClear={() => set('status')('')}>
                {Object.entries(STATUS_LABELS).map(([k, v]) => (
                  <SingleSelectOption key={k} value={k}>{v}</SingleSelectOption>
                ))}
              </SingleSelect>
            </Grid.Item>
            <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
              <SingleSelect aria-label="SOP" placeholder="SOP" value={filters.sopCode ?? ''} onChange={set('sopCode')} onClear={() => set('sopCode')('')}>
                {(sops.data ?? []).map((s: any) => (
                  <SingleSelectOption key={s.code} value={s.code}>{s.name}</SingleSelectOption>
                ))}
              </SingleSelect>
            </Grid.Item>
            <Grid.Item col={1} s={3} direction="column" alignItems="stretch">
              <TextInput aria-label={t('runs.filter.step', 'Langkah')} placeholder={t('runs.filter.step', 'Langkah')} value={filters.step ?? ''} onChange={(e: any) => set('step')(e.target.value)} />
            </Grid.Item>
            <Grid.Item col={2} s={3} direction="column" alignItems="stretch">
              <TextInput aria-label={t('runs.filter.unit', 'Kode unit')} placeholder={t('runs.filter.unit', 'Kode unit')} value={filters.unit ?? ''} onChange={(e: any) => set('unit')(e.target.value)} />
            </Grid.Item>
            <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
              <SingleSelect aria-label={t('runs.filter.classification', 'Klasifikasi')} placeholder={t('runs.filter.classification', 'Klasifikasi')} value={filters.classification ?? ''} onChange={set('classification')} onClear={() => set('classification')('')}>
                {['berkala', 'serta_merta', 'setiap_saat', 'dikecualikan'].map((c) => (
                  <SingleSelectOption key={c} value={c}>{c.replace('_', ' ')}</SingleSelectOption>
                ))}
              </SingleSelect>
            </Grid.Item>
            <Grid.Item col={2} s={6} alignItems="center">
              <Checkbox checked={filters.overdue === 'true'} onCheckedChange={(c: any) => set('overdue')(c ? 'true' : '')}>
                {t('runs.filter.overdue', 'Terlambat saja')}
              </Checkbox>
            </Grid.Item>
          </Grid.Root>
        </Box>
        {loading ? <Loading /> : null}
        {error ? <ServerError message={error} /> : null}
        {data && !data.length ? <EmptyStateLayout content={t('runs.empty', 'Tidak ada alur kerja.')} /> : null}
        {data && data.length ? (
          <Table colCount={5} rowCount={data.length + 1}>
            <Thead>
              <Tr>
                {[t('col.item', 'Informasi'), 'SOP', t('col.step', 'Langkah'), t('col.deadline', 'Batas waktu'), t('col.started', 'Dimulai')].map((h) => (
                  <Th key={h}><Typography variant="sigma">{h}</Typography></Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {data.map((r: any) => {
                const left = r.status === 'in_progress' || r.status === 'returned' ? timeLeft(r.stepDeadline) : null;
                // Cells wrap (five columns, unit under the title, status with the deadline) so the
                // step's activity does not push the deadline off screen.
                return (
                  <Tr key={r.id} data-testid="ppid-run-row">
                    <Td style={{ whiteSpace: 'normal', minWidth: 160, maxWidth: 240 }}>
                      <Link to={`/plugins/ppid/runs/${r.id}`}>{r.itemTitle ?? r.itemDocumentId}</Link>
                      <Typography tag="p" variant="pi" textColor="neutral600">{r.unit?.name ?? '—'}</Typography>
                    </Td>
                    <Td style={{ whiteSpace: 'normal', minWidth: 120, maxWidth: 170 }}><Typography>{r.sopName ?? r.sopCode}</Typography></Td>
                    <Td style={{ whiteSpace: 'normal', minWidth: 200, maxWidth: 300 }}>
                      <Typography tag="p">{`${r.currentStep}. ${r.stepActivity ?? ''}`}</Typography>
                      {r.roleLabel ? <Typography variant="pi" textColor="neutral600">{r.roleLabel}</Typography> : null}
                    </Td>
                    <Td style={{ whiteSpace: 'normal', maxWidth: 150 }}>
                      <StatusBadge status={r.status} />
                      <Typography tag="p" textColor={left?.overdue ? 'danger600' : 'neutral800'}>{left ? left.text : '—'}</Typography>
                    </Td>
                    <Td style={{ whiteSpace: 'normal', maxWidth: 130 }}><Typography variant="pi">{formatWib(r.startedAt)}</Typography></Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        ) : null}
        {pagination && pagination.pageCount > 1 ? (
          <Flex gap={2} paddingTop={4} justifyContent="flex-end">
            <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>‹</Button>
            <Typography>{t('runs.page', 'Halaman {page} dari {count}', { page, count: pagination.pageCount })}</Typography>
            <Button variant="tertiary" disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>›</Button>
          </Flex>
        ) : null}
      </Layouts.Content>
    </>
  );
};

export const RunDetailPage = () => {
  const t = useT();
  const { id } = useParams();
  const { data: run, error, loading } = useGet<any>(`/ppid/runs/${id}`);
  const stepLabel = (n: number | null) => {
    const s = run?.steps?.find((x: any) => x.number === n);
    const role = run?.sop?.roles?.find((r: any) => r.key === s?.role)?.label ?? s?.role;
    return n ? `${t('col.step', 'Langkah')} ${n}${role ? ` · ${role}` : ''}` : undefined;
  };
  return (
    <>
      <Layouts.Header
        title={run?.item?.title ?? t('runs.detail', 'Alur kerja')}
        subtitle={run ? `${run.sop.name} (${run.sop.nomorSop ?? run.sop.code}) · v${run.sop.version}` : undefined}
        navigationAction={<Link to="/plugins/ppid/runs">← {t('runs.title', 'Alur Kerja')}</Link>}
        primaryAction={run ? <LinkButton variant="secondary" href={cmEditUrl(run.item.uid, run.item.documentId, run.item.locale)}>{t('runs.openItem', 'Buka informasi')}</LinkButton> : undefined}
      />
      <Layouts.Content>
        {loading ? <Loading /> : null}
        {error ? <ServerError message={error} /> : null}
        {run ? (
          <Grid.Root gap={4}>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <StatusBadge status={run.status} />
                  {run.status === 'in_progress' || run.status === 'returned' ? (
                    <>
                      <Typography variant="sigma">{t('panel.current', 'Langkah sekarang')}</Typography>
                      <Typography>{`${run.currentStep.number}. ${run.currentStep.activity}`}</Typography>
                      <Typography textColor="neutral600">{run.currentStep.roleLabel}</Typography>
                      <Typography textColor={timeLeft(run.currentStep.dueAt)?.overdue ? 'danger600' : 'neutral700'}>
                        {timeLeft(run.currentStep.dueAt)?.text ?? '—'}
                      </Typography>
                    </>
                  ) : null}
                  {run.cancelReason ? <Typography>{t('runs.cancelReason', 'Alasan pembatalan')}: {run.cancelReason}</Typography> : null}
                  <Typography variant="pi" textColor="neutral600">{t('col.started', 'Dimulai')}: {formatWib(run.startedAt, run.timeZone)}</Typography>
                  {run.endedAt ? <Typography variant="pi" textColor="neutral600">{t('runs.ended', 'Selesai')}: {formatWib(run.endedAt, run.timeZone)}</Typography> : null}
                  <RunDocuments runId={run.id} sopCode={run.sop.code} />
                </Flex>
              </Box>
              <Box background="neutral0" padding={4} marginTop={4} shadow="filterShadow" hasRadius>
                <Typography variant="sigma">{t('runs.steps', 'Langkah SOP')}</Typography>
                {run.steps.map((s: any) => (
                  <Typography key={s.number} tag="p" variant="pi" fontWeight={s.number === run.currentStep.number ? 'bold' : undefined}>
                    {s.number}. {s.activity} — {run.sop.roles.find((r: any) => r.key === s.role)?.label ?? s.role}
                  </Typography>
                ))}
              </Box>
            </Grid.Item>
            <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
              <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
                <Typography variant="delta" tag="h2">{t('runs.timeline', 'Riwayat')}</Typography>
                {run.records.length ? null : <Typography>{t('runs.noRecords', 'Belum ada catatan.')}</Typography>}
                {run.records.map((r: any) => (
                  <Box key={r.seq} borderColor="neutral150" paddingLeft={3} marginTop={2} style={{ borderLeft: '3px solid #d9d8ff' }}>
                    <RecordEntry record={r} stepLabel={stepLabel(r.stepNumber)} timeZone={run.timeZone} />
                  </Box>
                ))}
              </Box>
            </Grid.Item>
          </Grid.Root>
        ) : null}
      </Layouts.Content>
    </>
  );
};
