import * as React from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Layouts, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, EmptyStateLayout, Field, Flex, Grid, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Loading, ServerError, useGet, useT } from '../components/Shared';
import { ProblemBanner, SelectField, TextField, problemOf, useHeld, type FormProblem } from '../components/FormKit';
import { formatWib } from '../utils/api';

// Permohonan Informasi: the list of requests (number, applicant, received, due, status; never the
// identity number or contact data) and, for the Petugas Informasi (requests.enter), the form for a
// request received in person or by letter, with the same fields as the public form (Perki 1/2021).

type T = (id: string, d: string, v?: Record<string, any>) => string;

export const CHANNEL_LABELS: Record<string, string> = {
  api: 'Daring (API)',
  portal: 'Portal',
  langsung: 'Datang langsung',
  surat: 'Surat',
};
export const REQUEST_STATUS_LABELS: Record<string, string> = {
  diterima: 'Diterima',
  diproses: 'Diproses',
  diputuskan: 'Diputuskan',
  selesai: 'Selesai',
  dibatalkan: 'Dibatalkan',
};
export const APPLICANT_TYPES: [string, string][] = [
  ['perorangan', 'Perorangan'],
  ['kelompok', 'Kelompok orang'],
  ['badan_hukum', 'Badan hukum'],
];
export const OBTAIN_BY: [string, string][] = [
  ['melihat', 'Melihat'],
  ['membaca', 'Membaca'],
  ['mendengarkan', 'Mendengarkan'],
  ['mencatat', 'Mencatat'],
  ['salinan_softcopy', 'Salinan softcopy'],
  ['salinan_hardcopy', 'Salinan hardcopy'],
];
export const DELIVER_BY: [string, string][] = [
  ['langsung', 'Mengambil langsung'],
  ['pos', 'Pos'],
  ['email', 'E-mail'],
  ['faksimili', 'Faksimili'],
  ['kurir', 'Kurir'],
];

const EMPTY = {
  channel: 'langsung',
  type: 'perorangan',
  name: '',
  address: '',
  email: '',
  phone: '',
  identityNumber: '',
  information: '',
  purpose: '',
  obtainBy: '',
  deliverBy: '',
};

