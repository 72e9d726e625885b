import * as React from 'react';
import { NavLink, Routes, Route } from 'react-router-dom';
import { Page, Layouts, useAuth } from '@strapi/strapi/admin';
import { Box, SubNav, SubNavHeader, SubNavLink, SubNavSection, SubNavSections, Typography } from '@strapi/design-system';
import { useT } from '../components/Shared';
import { TasksPage } from './Tasks';
import { RunsPage, RunDetailPage } from './Runs';
import { SopsPage, SopDetailPage } from './Sops';
import { DipPage } from './Dip';
import { ClassificationPage } from './Classification';
import { VerifyPage } from './Verify';
import { ReportsPage } from './Reports';
import { SetupPage } from './Setup';
import { RegistersPage } from './Registers';
import { RequestsPage } from './Requests';
import { RequestDetailPage } from './RequestDetail';

export const PERMS = {
  tasks: [{ action: 'plugin::ppid.tasks.read', subject: null }],
  runs: [{ action: 'plugin::ppid.runs.read', subject: null }],
  sops: [{ action: 'plugin::ppid.sops.read', subject: null }],
  dip: [{ action: 'plugin::ppid.dip.read', subject: null }],
  classification: [{ action: 'plugin::ppid.classification.manage', subject: null }],
  verify: [{ action: 'plugin::ppid.verify', subject: null }],
  reports: [{ action: 'plugin::ppid.reports.read', subject: null }],
  setup: [{ action: 'plugin::ppid.settings.manage', subject: null }],
  registers: [{ action: 'plugin::ppid.registers.read', subject: null }],
  // Any one of them: whoever enters requests, decides them or answers their objections.
  requests: [
    { action: 'plugin::ppid.requests.read', subject: null },
    { action: 'plugin::ppid.requests.enter', subject: null },
    { action: 'plugin::ppid.requests.manage', subject: null },
    { action: 'plugin::ppid.objections.manage', subject: null },
  ],
};

const LINKS: { to: string; id: string; label: string; perm?: keyof typeof PERMS }[] = [
  { to: 'tasks', id: 'nav.tasks', label: 'Tugas Saya' },
  { to: 'runs', id: 'nav.runs', label: 'Alur Kerja' },
  { to: 'sops', id: 'nav.sops', label: 'SOP' },
  { to: 'dip', id: 'nav.dip', label: 'DIP' },
  { to: 'classification', id: 'nav.classification', label: 'Klasifikasi' },
  { to: 'verify', id: 'nav.verify', label: 'Verifikasi' },
  { to: 'reports', id: 'nav.reports', label: 'Laporan' },
  { to: 'requests', id: 'nav.requests', label: 'Permohonan Informasi', perm: 'requests' },
  { to: 'registers', id: 'nav.registers', label: 'Register', perm: 'registers' },
  { to: 'setup', id: 'nav.setup', label: 'Persiapan', perm: 'setup' },
];

const PpidNav = () => {
  const t = useT();
  // Links with a permission of their own (Persiapan: settings.manage) show only to its holders.
  const held = useAuth('PpidNav', (s) => s.permissions) ?? [];
  const may = (perm?: keyof typeof PERMS) => !perm || PERMS[perm].some((p) => held.some((h: any) => h.action === p.action));
  return (
    <SubNav aria-label="PPID">
      <SubNavHeader label="PPID" />
      <SubNavSections>
        <SubNavSection label={t('nav.section', 'Publikasi informasi')}>
          {LINKS.filter((l) => may(l.perm)).map((l) => (
            <SubNavLink key={l.to} tag={NavLink as any} to={`/plugins/ppid/${l.to}`} data-testid={`ppid-nav-${l.to}`}>
              {t(l.id, l.label)}
            </SubNavLink>
          ))}
        </SubNavSection>
      </SubNavSections>
    </SubNav>
  );
};

const Home = () => {
  const t = useT();
  return (
    <>
      <Layouts.Header
        title={t('plugin.name', 'PPID')}
        subtitle={t('home.subtitle', 'Alur kerja SOP publikasi informasi publik')}
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <Typography>{t('home.body', 'Pilih halaman pada menu PPID.')}</Typography>
        </Box>
      </Layouts.Content>
    </>
  );
};

const guard = (perm: keyof typeof PERMS, el: React.ReactElement) => <Page.Protect permissions={PERMS[perm]}>{el}</Page.Protect>;

export const App = () => (
  <Layouts.Root sideNav={<PpidNav />}>
    <Page.Main>
      <Routes>
        <Route index element={<Home />} />
        <Route path="tasks" element={guard('tasks', <TasksPage />)} />
        <Route path="runs" element={guard('runs', <RunsPage />)} />
        <Route path="runs/:id" element={guard('runs', <RunDetailPage />)} />
        <Route path="sops" element={guard('sops', <SopsPage />)} />
        <Route path="sops/:ref" element={guard('sops', <SopDetailPage />)} />
        <Route path="dip" element={guard('dip', <DipPage />)} />
        <Route path="classification" element={guard('classification', <ClassificationPage />)} />
        <Route path="verify" element={guard('verify', <VerifyPage />)} />
        <Route path="reports" element={guard('reports', <ReportsPage />)} />
        <Route path="setup" element={guard('setup', <SetupPage />)} />
        <Route path="requests" element={guard('requests', <RequestsPage />)} />
        <Route path="requests/:id" element={guard('requests', <RequestDetailPage />)} />
        <Route path="registers" element={guard('registers', <RegistersPage />)} />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Page.Main>
  </Layouts.Root>
);
