import * as React from 'react';
import { Link, useParams } from 'react-router-dom';
import { Layouts, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Loading, ServerError, useGet, useT } from '../components/Shared';
import { ProblemBanner, SelectField, TextField, problemOf, useHeld, type FormProblem } from '../components/FormKit';
import { formatWib } from '../utils/api';
import { useDownload } from '../utils/transfer';
import { PASAL_17_GROUNDS, PASAL_17_LETTERS } from '../../../server/src/core/classification/classes';
import { OBJECTION_REASONS } from '../../../server/src/core/requests/objection';
import { WorkflowPanelContent, useItemRuns } from '../components/WorkflowPanel';
import { APPLICANT_TYPES, CHANNEL_LABELS, DELIVER_BY, OBTAIN_BY, REQUEST_STATUS_LABELS } from './Requests';

const labelOf = (pairs: [string, string][], v: string) => pairs.find(([k]) => k === v)?.[1] ?? v;

const REQUEST_UID = 'plugin::ppid.information-request';
const OBJECTION_UID = 'plugin::ppid.objection';

// One request's screens: its facts, then (requests.manage) the one extension (Pasal 22 ayat 8)
// and the written notice's content (ayat 7) before the PPID signs it at SOP 101's decision step,
// and (objections.manage) each objection's answer (Pasal 36 ayat 2) and the dispute at the
// Komisi Informasi (Pasal 37-38). The server checks every write again; its 400 field errors show
// next to the fields and its 409 above the form.

type T = (id: string, d: string, v?: Record<string, any>) => string;

const OUTCOME_LABELS: Record<string, string> = {
  diberikan_seluruhnya: 'Diberikan seluruhnya',
  diberikan_sebagian: 'Diberikan sebagian',
  ditolak: 'Ditolak (Pasal 17)',
  tidak_dikuasai: 'Informasi tidak dikuasai',
};
const LETTERS: [string, string][] = PASAL_17_LETTERS.map((l) => [l, `Huruf ${l}: ${PASAL_17_GROUNDS[l].id}`]);

const Section = ({ title, help, children, testId }: { title: string; help?: string; children: React.ReactNode; testId: string }) => (
  <Box background="neutral0" padding={6} marginBottom={6} shadow="filterShadow" hasRadius data-testid={testId}>
    <Typography variant="delta" tag="h2">{title}</Typography>
    {help ? <Box paddingTop={1}><Typography tag="p" variant="pi" textColor="neutral600">{help}</Typography></Box> : null}
    <Box paddingTop={4}>{children}</Box>
  </Box>
);