/** The entry form: POST /ppid/requests as JSON, or multipart (`data` + `identityScan`) with a scan. */
const EntryForm = ({ onDone }: { onDone: (filed: any) => void }) => {
  const t: T = useT();
  const { post } = useFetchClient();
  const [v, setV] = React.useState({ ...EMPTY });
  const [scan, setScan] = React.useState<File | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [problem, setProblem] = React.useState<FormProblem | null>(null);
  const set = (k: keyof typeof EMPTY) => (value: string) => setV((cur) => ({ ...cur, [k]: value }));
  const err = (path: string) => problem?.fields[path];

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    // Empty choices are left out so the server names them as missing (wajib diisi).
    const opt = (s: string) => (s ? s : undefined);
    const data = {
      channel: opt(v.channel),
      applicant: { type: opt(v.type), name: v.name, address: v.address, email: v.email, phone: v.phone, identityNumber: v.identityNumber },
      information: v.information,
      purpose: v.purpose,
      obtainBy: opt(v.obtainBy),
      deliverBy: opt(v.deliverBy),
    };
    try {
      let body: any = data;
      if (scan) {
        body = new FormData();
        body.append('data', JSON.stringify(data));
        body.append('identityScan', scan, scan.name);
      }
      const r: any = await post('/ppid/requests', body);
      setV({ ...EMPTY });
      setScan(null);
      onDone(r.data.data);
    } catch (e2) {
      setProblem(problemOf(e2));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box tag="form" onSubmit={submit} background="neutral0" padding={6} marginBottom={6} shadow="filterShadow" hasRadius data-testid="ppid-desk-form" noValidate>
      <Typography variant="delta" tag="h2">{t('desk.form.title', 'Catat permohonan yang diterima langsung atau melalui surat')}</Typography>
      <Box paddingBottom={4}>
        <Typography tag="p" variant="pi" textColor="neutral600">
          {t('desk.form.help', 'Isian sama dengan formulir permohonan publik (UU 14/2008 Pasal 22 ayat 2; Perki 1/2021). Nomor pendaftaran, tanda bukti dan alur kerja SOP dibuat saat disimpan.')}
        </Typography>
      </Box>
      <ProblemBanner problem={problem} testId="ppid-desk-form-error" />
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <SelectField name="channel" label={t('desk.channel', 'Diterima melalui')} required error={err('channel')} testId="ppid-desk-channel" value={v.channel} onChange={set('channel')} options={[['langsung', t('desk.channel.langsung', 'Datang langsung')], ['surat', t('desk.channel.surat', 'Surat')]]} />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <SelectField name="applicant.type" label={t('desk.applicant.type', 'Jenis pemohon')} required error={err('applicant.type')} testId="ppid-desk-type" value={v.type} onChange={set('type')} options={APPLICANT_TYPES} />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <TextField name="applicant.name" label={t('desk.applicant.name', 'Nama pemohon')} required error={err('applicant.name')} testId="ppid-desk-name" value={v.name} onChange={set('name')} />
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <TextField name="applicant.address" label={t('desk.applicant.address', 'Alamat')} required error={err('applicant.address')} testId="ppid-desk-address" value={v.address} onChange={set('address')} />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <TextField name="applicant.email" type="email" label={t('desk.applicant.email', 'E-mail')} required error={err('applicant.email')} testId="ppid-desk-email" value={v.email} onChange={set('email')} hint={t('desk.applicant.email.hint', 'Tanda bukti dan pemberitahuan dikirim ke alamat ini.')} />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <TextField name="applicant.phone" label={t('desk.applicant.phone', 'Nomor telepon')} required error={err('applicant.phone')} testId="ppid-desk-phone" value={v.phone} onChange={set('phone')} />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <TextField name="applicant.identityNumber" label={t('desk.applicant.identity', 'Nomor identitas (NIK / akta)')} required error={err('applicant.identityNumber')} testId="ppid-desk-identity" value={v.identityNumber} onChange={set('identityNumber')} hint={t('desk.applicant.identity.hint', 'Disimpan terenkripsi; tidak ditampilkan di daftar.')} />
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <TextField name="information" multiline label={t('desk.information', 'Informasi yang dimohon')} required error={err('information')} testId="ppid-desk-information" value={v.information} onChange={set('information')} />
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <TextField name="purpose" multiline label={t('desk.purpose', 'Tujuan penggunaan informasi')} required error={err('purpose')} testId="ppid-desk-purpose" value={v.purpose} onChange={set('purpose')} />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <SelectField name="obtainBy" label={t('desk.obtainBy', 'Cara memperoleh informasi')} required error={err('obtainBy')} testId="ppid-desk-obtain" value={v.obtainBy} onChange={set('obtainBy')} options={OBTAIN_BY} />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <SelectField name="deliverBy" label={t('desk.deliverBy', 'Cara mendapatkan salinan')} required error={err('deliverBy')} testId="ppid-desk-deliver" value={v.deliverBy} onChange={set('deliverBy')} options={DELIVER_BY} />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <Field.Root name="identityScan" error={err('identityScan')} hint={t('desk.scan.hint', 'Salinan KTP atau akta: JPEG, PNG atau PDF.')} width="100%">
            <Field.Label>{t('desk.scan', 'Pindaian identitas (opsional)')}</Field.Label>
            <input type="file" name="identityScan" accept="image/jpeg,image/png,application/pdf" onChange={(e) => setScan(e.target.files?.[0] ?? null)} data-testid="ppid-desk-scan" />
            <Field.Error />
            <Field.Hint />
          </Field.Root>
        </Grid.Item>
      </Grid.Root>
      <Flex justifyContent="flex-end" paddingTop={5}>
        <Button type="submit" loading={busy} data-testid="ppid-desk-submit">{t('desk.submit', 'Simpan dan beri nomor pendaftaran')}</Button>
      </Flex>
    </Box>
  );
};

