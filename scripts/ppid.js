#!/usr/bin/env node
// Administrator command line: `npm run ppid -- <group> <command> [args] [--flag value]`.
// Argv is parsed against the plugin's plain command table (commands.json) first: `--help`,
// `help`, no arguments, a bad group or command are answered at once, without compiling or
// booting Strapi. Only a real command boots the compiled app (quietly), runs, and exits with its
// code. Exit codes: 0 success (and help), 1 the command failed, 2 bad usage.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pluginDir = path.dirname(require.resolve('strapi-plugin-ppid/package.json', { paths: [root] }));
/** { group: { description, default?, commands: { name: usage } } } */
const TABLE = JSON.parse(fs.readFileSync(path.join(pluginDir, 'server/src/cli/commands.json'), 'utf8'));

/** `--k v`, `--k=v` and `--k` (true) into flags; everything else positional. */
function parseArgs(argv) {
  const out = { _: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      if (v !== undefined) out.flags[k] = v;
      else if (argv[i + 1] && !argv[i + 1].startsWith('--')) out.flags[k] = argv[++i];
      else out.flags[k] = true;
    } else out._.push(a);
  }
  return out;
}

function usage(only) {
  const lines = only ? [] : ['Usage: npm run ppid -- <group> <command> [options]', '       npm run ppid -- --help | <group> --help', ''];
  for (const [name, g] of Object.entries(TABLE)) {
    if (only && name !== only) continue;
    lines.push(`${name}: ${g.description}`);
    for (const u of Object.values(g.commands)) lines.push(`  ${u}`);
  }
  return lines.join('\n');
}

/** { help, code, text } for help and bad usage; { command } for a command to run. */
function resolve(argv) {
  const args = parseArgs(argv);
  const wantsHelp = args.flags.help === true || args._.includes('-h');
  args._ = args._.filter((a) => a !== '-h');
  const [group, command] = args._;
  if (!group || group === 'help') {
    const topic = group === 'help' && Object.hasOwn(TABLE, args._[1] ?? '') ? args._[1] : undefined;
    return { code: 0, text: usage(topic) };
  }
  if (!Object.hasOwn(TABLE, group)) return { code: 2, text: `unknown group "${group}"\n\n${usage()}` };
  const g = TABLE[group];
  if (wantsHelp) return { code: 0, text: usage(group) };
  const name = command ?? g.default;
  if (!name) return { code: 2, text: `${group}: a command is needed\n\n${usage(group)}` };
  // A group with a default command takes its arguments directly (`verify --json`).
  if (!Object.hasOwn(g.commands, name)) return { code: 2, text: `unknown command "${group} ${name}"\n\n${usage(group)}` };
  args._ = args._.slice(command === undefined ? 1 : 2);
  return { command: { group, command: name, args } };
}

module.exports = { parseArgs, usage, resolve, TABLE };

if (require.main === module) {
  const r = resolve(process.argv.slice(2));
  if (!r.command) {
    (r.code === 0 ? process.stdout : process.stderr).write(r.text + '\n');
    process.exit(r.code);
  }

  process.chdir(root);
  require(path.join(root, 'scripts', 'ensure-env.js'))();

  // Compile the server code when it is missing.
  const { spawnSync } = require('child_process');
  if (!fs.existsSync(path.join(root, 'dist', 'config')) || !fs.existsSync(path.join(pluginDir, 'dist/server'))) {
    const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-server.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }

  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
  process.env.STARTUP_MESSAGE = 'false';
  require('dotenv').config({ path: path.join(root, '.env') });

  (async () => {
    const { createStrapi } = require('@strapi/strapi');
    const app = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
    let code = 1;
    try {
      code = await app.plugin('ppid').service('cli').run(r.command, {
        out: (l) => process.stdout.write(l + '\n'),
        err: (l) => process.stderr.write(l + '\n'),
      });
    } catch (e) {
      process.stderr.write(`${e.message}\n`);
      code = 1;
    } finally {
      await app.destroy();
    }
    process.exit(code);
  })();
}