const Fact = ({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) => (
  <Grid.Item col={4} s={12} direction="column" alignItems="flex-start">
    <Typography variant="sigma" textColor="neutral600">{label}</Typography>
    <Typography data-testid={testId}>{value}</Typography>
  </Grid.Item>
);

/** One write of a form: busy, the server's problem, and the call. */
function useWrite() {
  const client = useFetchClient();
  const [busy, setBusy] = React.useState(false);
  const [problem, setProblem] = React.useState<FormProblem | null>(null);
  const run = async (method: 'post' | 'put', url: string, body: unknown): Promise<any | null> => {
    setBusy(true);
    setProblem(null);
    try {
      const r: any = await client[method](url, body);
      return r.data?.data ?? r.data;
    } catch (e) {
      setProblem(problemOf(e));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, run, err: (path: string) => problem?.fields[path] };
}

const ExtensionForm = ({ id, onDone }: { id: string; onDone: () => void }) => {
  const t: T = useT();
  const w = useWrite();
  const [days, setDays] = React.useState('7');
  const [reasons, setReasons] = React.useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const n = Number(days);
    const out = await w.run('post', `/ppid/requests/${encodeURIComponent(id)}/extension`, { days: days.trim() === '' ? undefined : Number.isFinite(n) ? n : days, reasons });
    if (out) onDone();
  };
  return (
    <Box tag="form" onSubmit={submit} noValidate data-testid="ppid-extension-form">
      <ProblemBanner problem={w.problem} testId="ppid-extension-error" />
      <Grid.Root gap={4}>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <TextField name="days" type="number" label={t('extension.days', 'Lama perpanjangan (hari kerja)')} hint={t('extension.days.hint', 'Paling lama 7 hari kerja, satu kali.')} required error={w.err('days')} testId="ppid-extension-days" value={days} onChange={setDays} />
        </Grid.Item>
        <Grid.Item col={9} s={12} direction="column" alignItems="stretch">
          <TextField name="reasons" multiline label={t('extension.reasons', 'Alasan tertulis perpanjangan')} required error={w.err('reasons')} testId="ppid-extension-reasons" value={reasons} onChange={setReasons} />
        </Grid.Item>
      </Grid.Root>
      <Flex justifyContent="flex-end" paddingTop={4}>
        <Button type="submit" variant="secondary" loading={w.busy} data-testid="ppid-extension-submit">{t('extension.submit', 'Perpanjang batas waktu')}</Button>
      </Flex>
    </Box>
  );
};

type Redaction = { part: string; hurufPasal17: string; reason: string };

const NoticeForm = ({ id, runId, onDone }: { id: string; runId: string | null; onDone: () => void }) => {
  const t: T = useT();
  const w = useWrite();
  const current = useGet<any>(`/ppid/requests/${encodeURIComponent(id)}/notice`);
  const [v, setV] = React.useState({ held: '', holder: '', decision: '', hurufPasal17: '', consequenceTest: '', reason: '', format: '', cost: '0', payment: '', note: '' });
  const [redactions, setRedactions] = React.useState<Redaction[]>([]);
  const [saved, setSaved] = React.useState<any>(null);
  // Start from what is recorded (a correction before signing).
  React.useEffect(() => {
    const n = current.data?.notice;
    if (!n) return;
    setV({
      held: n.held ? 'ya' : 'tidak',
      holder: n.holder ?? '',
      decision: n.decision ?? '',
      hurufPasal17: n.hurufPasal17 ?? '',
      consequenceTest: n.consequenceTest ?? '',
      reason: n.reason ?? '',
      format: n.format ?? '',
      cost: String(n.cost ?? 0),
      payment: n.payment ?? '',
      note: n.note ?? '',
    });
    setRedactions(n.redactions ?? []);
  }, [current.data]);
  const set = (k: keyof typeof v) => (value: string) => setV((cur) => ({ ...cur, [k]: value }));
  const held = v.held === 'ya';
  const excludes = held && (v.decision === 'ditolak' || v.decision === 'diberikan_sebagian');
  const grants = held && (v.decision === 'diberikan_seluruhnya' || v.decision === 'diberikan_sebagian');
  const cost = v.cost.trim() === '' ? 0 : Number(v.cost);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const text = (s: string) => (s.trim() ? s : undefined);
    // Only what the chosen outcome uses is sent; an unset choice is left out so the server names it.
    const body: Record<string, unknown> = {
      held: v.held ? held : undefined,
      holder: !held ? text(v.holder) : undefined,
      decision: held ? text(v.decision) : undefined,
      hurufPasal17: excludes ? text(v.hurufPasal17) : undefined,
      consequenceTest: excludes ? text(v.consequenceTest) : undefined,
      reason: excludes ? text(v.reason) : undefined,
      redactions: held && v.decision === 'diberikan_sebagian' ? redactions : undefined,
      format: grants ? text(v.format) : undefined,
      cost: Number.isFinite(cost) ? cost : v.cost,
      payment: cost > 0 ? text(v.payment) : undefined,
      note: text(v.note),
    };
    const out = await w.run('put', `/ppid/requests/${encodeURIComponent(id)}/notice`, body);
    if (out) {
      setSaved(out);
      onDone();
    }
  };
  const setRow = (i: number, k: keyof Redaction, value: string) => setRedactions((rows) => rows.map((r, j) => (j === i ? { ...r, [k]: value } : r)));

  return (
    <Box tag="form" onSubmit={submit} noValidate data-testid="ppid-notice-form">
      {current.error ? <ServerError message={current.error} /> : null}
      <ProblemBanner problem={w.problem} testId="ppid-notice-error" />
      {saved || current.data?.recordedAt ? (
        <Box paddingBottom={4} data-testid="ppid-notice-recorded">
          <Typography>
            {t('notice.recorded', 'Isi pemberitahuan tercatat: {outcome}. Tanda tangani pada langkah keputusan SOP.', {
              outcome: OUTCOME_LABELS[(saved ?? current.data).outcome] ?? (saved ?? current.data).outcome,
            })}{' '}
          </Typography>
          {runId ? <Link to={`/plugins/ppid/runs/${runId}`} data-testid="ppid-notice-run-link">{t('notice.toRun', 'Buka alur kerja')}</Link> : null}
        </Box>
      ) : null}
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <SelectField name="held" label={t('notice.held', 'Informasi dikuasai Badan Publik ini?')} required error={w.err('held')} testId="ppid-notice-held" value={v.held} onChange={set('held')} options={[['ya', t('notice.held.yes', 'Ya, dikuasai')], ['tidak', t('notice.held.no', 'Tidak dikuasai')]]} />
        </Grid.Item>
        {v.held === 'tidak' ? (
          <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
            <TextField name="holder" label={t('notice.holder', 'Badan Publik yang menguasai (bila diketahui)')} error={w.err('holder')} testId="ppid-notice-holder" value={v.holder} onChange={set('holder')} />
          </Grid.Item>
        ) : null}
        {held ? (
          <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
            <SelectField name="decision" label={t('notice.decision', 'Keputusan')} required error={w.err('decision')} testId="ppid-notice-decision" value={v.decision} onChange={set('decision')} options={[['diberikan_seluruhnya', OUTCOME_LABELS.diberikan_seluruhnya], ['diberikan_sebagian', OUTCOME_LABELS.diberikan_sebagian], ['ditolak', OUTCOME_LABELS.ditolak]]} />
          </Grid.Item>
        ) : null}
        {excludes ? (
          <>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <SelectField name="hurufPasal17" label={t('notice.pasal17', 'Alasan pengecualian (Pasal 17 UU 14/2008)')} required error={w.err('hurufPasal17')} testId="ppid-notice-pasal17" value={v.hurufPasal17} onChange={set('hurufPasal17')} options={LETTERS} />
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <TextField name="consequenceTest" label={t('notice.test', 'Uji konsekuensi (ID, bila ada)')} hint={t('notice.test.hint', 'Uji konsekuensi yang telah diputuskan, dari halaman Klasifikasi.')} error={w.err('consequenceTest')} testId="ppid-notice-test" value={v.consequenceTest} onChange={set('consequenceTest')} />
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <TextField name="reason" multiline label={t('notice.reason', 'Alasan pengecualian')} required error={w.err('reason')} testId="ppid-notice-reason" value={v.reason} onChange={set('reason')} />
            </Grid.Item>
          </>
        ) : null}
        {held && v.decision === 'diberikan_sebagian' ? (
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Typography variant="omega" fontWeight="bold">{t('notice.redactions', 'Bagian yang dihitamkan dan alasannya')}</Typography>
            {w.err('redactions') ? <Typography textColor="danger600" data-testid="ppid-notice-redactions-error">{w.err('redactions')}</Typography> : null}
            {redactions.map((r, i) => (
              <Flex key={i} gap={3} alignItems="flex-start" paddingTop={2} data-testid="ppid-notice-redaction">
                <Box style={{ flex: 2 }}>
                  <TextField name={`redactions.${i}.part`} label={t('notice.redaction.part', 'Bagian')} required error={w.err(`redactions.${i}.part`)} testId={`ppid-notice-redaction-part-${i}`} value={r.part} onChange={(x) => setRow(i, 'part', x)} />
                </Box>
                <Box style={{ flex: 2 }}>
                  <SelectField name={`redactions.${i}.hurufPasal17`} label={t('notice.redaction.letter', 'Pasal 17 huruf')} required error={w.err(`redactions.${i}.hurufPasal17`)} testId={`ppid-notice-redaction-letter-${i}`} value={r.hurufPasal17} onChange={(x) => setRow(i, 'hurufPasal17', x)} options={LETTERS} />
                </Box>
                <Box style={{ flex: 3 }}>
                  <TextField name={`redactions.${i}.reason`} label={t('notice.redaction.reason', 'Alasan')} required error={w.err(`redactions.${i}.reason`)} testId={`ppid-notice-redaction-reason-${i}`} value={r.reason} onChange={(x) => setRow(i, 'reason', x)} />
                </Box>
                <Box paddingTop={6}>
                  <Button variant="danger-light" size="S" onClick={() => setRedactions((rows) => rows.filter((_, j) => j !== i))}>{t('notice.redaction.remove', 'Hapus')}</Button>
                </Box>
              </Flex>
            ))}
            <Box paddingTop={2}>
              <Button variant="secondary" size="S" onClick={() => setRedactions((rows) => [...rows, { part: '', hurufPasal17: v.hurufPasal17, reason: '' }])} data-testid="ppid-notice-redaction-add">
                {t('notice.redaction.add', 'Tambah bagian yang dihitamkan')}
              </Button>
            </Box>
          </Grid.Item>
        ) : null}
        {grants ? (
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <TextField name="format" label={t('notice.format', 'Bentuk informasi')} hint={t('notice.format.hint', 'Mis. softcopy PDF, fotokopi.')} required error={w.err('format')} testId="ppid-notice-format" value={v.format} onChange={set('format')} />
          </Grid.Item>
        ) : null}
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <TextField name="cost" type="number" label={t('notice.cost', 'Biaya (rupiah)')} hint={t('notice.cost.hint', '0 bila tanpa biaya.')} error={w.err('cost')} testId="ppid-notice-cost" value={v.cost} onChange={set('cost')} />
        </Grid.Item>
        {cost > 0 ? (
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <TextField name="payment" label={t('notice.payment', 'Cara pembayaran')} required error={w.err('payment')} testId="ppid-notice-payment" value={v.payment} onChange={set('payment')} />
          </Grid.Item>
        ) : null}
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <TextField name="note" multiline label={t('notice.note', 'Catatan (opsional)')} error={w.err('note')} testId="ppid-notice-note" value={v.note} onChange={set('note')} />
        </Grid.Item>
      </Grid.Root>
      <Flex justifyContent="flex-end" paddingTop={4}>
        <Button type="submit" loading={w.busy} data-testid="ppid-notice-submit">{t('notice.submit', 'Simpan isi pemberitahuan tertulis')}</Button>
      </Flex>
    </Box>
  );
};

