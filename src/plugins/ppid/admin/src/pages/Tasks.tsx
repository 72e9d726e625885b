import * as React from 'react';
import { Link } from 'react-router-dom';
import { Layouts } from '@strapi/strapi/admin';
import { Badge, Box, EmptyStateLayout, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Loading, ServerError, useGet } from '../components/Shared';
import { cmEditUrl, formatWib, timeLeft } from '../utils/api';

const ALL = '__all__';

/**
 * The officer's home: one card per step waiting on them. Cards wrap instead of a wide table so
 * the deadline and unit stay on screen from a phone to a desktop.
 */
export const TasksPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, d: string) => formatMessage({ id: `ppid.${id}`, defaultMessage: d });
  const { data, error, loading } = useGet<any[]>('/ppid/tasks');
  const [sop, setSop] = React.useState(ALL);
  const [unit, setUnit] = React.useState(ALL);
  const sops = React.useMemo(() => {
    const m = new Map<string, string>();
    for (const task of data ?? []) m.set(task.sop.code, task.sop.name ?? task.sop.code);
    return [...m.entries()];
  }, [data]);
  const units = React.useMemo(() => [...new Set((data ?? []).map((task) => task.unit).filter(Boolean) as string[])].sort(), [data]);
  const shown = (data ?? []).filter((task) => (sop === ALL || task.sop.code === sop) && (unit === ALL || task.unit === unit));
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
            <Flex direction="column" alignItems="stretch" gap={3} tag="ul">
              {shown.map((task) => (
                <TaskCard key={task.runId} task={task} t={t} />
              ))}
            </Flex>
          </>
        ) : null}
      </Layouts.Content>
    </>
  );
};

const TaskCard = ({ task, t }: { task: any; t: (id: string, d: string) => string }) => {
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
                {t('tasks.returnedBy', 'Dikembalikan oleh')} {ret.fromRoleLabel} ({t('tasks.stepLabel', 'Langkah')} {ret.fromStep}){ret.at ? `, ${formatWib(ret.at)}` : ''}
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
          {task.dueAt ? <Typography tag="p" variant="pi" textColor="neutral500">{formatWib(task.dueAt)}</Typography> : null}
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
