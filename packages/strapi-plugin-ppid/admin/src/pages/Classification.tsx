import * as React from 'react';
import { Layouts, useFetchClient, useNotification } from '@strapi/strapi/admin';
import {
  Badge, Box, Button, EmptyStateLayout, Flex, Switch, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography,
} from '@strapi/design-system';
import { ruleSentence } from '../../../server/src/core/classification/describe';
import { Loading, ServerError, useGet, useT } from '../components/Shared';
import { errorMessage, formatWib } from '../utils/api';


/** Days before an exclusion ends that it is flagged as near its end. */
export const NEAR_DAYS = 90;

const Panel = ({ title, children, actions, testId }: { title: string; children: React.ReactNode; actions?: React.ReactNode; testId?: string }) => (
  <Box background="neutral0" padding={5} marginBottom={5} shadow="filterShadow" hasRadius data-testid={testId}>
    <Flex justifyContent="space-between" alignItems="center" wrap="wrap" gap={2} paddingBottom={3}>
      <Typography variant="delta" tag="h2">{title}</Typography>
      {actions}
    </Flex>
    {children}
  </Box>
);

type Issue = { path: string; message: string };
const issuesOf = (e: any): Issue[] =>
  (e?.response?.data?.error?.details?.errors ?? []).map((x: any) => ({ path: Array.isArray(x.path) ? x.path.join('.') : String(x.path ?? ''), message: String(x.message) }));

const NEW_RULE = {
  code: 'aturan-baru',
  name: 'Aturan baru',
  description: '',
  enabled: true,
  priority: 50,
  when: { keywordsAny: ['contoh'] },
  then: [{ suggestClass: 'setiap_saat' }],
};

