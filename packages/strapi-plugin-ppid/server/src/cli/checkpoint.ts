import fs from 'fs';
import type { Core } from '@strapi/strapi';
import type { CliArgs, CliHandlers, CliIO } from './index';
import { parseCheckpoints } from '../core/signature';
import type { CheckReport, CreateResult } from '../signature/services/checkpoints';
import { getService } from '../services/get-service';

const checkpoint: CliHandlers = {
  commands: {
    create: {
      async run(strapi, _args, io) {
        const svc = getService(strapi, 'checkpoints');
        const result: CreateResult = await svc.create();
        if (result.reason === 'chain_problems') {
          for (const p of result.problems) io.err(`${p.code}${p.seq != null ? ` (seq ${p.seq})` : ''}: ${p.message}`);
          io.err('tidak ada checkpoint: rantai catatan bermasalah / no checkpoint: the chain has problems (npm run ppid -- verify)');
          return 1;
        }
        if (result.reason === 'empty') {
          io.err('belum ada catatan, tidak ada checkpoint / no records yet, nothing to checkpoint');
          return 0;
        }
        // Unchanged (or another instance sealed it a moment ago): the latest stands for this head.
        const cp = result.checkpoint ?? (await svc.latest())!;
        if (result.reason !== 'created') io.err(`tidak ada catatan baru sejak checkpoint seq ${cp.seq} / no new records since`);
        io.out(JSON.stringify(cp));
        return 0;
      },
    },
  },
};

export default checkpoint;

const MAX_SOURCE_BYTES = 256 * 1024 * 1024;

/** Text of a checkpoint source: an http(s) URL (the public API, a mirror) or a file. */
async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(30000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // Bounded: a hostile or broken mirror must not exhaust the administrator's memory.
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > MAX_SOURCE_BYTES) throw new Error(`larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  return fs.readFileSync(source, 'utf8');
}

export type CheckpointVerification = { ok: boolean; source: string | null; checked: number; problems: CheckReport['problems'] };

/**
 * For `verify`: the database's own checkpoints against its records, and the checkpoints kept
 * elsewhere (`--checkpoint FILE|URL`, else PPID_CHECKPOINT_FILE when it exists). Throws when the
 * source cannot be read or holds no checkpoint.
 */
export async function verifyCheckpoints(strapi: Core.Strapi, args: CliArgs): Promise<CheckpointVerification> {
  const svc = getService(strapi, 'checkpoints');
  const flag = args.flags.checkpoint;
  if (flag === true) throw new Error('--checkpoint needs a FILE or URL');
  const file = process.env.PPID_CHECKPOINT_FILE;
  const source = typeof flag === 'string' ? flag : file && fs.existsSync(file) ? file : null;
  const stored: CheckReport = await svc.checkStored();
  let kept: CheckReport = { ok: true, checked: 0, problems: [] };
  if (source) {
    let values: unknown[];
    try {
      values = parseCheckpoints(await readSource(source));
    } catch (e) {
      throw new Error(`checkpoint ${source}: ${(e as Error).message}`);
    }
    if (!values.length) throw new Error(`checkpoint ${source}: no checkpoint in it`);
    kept = await svc.check(values);
  }
  const seen = new Set<string>();
  const problems = [...kept.problems, ...stored.problems].filter((p) => {
    const key = `${p.code} ${p.message}`;
    return !seen.has(key) && !!seen.add(key);
  });
  return { ok: problems.length === 0, source, checked: kept.checked + stored.checked, problems };
}

/** verifyCheckpoints, or null (the reason printed) when the source could not be read. */
export async function reportCheckpoints(strapi: Core.Strapi, args: CliArgs, io: CliIO): Promise<CheckpointVerification | null> {
  try {
    return await verifyCheckpoints(strapi, args);
  } catch (e) {
    io.err((e as Error).message);
    return null;
  }
}
