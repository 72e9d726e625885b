import * as React from 'react';
import { Link } from 'react-router-dom';
import { adminApi, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useDispatch } from 'react-redux';
import {
  Badge, Box, Button, Checkbox, Divider, Field, Flex, LinkButton, Modal, SingleSelect, SingleSelectOption, TextInput, Textarea, Typography,
} from '@strapi/design-system';
import { RecordEntry, useActErrorText, useGet, useT } from './Shared';
import { STATUS_LABELS, errorMessage, formatWib, timeLeft } from '../utils/api';
import { useDownload } from '../utils/transfer';

/** `start`: per SOP, whether the viewer may open its run (step 1's pelaksana) and why not. */
type StartOption = { allowed: boolean; message: string | null };
type ItemRuns = { governed: boolean; sopCodes: string[]; start?: Record<string, StartOption>; active: any | null; runs: any[] };


/** The runs of one item (and what the viewer may do), through the shared useGet. */
export function useItemRuns(uid: string | undefined, documentId: string | undefined, locale?: string | null) {
  const url = uid && documentId && documentId !== 'create' ? `/ppid/items/${encodeURIComponent(uid)}/${documentId}/runs` : null;
  return useGet<ItemRuns>(url, locale ? { locale } : undefined);
}

type ActKind = 'approve' | 'submit' | 'return' | 'handover' | 'publish' | 'cancel';

export const actLabel = (act: ActKind, recordKind: string | null | undefined, t: ReturnType<typeof useT>) => {
  if (act === 'approve') {
    if (recordKind === 'paraf') return t('act.paraf', 'Paraf');
    if (recordKind === 'tanda_tangan') return t('act.tandaTangan', 'Tanda tangan');
    return t('act.approve', 'Setujui');
  }
  const labels: Record<string, [string, string]> = {
    submit: ['act.submit', 'Ajukan'],
    return: ['act.return', 'Kembalikan'],
    handover: ['act.handover', 'Serahkan'],
    publish: ['act.publish', 'Terbitkan'],
    cancel: ['act.cancel', 'Batalkan'],
  };
  const [id, d] = labels[act] ?? [`act.${act}`, act];
  return t(id, d);
};

