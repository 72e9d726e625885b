import type { Core } from '@strapi/strapi';
import { run, type CliIO } from '../../cli';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  run: (argv: string[], io: CliIO) => run(strapi, argv, io),
});
