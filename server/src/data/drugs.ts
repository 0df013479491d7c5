// Injectants (docs/LANGUAGE.md; docs/reference.md#drugs: J-codes, unit sizes, how units are counted).
import { lookupTable } from './lookup';

export interface DrugInfo {
  id: string;
  /** words that recognise it in a drug line's name */
  names: string[];
  /** the J-code billed for the drug and its unit size in mg */
  jcode?: string;
  unitMg?: number;
  /** other J-codes that count as this drug's supply line */
  alsoCodes?: string[];
  corticosteroid: boolean;
}

export const DRUGS: DrugInfo[] = [
  { id: 'triamcinolone', names: ['triamcinolone', 'kenalog'], jcode: 'J3301', unitMg: 10, corticosteroid: true },
  { id: 'dexamethasone', names: ['dexamethasone', 'decadron'], jcode: 'J1100', unitMg: 1, corticosteroid: true },
  { id: 'betamethasone', names: ['betamethasone', 'celestone'], jcode: 'J0702', unitMg: 6, corticosteroid: true },
  {
    id: 'methylprednisolone',
    names: ['methylprednisolone', 'depo-medrol'],
    jcode: 'J1010',
    unitMg: 1,
    alsoCodes: ['J1020', 'J1030', 'J1040'],
    corticosteroid: true,
  },
  { id: 'lidocaine', names: ['lidocaine', 'xylocaine'], corticosteroid: false },
  { id: 'bupivacaine', names: ['bupivacaine', 'marcaine'], corticosteroid: false },
];

/** The drug a J-code bills: its own code, the deleted codes counted as its, J2001 for lidocaine; undefined for a code ClaimNote does not know. */
export function drugOfCode(code: string): DrugInfo | undefined {
  if (code === 'J2001') return DRUGS.find((d) => d.id === 'lidocaine');
  return DRUGS.find((d) => d.jcode === code || d.alsoCodes?.includes(code));
}

/** J-code -> the drug whose units it bills (for drug-units-mismatch). */
export const UNIT_CODES: Record<string, DrugInfo> = Object.fromEntries(DRUGS.filter((d) => d.jcode).map((d) => [d.jcode!, d]));

/** Deleted methylprednisolone codes and their mg per unit (replaced by J1010 on 2024-04-01). */
export const DELETED_METHYLPRED = lookupTable<number>({ J1020: 20, J1030: 40, J1040: 80 });
export const METHYLPRED_DELETION_DATE = '2024-04-01';

/** Recognises a drug by a word of its name: `Kenalog-40` is kenalog, `Depo-Medrol` methylprednisolone. */
const recognised = new Map<string, DrugInfo | null>();

export function recogniseDrug(name: string): DrugInfo | undefined {
  let hit = recognised.get(name);
  if (hit === undefined) {
    hit = recogniseUncached(name) ?? null;
    if (recognised.size > 50000) recognised.clear();
    recognised.set(name, hit);
  }
  return hit ?? undefined;
}

function recogniseUncached(name: string): DrugInfo | undefined {
  const words = name.toLowerCase().split(/\s+/);
  for (const d of DRUGS) {
    for (const w of words) {
      for (const n of d.names) {
        if (w === n || w.startsWith(n + '-') || w.replace(/-?\d+$/, '') === n) return d;
      }
    }
  }
  return undefined;
}

/** Milligrams given by one drug line, when the line says enough to know them. */
export function milligrams(
  conc: { amount: number; unit: string } | undefined,
  dose: { amount: number; unit: string } | undefined,
): number | undefined {
  if (!dose) return undefined;
  if (dose.unit === 'mg') return dose.amount;
  if (dose.unit === 'mcg') return dose.amount / 1000;
  if ((dose.unit === 'ml' || dose.unit === 'cc') && conc) {
    if (conc.unit === 'mg/ml') return conc.amount * dose.amount;
    if (conc.unit === 'mcg/ml') return (conc.amount * dose.amount) / 1000;
    if (conc.unit === '%') return conc.amount * 10 * dose.amount;
  }
  return undefined;
}
