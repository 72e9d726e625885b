import { PLUGIN_ID } from './pluginId';
import { PluginIcon } from './components/PluginIcon';

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'PPID' },
      Component: () => import('./pages/App').then((m) => ({ default: m.App })),
      permissions: [],
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'PPID' });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefix(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

const prefix = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v]));