const RuleEditor = ({ rule, onSaved, onCancel }: { rule: any | null; onSaved: () => void; onCancel: () => void }) => {
  const t = useT();
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const initial = rule ? { ...rule.definition, code: rule.code, name: rule.name, description: rule.description ?? '', enabled: rule.enabled, priority: rule.priority } : NEW_RULE;
  const [text, setText] = React.useState(JSON.stringify(initial, null, 2));
  const [error, setError] = React.useState<string | null>(null);
  const [issues, setIssues] = React.useState<Issue[]>([]);
  const [busy, setBusy] = React.useState(false);
  const save = async () => {
    setError(null);
    setIssues([]);
    let body: any;
    try {
      body = JSON.parse(text);
    } catch (e) {
      setError(t('rules.badJson', 'JSON tidak dapat dibaca: {m}', { m: (e as Error).message }));
      return;
    }
    setBusy(true);
    try {
      if (rule) await put(`/ppid/classification/rules/${rule.id}`, body);
      else await post('/ppid/classification/rules', body);
      toggleNotification({ type: 'success', message: t('rules.saved', 'Aturan {code} disimpan', { code: body.code }) });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
      setIssues(issuesOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box padding={4} background="neutral100" hasRadius marginTop={3} data-testid="ppid-rule-editor">
      <Typography variant="omega" fontWeight="bold" tag="h3">
        {rule ? t('rules.edit', 'Ubah aturan {code}', { code: rule.code }) : t('rules.new', 'Aturan baru')}
      </Typography>
      <Typography tag="p" variant="pi" textColor="neutral600">
        {t('rules.help', 'Definisi aturan (JSON): code, name, description, enabled, priority, when (kondisi) dan then (akibat).')}
      </Typography>
      <Box paddingTop={2}>
        <Textarea aria-label={t('rules.definition', 'Definisi aturan (JSON)')} name="definition" value={text} onChange={(e: any) => setText(e.target.value)} style={{ minHeight: 260, fontFamily: 'monospace', fontSize: 13 }} />
      </Box>
      {error ? <Box paddingTop={3}><ServerError message={error} /></Box> : null}
      {issues.length ? (
        <Box paddingBottom={3} data-testid="ppid-rule-issues">
          <Table colCount={2} rowCount={issues.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('rules.path', 'Lokasi')}</Typography></Th>
                <Th><Typography variant="sigma">{t('rules.problem', 'Masalah')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {issues.map((i, n) => (
                <Tr key={n} data-testid="ppid-rule-issue">
                  <Td><Typography><code>{i.path || '(aturan)'}</code></Typography></Td>
                  <Td style={{ whiteSpace: 'normal' }}><Typography textColor="danger600">{i.message}</Typography></Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      ) : null}
      <Flex gap={2} paddingTop={2}>
        <Button loading={busy} onClick={save} data-testid="ppid-rule-save">{t('rules.save', 'Simpan')}</Button>
        <Button variant="tertiary" onClick={onCancel}>{t('rules.cancel', 'Batal')}</Button>
      </Flex>
    </Box>
  );
};

const Rules = () => {
  const t = useT();
  const { put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { data, error, loading, refetch } = useGet<any[]>('/ppid/classification/rules');
  const [editing, setEditing] = React.useState<any | 'new' | null>(null);
  const toggle = async (r: any, enabled: boolean) => {
    try {
      await put(`/ppid/classification/rules/${r.id}`, { enabled });
      refetch();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  return (
    <Panel
      testId="ppid-rules"
      title={t('classification.rules', 'Aturan klasifikasi')}
      actions={<Button variant="secondary" onClick={() => setEditing('new')} data-testid="ppid-rule-new">{t('rules.add', 'Tambah aturan')}</Button>}
    >
      {loading && !data ? <Loading /> : null}
      {error ? <ServerError message={error} /> : null}
      {editing === 'new' ? <RuleEditor rule={null} onCancel={() => setEditing(null)} onSaved={() => { setEditing(null); refetch(); }} /> : null}
      {data && !data.length ? <EmptyStateLayout content={t('rules.empty', 'Belum ada aturan.')} /> : null}
      {data && data.length ? (
        <Table colCount={4} rowCount={data.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('rules.name', 'Aturan')}</Typography></Th>
              <Th><Typography variant="sigma">{t('rules.priority', 'Prioritas')}</Typography></Th>
              <Th><Typography variant="sigma">{t('rules.meaning', 'Isi aturan')}</Typography></Th>
              <Th><Typography variant="sigma">{t('rules.enabled', 'Aktif')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {data.map((r) => (
              <React.Fragment key={r.id}>
                <Tr data-testid="ppid-rule-row">
                  <Td style={{ whiteSpace: 'normal', maxWidth: 320 }}>
                    <Typography fontWeight="semiBold" tag="p">{r.name}</Typography>
                    <Button variant="ghost" size="S" onClick={() => setEditing(editing?.id === r.id ? null : r)} data-testid="ppid-rule-edit">{t('rules.editButton', 'Ubah')}</Button>
                  </Td>
                  <Td><Typography>{r.priority}</Typography></Td>
                  <Td style={{ whiteSpace: 'normal' }}><Typography variant="pi" data-testid="ppid-rule-sentence">{ruleSentence(r.definition?.when, r.definition?.then)}</Typography></Td>
                  <Td>
                    <Switch
                      aria-label={t('rules.toggle', 'Aktifkan {name}', { name: r.name })}
                      checked={!!r.enabled}
                      onCheckedChange={(v: boolean) => toggle(r, v)}
                      visibleLabels
                      onLabel={t('rules.on', 'Aktif')}
                      offLabel={t('rules.off', 'Nonaktif')}
                    />
                  </Td>
                </Tr>
                {editing && editing !== 'new' && editing.id === r.id ? (
                  <Tr>
                    <Td colSpan={4}>
                      <RuleEditor rule={r} onCancel={() => setEditing(null)} onSaved={() => { setEditing(null); refetch(); }} />
                    </Td>
                  </Tr>
                ) : null}
              </React.Fragment>
            ))}
          </Tbody>
        </Table>
      ) : null}
    </Panel>
  );
};

/** 'ended' | 'near' | 'active' | 'permanent' for an exclusion end (ISO date or date-time). */
export function endState(end: string | null | undefined, now = Date.now()): 'ended' | 'near' | 'active' | 'permanent' | 'unknown' {
  if (!end) return 'permanent';
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(end) ? `${end}T23:59:59+07:00` : end);
  if (Number.isNaN(d.getTime())) return 'unknown';
  if (d.getTime() < now) return 'ended';
  return d.getTime() - now < NEAR_DAYS * 86_400_000 ? 'near' : 'active';
}

const EndCell = ({ end }: { end: string | null }) => {
  const t = useT();
  const s = endState(end);
  const map: Record<string, [string, string, string, string]> = {
    ended: ['danger100', 'danger700', 'tests.ended', 'Berakhir — uji ulang'],
    near: ['warning100', 'warning700', 'tests.near', 'Segera berakhir'],
    unknown: ['danger100', 'danger700', 'tests.unknown', 'Tanggal tidak terbaca'],
  };
  const m = map[s];
  return (
    <Box>
      <Typography tag="p" fontWeight={m ? 'bold' : undefined} textColor={m ? m[1] : undefined}>
        {end ?? t('tests.permanent', 'Tanpa tanggal berakhir (Pasal 17 huruf g–j)')}
      </Typography>
      {m ? <Badge backgroundColor={m[0]} textColor={m[1]} data-testid={`ppid-test-end-${s}`}>{t(m[2], m[3])}</Badge> : null}
    </Box>
  );
};

const TestsTable = ({ rows, testId }: { rows: any[]; testId: string }) => {
  const t = useT();
  if (!rows.length) return <Typography textColor="neutral600">{t('data.empty', 'Belum ada data.')}</Typography>;
  return (
    <Table colCount={6} rowCount={rows.length + 1} data-testid={testId}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('tests.informasi', 'Informasi')}</Typography></Th>
          <Th><Typography variant="sigma">{t('tests.unit', 'Unit')}</Typography></Th>
          <Th><Typography variant="sigma">{t('tests.basis', 'Dasar hukum')}</Typography></Th>
          <Th><Typography variant="sigma">{t('tests.status', 'Status')}</Typography></Th>
          <Th><Typography variant="sigma">{t('tests.decided', 'Diputuskan')}</Typography></Th>
          <Th><Typography variant="sigma">{t('tests.end', 'Pengecualian berakhir')}</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((r) => {
          const dh = r.dasarHukum ?? {};
          const s = endState(r.masaPengecualianBerakhir);
          return (
            <Tr key={r.id} data-testid="ppid-test-row" style={{ background: s === 'ended' ? '#FCECEA' : s === 'near' ? '#FDF4DC' : undefined }}>
              <Td style={{ whiteSpace: 'normal', maxWidth: 340 }}><Typography>{r.informasi ?? r.itemDocumentId}</Typography></Td>
              <Td style={{ whiteSpace: 'normal' }}><Typography>{r.unit ?? '—'}</Typography></Td>
              <Td style={{ whiteSpace: 'normal' }}><Typography>{[dh.undangUndang, dh.pasal, dh.hurufPasal17 ? `huruf ${dh.hurufPasal17}` : ''].filter(Boolean).join(' ') || '—'}</Typography></Td>
              <Td><Badge backgroundColor={r.status === 'decided' ? 'success100' : 'neutral150'} textColor={r.status === 'decided' ? 'success700' : 'neutral700'}>{r.status === 'decided' ? t('tests.statusDecided', 'Diputuskan') : t('tests.statusDraft', 'Draf')}</Badge></Td>
              <Td><Typography variant="pi">{r.tanggalKeputusan ?? (r.decidedAt ? formatWib(r.decidedAt) : '—')}</Typography></Td>
              <Td><EndCell end={r.masaPengecualianBerakhir ?? null} /></Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};

const Tests = () => {
  const t = useT();
  const all = useGet<any[]>('/ppid/consequence-tests');
  const retest = useGet<any[]>('/ppid/consequence-tests/retest');
  return (
    <>
      <Panel title={t('classification.tests', 'Register uji konsekuensi')} testId="ppid-tests">
        <Typography tag="p" variant="pi" textColor="neutral600">
          {t('tests.help', 'Pengecualian yang sudah berakhir ditandai merah, yang berakhir dalam {n} hari ditandai kuning (UU 14/2008 Pasal 20).', { n: NEAR_DAYS })}
        </Typography>
        <Box paddingTop={3}>
          {all.loading && !all.data ? <Loading /> : null}
          {all.error ? <ServerError message={all.error} /> : null}
          {all.data ? <TestsTable rows={all.data} testId="ppid-tests-table" /> : null}
        </Box>
      </Panel>
      <Panel title={t('classification.retest', 'Antrean uji ulang')} testId="ppid-retest">
        {retest.loading && !retest.data ? <Loading /> : null}
        {retest.error ? <ServerError message={retest.error} /> : null}
        {retest.data ? <TestsTable rows={retest.data} testId="ppid-retest-table" /> : null}
      </Panel>
    </>
  );
};

const RefreshDue = () => {
  const t = useT();
  const { data, error, loading } = useGet<any[]>('/ppid/classification/refresh-due');
  return (
    <Panel title={t('classification.refreshDue', 'Informasi berkala yang harus diperbarui')} testId="ppid-refresh-due">
      {loading && !data ? <Loading /> : null}
      {error ? <ServerError message={error} /> : null}
      {data && !data.length ? <Typography textColor="neutral600">{t('refresh.none', 'Tidak ada informasi berkala yang terlambat diperbarui.')}</Typography> : null}
      {(data ?? []).map((g, i) => (
        <Box key={i} paddingBottom={3}>
          <Typography fontWeight="semiBold" tag="h3">{g.unit?.name ?? g.unit?.code ?? t('refresh.noUnit', 'Tanpa unit')}</Typography>
          <Table colCount={4} rowCount={g.items.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('refresh.title', 'Judul')}</Typography></Th>
                <Th><Typography variant="sigma">{t('refresh.published', 'Terbit')}</Typography></Th>
                <Th><Typography variant="sigma">{t('refresh.months', 'Periode (bulan)')}</Typography></Th>
                <Th><Typography variant="sigma">{t('refresh.due', 'Jatuh tempo')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {g.items.map((it: any) => (
                <Tr key={it.documentId} data-testid="ppid-refresh-row">
                  <Td style={{ whiteSpace: 'normal' }}><Typography>{it.title}</Typography></Td>
                  <Td><Typography variant="pi">{formatWib(it.publishedAt)}</Typography></Td>
                  <Td><Typography>{it.refreshMonths}</Typography></Td>
                  <Td><Typography textColor="danger600" fontWeight="bold">{formatWib(it.dueAt)}</Typography></Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      ))}
    </Panel>
  );
};

export const ClassificationPage = () => {
  const t = useT();
  return (
    <>
      <Layouts.Header title={t('classification.title', 'Klasifikasi')} subtitle={t('classification.subtitle', 'Aturan klasifikasi dan uji konsekuensi (Pasal 17, 19 UU 14/2008)')} />
      <Layouts.Content>
        <Rules />
        <Tests />
        <RefreshDue />
      </Layouts.Content>
    </>
  );
};
