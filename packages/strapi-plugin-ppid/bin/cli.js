'use strict';
// The administrator command line, shared by the package's bin (`npx strapi-plugin-ppid <group>
// <command>` in a host app) and the reference app's `npm run ppid`. Argv is parsed against the
// plain command table (server/src/cli/commands.json) first: help and bad usage are answered at
// once, without compiling or booting Strapi. Only a real command boots the app (quietly), runs,
// and returns its code. Exit codes: 0 success (and help), 1 the command failed, 2 bad usage.
const fs = require('fs');
const path = require('path');

/** { group: { description, default?, commands: { name: usage } } } */
const TABLE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'server', 'src', 'cli', 'commands.json'), 'utf8'));

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

function usage(only, program = 'npx strapi-plugin-ppid') {
  const lines = only ? [] : [`Usage: ${program} <group> <command> [options]`, `       ${program} --help | <group> --help`, ''];
  for (const [name, g] of Object.entries(TABLE)) {
    if (only && name !== only) continue;
    lines.push(`${name}: ${g.description}`);
    for (const u of Object.values(g.commands)) lines.push(`  ${u}`);
  }
  return lines.join('\n');
}

/** { code, text } for help and bad usage; { command } for a command to run. */
function resolve(argv, program) {
  const args = parseArgs(argv);
  const wantsHelp = args.flags.help === true || args._.includes('-h');
  args._ = args._.filter((a) => a !== '-h');
  const [group, command] = args._;
  if (!group || group === 'help') {
    const topic = group === 'help' && Object.hasOwn(TABLE, args._[1] ?? '') ? args._[1] : undefined;
    return { code: 0, text: usage(topic, program) };
  }
  if (!Object.hasOwn(TABLE, group)) return { code: 2, text: `unknown group "${group}"\n\n${usage(undefined, program)}` };
  const g = TABLE[group];
  if (wantsHelp) return { code: 0, text: usage(group, program) };
  const name = command ?? g.default;
  if (!name) return { code: 2, text: `${group}: a command is needed\n\n${usage(group, program)}` };
  // A group with a default command takes its arguments directly (`verify --json`).
  if (!Object.hasOwn(g.commands, name)) return { code: 2, text: `unknown command "${group} ${name}"\n\n${usage(group, program)}` };
  args._ = args._.slice(command === undefined ? 1 : 2);
  return { command: { group, command: name, args } };
}

/**
 * Boots the Strapi app in appDir (its compiled dist/, compiling a TypeScript app first when
 * dist/ is missing), runs one resolved command through the plugin's `cli` service, and returns
 * its exit code. Strapi is required from the app, so the app's own version runs.
 */
async function runInApp(appDir, command, io) {
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
  process.env.STARTUP_MESSAGE = 'false';
  // Stdout carries the command's answer only (`verify --json` is parsed by scripts): whatever
  // Strapi and the app log while they run goes to stderr.
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  io = io || { out: (l) => stdoutWrite(l + '\n'), err: (l) => process.stderr.write(l + '\n') };
  let app;
  let code = 1;
  try {
    const { createStrapi, compileStrapi } = require(require.resolve('@strapi/strapi', { paths: [appDir] }));
    const ts = fs.existsSync(path.join(appDir, 'tsconfig.json'));
    const distDir = ts ? path.join(appDir, 'dist') : appDir;
    if (ts && !fs.existsSync(path.join(distDir, 'config'))) await compileStrapi({ appDir });
    app = await createStrapi({ appDir, distDir }).load();
    if (!app.plugin('ppid')) throw new Error('the ppid plugin is not enabled in this app (config/plugins.ts)');
    code = await app.plugin('ppid').service('cli').run(command, io);
  } catch (e) {
    io.err(e && e.message ? e.message : String(e));
    code = 1;
  } finally {
    if (app) await app.destroy().catch(() => undefined);
    process.stdout.write = stdoutWrite;
  }
  return code;
}

module.exports = { TABLE, parseArgs, usage, resolve, runInApp };
