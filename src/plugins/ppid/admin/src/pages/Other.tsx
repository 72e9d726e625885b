import * as React from 'react';
import { Layouts, useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, EmptyStateLayout, Flex, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Loading, RecordEntry, ServerError, useGet } from '../components/Shared';
import { errorMessage } from '../utils/api';

const useT = () => {
  const { formatMessage } = useIntl();
  return (id: string, d: string, v?: Record<string, any>) => formatMessage({ id: `ppid.${id}`, defaultMessage: d }, v);
};

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return Array.isArray(v) ? v.map(cell).join(', ') : (v as any).name ?? (v as any).title ?? (v as any).label ?? JSON.stringify(v);
  return String(v);
};

/** Whatever rows the server returns, as a table with the server's own field names. */
const DataTable = ({ rows }: { rows: any[] }) => {
  const t = useT();
  if (!rows.length) return <EmptyStateLayout content={t('data.empty', 'Belum ada data.')} />;
  const cols = Object.keys(rows[0]).filter((k) => !['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale'].includes(k)).slice(0, 8);
  return (
    <Table colCount={cols.length} rowCount={rows.length + 1}>
      <Thead>
        <Tr>{cols.map((c) => <Th key={c}><Typography variant="sigma">{c}</Typography></Th>)}</Tr>
      </Thead>
      <Tbody>
        {rows.map((r, i) => (
          <Tr key={r.id ?? r.documentId ?? i}>{cols.map((c) => <Td key={c}><Typography>{cell(r[c])}</Typography></Td>)}</Tr>
        ))}
      </Tbody>
    </Table>
  );
};

const DataBlock = ({ url, title }: { url: string; title: string }) => {
  const { data, error, loading } = useGet<any>(url);
  return (
    <Box background="neutral0" padding={4} marginBottom={4} shadow="filterShadow" hasRadius>
      <Typography variant="delta" tag="h2">{title}</Typography>
      <Box paddingTop={2}>
        {loading ? <Loading /> : null}
        {error ? <ServerError message={error} title={`GET ${url}`} /> : null}
        {data ? (Array.isArray(data) ? <DataTable rows={data} /> : <DataTable rows={[data]} />) : null}
      </Box>
    </Box>
  );
};

export const DipPage = () => {
  const t = useT();
  return (
    <>
      <Layouts.Header title={t('dip.title', 'Daftar Informasi Publik (DIP)')} subtitle={t('dip.subtitle', 'Edisi DIP dan entrinya')} />
      <Layouts.Content>
        <DataBlock url="/ppid/dip/editions" title={t('dip.editions', 'Edisi DIP')} />
      </Layouts.Content>
    </>
  );
};

export const ClassificationPage = () => {
  const t = useT();
  return (
    <>
      <Layouts.Header title={t('classification.title', 'Klasifikasi')} subtitle={t('classification.subtitle', 'Aturan klasifikasi dan uji konsekuensi (Pasal 17, 19 UU 14/2008)')} />
      <Layouts.Content>
        <DataBlock url="/ppid/classification/rules" title={t('classification.rules', 'Aturan klasifikasi')} />
        <DataBlock url="/ppid/consequence-tests" title={t('classification.tests', 'Uji konsekuensi')} />
        <DataBlock url="/ppid/classification/refresh-due" title={t('classification.refreshDue', 'Informasi berkala yang harus diperbarui')} />
      </Layouts.Content>
    </>
  );
};

export const VerifyPage = () => {
  const t = useT();
  const { post } = useFetchClient();
  const [code, setCode] = React.useState('');
  const [result, setResult] = React.useState<any>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await post<any>('/ppid/verify', { code: code.trim() });
      setResult(r.data.data ?? r.data);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const records: any[] = result ? (Array.isArray(result.records) ? result.records : result.record ? [result.record] : []) : [];
  return (
    <>
      <Layouts.Header title={t('verify.title', 'Verifikasi')} subtitle={t('verify.subtitle', 'Periksa keaslian paraf dan tanda tangan dengan kode verifikasi')} />
      <Layouts.Content>
        <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
          <Flex gap={2} alignItems="flex-end">
            <Box grow={1}>
              <TextInput aria-label={t('verify.code', 'Kode verifikasi')} placeholder={t('verify.code', 'Kode verifikasi')} value={code} onChange={(e: any) => setCode(e.target.value)} />
            </Box>
            <Button loading={busy} disabled={!code.trim()} onClick={verify}>{t('verify.check', 'Periksa')}</Button>
          </Flex>
          <Box paddingTop={3}>
            {error ? <ServerError message={error} title="POST /ppid/verify" /> : null}
            {result ? (
              <>
                {'valid' in result ? (
                  <Typography fontWeight="bold" textColor={result.valid ? 'success600' : 'danger600'}>
                    {result.valid ? t('verify.valid', 'Sah') : t('verify.invalid', 'Tidak sah')}
                    {result.message ? ` — ${result.message}` : ''}
                  </Typography>
                ) : null}
                {records.map((r) => <RecordEntry key={r.seq ?? r.hash} record={r} />)}
                {!records.length && !('valid' in result) ? <DataTable rows={[result]} /> : null}
              </>
            ) : null}
          </Box>
        </Box>
      </Layouts.Content>
    </>
  );
};

const REPORTS: [string, string, string][] = [
  ['steps', 'reports.steps', 'Waktu penyelesaian langkah'],
  ['published', 'reports.published', 'Informasi yang diterbitkan'],
  ['refresh', 'reports.refresh', 'Pemutakhiran informasi berkala'],
  ['yearly', 'reports.yearly', 'Laporan tahunan'],
];

export const ReportsPage = () => {
  const t = useT();
  const [name, setName] = React.useState('steps');
  return (
    <>
      <Layouts.Header title={t('reports.title', 'Laporan')} subtitle={t('reports.subtitle', 'Laporan layanan informasi publik')} />
      <Layouts.Content>
        <Flex gap={2} paddingBottom={4} wrap="wrap">
          {REPORTS.map(([key, id, d]) => (
            <Button key={key} variant={key === name ? 'default' : 'tertiary'} onClick={() => setName(key)}>{t(id, d)}</Button>
          ))}
        </Flex>
        <DataBlock key={name} url={`/ppid/reports/${name}`} title={t(REPORTS.find((r) => r[0] === name)![1], REPORTS.find((r) => r[0] === name)![2])} />
      </Layouts.Content>
    </>
  );
};
