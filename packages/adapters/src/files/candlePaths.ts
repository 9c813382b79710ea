import { stat } from 'node:fs/promises';
import { ValidationError } from '@warden/core/errors/errors';
import { glob, isDynamicPattern } from 'tinyglobby';

const CANDLE_FILE = /\.(json|csv|zip)$/i;

/**
 * Candle inputs → the files they name, in a stable order: a file as it is, a folder as the candle
 * files directly inside it (.json, .csv, .zip), a glob pattern (`data/BTCUSDT-1m-2025-*.zip`,
 * quoted so the shell leaves it alone) as the candle files it matches. Duplicates are dropped.
 * @throws ValidationError (field `--data`) for an input that names nothing.
 */
export async function expandCandlePaths(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (isDynamicPattern(input)) {
      const matches = (await glob(input, { absolute: false, onlyFiles: true, expandDirectories: false }))
        .filter((p) => CANDLE_FILE.test(p))
        .sort();
      if (matches.length === 0) throw new ValidationError(`--data ${input}: the pattern matches no .json, .csv or .zip file`, '--data');
      out.push(...matches);
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(input);
    } catch {
      throw new ValidationError(`--data ${input}: no such file or folder`, '--data');
    }
    if (info.isDirectory()) {
      const matches = (await glob('*', { cwd: input, absolute: true, onlyFiles: true })).filter((p) => CANDLE_FILE.test(p)).sort();
      if (matches.length === 0) throw new ValidationError(`--data ${input}: the folder holds no .json, .csv or .zip file`, '--data');
      out.push(...matches);
    } else out.push(input);
  }
  return [...new Set(out)];
}