const AnswerForm = ({ objection, onDone }: { objection: any; onDone: () => void }) => {
  const t: T = useT();
  const w = useWrite();
  const [v, setV] = React.useState({ decision: objection.answer?.decision ?? '', reasons: objection.answer?.reasons ?? '', followUp: objection.answer?.followUp ?? '' });
  const set = (k: keyof typeof v) => (value: string) => setV((cur) => ({ ...cur, [k]: value }));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const text = (s: string) => (s.trim() ? s : undefined);
    const out = await w.run('put', `/ppid/objections/${encodeURIComponent(objection.id)}/answer`, { decision: text(v.decision), reasons: text(v.reasons), followUp: text(v.followUp) });
    if (out) onDone();
  };
  return (
    <Box tag="form" onSubmit={submit} noValidate data-testid="ppid-answer-form">
      <ProblemBanner problem={w.problem} testId="ppid-answer-error" />
      <Grid.Root gap={4}>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <SelectField name="decision" label={t('answer.decision', 'Tanggapan Atasan PPID')} required error={w.err('decision')} testId="ppid-answer-decision" value={v.decision} onChange={set('decision')} options={[['menguatkan', t('answer.menguatkan', 'Menguatkan putusan PPID')], ['membatalkan', t('answer.membatalkan', 'Membatalkan putusan PPID')]]} />
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <TextField name="reasons" multiline label={t('answer.reasons', 'Alasan tertulis')} hint={t('answer.reasons.hint', 'Wajib bila menguatkan (Pasal 36 ayat 2).')} error={w.err('reasons')} testId="ppid-answer-reasons" value={v.reasons} onChange={set('reasons')} />
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <TextField name="followUp" multiline label={t('answer.followUp', 'Tindak lanjut')} hint={t('answer.followUp.hint', 'Wajib bila membatalkan, mis. informasi yang akan diberikan.')} error={w.err('followUp')} testId="ppid-answer-followup" value={v.followUp} onChange={set('followUp')} />
        </Grid.Item>
      </Grid.Root>
      <Flex justifyContent="flex-end" paddingTop={4}>
        <Button type="submit" loading={w.busy} data-testid="ppid-answer-submit">{t('answer.submit', 'Simpan tanggapan')}</Button>
      </Flex>
    </Box>
  );
};

