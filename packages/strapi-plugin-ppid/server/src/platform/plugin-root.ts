import fs from 'fs';
import path from 'path';

// The same code runs from server/src (tests) and from dist/server/src (Strapi): find the
// plugin folder by its package.json instead of counting "../".
let cached: string | null = null;
export function pluginRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'strapi-plugin-ppid') return (cached = dir);
    dir = path.dirname(dir);
  }
  throw new Error('ppid plugin root not found');
}
