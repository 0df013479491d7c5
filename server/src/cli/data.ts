// `claimnote data [--data DIR]`: what ClaimNote knows: the built-in data (ICD-10-CM of one
// fiscal year, the national fees it has) and, with --data, each file of the folder as it was
// read: its kind (recognised by its header, not its name), its year or quarter, its rows, and
// every row it could not read with its line number. Unknown files are listed and ignored.
import { statSync } from 'node:fs';
import { ICD10CM_YEAR } from '../data/icd10';
import { CONVERSION_FACTORS } from '../data/fees';
import { loadDataFolder } from '../data/cms';
import { UsageError, type DataOptions } from './args';
import { displayPath } from './paths';

export function data(o: DataOptions, out: (s: string) => void): number {
  out(
    `built in: ICD-10-CM fiscal year ${ICD10CM_YEAR}; Medicare physician fee schedule national amounts for ${Object.keys(CONVERSION_FACTORS).join(' and ')} (docs/reference.md#fees)\n`,
  );
  if (!o.data) return 0;
  try {
    if (!statSync(o.data).isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`--data: no such folder: ${o.data}`, 'data');
  }
  const loaded = loadDataFolder(o.data);
  for (const f of loaded.files) {
    const what = f.kind
      ? `${f.kind}${f.year ? ` ${f.year}` : ''}${f.quarter ? ` ${f.quarter}` : ''}, ${f.rows} rows`
      : 'not a file ClaimNote reads: ignored';
    out(`${displayPath(f.path)}: ${what}\n`);
    for (const u of f.unreadable) out(`  line ${u.line}: ${u.why}: ${u.text.slice(0, 80)}\n`);
  }
  if (!loaded.files.length) out(`${o.data}: no files\n`);
  return loaded.files.some((f) => f.unreadable.length) ? 1 : 0;
}