const DisputeForm = ({ objection, onDone }: { objection: any; onDone: () => void }) => {
  const t: T = useT();
  const w = useWrite();
  const [v, setV] = React.useState({ filedAt: '', registerNumber: '' });
  const set = (k: keyof typeof v) => (value: string) => setV((cur) => ({ ...cur, [k]: value }));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const out = await w.run('put', `/ppid/objections/${encodeURIComponent(objection.id)}/dispute`, { filedAt: v.filedAt || undefined, registerNumber: v.registerNumber });
    if (out) onDone();
  };
  return (
    <Box tag="form" onSubmit={submit} noValidate data-testid="ppid-dispute-form">
      <ProblemBanner problem={w.problem} testId="ppid-dispute-error" />
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <TextField name="filedAt" type="date" label={t('dispute.filedAt', 'Tanggal pengajuan ke Komisi Informasi')} required error={w.err('filedAt')} testId="ppid-dispute-filed" value={v.filedAt} onChange={set('filedAt')} />
        </Grid.Item>
        <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
          <TextField name="registerNumber" label={t('dispute.registerNumber', 'Nomor register sengketa')} required error={w.err('registerNumber')} testId="ppid-dispute-number" value={v.registerNumber} onChange={set('registerNumber')} />
        </Grid.Item>
      </Grid.Root>
      <Flex justifyContent="flex-end" paddingTop={4}>
        <Button type="submit" variant="secondary" loading={w.busy} data-testid="ppid-dispute-submit">{t('dispute.submit', 'Catat sengketa')}</Button>
      </Flex>
    </Box>
  );
};

const OutcomeForm = ({ objection, onDone }: { objection: any; onDone: () => void }) => {
  const t: T = useT();
  const w = useWrite();
  const [v, setV] = React.useState({ kind: '', date: '', summary: '' });
  const set = (k: keyof typeof v) => (value: string) => setV((cur) => ({ ...cur, [k]: value }));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const out = await w.run('put', `/ppid/objections/${encodeURIComponent(objection.id)}/dispute/outcome`, { kind: v.kind || undefined, date: v.date || undefined, summary: v.summary });
    if (out) onDone();
  };
  return (
    <Box tag="form" onSubmit={submit} noValidate data-testid="ppid-outcome-form">
      <ProblemBanner problem={w.problem} testId="ppid-outcome-error" />
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <SelectField name="kind" label={t('outcome.kind', 'Hasil')} required error={w.err('kind')} testId="ppid-outcome-kind" value={v.kind} onChange={set('kind')} options={[['putusan', t('outcome.putusan', 'Putusan Komisi Informasi (ajudikasi)')], ['mediasi', t('outcome.mediasi', 'Mediasi (kesepakatan para pihak)')]]} />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <TextField name="date" type="date" label={t('outcome.date', 'Tanggal')} required error={w.err('date')} testId="ppid-outcome-date" value={v.date} onChange={set('date')} />
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <TextField name="summary" multiline label={t('outcome.summary', 'Ringkasan putusan atau kesepakatan')} required error={w.err('summary')} testId="ppid-outcome-summary" value={v.summary} onChange={set('summary')} />
        </Grid.Item>
      </Grid.Root>
      <Flex justifyContent="flex-end" paddingTop={4}>
        <Button type="submit" variant="secondary" loading={w.busy} data-testid="ppid-outcome-submit">{t('outcome.submit', 'Catat hasil sengketa')}</Button>
      </Flex>
    </Box>
  );
};

