import { Routes, Route } from 'react-router-dom';
import { Page, Layouts } from '@strapi/strapi/admin';
import { Box, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

const Home = () => {
  const { formatMessage } = useIntl();
  return (
    <Layouts.Root>
      <Layouts.Header
        title={formatMessage({ id: 'ppid.plugin.name', defaultMessage: 'PPID' })}
        subtitle={formatMessage({ id: 'ppid.home.subtitle', defaultMessage: 'Alur kerja SOP publikasi informasi publik' })}
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <Typography>{formatMessage({ id: 'ppid.home.body', defaultMessage: 'Pilih menu di sebelah kiri.' })}</Typography>
        </Box>
      </Layouts.Content>
    </Layouts.Root>
  );
};

export const App = () => (
  <Routes>
    <Route index element={<Home />} />
    <Route path="*" element={<Page.Error />} />
  </Routes>
);
