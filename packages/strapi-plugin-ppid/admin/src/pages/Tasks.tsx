import * as React from 'react';
import { Link } from 'react-router-dom';
import { Layouts, useFetchClient } from '@strapi/strapi/admin';
import {
  Badge, Box, Button, Checkbox, EmptyStateLayout, Field, Flex, Modal, SingleSelect, SingleSelectOption, TextInput, Typography,
} from '@strapi/design-system';
import { Loading, ServerError, refusalOf, useGet, useT } from '../components/Shared';
import { cmEditUrl, errorMessage, formatWib, timeLeft } from '../utils/api';

const ALL = '__all__';
/** As the server caps a bulk act (validation/workflow.ts BULK_ACT_MAX). */
const BULK_MAX = 50;

type T = (id: string, d: string, v?: Record<string, any>) => string;

/**
 * Rows that can be acted on together: a paraf or tanda tangan step, grouped by kind and by the
 * statement the official confirms (a DIP decree is not signed with a publication's statement).
 */
const bulkGroup = (task: any): string | null =>
  task.step?.act !== 'handover' && (task.step?.recordKind === 'paraf' || task.step?.recordKind === 'tanda_tangan')
    ? `${task.step.recordKind}|${task.step.requiresPassword ? 1 : 0}|${task.step.intentStatement ?? ''}`
    : null;

/**
 * The officer's home: one card per step waiting on them. Cards wrap instead of a wide table so
 * the deadline and unit stay on screen from a phone to a desktop.
 */
