import { execFileSync } from 'child_process';
import path from 'path';

// Compile the plugin and the app once per jest run; each test file then boots Strapi from dist/.
export default async function globalSetup() {
  if (process.env.PPID_SKIP_BUILD === '1') return;
  const root = path.resolve(__dirname, '..', '..');
  execFileSync('node', [path.join(root, 'scripts', 'build-server.js')], { cwd: root, stdio: 'inherit' });
}
