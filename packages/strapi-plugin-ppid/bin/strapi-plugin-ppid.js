#!/usr/bin/env node
'use strict';
// strapi-plugin-ppid's command line, for a host app's developer, run in the app's folder:
//   npx strapi-plugin-ppid init [--dir <app>]   writes the reference content types into <app>/src
//   npx strapi-plugin-ppid <group> <command>    the administrator commands (verify, sop, dip,
//                                               keys, checkpoint, report: bin/cli.js), which
//                                               boot the app's Strapi
//   npx strapi-plugin-ppid --help
// The templates (templates/src) are the reference app's own files: information items, DIP
// entries, information kinds and the shared components they use.
const fs = require('fs');
const path = require('path');
const cli = require('./cli');

const TEMPLATES = path.join(__dirname, '..', 'templates', 'src');

const USAGE = `Usage: strapi-plugin-ppid <command> [options]

Commands:
  init            Write the reference content types of strapi-plugin-ppid into the app's src/:
                    src/api/information-item   (Informasi Publik, governed by the SOPs)
                    src/api/dip-entry          (Daftar Informasi Publik entries)
                    src/api/information-kind   (Jenis informasi, classification defaults)
                    src/components/ppid/*      (components these types use)
                  Refuses to overwrite an existing file: nothing is written if any exists.

Options:
  --dir <path>    The Strapi app (default: the current directory)
  -h, --help      Show this help

Administrator commands, run in the app's folder (they start the app's Strapi, quietly):
${cli.usage(undefined, 'npx strapi-plugin-ppid').split('\n').slice(3).map((l) => `  ${l}`).join('\n')}
`;

/** Every template file, as a path relative to templates/src (sorted). */
function templateFiles(dir = TEMPLATES, prefix = '') {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...templateFiles(path.join(dir, e.name), rel));
    else out.push(rel);
  }
  return out;
}

function init(appDir, out = process.stdout, err = process.stderr) {
  const files = templateFiles();
  const existing = files.filter((f) => fs.existsSync(path.join(appDir, 'src', f)));
  if (existing.length) {
    err.write(`strapi-plugin-ppid init: refusing to overwrite existing files (nothing written):\n${existing.map((f) => `  src/${f}\n`).join('')}`);
    return 1;
  }
  for (const f of files) {
    const target = path.join(appDir, 'src', f);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(TEMPLATES, f), target);
    out.write(`  created src/${f}\n`);
  }
  out.write(`\n${files.length} files written. Rebuild and restart Strapi; then bind an SOP to api::information-item.information-item (see the README).\n`);
  return 0;
}

function main(argv) {
  const args = argv.slice(2);
  const group = args[0] && Object.hasOwn(cli.TABLE, args[0]);
  if (!args.length || (!group && (args.includes('--help') || args.includes('-h'))) || args[0] === 'help') {
    process.stdout.write(USAGE);
    return args.length ? 0 : 2;
  }
  const [command, ...rest] = args;
  // The administrator commands (verify, sop, dip, …) of the app in the current folder.
  if (group) {
    const r = cli.resolve(args, 'npx strapi-plugin-ppid');
    if (!r.command) {
      (r.code === 0 ? process.stdout : process.stderr).write(r.text + '\n');
      return r.code;
    }
    return cli.runInApp(process.cwd(), r.command);
  }
  if (command !== 'init') {
    process.stderr.write(`strapi-plugin-ppid: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  let dir = process.cwd();
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--dir' && rest[i + 1]) dir = path.resolve(rest[++i]);
    else {
      process.stderr.write(`strapi-plugin-ppid init: unknown option "${rest[i]}"\n\n${USAGE}`);
      return 2;
    }
  }
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    process.stderr.write(`strapi-plugin-ppid init: ${dir} has no package.json; run it in your Strapi app or pass --dir\n`);
    return 1;
  }
  return init(dir);
}

if (require.main === module) Promise.resolve(main(process.argv)).then((code) => process.exit(code));

module.exports = { templateFiles, init, main, TEMPLATES, USAGE };
