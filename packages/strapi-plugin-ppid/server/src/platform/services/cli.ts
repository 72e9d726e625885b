import type { Core } from '@strapi/strapi';
import { run, type CliCommand, type CliIO } from '../../cli';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** One command already resolved by scripts/ppid.js from argv and commands.json. */
  run: (command: CliCommand, io: CliIO) => run(strapi, command, io),
});
