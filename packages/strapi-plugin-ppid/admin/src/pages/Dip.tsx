import * as React from 'react';
import { Layouts, useFetchClient, useNotification } from '@strapi/strapi/admin';
import {
  Badge, Box, Button, EmptyStateLayout, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography,
} from '@strapi/design-system';
import { Loading, ServerError, useGet, useT } from '../components/Shared';
import { errorMessage, formatWib } from '../utils/api';
import { useDownload, useUpload } from '../utils/transfer';
import { WorkflowPanelContent, useItemRuns } from '../components/WorkflowPanel';

const EDITION_UID = 'plugin::ppid.dip-edition';

/**
 * The edition's SOP run (seed 002, Penetapan dan Pemutakhiran DIP) in the page, as the side
 * panel shows an item's: each officer acts here at their step, up to the Atasan PPID's decree.
 */
const EditionWorkflow = ({ id, onChange }: { id: string; onChange: () => void }) => {
  const { data, error, refetch } = useItemRuns(EDITION_UID, id);
  if (error) return <ServerError message={error} />;
  if (!data) return <Loading />;
  return (
    <WorkflowPanelContent
      uid={EDITION_UID}
      documentId={id}
      info={data}
      refetch={() => {
        refetch();
        onChange();
      }}
    />
  );
};
import { DIP_COLUMNS, formatCell } from '../../../server/src/core/dip/columns';


/** The seven Perki 1/2021 columns in order, then Klasifikasi. */
const SHOWN = DIP_COLUMNS.filter((c) => c.key !== 'tautan');
const STATUS: Record<string, [string, string]> = {
  draft: ['dip.status.draft', 'Draf'],
  in_review: ['dip.status.inReview', 'Dalam proses penetapan'],
  established: ['dip.status.established', 'Ditetapkan'],
};

const Panel = ({ title, children, actions, testId }: { title: string; children: React.ReactNode; actions?: React.ReactNode; testId?: string }) => (
  <Box background="neutral0" padding={5} marginBottom={5} shadow="filterShadow" hasRadius data-testid={testId}>
    <Flex justifyContent="space-between" alignItems="center" wrap="wrap" gap={2} paddingBottom={3}>
      <Typography variant="delta" tag="h2">{title}</Typography>
      {actions ? <Flex gap={2} wrap="wrap">{actions}</Flex> : null}
    </Flex>
    {children}
  </Box>
);

const StatusBadge = ({ status }: { status: string }) => {
  const t = useT();
  const [id, d] = STATUS[status] ?? ['', status ?? '—'];
  return (
    <Badge backgroundColor={status === 'established' ? 'success100' : 'neutral150'} textColor={status === 'established' ? 'success700' : 'neutral700'}>
      {id ? t(id, d) : d}
    </Badge>
  );
};

const headerOf = (c: (typeof DIP_COLUMNS)[number], en: boolean) => (en ? c.label : c.header);

