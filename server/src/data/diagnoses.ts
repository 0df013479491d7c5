// Diagnoses behind trigger point injections (docs/reference.md#catalogues, #icd-10-cm).
// The supporting list and the regions are ClaimNote's catalogue; payers decide coverage.
import type { Region } from './muscles';
import { REGIONS } from './muscles';

export const TPI_SUPPORTING = new Set([
  'M7910',
  'M7911',
  'M7912',
  'M7918',
  'M797',
  'M62830',
  'M62831',
  'M62838',
  'G44201',
  'G44209',
  'G44211',
  'G44219',
  'G44221',
  'G44229',
  'M542',
  'M5450',
  'M5451',
  'M5459',
  'M546',
  'S161XXA',
  'S161XXD',
  'S39012A',
  'S39012D',
  'S29012A',
  'S29012D',
]);

const HEAD_NECK_UPPER: Region[] = ['head', 'neck', 'upper back'];

/** Regions a diagnosis covers; every region for a diagnosis that names none. */
export function regionsCovered(code: string): readonly Region[] {
  if (code.startsWith('G442') || code === 'M7912' || code === 'M542' || code.startsWith('S161XX')) return HEAD_NECK_UPPER;
  if (code === 'M7911') return ['head'];
  if (code === 'M546' || code.startsWith('S29012')) return ['upper back'];
  if (code === 'M62830') return ['upper back', 'low back'];
  if (code === 'M5450' || code === 'M5451' || code === 'M5459' || code.startsWith('S39012')) return ['low back', 'hip'];
  if (code === 'M62831') return ['leg'];
  return REGIONS;
}

/** A diagnosis of infection at an injection site: M60.0*, B33.0, L03.* */
export function isInfection(code: string): boolean {
  return code.startsWith('M600') || code === 'B330' || code.startsWith('L03');
}
