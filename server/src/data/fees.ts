// Medicare Physician Fee Schedule figures (docs/reference.md#fees). Payment = (work RVU x
// work GPCI + PE RVU x PE GPCI + MP RVU x MP GPCI) x conversion factor; the national amount
// uses GPCIs of 1, so it is the total RVUs x the conversion factor. Figures the reference does
// not give are `undefined`: never estimated. `confidence` says in words how sure a figure is
// (docs/reference.md#how-sure); the hover shows it beside the amount.
import { lookupTable } from './lookup';

export interface Rvus {
  work?: number;
  peNonFacility?: number;
  peFacility?: number;
  mp?: number;
  totalNonFacility?: number;
  totalFacility?: number;
  confidence: string;
}

export const CONVERSION_FACTORS: Record<number, { standard: number; qualifyingApm?: number; confidence: string }> = {
  2025: { standard: 32.3465, confidence: 'confirmed' },
  2026: { standard: 33.4009, qualifyingApm: 33.5675, confidence: 'confirmed' },
};

export const RVUS = lookupTable<Record<number, Rvus>>({
  '20552': {
    2025: {
      work: 0.66,
      peNonFacility: 0.84,
      peFacility: 0.36,
      mp: 0.07,
      totalNonFacility: 1.57,
      totalFacility: 1.09,
      confidence: 'RVUs from the CMS RVU file',
    },
    2026: {
      work: 0.64,
      totalNonFacility: 1.55,
      confidence: 'RVUs as summarised by secondary sources, not checked against the CMS RVU file',
    },
  },
  '20553': {
    2025: {
      work: 0.75,
      peNonFacility: 0.98,
      peFacility: 0.41,
      mp: 0.08,
      totalNonFacility: 1.81,
      totalFacility: 1.24,
      confidence: 'RVUs from the CMS RVU file',
    },
    2026: { totalNonFacility: 1.79, confidence: 'RVUs as summarised by secondary sources, not checked against the CMS RVU file' },
  },
});

export const FEE_SOURCE = 'Medicare Physician Fee Schedule (CMS), national amounts (GPCIs of 1) (docs/reference.md#fees)';

export interface NationalFee {
  code: string;
  year: number;
  setting: 'facility' | 'non-facility';
  /** total RVUs for the setting, when known */
  rvus?: number;
  conversionFactor?: number;
  amount?: number;
  /** what is not in the bundled data, in words */
  unknown?: string;
  confidence?: string;
}

export function nationalFee(code: string, year: number, facility: boolean, qualifyingApm = false): NationalFee {
  const setting = facility ? 'facility' : 'non-facility';
  const rv = RVUS[code]?.[year];
  const cf = CONVERSION_FACTORS[year];
  const conversionFactor = cf ? (qualifyingApm && cf.qualifyingApm ? cf.qualifyingApm : cf.standard) : undefined;
  const rvus = rv ? (facility ? rv.totalFacility : rv.totalNonFacility) : undefined;
  if (rvus === undefined || conversionFactor === undefined) {
    const missing = [
      rvus === undefined ? `the ${year} ${setting} RVUs of ${code}` : '',
      conversionFactor === undefined ? `the ${year} conversion factor` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      code,
      year,
      setting,
      rvus,
      conversionFactor,
      unknown: `${missing} ${missing.includes(' and ') ? 'are' : 'is'} not in the bundled data`,
    };
  }
  return {
    code,
    year,
    setting,
    rvus,
    conversionFactor,
    amount: Math.round(rvus * conversionFactor * 100) / 100,
    confidence: rv?.confidence,
  };
}

/** What a payer paying `percent` of the Medicare amount pays, to the cent. */
export function atRate(amount: number, percent: number): number {
  return Math.round(amount * percent) / 100;
}

export function formatUsd(n: number): string {
  return `$${n.toFixed(2)}`;
}
