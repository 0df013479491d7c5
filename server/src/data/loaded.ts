// The CMS files a practice points ClaimNote at (`claimnote.data.folder`, the CLI's `--data`),
// once read: the one place the rules and hovers ask for them. Without a folder, the built-in
// figures are used, labelled as national. `dataVersion` changes with every load, so that cached
// findings are computed again.
import { loadDataFolder, paymentOf, type CmsData, type PtpEdit } from './cms';

let data: CmsData | undefined;
let folder: string | undefined;
let version = 0;

/** Reads a folder's CMS files (or, with undefined, forgets them). */
export function useDataFolder(dir: string | undefined): CmsData | undefined {
  const read = dir ? loadDataFolder(dir) : undefined;
  useData(dir, read);
  return read;
}

/** Judges by `read`, the files of `dir` already read (`loadDataFolderAsync`); with undefined, by the built-in data only. */
export function useData(dir: string | undefined, read: CmsData | undefined): void {
  folder = dir;
  data = read;
  version++;
}

export function loadedData(): { folder?: string; data?: CmsData } {
  return { folder, data };
}

export function dataVersion(): number {
  return version;
}

/** A code's Medicare payment at a locality in a year, from the loaded RVU and GPCI files, with its computation; undefined when they are not loaded. */
export function localityPayment(
  code: string,
  year: number,
  facility: boolean,
  locality: { mac: string; locality: string },
): { amountCents: number; computation: string; label: string } | undefined {
  const rvu = data?.rvu.get(year)?.codes.get(code);
  const gpci = data?.gpci.get(year)?.localities.get(`${locality.mac}|${locality.locality}`);
  if (!rvu || !gpci || rvu.conversionFactor === undefined) return undefined;
  try {
    const p = paymentOf(rvu, gpci, rvu.conversionFactor, facility);
    return { ...p, label: `Medicare ${year} amount for locality ${locality.mac}-${locality.locality} (${gpci.name})` };
  } catch {
    return undefined;
  }
}

/**
 * The loaded PTP edits between two of `codes` in force on a date of service (effective on or
 * before it, not deleted by then), in file order; undefined without PTP files or a date.
 */
export function ptpPairsOn(codes: Iterable<string>, iso: string | undefined): PtpEdit[] | undefined {
  const ptp = data?.ptp;
  if (!ptp?.size || !iso) return undefined;
  return ptp.pairsAmong(codes, iso);
}

/** The loaded MUE of a code for a date of service: from the latest MUE file effective on or before it; undefined without one. */
export function mueOn(
  code: string,
  iso: string | undefined,
): { value: number; indicator: number; indicatorText: string; effective?: string } | undefined {
  if (!iso || !data?.mue.length) return undefined;
  const files = data.mue
    .filter((m) => !m.effective || m.effective <= iso)
    .sort((a, b) => ((a.effective ?? '') < (b.effective ?? '') ? 1 : -1));
  for (const f of files) {
    const e = f.entries.get(code);
    if (e) return { value: e.value, indicator: e.indicator, indicatorText: e.indicatorText, effective: f.effective };
  }
  return undefined;
}