const ActDialog = ({ run, act, onClose, onDone }: { run: any; act: ActKind; onClose: () => void; onDone: () => void }) => {
  const t = useT();
  const actError = useActErrorText();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const kind = act === 'approve' ? run.currentStep.recordKind : null;
  const isSignature = kind === 'tanda_tangan' || kind === 'paraf';
  // Only where the server will check it (tanda tangan; paraf when the body configured it).
  const needsPassword = isSignature && (run.currentStep.requiresPassword ?? kind === 'tanda_tangan');
  const [comment, setComment] = React.useState('');
  const [password, setPassword] = React.useState('');
  const [confirm, setConfirm] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const label = actLabel(act, kind, t);
  const commentRequired = act === 'return' || act === 'cancel';
  const ready =
    (!commentRequired || comment.trim().length > 0) &&
    (!isSignature || confirm) &&
    (!needsPassword || password.length > 0);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { act, expectedVersion: run.version };
      if (act === 'cancel') body.reason = comment.trim();
      else if (comment.trim()) body.comment = comment.trim();
      if (isSignature) {
        body.confirmIntent = confirm;
        if (needsPassword && password) body.password = password;
      }
      await post(`/ppid/runs/${run.id}/acts`, body);
      toggleNotification({ type: 'success', message: t('panel.done', '{act}: berhasil dicatat', { act: label }) });
      onDone();
    } catch (e) {
      setError(actError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal.Root open onOpenChange={(o: boolean) => !o && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{`${label} — ${t('col.step', 'Langkah')} ${run.currentStep.number}`}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>{run.currentStep.activity}</Typography>
            {isSignature && run.currentStep.intentStatement ? (
              <Box background="primary100" padding={3} hasRadius data-testid="ppid-intent">
                <Typography fontWeight="semiBold">{run.currentStep.intentStatement}</Typography>
              </Box>
            ) : null}
            <Field.Root name="comment" required={commentRequired}>
              <Field.Label>
                {act === 'cancel' ? t('panel.reason', 'Alasan pembatalan') : act === 'return' ? t('panel.returnNote', 'Catatan perbaikan') : t('panel.comment', 'Catatan (opsional)')}
              </Field.Label>
              <Textarea name="comment" value={comment} onChange={(e: any) => setComment(e.target.value)} />
            </Field.Root>
            {isSignature ? (
              <>
                <Checkbox name="confirmIntent" checked={confirm} onCheckedChange={(c: any) => setConfirm(c === true)}>
                  {t('panel.confirmIntent', 'Saya menyetujui pernyataan di atas')}
                </Checkbox>
                {needsPassword ? (
                  <Field.Root name="password" required hint={t('panel.passwordHint', 'Kata sandi akun Anda, sebagai bukti bahwa Anda sendiri yang menandatangani.')}>
                    <Field.Label>{t('panel.password', 'Kata sandi')}</Field.Label>
                    <TextInput type="password" name="password" autoComplete="current-password" value={password} onChange={(e: any) => setPassword(e.target.value)} />
                    <Field.Hint />
                  </Field.Root>
                ) : null}
              </>
            ) : null}
            {error ? (
              <Typography textColor="danger600" data-testid="ppid-act-error">{error}</Typography>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('panel.close', 'Batal')}</Button>
          </Modal.Close>
          <Button variant={act === 'return' || act === 'cancel' ? 'danger' : 'default'} loading={busy} disabled={!ready} onClick={submit} data-testid="ppid-act-confirm">
            {label}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/**
 * The run's papers: the approval form (formulir persetujuan publikasi, PDF with every paraf and
 * signature block) fetched with the admin JWT and saved, and the SOP document page.
 */
export const RunDocuments = ({ runId, sopCode, form = true }: { runId: string; sopCode: string; form?: boolean }) => {
  const t = useT();
  const { download, busy, error } = useDownload();
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      {form ? <Button
        variant="tertiary"
        size="S"
        fullWidth
        loading={busy === 'form'}
        onClick={() => download('form', `/ppid/runs/${runId}/form.pdf`, `formulir-persetujuan-${runId}.pdf`)}
        data-testid="ppid-form-pdf"
      >
        {t('panel.formPdf', 'Formulir persetujuan publikasi (PDF)')}
      </Button> : null}
      {/* A button-sized link: a thumb on a phone reaches it as easily as the form above. */}
      <LinkButton tag={Link} to={`/plugins/ppid/sops/${encodeURIComponent(sopCode)}`} variant="tertiary" size="S" fullWidth data-testid="ppid-sop-link">
        {t('panel.sopDocument', 'Dokumen SOP')}
      </LinkButton>
      {error ? <Typography textColor="danger600" variant="pi" data-testid="ppid-form-error">{error}</Typography> : null}
    </Flex>
  );
};

/** After an act the Content Manager reloads the document, so its status badge and actions follow. */
function useRefreshDocument(uid: string, documentId: string) {
  const dispatch = useDispatch();
  return () =>
    dispatch(
      adminApi.util.invalidateTags([
        { type: 'Document', id: `${uid}_${documentId}` },
        { type: 'Document', id: `${uid}_ALL_ITEMS` },
      ] as any)
    );
}

const SubmitBox = ({ uid, documentId, locale, sopCodes, start, onDone }: { uid: string; documentId: string; locale?: string | null; sopCodes: string[]; start?: Record<string, StartOption>; onDone: () => void }) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [sopCode, setSopCode] = React.useState(sopCodes[0] ?? '');
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await post('/ppid/runs', { uid, documentId, ...(locale ? { locale } : {}), ...(sopCode ? { sopCode } : {}) });
      toggleNotification({ type: 'success', message: t('panel.submitted', 'Diajukan ke SOP') });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="pi" textColor="neutral600">{t('panel.noRun', 'Belum ada alur kerja berjalan untuk informasi ini.')}</Typography>
      {sopCodes.length > 1 ? (
        <SingleSelect aria-label="SOP" value={sopCode} onChange={(v: any) => setSopCode(String(v))}>
          {sopCodes.map((c) => (
            <SingleSelectOption key={c} value={c}>{c}</SingleSelectOption>
          ))}
        </SingleSelect>
      ) : null}
      {/* A run starts when the SOP starts: only step 1's pelaksana may open it; others are told who does. */}
      {start?.[sopCode] && !start[sopCode].allowed ? (
        <Typography tag="p" variant="pi" textColor="neutral700" data-testid="ppid-start-not-allowed">{start[sopCode].message}</Typography>
      ) : (
        <Button fullWidth loading={busy} onClick={submit} data-testid="ppid-submit-run">{t('panel.submitToSop', 'Ajukan ke SOP')}</Button>
      )}
      {error ? <Typography textColor="danger600" variant="pi" data-testid="ppid-act-error">{error}</Typography> : null}
    </Flex>
  );
};

/**
 * `service`: the run of a request or an objection (the information service), not of a publication:
 * no publication approval form, no "edit in the form" hint, no publish note.
 */
export const WorkflowPanelContent = ({ uid, documentId, locale, info, refetch, docStatus, service = false }: { uid: string; documentId: string; locale?: string | null; info: ItemRuns; refetch: () => void; docStatus?: string | null; service?: boolean }) => {
  const t = useT();
  const [dialog, setDialog] = React.useState<ActKind | null>(null);
  const refreshDocument = useRefreshDocument(uid, documentId);
  const run = info.active;
  const left = run ? timeLeft(run.currentStep.dueAt) : null;
  // Published through the SOP and unchanged since: nothing to submit until the content changes.
  const lastRun = info.runs[0];
  const publishedUnchanged = !run && lastRun?.status === 'published' && docStatus !== 'modified' && docStatus !== 'draft';
  const past = info.runs.filter((r) => r.documentId !== run?.id && !(publishedUnchanged && r.documentId === lastRun.documentId));
  const buttons = ((run?.allowedActs ?? []) as string[]).filter((a) => a !== 'edit') as ActKind[];
  const canEdit = ((run?.allowedActs ?? []) as string[]).includes('edit');
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="ppid-panel">
      {run ? (
        <>
          <Box>
            <Typography variant="sigma" textColor="neutral600">SOP</Typography>
            <Typography tag="p" variant="omega">{run.sop.name}</Typography>
            <Typography tag="p" variant="pi" textColor="neutral600">{run.sop.nomorSop ?? run.sop.code} · v{run.sop.version}</Typography>
          </Box>
          <Box>
            <Flex gap={2} alignItems="center">
              <Typography variant="sigma" textColor="neutral600">{t('panel.current', 'Langkah sekarang')}</Typography>
              <Badge active={run.status === 'in_progress'}>{STATUS_LABELS[run.status] ?? run.status}</Badge>
            </Flex>
            <Typography tag="p" fontWeight="semiBold" data-testid="ppid-current-step">
              {`${t('col.step', 'Langkah')} ${run.currentStep.number} · ${run.currentStep.roleLabel}`}
            </Typography>
            <Typography tag="p" variant="omega" style={{ overflowWrap: 'anywhere' }}>{run.currentStep.activity}</Typography>
            {left ? (
              <Typography tag="p" variant="pi" textColor={left.overdue ? 'danger600' : 'neutral600'} fontWeight={left.overdue ? 'bold' : undefined}>
                {left.text} ({formatWib(run.currentStep.dueAt, run.timeZone)})
              </Typography>
            ) : null}
          </Box>
          {canEdit && !service ? (
            <Typography tag="p" variant="pi" textColor="neutral700" data-testid="ppid-edit-hint">
              {t('panel.editHint', 'Pada langkah ini isi informasi boleh diubah: ubah di formulir lalu Simpan; perubahan tercatat di alur kerja.')}
            </Typography>
          ) : null}
          {buttons.length ? (
            <Flex direction="column" alignItems="stretch" gap={2}>
              {buttons.map((a) => (
                <Button
                  key={a}
                  fullWidth
                  variant={a === 'return' || a === 'cancel' ? 'danger-light' : a === 'approve' || a === 'publish' ? 'default' : 'secondary'}
                  onClick={() => setDialog(a)}
                  data-testid={`ppid-act-${a}`}
                >
                  {actLabel(a, run.currentStep.recordKind, t)}
                </Button>
              ))}
            </Flex>
          ) : (
            <Typography variant="pi" textColor="neutral600">
              {t('panel.waiting', 'Menunggu {role}.', { role: run.currentStep.roleLabel })}
            </Typography>
          )}
          {dialog ? <ActDialog run={run} act={dialog} onClose={() => setDialog(null)} onDone={() => { setDialog(null); refetch(); refreshDocument(); }} /> : null}
          <RunDocuments runId={run.id} sopCode={run.sop.code} form={!service} />
        </>
      ) : publishedUnchanged ? (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="ppid-published">
          <Flex gap={2} alignItems="center">
            <Badge active>{STATUS_LABELS.published}</Badge>
            <Typography variant="pi" textColor="neutral600">{formatWib(lastRun.endedAt ?? lastRun.startedAt)}</Typography>
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {t('panel.publishedNote', 'Diterbitkan melalui SOP. Untuk perubahan, ubah isi lalu Simpan dan ajukan kembali.')}
          </Typography>
          <RunDocuments runId={lastRun.documentId} sopCode={lastRun.sopCode} />
        </Flex>
      ) : (
        <SubmitBox uid={uid} documentId={documentId} locale={locale} sopCodes={info.sopCodes} start={info.start} onDone={() => { refetch(); refreshDocument(); }} />
      )}
      {service ? null : (
        <Typography variant="pi" textColor="neutral600" data-testid="ppid-publish-note">
          {t('panel.publishNote', 'Terbitkan hanya melalui langkah terakhir SOP.')}
        </Typography>
      )}
      {run?.records?.length ? (
        <>
          <Divider />
          <Typography variant="sigma" textColor="neutral600">{t('runs.timeline', 'Riwayat')}</Typography>
          <Box>
            {[...run.records].reverse().map((r: any) => (
              <RecordEntry key={r.seq} record={r} timeZone={run.timeZone} />
            ))}
          </Box>
          <Link to={`/plugins/ppid/runs/${run.id}`}>{t('panel.openRun', 'Lihat alur kerja')}</Link>
        </>
      ) : null}
      {past.length ? (
        <>
          <Divider />
          <Typography variant="sigma" textColor="neutral600">{t('panel.pastRuns', 'Alur kerja sebelumnya')}</Typography>
          {past.map((r) => (
            <Link key={r.documentId} to={`/plugins/ppid/runs/${r.documentId}`} data-testid="ppid-past-run">
              {`${STATUS_LABELS[r.status] ?? r.status} · ${formatWib(r.endedAt ?? r.startedAt)}`}
            </Link>
          ))}
        </>
      ) : null}
    </Flex>
  );
};

/** Content Manager edit view side panel (a description: returns { title, content } or null). */
export const WorkflowPanel = (props: any) => {
  const t = useT();
  const { model, documentId, document } = props;
  const locale = document?.locale ?? null;
  const { data, error, refetch } = useItemRuns(model, documentId, locale);
  if (!documentId || documentId === 'create') return null;
  if (error) return { title: t('panel.title', 'Alur kerja SOP'), content: <Typography textColor="danger600">{error}</Typography> };
  if (!data || !data.governed) return null;
  return {
    title: t('panel.title', 'Alur kerja SOP'),
    content: <WorkflowPanelContent uid={model} documentId={documentId} locale={locale} info={data} refetch={refetch} docStatus={document?.status ?? null} />,
  };
};
(WorkflowPanel as any).type = 'ppid-workflow';
