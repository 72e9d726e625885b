import * as React from 'react';
import { Link, useParams } from 'react-router-dom';
import { Layouts, useFetchClient, useNotification } from '@strapi/strapi/admin';
import {
  Badge, Box, Button, Flex, Grid, SingleSelect, SingleSelectOption, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography,
} from '@strapi/design-system';
import { Loading, ServerError, useGet, useT } from '../components/Shared';
import { errorMessage, formatWib } from '../utils/api';


const SopImport = ({ onImported }: { onImported: () => void }) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [text, setText] = React.useState('');
  const [format, setFormat] = React.useState<'yaml' | 'json'>('yaml');
  const [result, setResult] = React.useState<any>(null);
  const [error, setError] = React.useState<string | null>(null);
  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    setText(await f.text());
    setFormat(f.name.endsWith('.json') ? 'json' : 'yaml');
  };
  const run = async (what: 'validate' | 'import') => {
    setError(null);
    setResult(null);
    try {
      const r = await post<any>(`/ppid/sops/${what}`, { text, format });
      setResult({ what, ...r.data.data });
      if (what === 'import') {
        toggleNotification({ type: 'success', message: t('sops.imported', 'SOP {code} v{version} diimpor', { code: r.data.data.code, version: r.data.data.version }) });
        onImported();
      }
    } catch (e) {
      const d = (e as any)?.response?.data?.error?.details;
      setError(errorMessage(e));
      if (d?.errors) setResult({ what, ok: false, errors: d.errors });
    }
  };
  return (
    <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
      <Typography variant="delta" tag="h2">{t('sops.import', 'Impor SOP')}</Typography>
      <Flex gap={2} paddingTop={2} paddingBottom={2}>
        <input type="file" accept=".yaml,.yml,.json" onChange={onFile} aria-label={t('sops.file', 'Berkas SOP')} />
        <SingleSelect aria-label="Format" value={format} onChange={(v: any) => setFormat(v)}>
          <SingleSelectOption value="yaml">YAML</SingleSelectOption>
          <SingleSelectOption value="json">JSON</SingleSelectOption>
        </SingleSelect>
      </Flex>
      <Textarea aria-label={t('sops.text', 'Teks SOP')} value={text} onChange={(e: any) => setText(e.target.value)} style={{ minHeight: 180, fontFamily: 'monospace' }} />
      <Flex gap={2} paddingTop={2}>
        <Button variant="secondary" disabled={!text} onClick={() => run('validate')}>{t('sops.validate', 'Periksa')}</Button>
        <Button disabled={!text} onClick={() => run('import')}>{t('sops.doImport', 'Impor')}</Button>
      </Flex>
      {error ? <Box paddingTop={2}><ServerError message={error} /></Box> : null}
      {result?.ok ? (
        <Typography tag="p" textColor="success600">
          {t('sops.valid', 'SOP sah: {code}, {steps} langkah', { code: result.code, steps: result.steps })}
        </Typography>
      ) : null}
      {result && result.ok === false && Array.isArray(result.errors) ? (
        <Box paddingTop={2} data-testid="ppid-sop-errors">
          {result.errors.map((er: any, i: number) => (
            <Typography key={i} tag="p" textColor="danger600">
              <code>{er.path ?? (Array.isArray(er.path) ? er.path.join('.') : '')}</code> {typeof er === 'string' ? er : er.message}
            </Typography>
          ))}
        </Box>
      ) : null}
    </Box>
  );
};

