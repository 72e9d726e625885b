import fs from 'fs';
import YAML from 'yaml';
import type { CliHandlers } from './index';
import { getService } from '../services/get-service';

const formatOf = (file: string) => (file.endsWith('.json') ? 'json' : 'yaml') as 'json' | 'yaml';

const sop: CliHandlers = {
  commands: {
    validate: {
      async run(strapi, args, io) {
        const file = args._[0];
        if (!file || !fs.existsSync(file)) return io.err(`file not found: ${file ?? '(none)'}`), 2;
        const result = getService(strapi, 'sops').validate(fs.readFileSync(file, 'utf8'), formatOf(file));
        if (result.ok) {
          io.out(`OK ${result.value.code}: ${result.value.steps.length} langkah / steps`);
          return 0;
        }
        io.err(`${result.errors.length} masalah / problems:`);
        for (const e of result.errors) io.err(`  ${e.path}: ${e.message}`);
        return 1;
      },
    },
    import: {
      async run(strapi, args, io) {
        const file = args._[0];
        if (!file || !fs.existsSync(file)) return io.err(`file not found: ${file ?? '(none)'}`), 2;
        try {
          const { sop: row, created } = await getService(strapi, 'sops').import(fs.readFileSync(file, 'utf8'), formatOf(file));
          io.out(`${created ? 'imported' : 'unchanged'} ${row.code}@${row.version} (id ${row.id})`);
          return 0;
        } catch (e: any) {
          io.err(e.message);
          for (const d of e.details?.errors ?? []) io.err(`  ${d.path}: ${d.message}`);
          return 1;
        }
      },
    },
    list: {
      async run(strapi, _args, io) {
        for (const s of await getService(strapi, 'sops').list()) {
          io.out(`${s.id}\t${s.code}@${s.version}\t${s.definition.steps.length} langkah\t${s.name}`);
        }
        return 0;
      },
    },
    export: {
      async run(strapi, args, io) {
        const ref = args._[0];
        if (!ref) return io.err('missing ID'), 2;
        try {
          const row = await getService(strapi, 'sops').get(ref);
          const text = args.flags.format === 'json' ? JSON.stringify(row.definition, null, 2) + '\n' : YAML.stringify(row.definition);
          if (typeof args.flags.out === 'string') fs.writeFileSync(args.flags.out, text);
          else io.out(text);
          return 0;
        } catch (e: any) {
          io.err(e.message);
          return 1;
        }
      },
    },
  },
};

export default sop;