/** The item's SOP run, where each official acts at their step (the PPID signs the notice, the Atasan PPID the answer). */
const ItemRun = ({ uid, id, onChange, testId, tick = 0 }: { uid: string; id: string; onChange: () => void; testId: string; tick?: number }) => {
  const { data, error, refetch } = useItemRuns(uid, id);
  // A form's write may move the run (an answer is an edit of the run): read it again.
  React.useEffect(() => {
    if (tick) refetch();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick]);
  if (error) return <ServerError message={error} />;
  if (!data) return <Loading />;
  return (
    <Box data-testid={testId}>
      <WorkflowPanelContent
        uid={uid}
        documentId={id}
        info={data}
        service
        refetch={() => {
          refetch();
          onChange();
        }}
      />
    </Box>
  );
};

/** "7 Desember 2026" for a YYYY-MM-DD date (a calendar date: no zone). */
const tanggal = (ymd: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd ?? '');
  return m ? new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!))) : ymd;
};
const DISPUTE_KINDS: Record<string, string> = { putusan: 'Putusan Komisi Informasi (ajudikasi)', mediasi: 'Mediasi (kesepakatan para pihak)' };

const OBJECTION_STATUS: Record<string, string> = { diproses: 'Diproses', dijawab: 'Dijawab', tidak_dijawab: 'Tidak dijawab dalam 30 hari kerja' };

/** One objection (objections.manage): its facts, the answer before it is signed, the dispute and its outcome. */
const ObjectionPanel = ({ id }: { id: string }) => {
  const t: T = useT();
  const { toggleNotification } = useNotification();
  const { data: o, error, loading, refetch } = useGet<any>(`/ppid/objections/${encodeURIComponent(id)}`);
  const [tick, setTick] = React.useState(0);
  const done = (message: string) => () => {
    toggleNotification({ type: 'success', message });
    refetch();
    setTick((n) => n + 1);
  };
  if (loading && !o) return <Loading />;
  if (error) return <ServerError message={error} />;
  if (!o) return null;
  return (
    <Box paddingBottom={6} data-testid={`ppid-objection-${o.number}`}>
      <Flex gap={2} alignItems="center" paddingBottom={2}>
        <Typography variant="epsilon" fontWeight="bold">{t('objection.title', 'Keberatan {number}', { number: o.number })}</Typography>
        <Badge active={o.status === 'dijawab'} data-testid="ppid-objection-status">{OBJECTION_STATUS[o.status] ?? o.status}</Badge>
      </Flex>
      <Grid.Root gap={3}>
        <Fact label={t('objection.received', 'Diterima')} value={formatWib(o.receivedAt)} />
        <Fact label={t('objection.due', 'Batas tanggapan (30 hari kerja)')} value={formatWib(o.dueAt)} />
        <Fact label={t('objection.komisi', 'Batas ke Komisi Informasi')} value={o.komisiInformasiDeadline ? formatWib(o.komisiInformasiDeadline) : '—'} />
        <Grid.Item col={12} direction="column" alignItems="flex-start">
          <Typography variant="sigma" textColor="neutral600">{t('objection.reasons', 'Alasan keberatan (Pasal 35 ayat 1)')}</Typography>
          {o.reasons.map((r: string) => <Typography key={r} tag="p">{`${r}. ${(OBJECTION_REASONS as any)[r] ?? ''}`}</Typography>)}
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="flex-start">
          <Typography variant="sigma" textColor="neutral600">{t('objection.statement', 'Kasus posisi')}</Typography>
          <Typography tag="p">{o.statement}</Typography>
        </Grid.Item>
      </Grid.Root>
      <Box paddingTop={4} paddingBottom={4}>
        <Typography variant="omega" fontWeight="bold">{t('objection.run', 'Alur kerja SOP keberatan')}</Typography>
        <Box paddingTop={2} style={{ maxWidth: 420 }}>
          <ItemRun uid={OBJECTION_UID} id={o.id} onChange={refetch} tick={tick} testId={`ppid-objection-run-${o.number}`} />
        </Box>
      </Box>
      <Box paddingTop={4}>
        {o.answer.answeredAt ? (
          <Typography data-testid="ppid-answer-signed">
            {t('answer.signed', 'Tanggapan ditandatangani {at}: {decision}.', { at: formatWib(o.answer.answeredAt), decision: o.answer.decision === 'menguatkan' ? 'menguatkan putusan PPID' : 'membatalkan putusan PPID' })}
          </Typography>
        ) : (
          <>
            {o.answer.decision ? (
              <Box paddingBottom={2}>
                <Typography tag="p" data-testid="ppid-answer-recorded">
                  {t('answer.recorded', 'Tanggapan tercatat ({decision}); menunggu tanda tangan Atasan PPID pada langkah SOP.', { decision: o.answer.decision })}
                </Typography>
              </Box>
            ) : null}
            <AnswerForm objection={o} onDone={done(t('answer.saved', 'Tanggapan {number} disimpan.', { number: o.number }))} />
          </>
        )}
      </Box>
      {o.status !== 'diproses' ? (
        <Box paddingTop={4}>
          <Typography variant="omega" fontWeight="bold">{t('dispute.title', 'Sengketa di Komisi Informasi (Pasal 37)')}</Typography>
          {o.dispute ? (
            <Box paddingTop={2} data-testid="ppid-dispute-recorded">
              <Typography tag="p">{t('dispute.recorded', 'Diajukan {date}, nomor register {number}.', { date: tanggal(o.dispute.filedAt), number: o.dispute.registerNumber })}</Typography>
              {o.dispute.outcome ? (
                <Typography tag="p" data-testid="ppid-outcome-recorded">{t('outcome.recorded', 'Hasil: {kind}, {date}. {summary}', { kind: DISPUTE_KINDS[o.dispute.outcome.kind] ?? o.dispute.outcome.kind, date: tanggal(o.dispute.outcome.date), summary: o.dispute.outcome.summary })}</Typography>
              ) : (
                <Box paddingTop={2}><OutcomeForm objection={o} onDone={done(t('outcome.saved', 'Hasil sengketa disimpan.'))} /></Box>
              )}
            </Box>
          ) : (
            <Box paddingTop={2}><DisputeForm objection={o} onDone={done(t('dispute.saved', 'Sengketa disimpan.'))} /></Box>
          )}
        </Box>
      ) : null}
    </Box>
  );
};

