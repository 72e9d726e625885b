import { PLUGIN_ID } from './pluginId';
import { PluginIcon } from './components/PluginIcon';
import { WorkflowPanel } from './components/WorkflowPanel';
import { governPublishAction, injectStepColumn, prefetchGovernedTypes } from './components/CmExtensions';
import { ENUM_LABELS } from './translations/enums';

const READ_ACTIONS = ['tasks.read', 'runs.read', 'sops.read', 'dip.read', 'classification.manage', 'verify', 'reports.read', 'registers.read', 'settings.manage'];

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'PPID' },
      Component: () => import('./pages/App').then((m) => ({ default: m.App })),
      // Shown to anyone holding at least one of the plugin's page permissions.
      permissions: READ_ACTIONS.map((a) => ({ action: `plugin::${PLUGIN_ID}.${a}`, subject: null })),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'PPID' });
    // The first-run checklist on the home page, first (the core plugins, registered before this one, have added theirs), for whoever sets the body up (settings.manage).
    if (app.widgets && typeof app.widgets.register === 'function') {
      app.widgets.register((widgets: any[]) => [
        {
          id: 'setup-checklist',
          pluginId: PLUGIN_ID,
          icon: PluginIcon,
          title: { id: `${PLUGIN_ID}.setup.widget.title`, defaultMessage: 'Persiapan PPID' },
          component: () => import('./pages/Setup').then((m) => m.SetupWidget),
          permissions: [{ action: `plugin::${PLUGIN_ID}.settings.manage` }],
        },
        ...widgets,
      ]);
    }

    const cm = app.getPlugin('content-manager')?.apis;
    if (cm && typeof cm.addEditViewSidePanel === 'function') cm.addEditViewSidePanel([WorkflowPanel]);
    if (cm && typeof cm.addDocumentAction === 'function') {
      cm.addDocumentAction((actions: any[]) => actions.map((a) => (a?.type === 'publish' ? governPublishAction(a) : a)));
    }
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', injectStepColumn);
    app.registerHook('Admin/CM/pages/App/mutate-collection-types-links', prefetchGovernedTypes);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: { ...(ENUM_LABELS[locale] ?? {}), ...prefix(data) }, locale };
        } catch {
          return { data: { ...(ENUM_LABELS[locale] ?? {}) }, locale };
        }
      })
    );
  },
};

const prefix = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v]));
