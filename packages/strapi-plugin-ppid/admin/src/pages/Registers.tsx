import * as React from 'react';
import { Layouts, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Loading, ServerError, useGet, useT } from '../components/Shared';
import { errorMessage } from '../utils/api';
import { useDownload } from '../utils/transfer';

// The registers (register permohonan informasi, register keberatan; Perki 1/2021) and the annual
// report (laporan layanan informasi publik, UU 14/2008 Pasal 12), one year at a time, with their
// exports. Behind registers.read; contact data is masked unless the officer holds records.personal-data.

const Downloads = ({ formats, url, name, testId }: { formats: string[]; url: string; name: string; testId: string }) => {
  const { download, busy, error } = useDownload();
  return (
    <Flex direction="column" alignItems="flex-end" gap={1}>
      <Flex gap={2}>
        {formats.map((f) => (
          <Button key={f} size="S" variant="secondary" loading={busy === f} disabled={!!busy} onClick={() => download(f, `${url}${url.includes('?') ? '&' : '?'}format=${f}`, `${name}.${f}`)} data-testid={`${testId}-${f}`}>
            {f.toUpperCase()}
          </Button>
        ))}
      </Flex>
      {error ? <Typography textColor="danger600">{error}</Typography> : null}
    </Flex>
  );
};

const Register = ({ name, year, title }: { name: 'permohonan' | 'keberatan'; year: string; title: string }) => {
  const t = useT();
  const url = `/ppid/registers/${name}?year=${year}`;
  const { data, meta, error, loading } = useGet<any[]>(url);
  return (
    <Box background="neutral0" padding={5} marginBottom={5} shadow="filterShadow" hasRadius data-testid={`ppid-register-${name}`}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={2} paddingBottom={3}>
        <Box>
          <Typography variant="delta" tag="h2">{title}</Typography>
          <Typography tag="p" variant="pi" textColor="neutral600">
            {t('registers.count', '{count} baris, tahun {year}', { count: data?.length ?? 0, year })}
          </Typography>
        </Box>
        <Downloads formats={['csv', 'xlsx', 'pdf']} url={url} name={`register-${name}-${year}`} testId={`ppid-register-${name}`} />
      </Flex>
      {loading ? <Loading /> : error ? <ServerError message={error} title={`GET ${url}`} /> : !data?.length ? (
        <Typography textColor="neutral600">{t('registers.empty', 'Belum ada data pada tahun ini.')}</Typography>
      ) : (
        <Box style={{ overflowX: 'auto' }}>
          <Table colCount={meta.columns.length} rowCount={data.length + 1}>
            <Thead>
              <Tr>{meta.columns.map((c: any) => <Th key={c.key}><Typography variant="sigma">{c.header}</Typography></Th>)}</Tr>
            </Thead>
            <Tbody>
              {data.map((r: any) => (
                <Tr key={r.nomor}>{meta.columns.map((c: any) => <Td key={c.key} style={{ whiteSpace: 'normal', verticalAlign: 'top' }}><Typography>{String(r[c.key] ?? '')}</Typography></Td>)}</Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      )}
    </Box>
  );
};

const Annual = ({ year }: { year: string }) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState(false);
  const url = `/ppid/reports/annual/${year}`;
  const { data, error, loading } = useGet<any>(url);
  const propose = async () => {
    setBusy(true);
    try {
      const r: any = await post(`${url}/propose`, {});
      toggleNotification({ type: 'success', message: t('registers.proposed', 'Draf "{title}" dibuat; terbitkan melalui SOP publikasi.', { title: r.data.data.title }) });
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const q = data?.requests;
  return (
    <Box background="neutral0" padding={5} marginBottom={5} shadow="filterShadow" hasRadius data-testid="ppid-annual-report">
      <Flex justifyContent="space-between" alignItems="flex-start" gap={2} paddingBottom={3}>
        <Box>
          <Typography variant="delta" tag="h2">{t('registers.annual', 'Laporan layanan informasi publik tahun {year}', { year })}</Typography>
          <Typography tag="p" variant="pi" textColor="neutral600">{t('registers.annual.help', 'UU 14/2008 Pasal 12; bagian naratif diisi oleh Badan Publik.')}</Typography>
        </Box>
        <Flex gap={2} alignItems="flex-start">
          <Downloads formats={['pdf', 'xlsx']} url={url} name={`laporan-layanan-informasi-${year}`} testId="ppid-annual" />
          <Button size="S" loading={busy} onClick={propose} data-testid="ppid-annual-propose">{t('registers.propose', 'Usulkan ringkasan (draf informasi berkala)')}</Button>
        </Flex>
      </Flex>
      {loading ? <Loading /> : error ? <ServerError message={error} title={`GET ${url}`} /> : q ? (
        <Table colCount={2} rowCount={6}>
          <Tbody>
            {[
              [t('registers.n.requests', 'Jumlah permohonan'), q.total],
              [t('registers.n.answered', 'Telah dijawab'), q.answered],
              [t('registers.n.days', 'Waktu penyelesaian rata-rata / median (hari kerja)'), `${q.workingDays.average ?? '-'} / ${q.workingDays.median ?? '-'}`],
              [t('registers.n.outcomes', 'Diberikan seluruhnya / sebagian / ditolak'), `${q.granted} / ${q.grantedInPart} / ${q.refused}`],
              [t('registers.n.tests', 'Uji konsekuensi'), data.consequenceTests.total],
              [t('registers.n.objections', 'Keberatan / sengketa'), `${data.objections.total} / ${data.objections.disputes}`],
            ].map(([k, v]) => (
              <Tr key={String(k)}><Td><Typography>{k}</Typography></Td><Td><Typography fontWeight="bold">{String(v)}</Typography></Td></Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
    </Box>
  );
};

export const RegistersPage = () => {
  const t = useT();
  const [year, setYear] = React.useState(String(new Date().getFullYear()));
  const valid = /^\d{4}$/.test(year) ? year : String(new Date().getFullYear());
  return (
    <>
      <Layouts.Header title={t('registers.title', 'Register dan Laporan Tahunan')} subtitle={t('registers.subtitle', 'Register permohonan informasi dan register keberatan (Perki 1/2021)')} />
      <Layouts.Content>
        <Box paddingBottom={4} style={{ width: 160 }}>
          <Field.Root>
            <Field.Label>{t('registers.year', 'Tahun')}</Field.Label>
            <TextInput name="year" type="number" inputMode="numeric" value={year} onChange={(e: any) => setYear(e.target.value)} data-testid="ppid-registers-year" />
          </Field.Root>
        </Box>
        <Register name="permohonan" year={valid} title={t('registers.permohonan', 'Register Permohonan Informasi Publik')} />
        <Register name="keberatan" year={valid} title={t('registers.keberatan', 'Register Keberatan')} />
        <Annual year={valid} />
      </Layouts.Content>
    </>
  );
};
