import { Link } from 'react-router-dom';
import { Layouts } from '@strapi/strapi/admin';
import { Box, EmptyStateLayout, Table, Tbody, Td, Th, Thead, Tr, Typography, LinkButton } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Loading, ServerError, useGet } from '../components/Shared';
import { cmEditUrl, formatWib, timeLeft } from '../utils/api';

export const TasksPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, d: string) => formatMessage({ id: `ppid.${id}`, defaultMessage: d });
  const { data, error, loading } = useGet<any[]>('/ppid/tasks');
  return (
    <>
      <Layouts.Header title={t('tasks.title', 'Tugas Saya')} subtitle={t('tasks.subtitle', 'Langkah SOP yang menunggu tindakan Anda; yang terlambat di atas')} />
      <Layouts.Content>
        {loading ? <Loading /> : null}
        {error ? <ServerError message={error} /> : null}
        {data && !data.length ? <EmptyStateLayout content={t('tasks.empty', 'Tidak ada tugas yang menunggu Anda.')} /> : null}
        {data && data.length ? (
          <Table colCount={6} rowCount={data.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('col.item', 'Informasi')}</Typography></Th>
                <Th><Typography variant="sigma">SOP</Typography></Th>
                <Th><Typography variant="sigma">{t('col.step', 'Langkah')}</Typography></Th>
                <Th><Typography variant="sigma">{t('col.deadline', 'Batas waktu')}</Typography></Th>
                <Th><Typography variant="sigma">{t('col.unit', 'Unit')}</Typography></Th>
                <Th><Typography variant="sigma">{t('col.open', 'Buka')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {data.map((task) => {
                const left = timeLeft(task.dueAt);
                return (
                  <Tr key={task.runId} data-testid="ppid-task-row">
                    <Td><Typography fontWeight="semiBold">{task.item.title ?? task.item.documentId}</Typography></Td>
                    <Td><Typography>{task.sop.name}</Typography></Td>
                    <Td>
                      <Typography tag="p">{`${task.step.number}. ${task.step.activity ?? ''}`}</Typography>
                      <Typography variant="pi" textColor="neutral600">{task.step.roleLabel ?? task.step.role}</Typography>
                    </Td>
                    <Td>
                      <Typography tag="p" textColor={left?.overdue ? 'danger600' : 'neutral800'} fontWeight={left?.overdue ? 'bold' : undefined}>
                        {left ? left.text : '—'}
                      </Typography>
                      <Typography variant="pi" textColor="neutral500">{formatWib(task.dueAt)}</Typography>
                    </Td>
                    <Td><Typography>{task.unit ?? '—'}</Typography></Td>
                    <Td>
                      <LinkButton size="S" variant="secondary" href={cmEditUrl(task.item.uid, task.item.documentId, task.item.locale)}>
                        {t('tasks.open', 'Buka')}
                      </LinkButton>{' '}
                      <Link to={`/plugins/ppid/runs/${task.runId}`}>{t('tasks.run', 'Alur')}</Link>
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        ) : null}
      </Layouts.Content>
    </>
  );
};