const EntriesTable = ({ entries }: { entries: any[] }) => {
  const t = useT();
  if (!entries.length) return <EmptyStateLayout content={t('dip.noEntries', 'Edisi ini belum berisi entri.')} />;
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table colCount={SHOWN.length} rowCount={entries.length + 1} data-testid="ppid-dip-entries">
        <Thead>
          <Tr>
            {SHOWN.map((c) => (
              <Th key={c.key} style={{ whiteSpace: 'normal', verticalAlign: 'bottom' }}>
                <Typography variant="sigma" style={{ whiteSpace: 'normal' }}>{headerOf(c, t.en)}</Typography>
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {entries.map((e) => (
            <Tr key={e.key} data-testid="ppid-dip-entry">
              {SHOWN.map((c) => (
                // The design system drops the first cell's vertical padding (it is meant for checkboxes).
                <Td key={c.key} style={{ whiteSpace: 'normal', verticalAlign: 'top', ...(c.key === 'nomor' ? { padding: '16px 8px' } : {}) }}>
                  {c.key === 'ringkasan' && e.tautan ? (
                    <Typography><a href={e.tautan} target="_blank" rel="noreferrer" style={{ color: 'inherit', fontSize: 'inherit' }}>{formatCell(e, c.key)}</a></Typography>
                  ) : (
                    <Typography>{formatCell(e, c.key)}</Typography>
                  )}
                </Td>
              ))}
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Box>
  );
};

const ExportButtons = ({ edition }: { edition: any }) => {
  const t = useT();
  const { download, busy, error } = useDownload();
  const { toggleNotification } = useNotification();
  const go = async (format: string) => {
    const ok = await download(format, `/ppid/dip/editions/${edition.documentId}/export?format=${format}`, `dip-${edition.year}.${format}`);
    if (ok) toggleNotification({ type: 'success', message: t('dip.exported', 'Berkas {format} diunduh', { format: format.toUpperCase() }) });
  };
  return (
    <Flex direction="column" alignItems="flex-end" gap={1}>
      <Flex gap={2}>
        {['csv', 'xlsx', 'pdf'].map((f) => (
          <Button key={f} variant="secondary" loading={busy === f} disabled={!!busy} onClick={() => go(f)} data-testid={`ppid-dip-export-${f}`}>
            {t('dip.export', 'Ekspor {format}', { format: f.toUpperCase() })}
          </Button>
        ))}
      </Flex>
      {error ? <Typography textColor="danger600" data-testid="ppid-dip-export-error">{error}</Typography> : null}
    </Flex>
  );
};

const cellText = (e: any, key: any) => {
  try {
    return formatCell(e, key);
  } catch {
    return '—';
  }
};

const DiffView = ({ edition, editions }: { edition: any; editions: any[] }) => {
  const t = useT();
  const others = editions.filter((e) => e.documentId !== edition.documentId);
  const [against, setAgainst] = React.useState<string>(edition.previousEdition ?? others[0]?.documentId ?? '');
  const { data, error, loading } = useGet<any>(against ? `/ppid/dip/editions/${edition.documentId}/diff` : null, { against });
  const label = (e: any) => `${e.title} (${e.year}) — ${e.decreeNumber ?? formatWib(e.createdAt)}`;
  if (!others.length) return <Typography textColor="neutral600">{t('dip.diff.none', 'Belum ada edisi lain untuk dibandingkan.')}</Typography>;
  const cols = SHOWN.filter((c) => c.key !== 'nomor');
  return (
    <Box data-testid="ppid-dip-diff">
      <Box paddingBottom={3} style={{ maxWidth: 520 }}>
        <Field.Root>
          <Field.Label>{t('dip.diff.against', 'Bandingkan dengan edisi')}</Field.Label>
          <SingleSelect value={against} onChange={(v: any) => setAgainst(String(v))}>
            {others.map((e) => (
              <SingleSelectOption key={e.documentId} value={e.documentId}>{label(e)}</SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Box>
      {loading ? <Loading /> : null}
      {error ? <ServerError message={error} /> : null}
      {data ? (
        <>
          <Flex gap={2} paddingBottom={3} wrap="wrap" data-testid="ppid-dip-diff-summary">
            <Badge backgroundColor="success100" textColor="success700">{t('dip.diff.added', 'Ditambahkan: {n}', { n: data.added.length })}</Badge>
            <Badge backgroundColor="danger100" textColor="danger700">{t('dip.diff.removed', 'Dihapus: {n}', { n: data.removed.length })}</Badge>
            <Badge backgroundColor="warning100" textColor="warning700">{t('dip.diff.changed', 'Berubah: {n}', { n: data.changed.length })}</Badge>
            <Badge>{t('dip.diff.unchanged', 'Tetap: {n}', { n: data.unchanged })}</Badge>
          </Flex>
          {data.added.length || data.removed.length || data.changed.length ? (
            <Box style={{ overflowX: 'auto' }}>
              <Table colCount={cols.length + 1} rowCount={data.added.length + data.removed.length + data.changed.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('dip.diff.change', 'Perubahan')}</Typography></Th>
                    {cols.map((c) => (
                      <Th key={c.key} style={{ whiteSpace: 'normal' }}><Typography variant="sigma" style={{ whiteSpace: 'normal' }}>{headerOf(c, t.en)}</Typography></Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {data.added.map((e: any) => (
                    <Tr key={`a-${e.key}`} data-testid="ppid-dip-diff-added">
                      <Td><Badge backgroundColor="success100" textColor="success700">{t('dip.diff.addedOne', 'Ditambahkan')}</Badge></Td>
                      {cols.map((c) => <Td key={c.key} style={{ whiteSpace: 'normal', verticalAlign: 'top' }}><Typography textColor="success700">{cellText(e, c.key)}</Typography></Td>)}
                    </Tr>
                  ))}
                  {data.removed.map((e: any) => (
                    <Tr key={`r-${e.key}`} data-testid="ppid-dip-diff-removed">
                      <Td><Badge backgroundColor="danger100" textColor="danger700">{t('dip.diff.removedOne', 'Dihapus')}</Badge></Td>
                      {cols.map((c) => <Td key={c.key} style={{ whiteSpace: 'normal', verticalAlign: 'top' }}><Typography textColor="danger700" style={{ textDecoration: 'line-through' }}>{cellText(e, c.key)}</Typography></Td>)}
                    </Tr>
                  ))}
                  {data.changed.map((ch: any) => (
                    <Tr key={`c-${ch.key}`} data-testid="ppid-dip-diff-changed">
                      <Td><Badge backgroundColor="warning100" textColor="warning700">{t('dip.diff.changedOne', 'Berubah')}</Badge></Td>
                      {cols.map((c) => {
                        const hit = ch.columns.includes(c.key);
                        return (
                          <Td key={c.key} style={{ whiteSpace: 'normal', verticalAlign: 'top', background: hit ? '#FDF4DC' : undefined }} data-changed={hit ? 'true' : undefined}>
                            {hit ? (
                              <>
                                <Typography tag="p" textColor="danger600" style={{ textDecoration: 'line-through' }}>{cellText(ch.before, c.key)}</Typography>
                                <Typography tag="p" textColor="success700" fontWeight="semiBold">{cellText(ch.after, c.key)}</Typography>
                              </>
                            ) : (
                              <Typography textColor="neutral600">{cellText(ch.after, c.key)}</Typography>
                            )}
                          </Td>
                        );
                      })}
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
          ) : (
            <Typography>{t('dip.diff.same', 'Tidak ada perbedaan isi.')}</Typography>
          )}
        </>
      ) : null}
    </Box>
  );
};

const EditionDetail = ({ id, editions, onChange }: { id: string; editions: any[]; onChange?: () => void }) => {
  const t = useT();
  const { data, error, loading, refetch } = useGet<any>(`/ppid/dip/editions/${id}`);
  if (loading && !data) return <Loading />;
  if (error) return <ServerError message={error} />;
  if (!data) return null;
  return (
    <>
      <Panel
        testId="ppid-dip-edition"
        title={`${data.title} (${data.year})`}
        actions={<ExportButtons edition={data} />}
      >
        <Flex gap={4} paddingBottom={3} wrap="wrap">
          <StatusBadge status={data.status ?? data.editionStatus} />
          <Typography variant="pi">{data.instansi}</Typography>
          {data.decreeNumber ? <Typography variant="pi">{t('dip.decree', 'SK Nomor {n}, tanggal {d}', { n: data.decreeNumber, d: data.decreeDate ?? '—' })}</Typography> : <Typography variant="pi" textColor="warning600">{t('dip.notEstablished', 'Belum ditetapkan dengan Surat Keputusan')}</Typography>}
          {data.signer ? <Typography variant="pi">{`${data.signer.jabatan}: ${data.signer.nama}`}</Typography> : null}
        </Flex>
        <EntriesTable entries={data.entries ?? []} />
      </Panel>
      <Panel title={t('dip.workflow', 'Penetapan melalui SOP')} testId="ppid-dip-workflow">
        <EditionWorkflow
          id={id}
          onChange={() => {
            refetch();
            onChange?.();
          }}
        />
      </Panel>
      <Panel title={t('dip.diff.title', 'Perbandingan edisi')}>
        <DiffView edition={data} editions={editions} />
      </Panel>
    </>
  );
};

const CreateEdition = ({ onCreated }: { onCreated: (id: string) => void }) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [title, setTitle] = React.useState('');
  const [year, setYear] = React.useState<string>(String(new Date().getFullYear()));
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [skipped, setSkipped] = React.useState<any[]>([]);
  const create = async () => {
    setBusy(true);
    setError(null);
    setSkipped([]);
    try {
      const r = await post<any>('/ppid/dip/editions', { ...(title.trim() ? { title: title.trim() } : {}), ...(year.trim() ? { year: Number(year) } : {}) });
      setSkipped(r.data.meta?.skipped ?? []);
      toggleNotification({ type: 'success', message: t('dip.created', 'Edisi baru dibuat dengan {n} entri', { n: r.data.data.entries?.length ?? 0 }) });
      onCreated(r.data.data.documentId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box>
      <Typography tag="p" textColor="neutral600">
        {t('dip.create.help', 'Pemutakhiran: edisi baru disalin dari edisi terakhir yang ditetapkan, ditambah entri DIP terkini. Informasi yang dikecualikan tidak dimasukkan.')}
      </Typography>
      <Flex gap={3} paddingTop={3} alignItems="flex-end" wrap="wrap">
        <Box style={{ minWidth: 320 }}>
          <Field.Root>
            <Field.Label>{t('dip.create.title', 'Judul (opsional)')}</Field.Label>
            <TextInput name="title" value={title} onChange={(e: any) => setTitle(e.target.value)} placeholder={t('dip.create.titlePlaceholder', 'Daftar Informasi Publik Tahun …')} />
          </Field.Root>
        </Box>
        <Box style={{ width: 140 }}>
          <Field.Root>
            <Field.Label>{t('dip.create.year', 'Tahun')}</Field.Label>
            <TextInput name="year" type="number" inputMode="numeric" value={year} onChange={(e: any) => setYear(e.target.value)} />
          </Field.Root>
        </Box>
        <Button loading={busy} onClick={create} data-testid="ppid-dip-create">{t('dip.create.button', 'Buat edisi baru')}</Button>
      </Flex>
      {error ? <Box paddingTop={3}><ServerError message={error} title="POST /ppid/dip/editions" /></Box> : null}
      {skipped.length ? (
        <Box paddingTop={3} data-testid="ppid-dip-skipped">
          <Typography fontWeight="semiBold">{t('dip.skipped', '{n} entri tidak dimasukkan:', { n: skipped.length })}</Typography>
          {skipped.map((s, i) => (
            <Typography key={i} tag="p" variant="pi">{`${s.ringkasan || s.key}: ${s.reason}`}</Typography>
          ))}
        </Box>
      ) : null}
    </Box>
  );
};

const PHASE: Record<string, [string, string]> = {
  uploading: ['dip.import.uploading', 'Mengunggah… {p}%'],
  processing: ['dip.import.processing', 'Berkas terunggah; server memeriksa setiap baris…'],
  done: ['dip.import.done', 'Selesai'],
  failed: ['dip.import.failed', 'Ditolak; lihat pesan server di bawah'],
};

const ImportDip = () => {
  const t = useT();
  const { upload, state } = useUpload();
  const [file, setFile] = React.useState<File | null>(null);
  const [result, setResult] = React.useState<any>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [report, setReport] = React.useState<any>(null);
  const busy = state.phase === 'uploading' || state.phase === 'processing';
  const run = async () => {
    if (!file) return;
    setResult(null);
    setError(null);
    setReport(null);
    try {
      const r = await upload('/ppid/dip/import', file);
      if (r.status >= 400) {
        setError(r.body?.error?.message ?? `HTTP ${r.status}`);
        setReport(r.body?.error?.details?.report ?? null);
      } else setResult(r.body?.data ?? r.body);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const errors: any[] = report?.errors ?? [];
  return (
    <Box data-testid="ppid-dip-import">
      <Typography tag="p" textColor="neutral600">
        {t('dip.import.help', 'Berkas CSV atau XLSX dengan kolom DIP (Perki 1/2021). Semua baris diperiksa; bila ada satu kesalahan, tidak ada yang diimpor.')}
      </Typography>
      <Flex gap={3} paddingTop={3} alignItems="center" wrap="wrap">
        <input type="file" accept=".csv,.xlsx,.txt" aria-label={t('dip.import.file', 'Berkas DIP')} data-testid="ppid-dip-import-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <Button disabled={!file || busy} loading={busy} onClick={run} data-testid="ppid-dip-import-run">{t('dip.import.button', 'Impor')}</Button>
      </Flex>
      {state.phase !== 'idle' ? (
        <Box paddingTop={3} style={{ maxWidth: 480 }} data-testid="ppid-dip-import-progress">
          {state.phase !== 'failed' ? (
            // The design system's ProgressBar is drawn for dark tiles (white on grey); this one reads on a white panel.
            <div role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={state.percent} aria-label={t('dip.import.progress', 'Kemajuan unggahan')} style={{ height: 8, background: '#EAEAEF', borderRadius: 4, overflow: 'hidden' }}>
              <div style={{ width: `${state.percent}%`, height: '100%', background: state.phase === 'done' ? '#328048' : '#4945FF', transition: 'width 0.2s' }} />
            </div>
          ) : null}
          <Typography variant="pi" textColor="neutral600">{t(PHASE[state.phase][0], PHASE[state.phase][1], { p: state.percent })}</Typography>
        </Box>
      ) : null}
      {error ? <Box paddingTop={3}><ServerError message={error} title="POST /ppid/dip/import" /></Box> : null}
      {errors.length ? (
        <Box paddingTop={2} data-testid="ppid-dip-import-report">
          <Typography fontWeight="semiBold">{t('dip.import.report', 'Laporan pemeriksaan: {n} kesalahan', { n: errors.length })}</Typography>
          <Table colCount={3} rowCount={errors.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('dip.import.row', 'Baris')}</Typography></Th>
                <Th><Typography variant="sigma">{t('dip.import.column', 'Kolom')}</Typography></Th>
                <Th><Typography variant="sigma">{t('dip.import.message', 'Kesalahan')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {errors.map((er, i) => (
                <Tr key={i} data-testid="ppid-dip-import-error">
                  <Td><Typography>{er.row}</Typography></Td>
                  <Td><Typography>{er.column}</Typography></Td>
                  <Td style={{ whiteSpace: 'normal' }}><Typography textColor="danger600">{t.en && er.messageEn ? er.messageEn : er.message}</Typography></Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      ) : null}
      {report?.details ? <Typography tag="p" variant="pi">{JSON.stringify(report.details)}</Typography> : null}
      {result ? (
        <Box paddingTop={3} data-testid="ppid-dip-import-ok">
          <Typography textColor="success600" fontWeight="semiBold">
            {t('dip.import.ok', 'Impor berhasil: {created} entri baru, {updated} diperbarui. Entri masuk ke edisi berikutnya.', { created: result.created, updated: result.updated })}
          </Typography>
          {result.ignoredColumns?.length ? <Typography tag="p" variant="pi">{t('dip.import.ignored', 'Kolom diabaikan: {c}', { c: result.ignoredColumns.join(', ') })}</Typography> : null}
        </Box>
      ) : null}
    </Box>
  );
};

export const DipPage = () => {
  const t = useT();
  const { data, error, loading, refetch } = useGet<any[]>('/ppid/dip/editions');
  const [selected, setSelected] = React.useState<string | null>(null);
  const editions = data ?? [];
  const current = selected ?? editions[0]?.documentId ?? null;
  return (
    <>
      <Layouts.Header title={t('dip.title', 'Daftar Informasi Publik (DIP)')} subtitle={t('dip.subtitle', 'Edisi DIP, entrinya menurut Perki 1/2021, perbandingan, ekspor dan impor')} />
      <Layouts.Content>
        <Panel title={t('dip.editions', 'Edisi DIP')}>
          {loading && !data ? <Loading /> : null}
          {error ? <ServerError message={error} title="GET /ppid/dip/editions" /> : null}
          {data && !editions.length ? <EmptyStateLayout content={t('dip.noEditions', 'Belum ada edisi DIP. Buat edisi pertama di bawah.')} /> : null}
          {editions.length ? (
            <Table colCount={6} rowCount={editions.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('dip.col.title', 'Judul')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('dip.col.year', 'Tahun')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('dip.col.status', 'Status')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('dip.col.decreeNumber', 'Nomor SK')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('dip.col.decreeDate', 'Tanggal SK')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('dip.col.created', 'Dibuat')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {editions.map((e) => (
                  <Tr key={e.documentId} data-testid="ppid-dip-edition-row" style={{ cursor: 'pointer', background: e.documentId === current ? '#F0F0FF' : undefined }} onClick={() => setSelected(e.documentId)}>
                    <Td>
                      <Button variant="ghost" size="S" onClick={() => setSelected(e.documentId)} aria-pressed={e.documentId === current}>{e.title}</Button>
                    </Td>
                    <Td><Typography>{e.year}</Typography></Td>
                    <Td><StatusBadge status={e.status ?? e.editionStatus} /></Td>
                    <Td><Typography>{e.decreeNumber ?? '—'}</Typography></Td>
                    <Td><Typography>{e.decreeDate ?? '—'}</Typography></Td>
                    <Td><Typography variant="pi">{formatWib(e.createdAt)}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          ) : null}
        </Panel>
        <Panel title={t('dip.create.heading', 'Buat edisi baru (pemutakhiran)')}>
          <CreateEdition
            onCreated={(id) => {
              setSelected(id);
              refetch();
            }}
          />
        </Panel>
        {current ? <EditionDetail key={current} id={current} editions={editions} onChange={refetch} /> : null}
        <Panel title={t('dip.import.heading', 'Impor entri DIP (CSV/XLSX)')}>
          <ImportDip />
        </Panel>
      </Layouts.Content>
    </>
  );
};
