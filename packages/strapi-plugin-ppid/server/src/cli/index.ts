import type { Core } from '@strapi/strapi';
import sop from './sop';
import report from './report';
import dip from './dip';
import verify from './verify';
import keys from './keys';
import checkpoint from './checkpoint';

/**
 * Administrator command line: `npm run ppid -- <group> <command> [args] [--flag value]`.
 * scripts/ppid.js boots the app and calls run(); each group lives in its own file here.
 * A handler prints with `out` and returns an exit code (0 = success).
 */
export type CliArgs = { _: string[]; flags: Record<string, string | boolean> };
export type CliIO = { out: (line: string) => void; err: (line: string) => void };
export type CliHandler = (strapi: Core.Strapi, args: CliArgs, io: CliIO) => Promise<number>;
/** `default` names the command run when the group is given alone (`ppid verify`). */
export type CliGroup = { description: string; default?: string; commands: Record<string, { usage: string; run: CliHandler }> };

export const GROUPS: Record<string, CliGroup> = { sop, report, dip, verify, keys, checkpoint };

export function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { _: [], flags: {} };
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

export function usage(): string {
  const lines = ['Usage: npm run ppid -- <group> <command> [options]', ''];
  for (const [name, g] of Object.entries(GROUPS)) {
    lines.push(`${name}: ${g.description}`);
    for (const c of Object.values(g.commands)) lines.push(`  ${c.usage}`);
  }
  return lines.join('\n');
}

export async function run(strapi: Core.Strapi, argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  const [group, command] = args._;
  const g = Object.hasOwn(GROUPS, group ?? '') ? GROUPS[group] : undefined;
  const name = command ?? g?.default;
  const c = g && name && Object.hasOwn(g.commands, name) ? g.commands[name] : undefined;
  if (!c) {
    io.err(usage());
    return 2;
  }
  args._ = args._.slice(command === undefined ? 1 : 2);
  return c.run(strapi, args, io);
}
