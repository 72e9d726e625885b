import type { Core } from '@strapi/strapi';
import TABLE from './commands.json';
import sop from './sop';
import report from './report';
import dip from './dip';
import verify from './verify';
import keys from './keys';
import checkpoint from './checkpoint';

/**
 * Administrator command line: `npm run ppid -- <group> <command> [args] [--flag value]`.
 * The command table (groups, descriptions, usage lines, default commands) is the plain JSON
 * `commands.json`, so scripts/ppid.js parses argv and answers help and bad groups without
 * booting Strapi; it boots the app only for a real command and calls run() with the command it
 * resolved. Each group's handlers live in their own file here. A handler prints with `out` and
 * returns an exit code (0 = success).
 */
export type CliArgs = { _: string[]; flags: Record<string, string | boolean> };
export type CliIO = { out: (line: string) => void; err: (line: string) => void };
export type CliHandler = (strapi: Core.Strapi, args: CliArgs, io: CliIO) => Promise<number>;
/** A group's handlers, by command name (the names in commands.json). */
export type CliHandlers = { commands: Record<string, { run: CliHandler }> };
/** `default` names the command run when the group is given alone (`ppid verify`). */
export type CliGroup = { description: string; default?: string; commands: Record<string, { usage: string; run: CliHandler }> };
/** One command as scripts/ppid.js resolved it: args._ holds the arguments after group and command. */
export type CliCommand = { group: string; command: string; args: CliArgs };

type TableGroup = { description: string; default?: string; commands: Record<string, string> };
const HANDLERS: Record<string, CliHandlers> = { sop, report, dip, verify, keys, checkpoint };

/** The table joined with its handlers; a command without a handler (or the reverse) fails at load. */
export const GROUPS: Record<string, CliGroup> = Object.fromEntries(
  Object.entries(TABLE as Record<string, TableGroup>).map(([name, g]) => {
    const handlers = HANDLERS[name]?.commands ?? {};
    const missing = [...Object.keys(g.commands).filter((c) => !handlers[c]), ...Object.keys(handlers).filter((c) => !g.commands[c])];
    if (missing.length || !HANDLERS[name]) throw new Error(`ppid cli: commands.json and the handlers of "${name}" disagree (${missing.join(', ') || 'no handlers'})`);
    const commands = Object.fromEntries(Object.entries(g.commands).map(([c, usage]) => [c, { usage, run: handlers[c].run }]));
    return [name, { description: g.description, ...(g.default ? { default: g.default } : {}), commands }];
  }),
);

export async function run(strapi: Core.Strapi, { group, command, args }: CliCommand, io: CliIO): Promise<number> {
  const g = Object.hasOwn(GROUPS, group) ? GROUPS[group] : undefined;
  const c = g && Object.hasOwn(g.commands, command) ? g.commands[command] : undefined;
  if (!c) {
    io.err(`unknown command: ${group} ${command} (npm run ppid -- --help)`);
    return 2;
  }
  return c.run(strapi, args, io);
}