export const SopsPage = () => {
  const t = useT();
  const { data, error, loading, refetch } = useGet<any[]>('/ppid/sops');
  return (
    <>
      <Layouts.Header title="SOP" subtitle={t('sops.subtitle', 'Standar Operasional Prosedur yang mengatur penerbitan')} />
      <Layouts.Content>
        {loading ? <Loading /> : null}
        {error ? <ServerError message={error} /> : null}
        {data ? (
          <Table colCount={5} rowCount={data.length + 1}>
            <Thead>
              <Tr>
                {[t('sops.name', 'Nama SOP'), t('sops.number', 'Nomor'), t('sops.version', 'Versi'), t('sops.steps', 'Langkah'), t('sops.created', 'Dibuat')].map((h) => (
                  <Th key={h}><Typography variant="sigma">{h}</Typography></Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {data.map((s: any) => (
                <Tr key={s.id} data-testid="ppid-sop-row">
                  <Td><Link to={`/plugins/ppid/sops/${s.code}`}>{s.name}</Link></Td>
                  <Td><Typography>{s.nomorSop ?? '—'}</Typography></Td>
                  <Td><Typography>v{s.version}</Typography></Td>
                  <Td><Typography>{s.steps}</Typography></Td>
                  <Td><Typography variant="pi">{formatWib(s.createdAt)}</Typography></Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        ) : null}
        <Box paddingTop={6}>
          <SopImport onImported={refetch} />
        </Box>
      </Layouts.Content>
    </>
  );
};

/**
 * The SOP document (HTML with flowchart), fetched with the admin JWT (an iframe cannot send it).
 * Shown through srcdoc in a sandbox: Strapi's Content-Security-Policy blocks blob: frames.
 */
const SopDocument = ({ code }: { code: string }) => {
  const { get } = useFetchClient();
  const [html, setHtml] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    get(`/ppid/sops/${code}/document`, { responseType: 'text' } as any)
      .then((r: any) => setHtml(String(r.data)))
      .catch((e: any) => setError(errorMessage(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);
  if (error) return <ServerError message={error} />;
  if (html === null) return <Loading />;
  return <iframe title="SOP" srcDoc={html} sandbox="" data-testid="ppid-sop-document" style={{ width: '100%', height: 720, border: '1px solid #dcdce4', borderRadius: 4, background: '#fff' }} />;
};

const RoleMappings = ({ sop }: { sop: any }) => {
  const t = useT();
  const { post, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const mappings = useGet<any[]>('/ppid/role-mappings', { sopCode: sop.code });
  const roles = useGet<any[]>('/admin/roles');
  const [sopRole, setSopRole] = React.useState('');
  const [adminRole, setAdminRole] = React.useState('');
  const add = async () => {
    try {
      await post('/ppid/role-mappings', { sopCode: sop.code, sopRole, adminRole: Number(adminRole) });
      toggleNotification({ type: 'success', message: t('mappings.added', 'Pemetaan ditambahkan') });
      mappings.refetch();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  const remove = async (id: number) => {
    try {
      await del(`/ppid/role-mappings/${id}`);
      mappings.refetch();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  const roleLabel = (k: string) => sop.definition.roles.find((r: any) => r.key === k)?.label ?? k;
  return (
    <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
      <Typography variant="delta" tag="h2">{t('mappings.title', 'Pemetaan peran')}</Typography>
      {mappings.error ? <ServerError message={mappings.error} /> : null}
      <Table colCount={4} rowCount={(mappings.data?.length ?? 0) + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('mappings.sopRole', 'Pelaksana SOP')}</Typography></Th>
            <Th><Typography variant="sigma">{t('mappings.adminRole', 'Peran admin')}</Typography></Th>
            <Th><Typography variant="sigma">{t('col.unit', 'Unit')}</Typography></Th>
            <Th><Typography variant="sigma">&nbsp;</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {(mappings.data ?? []).map((m: any) => (
            <Tr key={m.id}>
              <Td><Typography>{roleLabel(m.sopRole)}</Typography></Td>
              <Td><Typography>{m.adminRole?.name ?? '—'}</Typography></Td>
              <Td><Typography>{m.unit?.name ?? t('mappings.allUnits', 'Semua unit')}</Typography></Td>
              <Td><Button size="S" variant="danger-light" onClick={() => remove(m.id)}>{t('mappings.delete', 'Hapus')}</Button></Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Flex gap={2} paddingTop={3} alignItems="flex-end">
        <SingleSelect aria-label={t('mappings.sopRole', 'Pelaksana SOP')} placeholder={t('mappings.sopRole', 'Pelaksana SOP')} value={sopRole} onChange={(v: any) => setSopRole(String(v))}>
          {sop.definition.roles.map((r: any) => (
            <SingleSelectOption key={r.key} value={r.key}>{r.label}</SingleSelectOption>
          ))}
        </SingleSelect>
        <SingleSelect aria-label={t('mappings.adminRole', 'Peran admin')} placeholder={t('mappings.adminRole', 'Peran admin')} value={adminRole} onChange={(v: any) => setAdminRole(String(v))}>
          {(roles.data ?? []).map((r: any) => (
            <SingleSelectOption key={r.id} value={String(r.id)}>{r.name}</SingleSelectOption>
          ))}
        </SingleSelect>
        <Button disabled={!sopRole || !adminRole} onClick={add}>{t('mappings.add', 'Tambah')}</Button>
      </Flex>
    </Box>
  );
};

export const SopDetailPage = () => {
  const t = useT();
  const { ref = '' } = useParams();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { data: sop, error, loading } = useGet<any>(`/ppid/sops/${ref}`);
  const download = async (path: string, name: string, type: string) => {
    try {
      const r: any = await get(path, { responseType: 'blob' } as any);
      const url = URL.createObjectURL(new Blob([r.data], { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  return (
    <>
      <Layouts.Header
        title={sop?.name ?? 'SOP'}
        subtitle={sop ? `${sop.nomorSop ?? sop.code} · v${sop.version}` : undefined}
        navigationAction={<Link to="/plugins/ppid/sops">← SOP</Link>}
        primaryAction={
          sop ? (
            <Flex gap={2}>
              <Button variant="secondary" onClick={() => download(`/ppid/sops/${sop.code}/export?format=yaml`, `${sop.code}-v${sop.version}.yaml`, 'application/yaml')}>{t('sops.exportYaml', 'Ekspor YAML')}</Button>
              <Button variant="secondary" onClick={() => download(`/ppid/sops/${sop.code}/export?format=json`, `${sop.code}-v${sop.version}.json`, 'application/json')}>{t('sops.exportJson', 'Ekspor JSON')}</Button>
              <Button variant="secondary" onClick={() => download(`/ppid/sops/${sop.code}/document?format=pdf`, `${sop.code}-v${sop.version}.pdf`, 'application/pdf')}>PDF</Button>
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        {loading ? <Loading /> : null}
        {error ? <ServerError message={error} /> : null}
        {sop ? (
          <Grid.Root gap={4}>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <Flex gap={2} wrap="wrap">
                {(sop.versions ?? []).map((v: any) => (
                  <Badge key={v.id} active={v.current}>v{v.version} · {formatWib(v.createdAt)}</Badge>
                ))}
              </Flex>
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <SopDocument code={sop.code} />
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <RoleMappings sop={sop} />
            </Grid.Item>
          </Grid.Root>
        ) : null}
      </Layouts.Content>
    </>
  );
};
