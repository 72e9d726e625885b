// A second Strapi app instance in its own process (Strapi keeps process-wide singletons, so two
// instances cannot share one process). It uses the database settings in its environment and
// answers messages from the test: { id, cmd: 'setNow' | 'service', ... }.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..', '..');

(async () => {
  const app = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  // The fixture types of the test that started it (PPID_TEST_FIXTURES, inherited; see strapi.ts).
  if ((process.env.PPID_TEST_FIXTURES || '').split(',').includes('plain-item')) require('../../bench/lib/plain-item').registerPlainItem(app);
  const strapi = await app.load();
  const ppid = strapi.plugin('ppid');
  process.on('message', async (msg) => {
    try {
      let result = null;
      if (msg.cmd === 'setNow') ppid.service('clock').setNow(msg.date);
      else if (msg.cmd === 'service') result = await ppid.service(msg.service)[msg.method](...(msg.args || []));
      else if (msg.cmd === 'documents') result = await strapi.documents(msg.uid)[msg.method](...(msg.args || []));
      else if (msg.cmd === 'stop') {
        await strapi.destroy();
        process.send({ id: msg.id, ok: true, result: null }, () => process.exit(0));
        return;
      }
      process.send({ id: msg.id, ok: true, result });
    } catch (e) {
      process.send({ id: msg.id, ok: false, error: String((e && e.stack) || e) });
    }
  });
  process.send({ ready: true });
})().catch((e) => {
  process.send({ ready: false, error: String((e && e.stack) || e) });
  process.exit(1);
});