/**
 * The applicant's identity documents (requests.manage): shown only when the official asks, since
 * every read of the full identity number or the scan is logged (GET /ppid/requests/:id/applicant,
 * /identity-scan; the server masks them without requests.personal-data and logs refusals too).
 */
const ApplicantIdentity = ({ id, onRead }: { id: string; onRead: () => void }) => {
  const t: T = useT();
  const client = useFetchClient();
  const may = useHeld();
  const { download, busy, error: downloadError } = useDownload();
  const [a, setA] = React.useState<any>(null);
  const [loading, setLoading] = React.useState(false);
  const [problem, setProblem] = React.useState<FormProblem | null>(null);
  const show = async () => {
    setLoading(true);
    setProblem(null);
    try {
      const r: any = await client.get(`/ppid/requests/${encodeURIComponent(id)}/applicant`);
      setA(r.data?.data ?? null);
      onRead();
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setLoading(false);
    }
  };
  const full = may('requests.personal-data');
  return (
    <Box data-testid="ppid-applicant-identity">
      <Typography tag="p" variant="pi" textColor="neutral600">
        {full
          ? t('identity.help.full', 'Nomor identitas lengkap dan pindaian identitas hanya ditampilkan bila diminta; setiap pembacaan dicatat (siapa, kapan, dari mana).')
          : t('identity.help.masked', 'Nomor identitas ditampilkan tersamar; pindaian identitas hanya untuk pemegang izin data pribadi pemohon (requests.personal-data).')}
      </Typography>
      <ProblemBanner problem={problem} testId="ppid-identity-error" />
      {!a ? (
        <Flex paddingTop={3}>
          <Button variant="tertiary" onClick={show} loading={loading} data-testid="ppid-identity-show">
            {t('identity.show', 'Tampilkan data identitas pemohon')}
          </Button>
        </Flex>
      ) : (
        <Box paddingTop={3}>
          <Grid.Root gap={4}>
            <Fact label={t('identity.number', 'Nomor identitas')} value={a.identityNumber ?? '—'} testId="ppid-identity-number" />
            <Fact label={t('identity.email', 'E-mail')} value={a.email || '—'} />
            <Fact label={t('identity.phone', 'Telepon')} value={a.phone || '—'} />
            <Fact
              label={t('identity.scan', 'Pindaian identitas')}
              testId="ppid-identity-scan-state"
              value={
                a.identityScan?.present
                  ? t('identity.scan.present', 'Ada ({size} KB)', { size: Math.max(1, Math.round((a.identityScan.size ?? 0) / 1024)) })
                  : a.identityScan?.deletedAt
                    ? t('identity.scan.deleted', 'Dihapus {at} (masa simpan habis)', { at: formatWib(a.identityScan.deletedAt) })
                    : t('identity.scan.none', 'Tidak dilampirkan')
              }
            />
          </Grid.Root>
          {a.identityScan?.present && a.identityScan.readable ? (
            <Flex paddingTop={3} gap={2}>
              <Button variant="secondary" loading={busy === 'scan'} onClick={async () => { await download('scan', `/ppid/requests/${encodeURIComponent(id)}/identity-scan`, 'pindaian-identitas'); onRead(); }} data-testid="ppid-identity-scan-download">
                {t('identity.scan.download', 'Unduh pindaian identitas')}
              </Button>
            </Flex>
          ) : null}
          {downloadError ? <Typography tag="p" textColor="danger600" data-testid="ppid-identity-scan-error">{downloadError}</Typography> : null}
        </Box>
      )}
    </Box>
  );
};

