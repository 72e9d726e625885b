// Reads SOP files from a folder (the plugin ships its seeds in its sops/ folder). The
// caller passes the folder: where it sits differs between src and the built plugin.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SopError, SopDefinition } from './types';
import { parseSopText } from './parse';

export interface LoadedSopFile {
  file: string;
  result: { ok: true; value: SopDefinition } | { ok: false; errors: SopError[] };
}

const SOP_FILE = /\.(ya?ml|json)$/i;

export function loadSopDirectory(dir: string): LoadedSopFile[] {
  return readdirSync(dir)
    .filter((f) => SOP_FILE.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return { file, result: parseSopText(text, file.toLowerCase().endsWith('.json') ? 'json' : 'yaml') };
    });
}