export const RequestsPage = () => {
  const t: T = useT();
  const may = useHeld();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = React.useState(false);
  const [page, setPage] = React.useState(1);
  const [q, setQ] = React.useState('');
  const { data, meta, error, loading, refetch } = useGet<any[]>('/ppid/requests', { page, q: q || undefined });
  const pages = meta ? Math.max(1, Math.ceil(meta.total / meta.pageSize)) : 1;
  const now = Date.now();
  return (
    <>
      <Layouts.Header
        title={t('desk.title', 'Permohonan Informasi')}
        subtitle={t('desk.subtitle', 'Permohonan informasi publik (UU 14/2008 Pasal 22): pencatatan, pemberitahuan tertulis, perpanjangan, keberatan')}
        primaryAction={may('requests.enter') ? (
          <Button onClick={() => setOpen(!open)} variant={open ? 'tertiary' : 'default'} data-testid="ppid-desk-new">
            {open ? t('desk.close', 'Tutup formulir') : t('desk.new', 'Catat permohonan')}
          </Button>
        ) : undefined}
      />
      <Layouts.Content>
        {open ? (
          <EntryForm
            onDone={(filed) => {
              setOpen(false);
              refetch();
              toggleNotification({ type: 'success', message: t('desk.entered', 'Permohonan dicatat dengan nomor pendaftaran {number}.', { number: filed.number }) });
              navigate(filed.id);
            }}
          />
        ) : null}
        <Box paddingBottom={4} style={{ maxWidth: 360 }}>
          <Field.Root name="q">
            <Field.Label>{t('desk.search', 'Cari nomor atau nama pemohon')}</Field.Label>
            <TextInput value={q} onChange={(e: any) => { setQ(e.target.value); setPage(1); }} data-testid="ppid-desk-search" />
          </Field.Root>
        </Box>
        {loading && !data ? <Loading /> : null}
        {error ? <ServerError message={error} title="GET /ppid/requests" /> : null}
        {data && !data.length ? <EmptyStateLayout content={t('desk.empty', 'Belum ada permohonan.')} /> : null}
        {data && data.length ? (
          <Box background="neutral0" shadow="filterShadow" hasRadius data-testid="ppid-desk-list">
            <Table colCount={6} rowCount={data.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('desk.col.number', 'Nomor pendaftaran')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('desk.col.applicant', 'Pemohon')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('desk.col.channel', 'Melalui')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('desk.col.received', 'Diterima')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('desk.col.due', 'Batas pemberitahuan')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('desk.col.status', 'Status')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {data.map((r) => {
                  const late = !['diputuskan', 'selesai', 'dibatalkan'].includes(r.status) && new Date(r.dueAt).getTime() < now;
                  return (
                    <Tr key={r.id} data-testid="ppid-desk-row">
                      <Td><Link to={r.id} data-testid={`ppid-desk-open-${r.number}`}><Typography fontWeight="bold" textColor="primary600">{r.number}</Typography></Link></Td>
                      <Td><Typography>{r.applicantName}</Typography></Td>
                      <Td><Typography>{CHANNEL_LABELS[r.channel] ?? r.channel}</Typography></Td>
                      <Td><Typography>{formatWib(r.receivedAt)}</Typography></Td>
                      <Td>
                        <Typography textColor={late ? 'danger600' : undefined}>{formatWib(r.dueAt)}</Typography>
                        {r.extended ? <Typography variant="pi" textColor="neutral600"> · {t('desk.extended', 'diperpanjang')}</Typography> : null}
                      </Td>
                      <Td><Badge active={r.status === 'selesai' || r.status === 'diputuskan'}>{REQUEST_STATUS_LABELS[r.status] ?? r.status}</Badge></Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          </Box>
        ) : null}
        {pages > 1 ? (
          <Flex gap={2} paddingTop={4} justifyContent="flex-end">
            <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>‹</Button>
            <Typography>{t('runs.page', 'Halaman {page} dari {count}', { page, count: pages })}</Typography>
            <Button variant="tertiary" disabled={page >= pages} onClick={() => setPage(page + 1)}>›</Button>
          </Flex>
        ) : null}
      </Layouts.Content>
    </>
  );
};