const LOG_SUBJECTS: Record<string, string> = { 'identity-number': 'Nomor identitas', 'identity-scan': 'Pindaian identitas' };
const LOG_OUTCOMES: Record<string, string> = { read: 'Dibaca', refused: 'Ditolak', deleted: 'Dihapus (masa simpan)' };

/** The log of reads of this applicant's identity documents, for auditors (records.personal-data). */
const PersonalDataLog = ({ number, tick }: { number: string; tick: number }) => {
  const t: T = useT();
  const { data, error, loading, refetch } = useGet<any>(`/ppid/personal-data-log?request=${encodeURIComponent(number)}&pageSize=50`);
  React.useEffect(() => {
    if (tick) refetch();
  }, [tick]);
  if (loading && !data) return <Loading />;
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  const rows: any[] = Array.isArray(data) ? data : [];
  return (
    <Box paddingTop={4} data-testid="ppid-personal-data-log">
      <Typography variant="omega" fontWeight="bold">{t('identity.log', 'Catatan akses data pribadi pemohon')}</Typography>
      {!rows.length ? (
        <Box paddingTop={2}><Typography textColor="neutral600">{t('identity.log.none', 'Belum ada akses tercatat.')}</Typography></Box>
      ) : (
        <Box paddingTop={2}>
          {rows.map((r) => (
            <Typography key={r.id} tag="p" variant="pi" data-testid="ppid-personal-data-log-row">
              {`${formatWib(r.at)} · ${LOG_SUBJECTS[r.subject] ?? r.subject} · ${LOG_OUTCOMES[r.outcome] ?? r.outcome}${r.user ? ` · ${r.user.email}` : ''}${r.ip ? ` · ${r.ip}` : ''}${r.reason ? ` · ${r.reason}` : ''}`}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
};

export const RequestDetailPage = () => {
  const t: T = useT();
  const { id = '' } = useParams();
  const may = useHeld();
  const { toggleNotification } = useNotification();
  const { data: r, error, loading, refetch } = useGet<any>(`/ppid/requests/${encodeURIComponent(id)}`);
  const [tick, setTick] = React.useState(0);
  const saved = (message: string) => () => {
    toggleNotification({ type: 'success', message });
    refetch();
    setTick((n) => n + 1);
  };
  if (loading && !r) return <Loading />;
  if (error || !r) return <Layouts.Content><ServerError message={error ?? '—'} title={`GET /ppid/requests/${id}`} /></Layouts.Content>;
  const open = !r.decidedAt && r.run && !['completed', 'published', 'cancelled'].includes(r.run.status);
  return (
    <>
      <Layouts.Header
        title={t('desk.detail.title', 'Permohonan {number}', { number: r.number })}
        subtitle={r.applicant.name}
        navigationAction={<Link to="/plugins/ppid/requests">{t('desk.back', '‹ Daftar permohonan')}</Link>}
      />
      <Layouts.Content>
        <Section title={t('desk.facts', 'Data permohonan')} testId="ppid-request-facts">
          <Grid.Root gap={4}>
            <Fact label={t('desk.col.status', 'Status')} value={<Badge active={r.status === 'selesai' || r.status === 'diputuskan'}>{REQUEST_STATUS_LABELS[r.status] ?? r.status}</Badge>} testId="ppid-request-status" />
            <Fact label={t('desk.col.received', 'Diterima')} value={formatWib(r.receivedAt)} />
            <Fact label={t('desk.col.due', 'Batas pemberitahuan')} value={formatWib(r.dueAt)} testId="ppid-request-due" />
            <Fact label={t('desk.col.channel', 'Melalui')} value={`${CHANNEL_LABELS[r.channel] ?? r.channel}${r.enteredBy ? ` · ${t('desk.enteredBy', 'dicatat oleh {nama}', { nama: r.enteredBy.nama })}` : ''}`} />
            <Fact label={t('desk.applicant.type', 'Jenis pemohon')} value={labelOf(APPLICANT_TYPES, r.applicant.type)} />
            <Fact label={t('desk.applicant.address', 'Alamat')} value={r.applicant.address} />
            <Grid.Item col={6} s={12} direction="column" alignItems="flex-start">
              <Typography variant="sigma" textColor="neutral600">{t('desk.information', 'Informasi yang dimohon')}</Typography>
              <Typography>{r.information}</Typography>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="flex-start">
              <Typography variant="sigma" textColor="neutral600">{t('desk.purpose', 'Tujuan penggunaan informasi')}</Typography>
              <Typography>{r.purpose}</Typography>
            </Grid.Item>
            <Fact label={t('desk.obtainBy', 'Cara memperoleh informasi')} value={labelOf(OBTAIN_BY, r.obtainBy)} />
            <Fact label={t('desk.deliverBy', 'Cara mendapatkan salinan')} value={labelOf(DELIVER_BY, r.deliverBy)} />
            <Fact label={t('desk.run', 'Alur kerja SOP')} value={r.run ? <Link to={`/plugins/ppid/runs/${r.run.id}`}>{t('desk.run.step', 'Langkah {step} · {role}', { step: r.run.currentStep, role: r.run.currentRoleLabel ?? r.run.currentRole })}</Link> : '—'} />
            {r.outcome ? <Fact label={t('desk.outcome', 'Keputusan')} value={`${OUTCOME_LABELS[r.outcome] ?? r.outcome}${r.decidedAt ? ` · ${formatWib(r.decidedAt)}` : ''}`} testId="ppid-request-outcome" /> : null}
          </Grid.Root>
        </Section>

        {may('requests.manage') ? (
          <Section title={t('identity.title', 'Identitas pemohon (data pribadi)')} testId="ppid-request-identity">
            <ApplicantIdentity id={r.id} onRead={() => setTick((n) => n + 1)} />
            {may('records.personal-data') ? <PersonalDataLog number={r.number} tick={tick} /> : null}
          </Section>
        ) : null}

        <Section title={t('desk.runTitle', 'Alur kerja SOP pelayanan permohonan')} testId="ppid-request-run">
          <Box style={{ maxWidth: 420 }}>
            <ItemRun uid={REQUEST_UID} id={r.id} onChange={refetch} tick={tick} testId="ppid-request-workflow" />
          </Box>
        </Section>

        <Section title={t('extension.title', 'Perpanjangan waktu (Pasal 22 ayat 8)')} help={t('extension.help', 'Satu kali, sebelum batas waktu, paling lama 7 hari kerja, dengan alasan tertulis; pemohon diberi tahu melalui e-mail.')} testId="ppid-extension">
          {r.extension ? (
            <Typography data-testid="ppid-extension-recorded">
              {t('extension.recorded', 'Diperpanjang {days} hari kerja: dari {from} menjadi {to}. Alasan: {reasons}', { days: r.extension.days, from: formatWib(r.extension.originalDueAt), to: formatWib(r.dueAt), reasons: r.extension.reasons })}
            </Typography>
          ) : !may('requests.manage') ? (
            <Typography textColor="neutral600">{t('extension.none', 'Belum diperpanjang.')}</Typography>
          ) : r.decidedAt ? (
            <Typography textColor="neutral600">{t('extension.decided', 'Pemberitahuan tertulis sudah ditandatangani.')}</Typography>
          ) : (
            <ExtensionForm id={r.id} onDone={saved(t('extension.saved', 'Batas waktu diperpanjang.'))} />
          )}
        </Section>

        <Section title={t('notice.title', 'Pemberitahuan tertulis (Pasal 22 ayat 7)')} help={t('notice.help', 'Isi pemberitahuan dicatat di sini, lalu ditandatangani PPID pada langkah keputusan SOP 101.')} testId="ppid-notice">
          {r.decidedAt ? (
            <Typography data-testid="ppid-notice-signed">{t('notice.signed', 'Ditandatangani {at}: {outcome}.', { at: formatWib(r.decidedAt), outcome: OUTCOME_LABELS[r.outcome] ?? r.outcome })}</Typography>
          ) : !may('requests.manage') ? (
            <Typography textColor="neutral600">{t('notice.none', 'Belum diputuskan.')}</Typography>
          ) : open ? (
            <NoticeForm id={r.id} runId={r.run?.id ?? null} onDone={saved(t('notice.saved', 'Isi pemberitahuan tertulis disimpan.'))} />
          ) : (
            <Typography textColor="neutral600">{t('notice.closed', 'Alur kerja permohonan ini sudah ditutup.')}</Typography>
          )}
        </Section>

        <Section title={t('objections.title', 'Keberatan (Pasal 35-38)')} testId="ppid-objections">
          {!r.objections.length ? (
            <Typography textColor="neutral600">{t('objections.none', 'Tidak ada keberatan.')}</Typography>
          ) : may('objections.manage') ? (
            r.objections.map((o: any) => <ObjectionPanel key={o.id} id={o.id} />)
          ) : (
            r.objections.map((o: any) => (
              <Typography key={o.id} tag="p">{`${o.number} · ${formatWib(o.receivedAt)}${o.answeredAt ? ` · ${t('objection.answered', 'dijawab')}` : ''}`}</Typography>
            ))
          )}
        </Section>
      </Layouts.Content>
    </>
  );
};