export const TasksPage = () => {
  const t: T = useT();
  const { data, error, loading, refetch } = useGet<any[]>('/ppid/tasks');
  // Bulk acts: rows of one kind of step, chosen by checkbox, acted on with one confirmation.
  const [selected, setSelected] = React.useState<string[]>([]);
  const [bulkOpen, setBulkOpen] = React.useState(false);
  const [sop, setSop] = React.useState(ALL);
  const [unit, setUnit] = React.useState(ALL);
  const sops = React.useMemo(() => {
    const m = new Map<string, string>();
    for (const task of data ?? []) m.set(task.sop.code, task.sop.name ?? task.sop.code);
    return [...m.entries()];
  }, [data]);
  const units = React.useMemo(() => [...new Set((data ?? []).map((task) => task.unit).filter(Boolean) as string[])].sort(), [data]);
  const shown = (data ?? []).filter((task) => (sop === ALL || task.sop.code === sop) && (unit === ALL || task.unit === unit));
  const chosen = (data ?? []).filter((task) => selected.includes(task.runId));
  const group = chosen.length ? bulkGroup(chosen[0]) : null;
  const toggle = (runId: string, on: boolean) =>
    setSelected((cur) => (on ? (cur.includes(runId) || cur.length >= BULK_MAX ? cur : [...cur, runId]) : cur.filter((x) => x !== runId)));
  const kind = chosen[0]?.step?.recordKind;
  return (
    <>
      <Layouts.Header title={t('tasks.title', 'Tugas Saya')} subtitle={t('tasks.subtitle', 'Langkah SOP yang menunggu tindakan Anda; yang terlambat di atas')} />
      <Layouts.Content>
        {loading ? <Loading /> : null}
        {error ? <ServerError message={error} /> : null}
        {data && !data.length ? <EmptyStateLayout content={t('tasks.empty', 'Tidak ada tugas yang menunggu Anda.')} /> : null}
        {data && data.length ? (
          <>
            <Flex gap={4} wrap="wrap" paddingBottom={4} alignItems="flex-end">
              <Box style={{ flex: '1 1 240px', maxWidth: 420 }}>
                <Field.Root name="sop">
                  <Field.Label>SOP</Field.Label>
                  <SingleSelect value={sop} onChange={(v: any) => setSop(String(v))} data-testid="ppid-tasks-sop">
                    <SingleSelectOption value={ALL}>{t('tasks.allSops', 'Semua SOP')}</SingleSelectOption>
                    {sops.map(([code, name]) => (
                      <SingleSelectOption key={code} value={code}>{name}</SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box style={{ flex: '1 1 240px', maxWidth: 420 }}>
                <Field.Root name="unit">
                  <Field.Label>{t('col.unit', 'Unit')}</Field.Label>
                  <SingleSelect value={unit} onChange={(v: any) => setUnit(String(v))} data-testid="ppid-tasks-unit">
                    <SingleSelectOption value={ALL}>{t('tasks.allUnits', 'Semua unit')}</SingleSelectOption>
                    {units.map((u) => (
                      <SingleSelectOption key={u} value={u}>{u}</SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
            </Flex>
            {chosen.length ? (
              <Box
                background="primary100"
                hasRadius
                padding={3}
                marginBottom={3}
                borderColor="primary200"
                borderStyle="solid"
                borderWidth="1px"
                data-testid="ppid-bulk-bar"
                style={{ position: 'sticky', top: 0, zIndex: 2 }}
              >
                <Flex gap={3} wrap="wrap" alignItems="center" justifyContent="space-between">
                  <Typography fontWeight="semiBold">
                    {t('bulk.selected', '{n} item dipilih', { n: chosen.length })}
                    {chosen.length >= BULK_MAX ? ` ${t('bulk.max', '(paling banyak {max} sekaligus)', { max: BULK_MAX })}` : ''}
                  </Typography>
                  <Flex gap={2} wrap="wrap">
                    <Button variant="tertiary" onClick={() => setSelected([])} data-testid="ppid-bulk-clear">
                      {t('bulk.clear', 'Batalkan pilihan')}
                    </Button>
                    <Button onClick={() => setBulkOpen(true)} data-testid="ppid-bulk-open">
                      {kind === 'tanda_tangan'
                        ? t('bulk.sign', 'Tanda tangani terpilih ({n})', { n: chosen.length })
                        : t('bulk.paraf', 'Paraf terpilih ({n})', { n: chosen.length })}
                    </Button>
                  </Flex>
                </Flex>
              </Box>
            ) : null}
            <Flex direction="column" alignItems="stretch" gap={3} tag="ul">
              {shown.map((task) => {
                const g = bulkGroup(task);
                return (
                  <TaskCard
                    key={task.runId}
                    task={task}
                    t={t}
                    selectable={!!g && (!group || g === group)}
                    selected={selected.includes(task.runId)}
                    onSelect={g ? (on: boolean) => toggle(task.runId, on) : undefined}
                  />
                );
              })}
            </Flex>
          </>
        ) : null}
        {bulkOpen && chosen.length ? (
          <BulkDialog
            tasks={chosen}
            t={t}
            onClose={(acted) => {
              setBulkOpen(false);
              if (acted) {
                setSelected([]);
                refetch();
              }
            }}
          />
        ) : null}
      </Layouts.Content>
    </>
  );
};

const refusalText = (r: any, t: T): string => {
  const known = refusalOf(r.error?.details?.reason);
  if (known) return t(known[0], known[1]);
  if (r.status === 404) return t('bulk.why.notFound', 'Alur kerja tidak ditemukan.');
  return r.error?.message ?? t('bulk.why.unknown', 'Tidak dapat dicatat.');
};

/**
 * One confirmation for several acts: the titles listed, the statement confirmed once, the
 * password asked once where the step requires it; then each item's own outcome.
 */
const BulkDialog = ({ tasks, t, onClose }: { tasks: any[]; t: T; onClose: (acted: boolean) => void }) => {
  const { post } = useFetchClient();
  const step = tasks[0].step;
  const signs = step.recordKind === 'tanda_tangan';
  const needsPassword = !!step.requiresPassword;
  const [confirm, setConfirm] = React.useState(false);
  const [password, setPassword] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [outcome, setOutcome] = React.useState<{ results: any[]; done: number; failed: number } | null>(null);
  const label = signs ? t('bulk.signTitle', 'Tanda tangani {n} item', { n: tasks.length }) : t('bulk.parafTitle', 'Paraf {n} item', { n: tasks.length });
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = {
        act: 'approve',
        runIds: tasks.map((x) => x.runId),
        // The step each item was at on this screen: one that moved on meanwhile is refused on its own.
        steps: Object.fromEntries(tasks.map((x) => [x.runId, x.step.number])),
        confirmIntent: confirm,
      };
      if (needsPassword) body.password = password;
      const res: any = await post('/ppid/acts/bulk', body);
      setOutcome(res.data.data);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal.Root open onOpenChange={(o: boolean) => !o && onClose(!!outcome)}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{label}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {outcome ? (
            <Flex direction="column" alignItems="stretch" gap={3} data-testid="ppid-bulk-results">
              <Typography fontWeight="bold" data-testid="ppid-bulk-summary">
                {t('bulk.summary', '{done} berhasil dicatat, {failed} tidak', { done: outcome.done, failed: outcome.failed })}
              </Typography>
              <Flex direction="column" alignItems="stretch" gap={2} tag="ol">
                {outcome.results.map((r) => (
                  <Box
                    key={r.runId}
                    tag="li"
                    padding={2}
                    hasRadius
                    background={r.ok ? 'success100' : 'danger100'}
                    data-testid="ppid-bulk-result"
                    data-ok={r.ok ? 'true' : 'false'}
                  >
                    <Flex gap={2} alignItems="flex-start">
                      <Badge backgroundColor={r.ok ? 'success200' : 'danger200'} textColor={r.ok ? 'success700' : 'danger700'}>
                        {r.ok ? t('bulk.ok', 'Berhasil') : t('bulk.failed', 'Gagal')}
                      </Badge>
                      <Box style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                        <Typography tag="p" fontWeight="semiBold">
                          {r.title ?? tasks.find((x) => x.runId === r.runId)?.item?.title ?? t('tasks.untitled', '(tanpa judul)')}
                        </Typography>
                        <Typography tag="p" variant="pi" textColor="neutral700">
                          {r.ok
                            ? t('bulk.nextStep', 'Diteruskan ke langkah {step}', { step: r.run?.currentStep })
                            : refusalText(r, t)}
                        </Typography>
                      </Box>
                    </Flex>
                  </Box>
                ))}
              </Flex>
            </Flex>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography>
                {t('bulk.intro', 'Setiap item dicatat sebagai tindakan tersendiri, dengan catatan dan verifikasinya sendiri:')}
              </Typography>
              <Flex direction="column" alignItems="stretch" gap={1} tag="ol" data-testid="ppid-bulk-titles" style={{ paddingLeft: 20, listStyle: 'decimal' }}>
                {tasks.map((x) => (
                  <Typography key={x.runId} tag="li">
                    {x.item.title ?? t('tasks.untitled', '(tanpa judul)')}{' '}
                    <Typography variant="pi" textColor="neutral600">
                      ({t('tasks.stepLabel', 'Langkah')} {x.step.number}{x.unit ? `, ${x.unit}` : ''})
                    </Typography>
                  </Typography>
                ))}
              </Flex>
              {step.intentStatement ? (
                <Box background="primary100" padding={3} hasRadius data-testid="ppid-intent">
                  <Typography fontWeight="semiBold">{step.intentStatement}</Typography>
                </Box>
              ) : null}
              <Checkbox name="confirmIntent" checked={confirm} onCheckedChange={(c: any) => setConfirm(c === true)}>
                {t('bulk.confirmIntent', 'Saya menyetujui pernyataan di atas untuk setiap item yang tercantum')}
              </Checkbox>
              {needsPassword ? (
                <Field.Root name="password" required hint={t('bulk.passwordHint', 'Kata sandi akun Anda, diminta sekali untuk semua item.')}>
                  <Field.Label>{t('panel.password', 'Kata sandi')}</Field.Label>
                  <TextInput type="password" name="password" autoComplete="current-password" value={password} onChange={(e: any) => setPassword(e.target.value)} />
                  <Field.Hint />
                </Field.Root>
              ) : null}
              {error ? <Typography textColor="danger600" data-testid="ppid-act-error">{error}</Typography> : null}
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          {outcome ? (
            <Button onClick={() => onClose(true)} data-testid="ppid-bulk-done">{t('bulk.done', 'Selesai')}</Button>
          ) : (
            <>
              <Modal.Close>
                <Button variant="tertiary">{t('panel.close', 'Batal')}</Button>
              </Modal.Close>
              <Button loading={busy} disabled={!confirm || (needsPassword && !password)} onClick={submit} data-testid="ppid-bulk-confirm">
                {label}
              </Button>
            </>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

const TaskCard = ({
  task, t, selectable, selected, onSelect,
}: { task: any; t: T; selectable?: boolean; selected?: boolean; onSelect?: (on: boolean) => void }) => {
  const left = timeLeft(task.dueAt);
  const overdue = Boolean(left?.overdue);
  const ret = task.returned;
  // The router's base is /admin; the Content Manager opens the item where its SOP panel shows the step.
  const to = cmEditUrl(task.item.uid, task.item.documentId, task.item.locale).replace(/^\/admin/, '');
  return (
    <Box
      tag="li"
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={4}
      borderColor={ret ? 'danger600' : overdue ? 'warning500' : 'neutral150'}
      borderStyle="solid"
      borderWidth={ret ? '0 0 0 4px' : '1px'}
      data-testid="ppid-task-row"
      style={{ minWidth: 0 }}
    >
      <Flex gap={4} wrap="wrap" alignItems="flex-start">
        <Box style={{ flex: '1 1 320px', minWidth: 0, overflowWrap: 'anywhere' }}>
          <Flex gap={2} wrap="wrap" alignItems="center">
            {onSelect ? (
              <Checkbox
                name={`select-${task.runId}`}
                checked={!!selected}
                disabled={!selectable && !selected}
                onCheckedChange={(c: any) => onSelect(c === true)}
                aria-label={t('bulk.select', 'Pilih {title}', { title: task.item.title ?? '' })}
                data-testid="ppid-task-select"
              >
                {t('bulk.selectShort', 'Pilih')}
              </Checkbox>
            ) : null}
            {ret ? <Badge backgroundColor="danger100" textColor="danger700">{t('tasks.returned', 'Dikembalikan')}</Badge> : null}
            {overdue ? <Badge backgroundColor="danger100" textColor="danger700" data-testid="ppid-task-overdue">{t('tasks.overdue', 'Terlambat')}</Badge> : null}
          </Flex>
          <Link to={to} data-testid="ppid-task-open" style={{ textDecoration: 'none' }}>
            <Typography variant="delta" tag="h2" textColor="primary600">{task.item.title ?? t('tasks.untitled', '(tanpa judul)')}</Typography>
          </Link>
          <Typography tag="p" variant="pi" textColor="neutral600">{task.sop.name}</Typography>
          <Typography tag="p" paddingTop={2}>
            {t('tasks.stepLabel', 'Langkah')} {task.step.number}: {task.step.activity ?? ''}
          </Typography>
          <Typography tag="p" variant="pi" textColor="neutral600">{task.step.roleLabel ?? ''}</Typography>
          {ret ? (
            <Box marginTop={3} padding={3} hasRadius background="danger100" data-testid="ppid-task-return-note">
              <Typography tag="p" variant="pi" fontWeight="bold" textColor="danger700">
                {t('tasks.returnedBy', 'Dikembalikan oleh')} {ret.fromRoleLabel} ({t('tasks.stepLabel', 'Langkah')} {ret.fromStep}){ret.at ? `, ${formatWib(ret.at, task.timeZone)}` : ''}
              </Typography>
              <Typography tag="p" textColor="neutral800">“{ret.comment}”</Typography>
            </Box>
          ) : null}
        </Box>
        <Box style={{ flex: '0 1 220px', minWidth: 0 }}>
          <Typography tag="p" variant="sigma" textColor="neutral600">{t('col.deadline', 'Batas waktu')}</Typography>
          <Typography tag="p" textColor={overdue ? 'danger600' : 'neutral800'} fontWeight={overdue ? 'bold' : undefined} data-testid="ppid-task-deadline">
            {left ? left.text : t('tasks.noDeadline', 'Tanpa batas waktu (tentatif)')}
          </Typography>
          {task.dueAt ? <Typography tag="p" variant="pi" textColor="neutral500">{formatWib(task.dueAt, task.timeZone)}</Typography> : null}
          <Typography tag="p" variant="sigma" textColor="neutral600" paddingTop={2}>{t('col.unit', 'Unit')}</Typography>
          <Typography tag="p">{task.unit ?? '—'}</Typography>
          <Box paddingTop={2}>
            <Link to={`/plugins/ppid/runs/${task.runId}`}>{t('tasks.run', 'Lihat alur kerja')}</Link>
          </Box>
        </Box>
      </Flex>
    </Box>
  );
};
