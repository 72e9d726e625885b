import * as React from 'react';
import { Layouts, useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, Loader, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { RecordEntry, ServerError, useT } from '../components/Shared';
import { errorMessage, formatWib } from '../utils/api';
import { serverText } from '../utils/transfer';


const Panel = ({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) => (
  <Box background="neutral0" padding={5} marginBottom={5} shadow="filterShadow" hasRadius data-testid={testId}>
    <Typography variant="delta" tag="h2">{title}</Typography>
    <Box paddingTop={3}>{children}</Box>
  </Box>
);

/** Seconds since `running` became true, for the progress line of a long request. */
const useElapsed = (running: boolean) => {
  const [s, setS] = React.useState(0);
  React.useEffect(() => {
    if (!running) return;
    setS(0);
    const started = Date.now();
    const h = setInterval(() => setS(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(h);
  }, [running]);
  return s;
};

/** The `data` of a JSON answer; a failed one throws the server's own words. */
function jsonAnswer(status: number, text: string) {
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (status >= 400) throw new Error(serverText(status, json, text));
  return json?.data ?? json;
}

const FullVerification = () => {
  const t = useT();
  const { post } = useFetchClient();
  const [busy, setBusy] = React.useState(false);
  const [report, setReport] = React.useState<any>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [at, setAt] = React.useState<string | null>(null);
  const elapsed = useElapsed(busy);
  const run = async () => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const r: any = await post('/ppid/verify', {});
      setReport(r.data?.data ?? r.data);
      setAt(new Date().toISOString());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const problems: any[] = report?.problems ?? [];
  return (
    <Panel title={t('verify.full', 'Verifikasi seluruh rantai tanda tangan')} testId="ppid-verify-full">
      <Typography tag="p" textColor="neutral600">
        {t('verify.fullHelp', 'Memeriksa setiap catatan paraf dan tanda tangan: hash isi, tautan rantai, urutan dan tanda tangan Ed25519 server.')}
      </Typography>
      <Flex gap={3} paddingTop={3} alignItems="center">
        <Button loading={busy} onClick={run} data-testid="ppid-verify-run">{t('verify.runFull', 'Jalankan verifikasi')}</Button>
        {busy ? (
          <Flex gap={2} alignItems="center" role="status" aria-live="polite" data-testid="ppid-verify-progress">
            <Loader small>{t('verify.running', 'Memeriksa…')}</Loader>
            <Typography textColor="neutral600">{t('verify.runningFor', 'Memeriksa rantai… {s} detik', { s: elapsed })}</Typography>
          </Flex>
        ) : null}
      </Flex>
      {error ? <Box paddingTop={3}><ServerError message={error} title="POST /ppid/verify" /></Box> : null}
      {report ? (
        <Box paddingTop={4} data-testid="ppid-verify-report">
          <Flex gap={3} alignItems="center" wrap="wrap">
            <Badge backgroundColor={report.ok ? 'success100' : 'danger100'} textColor={report.ok ? 'success700' : 'danger700'} data-testid="ppid-verify-ok">
              {report.ok ? t('verify.chainOk', 'Utuh') : t('verify.chainBroken', 'Ada masalah')}
            </Badge>
            <Typography data-testid="ppid-verify-checked">{t('verify.checked', '{n} catatan diperiksa', { n: report.checked ?? 0 })}</Typography>
            {report.lastSeq ? <Typography variant="pi" textColor="neutral600">{t('verify.lastSeq', 'Catatan terakhir #{n}', { n: report.lastSeq })}</Typography> : null}
            {at ? <Typography variant="pi" textColor="neutral500">{formatWib(at)}</Typography> : null}
          </Flex>
          {report.truncated ? <Typography tag="p" textColor="warning600">{t('verify.truncated', 'Daftar masalah dipotong; masih ada masalah lain.')}</Typography> : null}
          {problems.length ? (
            <Box paddingTop={3}>
              <Table colCount={4} rowCount={problems.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('verify.seq', 'Catatan')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('verify.run', 'Alur')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('verify.problemCode', 'Kode')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('verify.message', 'Pesan')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {problems.map((p, i) => (
                    <Tr key={i} data-testid="ppid-verify-problem">
                      <Td><Typography>{p.seq ?? '—'}</Typography></Td>
                      <Td><Typography variant="pi">{p.runId ?? '—'}</Typography></Td>
                      <Td><Typography><code>{p.code}</code></Typography></Td>
                      <Td style={{ whiteSpace: 'normal' }}><Typography textColor="danger600">{p.message}</Typography></Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
          ) : null}
        </Box>
      ) : null}
    </Panel>
  );
};

const CodeCheck = () => {
  const t = useT();
  const { get } = useFetchClient();
  const [code, setCode] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<any>(null);
  const [error, setError] = React.useState<string | null>(null);
  const check = async (e?: React.FormEvent) => {
    e?.preventDefault();
    if (!code.trim()) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      // The public route, as the QR code on a printed form opens it: without the admin's token
      // (the content API would refuse an admin JWT), read as text so a non-JSON error body
      // (a plain "Not Found") keeps its words.
      const r: any = await get(`/api/ppid/verify/${encodeURIComponent(code.trim())}`, {
        headers: { Authorization: '' },
        responseType: 'text',
        validateStatus: () => true,
      } as any);
      setResult(jsonAnswer(Number(r.status ?? 200), String(r.data ?? '')));
    } catch (er) {
      setError((er as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const records: any[] = result ? (Array.isArray(result.records) ? result.records : result.record ? [result.record] : []) : [];
  const valid = result ? (result.valid ?? result.ok) : undefined;
  return (
    <Panel title={t('verify.codeTitle', 'Periksa kode verifikasi formulir')} testId="ppid-verify-code">
      <form onSubmit={check}>
        <Flex gap={2} alignItems="flex-end">
          <Box grow={1} style={{ maxWidth: 480 }}>
            <Field.Root>
              <Field.Label>{t('verify.codeLabel', 'Kode verifikasi (dari QR atau formulir)')}</Field.Label>
              <TextInput name="code" value={code} onChange={(e: any) => setCode(e.target.value)} data-testid="ppid-verify-code-input" />
            </Field.Root>
          </Box>
          <Button type="submit" loading={busy} disabled={!code.trim()} data-testid="ppid-verify-code-run">{t('verify.check', 'Periksa')}</Button>
        </Flex>
      </form>
      {error ? <Box paddingTop={3}><ServerError message={error} title={`GET /api/ppid/verify/${code.trim()}`} /></Box> : null}
      {result ? (
        <Box paddingTop={3} data-testid="ppid-verify-code-result">
          {valid !== undefined ? (
            <Typography fontWeight="bold" textColor={valid ? 'success600' : 'danger600'} tag="p">
              {valid ? t('verify.valid', 'Sah') : t('verify.invalid', 'Tidak sah')}
              {result.message || result.reason ? ` — ${result.message ?? result.reason}` : ''}
            </Typography>
          ) : null}
          {result.item?.title ? <Typography tag="p">{t('verify.item', 'Informasi: {title}', { title: result.item.title })}</Typography> : null}
          {records.map((r) => <RecordEntry key={r.seq ?? r.hash ?? r.verificationCode} record={r} />)}
          {!records.length && result.signer ? <RecordEntry record={result} /> : null}
        </Box>
      ) : null}
    </Panel>
  );
};

export const VerifyPage = () => {
  const t = useT();
  return (
    <>
      <Layouts.Header title={t('verify.title', 'Verifikasi')} subtitle={t('verify.subtitle', 'Periksa keaslian paraf dan tanda tangan')} />
      <Layouts.Content>
        <FullVerification />
        <CodeCheck />
      </Layouts.Content>
    </>
  );
};
